import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide values shared by every instance (e.g. the generated JWT secret). Not tenant-owned. */
@Entity({ name: 'instance_settings' })
export class InstanceSettingEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a reader of the domain-event outbox is (by transaction id); not tenant-owned. */
@Entity({ name: 'outbox_consumers' })
export class OutboxConsumerEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** Events recorded by transactions below this id have been consumed. */
  @Column({ name: 'below_xact', type: 'bigint' })
  belowXact!: string;
}

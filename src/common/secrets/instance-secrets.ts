import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Named random secrets shared by every instance on the database: made once, kept in
 * `instance_settings`, read once per process.
 */
@Injectable()
export class InstanceSecrets {
  private readonly loaded = new Map<string, Promise<Buffer>>();

  constructor(private readonly dataSource: DataSource) {}

  get(name: string): Promise<Buffer> {
    let secret = this.loaded.get(name);
    if (!secret) {
      secret = this.load(name);
      this.loaded.set(name, secret);
    }
    return secret;
  }

  private async load(name: string): Promise<Buffer> {
    await this.dataSource.query(`INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    const rows: { value: string }[] = await this.dataSource.query(`SELECT value FROM instance_settings WHERE key = $1`, [name]);
    return Buffer.from(rows[0]!.value, 'base64url');
  }
}

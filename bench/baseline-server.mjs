// The raw baseline: bare Fastify and pg doing exactly the SQL Tandem's routes do, with no Nest,
// no ORM, no validation and no logging. Started by bench/run.mjs next to the real service.
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

async function principal(request) {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const { rows } = await pool.query(
    `SELECT tenant_id, id, role FROM api_keys
     WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [hash],
  );
  return rows[0] ?? null;
}

app.get('/hello', async () => ({ status: 'ok' }));

app.get('/tenant', async (request, reply) => {
  const caller = await principal(request);
  if (!caller) return reply.code(401).send({ status: 401 });
  const { rows } = await pool.query('SELECT * FROM tenants WHERE id = $1', [caller.tenant_id]);
  const t = rows[0];
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    settings: { anonymityThreshold: t.anonymity_threshold, timezone: t.timezone, locale: t.locale },
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    version: t.version,
  };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('baseline ready');
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { asMigrations } from '#src/common/tenancy/tenant-scope.js';
import { loadConfig } from '#src/config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { cliDatabase } from './cli-database.js';
import { scopeConnections } from './scoped-connections.js';

const USAGE = `Usage: npm run migration:<command>
  migration:run                 apply pending migrations
  migration:revert              undo the last applied migration
  migration:show                list migrations and whether each is applied
  migration:generate -- <Name>  write migrations/<epoch-ms>-<Name>.ts with the SQL that brings the
                                schema in line with the entities (read and fix it before committing)

Uses DATABASE_URL; without it, the embedded PostgreSQL of DATA_DIR (started here if npm start is not running).`;

async function main(argv: string[]): Promise<number> {
  const [command, rawName] = argv;
  // Accept both `-- AddUnits` and `-- migrations/AddUnits`.
  const name = rawName?.replace(/^migrations\//, '');
  if (!command || !['run', 'revert', 'show', 'generate'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'generate' && (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))) {
    console.error('migration:generate needs a PascalCase name, e.g. npm run migration:generate -- AddUnits');
    return 2;
  }

  const { url, embedded } = await cliDatabase(loadConfig());

  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  // As the application does it: migrations as the connecting user, seeing every tenant's rows.
  scopeConnections(dataSource);
  try {
    return await asMigrations(() => execute(dataSource, command, name));
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

async function execute(dataSource: DataSource, command: string, name: string | undefined): Promise<number> {
  switch (command) {
    case 'run': {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'No pending migrations.');
      break;
    }
    case 'revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
      break;
    case 'show': {
      const applied = new Set((await dataSource.query('SELECT name FROM migrations')).map((r: { name: string }) => r.name));
      for (const migration of dataSource.migrations) {
        const migrationName = migration.name ?? migration.constructor.name;
        console.log(`${applied.has(migrationName) ? '[x]' : '[ ]'} ${migrationName}`);
      }
      break;
    }
    case 'generate':
      return generate(dataSource, name!);
  }
  return 0;
}

async function generate(dataSource: DataSource, name: string): Promise<number> {
  const pending = await dataSource.showMigrations();
  if (pending) {
    console.error('Apply pending migrations first (npm run migration:run): the diff is taken against the migrated schema.');
    return 1;
  }
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('The entities and the schema already agree: nothing to generate.');
    return 0;
  }
  const timestamp = Date.now();
  const quote = (query: string) => `    await queryRunner.query(${JSON.stringify(query)});`;
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map((q) => quote(q.query)).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((q) => quote(q.query)).join('\n')}
  }
}
`;
  const file = join('migrations', `${timestamp}-${name}.ts`);
  await writeFile(file, source, { flag: 'wx' });
  console.log(`Wrote ${file}. Read and fix the SQL, then register ${name}${timestamp} in src/database/migrations.ts.`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});

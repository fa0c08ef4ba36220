import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { ReportDatabase } from './report-database.js';
import { runMigrationsLocked } from './run-migrations.js';
import { scopeConnections } from './scoped-connections.js';

/**
 * The application's connection to PostgreSQL (and to its read replicas, if any); the schema is
 * migrated before anything else uses it. `DataSource` reaches the primary; `ReportDatabase`, for
 * reports, a replica when there is one.
 * Every connection it checks out carries the tenant scope of the code that uses it (docs/tenancy.md).
 */
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, replicaUrls: readonly string[] = []): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [ReportDatabase],
      exports: [ReportDatabase],
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(databaseUrl, {}, replicaUrls),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            scopeConnections(dataSource);
            try {
              await runMigrationsLocked(dataSource);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}

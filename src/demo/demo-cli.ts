import 'reflect-metadata';
import { createApp } from '#src/app.setup.js';
import { ConfigError, loadConfig } from '#src/config/app-config.js';
import { cliDatabase } from '#src/database/cli-database.js';
import { demoBanner } from './demo-banner.js';
import { loadDemo } from './demo-loader.js';

/**
 * `npm run demo`: loads the demo organisation into the configured database (DATABASE_URL, or the
 * embedded server of a running `npm start`, or the embedded server of DATA_DIR, started for the
 * duration). Background jobs stay off in this process; a running service does its own.
 */
async function main(): Promise<number> {
  const startedAt = Date.now();
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, JOBS_ENABLED: 'false' });
  const database = await cliDatabase(config);
  try {
    const app = await createApp(config, withoutFlushWait(database.url));
    try {
      await app.init();
      console.log(`Loading the demo organisation (schema ready after ${Date.now() - startedAt} ms)…`);
      const result = await loadDemo(app, { log: (line) => console.log(line) });
      console.log(demoBanner(result));
      console.log(`Done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, start-up included.`);
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

/**
 * The loader's connections commit without waiting for the disk (synchronous_commit off, a setting
 * of these sessions only): thousands of small commits go several times faster, and a crash can
 * lose only the last moments of a load that would have to be redone anyway.
 */
function withoutFlushWait(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get('options');
  parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=off`);
  return parsed.toString();
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `The demo could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});

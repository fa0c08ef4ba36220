import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { demoBanner } from './demo/demo-banner.js';
import { loadDemo } from './demo/demo-loader.js';
import { startServer } from './server.js';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const startedAt = Date.now();
const server = await startServer(config).catch((error: unknown) => {
  console.error(`Tandem could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

if (server.bootstrap.created && server.bootstrap.apiKey) {
  // Printed once, on the console only: it is the sole way into a fresh installation.
  console.log(
    [
      '',
      '  A default organisation was created. Its hr_admin API key (shown only now):',
      '',
      `    ${config.bootstrapKey ? '(the value of TANDEM_BOOTSTRAP_KEY)' : server.bootstrap.apiKey}`,
      '',
      '  Use it as:  Authorization: Bearer <key>',
      '',
    ].join('\n'),
  );
}
console.log(`Tandem is listening on ${server.url} (ready in ${Date.now() - startedAt} ms; API docs at ${server.url}/docs)`);

/** Longest a graceful stop may take before the process gives up waiting for requests. */
const SHUTDOWN_DEADLINE_MS = 30_000;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      console.error(`Second ${signal}: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then stopping.`);
    setTimeout(() => {
      console.error(`Still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting without waiting.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  });
}

// `npm start -- --demo`: the demo organisation too (docs/demo.md), loaded once.
if (process.argv.slice(2).includes('--demo')) {
  console.log('Loading the demo organisation…');
  await loadDemo(server.app).then(
    (result) => console.log(demoBanner(result, server.url)),
    (error: unknown) => console.error(`The demo could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
  );
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/**
 * The static files of the pages: name → content type and where the file is. Ours live in
 * `public/` beside package.json; the charting library is served from its installed package
 * (Chart.js's self-contained UMD build, which defines `window.Chart`), never from a CDN.
 */
const FILES: Readonly<Record<string, { readonly contentType: string; readonly path: () => string }>> = {
  'app.css': { contentType: CSS, path: () => join(publicFolder(), 'app.css') },
  'survey.js': { contentType: JS, path: () => join(publicFolder(), 'survey.js') },
  'insights.js': { contentType: JS, path: () => join(publicFolder(), 'insights.js') },
  // chart.js exports no path to its UMD build, so it is found beside the entry point it does export.
  'chart.umd.min.js': { contentType: JS, path: () => join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js') },
};

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly hash: string;
}

let loaded: ReadonlyMap<string, Asset> | undefined;

/** The assets, read once (`public/` is found from this file, in src/ or dist/src/). */
function assets(): ReadonlyMap<string, Asset> {
  if (loaded) return loaded;
  loaded = new Map(
    Object.entries(FILES).map(([name, { contentType, path }]) => {
      const body = readFileSync(path());
      return [name, { body, contentType, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
    }),
  );
  return loaded;
}

function publicFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json'))) return join(folder, 'public');
    const parent = dirname(folder);
    if (parent === folder) throw new Error('public/ not found: the pages need the folder beside package.json');
    folder = parent;
  }
}

/** An asset by name, or undefined for any other name. */
export function findAsset(name: string): Asset | undefined {
  return Object.hasOwn(FILES, name) ? assets().get(name) : undefined;
}

/** The URL of an asset, with its content hash so it can be cached for good. */
export function assetUrl(name: keyof typeof FILES & string): string {
  return `/assets/${name}?v=${assets().get(name)!.hash}`;
}

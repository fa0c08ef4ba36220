import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The static files of the pages, in `public/` beside package.json: name → content type. */
const FILES: Readonly<Record<string, string>> = {
  'app.css': 'text/css; charset=utf-8',
  'survey.js': 'text/javascript; charset=utf-8',
};

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly hash: string;
}

let loaded: ReadonlyMap<string, Asset> | undefined;

/** The assets, read once from the project's `public/` (found from this file, in src/ or dist/src/). */
function assets(): ReadonlyMap<string, Asset> {
  if (loaded) return loaded;
  const folder = publicFolder();
  loaded = new Map(
    Object.entries(FILES).map(([name, contentType]) => {
      const body = readFileSync(join(folder, name));
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

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_POLICY, type AccessPolicy } from '#src/common/auth/access-policy.js';
import { PAGE_PATHS } from '#src/modules/pages/page-paths.js';

export interface DiscoveredRoute {
  /** e.g. `GET /api/v1/users/:id` */
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  readonly policy: AccessPolicy | undefined;
  /** A page (HTML, docs/pages.md), not part of the API or its OpenAPI document. */
  readonly page: boolean;
}

const UNVERSIONED_PREFIXES = ['health', 'problems'];
const PAGES = new Set<string>(PAGE_PATHS);

/** Every route the application's controllers declare, with the access policy each resolves to. */
export function discoverRoutes(app: NestFastifyApplication): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, controller) as string | undefined);
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name as keyof typeof controller.prototype] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (routePath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const joined = [base, normalise(routePath)].filter(Boolean).join('/');
        const page = PAGES.has(joined);
        const versioned = page || UNVERSIONED_PREFIXES.some((p) => joined === p || joined.startsWith(`${p}/`)) ? '' : 'api/v1/';
        const path = `/${versioned}${joined}`;
        const policy =
          (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ??
          (Reflect.getMetadata(ACCESS_POLICY, controller) as AccessPolicy | undefined);
        routes.push({ key: `${method} ${path}`, method: method!, path, controller: controller.name, handler: name, policy, page });
      }
    }
  }
  return routes.sort((x, y) => x.key.localeCompare(y.key));
}

function normalise(path: string | undefined): string {
  return (path ?? '').replace(/^\/+|\/+$/g, '');
}

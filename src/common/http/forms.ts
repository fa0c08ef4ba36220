import type { FastifyInstance } from 'fastify';

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** Route config key that lets a route (a page's form post) receive form-encoded bodies. */
export const ACCEPTS_FORM = 'acceptsForm';

/** A parsed form: each field's value, or its values when the field came more than once (checkboxes). */
export type FormFields = Readonly<Record<string, string | string[]>>;

/**
 * Registers the form body parser: routes declaring `@RouteConfig({ acceptsForm: true })` get the
 * fields (in an object without a prototype, so no field name can reach one); every other route
 * answers 415, as for any unknown type, so no JSON DTO ever sees a form.
 */
export function registerFormParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(FORM_MEDIA_TYPE, { parseAs: 'string' }, (request, body, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[ACCEPTS_FORM] !== true) {
      done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
      return;
    }
    done(null, parseForm(body as string));
  });
}

export function parseForm(body: string): FormFields {
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return fields;
}

import fc from 'fast-check';

/** The part of an OpenAPI 3 schema object the generators read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  additionalProperties?: boolean | SchemaObject;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, SchemaObject> };
}

/**
 * Values a client should never send and a server must still answer with 4xx: wrong types, edge
 * numbers, bytes PostgreSQL refuses (NUL), impossible dates, huge strings, injection-looking text.
 */
export const hostile: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  '',
  ' ',
  'x'.repeat(5000),
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀'.repeat(50),
  "'; DROP TABLE users; --",
  '../../../etc/passwd',
  '%00',
  '2024-02-30',
  '0000-00-00',
  '9999-12-31',
  '-infinity',
  '1e999',
  'NaN',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  -1,
  0,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  1e308,
  -1e308,
  0.5,
  true,
  false,
  [],
  [null],
  {},
  { nested: { deeper: [1, 'two', null] } },
);

const DATE = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

/**
 * Generates values of an OpenAPI schema, with now and then a hostile value in place of any part,
 * so requests get past the outer validation into the services often, and sometimes break it deep down.
 * `uuids` are the real ids to use for uuid-formatted strings (mixed with random ones).
 */
export class SchemaArbitraries {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly uuids: readonly string[],
  ) {}

  value(schema: SchemaObject | undefined, depth = 0): fc.Arbitrary<unknown> {
    const valid = this.valid(schema, depth);
    return fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: hostile, weight: 1 });
  }

  resolve(schema: SchemaObject | undefined): SchemaObject {
    let resolved = schema ?? {};
    for (let i = 0; i < 10 && resolved.$ref; i++) resolved = this.document.components.schemas[resolved.$ref.split('/').at(-1)!] ?? {};
    return resolved;
  }

  private valid(input: SchemaObject | undefined, depth: number): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if (depth > 5) return fc.constant(null);
    if (schema.allOf) {
      const merged: SchemaObject = { type: 'object', properties: {}, required: [] };
      for (const part of schema.allOf.map((s) => this.resolve(s))) {
        Object.assign(merged.properties!, part.properties ?? {});
        merged.required!.push(...(part.required ?? []));
      }
      return this.valid(merged, depth);
    }
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives) return fc.oneof(...alternatives.map((s) => this.value(s, depth + 1)));
    const base = this.typed(schema, depth);
    return schema.nullable ? fc.option(base, { nil: null, freq: 8 }) : base;
  }

  private typed(schema: SchemaObject, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(this.value(schema.items, depth + 1), { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 4, 4) });
      case 'object':
      case undefined: {
        if (!schema.properties) {
          return typeof schema.additionalProperties === 'object'
            ? fc.dictionary(fc.constantFrom('en', 'fr', 'a', 'key'), this.value(schema.additionalProperties, depth + 1), { maxKeys: 3 })
            : fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
        }
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, property] of Object.entries(schema.properties)) record[key] = this.value(property, depth + 1);
        const required = schema.required ?? [];
        return fc.record(record, { requiredKeys: required.filter((key) => key in record) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: SchemaObject): fc.Arbitrary<unknown> {
    switch (schema.format) {
      case 'uuid':
        return this.uuids.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...this.uuids), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 }) : fc.uuid();
      case 'date':
        return DATE.map((d) => d.toISOString().slice(0, 10));
      case 'date-time':
        return DATE.map((d) => d.toISOString());
      case 'email':
        return fc.emailAddress();
      case 'uri':
      case 'url':
        return fc.oneof(fc.webUrl(), fc.constant('http://127.0.0.1:9/x'));
      default:
        return fc.string({ minLength: Math.min(schema.minLength ?? 0, 20), maxLength: Math.min(schema.maxLength ?? 30, 30), unit: 'grapheme' });
    }
  }
}

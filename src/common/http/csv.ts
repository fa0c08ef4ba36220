import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { FastifyInstance } from 'fastify';
import { CommonProblems } from '../errors/common-problems.js';
import { DomainError } from '../errors/domain-error.js';
import { validationFailed } from './validation.js';

export const CSV_MEDIA_TYPE = 'text/csv';

/** Route config key that lets a route receive `text/csv` bodies as a stream. */
export const ACCEPTS_CSV = 'acceptsCsv';

/**
 * Registers the `text/csv` body parser: routes declaring `@RouteConfig({ acceptsCsv: true })` get
 * the raw stream to read as they go; every other route answers 415, as for any unknown type.
 */
export function registerCsvParser(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(CSV_MEDIA_TYPE, (request, payload, done) => {
    const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (config?.[ACCEPTS_CSV] === true) return done(null, payload);
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }), undefined);
  });
}

/** A CSV record with the (1-based) line of the file it ended on. */
export interface CsvRecord {
  readonly line: number;
  readonly values: Record<string, string>;
}

export interface CsvLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
  /** The columns a header may name; any other is refused before a record is read. */
  readonly columns: readonly string[];
  /** Columns every header must name. */
  readonly requiredColumns: readonly string[];
}

/**
 * Reads a CSV body whose first row names the columns. Refuses, as a whole: a body that is not a
 * stream (415), more than `maxBytes` (413), an unknown or missing column, more than `maxRecords`
 * rows, or CSV that cannot be parsed (400, naming the line). Empty cells are left out of a record.
 */
export async function readCsv(body: unknown, limits: CsvLimits): Promise<CsvRecord[]> {
  if (!(body instanceof Readable)) {
    throw new DomainError(CommonProblems.unsupportedMediaType, `Send the file as ${CSV_MEDIA_TYPE}.`);
  }
  const records: CsvRecord[] = [];
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 64 * 1024,
    columns: (header: string[]) => checkHeader(header, limits),
  });
  parser.on('readable', () => {
    for (let item = parser.read(); item !== null; item = parser.read()) {
      const { record, info } = item as { record: Record<string, string>; info: { lines: number } };
      if (records.length >= limits.maxRecords) {
        parser.destroy(validationFailed([{ field: 'file', message: `has more than ${limits.maxRecords} rows` }]));
        return;
      }
      const values = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
      records.push({ line: info.lines, values });
    }
  });
  try {
    await pipeline(body, byteLimit(limits.maxBytes), parser);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError(CommonProblems.malformedBody, `The CSV could not be read: ${message}`);
  }
  return records;
}

function checkHeader(header: string[], limits: CsvLimits): string[] {
  const names = header.map((name) => name.trim());
  const unknown = names.filter((name) => !limits.columns.includes(name));
  const missing = limits.requiredColumns.filter((name) => !names.includes(name));
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  const problems = [
    ...unknown.map((name) => ({ field: name, message: `is not a known column (known: ${limits.columns.join(', ')})` })),
    ...missing.map((name) => ({ field: name, message: 'is a required column' })),
    ...repeated.map((name) => ({ field: name, message: 'appears twice in the header' })),
  ];
  if (problems.length > 0) throw validationFailed(problems);
  return names;
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(new DomainError(CommonProblems.payloadTooLarge, `The file is larger than ${maxBytes} bytes.`));
        return;
      }
      callback(null, chunk);
    },
  });
}

/**
 * Writes rows as CSV (RFC 4180: comma-separated, CRLF, quoted where needed). Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed with
 * `'`, so an exported comment or name cannot carry a formula; numbers are written as they are.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

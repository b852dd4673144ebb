/**
 * Options of a CSV import, as given in the import request's query string (`?crs=EPSG:3006&delimiter=;
 * &latColumn=Latitud`). Validated once, before the body is read.
 */
import { z } from 'zod';
import { CsvOptionsError } from './errors.js';
import { parseCrs, SUPPORTED_CRS, WGS84 } from './coordinates.js';

/** Canonical column names; row errors use these as `field`, whatever the header says. */
export const CSV_COLUMNS = [
  'id',
  'category',
  'observed_at',
  'observed_until',
  'lat',
  'lng',
  'e',
  'n',
  'x',
  'y',
  'severity',
  'description',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Query parameter that renames each column. */
export const COLUMN_PARAMS: Readonly<Record<CsvColumn, string>> = {
  id: 'idColumn',
  category: 'categoryColumn',
  observed_at: 'observedAtColumn',
  observed_until: 'observedUntilColumn',
  lat: 'latColumn',
  lng: 'lngColumn',
  e: 'eColumn',
  n: 'nColumn',
  x: 'xColumn',
  y: 'yColumn',
  severity: 'severityColumn',
  description: 'descriptionColumn',
};

export type CsvDelimiter = ',' | ';' | '\t' | '|';

export interface CsvOptions {
  /** 4326 (default) or a Swedish projected CRS (3006, 3007–3018, 3021). */
  srid: number;
  /** Forced separator; null = detect `,` `;` or tab from the header line. */
  delimiter: CsvDelimiter | null;
  /** Header names chosen by the caller, by canonical column; unmapped columns use the default names. */
  columns: Partial<Record<CsvColumn, string>>;
  /** IANA zone for timestamps without offset. Not a query option: the service passes the area's zone. Default Europe/Stockholm. */
  timezone?: string;
  /**
   * Receives notes about how the file was read: encoding, separator, repaired axis order. Called
   * while parsing (encoding and separator first, repairs once the last row has been yielded). The
   * import service returns them to the client with the import summary.
   */
  onNote?: (note: string) => void;
}

const DELIMITERS: Readonly<Record<string, CsvDelimiter>> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

const once = (schema: z.ZodType<string>) =>
  z.union([schema, z.array(z.unknown())]).superRefine((value, ctx) => {
    if (Array.isArray(value)) ctx.addIssue({ code: 'custom', message: 'must be given once' });
  });

const columnName = z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

const querySchema = z.object({
  crs: once(z.string())
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return WGS84;
      const srid = parseCrs(value as string);
      if (srid === null) {
        ctx.addIssue({ code: 'custom', message: `unsupported CRS ${JSON.stringify(value)}; use one of ${SUPPORTED_CRS.join(', ')}` });
        return z.NEVER;
      }
      return srid;
    }),
  delimiter: once(z.string())
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return null;
      const delimiter = DELIMITERS[(value as string).toLowerCase()];
      if (!delimiter) {
        ctx.addIssue({ code: 'custom', message: 'must be one of , ; tab | (or comma, semicolon, tab, pipe)' });
        return z.NEVER;
      }
      return delimiter;
    }),
  ...Object.fromEntries(Object.values(COLUMN_PARAMS).map((param) => [param, once(columnName).optional()])),
});

/**
 * Validates the CSV-specific query parameters; unknown parameters are left to the route.
 * @throws CsvOptionsError naming the first bad parameter.
 * @example csvOptionsFromQuery({ crs: 'EPSG:3006', latColumn: 'Latitud' })
 */
export function csvOptionsFromQuery(query: Record<string, unknown>): CsvOptions {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'query');
    throw new CsvOptionsError(field, `${field} ${issue.message}`);
  }
  const values = parsed.data as Record<string, unknown>;
  const columns: Partial<Record<CsvColumn, string>> = {};
  for (const column of CSV_COLUMNS) {
    const header = values[COLUMN_PARAMS[column]];
    if (typeof header === 'string') columns[column] = header;
  }
  return { srid: parsed.data.crs, delimiter: parsed.data.delimiter, columns };
}

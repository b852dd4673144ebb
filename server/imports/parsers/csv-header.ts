/**
 * The CSV header: which separator the file uses and which column holds which field.
 * Problems here reject the whole file (CsvOptionsError → HTTP 400) before any row is read.
 */
import { CsvOptionsError } from './errors.js';
import { crsName, WGS84 } from './coordinates.js';
import { COLUMN_PARAMS, type CsvColumn, type CsvDelimiter, type CsvOptions } from './csv-options.js';

/** Header names recognised without mapping (compared trimmed and lower-cased). */
const DEFAULT_NAMES: Readonly<Record<CsvColumn, readonly string[]>> = {
  id: ['id', 'external_id', 'externalid'],
  category: ['category'],
  observed_at: ['observed_at', 'observedat'],
  observed_until: ['observed_until', 'observeduntil'],
  lat: ['lat', 'latitude'],
  lng: ['lng', 'lon', 'long', 'longitude'],
  e: ['e', 'easting'],
  n: ['n', 'northing'],
  x: ['x'],
  y: ['y'],
  severity: ['severity'],
  description: ['description'],
};

export type CoordinateColumns = 'lat-lng' | 'e-n' | 'x-y';

export interface ColumnLayout {
  /** Index in the record of each column present. */
  index: Partial<Record<CsvColumn, number>>;
  /** The header text of each column present, for messages. */
  header: Partial<Record<CsvColumn, string>>;
  coordinates: CoordinateColumns;
  fieldCount: number;
}

const normalise = (name: string) => name.trim().toLowerCase();

/**
 * Picks the separator that occurs most often outside quotes in the header line; ties go to
 * `;` before `,` before tab (Swedish Excel writes `;` because `,` is the decimal sign).
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

export function resolveColumns(headerCells: string[], options: CsvOptions): ColumnLayout {
  const positions = new Map<string, number[]>();
  headerCells.forEach((cell, i) => {
    const key = normalise(cell);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });

  const index: Partial<Record<CsvColumn, number>> = {};
  const header: Partial<Record<CsvColumn, string>> = {};
  const find = (column: CsvColumn): void => {
    const mapped = options.columns[column];
    const names = mapped !== undefined ? [normalise(mapped)] : DEFAULT_NAMES[column];
    const name = names.find((candidate) => positions.has(candidate));
    if (name === undefined) {
      if (mapped !== undefined) {
        const param = COLUMN_PARAMS[column];
        throw new CsvOptionsError(
          param,
          `${param}: column ${JSON.stringify(mapped)} is not in the header (${headerList(headerCells)})`,
        );
      }
      return;
    }
    const found = positions.get(name)!;
    if (found.length > 1) {
      throw new CsvOptionsError('header', `column ${JSON.stringify(headerCells[found[0]!]!.trim())} appears ${found.length} times in the header`);
    }
    index[column] = found[0]!;
    header[column] = headerCells[found[0]!]!.trim();
  };
  for (const column of Object.keys(DEFAULT_NAMES) as CsvColumn[]) find(column);

  const requireColumn = (column: CsvColumn, hint = ''): void => {
    if (index[column] !== undefined) return;
    throw new CsvOptionsError(
      column,
      `missing column ${JSON.stringify(column)}; map another header with ${COLUMN_PARAMS[column]}=...` +
        `${hint} (header: ${headerList(headerCells)})`,
    );
  };
  requireColumn('id');
  requireColumn('category');
  requireColumn('observed_at');

  return { index, header, coordinates: coordinateColumns(index, options, requireColumn), fieldCount: headerCells.length };
}

function coordinateColumns(
  index: Partial<Record<CsvColumn, number>>,
  options: CsvOptions,
  requireColumn: (column: CsvColumn, hint?: string) => void,
): CoordinateColumns {
  const has = (column: CsvColumn) => index[column] !== undefined;
  if (options.srid === WGS84) {
    const hint =
      has('e') || has('n') || has('x') || has('y')
        ? '; the file has e/n or x/y columns: for SWEREF 99 or RT 90 set crs (e.g. crs=EPSG:3006), for degrees map them with latColumn and lngColumn'
        : '';
    requireColumn('lat', hint);
    requireColumn('lng', hint);
    return 'lat-lng';
  }
  const eastNorthAsked = options.columns.e !== undefined || options.columns.n !== undefined;
  if (eastNorthAsked || (has('e') && has('n'))) {
    requireColumn('e');
    requireColumn('n');
    return 'e-n';
  }
  if (options.columns.x !== undefined || options.columns.y !== undefined || (has('x') && has('y'))) {
    requireColumn('x');
    requireColumn('y');
    return 'x-y';
  }
  throw new CsvOptionsError(
    'header',
    `${crsName(options.srid)} coordinates need columns e and n (easting, northing) or x and y ` +
      '(Swedish convention: x = northing, y = easting); map them with eColumn/nColumn or xColumn/yColumn',
  );
}

function headerList(cells: string[]): string {
  const shown = cells.slice(0, 20).map((cell) => JSON.stringify(cell.trim()));
  return cells.length > 20 ? `${shown.join(', ')}, ...` : shown.join(', ');
}

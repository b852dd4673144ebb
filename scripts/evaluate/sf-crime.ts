/**
 * The San Francisco 2012 incidents (../shared/data, GeoDa Center; SFPD/DataSF, CC0) as the
 * evaluation reads them: deduplicated on incident_num, categories mapped to the EST taxonomy.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const SF_CSV = path.resolve(process.cwd(), '../shared/data/incidents/sf_crime_2012-07_2012-12.csv');

/** The four SFPD categories onto the area's codes (robbery is theft by force or threat: våld/hot). */
export const CATEGORY_CODES: Record<string, string> = {
  'DRUG/NARCOTIC': 'narkotika',
  VANDALISM: 'skadegorelse',
  'VEHICLE THEFT': 'stold',
  ROBBERY: 'vald',
};

export interface SfIncident {
  incidentNum: string;
  category: string;
  description: string;
  date: string;
  lng: number;
  lat: number;
}

export interface SfData {
  rows: number;
  duplicates: number;
  incidents: SfIncident[];
}

export function sfDataAvailable(): boolean {
  return existsSync(SF_CSV);
}

/** Reads the file and keeps the first row of each incident_num (3,332 rows are exact repeats). */
export function readSfIncidents(): SfData {
  const records = parse(readFileSync(SF_CSV), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const seen = new Set<string>();
  const incidents: SfIncident[] = [];
  for (const r of records) {
    if (seen.has(r.incident_num!)) continue;
    seen.add(r.incident_num!);
    const category = CATEGORY_CODES[r.category!];
    if (!category) throw new Error(`Unknown SFPD category ${r.category} (incident ${r.incident_num})`);
    incidents.push({ incidentNum: r.incident_num!, category, description: r.description ?? '', date: r.date!, lng: Number(r.longitude), lat: Number(r.latitude) });
  }
  return { rows: records.length, duplicates: records.length - incidents.length, incidents };
}

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The import body in the file's own column names (mapped with idColumn, observedAtColumn, ...);
 * `date` is a day without time, which the import reads as local midnight in the area's zone.
 */
export function importCsv(incidents: readonly SfIncident[]): string {
  const lines = ['incident_num,category,description,date,longitude,latitude'];
  for (const i of incidents) lines.push([i.incidentNum, i.category, field(i.description), i.date, String(i.lng), String(i.lat)].join(','));
  return lines.join('\n') + '\n';
}

export const IMPORT_MAPPING = {
  format: 'csv',
  idColumn: 'incident_num',
  observedAtColumn: 'date',
  lngColumn: 'longitude',
  latColumn: 'latitude',
  descriptionColumn: 'description',
};

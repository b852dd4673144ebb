import { z } from 'zod';

/** Output formats and coordinate systems of the analytics exports (also used by /hotspots). */

export const OUTPUT_CRS = ['EPSG:4326', 'EPSG:3006'] as const;
export type OutputCrs = (typeof OUTPUT_CRS)[number];

const CRS_SPELLINGS: Record<string, OutputCrs> = {
  'epsg:4326': 'EPSG:4326',
  '4326': 'EPSG:4326',
  crs84: 'EPSG:4326',
  'urn:ogc:def:crs:ogc:1.3:crs84': 'EPSG:4326',
  'urn:ogc:def:crs:epsg::4326': 'EPSG:4326',
  'epsg:3006': 'EPSG:3006',
  '3006': 'EPSG:3006',
  'urn:ogc:def:crs:epsg::3006': 'EPSG:3006',
};

/** WGS 84 (the GeoJSON default) or SWEREF 99 TM, the CRS of Swedish municipal GIS. */
export const OutputCrsParam = z
  .string()
  .transform((value, ctx) => {
    const crs = CRS_SPELLINGS[value.trim().toLowerCase()];
    if (!crs) {
      ctx.addIssue({ code: 'custom', message: 'must be EPSG:4326 (WGS 84, the default) or EPSG:3006 (SWEREF 99 TM)' });
      return z.NEVER;
    }
    return crs;
  })
  .default('EPSG:4326');

/** GeoJSON (default) or CSV, for results with one row per cell. */
export const CellExportShape = {
  format: z.enum(['geojson', 'csv']).default('geojson'),
  crs: OutputCrsParam,
};
export type CellExport = { format: 'geojson' | 'csv'; crs: OutputCrs };

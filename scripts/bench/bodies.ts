/**
 * Import bodies built from the demo generator's stream: GeoJSON FeatureCollections and CSV files
 * as an integration would send them. Each body is built in memory before its request starts, so
 * building it is not part of the timed import.
 */
import type { DemoReport } from '../demo/generate';

/** Takes up to `total` items from `items` in chunks of `size`; the iterator stays open for the next caller. */
export function* inChunks<T>(items: Iterator<T>, size: number, total: number): Generator<T[]> {
  let taken = 0;
  while (taken < total) {
    const chunk: T[] = [];
    while (chunk.length < size && taken < total) {
      const next = items.next();
      if (next.done) break;
      chunk.push(next.value);
      taken++;
    }
    if (chunk.length === 0) return;
    yield chunk;
    if (chunk.length < size && taken < total) return; // the source ran dry
  }
}

export function geoJsonBody(reports: readonly DemoReport[]): Buffer {
  const features = reports.map((r) =>
    JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
      properties: {
        id: r.id,
        category: r.category,
        observedAt: r.observedAt.toISOString(),
        observedUntil: r.observedUntil?.toISOString() ?? null,
        severity: r.severity,
        description: r.description,
      },
    }),
  );
  return Buffer.from(`{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`, 'utf8');
}

const CSV_HEADER = 'id,category,observed_at,observed_until,lat,lng,severity,description';

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvBody(reports: readonly DemoReport[]): Buffer {
  const lines = reports.map((r) =>
    [
      r.id,
      r.category,
      r.observedAt.toISOString(),
      r.observedUntil?.toISOString() ?? '',
      r.lat,
      r.lng,
      r.severity,
      csvCell(r.description),
    ].join(','),
  );
  return Buffer.from(`${CSV_HEADER}\n${lines.join('\n')}\n`, 'utf8');
}

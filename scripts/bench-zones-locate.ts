/**
 * `npm run bench:zones`: naming H3 cells after places (POST /zones/locate's query), as the
 * lägesbild's top list and the patrol plans use it: 1,000 cells in one query, against the naive
 * way (one query per cell) in the same run. On a fresh bench database (DATABASE_URL's server, or
 * a temporary PGlite), with the demo area and 200 zones of 50–400 m over it.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { createArea } from '../server/areas/areas.service';
import { withArea } from '../server/db/scope';
import { insertZone, locatePoints } from '../server/zones/zones.repository';
import { DEMO_BOUNDARY } from './demo/area';
import { offsetByMetres } from './demo/geometry';
import { createBenchDatabase } from './bench/bench-database';
import { heading, ms, percentile, table } from './bench/report';

const ZONES = 200;
const CELLS = 1000;
const RUNS = 20;
const NAIVE_RUNS = 3;

function square(lng: number, lat: number, half: number) {
  const corners = [[-half, -half], [half, -half], [half, half], [-half, half], [-half, -half]].map(([e, n]) => offsetByMetres(lng, lat, e!, n!));
  return { type: 'Polygon', coordinates: [corners] };
}

async function main() {
  const database = await createBenchDatabase(process.env.DATABASE_URL);
  const handle = await database.open();
  try {
    const area = await createArea(handle.db, { code: 'bench-zones', name: 'Bench', boundary: DEMO_BOUNDARY });
    // A deterministic scatter of squares over the demo area's box.
    for (let i = 0; i < ZONES; i++) {
      const lng = 16.46 + ((i * 0.6180339) % 1) * 0.12;
      const lat = 59.343 + ((i * 0.4142135) % 1) * 0.052;
      await insertZone(handle.db, { areaId: area.id, id: randomUUID(), name: `Zon ${i}`, geojson: JSON.stringify(square(lng, lat, 50 + (i % 8) * 50)), createdBy: null });
    }
    const app = handle.appDb();
    const cellSets = Array.from({ length: RUNS }, (_, run) => gridDisk(latLngToCell(59.36 + run * 0.001, 16.5 + run * 0.002, 10), 19).slice(0, CELLS));
    const centres = (cells: string[]) => cells.map((c) => cellToLatLng(c)).map(([lat, lng]) => [lng, lat] as [number, number]);

    const batched: number[] = [];
    let named = 0;
    for (const cells of cellSets) {
      const points = centres(cells);
      const started = performance.now();
      const located = await withArea(app, area.id, (tx) => locatePoints(tx, area.id, points, 2000));
      batched.push(performance.now() - started);
      named += located.filter((l) => l.zoneId !== null).length;
    }
    const naive: number[] = [];
    for (const cells of cellSets.slice(0, NAIVE_RUNS)) {
      const points = centres(cells);
      const started = performance.now();
      await withArea(app, area.id, async (tx) => {
        for (const point of points) await locatePoints(tx, area.id, [point], 2000);
      });
      naive.push(performance.now() - started);
    }
    const p50 = percentile(batched, 50);
    heading(`Naming ${CELLS} cells after ${ZONES} zones (${database.where})`);
    console.log(
      table(
        ['way', 'runs', 'p50', 'p95', 'per cell'],
        [
          ['one query for all cells', String(RUNS), ms(p50), ms(percentile(batched, 95)), `${(p50 / CELLS).toFixed(3)} ms`],
          ['one query per cell (naive)', String(NAIVE_RUNS), ms(percentile(naive, 50)), ms(percentile(naive, 95)), `${(percentile(naive, 50) / CELLS).toFixed(3)} ms`],
        ],
      ),
    );
    console.log(`\n${(percentile(naive, 50) / p50).toFixed(1)}× faster in one query; ${Math.round((named / (RUNS * CELLS)) * 100)} % of cells named (inside or within 2 km).`);
  } finally {
    await handle.release();
    console.log(await database.dispose(false));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

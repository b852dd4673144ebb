import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areNeighborCells } from 'h3-js';
import { BACKENDS } from '../support/backends';
import { ApiClient } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { parseWindowHours } from '../../server/patrols/koper-schedule';

interface ProposedTarget {
  name: string;
  cells: string[];
  windows: { weekdays: number[]; hours: string }[];
  dwellMinutes: number;
  visitsPerWeek: number;
  plannedMinutesPerWeek: number;
  priority: number;
  schedule: { weekday: number; time: string; dwellMinutes: number }[];
  reason: string;
  topCategories: { category: string; label: string; count: number }[];
}

/** Whether a stop (weekday, minute of day) falls inside one of the windows (nights run past midnight). */
function inWindows(stop: { weekday: number; time: string; dwellMinutes: number }, windows: ProposedTarget['windows']): boolean {
  const [h, m] = stop.time.split(':').map(Number) as [number, number];
  const weekMinute = stop.weekday * 1440 + h * 60 + m;
  return windows.some((w) => {
    const span = parseWindowHours(w.hours)!;
    return w.weekdays.some((d) => {
      const start = d * 1440 + span.startHour * 60;
      const offset = (weekMinute - start + 7 * 1440) % (7 * 1440);
      return offset + stop.dwellMinutes <= span.hours * 60;
    });
  });
}

function connected(cells: string[]): boolean {
  const reached = new Set([cells[0]!]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of cells) if (!reached.has(c) && [...reached].some((r) => areNeighborCells(r, c))) grew = reached.add(c).size > 0;
  }
  return reached.size === cells.length;
}

describe.each(BACKENDS)('patrol plan proposal on the demo data (%s)', (backend) => {
  let server: TestServer;
  let planner: ApiClient;
  let analyst: ApiClient;
  const body = { res: 9, budgetMinutesPerWeek: 600, maxTargets: 4, method: 'count', seed: 7 };

  beforeAll(async () => {
    server = await startTestServer({ backend, seedDemo: true, env: { RATE_LIMIT_ANALYTICS: '10000' } });
    planner = await ApiClient.login(server.url, 'planerare@demo.tryggkarta.se', 'demo-losenord-2026');
    analyst = await ApiClient.login(server.url, 'analytiker@demo.tryggkarta.se', 'demo-losenord-2026');
  });
  afterAll(() => server?.close());

  it('proposes contiguous hot targets with windows, a Koper schedule and what to look for, within the budget', async () => {
    const res = await planner.post('/api/v1/patrol-plans/propose', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const targets = res.body.targets as ProposedTarget[];
    expect(targets.length).toBeGreaterThanOrEqual(2);
    expect(targets.length).toBeLessThanOrEqual(4);
    const planned = targets.reduce((sum, t) => sum + t.plannedMinutesPerWeek, 0);
    expect(planned).toBe(res.body.budget.plannedMinutesPerWeek);
    expect(planned).toBeLessThanOrEqual(600);
    targets.forEach((t, i) => {
      expect(t.priority).toBe(i + 1);
      expect(t.cells.length).toBeGreaterThanOrEqual(1);
      expect(t.cells.length).toBeLessThanOrEqual(7);
      expect(connected(t.cells), `target ${i + 1} cells touch`).toBe(true);
      expect(t.dwellMinutes).toBeGreaterThanOrEqual(10);
      expect(t.dwellMinutes).toBeLessThanOrEqual(16);
      expect(t.plannedMinutesPerWeek).toBe(t.dwellMinutes * t.visitsPerWeek);
      // One stop per started two hours of every window-day, each inside its window.
      expect(t.schedule).toHaveLength(t.visitsPerWeek);
      for (const stop of t.schedule) expect(inWindows(stop, t.windows), `${stop.weekday} ${stop.time} in ${JSON.stringify(t.windows)}`).toBe(true);
      expect(t.reason).toMatch(/\d+ rapporter på 14 dagar i \d+ cell/);
      expect(t.topCategories.length).toBeGreaterThanOrEqual(1);
      expect(t.topCategories[0]!.label).toBeTruthy();
    });
    // Hottest first: the first target holds the cell with the most reports in the window (from /hotspots).
    const hot = await planner.get(`/api/v1/hotspots?res=9&from=${encodeURIComponent(res.body.meta.from)}&to=${encodeURIComponent(res.body.meta.to)}`);
    const top = [...hot.body.features].sort((a, b) => b.properties.count - a.properties.count)[0];
    expect(targets[0]!.cells).toContain(top.properties.cell);
    // Neighbouring hot cells are one target: two targets touch only where one of them is full (7 cells).
    const all = targets.flatMap((t, i) => t.cells.map((c) => [c, i] as const));
    for (const [a, i] of all) {
      for (const [b, j] of all) {
        if (i !== j && areNeighborCells(a, b)) expect(Math.max(targets[i]!.cells.length, targets[j]!.cells.length)).toBe(7);
      }
    }
  });

  it('is deterministic for a seed, and only the stop times move with another seed', async () => {
    const from = '2026-11-01T00:00:00+01:00';
    const to = '2026-11-15T00:00:00+01:00';
    const a = await planner.post('/api/v1/patrol-plans/propose', { ...body, from, to });
    const b = await planner.post('/api/v1/patrol-plans/propose', { ...body, from, to });
    expect(b.body).toEqual(a.body);
    const c = await planner.post('/api/v1/patrol-plans/propose', { ...body, from, to, seed: 8 });
    expect(c.body.targets.map((t: ProposedTarget) => t.cells)).toEqual(a.body.targets.map((t: ProposedTarget) => t.cells));
    expect(c.body.targets.map((t: ProposedTarget) => t.schedule)).not.toEqual(a.body.targets.map((t: ProposedTarget) => t.schedule));
  });

  it('shortens stops, trims windows and drops targets to fit a small budget, saying what was cut', async () => {
    const res = await planner.post('/api/v1/patrol-plans/propose', { ...body, budgetMinutesPerWeek: 60 });
    expect(res.status).toBe(200);
    expect(res.body.budget.plannedMinutesPerWeek).toBeLessThanOrEqual(60);
    expect(res.body.budget.cuts.length).toBeGreaterThan(0);
    for (const cut of res.body.budget.cuts) expect(cut.message).toBeTruthy();
    const one = await planner.post('/api/v1/patrol-plans/propose', { ...body, budgetMinutesPerWeek: 10 });
    expect(one.body.targets).toHaveLength(1);
    expect(one.body.targets[0]).toMatchObject({ dwellMinutes: 10, visitsPerWeek: 1 });
  });

  it('finds Gi* hot spots with method gi and names their z', async () => {
    const res = await analyst.post('/api/v1/patrol-plans/propose', { ...body, method: 'gi' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.targets.length).toBeGreaterThanOrEqual(1);
    for (const t of res.body.targets) expect(t.reason).toMatch(/Gi\* z = \d+,\d/);
  });

  it('can be saved as a plan exactly as proposed', async () => {
    const proposal = await planner.post('/api/v1/patrol-plans/propose', body);
    const saved = await planner.post('/api/v1/patrol-plans', { name: 'Förslag', from: '2026-12-01', to: '2027-01-01', targets: proposal.body.targets });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.targets.map((t: ProposedTarget) => [t.cells, t.windows, t.schedule, t.reason])).toEqual(
      proposal.body.targets.map((t: ProposedTarget) => [t.cells, t.windows, t.schedule, t.reason]),
    );
  });

  it('refuses a budget below one stop (422), reversed periods (400) and unknown categories (422), naming the field', async () => {
    const small = await planner.post('/api/v1/patrol-plans/propose', { ...body, budgetMinutesPerWeek: 9 });
    expect(small.status).toBe(422);
    expect(small.body.error.details[0].path).toBe('budgetMinutesPerWeek');
    const reversed = await planner.post('/api/v1/patrol-plans/propose', { ...body, from: '2026-11-15', to: '2026-11-01' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details[0].path).toBe('to');
    const unknown = await planner.post('/api/v1/patrol-plans/propose', { ...body, categories: ['vald', 'zz-okand'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details[0].path).toBe('categories');
    for (const [field, value] of [['method', 'hot'], ['res', 13], ['maxTargets', 0], ['budgetMinutesPerWeek', -5], ['seed', 1.5]] as const) {
      const bad = await planner.post('/api/v1/patrol-plans/propose', { ...body, [field]: value });
      expect(bad.status, field).toBe(400);
      expect(bad.body.error.details[0].path).toBe(field);
    }
  });
});

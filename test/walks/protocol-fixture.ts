import sharp from 'sharp';
import type { ApiClient } from '../support/fixtures';
import { at, findingBody, walkBody } from './walk-support';

/** Text a user might type that must never become markup in the printed protocol. */
export const XSS = '<script>alert("x")</script> & "citat" \'enkla\'';

/** A done walk with a planned route, two track segments, three findings (one with a photo, one followed up). */
export async function walkForProtocol(walker: ApiClient, planner: ApiClient) {
  const walk = (await walker.post('/api/v1/walks', walkBody({ name: 'Kvällsvandring Fristaden', participants: [{ name: 'Bostadsbolaget' }, { name: 'Skolan' }] }))).body;
  const t0 = Date.parse('2026-09-10T18:00:00Z');
  const points = Array.from({ length: 30 }, (_, i) => [...at(i * 0.0003, 0.001), new Date(t0 + (i < 15 ? i : i + 60) * 10_000).toISOString(), 6]);
  await walker.post(`/api/v1/walks/${walk.id}/track`, { points });
  const findings = [];
  for (const [i, extra] of [
    { category: 'belysning', description: 'Trasig lykta vid gångtunneln', observedAt: '2026-09-10T18:01:00Z' },
    { category: 'vegetation', description: XSS, proposedFix: 'Klipp häcken', responsible: 'fastighetsagare', responsibleName: 'Bostadsbolaget', observedAt: '2026-09-10T18:05:00Z' },
    { category: 'skymd-sikt', description: 'Mörk passage', observedAt: '2026-09-10T18:20:00Z' },
  ].entries()) {
    findings.push((await walker.post(`/api/v1/walks/${walk.id}/findings`, findingBody({ ...extra, location: { type: 'Point', coordinates: at(i * 0.003, 0.0012) } }))).body);
  }
  const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7' } }).jpeg().toBuffer();
  const photo = (await walker.request('POST', `/api/v1/findings/${findings[0].id}/photos`, jpeg, { 'content-type': 'image/jpeg' })).body;
  await planner.patch(`/api/v1/findings/${findings[1].id}`, { status: 'planned', owner: 'Bostadsbolaget, Karin', dueDate: '2026-11-30', comment: 'Klipps i oktober' });
  await walker.patch(`/api/v1/walks/${walk.id}`, { status: 'done', statusAt: '2026-09-10T19:00:00Z' });
  return { walk, findings, photo };
}


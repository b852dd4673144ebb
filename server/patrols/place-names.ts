import type { Tx } from '../db/scope';
import { locatePoints } from '../zones/zones.repository';

/** How far a zone may be from a target and still name it ("Nära Stationen"). */
export const NEAR_ZONE_METERS = 500;

export interface PlaceName {
  zoneId: string;
  name: string;
  /** The point lies in the zone (else the zone is the nearest within NEAR_ZONE_METERS). */
  inside: boolean;
}

/** The zone naming each point (a target's hottest cell centre), via the zones' locate lookup. */
export async function placeNames(tx: Tx, areaId: number, points: readonly [number, number][]): Promise<(PlaceName | undefined)[]> {
  const located = await locatePoints(tx, areaId, points, NEAR_ZONE_METERS);
  return located.map((l) => (l.zoneId && l.name ? { zoneId: l.zoneId, name: l.name, inside: l.inside } : undefined));
}

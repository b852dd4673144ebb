import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * Keeps maps looking at the same place: moving one moves the others in the same frame (as
 * maplibre-gl-compare does). The flag stops the echo of the others' own move events.
 * @returns a function that stops the syncing
 */
export function syncMaps(maps: readonly MaplibreMap[]): () => void {
  let syncing = false;
  const offs = maps.map((source) => {
    const onMove = () => {
      if (syncing) return;
      syncing = true;
      for (const other of maps) {
        if (other !== source) other.jumpTo({ center: source.getCenter(), zoom: source.getZoom(), bearing: source.getBearing(), pitch: source.getPitch() });
      }
      syncing = false;
    };
    source.on('move', onMove);
    return () => source.off('move', onMove);
  });
  return () => offs.forEach((off) => off());
}

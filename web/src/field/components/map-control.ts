/** What a form may do with the map it sits in (see MapControl.svelte). */
export interface MapControlApi {
  flyTo(lng: number, lat: number, zoom?: number): void;
  centre(): [number, number];
  /** Shows all these places, zoomed in no further than maxZoom. */
  fitTo(points: readonly [number, number][], maxZoom?: number): void;
}

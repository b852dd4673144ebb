/** A place chosen in a field form. */
export interface PickedPosition {
  lng: number;
  lat: number;
  /** Metres, from the GPS; null once the user placed it by hand. */
  accuracy: number | null;
  source: 'gps' | 'map';
}

/**
 * The phone's position, watched while a field screen is open. The accuracy travels with it: the
 * form shows it ("±35 m") and draws it on the map, so the reporter can judge whether to correct it.
 */
export interface Fix {
  lng: number;
  lat: number;
  /** Radius in metres within which the true position lies (about 68 %). */
  accuracy: number;
  /** When the fix was taken, epoch ms. */
  at: number;
}

export type GeoStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'unavailable' | 'unsupported';

export class Geolocator {
  fix = $state.raw<Fix | null>(null);
  status = $state<GeoStatus>('idle');
  private watchId: number | null = null;
  private listeners = new Set<(fix: Fix) => void>();

  /** Starts watching (again); safe to call when already watching. */
  start(): void {
    if (this.watchId !== null) return;
    if (!('geolocation' in navigator)) {
      this.status = 'unsupported';
      return;
    }
    this.status = this.fix ? 'ok' : 'locating';
    this.watchId = navigator.geolocation.watchPosition(
      (position) => {
        const fix = { lng: position.coords.longitude, lat: position.coords.latitude, accuracy: position.coords.accuracy, at: position.timestamp };
        this.fix = fix;
        this.status = 'ok';
        for (const listener of this.listeners) listener(fix);
      },
      (error) => {
        this.status = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
        if (error.code === error.PERMISSION_DENIED) this.stop();
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
  }

  stop(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
  }

  get watching(): boolean {
    return this.watchId !== null;
  }

  /** Called with every new fix; returns the unsubscribe. */
  onFix(listener: (fix: Fix) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

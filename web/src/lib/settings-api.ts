/** Typed client for the admin's area settings (`/api/v1/areas/current/settings`). */
import { request } from './api';

export interface AreaSettings {
  publicHotspots: boolean;
  publicMinCount: number;
  retentionMonths?: number;
  confidentialityMarking: string | null;
  printMinCount: number;
}

export const settingsApi = {
  get: (signal?: AbortSignal) => request<AreaSettings>('/areas/current/settings', { signal }),
  update: (patch: Partial<AreaSettings>) => request<AreaSettings>('/areas/current/settings', { method: 'PATCH', body: patch }),
};

import type { KpiReport } from '../../../../../contracts/kpis';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import { apiRequest, apiUrl } from '../../../lib/api-client';

export interface KpiFilters {
  from: string;
  to: string;
  building: string;
}

const query = ({ from, to, building }: KpiFilters) => ({ from, to, building: building || undefined });

export function getKpis(filters: KpiFilters, signal?: AbortSignal): Promise<KpiReport> {
  return apiRequest<KpiReport>('/kpis', { query: query(filters), signal });
}

export const kpiExportUrl = (format: 'csv' | 'xlsx', filters: KpiFilters) => apiUrl(`/kpis.${format}`, query(filters));

/** The buildings, for the building filter. */
export function listBuildings(signal?: AbortSignal): Promise<ReferenceLocations['buildings']> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal }).then((locations) => locations.buildings);
}

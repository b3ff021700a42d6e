import type { List, Page } from '../../../../../contracts/common';
import type { DataImportRequest, ImportRowView } from '../../../../../contracts/data-import';
import type { DeviceChangeRequest, RegisteredDeviceSummary, RegisteredDeviceView } from '../../../../../contracts/device-register';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import type { BuildingView, DataChangeProposal, DataChangeView, HistoryEntry, UnitSummary, UnitView } from '../../../../../contracts/data-review';
import type { GuardView } from '../../../../../contracts/console';
import type { ShiftChangeProposal, ShiftView, ZoneChangeProposal, ZoneView } from '../../../../../contracts/guard-roster';
import type { ResidentChangeProposal, ResidentView } from '../../../../../contracts/residents';
import type { StaffUserView, UserChangeProposal } from '../../../../../contracts/staff-users';
import type { ImportSheet } from '../../../../../contracts/vocabulary';
import { apiRequest, apiUrl } from '../../../lib/api-client';

export function listUnits(query: { number?: string; buildingId?: string; cursor?: string | null }, signal?: AbortSignal): Promise<Page<UnitSummary>> {
  return apiRequest<Page<UnitSummary>>('/units', { query: { ...query, limit: 20 }, signal });
}

export function listBuildings(signal?: AbortSignal): Promise<List<BuildingView>> {
  return apiRequest<List<BuildingView>>('/buildings', { signal });
}

export function getUnit(unitId: string, signal?: AbortSignal): Promise<UnitView> {
  return apiRequest<UnitView>(`/units/${encodeURIComponent(unitId)}`, { signal });
}

export function unitHistory(unitId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/units/${encodeURIComponent(unitId)}/history`, { signal });
}

export function getChange(changeId: string, signal?: AbortSignal): Promise<DataChangeView> {
  return apiRequest<DataChangeView>(`/data-changes/${encodeURIComponent(changeId)}`, { signal });
}

/** P5.1b: a draft for review; the client's changeId makes a retried submit the same change. */
export function submitChange(changeId: string, proposal: DataChangeProposal): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/data-changes', { method: 'POST', body: { changeId, ...proposal } });
}

export function listStaffUsers(
  query: { name?: string; department?: string; role?: string; active?: 'true' | 'false'; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<StaffUserView>> {
  return apiRequest<Page<StaffUserView>>('/staff-users', { query: { ...query, limit: 20 }, signal });
}

export function getStaffUser(userId: string, signal?: AbortSignal): Promise<StaffUserView> {
  return apiRequest<StaffUserView>(`/users/${encodeURIComponent(userId)}`, { signal });
}

export function staffUserHistory(userId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/users/${encodeURIComponent(userId)}/history`, { signal });
}

/** P5.1b: a staff user's creation or change as a draft for review; the client's changeId makes a retried submit the same change. */
export function submitUserChange(changeId: string, proposal: UserChangeProposal): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/user-changes', { method: 'POST', body: { changeId, ...proposal } });
}

/** An administrator's reset: the one-time password, answered once. */
export function resetPassword(userId: string): Promise<{ oneTimePassword: string }> {
  return apiRequest<{ oneTimePassword: string }>(`/users/${encodeURIComponent(userId)}/password-reset`, { method: 'POST' });
}

/** The maker withdraws a returned change. */
export function withdrawChange(changeId: string): Promise<DataChangeView> {
  return apiRequest<DataChangeView>(`/data-changes/${encodeURIComponent(changeId)}/withdraw`, { method: 'POST' });
}

/** P5.1b: a sheet for review as one change; the client's changeId makes a retried upload the same change. */
export function submitImport(request: DataImportRequest): Promise<{ changeId: string; workflowId: string; rows: number }> {
  return apiRequest<{ changeId: string; workflowId: string; rows: number }>('/data-imports', { method: 'POST', body: request });
}

/** A sheet's template, downloaded by the browser itself. */
export const importTemplateUrl = (sheet: ImportSheet) => apiUrl(`/data-imports/templates/${sheet}`);

export function importRows(changeId: string, cursor: string | null, signal?: AbortSignal): Promise<Page<ImportRowView>> {
  return apiRequest<Page<ImportRowView>>(`/data-changes/${encodeURIComponent(changeId)}/rows`, { query: { cursor, limit: 50 }, signal });
}

/** The zones and devices as registered (the register's reference lists). */
export function listLocations(signal?: AbortSignal): Promise<ReferenceLocations> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal });
}

/** P5.1b: a device to add, for the technology department to check; its secrets go to the API once and never come back. */
export function submitDeviceChange(request: DeviceChangeRequest): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/device-changes', { method: 'POST', body: request });
}

export function listResidents(
  query: { name?: string; unitId?: string; relation?: string; active?: 'true' | 'false'; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<ResidentView>> {
  return apiRequest<Page<ResidentView>>('/residents', { query: { ...query, limit: 20 }, signal });
}

export function getResident(residentId: string, signal?: AbortSignal): Promise<ResidentView> {
  return apiRequest<ResidentView>(`/residents/${encodeURIComponent(residentId)}`, { signal });
}

export function residentHistory(residentId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/residents/${encodeURIComponent(residentId)}/history`, { signal });
}

/** P5.1b: a resident's moving in, change or move-out as a draft for review; the client's changeId makes a retried submit the same change. */
export function submitResidentChange(changeId: string, proposal: ResidentChangeProposal): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/resident-changes', { method: 'POST', body: { changeId, ...proposal } });
}

/** Where each kind's returned change is corrected: units and owners, staff users, residents. */
const CORRECTION_PATHS: Partial<Record<DataChangeView['kind'], string>> = {
  unit: '/data-changes',
  'unit-owner': '/data-changes',
  user: '/user-changes',
  resident: '/resident-changes',
  device: '/device-changes',
  zone: '/zone-changes',
  'guard-shift': '/shift-changes',
};

/** P5.1b: the maker's corrected draft, resubmitted into the same review. */
export function correctChange(changeId: string, kind: DataChangeView['kind'], draft: Record<string, unknown>): Promise<DataChangeView> {
  return apiRequest<DataChangeView>(`${CORRECTION_PATHS[kind] ?? '/data-changes'}/${encodeURIComponent(changeId)}`, { method: 'PUT', body: draft });
}

export function getRegisteredDevice(deviceId: string, signal?: AbortSignal): Promise<RegisteredDeviceView> {
  return apiRequest<RegisteredDeviceView>(`/registered-devices/${encodeURIComponent(deviceId)}`, { signal });
}

export function deviceHistory(deviceId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/registered-devices/${encodeURIComponent(deviceId)}/history`, { signal });
}

export function listZones(query: { q?: string; buildingId?: string; active?: 'true' | 'false'; cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<Page<ZoneView>> {
  return apiRequest<Page<ZoneView>>('/zones', { query: { limit: 20, ...query }, signal });
}

export function getZone(zoneId: string, signal?: AbortSignal): Promise<ZoneView> {
  return apiRequest<ZoneView>(`/zones/${encodeURIComponent(zoneId)}`, { signal });
}

export function zoneHistory(zoneId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/zones/${encodeURIComponent(zoneId)}/history`, { signal });
}

/** P5.1b: a zone to add, change or disable, for the security supervisor or an administrator (not its maker) to check. */
export function submitZoneChange(changeId: string, proposal: ZoneChangeProposal): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/zone-changes', { method: 'POST', body: { changeId, ...proposal } });
}

export function listShifts(query: { q?: string; zoneId?: string; from?: string; to?: string; cursor?: string | null }, signal?: AbortSignal): Promise<Page<ShiftView>> {
  return apiRequest<Page<ShiftView>>('/guard-shifts', { query: { ...query, limit: 20 }, signal });
}

export function getShift(shiftId: string, signal?: AbortSignal): Promise<ShiftView> {
  return apiRequest<ShiftView>(`/guard-shifts/${encodeURIComponent(shiftId)}`, { signal });
}

export function shiftHistory(shiftId: string, signal?: AbortSignal): Promise<List<HistoryEntry>> {
  return apiRequest<List<HistoryEntry>>(`/guard-shifts/${encodeURIComponent(shiftId)}/history`, { signal });
}

/** P5.1b, P4.2c: a shift of the guard roster to enter, change or cancel, for review. */
export function submitShiftChange(changeId: string, proposal: ShiftChangeProposal): Promise<{ changeId: string; workflowId: string }> {
  return apiRequest<{ changeId: string; workflowId: string }>('/shift-changes', { method: 'POST', body: { changeId, ...proposal } });
}

/** The active guards a shift may name. */
export function listGuards(signal?: AbortSignal): Promise<List<GuardView>> {
  return apiRequest<List<GuardView>>('/console/guards', { signal });
}

/** The device register a page at a time: by id, name or zone name, zone and system. */
export function listRegisteredDevices(query: { q?: string; zoneId?: string; system?: string; cursor?: string | null }, signal?: AbortSignal): Promise<Page<RegisteredDeviceSummary>> {
  return apiRequest<Page<RegisteredDeviceSummary>>('/registered-devices', { query: { ...query, limit: 20 }, signal });
}

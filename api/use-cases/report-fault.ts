import { and, eq } from 'drizzle-orm';
import { startProcess } from './start-process';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { forbidden, unprocessable } from '../http/problem';
import type { FaultReportRequest } from '../../contracts/faults';
import { can, canOnAny } from '../../contracts/permissions';
import { RECORD_NAMES } from '../../contracts/problem-texts';
import { attachments, buildings, devices, unitOwners, units, zones } from '../../db/schema';
import { faultRepairProcess } from '../../workflows/fault-repair/definition';
import type { FaultRepairInput } from '../../workflows/fault-repair/messages';

async function checkLocation(ctx: ApiContext, user: SessionUser, request: FaultReportRequest) {
  const { buildingId, unitId, zoneId, deviceId } = request.location;
  const missing = (field: string, what: 'building' | 'unit' | 'zone' | 'device') => unprocessable('fault.unknown-place', { what: RECORD_NAMES[what] }, [{ field: `location.${field}`, message: `no-such-${what}` }]);
  if (buildingId && !(await ctx.db.query.buildings.findFirst({ where: eq(buildings.id, buildingId) }))) throw missing('buildingId', 'building');
  if (unitId) {
    const unit = await ctx.db.query.units.findFirst({ where: eq(units.id, unitId) });
    if (!unit) throw missing('unitId', 'unit');
    if (buildingId && unit.buildingId !== buildingId) {
      throw unprocessable('fault.unit-not-in-building', [{ field: 'location.unitId', message: 'not-in-building' }]);
    }
  }
  if (zoneId && !(await ctx.db.query.zones.findFirst({ where: eq(zones.id, zoneId) }))) throw missing('zoneId', 'zone');
  if (deviceId) {
    const device = await ctx.db.query.devices.findFirst({ where: eq(devices.id, deviceId) });
    if (!device) throw missing('deviceId', 'device');
    if (device.system !== request.system) {
      throw unprocessable('fault.device-system', { system: device.system }, [{ field: 'system', message: 'device-system', params: { system: device.system } }]);
    }
  }
  const isStaff = canOnAny(user, 'fault-repair.start');
  // P3.2a: an owner reports for a unit of their own or for a common area, never another owner's unit.
  if (!isStaff && unitId) {
    const owns = user.ownerId
      ? await ctx.db.query.unitOwners.findFirst({ where: and(eq(unitOwners.unitId, unitId), eq(unitOwners.ownerId, user.ownerId)) })
      : undefined;
    if (!owns) throw forbidden('fault.own-units-only', [{ field: 'location.unitId', message: 'not-your-unit' }]);
  }
  return isStaff;
}

/** P3.2a: anyone who finds a fault reports it; the report starts a fault-repair process. */
export async function reportFault(ctx: ApiContext, user: SessionUser, request: FaultReportRequest) {
  const isStaff = await checkLocation(ctx, user, request);
  const source = request.source ?? (isStaff ? 'staff' : 'owner');
  if (source === 'monitoring' && !can(user, 'fault-repair.start-as-monitoring')) {
    throw forbidden('fault.monitoring-only', [{ field: 'source', message: 'not-monitoring-staff' }]);
  }
  if (source !== 'owner' && !isStaff) throw forbidden('fault.owner-source', { source }, [{ field: 'source', message: 'owners-report-as-owner' }]);
  const workflowId = faultRepairProcess.workflowId(request.reportId);
  if (request.photo) {
    const [, contentType, content] = /^data:([^;]+);base64,(.*)$/.exec(request.photo)!;
    await ctx.db.insert(attachments).values({ id: request.reportId, kind: 'fault-photo', recordId: workflowId, contentType, content, uploadedBy: user.id }).onConflictDoNothing();
  }
  const input: FaultRepairInput = {
    report: {
      occurredAt: request.occurredAt,
      location: request.location,
      system: request.system,
      symptoms: request.symptoms,
      photoId: request.photo ? request.reportId : undefined,
      source,
      reporter: { userId: user.id, displayName: user.displayName },
    },
    timings: ctx.settings.faultRepair,
    priority: source === 'monitoring' ? 70 : 50,
  };
  await startProcess(ctx, faultRepairProcess, { workflowId, input: input, title: `${request.system}: ${request.symptoms.slice(0, 60)}`, startedBy: user.id });
  return { workflowId };
}

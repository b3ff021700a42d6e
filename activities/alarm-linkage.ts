import { and, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { alarmCorrelations, alarmIncidents, deviceEvents } from '../db/schema';
import { guardsOnDuty } from '../domain/guard-roster';
import type { IncidentCamera, IncidentTimelineEntry } from '../workflows/alarm-linkage/messages';
import type { DeviceAdapter } from '../integrations/devices/device-adapter';
import { zoneCameras } from '../integrations/devices/connections';
import { adapterFor } from '../integrations/devices/isapi-adapter';
import { CONSOLE_CHANNEL } from '../domain/console-channel';

export interface IncidentProjection {
  workflowId: string;
  zoneId: string;
  alarmType: string;
  openedAt: string;
  version: number;
  status: 'open' | 'dispatched' | 'acknowledged' | 'on-site' | 'closed';
  repeatCount: number;
  detectorState: 'active' | 'inactive';
  lastEventAt: string;
  assignedGuard: string | null;
  dispatchTaskId: string | null;
  cameras: IncidentCamera[];
  timeline: IncidentTimelineEntry[];
  outcome: unknown;
  closedAt: string | null;
}

export function createAlarmLinkageActivities({ db, adapter }: { db: Database; adapter?: DeviceAdapter }) {
  return {
    /** P4.2c: every camera of the zone, called up through the device adapter; one dead camera does not hide the others. */
    async callUpZoneCameras({ zoneId }: { zoneId: string }): Promise<IncidentCamera[]> {
      const cameras = await zoneCameras(db, zoneId);
      return Promise.all(
        cameras.map(async (camera): Promise<IncidentCamera> => {
          try {
            const callUp = await (adapter ?? adapterFor(camera)).callUpCamera(camera, camera.channel);
            return { deviceId: camera.deviceId, name: camera.name, streamUrl: callUp.streamUrl, snapshotUrl: `/api/v1/devices/${camera.deviceId}/snapshot`, calledUpAt: callUp.calledUpAt };
          } catch (error) {
            return { deviceId: camera.deviceId, name: camera.name, streamUrl: '', snapshotUrl: `/api/v1/devices/${camera.deviceId}/snapshot`, calledUpAt: null, error: (error as Error).message };
          }
        }),
      );
    },

    /**
     * P4.2c: the zone's on-duty guards in dispatch order (active accounts only): those on a roster shift covering now
     * first, then the zone's standing roster. The result is recorded in the incident's history, so the workflow replays
     * as it ran whatever the roster says later.
     */
    async dispatchRoster({ zoneId }: { zoneId: string }): Promise<string[]> {
      return guardsOnDuty(db, zoneId, new Date());
    },

    /**
     * The incident is being closed: the zone's next alarm of this type opens incident n+1 (compare-and-set,
     * so a retry or a gateway that already moved on changes nothing).
     */
    async releaseCorrelation({ zoneId, alarmType, workflowId }: { zoneId: string; alarmType: string; workflowId: string }): Promise<void> {
      const incidentNo = Number(/-(\d+)$/.exec(workflowId)?.[1]);
      if (!Number.isInteger(incidentNo)) return;
      await db
        .update(alarmCorrelations)
        .set({ incidentNo: incidentNo + 1 })
        .where(and(eq(alarmCorrelations.zoneId, zoneId), eq(alarmCorrelations.alarmType, alarmType), eq(alarmCorrelations.incidentNo, incidentNo)));
    },

    /**
     * The console's row for the incident; an overtaken write (lower version) changes nothing. The same version is
     * written again: a discarded attempt of a workflow task may have published it with other content (see
     * `recordStepEvent`).
     */
    async projectIncident(incident: IncidentProjection): Promise<void> {
      const values = {
        workflowId: incident.workflowId,
        zoneId: incident.zoneId,
        alarmType: incident.alarmType,
        status: incident.status,
        repeatCount: incident.repeatCount,
        detectorState: incident.detectorState,
        openedAt: new Date(incident.openedAt),
        lastEventAt: new Date(incident.lastEventAt),
        assignedGuard: incident.assignedGuard,
        dispatchTaskId: incident.dispatchTaskId,
        cameras: incident.cameras,
        timeline: incident.timeline,
        outcome: incident.outcome,
        closedAt: incident.closedAt ? new Date(incident.closedAt) : null,
        version: incident.version,
      };
      // The live repeat count, detector state and last event are the listener's (it adds each event it marks);
      // a row the listener has not written yet starts from the events marked before it, which the listener
      // will not add again.
      const { workflowId: _key, repeatCount: _count, detectorState: _state, lastEventAt: _last, ...changes } = values;
      const markedBefore = sql<number>`(select count(*)::int from ${deviceEvents} where ${deviceEvents.incidentWorkflowId} = ${incident.workflowId} and ${deviceEvents.state} = 'active')`;
      const write = db
        .insert(alarmIncidents)
        .values({ ...values, repeatCount: markedBefore })
        .onConflictDoUpdate({ target: alarmIncidents.workflowId, set: changes, setWhere: lte(alarmIncidents.version, incident.version) })
        .returning({ workflowId: alarmIncidents.workflowId });
      // One statement: the console hears of the row only if it was written.
      await db.execute(sql`with written as (${write.getSQL()}) select pg_notify(${CONSOLE_CHANNEL}, ${JSON.stringify({ kind: 'incident', id: incident.workflowId })}) from written`);
    },
  };
}

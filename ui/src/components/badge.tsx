import type { ReactNode } from 'react';
import type { InstanceStatus } from '../../../contracts/vocabulary';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** How a process instance's status reads as a badge, wherever instances are listed. */
export const INSTANCE_STATUS_TONE: Record<InstanceStatus, BadgeTone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  terminated: 'danger',
  'timed-out': 'danger',
};

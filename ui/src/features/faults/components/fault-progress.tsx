import { Badge, type BadgeTone } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';
import type { FaultSummary, InstanceStatus } from '../../../types/api';

const STATUS_TONE: Record<InstanceStatus, BadgeTone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  terminated: 'danger',
  'timed-out': 'danger',
};

/** A fault's status and, while it runs, its current step in plain words. */
export function FaultProgress({ fault }: { fault: Pick<FaultSummary, 'status' | 'currentSteps'> }) {
  const { t, label, formatList } = useI18n();
  return (
    <span className="fault-progress" data-status={fault.status}>
      <Badge tone={STATUS_TONE[fault.status]}>{t(`faultStatus.${fault.status}`)}</Badge>
      {fault.status === 'running' && fault.currentSteps.length > 0 && (
        <span className="current-steps"> {formatList(fault.currentSteps.map((step) => label('step', step)))}</span>
      )}
    </span>
  );
}

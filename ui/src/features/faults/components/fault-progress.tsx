import type { FaultSummary } from '../../../../../contracts/faults';
import { Badge, INSTANCE_STATUS_TONE } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';

/** A fault's status and, while it runs, its current step in plain words. */
export function FaultProgress({ fault }: { fault: Pick<FaultSummary, 'status' | 'currentSteps'> }) {
  const { t, label, formatList } = useI18n();
  return (
    <span className="fault-progress" data-status={fault.status}>
      <Badge tone={INSTANCE_STATUS_TONE[fault.status]}>{t(`faultStatus.${fault.status}`)}</Badge>
      {fault.status === 'running' && fault.currentSteps.length > 0 && (
        <span className="current-steps"> {formatList(fault.currentSteps.map((step) => label('step', step)))}</span>
      )}
    </span>
  );
}

import { Badge, type BadgeTone } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';
import type { InstanceStatus } from '../../../types/api';

const TONE: Record<InstanceStatus, BadgeTone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  terminated: 'danger',
  'timed-out': 'danger',
};

export function InstanceStatusBadge({ status }: { status: InstanceStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONE[status]}>{t(`instanceStatus.${status}`)}</Badge>;
}

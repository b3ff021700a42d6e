import type { ProcessInstance } from '../../../../../contracts/processes';
import type { InstanceStatus } from '../../../../../contracts/vocabulary';
import { Badge, INSTANCE_STATUS_TONE } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';

/** The API answers an instance's status as a string; the projection only ever holds one of INSTANCE_STATUSES. */
export function InstanceStatusBadge({ status }: { status: ProcessInstance['status'] }) {
  const { t } = useI18n();
  const known = status as InstanceStatus;
  return <Badge tone={INSTANCE_STATUS_TONE[known]}>{t(`instanceStatus.${known}`)}</Badge>;
}

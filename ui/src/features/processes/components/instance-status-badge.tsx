import { Badge, INSTANCE_STATUS_TONE } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';
import type { InstanceStatus } from '../../../types/api';

export function InstanceStatusBadge({ status }: { status: InstanceStatus }) {
  const { t } = useI18n();
  return <Badge tone={INSTANCE_STATUS_TONE[status]}>{t(`instanceStatus.${status}`)}</Badge>;
}

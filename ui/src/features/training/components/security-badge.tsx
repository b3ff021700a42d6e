import type { SecurityStanding } from '../../../../../contracts/training';
import { Badge } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';
import { useTrainingText } from '../text';

/** P5.3a: where a person's security course stands: valid until, expired on, or never completed. */
export function SecurityBadge({ security }: { security: SecurityStanding }) {
  const text = useTrainingText();
  const { formatDate } = useI18n();
  if (security.valid) return <Badge tone="success">{text('securityValid', { date: formatDate(security.validUntil) })}</Badge>;
  if (security.validUntil) return <Badge tone="danger">{text('securityExpired', { date: formatDate(security.validUntil) })}</Badge>;
  return <Badge tone="warning">{text('securityNone')}</Badge>;
}

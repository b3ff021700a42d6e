import { ROLE_TITLES, type Role } from '../../../../../contracts/permissions';
import { useI18n } from '../../../lib/i18n';

/** A user's roles by their names, in the reader's language. */
export function useRoleNames() {
  const { text: word } = useI18n();
  return (roles: readonly string[]) => roles.map((role) => (role in ROLE_TITLES ? word(ROLE_TITLES[role as Role]) : role)).join('、');
}

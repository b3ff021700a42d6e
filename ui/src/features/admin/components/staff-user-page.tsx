import { Link, useParams } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../../../contracts/labels';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { getStaffUser, staffUserHistory } from '../api/admin-api';
import { useAdminText } from '../text';
import { useRoleNames } from './role-names';
import { ChangeHistory } from './change-history';
import { AccountStateForm, ChangeStaffUserForm, ResetPasswordForm } from './staff-user-forms';

/** A staff account as registered (P1.2): department, roles, state and its history; makers propose changes, administrators reset passwords. */
export function StaffUserPage({
  usersPath,
  changeLink,
  canPropose,
  canReset,
  currentUserId,
}: {
  usersPath: string;
  changeLink: (changeId: string) => string;
  canPropose: boolean;
  canReset: boolean;
  currentUserId: string;
}) {
  const { userId = '' } = useParams();
  const text = useAdminText();
  const { text: word } = useI18n();
  const roleNames = useRoleNames();
  const user = useApiResource((signal) => getStaffUser(userId, signal), [userId]);
  const history = useApiResource((signal) => staffUserHistory(userId, signal), [userId]);
  // Nobody changes or resets their own account here: the API refuses it too (P5.1b).
  const own = userId === currentUserId;

  return (
    <section>
      <p>
        <Link to={usersPath}>← {text('backToUsers')}</Link>
      </p>
      <ErrorBanner error={user.error ?? history.error} />
      {user.loading && !user.data && <Loading />}
      {user.data && (
        <>
          <h1>
            {text('staffUser')} {user.data.displayName} {!user.data.active && <Badge>{text('disabled')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('username'), user.data.username],
              [text('department'), user.data.department ? word(DEPARTMENT_LABELS[user.data.department]) : '—'],
              [text('roles'), roleNames(user.data.roles)],
              [text('status'), user.data.active ? text('inUse') : text('disabled')],
              ...(user.data.mustChangePassword ? [[text('mustChangePassword'), text('yes')] as [string, string]] : []),
            ]}
          />
          {canPropose && !own && (
            <>
              {user.data.active && <ChangeStaffUserForm user={user.data} changeLink={changeLink} />}
              <AccountStateForm key={String(user.data.active)} user={user.data} changeLink={changeLink} />
            </>
          )}
          {canReset && !own && user.data.active && <ResetPasswordForm userId={user.data.userId} onReset={() => {
                user.reload();
                history.reload();
              }} />}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}

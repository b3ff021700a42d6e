import { useState, type FormEvent } from 'react';
import { DEPARTMENT_LABELS } from '../../../../../contracts/labels';
import { ROLE_TITLES, STAFF_ROLES } from '../../../../../contracts/permissions';
import type { StaffUserView } from '../../../../../contracts/staff-users';
import { DEPARTMENTS, type Department } from '../../../../../contracts/vocabulary';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { resetPassword } from '../api/admin-api';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { useUserProposal } from './use-proposal';
import { VocabularySelect } from './vocabulary-select';

type ChangeLink = (changeId: string) => string;
type StaffRole = (typeof STAFF_ROLES)[number];

/** The roles as ticks, each by its name. */
export function RoleChoices({ idPrefix, value, onChange }: { idPrefix: string; value: StaffRole[]; onChange: (roles: StaffRole[]) => void }) {
  const { text: word } = useI18n();
  return (
    <div className="choices" role="group">
      {STAFF_ROLES.map((role) => (
        <label key={role} className="choice">
          <input
            type="checkbox"
            id={`${idPrefix}-${role}`}
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(event) => onChange(event.target.checked ? [...value, role] : value.filter((each) => each !== role))}
          />{' '}
          {word(ROLE_TITLES[role])}
        </label>
      ))}
    </div>
  );
}

/** P1.2, P5.1b: a new staff account with its department and roles, entered as a draft for its checker and management. */
export function NewStaffUserForm({ changeLink }: { changeLink: ChangeLink }) {
  const text = useAdminText();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [department, setDepartment] = useState<Department>('administration');
  const [roles, setRoles] = useState<StaffRole[]>([]);
  const proposal = useUserProposal(() => {
    setDisplayName('');
    setUsername('');
    setRoles([]);
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'create', user: { displayName, username, department, roles } });
  }

  return (
    <details className="card" data-testid="new-user">
      <summary>{text('newUser')}</summary>
      <p className="help">{text('userDraftNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="new-user-name" label={text('displayName')} required>
          <input id="new-user-name" name="displayName" value={displayName} onChange={(event) => setDisplayName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="new-user-username" label={text('username')} help={text('usernameHelp')} required>
          <input id="new-user-username" name="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoComplete="off" />
        </FormField>
        <FormField id="new-user-department" label={text('department')} required>
          <VocabularySelect id="new-user-department" name="department" values={DEPARTMENTS} labels={DEPARTMENT_LABELS} value={department} onChange={setDepartment} />
        </FormField>
        <FormField id="new-user-roles" label={text('roles')} required>
          <RoleChoices idPrefix="new-user-role" value={roles} onChange={setRoles} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-new-user">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: a new department or roles as the maker proposes them; only what differs goes into the change. */
export function ChangeStaffUserForm({ user, changeLink }: { user: StaffUserView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [department, setDepartment] = useState<Department>(user.department ?? 'administration');
  const [roles, setRoles] = useState<StaffRole[]>(STAFF_ROLES.filter((role) => user.roles.includes(role)));
  const proposal = useUserProposal();
  const sameRoles = roles.length === user.roles.length && roles.every((role) => user.roles.includes(role));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({
      action: 'change',
      userId: user.userId,
      user: { ...(department !== user.department ? { department } : {}), ...(sameRoles ? {} : { roles }) },
    });
  }

  return (
    <details className="card" data-testid="change-user">
      <summary>{text('changeRoles')}</summary>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="change-user-department" label={text('department')}>
          <VocabularySelect id="change-user-department" name="department" values={DEPARTMENTS} labels={DEPARTMENT_LABELS} value={department} onChange={setDepartment} />
        </FormField>
        <FormField id="change-user-roles" label={text('roles')}>
          <RoleChoices idPrefix="change-user-role" value={roles} onChange={setRoles} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: disabling an account in use (its sessions end once approved), or enabling a disabled one, with the reason. */
export function AccountStateForm({ user, changeLink }: { user: StaffUserView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [reason, setReason] = useState('');
  const proposal = useUserProposal(() => setReason(''));
  const action = user.active ? 'disable' : 'enable';

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action, userId: user.userId, reason });
  }

  return (
    <details className="card" data-testid={`${action}-user`}>
      <summary>{user.active ? text('disableUser') : text('enableUser')}</summary>
      {user.active && <p className="help">{text('disableNote')}</p>}
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id={`${action}-user-reason`} label={text('reason')} required>
          <textarea id={`${action}-user-reason`} name="reason" value={reason} onChange={(event) => setReason(event.target.value)} required minLength={3} maxLength={500} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** An administrator's reset: the one-time password is shown once, here, to be handed over in person. */
export function ResetPasswordForm({ userId, onReset }: { userId: string; onReset: () => void }) {
  const text = useAdminText();
  const action = useAction();
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      setOneTimePassword((await resetPassword(userId)).oneTimePassword);
      onReset();
    });
  }

  return (
    <details className="card" data-testid="reset-password">
      <summary>{text('resetPassword')}</summary>
      <p className="help">{text('resetNote')}</p>
      <ErrorBanner error={action.error} />
      {oneTimePassword ? (
        <p className="banner banner-info" role="status">
          {text('oneTimePassword')} <code data-testid="one-time-password">{oneTimePassword}</code>
        </p>
      ) : (
        <form onSubmit={handleSubmit}>
          <button type="submit" className="button-primary" disabled={action.busy}>
            {text('confirmReset')}
          </button>
        </form>
      )}
    </details>
  );
}

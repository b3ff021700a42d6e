import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { ApiError } from '../../../lib/api-client';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { submitSupplierStaff } from '../api/suppliers-api';
import { useSupplierText } from '../text';

/** P5.1b: a supplier's staff member's account (role vendor, linked to this supplier), entered as a draft for review. */
export function SupplierStaffForm({ supplierId, changeLink }: { supplierId: string; changeLink: (changeId: string) => string }) {
  const text = useSupplierText();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();
  const fault = (field: string) => (action.error instanceof ApiError ? action.error.errors.filter((problem) => problem.field === field).map((problem) => problem.message).join('; ') : '') || undefined;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void action.run(async () => {
      const result = await submitSupplierStaff(changeId, supplierId, { displayName: displayName.trim(), username: username.trim() });
      setSubmitted(result.changeId);
      setChangeId(newUuid());
    });
  }

  return (
    <details className="card" data-testid="new-supplier-staff">
      <summary>{text('newStaffAccount')}</summary>
      <p>{text('staffAccountNote')}</p>
      <ErrorBanner error={action.error} unclaimedFieldErrors={action.error instanceof ApiError ? action.error.errors.map((problem) => problem.message) : []} />
      {submitted && !action.error && (
        <p className="banner banner-info" role="status" data-testid="change-submitted">
          {text('submitted')} · <Link to={changeLink(submitted)}>{text('viewChange')}</Link>
        </p>
      )}
      <form onSubmit={handleSubmit}>
        <FormField id="supplier-staff-name" name="user.displayName" label={text('displayName')} error={fault('user.displayName')} required>
          <input id="supplier-staff-name" name="displayName" value={displayName} onChange={(event) => setDisplayName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="supplier-staff-username" name="user.username" label={text('username')} error={fault('user.username')} required>
          <input id="supplier-staff-username" name="username" autoComplete="off" value={username} onChange={(event) => setUsername(event.target.value)} required maxLength={32} />
        </FormField>
        <button type="submit" className="button-primary" disabled={action.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

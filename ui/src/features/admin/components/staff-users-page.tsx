import { useCallback } from 'react';
import { Link } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../../../contracts/labels';
import { ROLE_TITLES, STAFF_ROLES } from '../../../../../contracts/permissions';
import { DEPARTMENTS } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listStaffUsers } from '../api/admin-api';
import { useAdminText } from '../text';
import { useRoleNames } from './role-names';
import { NewStaffUserForm } from './staff-user-forms';

/** The staff accounts (P1.2, P5.1b): find one by name, department, role or state; makers enter a new one for review. */
export function StaffUsersPage({ userLink, changeLink, canPropose }: { userLink: (userId: string) => string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  const roleNames = useRoleNames();
  const [params, setFilters] = useSearchParamFilters();
  const filters = { name: params.get('name') ?? '', department: params.get('department') ?? '', role: params.get('role') ?? '', active: params.get('active') ?? '' };
  const staff = useKeysetList(
    (cursor, signal) =>
      listStaffUsers(
        {
          name: filters.name || undefined,
          department: filters.department || undefined,
          role: filters.role || undefined,
          active: filters.active === 'true' || filters.active === 'false' ? filters.active : undefined,
          cursor,
        },
        signal,
      ),
    [filters.name, filters.department, filters.role, filters.active],
  );
  const setName = useCallback((name: string) => setFilters({ name }), [setFilters]);

  return (
    <section>
      <h1>{text('staffUsers')}</h1>
      <ErrorBanner error={staff.error} />
      {canPropose && <NewStaffUserForm changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findByName')}
          <DebouncedTextInput type="search" name="name" value={filters.name} onCommit={setName} data-testid="user-search" />
        </label>
        <label className="form-field">
          {text('department')}
          <select name="department" value={filters.department} onChange={(event) => setFilters({ department: event.target.value })}>
            <option value="">{text('allDepartments')}</option>
            {DEPARTMENTS.map((department) => (
              <option key={department} value={department}>
                {word(DEPARTMENT_LABELS[department])}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          {text('role')}
          <select name="role" value={filters.role} onChange={(event) => setFilters({ role: event.target.value })}>
            <option value="">{text('allRoles')}</option>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {word(ROLE_TITLES[role])}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          {text('inUseOrNot')}
          <select name="active" value={filters.active} onChange={(event) => setFilters({ active: event.target.value })}>
            <option value="">{text('all')}</option>
            <option value="true">{text('inUse')}</option>
            <option value="false">{text('disabled')}</option>
          </select>
        </label>
      </div>
      {staff.loading && staff.items.length === 0 && <Loading />}
      {!staff.loading && staff.items.length === 0 && !staff.error && <p>{text('noUsers')}</p>}
      {staff.items.length > 0 && (
        <DataTable headings={[text('displayName'), text('username'), text('department'), text('roles'), text('status')]}>
          {staff.items.map((user) => (
            <tr key={user.userId} data-testid="user-row" data-user-id={user.userId}>
              <td>
                <Link to={userLink(user.userId)}>{user.displayName}</Link>
              </td>
              <td>{user.username}</td>
              <td>{user.department ? word(DEPARTMENT_LABELS[user.department]) : '—'}</td>
              <td>{roleNames(user.roles)}</td>
              <td>{user.active ? <Badge tone="success">{text('inUse')}</Badge> : <Badge>{text('disabled')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={staff.hasMore} loading={staff.loading} onLoadMore={staff.loadMore} />
    </section>
  );
}

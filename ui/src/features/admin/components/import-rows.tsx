import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { importRows } from '../api/admin-api';
import { useAdminText } from '../text';
import { useDiffWording } from './diff-table';

/** P5.1b: an imported sheet's batch diff, a page of rows at a time: each row's record and what it enters, field by field. */
export function ImportRows({ changeId }: { changeId: string }) {
  const text = useAdminText();
  const rows = useKeysetList((cursor, signal) => importRows(changeId, cursor, signal), [changeId]);
  const { loaded, value, fieldName } = useDiffWording();
  if (!loaded) return <Loading />;
  return (
    <>
      <ErrorBanner error={rows.error} />
      {rows.loading && rows.items.length === 0 && <Loading />}
      {rows.items.length > 0 && (
        <DataTable headings={[text('row'), text('record'), text('changes')]} data-testid="import-rows">
          {rows.items.map((row) => (
            <tr key={row.row} data-row={row.row}>
              <td>{row.row}</td>
              <td>{row.recordId}</td>
              <td>
                <ul className="plain-list">
                  {row.diff.map((change) => (
                    <li key={change.field}>
                      {fieldName(change.field)}: {change.before !== null && `${value(change.field, change.before)} → `}
                      {value(change.field, change.after)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={rows.hasMore} loading={rows.loading} onLoadMore={rows.loadMore} />
    </>
  );
}

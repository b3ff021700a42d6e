import type { DiffRow, StandardCheck } from '../../../../../contracts/data-review';
import type { Label } from '../../../../../contracts/labels';
import { DIFF_CHOICE_FIELDS } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAdminText } from '../text';

/** The data-review process's own wording of fields, values and rules (its definition, through the catalogue). */
function useReviewWording() {
  const { vocabulary, text } = useI18n();
  const words = vocabulary('data-review');
  const option = (key: string, value: string): string | undefined => {
    const found: Label | undefined = words[key]?.options?.[value];
    return found ? text(found) : undefined;
  };
  return { loaded: words.field !== undefined, option };
}

/** A diff's fields and values as people read them: the process's names for fields and choices, a dash for nothing. */
export function useDiffWording() {
  const text = useAdminText();
  const { loaded, option } = useReviewWording();
  const value = (field: string, raw: DiffRow['before']) => {
    if (raw === null) return '—';
    return DIFF_CHOICE_FIELDS.includes(field) || typeof raw === 'boolean' ? (option('from', String(raw)) ?? String(raw)) : String(raw);
  };
  return { loaded, value, fieldName: (field: string) => option('field', field) ?? text('field') };
}

/** P5.1b: a change before and after, field by field, as the checker sees it. */
export function DiffTable({ diff }: { diff: DiffRow[] }) {
  const text = useAdminText();
  const { loaded, value, fieldName } = useDiffWording();
  if (!loaded) return <Loading />;
  return (
    <DataTable headings={[text('field'), text('before'), text('after')]} data-testid="change-diff">
      {diff.map((row) => (
        <tr key={row.field}>
          <th scope="row">{fieldName(row.field)}</th>
          <td>{value(row.field, row.before)}</td>
          <td>{value(row.field, row.after)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** P5.1a: the collection standard's checks and whether the change passes each. */
export function ChecksTable({ checks }: { checks: Array<Pick<StandardCheck, 'field' | 'passed'> & { rule: string }> }) {
  const text = useAdminText();
  const { loaded, option } = useReviewWording();
  if (!loaded) return <Loading />;
  return (
    <DataTable headings={[text('rule'), text('result')]} data-testid="change-checks">
      {checks.map((check, index) => (
        <tr key={index}>
          <td>{option('rule', check.rule) ?? text('rule')}</td>
          <td>{check.passed ? <Badge tone="success">{text('passed')}</Badge> : <Badge tone="danger">{text('failed')}</Badge>}</td>
        </tr>
      ))}
    </DataTable>
  );
}

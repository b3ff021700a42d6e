import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../lib/use-api-resource';
import { listPeople } from '../api/access-api';
import { useAccessText } from '../messages';
import { PersonDetailCard } from './person-detail-card';

/** Everyone with access (an owner: themselves), their credentials and consent status. */
export function PeoplePanel({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const text = useAccessText();
  const people = useApiResource((signal) => listPeople(signal), []);
  const [selected, setSelected] = useState<string | null>(null);
  const items = people.data?.items ?? [];
  const current = selected ?? (items.length === 1 ? items[0].id : null);

  return (
    <div>
      <ErrorBanner error={people.error} />
      {people.loading && !people.data && <Loading />}
      <DataTable data-testid="access-people" headings={[text('name'), text('kind'), text('unit'), text('credentials'), text('faceConsent'), text('status'), null]}>
        {items.map((person) => (
          <tr key={person.id} data-person-id={person.id}>
            <td>{person.name}</td>
            <td>{text(`kind.${person.kind}`)}</td>
            <td>{person.unitId ?? '—'}</td>
            <td>{person.credentialKinds.map((kind) => text(`credential.${kind}`)).join('、') || '—'}</td>
            <td data-testid="consent-status">
              <Badge tone={person.faceConsent ? 'success' : 'neutral'}>{text(person.faceConsent ? 'consentGiven' : 'consentNone')}</Badge>
            </td>
            <td>
              <Badge tone={person.status === 'active' ? 'info' : 'warning'}>{text(person.status)}</Badge>
            </td>
            <td>
              <button type="button" className="button-link" onClick={() => setSelected(person.id)}>
                {text('select')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      {!people.loading && items.length === 0 && <p className="empty">{text('none')}</p>}
      {current && <PersonDetailCard key={current} personId={current} onChanged={people.reload} processInstanceLink={processInstanceLink} />}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import type { ResidentView } from '../../../../../contracts/residents';
import { ID_DOCUMENT_KIND_LABELS, RESIDENT_RELATION_LABELS } from '../../../../../contracts/labels';
import { ID_DOCUMENT_KINDS, RESIDENT_RELATIONS, type IdDocumentKind, type ResidentRelation } from '../../../../../contracts/vocabulary';
import { FormField } from '../../../components/form-field';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { useResidentProposal } from './use-proposal';
import { VocabularySelect } from './vocabulary-select';

type ChangeLink = (changeId: string) => string;

/** P5.1a–b: a family member or tenant moving into a unit, with their identity document (checked by the API, then sealed). */
export function NewResidentForm({ changeLink, unitId: givenUnit = '' }: { changeLink: ChangeLink; unitId?: string }) {
  const text = useAdminText();
  const [unitId, setUnitId] = useState(givenUnit);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<ResidentRelation>('tenant');
  const [phone, setPhone] = useState('');
  const [kind, setKind] = useState<IdDocumentKind>('resident-id');
  const [number, setNumber] = useState('');
  const [moveInDate, setMoveInDate] = useState('');
  const proposal = useResidentProposal(() => setNumber(''));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'create', resident: { unitId: unitId.trim(), name: name.trim(), relation, phone: phone.trim(), idDocument: { kind, number: number.trim() }, moveInDate } });
  }

  return (
    <details className="card" data-testid="new-resident">
      <summary>{text('newResident')}</summary>
      <p>{text('residentDraftNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="resident-unit" label={text('unitId')} required>
          <input id="resident-unit" name="unitId" value={unitId} onChange={(event) => setUnitId(event.target.value)} required maxLength={63} />
        </FormField>
        <FormField id="resident-name" label={text('residentName')} required>
          <input id="resident-name" name="name" value={name} onChange={(event) => setName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="resident-relation" label={text('relation')} required>
          <VocabularySelect id="resident-relation" name="relation" values={RESIDENT_RELATIONS} labels={RESIDENT_RELATION_LABELS} value={relation} onChange={setRelation} />
        </FormField>
        <FormField id="resident-phone" label={text('phone')} required>
          <input id="resident-phone" name="phone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required maxLength={20} />
        </FormField>
        <FormField id="resident-id-kind" label={text('idKind')} required>
          <VocabularySelect id="resident-id-kind" name="idDocumentKind" values={ID_DOCUMENT_KINDS} labels={ID_DOCUMENT_KIND_LABELS} value={kind} onChange={setKind} />
        </FormField>
        <FormField id="resident-id-number" label={text('idNumber')} help={text('idNumberHelp')} required>
          <input id="resident-id-number" name="idDocumentNumber" autoComplete="off" value={number} onChange={(event) => setNumber(event.target.value)} required maxLength={32} />
        </FormField>
        <FormField id="resident-move-in" label={text('moveInDate')} required>
          <input id="resident-move-in" name="moveInDate" type="date" value={moveInDate} onChange={(event) => setMoveInDate(event.target.value)} required />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-new-resident">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: the name, relation, phone or move-in date as the maker proposes them; only what differs goes into the change. */
export function ChangeResidentForm({ resident, changeLink }: { resident: ResidentView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [name, setName] = useState(resident.name);
  const [relation, setRelation] = useState<ResidentRelation>(resident.relation);
  const [phone, setPhone] = useState(resident.phone);
  const [moveInDate, setMoveInDate] = useState(resident.moveInDate);
  const proposal = useResidentProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({
      action: 'change',
      residentId: resident.residentId,
      resident: {
        ...(name.trim() !== resident.name ? { name: name.trim() } : {}),
        ...(relation !== resident.relation ? { relation } : {}),
        ...(phone.trim() !== resident.phone ? { phone: phone.trim() } : {}),
        ...(moveInDate !== resident.moveInDate ? { moveInDate } : {}),
      },
    });
  }

  return (
    <details className="card" data-testid="change-resident">
      <summary>{text('changeResident')}</summary>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="change-resident-name" label={text('residentName')} required>
          <input id="change-resident-name" name="name" value={name} onChange={(event) => setName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="change-resident-relation" label={text('relation')} required>
          <VocabularySelect id="change-resident-relation" name="relation" values={RESIDENT_RELATIONS} labels={RESIDENT_RELATION_LABELS} value={relation} onChange={setRelation} />
        </FormField>
        <FormField id="change-resident-phone" label={text('phone')} required>
          <input id="change-resident-phone" name="phone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required maxLength={20} />
        </FormField>
        <FormField id="change-resident-move-in" label={text('moveInDate')} required>
          <input id="change-resident-move-in" name="moveInDate" type="date" value={moveInDate} onChange={(event) => setMoveInDate(event.target.value)} required />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b, P4.2b: a resident's move-out; once approved their door access is revoked by its own process. */
export function MoveOutForm({ residentId, changeLink }: { residentId: string; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [moveOutDate, setMoveOutDate] = useState('');
  const proposal = useResidentProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'move-out', residentId, moveOutDate });
  }

  return (
    <details className="card" data-testid="move-out">
      <summary>{text('moveOut')}</summary>
      <p>{text('moveOutNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="move-out-date" label={text('moveOutDate')} required>
          <input id="move-out-date" name="moveOutDate" type="date" value={moveOutDate} onChange={(event) => setMoveOutDate(event.target.value)} required />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

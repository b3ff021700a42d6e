import { useState, type FormEvent } from 'react';
import type { UnitView } from '../../../../../contracts/data-review';
import { DELIVERY_STATUS_LABELS, ID_DOCUMENT_KIND_LABELS, UNIT_USE_LABELS } from '../../../../../contracts/labels';
import { DELIVERY_STATUSES, ID_DOCUMENT_KINDS, UNIT_USES, type DeliveryStatus, type IdDocumentKind, type UnitUse } from '../../../../../contracts/vocabulary';
import { FormField } from '../../../components/form-field';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { useProposal } from './use-proposal';
import { VocabularySelect } from './vocabulary-select';

type ChangeLink = (changeId: string) => string;

/** P5.1b: the area, use or delivery status as the maker proposes them; only what differs goes into the change. */
export function ChangeUnitForm({ unit, changeLink }: { unit: UnitView; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [area, setArea] = useState(String(unit.exclusiveArea));
  const [use, setUse] = useState<UnitUse>(unit.use);
  const [deliveryStatus, setDeliveryStatus] = useState<DeliveryStatus>(unit.deliveryStatus);
  const proposal = useProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const exclusiveArea = Number(area);
    void proposal.submit({
      action: 'change',
      unitId: unit.unitId,
      unit: {
        ...(exclusiveArea !== unit.exclusiveArea ? { exclusiveArea } : {}),
        ...(use !== unit.use ? { use } : {}),
        ...(deliveryStatus !== unit.deliveryStatus ? { deliveryStatus } : {}),
      },
    });
  }

  return (
    <details className="card" data-testid="change-unit">
      <summary>{text('changeUnit')}</summary>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="change-area" label={text('area')} required>
          <input id="change-area" name="exclusiveArea" type="number" step="0.01" min="1" value={area} onChange={(event) => setArea(event.target.value)} required />
        </FormField>
        <FormField id="change-use" label={text('use')}>
          <VocabularySelect id="change-use" name="use" values={UNIT_USES} labels={UNIT_USE_LABELS} value={use} onChange={setUse} />
        </FormField>
        <FormField id="change-delivery" label={text('deliveryStatus')}>
          <VocabularySelect id="change-delivery" name="deliveryStatus" values={DELIVERY_STATUSES} labels={DELIVERY_STATUS_LABELS} value={deliveryStatus} onChange={setDeliveryStatus} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1a–b: a new owner of the unit with their identity document (checked here and by the API, then sealed). */
export function AddOwnerForm({ unitId, changeLink }: { unitId: string; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<IdDocumentKind>('resident-id');
  const [number, setNumber] = useState('');
  const [mobile, setMobile] = useState('');
  const proposal = useProposal(() => setNumber(''));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'add-owner', unitId, owner: { name: name.trim(), idDocument: { kind, number: number.trim() }, ...(mobile.trim() ? { mobile: mobile.trim() } : {}) } });
  }

  return (
    <details className="card" data-testid="add-owner">
      <summary>{text('addOwner')}</summary>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="owner-name" label={text('ownerName')} required>
          <input id="owner-name" name="name" value={name} onChange={(event) => setName(event.target.value)} required minLength={2} maxLength={100} />
        </FormField>
        <FormField id="owner-id-kind" label={text('idKind')} required>
          <VocabularySelect id="owner-id-kind" name="idDocumentKind" values={ID_DOCUMENT_KINDS} labels={ID_DOCUMENT_KIND_LABELS} value={kind} onChange={setKind} />
        </FormField>
        <FormField id="owner-id-number" label={text('idNumber')} help={text('idNumberHelp')} required>
          <input id="owner-id-number" name="idDocumentNumber" autoComplete="off" value={number} onChange={(event) => setNumber(event.target.value)} required maxLength={32} />
        </FormField>
        <FormField id="owner-mobile" label={text('ownerMobile')} help={text('ownerMobileHelp')}>
          <input id="owner-mobile" name="mobile" type="tel" inputMode="numeric" autoComplete="off" value={mobile} onChange={(event) => setMobile(event.target.value)} maxLength={11} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-add-owner">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

/** P5.1b: an owner taken off the unit (their record stays for their other units and the history). */
export function RemoveOwnerForm({ unitId, owners, changeLink }: { unitId: string; owners: UnitView['owners']; changeLink: ChangeLink }) {
  const text = useAdminText();
  const [ownerId, setOwnerId] = useState(owners[0]?.ownerId ?? '');
  const proposal = useProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({ action: 'remove-owner', unitId, ownerId });
  }

  return (
    <details className="card" data-testid="remove-owner">
      <summary>{text('removeOwner')}</summary>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="remove-owner-id" label={text('owner')} required>
          <select id="remove-owner-id" name="ownerId" value={ownerId} onChange={(event) => setOwnerId(event.target.value)}>
            {owners.map((owner) => (
              <option key={owner.ownerId} value={owner.ownerId}>
                {owner.idDocument ? `${owner.name} ${owner.idDocument.masked}` : owner.name}
              </option>
            ))}
          </select>
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy}>
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

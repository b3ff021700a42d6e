import { useState, type FormEvent } from 'react';
import { DELIVERY_STATUSES, UNIT_USES, type DeliveryStatus, type UnitUse } from '../../../../../contracts/vocabulary';
import { DELIVERY_STATUS_LABELS, UNIT_USE_LABELS } from '../../../../../contracts/labels';
import type { BuildingView } from '../../../../../contracts/data-review';
import { unitIdOf } from '../../../../../contracts/import-templates';
import { FormField } from '../../../components/form-field';
import { useAdminText } from '../text';
import { ProposalOutcome } from './proposal-outcome';
import { useProposal } from './use-proposal';
import { VocabularySelect } from './vocabulary-select';

/** P5.1a–b: a new unit in a building, entered as a draft for its checker and management. */
export function NewUnitForm({ buildings, changeLink }: { buildings: BuildingView[]; changeLink: (changeId: string) => string }) {
  const text = useAdminText();
  const [buildingId, setBuildingId] = useState(buildings[0]?.buildingId ?? '');
  const [number, setNumber] = useState('');
  const [area, setArea] = useState('');
  const [use, setUse] = useState<UnitUse>('residential');
  const [deliveryStatus, setDeliveryStatus] = useState<DeliveryStatus>('sold-delivered');
  const proposal = useProposal();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void proposal.submit({
      action: 'create',
      unitId: unitIdOf(buildingId, number),
      unit: { buildingId, number: number.trim(), exclusiveArea: Number(area), use, deliveryStatus },
    });
  }

  return (
    <details className="card" data-testid="new-unit">
      <summary>{text('newUnit')}</summary>
      <p className="help">{text('draftNote')}</p>
      <ProposalOutcome submitted={proposal.submitted} error={proposal.error} changeLink={changeLink} />
      <form onSubmit={handleSubmit}>
        <FormField id="new-unit-building" label={text('building')} required>
          <select id="new-unit-building" name="buildingId" value={buildingId} onChange={(event) => setBuildingId(event.target.value)} required>
            {buildings.map((building) => (
              <option key={building.buildingId} value={building.buildingId}>
                {building.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="new-unit-number" label={text('number')} required>
          <input id="new-unit-number" name="number" value={number} onChange={(event) => setNumber(event.target.value)} required maxLength={20} />
        </FormField>
        <FormField id="new-unit-area" label={text('area')} required>
          <input id="new-unit-area" name="exclusiveArea" type="number" step="0.01" min="1" value={area} onChange={(event) => setArea(event.target.value)} required />
        </FormField>
        <FormField id="new-unit-use" label={text('use')} required>
          <VocabularySelect id="new-unit-use" name="use" values={UNIT_USES} labels={UNIT_USE_LABELS} value={use} onChange={setUse} />
        </FormField>
        <FormField id="new-unit-delivery" label={text('deliveryStatus')} required>
          <VocabularySelect id="new-unit-delivery" name="deliveryStatus" values={DELIVERY_STATUSES} labels={DELIVERY_STATUS_LABELS} value={deliveryStatus} onChange={setDeliveryStatus} />
        </FormField>
        <button type="submit" className="button-primary" disabled={proposal.busy} data-testid="submit-new-unit">
          {text('submit')}
        </button>
      </form>
    </details>
  );
}

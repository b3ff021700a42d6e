import { useState, type FormEvent } from 'react';
import type { DataChangeView } from '../../../../../contracts/data-review';
import { DELIVERY_STATUS_LABELS, DEPARTMENT_LABELS, ID_DOCUMENT_KIND_LABELS, RESIDENT_RELATION_LABELS, UNIT_USE_LABELS, type Label } from '../../../../../contracts/labels';
import type { STAFF_ROLES } from '../../../../../contracts/permissions';
import { DELIVERY_STATUSES, DEPARTMENTS, ID_DOCUMENT_KINDS, RESIDENT_RELATIONS, UNIT_USES } from '../../../../../contracts/vocabulary';
import { ApiError } from '../../../lib/api-client';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { useAction } from '../../../lib/use-action';
import { correctChange } from '../api/admin-api';
import { useAdminText, type AdminTextKey } from '../text';
import { RoleChoices } from './staff-user-forms';
import { VocabularySelect } from './vocabulary-select';

type Draft = Record<string, unknown>;
type StaffRole = (typeof STAFF_ROLES)[number];

/** The choices a draft's field is one of, by the field's own name. */
const CHOICES: Record<string, { values: readonly string[]; labels: Record<string, Label> }> = {
  use: { values: UNIT_USES, labels: UNIT_USE_LABELS },
  deliveryStatus: { values: DELIVERY_STATUSES, labels: DELIVERY_STATUS_LABELS },
  relation: { values: RESIDENT_RELATIONS, labels: RESIDENT_RELATION_LABELS },
  department: { values: DEPARTMENTS, labels: DEPARTMENT_LABELS },
  kind: { values: ID_DOCUMENT_KINDS, labels: ID_DOCUMENT_KIND_LABELS },
};

/** How each field is called, by its path in the draft. */
const FIELD_TEXT: Record<string, AdminTextKey> = {
  'unit.buildingId': 'building',
  'unit.number': 'number',
  'unit.exclusiveArea': 'area',
  'unit.use': 'use',
  'unit.deliveryStatus': 'deliveryStatus',
  reason: 'reason',
  'owner.name': 'ownerName',
  'owner.idDocument.kind': 'idKind',
  'owner.idDocument.number': 'idNumber',
  'owner.mobile': 'ownerMobile',
  'user.displayName': 'displayName',
  'user.username': 'username',
  'user.department': 'department',
  'user.roles': 'roles',
  'resident.unitId': 'unitIdFilter',
  'resident.name': 'residentName',
  'resident.relation': 'relation',
  'resident.phone': 'phone',
  'resident.idDocument.kind': 'idKind',
  'resident.idDocument.number': 'idNumber',
  'resident.moveInDate': 'moveInDate',
  moveOutDate: 'moveOutDate',
  'device.name': 'deviceName',
  'device.zoneId': 'zone',
  'connection.baseUrl': 'baseUrl',
  'connection.username': 'deviceUsername',
  'connection.password': 'devicePassword',
  'connection.pushSecret': 'pushSecret',
  'connection.cameraChannel': 'cameraChannel',
  'zone.name': 'zoneName',
  'zone.buildingId': 'building',
  'shift.zoneId': 'zone',
  'shift.guardUserId': 'guard',
  'shift.date': 'date',
  'shift.startTime': 'startTime',
  'shift.endTime': 'endTime',
};

/** Write-only secrets: typed, never shown, blank keeps the stored one. */
const SECRETS = new Set(['password', 'pushSecret']);

/** The fields a correction may edit: what the draft holds, but not which record it is about nor what it does. */
const FIXED = new Set(['action', 'unitId', 'userId', 'residentId', 'ownerId', 'owner.ownerId', 'deviceId', 'zoneId', 'shiftId']);

function fieldsOf(draft: Draft, prefix = ''): string[] {
  return Object.entries(draft).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (FIXED.has(path)) return [];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? fieldsOf(value as Draft, path) : [path];
  });
}

const valueAt = (draft: Draft, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value as Draft | undefined)?.[key], draft);

function withValue(draft: Draft, path: string, value: unknown): Draft {
  const [key, ...rest] = path.split('.');
  return { ...draft, [key]: rest.length ? withValue((draft[key] ?? {}) as Draft, rest.join('.'), value) : value };
}

/**
 * P5.1b: the maker corrects a returned change on its page: the draft prefilled (an identity document's number entered
 * again, as it is kept only sealed), resubmitted into the same review as its next revision.
 */
export function CorrectionForm({ change, onCorrected }: { change: DataChangeView; onCorrected: (view: DataChangeView) => void }) {
  const text = useAdminText();
  const [draft, setDraft] = useState<Draft>(change.draft ?? {});
  const correction = useAction();
  const fieldMessages = correction.error instanceof ApiError ? correction.error.errors.map((problem) => problem.message) : [];

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void correction.run(async () => onCorrected(await correctChange(change.changeId, change.kind, draft)));
  }

  return (
    <form onSubmit={handleSubmit} data-testid="correct-change">
      <h2>{text('correct')}</h2>
      <ErrorBanner error={correction.error} unclaimedFieldErrors={fieldMessages} />
      {fieldsOf(draft).map((path) => {
        const id = `correct-${path.replace(/\./g, '-')}`;
        const value = valueAt(draft, path);
        const name = path.split('.').pop()!;
        const label = text(FIELD_TEXT[path] ?? 'field');
        const set = (next: unknown) => setDraft((current) => withValue(current, path, next));
        const choices = CHOICES[name];
        return (
          <FormField key={path} id={id} name={path} label={label} help={name === 'number' && path.includes('idDocument') ? text('idNumberAgain') : undefined} required={!SECRETS.has(name)}>
            {name === 'roles' ? (
              <RoleChoices idPrefix={id} value={value as StaffRole[]} onChange={set} />
            ) : choices ? (
              <VocabularySelect id={id} name={path} values={choices.values} labels={choices.labels} value={String(value)} onChange={set} />
            ) : SECRETS.has(name) ? (
              <input id={id} name={path} type="password" autoComplete="new-password" placeholder={text('keepSecret')} value={String(value ?? '')} onChange={(event) => set(event.target.value)} />
            ) : typeof value === 'number' ? (
              <input id={id} name={path} type="number" step="0.01" value={String(value)} onChange={(event) => set(Number(event.target.value))} required />
            ) : (
              <input id={id} name={path} type={/Date$/.test(name) ? 'date' : 'text'} autoComplete="off" value={String(value ?? '')} onChange={(event) => set(event.target.value)} required />
            )}
          </FormField>
        );
      })}
      <button type="submit" className="button-primary" disabled={correction.busy} data-testid="resubmit-change">
        {text('resubmit')}
      </button>
    </form>
  );
}

import { useState } from 'react';
import type { DataChangeProposal } from '../../../../../contracts/data-review';
import type { ShiftChangeProposal, ZoneChangeProposal } from '../../../../../contracts/guard-roster';
import type { ResidentChangeProposal } from '../../../../../contracts/residents';
import type { UserChangeProposal } from '../../../../../contracts/staff-users';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { submitChange, submitResidentChange, submitShiftChange, submitUserChange, submitZoneChange } from '../api/admin-api';

/**
 * A maker's proposal (P5.1b): one change id for the life of the form, so a retried submit is the same change; a new
 * one once it has gone into review.
 */
function useReviewedProposal<Proposal>(send: (changeId: string, proposal: Proposal) => Promise<{ changeId: string }>, onSubmitted?: () => void) {
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();
  const submit = (proposal: Proposal) =>
    action.run(async () => {
      const result = await send(changeId, proposal);
      setSubmitted(result.changeId);
      setChangeId(newUuid());
      onSubmitted?.();
    });
  return { ...action, submitted, submit };
}

/** A change to a unit or its owners. */
export const useProposal = (onSubmitted?: () => void) => useReviewedProposal<DataChangeProposal>(submitChange, onSubmitted);

/** A change to a staff user: a new one, their roles or department, disabling or enabling them. */
export const useUserProposal = (onSubmitted?: () => void) => useReviewedProposal<UserChangeProposal>(submitUserChange, onSubmitted);

/** A change to a unit's resident or tenant: moving in, a change, a move-out. */
export const useResidentProposal = (onSubmitted?: () => void) => useReviewedProposal<ResidentChangeProposal>(submitResidentChange, onSubmitted);

/** A change to a zone: a new one, its name or building, disabling it. */
export const useZoneProposal = (onSubmitted?: () => void) => useReviewedProposal<ZoneChangeProposal>(submitZoneChange, onSubmitted);

/** A change to the guard roster: a new shift, a change of it, its cancellation. */
export const useShiftProposal = (onSubmitted?: () => void) => useReviewedProposal<ShiftChangeProposal>(submitShiftChange, onSubmitted);

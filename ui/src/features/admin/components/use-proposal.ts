import { useState } from 'react';
import type { DataChangeProposal } from '../../../../../contracts/data-review';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { submitChange } from '../api/admin-api';

/**
 * A maker's proposal (P5.1b): one change id for the life of the form, so a retried submit is the same change; a new
 * one once it has gone into review.
 */
export function useProposal(onSubmitted?: () => void) {
  const [changeId, setChangeId] = useState(newUuid);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const action = useAction();
  const submit = (proposal: DataChangeProposal) =>
    action.run(async () => {
      const result = await submitChange(changeId, proposal);
      setSubmitted(result.changeId);
      setChangeId(newUuid());
      onSubmitted?.();
    });
  return { ...action, submitted, submit };
}

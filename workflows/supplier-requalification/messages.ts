export { progressQuery } from '../lib/messages';

/** What each re-qualification it starts is given (durations and the pass mark are configuration). */
export interface SupplierRequalificationInput {
  reviewDueSeconds: number;
  requalifyAfterSeconds: number;
  passMark: number;
}

export interface SupplierRequalificationOutcome {
  flaggedDocuments: number;
  started: string[];
}

export { progressQuery } from '../lib/messages';
export type { SupplierRequalificationInput } from './definition';

export interface SupplierRequalificationOutcome {
  flaggedDocuments: number;
  started: string[];
}

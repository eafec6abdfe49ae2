/** What other modules and the CLI may use of credit cover: the webhook event types it emits, the staff commands. */
export const COVER_EVENT_TYPES = ['cover.decided', 'cover.referred', 'cover.changed'] as const;
export type { CoverEventType } from './use-cases/shared.js';
export {
  cancelPolicyAsStaff, changePolicyAsStaff, createCustomerAsStaff, createPolicyAsStaff, listPoliciesAsStaff,
  type StaffPolicyChanges, type StaffPolicyTerms,
} from './staff-commands.js';

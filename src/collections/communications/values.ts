import type { ClaimForMessaging } from '../../servicing/api.js';
import { formatDate, formatMoney } from './format.js';
import type { Language } from './language.js';
import { debtorName } from './recipient.js';
import type { TemplateValues } from './templates/content.js';

/** What the caller may add to a message (e.g. the landing page URL of #26). */
export interface MessageData {
  landingPageUrl?: string;
  /** Shown as the sender; the tenant's name when absent. */
  creditorName?: string;
}

/** The template values of a claim's message, formatted in the message's language. */
export function templateValues(claim: ClaimForMessaging, language: Language, tenantName: string, data: MessageData): TemplateValues {
  return {
    debtorName: debtorName(claim.debtor),
    creditorName: data.creditorName ?? tenantName,
    claimReference: claim.claimReference,
    paymentReference: claim.paymentReference ?? claim.claimReference,
    amountDue: formatMoney(claim.amountDue, claim.currency, language),
    dueDate: formatDate(claim.dueDate, language),
    landingPageUrl: data.landingPageUrl ?? '',
  };
}

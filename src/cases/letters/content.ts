import type { MinorUnits } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import type { EarlyCostsAssessment, PreLiabilityCalculation } from '../domain/indemnity.js';

/*
 * What a correspondence letter says (spec §6.2 `Letter`; the handbook's "receive various correspondence letters"):
 * a plain value, built by the use case that issues the letter from the case as it stands at that moment, and
 * stored with it. Rendering (pdf.ts) and mailing (email.ts) read nothing else, so an issued letter renders to the
 * same bytes forever: its content never changes after issue.
 */

export const LETTER_TYPES = [
  'ACKNOWLEDGEMENT', 'DOCUMENT_REQUEST', 'EARLY_COSTS_ASSESSMENT', 'PRE_LIABILITY_CALCULATION', 'LIABILITY_ASSESSMENT',
  'PAYMENT_ADVICE', 'CLAIM_DECLINED', 'COLLECTION_UPDATE', 'CASE_CLOSED',
] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

export type LetterCaseType = 'COLLECTION' | 'MONITOR' | 'CLAIM_COLLECTION' | 'CLAIM_MONITOR';
export type LetterCollectionPhase = 'AMICABLE' | 'LEGAL' | 'INSOLVENCY';
export type LetterClosureReason = 'PAID_BY_DEBTOR' | 'INDEMNIFIED' | 'WITHDRAWN' | 'UNRECOVERABLE' | 'CLAIM_DECLINED';

export interface LetterParty {
  readonly name: string;
  /** Postal address lines, printed under the name. */
  readonly address?: readonly string[];
  readonly email?: string;
}

export interface LetterHeader {
  readonly letterId: string;
  readonly caseId: string;
  readonly caseType: LetterCaseType;
  /** The moment of issue: printed as a date in `timeZone`, and the PDF's creation date. */
  readonly issuedAt: Date;
  /** The business time zone the issue date is read in; Europe/Stockholm by default. */
  readonly timeZone?: string;
  /** The insurer (the tenant) who writes the letter. */
  readonly insurer: LetterParty;
  /** The policyholder the letter is addressed to. */
  readonly customer: LetterParty & { readonly customerId: number };
  readonly policyId: string;
  readonly buyer: { readonly buyerId: number; readonly name: string };
  readonly customerRefNumber?: string;
  readonly currencyCode: string;
}

export interface LetterInvoiceLine {
  readonly documentNumber: string;
  readonly dueDate: BusinessDate;
  readonly outstandingAmount: MinorUnits;
}

export type LetterDetails =
  | { readonly letterType: 'ACKNOWLEDGEMENT'; readonly outstandingAmount: MinorUnits; readonly oldestDueDate: BusinessDate; readonly invoices: readonly LetterInvoiceLine[] }
  | { readonly letterType: 'DOCUMENT_REQUEST'; readonly documents: readonly string[]; readonly deadline: BusinessDate }
  | {
    readonly letterType: 'EARLY_COSTS_ASSESSMENT'; readonly estimatedCosts: MinorUnits; readonly insurerContribution: MinorUnits;
    readonly insuredContribution: MinorUnits; readonly insuredPercentage: string;
  }
  | {
    readonly letterType: 'PRE_LIABILITY_CALCULATION'; readonly outstandingAmount: MinorUnits; readonly limitInForce: MinorUnits;
    readonly insuredLoss: MinorUnits; readonly insuredPercentage: string; readonly indemnityAmount: MinorUnits;
    readonly dateOfLoss: BusinessDate; readonly asOf: BusinessDate;
  }
  | {
    readonly letterType: 'LIABILITY_ASSESSMENT'; readonly claimAmount: MinorUnits; readonly approvedAmount: MinorUnits;
    readonly insuredPercentage: string; readonly indemnityAmount: MinorUnits; readonly dateOfLoss: BusinessDate; readonly paymentDate: BusinessDate;
  }
  | { readonly letterType: 'PAYMENT_ADVICE'; readonly indemnityAmount: MinorUnits; readonly paidOn: BusinessDate; readonly paymentReference: string }
  | { readonly letterType: 'CLAIM_DECLINED'; readonly claimAmount: MinorUnits; readonly reason: string }
  | {
    readonly letterType: 'COLLECTION_UPDATE'; readonly collectionPhase: LetterCollectionPhase; readonly outstandingAmount: MinorUnits;
    readonly recoveredAmount: MinorUnits; readonly nextStep?: string;
  }
  | {
    readonly letterType: 'CASE_CLOSED'; readonly closureReason: LetterClosureReason; readonly closedOn: BusinessDate;
    readonly recoveredAmount: MinorUnits; readonly indemnityPaid: MinorUnits;
  };

export type LetterContent = LetterHeader & LetterDetails;

/** The details of an EARLY_COSTS_ASSESSMENT letter from the domain's assessment. */
export function earlyCostsLetterDetails(assessment: EarlyCostsAssessment): LetterDetails {
  return {
    letterType: 'EARLY_COSTS_ASSESSMENT', estimatedCosts: assessment.estimatedCosts, insurerContribution: assessment.insurerContribution,
    insuredContribution: assessment.insuredContribution, insuredPercentage: assessment.insuredPercentage,
  };
}

/** The details of a PRE_LIABILITY_CALCULATION letter from the domain's calculation. */
export function preLiabilityLetterDetails(calculation: PreLiabilityCalculation): LetterDetails {
  return {
    letterType: 'PRE_LIABILITY_CALCULATION', outstandingAmount: calculation.outstandingAmount, limitInForce: calculation.limitInForce,
    insuredLoss: calculation.insuredLoss, insuredPercentage: calculation.insuredPercentage, indemnityAmount: calculation.indemnityAmount,
    dateOfLoss: calculation.dateOfLoss, asOf: calculation.asOf,
  };
}

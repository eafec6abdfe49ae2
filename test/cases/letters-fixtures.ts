import type { LetterContent, LetterDetails, LetterHeader, LetterType } from '../../src/cases/letters/content.js';

/** One letter header shared by the letter tests and the bench; Swedish characters on purpose. */
export const letterHeader: LetterHeader = {
  letterId: 'LTR-000042',
  caseId: 'NP-000123',
  caseType: 'CLAIM_COLLECTION',
  issuedAt: new Date('2025-09-30T08:15:00Z'),
  insurer: { name: 'Nordkredit Försäkring AB', address: ['Sveavägen 1', '111 57 Stockholm'], email: 'claims@nordkredit.example' },
  customer: { customerId: 10000001, name: 'Åkesson & Söner Trävaror AB', address: ['Storgatan 12', '903 26 Umeå'], email: 'ekonomi@akesson.example' },
  policyId: '9000001',
  buyer: { buyerId: 11223344, name: 'Östgöta Bygg Kärnhus AB' },
  customerRefNumber: 'ERP-CASE-77',
  currencyCode: 'SEK',
};

/** The details of every letter type, with the amounts (öre) and dates a test looks for in the text. */
export const letterDetails: Record<LetterType, LetterDetails> = {
  ACKNOWLEDGEMENT: {
    letterType: 'ACKNOWLEDGEMENT', outstandingAmount: 4_300_000, oldestDueDate: '2025-03-01',
    invoices: [
      { documentNumber: 'INV-1001', dueDate: '2025-03-01', outstandingAmount: 1_300_000 },
      { documentNumber: 'INV-1002', dueDate: '2025-05-01', outstandingAmount: 3_000_000 },
    ],
  },
  DOCUMENT_REQUEST: { letterType: 'DOCUMENT_REQUEST', documents: ['Copy of the invoices', 'Statement of account', 'Proof of delivery'], deadline: '2025-10-30' },
  EARLY_COSTS_ASSESSMENT: { letterType: 'EARLY_COSTS_ASSESSMENT', estimatedCosts: 100_000, insurerContribution: 83_720, insuredContribution: 16_280, insuredPercentage: '90' },
  PRE_LIABILITY_CALCULATION: {
    letterType: 'PRE_LIABILITY_CALCULATION', outstandingAmount: 4_300_000, limitInForce: 4_000_000, insuredLoss: 4_000_000, insuredPercentage: '92.5',
    indemnityAmount: 3_700_000, dateOfLoss: '2025-08-28', asOf: '2025-06-01',
  },
  LIABILITY_ASSESSMENT: {
    letterType: 'LIABILITY_ASSESSMENT', claimAmount: 4_300_000, approvedAmount: 4_000_000, insuredPercentage: '90', indemnityAmount: 3_600_000,
    dateOfLoss: '2025-08-28', paymentDate: '2025-10-05',
  },
  PAYMENT_ADVICE: { letterType: 'PAYMENT_ADVICE', indemnityAmount: 3_600_000, paidOn: '2025-10-05', paymentReference: 'PAY-NP-000123-1' },
  CLAIM_DECLINED: { letterType: 'CLAIM_DECLINED', claimAmount: 4_300_000, reason: 'Notified after the maximum extension period plus 30 days.' },
  COLLECTION_UPDATE: { letterType: 'COLLECTION_UPDATE', collectionPhase: 'LEGAL', outstandingAmount: 2_800_000, recoveredAmount: 1_500_000 },
  CASE_CLOSED: { letterType: 'CASE_CLOSED', closureReason: 'INDEMNIFIED', closedOn: '2025-12-01', recoveredAmount: 700_000, indemnityPaid: 3_600_000 },
};

export function letterOf(type: LetterType): LetterContent {
  return { ...letterHeader, ...letterDetails[type] };
}

/**
 * Versioned insurance policy documents (Insure). The last entry is current; a seller who signed an earlier version
 * must sign again (spec §9-10). Decision: versions live in code so a release that changes the terms is reviewed.
 */
export interface PolicyDocument {
  readonly version: string;
  readonly title: string;
  readonly body: readonly string[];
}

export const POLICY_DOCUMENTS: readonly PolicyDocument[] = [
  {
    version: '2026-01',
    title: 'Invoice insurance policy',
    body: [
      'The insurer covers the insured invoice against the buyer\'s non-payment, late payment and bankruptcy up to the invoice amount.',
      'Cover starts when the quote is activated and ends when it is settled, or 30 days after the invoice due date.',
      'A claim must be made within 30 days after the due date. The premium is invoiced monthly with 30 days\' terms.',
    ],
  },
];

export function currentPolicy(): PolicyDocument {
  return POLICY_DOCUMENTS[POLICY_DOCUMENTS.length - 1] as PolicyDocument;
}

import type { ConnectLanguage } from './domain/connect-request.js';

/**
 * Versioned insurance policy documents (Insure). The last entry is current; a seller who signed an earlier version
 * must sign again (spec §9-10). Decision: versions live in code so a release that changes the terms is reviewed.
 * A version carries its terms in every language the signing pages speak (the Connect purchase pages and the Insure
 * sign page); a signature names the version, so each version's translations must state the same terms.
 */
export interface PolicyText {
  readonly title: string;
  readonly body: readonly string[];
}

export interface PolicyDocument {
  readonly version: string;
  readonly texts: Readonly<Record<ConnectLanguage, PolicyText>>;
}

export const POLICY_DOCUMENTS: readonly PolicyDocument[] = [
  {
    version: '2026-01',
    texts: {
      en: {
        title: 'Invoice insurance policy',
        body: [
          'The insurer covers the insured invoice against the buyer\'s non-payment, late payment and bankruptcy up to the invoice amount.',
          'Cover starts when the quote is activated and ends when it is settled, or 30 days after the invoice due date.',
          'A claim must be made within 30 days after the due date. The premium is invoiced monthly with 30 days\' terms.',
        ],
      },
      sv: {
        title: 'Villkor för fakturaförsäkring',
        body: [
          'Försäkringsgivaren försäkrar den försäkrade fakturan mot att köparen inte betalar, betalar för sent eller går i konkurs, upp till fakturabeloppet.',
          'Försäkringen börjar gälla när offerten aktiveras och upphör när fakturan är reglerad, eller 30 dagar efter fakturans förfallodag.',
          'Anspråk på ersättning ska göras inom 30 dagar efter förfallodagen. Premien faktureras månadsvis med 30 dagars betalningstid.',
        ],
      },
    },
  },
];

export function currentPolicy(): PolicyDocument {
  return POLICY_DOCUMENTS[POLICY_DOCUMENTS.length - 1] as PolicyDocument;
}

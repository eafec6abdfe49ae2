// Every word of the Insure sign-policy page, in each language the purchase pages speak. What the two signing pages say
// alike (the title, the form's labels, its errors, the buyer and premium labels) is taken from purchase-texts.ts, so it
// is translated once; this dictionary holds only the sign page's own words. The interface makes a missing translation
// a compile error. Values that vary (amounts, dates) arrive already formatted for the language (connect-locale.ts).
import type { ConnectLanguage } from '../domain/connect-request.js';
import { type PageText, PURCHASE_TEXTS, type PurchaseTexts } from './purchase-texts.js';

/** The words only the sign page uses. */
interface SignPageOwnTexts {
  readonly seller: string;
  readonly invoice: string;
  readonly invoiceLine: (amount: string, dueDate: string) => string;
  readonly submit: string;
  readonly closedTitle: string;
  readonly signed: string;
  readonly notSignable: (status: string) => string;
  readonly notFound: PageText;
}

export interface SignPageTexts extends SignPageOwnTexts {
  readonly title: string;
  readonly buyer: string;
  readonly premium: string;
  readonly form: PurchaseTexts['sign'];
  readonly errors: PurchaseTexts['errors'];
}

const SV: SignPageOwnTexts = {
  seller: 'Säljare',
  invoice: 'Faktura',
  invoiceLine: (amount, dueDate) => `${amount}, förfaller ${dueDate}`,
  submit: 'Signera och aktivera',
  closedTitle: 'Signering av villkor',
  signed: 'Villkoren är signerade och försäkringen gäller.',
  notSignable: (status) => `Den här offerten kan inte längre signeras (status ${status}).`,
  notFound: { title: 'Sidan hittades inte', message: 'Signeringslänken är inte giltig.' },
};

const EN: SignPageOwnTexts = {
  seller: 'Seller',
  invoice: 'Invoice',
  invoiceLine: (amount, dueDate) => `${amount}, due ${dueDate}`,
  submit: 'Sign and activate',
  closedTitle: 'Policy signing',
  signed: 'The policy is signed and the cover is active.',
  notSignable: (status) => `This quote cannot be signed any more (status ${status}).`,
  notFound: { title: 'Not found', message: 'This signing link is not valid.' },
};

function withShared(own: SignPageOwnTexts, purchase: PurchaseTexts): SignPageTexts {
  return {
    ...own,
    title: purchase.steps.sign,
    buyer: purchase.summary.buyer,
    premium: purchase.summary.premium,
    form: purchase.sign,
    errors: purchase.errors,
  };
}

export const SIGN_PAGE_TEXTS: Readonly<Record<ConnectLanguage, SignPageTexts>> = {
  sv: withShared(SV, PURCHASE_TEXTS.sv),
  en: withShared(EN, PURCHASE_TEXTS.en),
};

// A Connect quote request as its protocol has read it, and the languages Connect speaks to sellers.
import type { MinorUnits } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import type { DiscountCode } from '../../risk/api.js';
import type { QuoteCurrency } from './quote-request.js';

export const PAYMENT_TERMS = { min: 7, max: 120 } as const;
export const CONNECT_SELLER_COUNTRIES: ReadonlySet<string> = new Set(['SE']);
export const CONNECT_LANGUAGES = ['sv', 'en'] as const;
export type ConnectLanguage = (typeof CONNECT_LANGUAGES)[number];

export interface ConnectQuoteRequest {
  readonly sellerIdentifier: string;
  readonly sellerCountry: string;
  readonly sellerEmail: string;
  /** As sent (null when absent); `language` is what communication uses. */
  readonly sellerLanguage: string | null;
  readonly language: ConnectLanguage;
  readonly sellerFirstName: string | null;
  readonly sellerLastName: string | null;
  readonly buyerIdentifier: string;
  readonly buyerCountry: string;
  readonly invoicePaymentTerms: number;
  /** The decimal string as sent ("10000"), and the amount in minor units. */
  readonly invoiceAmountText: string;
  readonly invoiceAmount: MinorUnits;
  readonly invoiceAmountCurrency: QuoteCurrency;
  readonly invoiceNumber: string | null;
  readonly invoiceIssueDate: BusinessDate | null;
  readonly invoiceDueDate: BusinessDate | null;
  readonly discount: DiscountCode | null;
  /** The code as sent (trimmed), echoed in the response. */
  readonly discountCodeText: string | null;
  readonly invoiceReference: string | null;
}

export function communicationLanguage(sellerLanguage: string | null): ConnectLanguage {
  return (CONNECT_LANGUAGES as readonly string[]).includes(sellerLanguage ?? '') ? (sellerLanguage as ConnectLanguage) : 'en';
}

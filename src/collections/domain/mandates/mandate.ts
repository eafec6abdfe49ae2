import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { err, ok, type Result } from '../../../platform/result.js';
import { debtorRecordError, type DebtorRecordError } from '../debtor-record-errors.js';

/*
 * Mandates (#32–#34, collections.md §5): stored per account with provider, debtor and products. A bank mandate
 * (provider `trustly`, SEPA direct debit through the debtor's bank account) whose account number is written as an
 * IBAN (two letters, two check digits, then the account) must be a valid one (ISO 13616: country, length and mod-97
 * check digits). Decision: an account number in another form (masked, a local number, the seed's `"string"` in its
 * get_account_mandates example) is display text and kept as sent. Card providers show card details instead.
 */

export const MANDATE_PROVIDERS = ['trustly', 'split', 'ferratumCheckoutCreditCardV2', 'paylandsenBizum', 'paylandsenCards'] as const;
export type MandateProvider = (typeof MANDATE_PROVIDERS)[number];
export const BANK_PROVIDERS: readonly MandateProvider[] = ['trustly'];

export interface MandateInput {
  mandateId: string;
  accountReference: string;
  providerName: MandateProvider;
  debtorReference: string;
  productReferences: string[];
  mandateRepresentation?: Record<string, unknown>;
  clientIpAddress?: string;
}

/** Written as an IBAN: country letters, two check digits and 11 to 30 letters or digits (spaces and case tolerated). */
export function looksLikeIban(text: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(text.replace(/\s+/g, '').toUpperCase());
}

/** The IBAN in electronic form when `text` is a valid IBAN (spaces and case tolerated), else undefined. */
export function validIban(text: string): string | undefined {
  const electronic = electronicFormatIBAN(text);
  return electronic && isValidIBAN(electronic) ? electronic : undefined;
}

/** Decides whether the mandate fits the account: its debtor and products are the account's, a bank IBAN is valid. */
export function checkMandate(
  mandate: MandateInput, account: { debtorReferences: readonly string[]; productReferences: readonly string[] },
): Result<MandateInput, DebtorRecordError> {
  if (!account.debtorReferences.includes(mandate.debtorReference)) {
    return err(debtorRecordError('DEBTOR_NOT_ON_ACCOUNT', `Debtor ${mandate.debtorReference} is not a debtor of Account ${mandate.accountReference}`));
  }
  const unknownProducts = mandate.productReferences.filter((reference) => !account.productReferences.includes(reference));
  if (unknownProducts.length > 0) {
    return err(debtorRecordError('PRODUCT_NOT_ON_ACCOUNT', `Product ${unknownProducts.join(', ')} is not a product of Account ${mandate.accountReference}`));
  }
  const accountNumber = mandate.mandateRepresentation?.accountNumber;
  const iban = accountNumber === undefined ? undefined : String(accountNumber);
  if (BANK_PROVIDERS.includes(mandate.providerName) && iban !== undefined && looksLikeIban(iban) && validIban(iban) === undefined) {
    return err(debtorRecordError('INVALID_IBAN', `mandateRepresentation.accountNumber is not a valid IBAN (ISO 13616)`));
  }
  return ok(mandate);
}

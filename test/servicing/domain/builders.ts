import type {
  AdjustmentLedgerEntry, ChargebackLedgerEntry, DiscountLedgerEntry, FeeLedgerEntry, InvoiceLedgerEntry,
  PaymentLedgerEntry, ReportingLedgerEntry,
} from '../../../src/servicing/domain/ledger.js';

/** Small builders for ledger entries in tests; `at` is createdAt (epoch ms). */

interface Common {
  readonly at?: number;
  readonly product?: string;
}

function productContext(product: string | undefined): { productReference?: string } {
  return product === undefined ? {} : { productReference: product };
}

export function invoice(ref: string, amount: number, options: Common & { dueDate?: string; debtor?: string } = {}): InvoiceLedgerEntry {
  return {
    ledgerEntryReference: ref,
    invoiceDetails: { amount, dueDate: options.dueDate ?? '2024-01-31', createdAt: options.at ?? 0 },
    context: { ...productContext(options.product), ...(options.debtor ? { externalDebtorReference: options.debtor } : {}) },
  };
}

export function fee(ref: string, amount: number, options: Common & { target?: string; type?: string } = {}): FeeLedgerEntry {
  return {
    ledgerEntryReference: ref,
    feeDetails: { amount, createdAt: options.at ?? 0, ...(options.type ? { type: options.type } : {}) },
    context: { ...productContext(options.product), ...(options.target ? { ledgerEntryReference: options.target } : {}) },
  };
}

export function payment(ref: string, amount: number, options: Common & { target?: string } = {}): PaymentLedgerEntry {
  return {
    ledgerEntryReference: ref,
    paymentDetails: { amount, createdAt: options.at ?? 0 },
    context: { ...productContext(options.product), ...(options.target ? { ledgerEntryReference: options.target } : {}) },
  };
}

export function adjustment(
  ref: string,
  amount: number,
  options: Common & { target?: string; dueDate?: string; reason?: string } = {},
): AdjustmentLedgerEntry {
  return {
    ledgerEntryReference: ref,
    adjustmentDetails: {
      amount,
      createdAt: options.at ?? 0,
      ...(options.dueDate ? { dueDate: options.dueDate } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    },
    context: { ...productContext(options.product), ...(options.target ? { ledgerEntryReference: options.target } : {}) },
  };
}

export function chargeback(ref: string, amount: number, target: string, options: Common = {}): ChargebackLedgerEntry {
  return { ledgerEntryReference: ref, chargebackDetails: { amount, createdAt: options.at ?? 0 }, context: { ledgerEntryReference: target } };
}

export function discount(ref: string, amount: number, target: string, options: Common = {}): DiscountLedgerEntry {
  return { ledgerEntryReference: ref, discountDetails: { amount, createdAt: options.at ?? 0 }, context: { ledgerEntryReference: target } };
}

export function reporting(ref: string, amount: number, options: Common = {}): ReportingLedgerEntry {
  return { ledgerEntryReference: ref, reportingDetails: { amount, createdAt: options.at ?? 0 }, context: productContext(options.product) };
}

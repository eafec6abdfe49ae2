import type { BusinessDate } from '../../platform/dates.js';
import type { MinorUnits } from '../../platform/money.js';
import type { TransactionType } from './codes.js';

export interface TransactionFacts {
  readonly transactionType: TransactionType;
  readonly documentDate: BusinessDate;
  readonly dueDate: BusinessDate | null;
  readonly grossAmount: MinorUnits;
  readonly outstandingAmount: MinorUnits;
}

export interface CaseTotals {
  readonly totalInvoiced: MinorUnits;
  readonly totalCredited: MinorUnits;
  readonly totalPaid: MinorUnits;
  /** What the debtor still owes: the invoices' outstanding amounts less credit notes and payments, never below 0. */
  readonly outstandingAmount: MinorUnits;
  readonly oldestDueDate: BusinessDate;
  readonly firstInvoiceDate: BusinessDate;
}

const earliest = (dates: BusinessDate[]): BusinessDate => dates.reduce((a, b) => (b < a ? b : a));

/** The case's amounts and dates from all its transactions (at least one INVOICE, spec §6.3). */
export function caseTotals(transactions: readonly TransactionFacts[]): CaseTotals {
  const sum = (type: TransactionType, pick: (t: TransactionFacts) => MinorUnits) =>
    transactions.filter((t) => t.transactionType === type).reduce((total, t) => total + pick(t), 0);
  const invoices = transactions.filter((t) => t.transactionType === 'INVOICE');
  if (invoices.length === 0) throw new Error('a case has at least one INVOICE');
  const totalCredited = sum('CREDIT_NOTE', (t) => t.grossAmount);
  const totalPaid = sum('PAYMENT', (t) => t.grossAmount);
  const unpaid = sum('INVOICE', (t) => t.outstandingAmount);
  return {
    totalInvoiced: sum('INVOICE', (t) => t.grossAmount), totalCredited, totalPaid,
    outstandingAmount: Math.max(0, unpaid - totalCredited - totalPaid),
    oldestDueDate: earliest(invoices.map((t) => t.dueDate as BusinessDate)),
    firstInvoiceDate: earliest(invoices.map((t) => t.documentDate)),
  };
}

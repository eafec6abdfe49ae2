import { assertMinorUnits, type MinorUnits } from '../../platform/money.js';
import { compareDates, type BusinessDate } from '../../platform/dates.js';

/*
 * Allocation of credit notes and payments to a case's invoices, oldest invoice first (spec §6.2 transactions;
 * Atradius' "allocation of payment": amounts received before the date of loss go to the oldest outstanding
 * invoice). Pure: minor units in, minor units out, no rounding anywhere.
 *
 * "Oldest" is the earliest due date, then the earliest document date, then the document number, then the order
 * the invoices were given in: the order is total, so the same transactions always allocate the same way.
 * Reductions are applied in their own chronological order (document date, then the order given), so each invoice
 * can say how much of it was credited and how much was paid.
 */

export interface LossInvoice {
  readonly documentNumber: string;
  readonly documentDate: BusinessDate;
  readonly dueDate: BusinessDate;
  /** The invoice amount as invoiced, VAT included where VAT applies. */
  readonly grossAmount: MinorUnits;
  /** The amount without VAT, when the invoice carries VAT (spec §6.2: both when VAT applies). */
  readonly netAmount?: MinorUnits;
  /**
   * False when the eligibility rules put the invoice outside cover (no limit in force when it was issued, delivered
   * beyond the maximum extension period, ...). An uncovered invoice still receives its share of the reductions.
   */
  readonly covered: boolean;
}

export type ReductionKind = 'CREDIT_NOTE' | 'PAYMENT';

export interface LossReduction {
  readonly kind: ReductionKind;
  readonly documentNumber: string;
  readonly documentDate: BusinessDate;
  readonly amount: MinorUnits;
}

export interface InvoiceBalance {
  readonly invoice: LossInvoice;
  readonly credited: MinorUnits;
  readonly paid: MinorUnits;
  /** grossAmount − credited − paid; never negative. */
  readonly outstanding: MinorUnits;
}

export interface Allocation {
  /** The invoices oldest first, each with what was allocated to it. */
  readonly invoices: readonly InvoiceBalance[];
  /** Reductions beyond the sum of the invoices (an overpayment): allocated to nothing, owed back to the debtor. */
  readonly unallocated: MinorUnits;
}

/** The invoices in allocation order: oldest due date first (ties: document date, number, input order). */
export function oldestFirst(invoices: readonly LossInvoice[]): LossInvoice[] {
  return invoices
    .map((invoice, index) => ({ invoice, index }))
    .sort((a, b) =>
      compareDates(a.invoice.dueDate, b.invoice.dueDate)
      || compareDates(a.invoice.documentDate, b.invoice.documentDate)
      || compareText(a.invoice.documentNumber, b.invoice.documentNumber)
      || a.index - b.index)
    .map(({ invoice }) => invoice);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chronological(reductions: readonly LossReduction[]): LossReduction[] {
  return reductions
    .map((reduction, index) => ({ reduction, index }))
    .sort((a, b) => compareDates(a.reduction.documentDate, b.reduction.documentDate) || a.index - b.index)
    .map(({ reduction }) => reduction);
}

interface MutableBalance {
  invoice: LossInvoice;
  credited: MinorUnits;
  paid: MinorUnits;
  outstanding: MinorUnits;
}

/** Allocates every credit note and payment to the oldest invoice that still has an outstanding amount. */
export function allocateOldestFirst(invoices: readonly LossInvoice[], reductions: readonly LossReduction[]): Allocation {
  const balances: MutableBalance[] = oldestFirst(invoices).map((invoice) => ({
    invoice, credited: 0, paid: 0, outstanding: assertMinorUnits(invoice.grossAmount),
  }));
  let unallocated = 0;
  for (const reduction of chronological(reductions)) {
    unallocated += applyReduction(balances, reduction);
  }
  return { invoices: balances, unallocated: assertMinorUnits(unallocated) };
}

/** Applies one reduction oldest-first; returns the part no invoice could take. */
function applyReduction(balances: MutableBalance[], reduction: LossReduction): MinorUnits {
  let remaining = assertMinorUnits(reduction.amount);
  for (const balance of balances) {
    if (remaining === 0) break;
    const taken = Math.min(balance.outstanding, remaining);
    if (taken === 0) continue;
    balance.outstanding -= taken;
    if (reduction.kind === 'PAYMENT') balance.paid += taken;
    else balance.credited += taken;
    remaining -= taken;
  }
  return remaining;
}

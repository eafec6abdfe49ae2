import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { servicingPaymentTargets } from '../../schema.js';

/*
 * Payment references that target invoices (servicingPaymentTargets): collections registers one for each bank
 * transfer a debtor prepares; match_account_payment reads it back to pay exactly those invoices first.
 */

export interface PaymentTarget {
  paymentReference: string;
  accountReference: string;
  invoiceReferences: string[];
}

/** A reference as banks pass it on: spaces dropped, upper case ("rf18 5390…" = "RF185390…"). */
export function compactPaymentReference(reference: string): string {
  return reference.replace(/\s+/g, '').toUpperCase();
}

export async function registerPaymentTarget(db: Executor, tenantId: string, target: PaymentTarget, now: Date): Promise<void> {
  await db.insert(servicingPaymentTargets).values({
    tenantId, paymentReference: compactPaymentReference(target.paymentReference), accountReference: target.accountReference,
    invoiceReferences: [...target.invoiceReferences], createdAt: now,
  });
}

/** The invoices a payment reference targets on this account; undefined for any other reference. */
export async function findPaymentTarget(
  db: Executor, tenantId: string, accountReference: string, paymentReference: string,
): Promise<readonly string[] | undefined> {
  const [row] = await db.select({ invoiceReferences: servicingPaymentTargets.invoiceReferences }).from(servicingPaymentTargets).where(and(
    eq(servicingPaymentTargets.tenantId, tenantId), eq(servicingPaymentTargets.paymentReference, compactPaymentReference(paymentReference)),
    eq(servicingPaymentTargets.accountReference, accountReference),
  ));
  return row?.invoiceReferences;
}

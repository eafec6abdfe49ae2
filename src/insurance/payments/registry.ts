import { invoicePaymentProvider } from './invoice-provider.js';
import type { PaymentProvider } from './provider.js';

/** The payment methods offered on the purchase page, in the order shown. */
export const PAYMENT_PROVIDERS: readonly PaymentProvider[] = [invoicePaymentProvider];

export function findPaymentProvider(providers: readonly PaymentProvider[], id: string): PaymentProvider | undefined {
  return providers.find((provider) => provider.id === id);
}

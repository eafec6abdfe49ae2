// Decision: the built-in manual provider sends the premium as an invoice with 30 days' terms; the reference is derived
// from the quote request id, so a reference is unique and a payment can be matched to its purchase by hand.
import { addDays } from '../../platform/dates.js';
import type { PaymentProvider } from './provider.js';

export const INVOICE_TERMS_DAYS = 30;

export const invoicePaymentProvider: PaymentProvider = {
  id: 'invoice',
  texts: {
    sv: { label: 'Faktura', description: `Vi skickar en faktura på premien med ${INVOICE_TERMS_DAYS} dagars betalningstid.` },
    en: { label: 'Invoice', description: `We send you an invoice for the premium, payable within ${INVOICE_TERMS_DAYS} days.` },
  },
  start(request) {
    return {
      kind: 'completed',
      status: 'awaiting_payment',
      reference: `CQ-${request.quoteRequestId}`,
      dueDate: addDays(request.today, INVOICE_TERMS_DAYS),
    };
  },
};

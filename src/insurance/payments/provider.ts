import type { MinorUnits } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import type { ConnectLanguage } from '../domain/connect-request.js';

/** What is being paid for: one Connect purchase. */
export interface PaymentRequest {
  readonly quoteRequestId: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  /** The tenant's business date of the purchase. */
  readonly today: BusinessDate;
}

/**
 * The outcome the purchase records. `completed` ends the purchase at once (the obligation is recorded and the cover
 * starts); a card or bank provider that must send the seller elsewhere would add a redirecting outcome.
 */
export interface CompletedPayment {
  readonly kind: 'completed';
  /** Status of the payment record, e.g. `awaiting_payment` for an invoice. */
  readonly status: string;
  readonly reference: string;
  readonly dueDate: BusinessDate | null;
}

/** How the payment page names a method. */
export interface PaymentMethodTexts {
  readonly label: string;
  readonly description: string;
}

export interface PaymentProvider {
  readonly id: string;
  /** Shown on the payment page and the confirmation, in every language a seller may have. */
  readonly texts: Readonly<Record<ConnectLanguage, PaymentMethodTexts>>;
  start(request: PaymentRequest): CompletedPayment;
}

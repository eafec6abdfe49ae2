// The insurance module's domain errors: what its use cases refuse, as typed values. Use cases throw them as an
// InsuranceFailure (so the caller's transaction rolls back); each protocol's http layer maps them to its own
// documented error body (http/credable-errors.ts for Credable, backoffice/http for staff, the pages for the seller).
import type { ClientAction } from './products.js';

/** One refused input field: a machine code and the message the protocol that read the input words it with. */
export interface FieldRefusal {
  readonly message: string;
  readonly code: string;
}

export type InsuranceError =
  /** No quote or quote request with that id for the tenant (another tenant's is answered the same way). */
  | { readonly kind: 'not_found' }
  /** The input as its protocol read it was refused; reported only once the quote it is for was found. */
  | { readonly kind: 'invalid_input'; readonly fields: Readonly<Record<string, readonly FieldRefusal[]>> }
  /** A live quote already exists for the invoice (rule U). */
  | { readonly kind: 'duplicate_invoice' }
  /** The quote's status does not allow the client's action. */
  | { readonly kind: 'action_not_allowed'; readonly action: ClientAction; readonly status: string }
  | { readonly kind: 'not_referred'; readonly quoteId: string; readonly status: string }
  | { readonly kind: 'no_pending_claim'; readonly quoteId: string; readonly status: string }
  /** The underwriter's premium is not a positive amount with at most two decimals. */
  | { readonly kind: 'invalid_premium' }
  /** The invoice currency has no FX rate to the book's base currency. */
  | { readonly kind: 'cannot_price' }
  | { readonly kind: 'capacity_exhausted' }
  /** The quote is not waiting for the seller's policy signature. */
  | { readonly kind: 'not_signable'; readonly status: string };

export class InsuranceFailure extends Error {
  constructor(readonly error: InsuranceError) {
    super(`insurance: ${error.kind}`);
    this.name = 'InsuranceFailure';
  }
}

export function isInsuranceFailure(error: unknown): error is InsuranceFailure {
  return error instanceof InsuranceFailure;
}

export function fail(error: InsuranceError): never {
  throw new InsuranceFailure(error);
}

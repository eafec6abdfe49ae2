// The insurance module's domain errors in Credable's documented error body (DRF style, spec §2.2 and §3): every
// Credable route answers through `inCredableTerms` (drf-endpoint.ts), so a use case never builds an HTTP error.
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import { type InsuranceError, isInsuranceFailure } from '../domain/errors.js';
import type { FieldErrors } from './drf-errors.js';
import { DUPLICATE_INVOICE_ERROR } from './quote-body.js';

export function validationError(errors: FieldErrors): ApiError {
  const issues: FieldIssue[] = Object.entries(errors).flatMap(([field, list]) =>
    list.map((error) => ({ path: [field], code: error.code, message: error.message })));
  return new ApiError('validation', 'Invalid input', { issues });
}

export function credableError(error: InsuranceError): ApiError {
  switch (error.kind) {
    case 'not_found':
      return new ApiError('not_found', 'Not Found.');
    case 'invalid_input':
      return validationError(error.fields as FieldErrors);
    case 'duplicate_invoice':
      return validationError({ invoice_reference: [DUPLICATE_INVOICE_ERROR] });
    case 'action_not_allowed':
      return new ApiError('invalid_state', `Action "${error.action}" is not available in status "${error.status}".`, { code: 'invalid_action' });
    case 'not_signable':
      return new ApiError('invalid_state', `This quote cannot be signed now (status ${error.status}).`, { code: 'invalid_action' });
    // Staff decisions: no Credable route leads to them.
    case 'not_referred':
    case 'no_pending_claim':
    case 'invalid_premium':
    case 'cannot_price':
    case 'capacity_exhausted':
      return new ApiError('invalid_state', 'The quote does not allow this now.', { code: error.kind });
  }
}

/** Runs a Credable handler, answering the module's domain errors in Credable's body. */
export async function inCredableTerms<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isInsuranceFailure(error)) throw credableError(error.error);
    throw error;
  }
}

// Why a report cannot be drawn or subscribed to.
import type { AsOfError } from './as-of.js';

export type ReportError =
  | { kind: 'unknown_report'; report: string }
  | { kind: 'invalid_parameter'; parameter: string; allowed: readonly string[] }
  | AsOfError
  | { kind: 'not_customer_scoped'; report: string }
  | { kind: 'unknown_customer'; customerId: number }
  | { kind: 'unknown_subscription'; subscriptionId: string };

/** Atradius code tables (spec §5.8) and the neutral EDIFACT credit-cover response each decision maps to. */
export const COVER_TYPES = ['credit-limit', 'credit-check', 'indication'] as const;
export type CoverType = (typeof COVER_TYPES)[number];

export type CoverStatus = 'REFERRED' | 'DECISION';

export const DECISION_CODES = {
  DC01: 'Fully approved',
  DC02: 'Approved with conditions and/or comments',
  DC03: 'Refused',
  DC04: 'Partially approved',
  DC05: 'Increase refused, current cover remains unchanged',
  DC06: 'Partially approved, preliminary',
  DC07: 'Refused, preliminary',
  DC08: 'Withdrawal decided by Atradius',
  DC09: 'Reduction in cover',
  DC10: 'Revised terms of cover',
  DC11: 'Limit re-issued',
  DC21: 'Advance notice of withdrawal',
  DC22: 'Reduction because a part expired',
} as const;
export type DecisionCode = keyof typeof DECISION_CODES;

export function isDecisionCode(value: string): value is DecisionCode {
  return Object.hasOwn(DECISION_CODES, value);
}

export const HISTORIC_CODES = {
  CCLA: 'Application cancelled', RCLA: 'Application rejected', SCLA: 'Application superseded', TCLA: 'Application transferred',
  CCLD: 'Decision cancelled', SCLD: 'Decision superseded', TCLD: 'Decision transferred', WCLD: 'Decision withdrawn',
  CIND: 'Indication cancelled', ECLD: 'Decision expired', PCLD: 'Policy cancelled', ARCH: 'Archived',
  ACLD: 'Version amended', ICLD: 'Version re-issued', MCLD: 'Version maintained',
} as const;
export type HistoricCode = keyof typeof HISTORIC_CODES;

export const PENDING_PROCESSES = {
  B: 'Pending Batch Change', C: 'Pending Cancellation', F: 'Future Withdrawal Scheduled', P: 'Future Withdrawal Postponed',
  R: 'Pending Reactivation', T: 'Pending Transfer', V: 'Pending Conversion', W: 'Pending Withdrawal',
} as const;
export type PendingProcess = keyof typeof PENDING_PROCESSES;

/**
 * Decision: the neutral code is the EDIFACT credit-cover response (4507 family) a decision amounts to, so covers of
 * several insurers can be joined in one report: approved, conditional, partly approved, not approved, still
 * investigating (referred), reduction, cancellation.
 */
export type NeutralCode =
  | 'APPROVED' | 'CONDITIONAL' | 'PARTLY_APPROVED' | 'NOT_APPROVED' | 'STILL_INVESTIGATING' | 'REDUCTION' | 'CANCELLATION';

const NEUTRAL_BY_DECISION: Record<DecisionCode, NeutralCode> = {
  DC01: 'APPROVED', DC02: 'CONDITIONAL', DC03: 'NOT_APPROVED', DC04: 'PARTLY_APPROVED', DC05: 'NOT_APPROVED',
  DC06: 'PARTLY_APPROVED', DC07: 'NOT_APPROVED', DC08: 'CANCELLATION', DC09: 'REDUCTION', DC10: 'CONDITIONAL',
  DC11: 'APPROVED', DC21: 'CANCELLATION', DC22: 'REDUCTION',
};

export function neutralCodeOf(decision: DecisionCode | null): NeutralCode {
  return decision === null ? 'STILL_INVESTIGATING' : NEUTRAL_BY_DECISION[decision];
}

/** A term attached to a decision (e.g. maximum payment terms). */
export interface Condition {
  readonly code: string;
  readonly type: string;
  readonly category: string;
  readonly description: string;
}

export const PAYMENT_TERMS_60: Condition = {
  code: 'PT60', type: 'PAYMENT_TERMS', category: 'Maximum payment terms', description: 'Cover applies to payment terms up to 60 days.',
};

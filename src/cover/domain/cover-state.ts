// The cover position of spec §5.9 (per policy + buyer) and which action each position allows; the spec row is on
// every line. A version's position is derived from its columns, never stored.
import type { CoverStatus, CoverType, HistoricCode, PendingProcess } from './codes.js';

export type Position = 'REFERRED' | 'LIVE' | 'ZERO' | 'LIVE_PENDING' | 'ENDED';

export interface VersionFacts {
  readonly coverType: CoverType;
  readonly coverStatus: CoverStatus;
  readonly historicCode: HistoricCode | null;
  readonly pendingProcess: PendingProcess | null;
  readonly granted: number;
}

export function positionOf(version: VersionFacts): Position {
  if (version.historicCode !== null) return 'ENDED';
  if (version.coverStatus === 'REFERRED') return 'REFERRED';
  if (version.pendingProcess !== null) return 'LIVE_PENDING';
  return version.granted > 0 ? 'LIVE' : 'ZERO';
}

export type CoverAction =
  | 'supersede' | 'reduce' | 'cancel' | 'update-reference' | 'convert' | 'decide' | 'insurer-notice' | 'postpone-notice' | 'revise-terms' | 'transfer' | 'reactivate';

const ALLOWED: Record<CoverAction, readonly Position[]> = {
  supersede: ['LIVE', 'ZERO'],                        // LIVE → LIVE (new version, old SCLD) · ZERO → REFERRED (re-application)
  reduce: ['LIVE'],                                   // LIVE → LIVE: reduce (DC09, old ACLD)
  cancel: ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'], // REFERRED → ENDED (CCLA) · LIVE → ENDED (CCLD/CIND) · ZERO → ENDED · LIVE → LIVE_PENDING (C)
  'update-reference': ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'], // any live cover, no new version
  convert: ['LIVE'],                                  // LIVE → LIVE: cover-type indication → credit-limit
  decide: ['REFERRED'],                               // REFERRED → LIVE (DC01/02/04/06) · REFERRED → ZERO (DC03/07)
  'insurer-notice': ['LIVE'],                         // LIVE → LIVE_PENDING: Atradius notice DC21 (W/F)
  'postpone-notice': ['LIVE_PENDING'],                // LIVE_PENDING (W/F/P) → LIVE_PENDING: postponed (P), effect on the later date
  'revise-terms': ['LIVE'],                           // LIVE → LIVE: DC10 at once, or LIVE → LIVE_PENDING (B) until its date
  transfer: ['REFERRED', 'LIVE', 'ZERO'],             // → ENDED TCLA/TCLD with a new version on the other policy (DC11), or pending T until its date
  reactivate: ['ENDED'],                              // ENDED (CCLD/WCLD/ECLD) → LIVE: limit re-issued (DC11), pending R until its effectFromDate
};

/** The ended decisions an insurer can reactivate: cancelled, withdrawn or expired ones (not superseded, amended or transferred). */
export const REACTIVATABLE: readonly HistoricCode[] = ['CCLD', 'WCLD', 'ECLD'];

/** The scheduled changes an insurer notice can be postponed from: withdrawal, reduction, or one already postponed. */
export const POSTPONABLE: readonly PendingProcess[] = ['W', 'F', 'P'];

export function actionAllowed(action: CoverAction, position: Position): boolean {
  return ALLOWED[action].includes(position);
}

/** The historic code a cancelled version ends with (spec §5.4 cancel). */
export function cancellationCode(version: VersionFacts): HistoricCode {
  if (version.coverStatus === 'REFERRED') return 'CCLA';
  return version.coverType === 'indication' ? 'CIND' : 'CCLD';
}

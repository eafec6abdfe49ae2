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

export type CoverAction = 'supersede' | 'reduce' | 'cancel' | 'update-reference' | 'convert' | 'decide' | 'insurer-notice';

const ALLOWED: Record<CoverAction, readonly Position[]> = {
  supersede: ['LIVE', 'ZERO'],                        // LIVE → LIVE (new version, old SCLD) · ZERO → REFERRED (re-application)
  reduce: ['LIVE'],                                   // LIVE → LIVE: reduce (DC09, old ACLD)
  cancel: ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'], // REFERRED → ENDED (CCLA) · LIVE → ENDED (CCLD/CIND) · ZERO → ENDED · LIVE → LIVE_PENDING (C)
  'update-reference': ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'], // any live cover, no new version
  convert: ['LIVE'],                                  // LIVE → LIVE: cover-type indication → credit-limit
  decide: ['REFERRED'],                               // REFERRED → LIVE (DC01/02/04/06) · REFERRED → ZERO (DC03/07)
  'insurer-notice': ['LIVE'],                         // LIVE → LIVE_PENDING: Atradius notice DC21 (W/F)
};

export function actionAllowed(action: CoverAction, position: Position): boolean {
  return ALLOWED[action].includes(position);
}

/** The historic code a cancelled version ends with (spec §5.4 cancel). */
export function cancellationCode(version: VersionFacts): HistoricCode {
  if (version.coverStatus === 'REFERRED') return 'CCLA';
  return version.coverType === 'indication' ? 'CIND' : 'CCLD';
}

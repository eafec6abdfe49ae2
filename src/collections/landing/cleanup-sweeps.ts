// Deletes the landing page's dead links and sessions. A link is kept 90 days after it expired, so a debtor opening an
// old reminder is told the link expired (410) rather than that it is unknown (404); its visits, payments and disputes
// keep their own claim reference and stay. A session is deleted a day after it expired.
import { expiredRowsSweep } from '../../platform/maintenance-sweeps.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';

const DAY_MS = 24 * 3_600_000;

export function landingCleanupSweeps(): Sweep<{ row: string }>[] {
  return [
    expiredRowsSweep({ name: 'landing-link-cleanup', table: 'collections_landing_links', endedBefore: 'expires_at < $1', retentionMs: 90 * DAY_MS }),
    expiredRowsSweep({ name: 'landing-session-cleanup', table: 'collections_landing_sessions', endedBefore: 'expires_at < $1', retentionMs: DAY_MS }),
  ];
}

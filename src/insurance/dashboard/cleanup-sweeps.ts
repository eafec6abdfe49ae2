// Deletes the seller dashboard's dead rows: sign-in links a week after they expired (a used link expires 15 minutes
// after it was sent, so spent links go too; until then a replay is told "used", after it "unknown"), sessions a day
// after they ended, and requests for a link a day after they left the per-address window.
import { expiredRowsSweep } from '../../platform/maintenance-sweeps.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';
import { REQUEST_WINDOW_MS } from './rules.js';

const DAY_MS = 24 * 3_600_000;

export function sellerSignInCleanupSweeps(): Sweep<{ row: string }>[] {
  return [
    expiredRowsSweep({ name: 'seller-link-cleanup', table: 'seller_sign_in_links', endedBefore: 'expires_at < $1', retentionMs: 7 * DAY_MS }),
    // A session idle for a day is long past its 30-minute idle timeout.
    expiredRowsSweep({
      name: 'seller-session-cleanup', table: 'seller_sessions', endedBefore: '(expires_at < $1 OR ended_at < $1 OR last_seen_at < $1)', retentionMs: DAY_MS,
    }),
    expiredRowsSweep({ name: 'seller-request-cleanup', table: 'seller_sign_in_requests', endedBefore: 'requested_at < $1', retentionMs: REQUEST_WINDOW_MS + DAY_MS }),
  ];
}

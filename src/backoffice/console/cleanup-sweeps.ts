// Deletes console sessions a day after they ended (signed out sessions are deleted at once; these are the ones that
// timed out or reached their 12 hours, and those of keys that never sign in again).
import { expiredRowsSweep } from '../../platform/maintenance-sweeps.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';

const DAY_MS = 24 * 3_600_000;

export function consoleSessionCleanupSweep(): Sweep<{ row: string }> {
  // A session idle for a day is long past its 30-minute idle timeout.
  return expiredRowsSweep({ name: 'console-session-cleanup', table: 'console_sessions', endedBefore: '(expires_at < $1 OR last_seen_at < $1)', retentionMs: DAY_MS });
}

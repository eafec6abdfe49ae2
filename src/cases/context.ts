import type { JobQueue } from '../platform/jobs/queue.js';
import type { Platform } from '../platform/services.js';
import { DEFAULT_TIMER_TERMS, type TimerTerms } from './domain/timers.js';

/** What the Non-Payments use cases need from configuration: the business time zone and the policy defaults of §6.7. */
export interface CasesContext {
  readonly timeZone: string;
  readonly timers: TimerTerms;
  /** Days after the Maximum Extension Period within which a non-payment must be notified (spec §6.4). */
  readonly notificationGraceDays: number;
  /** The claim threshold in whole units of the case currency (spec §6.4; §9-21: a policy default). */
  readonly claimThresholdUnits: number;
  /** The job queue a letter's e-mail (through the mail outbox) is enqueued on, and its sender. */
  readonly jobs: JobQueue;
  readonly mailFrom: string;
}

/** Decision: the spec names a claim threshold but no amount; 500 units of the policy currency. */
export const DEFAULT_CLAIM_THRESHOLD_UNITS = 500;

export function casesContext(platform: Pick<Platform, 'config' | 'jobs'>): CasesContext {
  return {
    timeZone: platform.config.BUSINESS_TIME_ZONE, timers: DEFAULT_TIMER_TERMS, notificationGraceDays: 30, claimThresholdUnits: DEFAULT_CLAIM_THRESHOLD_UNITS,
    jobs: platform.jobs, mailFrom: platform.config.MAIL_FROM,
  };
}

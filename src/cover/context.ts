/** What the Cover use cases need from configuration. */
export interface CoverContext {
  readonly timeZone: string;
  /** Days between an insurer reduction or withdrawal notice and its effect (spec §5.9: 30). */
  readonly noticeDays: number;
}

export const INSURER_NOTICE_DAYS = 30;

export function coverContext(config: { BUSINESS_TIME_ZONE: string }): CoverContext {
  return { timeZone: config.BUSINESS_TIME_ZONE, noticeDays: INSURER_NOTICE_DAYS };
}

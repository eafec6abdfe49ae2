import { z } from 'zod';
import { ConfigError } from '../platform/config.js';
import { isBusinessDate } from '../platform/dates.js';
import {
  DEFAULT_UNDERWRITING_POLICY, DEMO_DISCOUNT_CODES, type DiscountCode, isValidDiscountPercent,
  type UnderwritingPolicy,
} from '../risk/api.js';
import { DEFAULT_TIMER_CONFIG, type TimerConfig } from './domain/quote-timers.js';

export interface InsuranceConfig {
  readonly timers: TimerConfig;
  readonly underwriting: UnderwritingPolicy;
  /** Spec §9-7: list `bankruptcy_claim` in Reinsure's cover.activated actions (off keeps the seed's lists exact). */
  readonly listBankruptcyAction: boolean;
  /** Connect discount codes of live tenants; sandbox tenants also get the demo codes. */
  readonly discountCodes: readonly DiscountCode[];
}

/** `CODE:percent[:last valid date]`, comma-separated, e.g. `SPRING10:10:2026-05-31,PARTNER5:5`. */
function parseDiscountCodes(text: string): DiscountCode[] | null {
  const codes: DiscountCode[] = [];
  for (const entry of text.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const [code, percent, validUntil] = entry.split(':');
    if (!code || !/^[A-Za-z0-9_-]{1,64}$/.test(code) || !percent || !isValidDiscountPercent(percent)) return null;
    if (validUntil !== undefined && !isBusinessDate(validUntil)) return null;
    codes.push(validUntil === undefined ? { code, percent } : { code, percent, validUntil });
  }
  return codes;
}

/** The codes a tenant's Connect requests may use. */
export function discountCodesFor(config: InsuranceConfig, tenant: { mode: 'sandbox' | 'live' }): readonly DiscountCode[] {
  return tenant.mode === 'sandbox' ? [...config.discountCodes, ...DEMO_DISCOUNT_CODES] : config.discountCodes;
}

const schema = z.object({
  QUOTE_VALIDITY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(DEFAULT_TIMER_CONFIG.offerValidityHours),
  CLAIM_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(DEFAULT_TIMER_CONFIG.claimWindowDays),
  LIST_BANKRUPTCY_ACTION: z.enum(['true', 'false', '1', '0']).default('false'),
  UNDERWRITING_AUTOMATIC_LIMIT_SEK: z.coerce.number().int().min(0).optional(),
  DENIED_BUYERS: z.string().optional(),
  DISCOUNT_CODES: z.string().refine((text) => parseDiscountCodes(text) !== null, 'expected CODE:percent[:YYYY-MM-DD],…').optional(),
});

/** Insurance settings from the environment, validated like the platform's (a wrong value stops the start). */
export function loadInsuranceConfig(timeZone: string, env: NodeJS.ProcessEnv = process.env): InsuranceConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const data = parsed.data;
  return {
    timers: { offerValidityHours: data.QUOTE_VALIDITY_HOURS, claimWindowDays: data.CLAIM_WINDOW_DAYS, timeZone },
    underwriting: {
      ...DEFAULT_UNDERWRITING_POLICY,
      automaticLimit: data.UNDERWRITING_AUTOMATIC_LIMIT_SEK !== undefined
        ? data.UNDERWRITING_AUTOMATIC_LIMIT_SEK * 100 : DEFAULT_UNDERWRITING_POLICY.automaticLimit,
      deniedBuyers: (data.DENIED_BUYERS ?? '').split(',').map((key) => key.trim()).filter((key) => key !== ''),
    },
    listBankruptcyAction: data.LIST_BANKRUPTCY_ACTION === 'true' || data.LIST_BANKRUPTCY_ACTION === '1',
    discountCodes: parseDiscountCodes(data.DISCOUNT_CODES ?? '') ?? [],
  };
}

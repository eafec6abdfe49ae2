import type { RoundingRule } from '../../../platform/money.js';
import type { DownPayment, InstalmentFeeRule, ProgrammaticTerms } from './compute.js';
import type { InstalmentInterval } from './schedule-dates.js';

/*
 * Instalment-plan definitions (spec #36, §6.7 InstalmentPlanDefinitionV2): per tenant, from its settings, else the
 * built-in ones below (no endpoint creates them, A50). A definition's `configuration` holds the terms of
 * computeInstalmentPlan in wire form (an ISO 8601 interval such as `P1M`); a `fee` rule adds a fee or interest.
 */

export type DefinitionType = 'programmatic' | 'choice' | 'fixedAmounts' | 'percentageAmounts';

export interface InstalmentPlanDefinition {
  id: string;
  type: DefinitionType;
  version: string;
  enabled: boolean;
  selectable: boolean;
  description: Record<string, string>;
  configuration: Record<string, unknown>[];
  rules: Record<string, unknown>[];
  context: Record<string, unknown>;
}

const MONTHLY_TERMS = { interval: 'P1M', minimumInstalment: 2500, downPayment: { type: 'none' } };

export const DEFAULT_DEFINITIONS: readonly InstalmentPlanDefinition[] = [
  {
    id: 'monthly-3', type: 'programmatic', version: '1', enabled: true, selectable: true,
    description: { en: 'Three monthly instalments', de: 'Drei Monatsraten', sv: 'Tre månadsbetalningar', nl: 'Drie maandelijkse termijnen' },
    configuration: [{ ...MONTHLY_TERMS, instalments: 3, maximumDurationDays: 100 }],
    rules: [], context: {},
  },
  {
    id: 'monthly-choice', type: 'choice', version: '1', enabled: true, selectable: true,
    description: { en: 'Pay in 3, 6 or 12 months', de: 'In 3, 6 oder 12 Monaten zahlen', sv: 'Betala på 3, 6 eller 12 månader', nl: 'Betaal in 3, 6 of 12 maanden' },
    configuration: [
      { id: '3', ...MONTHLY_TERMS, instalments: 3, maximumDurationDays: 100 },
      { id: '6', ...MONTHLY_TERMS, instalments: 6, maximumDurationDays: 190 },
      { id: '12', ...MONTHLY_TERMS, instalments: 12, maximumDurationDays: 370 },
    ],
    rules: [{ id: 'interest', type: 'fee', description: { en: '2% interest' }, enabled: true, configuration: { type: 'percentage', rate: '0.02', rounding: 'half-up' } }],
    context: {},
  },
  {
    id: 'half-now-half-later', type: 'percentageAmounts', version: '1', enabled: true, selectable: true,
    description: { en: 'Half now, half in a month', de: 'Die Hälfte jetzt, die Hälfte in einem Monat', sv: 'Hälften nu, hälften om en månad', nl: 'De helft nu, de helft over een maand' },
    configuration: [{ percentages: [50, 50], interval: 'P1M' }],
    rules: [], context: {},
  },
];

export interface InstalmentSettings {
  /** Days after a missed instalment's due date before the plan breaks. */
  graceDays: number;
  /** How long a computed definition can be turned into a plan. */
  computationTtlSeconds: number;
  definitions: readonly InstalmentPlanDefinition[];
}

export const DEFAULT_INSTALMENT_SETTINGS: InstalmentSettings = { graceDays: 7, computationTtlSeconds: 3600, definitions: DEFAULT_DEFINITIONS };

const INTERVAL = /^P(\d{1,3})([DWM])$/;

/** An ISO 8601 interval of days, weeks or months (`P1M`, `P2W`, `P14D`); undefined otherwise. */
export function parseInterval(text: unknown): InstalmentInterval | undefined {
  const match = typeof text === 'string' ? INTERVAL.exec(text) : null;
  if (!match || Number(match[1]) < 1) return undefined;
  return { every: Number(match[1]), unit: match[2] === 'D' ? 'day' : match[2] === 'W' ? 'week' : 'month' };
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function downPaymentOf(value: unknown): DownPayment | undefined {
  const down = (value ?? { type: 'none' }) as Record<string, unknown>;
  if (down.type === 'none') return { type: 'none' };
  if (down.type === 'amount' && isCount(down.amount)) return { type: 'amount', amount: down.amount };
  if (down.type === 'percentage' && typeof down.rate === 'string' && /^0(\.\d{1,6})?$/.test(down.rate)) return { type: 'percentage', rate: down.rate };
  return undefined;
}

const ROUNDINGS: readonly RoundingRule[] = ['half-up', 'half-even', 'up', 'down'];

/** The fee rule of a definition: its enabled `fee` rule, or none. */
export function feeRuleOf(rules: readonly Record<string, unknown>[]): InstalmentFeeRule | undefined {
  const rule = rules.find((candidate) => candidate.type === 'fee' && candidate.enabled !== false);
  if (!rule) return { type: 'none' };
  const config = (rule.configuration ?? {}) as Record<string, unknown>;
  if (config.type === 'flat' && isCount(config.amount)) return { type: 'flat', amount: config.amount };
  if (config.type === 'percentage' && typeof config.rate === 'string' && /^\d(\.\d{1,6})?$/.test(config.rate)
    && ROUNDINGS.includes(config.rounding as RoundingRule)) {
    return { type: 'percentage', rate: config.rate, rounding: config.rounding as RoundingRule };
  }
  return undefined;
}

/** The terms of one programmatic configuration; undefined when a field is missing or out of range. */
export function programmaticTermsOf(configuration: Record<string, unknown>, rules: readonly Record<string, unknown>[]): ProgrammaticTerms | undefined {
  const interval = parseInterval(configuration.interval);
  const downPayment = downPaymentOf(configuration.downPayment);
  const fee = feeRuleOf(rules);
  const { instalments, minimumInstalment, maximumDurationDays } = configuration;
  if (!interval || !downPayment || !fee || !isCount(instalments) || instalments < 1 || instalments > 120) return undefined;
  if (!isCount(minimumInstalment) || !isCount(maximumDurationDays)) return undefined;
  return { instalments, interval, minimumInstalment, maximumDurationDays, downPayment, fee };
}

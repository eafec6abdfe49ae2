// Read-only facts of policies and cover that the Non-Payments API (src/cases) checks a case against: the caller's
// policy and the cover versions a (policy, buyer) has had. Nothing here writes.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { fastRows, type FastStatement } from '../platform/db/fast-query.js';
import type { MinorUnits } from '../platform/money.js';
import { coverPolicies, coverVersions } from './schema.js';
import { findCustomer, findPolicy } from './store.js';

export interface PolicyFacts {
  readonly policyId: number;
  readonly customerId: number;
  readonly status: 'live' | 'cancelled';
  readonly currency: string;
  readonly startDate: string;
  readonly expiryDate: string;
  readonly insuredPercentage: number;
  /** The discretionary credit limit (DCL): cover the insured may give itself on any buyer. */
  readonly discretionaryLimit: MinorUnits;
  readonly maxExtensionDays: number;
}

/** The tenant's policy, or null (another tenant's policy is unknown). */
export async function policyFacts(executor: Executor, tenantId: string, policyId: number): Promise<PolicyFacts | null> {
  const policy = await findPolicy(executor, tenantId, policyId);
  if (!policy) return null;
  const { customerId, status, currency, startDate, expiryDate, insuredPercentage, discretionaryLimit, maxExtensionDays } = policy;
  return { policyId: policy.policyId, customerId, status, currency, startDate, expiryDate, insuredPercentage, discretionaryLimit, maxExtensionDays };
}

export async function customerExists(executor: Executor, tenantId: string, customerId: number): Promise<boolean> {
  return (await findCustomer(executor, tenantId, customerId)) !== null;
}

/** One decided cover version of a (policy, buyer): its granted amount, from when it applied and when it ended. */
export interface CoverPeriod {
  readonly coverId: number;
  readonly coverType: 'credit-limit' | 'credit-check' | 'indication';
  readonly granted: MinorUnits;
  readonly currency: string;
  readonly effectFromDate: string;
  /** When the version stopped being live (superseded, reduced, cancelled, withdrawn); null while live. */
  readonly endedAt: Date | null;
}

/** Every decided version of the (policy, buyer), live and historic, oldest first (referred applications are no cover). */
export async function coverPeriods(executor: Executor, tenantId: string, policyId: number, buyerId: number): Promise<CoverPeriod[]> {
  const v = coverVersions;
  const rows = await executor.select({
    coverId: v.coverId, coverType: v.coverType, coverStatus: v.coverStatus, firstAmount: v.firstAmount, secondAmount: v.secondAmount,
    currency: v.currency, effectFromDate: v.effectFromDate, endedAt: v.endedAt,
  }).from(v).where(and(eq(v.tenantId, tenantId), eq(v.policyId, policyId), eq(v.buyerId, buyerId))).orderBy(v.coverId).limit(1000);
  return rows.filter((row) => row.coverStatus === 'DECISION').map((row) => ({
    coverId: row.coverId, coverType: row.coverType, granted: row.firstAmount + row.secondAmount, currency: row.currency,
    effectFromDate: row.effectFromDate, endedAt: row.endedAt,
  }));
}

/**
 * SQL of a condition that holds when the tenant's policy `policy` is the customer's and in `currency` (the arguments
 * are SQL expressions; aliases starting np_ are taken): what a write of another module checks instead of reading
 * policyFacts first.
 */
export function policyOfCustomerInCurrencySql(tenant: string, policy: string, customer: string, currency: string): string {
  return `EXISTS (SELECT 1 FROM cover_policies np_p WHERE np_p.tenant_id = ${tenant} AND np_p.policy_id = ${policy}
    AND np_p.customer_id = ${customer} AND np_p.currency = ${currency})`;
}

/**
 * SQL of a scalar subquery answering, as one jsonb, the tenant's policy with the decided cover versions of a (policy,
 * buyer) as coverPeriods gives them (null when the policy is unknown); the arguments are SQL expressions (placeholders
 * or columns of the caller's tables, whose aliases must not start with np_). For a statement that reads it together
 * with other things at once; policyWithCoverPeriodsOf reads it.
 */
export function policyWithCoverPeriodsJsonSql(tenant: string, policy: string, buyer: string): string {
  return `(SELECT jsonb_build_object('policyId', np_p.policy_id, 'customerId', np_p.customer_id, 'status', np_p.status, 'currency', np_p.currency,
      'startDate', np_p.start_date, 'expiryDate', np_p.expiry_date, 'insuredPercentage', np_p.insured_percentage, 'discretionaryLimit', np_p.discretionary_limit,
      'maxExtensionDays', np_p.max_extension_days,
      'periods', (SELECT coalesce(jsonb_agg(jsonb_build_object('coverId', np_v.cover_id, 'coverType', np_v.cover_type, 'granted', np_v.first_amount + np_v.second_amount,
          'currency', np_v.currency, 'effectFromDate', np_v.effect_from_date, 'endedAt', np_v.ended_at) ORDER BY np_v.cover_id), '[]'::jsonb)
        FROM (SELECT * FROM cover_versions np_w WHERE np_w.tenant_id = np_p.tenant_id AND np_w.policy_id = np_p.policy_id AND np_w.buyer_id = ${buyer}
          ORDER BY np_w.cover_id LIMIT 1000) np_v WHERE np_v.cover_status = 'DECISION'))
    FROM cover_policies np_p WHERE np_p.tenant_id = ${tenant} AND np_p.policy_id = ${policy})`;
}

const POLICY_WITH_COVER: FastStatement = {
  name: 'cover_policy_with_periods_json',
  text: `SELECT ${policyWithCoverPeriodsJsonSql('$1::uuid', '$2::bigint', '$3::bigint')} AS policy`,
};

interface PolicyWithCoverJson {
  policyId: number; customerId: number; status: PolicyFacts['status']; currency: string; startDate: string; expiryDate: string;
  insuredPercentage: number; discretionaryLimit: number; maxExtensionDays: number;
  periods: { coverId: number; coverType: CoverPeriod['coverType']; granted: number; currency: string; effectFromDate: string; endedAt: string | null }[];
}

/** The policy and its cover periods from the jsonb of policyWithCoverPeriodsJsonSql (text on drivers that leave jsonb unparsed). */
export function policyWithCoverPeriodsOf(value: unknown): { policy: PolicyFacts; periods: CoverPeriod[] } | null {
  if (value === null || value === undefined) return null;
  const json = (typeof value === 'string' ? JSON.parse(value) : value) as PolicyWithCoverJson;
  return {
    policy: {
      policyId: Number(json.policyId), customerId: Number(json.customerId), status: json.status, currency: json.currency, startDate: json.startDate,
      expiryDate: json.expiryDate, insuredPercentage: Number(json.insuredPercentage), discretionaryLimit: Number(json.discretionaryLimit),
      maxExtensionDays: Number(json.maxExtensionDays),
    },
    periods: json.periods.map((period) => ({
      coverId: Number(period.coverId), coverType: period.coverType, granted: Number(period.granted), currency: period.currency,
      effectFromDate: period.effectFromDate, endedAt: period.endedAt === null ? null : new Date(period.endedAt),
    })),
  };
}

/**
 * What a case's eligibility check reads of the cover module, in one statement: the tenant's policy (null when unknown)
 * and, with it, the decided cover versions of the (policy, buyer) as coverPeriods gives them.
 */
export async function policyWithCoverPeriods(executor: Executor, tenantId: string, policyId: number, buyerId: number): Promise<{ policy: PolicyFacts; periods: CoverPeriod[] } | null> {
  const [row] = await fastRows<{ policy: unknown }>(executor, POLICY_WITH_COVER, [tenantId, policyId, buyerId]);
  return policyWithCoverPeriodsOf(row?.policy);
}

/** The policyholder as its correspondence letters address it: name, e-mail (if any) and country (if any). */
export interface CustomerContactFacts {
  readonly customerId: number;
  readonly name: string;
  readonly email: string | null;
  readonly country: string | null;
}

/** SQL of a scalar subquery answering the tenant's customer as CustomerContactFacts in one jsonb (null when unknown); see policyWithCoverPeriodsJsonSql. */
export function customerContactJsonSql(tenant: string, customer: string): string {
  return `(SELECT jsonb_build_object('customerId', np_c.customer_id, 'name', np_c.name, 'email', np_c.email, 'country', np_c.country)
    FROM cover_customers np_c WHERE np_c.tenant_id = ${tenant} AND np_c.customer_id = ${customer})`;
}

/** The customer from the jsonb of customerContactJsonSql. */
export function customerContactOf(value: unknown): CustomerContactFacts | null {
  if (value === null || value === undefined) return null;
  const json = (typeof value === 'string' ? JSON.parse(value) : value) as CustomerContactFacts;
  return { customerId: Number(json.customerId), name: json.name, email: json.email ?? null, country: json.country ?? null };
}

export async function customerContact(executor: Executor, tenantId: string, customerId: number): Promise<CustomerContactFacts | null> {
  const customer = await findCustomer(executor, tenantId, customerId);
  return customer ? { customerId: customer.customerId, name: customer.name, email: customer.email, country: customer.country } : null;
}

/** The tenant's first live policy in `currency` (the lowest policy id), or null: where an insured claim from another face is filed. */
export async function livePolicyIn(executor: Executor, tenantId: string, currency: string): Promise<PolicyFacts | null> {
  const p = coverPolicies;
  const [row] = await executor.select({ policyId: p.policyId }).from(p)
    .where(and(eq(p.tenantId, tenantId), eq(p.status, 'live'), eq(p.currency, currency))).orderBy(asc(p.policyId)).limit(1);
  return row ? policyFacts(executor, tenantId, row.policyId) : null;
}

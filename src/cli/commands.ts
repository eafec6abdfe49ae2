import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { listCredentials, revokeCredential, rotateCredential } from '../platform/auth/credentials.js';
import { PRODUCTS } from '../platform/auth/products.js';
import { createTenant, findTenant, listTenants } from '../platform/tenants/service.js';
import { credentialSheet, describeSecret, setUpNewTenant } from '../platform/tenants/credential-sheet.js';
import { loadConfig } from '../platform/config.js';
import { MODULES } from '../modules.js';
import { isBusinessDate } from '../platform/dates.js';
import type { Result } from '../platform/result.js';
import { cancelPolicyAsStaff, changePolicyAsStaff, createCustomerAsStaff, createPolicyAsStaff, listPoliciesAsStaff } from '../cover/api.js';
import { MAX_BUYER_CSV_CHARS, parseBuyerCsv, upsertBuyers } from '../risk/api.js';
import { createStaffCredential, STAFF_ROLES } from '../backoffice/api.js';
import { MAX_DOCUMENT_CHARS, publishStrategyAsStaff } from '../collections/api.js';
import { parseAnchor, verifyAllAuditChains, verifyAuditChain } from '../platform/audit/verify.js';
import { auditSealingSweep } from '../platform/maintenance-sweeps.js';
import { sweepUntilDone } from '../platform/sweeper/sweeper.js';

/**
 * The administrative commands, run either directly on the database or by the server on the CLI's behalf
 * (when the server owns the embedded database). Input is validated here, so both paths refuse the same things.
 */
const entityId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const businessDate = z.string().refine(isBusinessDate, 'must be a date YYYY-MM-DD');
const amount = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'must be an amount such as 5000 or 7000.50');
const countries = z.array(z.string().regex(/^[A-Z]{2}$/, 'must be ISO country codes such as SE')).min(1).max(250);
const policyTerms = z.object({
  expiryDate: businessDate, insuredPercentage: z.coerce.number().int().min(1).max(100), discretionaryLimit: amount,
  maxExtensionDays: z.coerce.number().int().min(0).max(365), creditCheckAmount: amount, autoDecisionMax: amount, allowedBuyerCountries: countries,
}).partial().shape;

export const cliCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('tenant.create'), name: z.string().min(1).max(200), sandbox: z.boolean().default(false) }),
  z.object({ command: z.literal('tenant.list') }),
  z.object({ command: z.literal('credentials.list'), tenant: z.string().min(1) }),
  z.object({ command: z.literal('credentials.rotate'), tenant: z.string().min(1), product: z.enum(PRODUCTS), revokeOld: z.boolean().default(false) }),
  z.object({ command: z.literal('credentials.revoke'), tenant: z.string().min(1), credentialId: z.uuid() }),
  z.object({ command: z.literal('buyers.import'), csv: z.string().max(MAX_BUYER_CSV_CHARS) }),
  z.object({ command: z.literal('staff.create'), tenant: z.string().min(1), roles: z.array(z.enum(STAFF_ROLES)).min(1), label: z.string().min(1).max(200) }),
  z.object({ command: z.literal('audit.verify'), tenant: z.string().min(1).optional(), anchor: z.string().max(100).optional() }),
  z.object({ command: z.literal('audit.seal') }),
  z.object({
    command: z.literal('customer.create'), tenant: z.string().min(1), name: z.string().trim().min(1).max(200),
    email: z.string().trim().email().max(254).optional(), country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'an ISO alpha-2 code such as SE').optional(),
  }),
  z.object({
    command: z.literal('policy.create'), tenant: z.string().min(1), customerId: entityId, currency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code such as EUR'),
    startDate: businessDate.optional(), ...policyTerms, expiryDate: businessDate,
  }),
  z.object({ command: z.literal('policy.list'), tenant: z.string().min(1) }),
  z.object({ command: z.literal('policy.update'), tenant: z.string().min(1), policyId: entityId, ...policyTerms }),
  z.object({ command: z.literal('policy.cancel'), tenant: z.string().min(1), policyId: entityId }),
  z.object({ command: z.literal('strategies.publish'), tenant: z.string().min(1), text: z.string().max(MAX_DOCUMENT_CHARS) }),
]);
export type CliCommand = z.infer<typeof cliCommandSchema>;

/** Validates a command as the CLI built it from its options; a problem names the option (`--expiry-date: …`). */
export function parseCliCommand(input: unknown): CliCommand {
  const parsed = cliCommandSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const option = (key: PropertyKey | undefined) => `--${String(key ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  throw new CliError(parsed.error.issues.map((issue) => `${option(issue.path[0])}: ${issue.message}`).join('; '));
}

export interface CliContext {
  db: Database;
  clock: Clock;
  publicBaseUrl: string;
  /** The business time zone (BUSINESS_TIME_ZONE); read from the environment when not given. */
  businessTimeZone?: string;
}

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export async function runCliCommand(context: CliContext, command: CliCommand): Promise<unknown> {
  const now = context.clock.now();
  switch (command.command) {
    case 'tenant.create': {
      // One transaction: the tenant, its credentials and what each module sets up for it, or nothing.
      return context.db.transaction(async (tx) => {
        const created = await createTenant(tx, { name: command.name, mode: command.sandbox ? 'sandbox' : 'live', now });
        const sections = await setUpNewTenant(MODULES, { ...tenantSetup(context), db: tx }, created);
        return credentialSheet(created, context.publicBaseUrl, sections);
      });
    }
    case 'tenant.list':
      return (await listTenants(context.db)).map((tenant) => ({ ...tenant, createdAt: tenant.createdAt.toISOString() }));
    case 'credentials.list': {
      const tenant = await requireTenant(context, command.tenant);
      return (await listCredentials(context.db, tenant.id)).map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null }));
    }
    case 'credentials.rotate': {
      const tenant = await requireTenant(context, command.tenant);
      const rotated = await context.db.transaction((tx) => rotateCredential(tx, { tenantId: tenant.id, product: command.product, revokeOthers: command.revokeOld, now }));
      return {
        tenantId: tenant.id,
        product: command.product,
        credential: describeSecret(command.product, rotated.created, context.publicBaseUrl, tenant.clientId),
        revokedCredentialIds: rotated.revoked,
      };
    }
    case 'credentials.revoke': {
      const tenant = await requireTenant(context, command.tenant);
      if (!(await revokeCredential(context.db, { tenantId: tenant.id, credentialId: command.credentialId, now }))) {
        throw new CliError(`Tenant ${tenant.id} has no active credential ${command.credentialId}`);
      }
      return { tenantId: tenant.id, credentialId: command.credentialId, revoked: true };
    }
    case 'buyers.import': {
      // Decision: an import is all or nothing: any bad line refuses the whole file, listing the first problems.
      const parsed = parseBuyerCsv(command.csv);
      if (parsed.errors.length > 0) {
        const lines = parsed.errors.slice(0, 20).map((error) => `  line ${error.line}: ${JSON.stringify(error.problem)}`);
        throw new CliError(`The buyer file has ${parsed.errors.length} problem(s); nothing was imported:\n${lines.join('\n')}`);
      }
      const imported = await context.db.transaction((tx) => upsertBuyers(tx, parsed.buyers, now));
      return { imported };
    }
    case 'staff.create': {
      const tenant = await requireTenant(context, command.tenant);
      const created = await createStaffCredential(context.db, { tenantId: tenant.id, roles: command.roles, label: command.label, now });
      return { tenantId: tenant.id, ...created, authorization: `Bearer ${created.apiKey}`, baseUrl: `${context.publicBaseUrl}/backoffice/v1` };
    }
    case 'audit.verify': {
      if (!command.tenant && command.anchor !== undefined) throw new CliError('--anchor belongs to one tenant\'s chain: give --tenant too');
      const tenants = command.tenant ? [await verifyOneChain(context, command.tenant, command.anchor)] : await verifyAllAuditChains(context.db);
      return { intact: tenants.every((report) => report.intact), tenants };
    }
    case 'audit.seal':
      return { sealed: await sealEverything(context) };
    case 'customer.create':
      return outcome(await createCustomerAsStaff(tenantSetup(context), await requireTenant(context, command.tenant), command.name, { email: command.email, country: command.country }));
    case 'policy.create': {
      const { command: _command, tenant, ...terms } = command;
      return outcome(await createPolicyAsStaff(tenantSetup(context), await requireTenant(context, tenant), terms));
    }
    case 'policy.list':
      return listPoliciesAsStaff(tenantSetup(context), await requireTenant(context, command.tenant));
    case 'policy.update': {
      const { command: _command, tenant, policyId, ...changes } = command;
      return outcome(await changePolicyAsStaff(tenantSetup(context), await requireTenant(context, tenant), policyId, changes));
    }
    case 'policy.cancel':
      return outcome(await cancelPolicyAsStaff(tenantSetup(context), await requireTenant(context, command.tenant), command.policyId));
    case 'strategies.publish':
      return outcome(await publishStrategyAsStaff(tenantSetup(context), await requireTenant(context, command.tenant), command.text));
  }
}

function outcome<T>(result: Result<T, string>): T {
  if (!result.ok) throw new CliError(result.error);
  return result.value;
}

function tenantSetup(context: CliContext) {
  return { db: context.db, clock: context.clock, businessTimeZone: businessTimeZone(context) };
}

async function verifyOneChain(context: CliContext, tenantIdOrClientId: string, anchorText: string | undefined) {
  const anchor = anchorText === undefined ? undefined : parseAnchor(anchorText);
  if (anchorText !== undefined && !anchor) throw new CliError(`--anchor must be SEQ:HASH (a position and its 64-hex-digit hash, as verifiedThrough shows them), not ${JSON.stringify(anchorText)}`);
  return verifyAuditChain(context.db, (await requireTenant(context, tenantIdOrClientId)).id, { anchor });
}

/** Seals until the horizon is reached (a sweeper pass stops after a bounded number of batches). */
async function sealEverything(context: CliContext): Promise<number> {
  let sealed = 0;
  for (;;) {
    const report = await sweepUntilDone(context.db, auditSealingSweep, context.clock);
    sealed += report.processed;
    if (report.processed < auditSealingSweep.batchSize * report.batches) return sealed;
  }
}

function businessTimeZone(context: CliContext): string {
  return context.businessTimeZone ?? loadConfig().BUSINESS_TIME_ZONE;
}

async function requireTenant(context: CliContext, idOrClientId: string) {
  const tenant = await findTenant(context.db, idOrClientId);
  if (!tenant) throw new CliError(`No tenant with id or clientId ${idOrClientId}`);
  return tenant;
}

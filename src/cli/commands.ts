import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { listCredentials, revokeCredential, rotateCredential } from '../platform/auth/credentials.js';
import { PRODUCTS } from '../platform/auth/products.js';
import { createTenant, findTenant, listTenants } from '../platform/tenants/service.js';
import { credentialSheet, describeSecret } from '../platform/tenants/credential-sheet.js';
import { MAX_BUYER_CSV_CHARS, parseBuyerCsv, upsertBuyers } from '../risk/api.js';
import { createStaffCredential, STAFF_ROLES } from '../backoffice/api.js';
import { parseAnchor, verifyAllAuditChains, verifyAuditChain } from '../platform/audit/verify.js';
import { auditSealingSweep } from '../platform/maintenance-sweeps.js';
import { sweepUntilDone } from '../platform/sweeper/sweeper.js';

/**
 * The administrative commands, run either directly on the database or by the server on the CLI's behalf
 * (when the server owns the embedded database). Input is validated here, so both paths refuse the same things.
 */
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
]);
export type CliCommand = z.infer<typeof cliCommandSchema>;

export interface CliContext {
  db: Database;
  clock: Clock;
  publicBaseUrl: string;
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
      const created = await createTenant(context.db, { name: command.name, mode: command.sandbox ? 'sandbox' : 'live', now });
      return credentialSheet(created, context.publicBaseUrl);
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
  }
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

async function requireTenant(context: CliContext, idOrClientId: string) {
  const tenant = await findTenant(context.db, idOrClientId);
  if (!tenant) throw new CliError(`No tenant with id or clientId ${idOrClientId}`);
  return tenant;
}

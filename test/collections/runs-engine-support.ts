import { and, eq } from 'drizzle-orm';
import { collectionsRuns } from '../../src/collections/schema/runs.js';
import { runLog, type RunLogRow } from '../../src/collections/use-cases/runs/run-store.js';
import { factsOf } from '../../src/collections/use-cases/runs/run-workspace.js';
import type { ClaimFacts, StrategyDocument } from '../../src/collections/domain/strategy/document.js';
import type { Engine } from '../../src/platform/db/database.js';
import { claimSnapshots } from '../../src/servicing/api.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';

export const DEBTOR = {
  debtorReference: 'DEBTOR-1', firstName: 'Erika', lastName: 'Muster',
  contactInformation: { country: 'DE', email: 'erika@example.com', mobileNumber: '+495555555555', addressLine1: 'Boikweg 24', postalCode: '33129', city: 'Delbrück' },
};

/** A Receeve client on a sandbox tenant whose runs use `strategy`, with the sandbox clock and sweeps at hand. */
export interface RunsClient extends ServicingClient {
  tenantId: string;
  /** Creates an account whose invoices become managed claims (each invoice's reference is its claim's). */
  createAccount(accountReference: string, invoices: { ref: string; amount: number; dueDate: string }[], debtor?: unknown): Promise<void>;
  /** Waits until the reaction to each claim's creation has started its run. */
  runStarted(claimReference: string, runNo?: number): Promise<void>;
  advanceTo(iso: string): Promise<void>;
  /** Advances the sandbox clock a day at a time up to `iso`, sweeping after each step. */
  walkTo(iso: string, stepHours?: number): Promise<void>;
  sweep(): Promise<void>;
  now(): Promise<string>;
  sends(claimReference: string): Promise<{ at: string; stepId: string; channel: string; template: string; runNo: number }[]>;
  actions(claimReference: string): Promise<string[]>;
  /** The claim's run log, a line per decision and per action (as the engine reads it). */
  log(claimReference: string): Promise<RunLogRow[]>;
  run(claimReference: string): Promise<typeof collectionsRuns.$inferSelect | undefined>;
  facts(claimReference: string): Promise<ClaimFacts>;
}

export async function startRunsClient(engine: Engine, strategy: StrategyDocument, existing?: ServicingClient): Promise<RunsClient> {
  const client = existing ?? await startServicing(engine);
  const tenantId = client.tenant.tenant.id;
  const { service } = client;
  await publishAsDefault(service.url, client.tenant, strategy);
  const db = service.platform.db;
  const self: RunsClient = {
    ...client,
    tenantId,
    async createAccount(accountReference, invoices, debtor = DEBTOR) {
      const response = await client.post('create_accounts', {
        [accountReference]: {
          currency: 'EUR', debtors: [debtor], products: [],
          ledgerEntries: invoices.map((invoice) => ({ ledgerEntryReference: invoice.ref, invoiceDetails: { amount: invoice.amount, dueDate: invoice.dueDate }, context: {} })),
        },
      });
      if (!response.body[accountReference]?.success) throw new Error(`create_accounts failed: ${response.text}`);
    },
    async runStarted(claimReference, runNo = 1) {
      await until(async () => {
        await service.sweeper!.runOnce();
        const run = await self.run(claimReference);
        return run && run.runNo >= runNo ? true : undefined;
      });
    },
    async advanceTo(iso) {
      const response = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(client.tenant), json: { to: iso } });
      if (response.status !== 200) throw new Error(`clock advance failed: ${JSON.stringify(response.body)}`);
    },
    async walkTo(iso, stepHours = 24) {
      for (let at = Date.parse(await self.now()) + stepHours * 3_600_000; at < Date.parse(iso); at += stepHours * 3_600_000) {
        await self.advanceTo(new Date(at).toISOString());
        await self.sweep();
      }
      await self.advanceTo(iso);
      await self.sweep();
    },
    async sweep() {
      await service.sweeper!.runOnce();
    },
    async now() {
      return (await call(service.url, 'GET', '/sandbox/v1/clock', { headers: managementHeaders(client.tenant) })).body.now as string;
    },
    async sends(claimReference) {
      const rows = (await runLog(db, tenantId, claimReference)).filter((row) => row.kind === 'send');
      return rows.map((row) => ({ at: row.at, stepId: row.stepId ?? '', channel: String(row.action?.channel), template: String(row.action?.template), runNo: row.runNo }));
    },
    async actions(claimReference) {
      const rows = await runLog(db, tenantId, claimReference);
      return rows.filter((row) => row.action !== null).map((row) => actionLine(row.at, row.kind, row.action ?? {}));
    },
    async log(claimReference) {
      return runLog(db, tenantId, claimReference);
    },
    async run(claimReference) {
      const [row] = await db.select().from(collectionsRuns).where(and(eq(collectionsRuns.tenantId, tenantId), eq(collectionsRuns.claimReference, claimReference)));
      return row;
    },
    async facts(claimReference) {
      const snapshot = (await claimSnapshots(db, tenantId, [claimReference])).get(claimReference);
      if (!snapshot) throw new Error(`no claim ${claimReference}`);
      return factsOf(snapshot);
    },
  };
  return self;
}

/** Publishes `strategy` through the management API (draft, publish) and makes its key the tenant's default. */
export async function publishAsDefault(url: string, tenant: Parameters<typeof managementHeaders>[0], strategy: StrategyDocument): Promise<number> {
  const headers = managementHeaders(tenant);
  const draft = await call(url, 'POST', '/management/v1/strategies', { headers, json: strategy });
  if (draft.status !== 201 && draft.status !== 200) throw new Error(`strategy draft failed: ${draft.text}`);
  const version = draft.body.version as number;
  if (draft.body.status === 'draft') {
    const published = await call(url, 'POST', `/management/v1/strategies/${strategy.key}/versions/${version}/publish`, { headers });
    if (published.status !== 200) throw new Error(`strategy publish failed: ${published.text}`);
  }
  const assigned = await call(url, 'PUT', '/management/v1/strategy-assignment', { headers, json: { rules: [], defaultStrategyKey: strategy.key } });
  if (assigned.status !== 200) throw new Error(`strategy assignment failed: ${assigned.text}`);
  return version;
}

/** An action as one comparable line (the same for the engine's log rows and simulate's timeline). */
export function actionLine(at: string, type: string, details: Record<string, unknown>): string {
  const keys = Object.keys(details).filter((key) => key !== 'at' && key !== 'type' && details[key] !== undefined).sort();
  return `${at} ${type} ${keys.map((key) => `${key}=${String(details[key])}`).join(' ')}`;
}

// `tradecredit demo lifecycle`: creates a fresh sandbox tenant (as `tenant create --sandbox` does) and walks the
// insured lifecycle on it over HTTP against the running service (PUBLIC_BASE_URL), printing each step as it happens.
import { loadConfig } from '../platform/config.js';
import type { CliCommand } from './commands.js';
import { CliError } from './commands.js';
import { type LifecycleCredentials, describeStep, runDemoLifecycle, type LifecycleStep } from './demo-lifecycle.js';

/** Decision: against a live service, background work (sweeps, reactions) is given a moment between polls. */
const POLL_PAUSE_MS = 500;
const PATIENCE_MS = 120_000;

export async function demoLifecycleCommand(options: { json: boolean }, administer: (command: CliCommand) => Promise<unknown>): Promise<void> {
  const config = loadConfig();
  const baseUrl = config.publicBaseUrl;
  const health = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
  if (!health) throw new CliError(`No service answers at ${baseUrl}: start it first (tradecredit serve), with workers`);
  const sheet = await administer({ command: 'tenant.create', name: `Lifecycle demo ${new Date().toISOString()}`, sandbox: true }) as LifecycleCredentials & { tenantId: string };
  if (!options.json) process.stdout.write(`Sandbox tenant ${sheet.tenantId} (clientId ${sheet.clientId}) on ${baseUrl}\n\n`);
  const steps: LifecycleStep[] = [];
  await runDemoLifecycle({ baseUrl, patienceMs: PATIENCE_MS, settle: () => new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS)) }, sheet, (step) => {
    if (!options.json) process.stdout.write(`${describeStep(step, steps.length)}\n\n`);
    steps.push(step);
  });
  if (options.json) process.stdout.write(`${JSON.stringify({ tenantId: sheet.tenantId, steps }, null, 2)}\n`);
}

import { Command, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from './platform/config.js';
import { createLogger, ignoreBrokenStandardError, ProcessOutput } from './platform/logging.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { applyMigrations } from './platform/db/migrate.js';
import { acquireDataDirLock, DataDirLockedError, readLockOwner } from './platform/db/data-dir-lock.js';
import { startService, StartupError, stopOnSignals, type Role } from './service.js';
import { demoBanner, ensureDemoTenant } from './platform/tenants/demo.js';
import { CliError, parseCliCommand, runCliCommand, type CliCommand } from './cli/commands.js';
import { MODULES } from './modules.js';
import { ADMIN_HEADER } from './cli/internal-route.js';
import { PRODUCTS } from './platform/auth/products.js';
import { readFile } from 'node:fs/promises';
import { STAFF_ROLES } from './backoffice/api.js';
import { MAX_DOCUMENT_CHARS, validateStrategyText } from './collections/api.js';
import { servicingImportCommand } from './cli/servicing-import-command.js';
import { MAX_IMPORT_BATCH } from './cli/servicing-import.js';
import { demoLifecycleCommand } from './cli/demo-lifecycle-command.js';

const program = new Command('tradecredit').description('Trade-credit lifecycle service').showHelpAfterError();

program
  .command('serve')
  .description('Start the service (API and/or workers)')
  .addOption(new Option('--role <role>', 'what this process runs').choices(['api', 'worker', 'all']).default('all'))
  .action(async (options: { role: Role }) => serve(options.role));

program.command('worker').description('Start a worker process (same as serve --role worker)').action(async () => serve('worker'));

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const config = loadConfig();
    const lock = config.DATABASE_URL ? undefined : acquireDataDirLock(config.DATA_DIR);
    const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    try {
      await applyMigrations(handle);
      console.log(`Migrations applied (${handle.engine}).`);
    } finally {
      await handle.close();
      lock?.release();
    }
  });

const tenant = program.command('tenant').description('Manage tenants');
tenant
  .command('create')
  .requiredOption('--name <name>', 'tenant name')
  .option('--sandbox', 'sandbox tenant (test clock; default live)', false)
  .option('--json', 'print JSON', false)
  .action(async (options: { name: string; sandbox: boolean; json: boolean }) =>
    print(await administer({ command: 'tenant.create', name: options.name, sandbox: options.sandbox }), options.json),
  );
tenant
  .command('list')
  .option('--json', 'print JSON', false)
  .action(async (options: { json: boolean }) => print(await administer({ command: 'tenant.list' }), options.json));

const credentials = program.command('credentials').description('Manage API credentials');
credentials
  .command('list')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; json: boolean }) => print(await administer({ command: 'credentials.list', tenant: options.tenant }), options.json));
credentials
  .command('rotate')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .addOption(new Option('--product <product>', 'API product').choices([...PRODUCTS]).makeOptionMandatory())
  .option('--revoke-old', 'revoke the product\'s previous credentials at once', false)
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; product: (typeof PRODUCTS)[number]; revokeOld: boolean; json: boolean }) =>
    print(await administer({ command: 'credentials.rotate', tenant: options.tenant, product: options.product, revokeOld: options.revokeOld }), options.json),
  );
credentials
  .command('revoke')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .requiredOption('--id <credentialId>', 'credential id')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; id: string; json: boolean }) =>
    print(await administer({ command: 'credentials.revoke', tenant: options.tenant, credentialId: options.id }), options.json),
  );

const buyers = program.command('buyers').description('The buyer registry (risk core)');
buyers
  .command('import')
  .argument('<file>', 'CSV with the columns country, registry_id, name, rating (1 best … 10 failed)')
  .option('--json', 'print JSON', false)
  .action(async (file: string, options: { json: boolean }) =>
    print(await administer({ command: 'buyers.import', csv: await readFile(file, 'utf8') }), options.json));

const servicing = program.command('servicing').description('Debt servicing (the Receeve face)');
servicing
  .command('import')
  .description('Load a portfolio of accounts and claims in batches through create_accounts / create_claims; resumable')
  .argument('<file>', 'JSON Lines (one create_claims item with its claimReference per line, or an account with "record":"account") or CSV (docs/servicing-guide.md §8)')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .addOption(new Option('--format <format>', 'file format (default: .csv files are CSV, others JSON Lines)').choices(['jsonl', 'csv']))
  .option('--batch-size <n>', `records per batch, 1 to ${MAX_IMPORT_BATCH}`, String(MAX_IMPORT_BATCH))
  .option('--failures <path>', 'where rejected records go, one JSON line each (default FILE.failures.jsonl)')
  .option('--checkpoint <path>', 'where the import records its progress (default FILE.checkpoint.json)')
  .option('--restart', 'ignore an existing checkpoint and start a new import', false)
  .option('--stop-after <records>', 'stop after the batch that reaches this many records (run again to continue)')
  .option('--no-progress', 'no progress bar')
  .option('--json', 'print the summary as JSON', false)
  .action(servicingImportCommand);

const demo = program.command('demo').description('Stories to watch on a sandbox tenant');
demo
  .command('lifecycle')
  .description('On a fresh sandbox tenant of the running service: limit → unpaid insured invoice → claim case → collections → recovery → indemnity → recoveries split with the insurer, each step with the call that shows it')
  .option('--json', 'print the steps as JSON', false)
  .action(async (options: { json: boolean }) => demoLifecycleCommand(options, (command) => administer(command)));

const staff = program.command('staff').description('Back-office staff credentials');
staff
  .command('create')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .addOption(new Option('--role <role...>', 'roles').choices([...STAFF_ROLES]).makeOptionMandatory())
  .requiredOption('--label <label>', 'who the credential is for')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; role: (typeof STAFF_ROLES)[number][]; label: string; json: boolean }) =>
    print(await administer({ command: 'staff.create', tenant: options.tenant, roles: options.role, label: options.label }), options.json));

const audit = program.command('audit').description('The tamper-evident audit log');
audit
  .command('verify')
  .description('Check each tenant\'s hash chain; exits 1 and names the first broken entry when one was edited, deleted or inserted')
  .option('--tenant <id>', 'only this tenant (id or clientId)')
  .option('--anchor <seq:hash>', 'with --tenant: the chain must still hold this entry (a verifiedThrough kept from an earlier run)')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant?: string; anchor?: string; json: boolean }) => {
    const result = (await administer({ command: 'audit.verify', tenant: options.tenant, anchor: options.anchor })) as { intact: boolean };
    print(result, options.json);
    if (!result.intact) process.exitCode = 1;
  });
audit
  .command('seal')
  .description('Seal committed audit rows now (the worker does this every sweep interval)')
  .option('--json', 'print JSON', false)
  .action(async (options: { json: boolean }) => print(await administer({ command: 'audit.seal' }), options.json));

const customer = program.command('customer').description('Policyholders of the Cover and Non-Payments APIs (customerId)');
customer
  .command('create')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .requiredOption('--name <name>', 'the policyholder\'s name')
  .option('--email <address>', 'where its Non-Payments correspondence letters are e-mailed (none: stored and listed only)')
  .option('--country <code>', 'ISO alpha-2 country; SE writes its letters in Swedish, any other in English')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; name: string; email?: string; country?: string; json: boolean }) =>
    print(await administer(parseCliCommand({ command: 'customer.create', tenant: options.tenant, name: options.name, email: options.email, country: options.country })), options.json));

/** The policy terms `policy create` and `policy update` take; amounts are decimal text in the policy currency. */
function withPolicyTermOptions(command: Command, expiryHelp: string): Command {
  return command
    .option('--expiry-date <date>', expiryHelp)
    .option('--insured-percentage <percent>', 'insured percentage, 1 to 100 (default 90)')
    .option('--discretionary-limit <amount>', 'limit the policyholder may set itself (default 5000)')
    .option('--max-extension-days <days>', 'maximum extension period, 0 to 365 (default 60)')
    .option('--credit-check-amount <amount>', 'the fixed amount of a credit check (default 7000)')
    .option('--auto-decision-max <amount>', 'largest credit limit decided automatically; above it applications are referred (default 50000)')
    .option('--countries <codes>', 'buyer countries allowed, comma-separated ISO codes (default all)')
    .option('--json', 'print JSON', false);
}

interface PolicyTermOptions {
  tenant: string; expiryDate?: string; insuredPercentage?: string; discretionaryLimit?: string; maxExtensionDays?: string;
  creditCheckAmount?: string; autoDecisionMax?: string; countries?: string; json: boolean;
}

function policyTerms(options: PolicyTermOptions) {
  const { json: _json, countries, ...terms } = options;
  return { ...terms, ...(countries === undefined ? {} : { allowedBuyerCountries: countries.split(',').map((code) => code.trim()) }) };
}

const policy = program.command('policy').description('Policies of the Cover and Non-Payments APIs (policyId), created and changed by staff');
withPolicyTermOptions(policy.command('create').description('A live policy for a customer')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .requiredOption('--customer <customerId>', 'the policyholder (`tradecredit customer create`)')
  .requiredOption('--currency <code>', 'policy currency, e.g. EUR')
  .option('--start-date <date>', 'first day of cover, YYYY-MM-DD (default today)'), 'last day of cover, YYYY-MM-DD (required)')
  .action(async (options: PolicyTermOptions & { customer: string; currency: string; startDate?: string }) => {
    const { customer: customerId, ...rest } = options;
    print(await administer(parseCliCommand({ command: 'policy.create', customerId, ...policyTerms(rest) })), options.json);
  });
policy
  .command('list')
  .description('Customers and their policies')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; json: boolean }) => print(await administer({ command: 'policy.list', tenant: options.tenant }), options.json));
withPolicyTermOptions(policy.command('update').description('Change a live policy\'s terms; decided covers keep their amounts')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .requiredOption('--policy <policyId>', 'the policy'), 'new last day of cover, YYYY-MM-DD')
  .action(async (options: PolicyTermOptions & { policy: string }) => {
    const { policy: policyId, ...rest } = options;
    print(await administer(parseCliCommand({ command: 'policy.update', policyId, ...policyTerms(rest) })), options.json);
  });
policy
  .command('cancel')
  .description('Cancel a policy: every live cover on it ends (historic code PCLD) and gives its capacity back')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .requiredOption('--policy <policyId>', 'the policy')
  .option('--json', 'print JSON', false)
  .action(async (options: { tenant: string; policy: string; json: boolean }) =>
    print(await administer(parseCliCommand({ command: 'policy.cancel', tenant: options.tenant, policyId: options.policy })), options.json));

const strategies = program.command('strategies').description('Collections strategies: versioned documents (YAML or JSON)');
strategies
  .command('validate')
  .description('Check a strategy file against the schema and the strategy rules; exits 1 and lists every problem when it is invalid')
  .argument('<file>', 'a strategy document, YAML or JSON')
  .option('--json', 'print JSON', false)
  .action(async (file: string, options: { json: boolean }) => {
    const result = validateStrategyText(await readStrategyFile(file));
    if (options.json) print(result, true);
    else if (result.valid) process.stdout.write(`${file}: valid strategy "${result.key}" (sha256 ${result.contentHash})\n`);
    else process.stderr.write(`${file}: ${result.problems.length} problem(s)\n${result.problems.map((line) => `  ${line}\n`).join('')}`);
    if (!result.valid) process.exitCode = 1;
  });
strategies
  .command('publish')
  .description('Store a strategy file as the next version of its key and publish it (the same content again changes nothing)')
  .argument('<file>', 'a strategy document, YAML or JSON')
  .requiredOption('--tenant <id>', 'tenant id or clientId')
  .option('--json', 'print JSON', false)
  .action(async (file: string, options: { tenant: string; json: boolean }) =>
    print(await administer({ command: 'strategies.publish', tenant: options.tenant, text: await readStrategyFile(file) }), options.json));

async function readStrategyFile(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (text.length > MAX_DOCUMENT_CHARS) throw new CliError(`${file} is longer than ${MAX_DOCUMENT_CHARS} characters`);
  return text;
}

async function serve(role: Role): Promise<void> {
  const config = loadConfig();
  ignoreBrokenStandardError();
  const output = new ProcessOutput();
  const logger = createLogger(config.LOG_LEVEL, output);
  const starting = startService({ config, logger, role });
  stopOnSignals({ service: starting, logger, output, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  const service = await starting;
  if (service.app && config.DEMO_TENANT) {
    const demo = await ensureDemoTenant(service.platform, MODULES);
    if (demo) process.stdout.write(demoBanner(demo));
  }
  if (service.url) logger.info({ url: config.publicBaseUrl, docs: `${config.publicBaseUrl}/docs`, engine: service.platform.handle.engine, role }, 'Tradecredit is listening');
  else logger.info({ role, engine: service.platform.handle.engine }, 'Tradecredit worker started');
}

/** Runs an admin command on the database directly, or through the running server that owns the embedded database. */
async function administer(command: CliCommand): Promise<unknown> {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    const owner = readLockOwner(config.DATA_DIR);
    if (owner && owner.pid !== process.pid) {
      if (!owner.adminUrl || !owner.adminSecret) {
        throw new CliError(`The service (pid ${owner.pid}) owns ${config.DATA_DIR} and is still starting; try again in a moment.`);
      }
      return askRunningServer(owner.adminUrl, owner.adminSecret, command);
    }
  }
  const lock = config.DATABASE_URL ? undefined : acquireDataDirLock(config.DATA_DIR);
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await applyMigrations(handle);
    return await runCliCommand({ db: handle.db, clock: systemClock, publicBaseUrl: config.publicBaseUrl, businessTimeZone: config.BUSINESS_TIME_ZONE }, command);
  } finally {
    await handle.close();
    lock?.release();
  }
}

async function askRunningServer(adminUrl: string, adminSecret: string, command: CliCommand): Promise<unknown> {
  const response = await fetch(`${adminUrl}/internal/v1/cli`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_HEADER]: adminSecret },
    body: JSON.stringify(command),
  }).catch((error: unknown) => {
    throw new CliError(`The service owning the data directory did not answer at ${adminUrl}: ${(error as Error).message}`);
  });
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
  if (!response.ok) throw new CliError(body.error?.message ?? `The service answered ${response.status}`);
  return body.result;
}

function print(value: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  if (Array.isArray(value)) console.table(value);
  else console.dir(value, { depth: null });
}

function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof StartupError || error instanceof CliError) return error.message;
  return (error as Error)?.stack ?? String(error);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`tradecredit: ${explain(error)}`);
  process.exit(error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof StartupError || error instanceof CliError ? 2 : 1);
});

export type { Config };

import { Command, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from './platform/config.js';
import { createLogger, ignoreBrokenStandardError, ProcessOutput } from './platform/logging.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { applyMigrations } from './platform/db/migrate.js';
import { acquireDataDirLock, DataDirLockedError, readLockOwner } from './platform/db/data-dir-lock.js';
import { startService, StartupError, stopOnSignals, type Role } from './service.js';
import { demoBanner, ensureDemoTenant } from './platform/tenants/demo.js';
import { CliError, runCliCommand, type CliCommand } from './cli/commands.js';
import { ADMIN_HEADER } from './cli/internal-route.js';
import { PRODUCTS } from './platform/auth/products.js';
import { readFile } from 'node:fs/promises';
import { STAFF_ROLES } from './backoffice/api.js';

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

async function serve(role: Role): Promise<void> {
  const config = loadConfig();
  ignoreBrokenStandardError();
  const output = new ProcessOutput();
  const logger = createLogger(config.LOG_LEVEL, output);
  const starting = startService({ config, logger, role });
  stopOnSignals({ service: starting, logger, output, timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
  const service = await starting;
  if (service.app && config.DEMO_TENANT) {
    const sheet = await ensureDemoTenant(service.platform);
    if (sheet) process.stdout.write(demoBanner(sheet));
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
    return await runCliCommand({ db: handle.db, clock: systemClock, publicBaseUrl: config.publicBaseUrl }, command);
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

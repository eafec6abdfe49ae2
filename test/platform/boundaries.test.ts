import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import-boundary check of `npm run check` (`npm run check:boundaries`: dependency-cruiser with
 * .dependency-cruiser.cjs) run as the CLI on throw-away source trees: one with a violation of every rule
 * planted, one laid out legally, and the real src/.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CRUISE_TIMEOUT_MS = 45_000;

type Tree = Record<string, string>;
type Finding = [rule: string, from: string, to: string];
interface Violation { rule: { name: string; severity: string }; from: string; to: string }

const SUPPORT: Tree = {
  'src/platform/clock.ts': 'export interface Clock { now(): Date }\n',
  'src/platform/http/api-error.ts': 'export class ApiError extends Error {}\n',
  'src/servicing/store.ts': 'export const findAccount = (id: string) => id;\n',
  'src/insurance/api.ts': 'export const quoteCount = 0;\n',
  'src/cases/domain/case.ts': "export const CASE_STATES = ['open', 'closed'] as const;\n",
  'src/schema.ts': 'export const tables = {};\n',
  'src/modules.ts': 'export const MODULES = [];\n',
};

/** Violations of every rule, each with the one finding it must produce. */
const PLANTED: { files: Tree; finding: Finding }[] = [
  {
    files: { 'src/insurance/domain/quote-row.ts': "import { sql } from 'drizzle-orm';\nexport const one = sql`1`;\n" },
    finding: ['domain-imports-no-io-package', 'src/insurance/domain/quote-row.ts', 'drizzle-orm'],
  },
  {
    files: { 'src/insurance/domain/reads-file.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n" },
    finding: ['domain-imports-no-io-package', 'src/insurance/domain/reads-file.ts', 'fs'],
  },
  {
    files: { 'src/insurance/domain/reads-store.ts': "import { findQuote } from '../store.js';\nexport const find = findQuote;\n" },
    finding: ['domain-is-pure', 'src/insurance/domain/reads-store.ts', 'src/insurance/store.ts'],
  },
  {
    files: { 'src/insurance/domain/reads-clock.ts': "import type { Clock } from '../../platform/clock.js';\nexport type Stamp = (clock: Clock) => Date;\n" },
    finding: ['domain-is-pure', 'src/insurance/domain/reads-clock.ts', 'src/platform/clock.ts'],
  },
  {
    files: { 'src/insurance/store.ts': "import { findAccount } from '../servicing/store.js';\nexport const findQuote = findAccount;\n" },
    finding: ['module-only-through-api', 'src/insurance/store.ts', 'src/servicing/store.ts'],
  },
  {
    // cover/ and cases/ are not named anywhere in the config: a new module folder is covered as it appears.
    files: { 'src/cover/use-cases/open-cover.ts': "import { CASE_STATES } from '../../cases/domain/case.js';\nexport const states = CASE_STATES;\n" },
    finding: ['module-only-through-api', 'src/cover/use-cases/open-cover.ts', 'src/cases/domain/case.ts'],
  },
  {
    files: { 'src/cover/use-cases/refuse-cover.ts': "import { ApiError } from '../../platform/http/api-error.js';\nexport const refuse = () => new ApiError();\n" },
    finding: ['use-case-knows-no-http', 'src/cover/use-cases/refuse-cover.ts', 'src/platform/http/api-error.ts'],
  },
  {
    files: { 'src/platform/events/react.ts': "import { quoteCount } from '../../insurance/api.js';\nexport const count = quoteCount;\n" },
    finding: ['platform-knows-no-business', 'src/platform/events/react.ts', 'src/insurance/api.ts'],
  },
  {
    files: { 'src/platform/db/tables.ts': "import { tables } from '../../schema.js';\nexport const all = tables;\n" },
    finding: ['platform-knows-no-business', 'src/platform/db/tables.ts', 'src/schema.ts'],
  },
  {
    // A two-file cycle is one finding, at the file the cruiser enters it from.
    files: {
      'src/collections/strategy.ts': "import { runs } from './run.js';\nexport const strategy = () => runs();\n",
      'src/collections/run.ts': "import { strategy } from './strategy.js';\nexport const runs = () => strategy;\n",
    },
    finding: ['no-cycle', 'src/collections/run.ts', 'src/collections/strategy.ts'],
  },
  {
    files: { 'src/cli/commands.ts': "import { findAccount } from '../servicing/store.js';\nexport const lookup = findAccount;\n" },
    finding: ['cli-only-through-api', 'src/cli/commands.ts', 'src/servicing/store.ts'],
  },
  {
    files: { 'src/servicing/module.ts': "import { MODULES } from '../modules.js';\nexport const peers = MODULES;\n" },
    finding: ['module-not-above-itself', 'src/servicing/module.ts', 'src/modules.ts'],
  },
  {
    files: { 'src/app.ts': "import { findAccount } from './servicing/store.js';\nexport const app = findAccount;\n" },
    finding: ['root-only-through-module-schema-api', 'src/app.ts', 'src/servicing/store.ts'],
  },
  {
    files: { 'src/cases/store.ts': "import { gone } from './missing.js';\nexport const back = gone;\n" },
    finding: ['resolvable-imports', 'src/cases/store.ts', './missing.js'],
  },
];

/** A legal layout: every kind of import the rules allow, including domain using another module's api.ts. */
const CLEAN: Tree = {
  'src/platform/result.ts': 'export type Result<T> = { ok: true; value: T } | { ok: false; error: string };\n',
  'src/platform/money.ts': "import { Decimal } from 'decimal.js';\nexport const half = (n: number) => new Decimal(n).div(2);\n",
  'src/platform/clock.ts': 'export interface Clock { now(): Date }\n',
  'src/platform/db/database.ts': "import { readFileSync } from 'node:fs';\nimport { sql } from 'drizzle-orm';\nexport const probe = () => [readFileSync, sql];\n",
  'src/platform/http/api-error.ts': 'export class ApiError extends Error {}\n',
  'src/platform/module.ts': "import type { FastifyInstance } from 'fastify';\nexport interface BusinessModule { routes(app: FastifyInstance): void }\n",
  'src/platform/dates.ts': 'export const addDays = (date: string, days: number) => `${date}+${days}`;\n',
  'src/risk/api.ts': 'export const isRating = (value: string) => /^[A-D]$/.test(value);\n',
  'src/risk/buyer-number-schema.ts': "import { pgTable } from 'drizzle-orm/pg-core';\nexport const buyerNumbers = pgTable;\n",
  'src/insurance/domain/quote-state.ts': "export const QUOTE_STATES = ['open', 'active'] as const;\n",
  'src/insurance/domain/quote.ts':
    "import { Decimal } from 'decimal.js';\nimport { half } from '../../platform/money.js';\nimport type { Result } from '../../platform/result.js';\n" +
    "import { isRating } from '../../risk/api.js';\nimport { QUOTE_STATES } from './quote-state.js';\n" +
    "import { addDays } from '../../platform/dates.js';\nexport const expiry = addDays('2026-01-01', 30);\n" +
    "export const premium = (n: number): Result<Decimal> => ({ ok: isRating('A'), value: half(n) } as never);\nexport const states = QUOTE_STATES;\n",
  'src/insurance/schema.ts': "import { pgTable } from 'drizzle-orm/pg-core';\nexport const quotes = pgTable;\n",
  'src/insurance/store.ts': "import { sql } from 'drizzle-orm';\nimport { quotes } from './schema.js';\nexport const findQuote = () => [sql, quotes];\n",
  'src/insurance/use-cases/activate-quote.ts':
    "import type { Clock } from '../../platform/clock.js';\nimport { premium } from '../domain/quote.js';\n" +
    "import { findQuote } from '../store.js';\nimport { accountCount } from '../../servicing/api.js';\n" +
    'export const activateQuote = (clock: Clock) => [clock, premium, findQuote, accountCount];\n',
  'src/insurance/http/credable.ts':
    "import type { FastifyInstance } from 'fastify';\nimport { ApiError } from '../../platform/http/api-error.js';\n" +
    "import { activateQuote } from '../use-cases/activate-quote.js';\n" +
    'export const routes = (app: FastifyInstance) => [app, ApiError, activateQuote];\n',
  'src/insurance/module.ts':
    "import type { BusinessModule } from '../platform/module.js';\nimport { routes } from './http/credable.js';\n" +
    'export const insuranceModule: BusinessModule = { routes };\n',
  'src/insurance/api.ts': "export { findQuote } from './store.js';\n",
  'src/servicing/api.ts': 'export const accountCount = 0;\n',
  'src/cli/commands.ts': "import { findQuote } from '../insurance/api.js';\nexport const commands = [findQuote];\n",
  'src/schema.ts': "export * from './insurance/schema.js';\nexport * from './risk/buyer-number-schema.js';\n",
  'src/modules.ts': "import { insuranceModule } from './insurance/module.js';\nexport const MODULES = [insuranceModule];\n",
  'src/app.ts': "import { MODULES } from './modules.js';\nimport { findQuote } from './insurance/api.js';\nexport const app = [MODULES, findQuote];\n",
};

const scratchDirs: string[] = [];
afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A throw-away project: the tree, this repo's compiler options, and its node_modules (a symlink). */
async function scratchProject(tree: Tree): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tradecredit-boundaries-'));
  scratchDirs.push(dir);
  const { compilerOptions } = JSON.parse(await readFile(path.join(ROOT, 'tsconfig.json'), 'utf8'));
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, source] of Object.entries(tree)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), source);
  }
  return dir;
}

/** An npm or built-in target by its package name; a file of the tree by its path. */
function targetName(to: string): string {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(to)?.[1] ?? to;
}

function runDepcruise(cwd: string, args: string[]): Promise<{ exitCode: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const options = { cwd, timeout: CRUISE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 };
    execFile(process.execPath, [DEPCRUISE, ...args], options, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        return reject(new Error(`depcruise did not finish: ${error.message}\n${stderr}`));
      }
      resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout });
    });
  });
}

/** The arguments of `npm run check:boundaries` from package.json, its config file made absolute. */
async function checkArguments(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
  const [command, ...args] = (scripts['check:boundaries'] as string).split(/\s+/);
  expect(command).toBe('depcruise');
  return args.map((arg, i) => (args[i - 1] === '--config' ? path.join(ROOT, arg) : arg));
}

/** Exit status of the check exactly as `npm run check` runs it (its reporter sets the status). */
async function checkExitCode(cwd: string): Promise<number> {
  return (await runDepcruise(cwd, await checkArguments())).exitCode;
}

/** The same cruise with the JSON reporter: every finding as [rule, from, to]; known ones apart. */
async function findings(cwd: string): Promise<{ reported: Finding[]; ignored: Finding[] }> {
  const { stdout } = await runDepcruise(cwd, ['src', '--config', CONFIG, '--output-type', 'json']);
  const violations: Violation[] = JSON.parse(stdout).summary.violations;
  const finding = (v: Violation): Finding => [v.rule.name, v.from, targetName(v.to)];
  return {
    reported: violations.filter((v) => v.rule.severity !== 'ignore').map(finding),
    ignored: violations.filter((v) => v.rule.severity === 'ignore').map(finding),
  };
}

const sortFindings = (findings: Finding[]) => [...findings].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));

describe('import boundaries (npm run check:boundaries)', () => {
  it('reports every planted violation, and nothing else, and fails the check', async () => {
    const dir = await scratchProject(Object.assign({}, SUPPORT, ...PLANTED.map(({ files }) => files)));
    const [found, exitCode] = await Promise.all([findings(dir), checkExitCode(dir)]);
    expect(sortFindings(found.reported)).toEqual(sortFindings(PLANTED.map(({ finding }) => finding)));
    expect(exitCode).toBe(PLANTED.length);
  });

  it('passes a legal layout of platform, modules, use cases, domain, CLI and root', async () => {
    const dir = await scratchProject(CLEAN);
    const [found, exitCode] = await Promise.all([findings(dir), checkExitCode(dir)]);
    expect(found.reported).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('passes src/, and every allow-listed known violation is still real (the list only shrinks)', async () => {
    const config = createRequire(import.meta.url)(CONFIG);
    const known: Finding[] = config.options.knownViolations.map(
      (v: Violation) => [v.rule.name, v.from, v.to] satisfies Finding,
    );
    const found = await findings(ROOT);
    expect(found.reported).toEqual([]);
    const stale = known.filter((entry) => !found.ignored.some((seen) => seen.join() === entry.join()));
    expect(stale, 'fixed: remove these from KNOWN_VIOLATIONS in .dependency-cruiser.cjs').toEqual([]);
  });
});

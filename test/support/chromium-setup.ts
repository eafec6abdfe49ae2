// Vitest global setup: finds the Chromium the browser tests drive, once per run, before any test file starts.
// Debian's /usr/bin/chromium where it exists; otherwise the Chromium that the @sparticuz/chromium package ships
// (brotli archives inside the npm package), unpacked once into node_modules/.cache so a fresh machine needs nothing
// but `npm ci`. Unpacking here, not in each test file, keeps parallel test files from racing on the same files.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from './processes.js';
import type { ChromiumInstall } from './browser.js';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export default async function findChromium(project: TestProject): Promise<void> {
  project.provide('chromium', await chooseChromium(process.env));
}

/** `CHROMIUM_PATH` names a binary; `TEST_REGISTRY_CHROMIUM=1` hides Debian's to try the fallback on a machine that has it. */
export async function chooseChromium(env: NodeJS.ProcessEnv): Promise<ChromiumInstall> {
  if (env.CHROMIUM_PATH) return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  if (env.TEST_REGISTRY_CHROMIUM !== '1' && existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, source: 'debian' };
  return unpackRegistryChromium();
}

async function unpackRegistryChromium(): Promise<ChromiumInstall> {
  const packageJson = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const directory = path.join(ROOT, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
  if (!existsSync(directory)) await unpackInto(directory);
  return {
    executablePath: path.join(directory, 'chromium'),
    source: 'registry',
    // The package's own NSS libraries: a machine without Debian's chromium often lacks libnss3.
    env: { LD_LIBRARY_PATH: path.join(directory, 'al2023', 'lib'), FONTCONFIG_PATH: path.join(directory, 'fonts') },
  };
}

/** The package unpacks into os.tmpdir(); pointing TMPDIR at a fresh directory and renaming it at the end makes it atomic. */
async function unpackInto(directory: string): Promise<void> {
  const partial = `${directory}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const { default: chromium } = await import('@sparticuz/chromium');
  const saved = { TMPDIR: process.env.TMPDIR, AWS_EXECUTION_ENV: process.env.AWS_EXECUTION_ENV };
  process.env.TMPDIR = partial;
  // Also unpacks the Amazon Linux 2023 libraries (NSS), which the package otherwise does only on AWS.
  process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs20.x';
  try {
    await chromium.executablePath();
  } finally {
    restore('TMPDIR', saved.TMPDIR);
    restore('AWS_EXECUTION_ENV', saved.AWS_EXECUTION_ENV);
  }
  try {
    renameSync(partial, directory);
  } catch (error) {
    // Another test run unpacked the same version meanwhile: use theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(directory)) throw error;
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

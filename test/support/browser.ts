// Headless Chromium driven by playwright-core: Debian's /usr/bin/chromium where it exists, otherwise the Chromium
// shipped in the @sparticuz/chromium npm package (test/support/chromium-setup.ts chooses and unpacks it once per run).
// The flags keep Chromium off the network it cannot reach here (background networking, component updates, sync) and
// let it run as root in a container.
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

export interface ChromiumInstall {
  executablePath: string;
  source: 'debian' | 'registry' | 'CHROMIUM_PATH';
  /** Extra environment for the browser process (the registry build's own libraries and fonts). */
  env?: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumInstall;
  }
}

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function chromiumInstall(): ChromiumInstall {
  return inject('chromium');
}

export async function launchBrowser(): Promise<Browser> {
  const install = chromiumInstall();
  return chromium.launch({
    executablePath: install.executablePath,
    args: CHROMIUM_FLAGS,
    env: install.env ? { ...process.env, ...withLibraryPath(install.env) } : undefined,
  });
}

function withLibraryPath(env: Record<string, string>): Record<string, string> {
  const existing = process.env.LD_LIBRARY_PATH;
  return existing && env.LD_LIBRARY_PATH ? { ...env, LD_LIBRARY_PATH: `${env.LD_LIBRARY_PATH}:${existing}` } : env;
}

/** A link the service built on its public base URL, pointed at the test service's own address. */
export function onTestService(link: string, serviceUrl: string): string {
  const url = new URL(link);
  return `${serviceUrl}${url.pathname}${url.search}`;
}

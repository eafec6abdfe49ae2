// Headless Debian Chromium driven by playwright-core. The flags keep Chromium off the network it cannot reach here
// (background networking, component updates, sync) and let it run as root in a container.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** A link the service built on its public base URL, pointed at the test service's own address. */
export function onTestService(link: string, serviceUrl: string): string {
  const url = new URL(link);
  return `${serviceUrl}${url.pathname}${url.search}`;
}

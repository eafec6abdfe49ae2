import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumInstall, launchBrowser } from '../support/browser.js';
import { chooseChromium } from '../support/chromium-setup.js';

/** The browser tests run on a machine with nothing but Node: the registry Chromium stands in for Debian's. */
describe('the Chromium the browser tests drive', () => {
  it('is Debian\'s where it exists, the registry build when it is missing or hidden, and CHROMIUM_PATH when set', async () => {
    const debianPresent = existsSync('/usr/bin/chromium');
    expect((await chooseChromium({})).source).toBe(debianPresent ? 'debian' : 'registry');
    expect(await chooseChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toEqual({ executablePath: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
    const expected = process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : process.env.TEST_REGISTRY_CHROMIUM === '1' || !debianPresent ? 'registry' : 'debian';
    expect(chromiumInstall().source).toBe(expected);
  });

  it('the registry build unpacks and renders a page with its own libraries', async () => {
    const install = await chooseChromium({ TEST_REGISTRY_CHROMIUM: '1' });
    expect(install.source).toBe('registry');
    const browser = await chromium.launch({ executablePath: install.executablePath, args: ['--headless', '--no-sandbox'], env: { ...process.env, ...install.env } });
    try {
      expect(browser.version()).toMatch(/^143\./);
      const page = await browser.newPage();
      await page.setContent('<main><h1>Tradecredit</h1><button onclick="this.textContent = \'clicked\'">go</button></main>');
      await page.getByRole('button', { name: 'go' }).click();
      expect(await page.getByRole('button').textContent()).toBe('clicked');
    } finally {
      await browser.close();
    }
  });

  it('launchBrowser starts the run\'s Chromium', async () => {
    const browser = await launchBrowser();
    try {
      expect(browser.version()).toMatch(chromiumInstall().source === 'registry' ? /^143\./ : /^\d+\./);
    } finally {
      await browser.close();
    }
  });
});

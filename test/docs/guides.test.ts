import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { type HttpCall, runGuide } from './guide-runner.js';

/** The variables the guides ask the reader to copy from the credential sheet. */
function readerEnvironment(service: TestService, tenant: TestTenant): Record<string, string> {
  const { credentials } = tenant.sheet as unknown as { credentials: Record<string, Record<string, string>> };
  return {
    BASE: service.url,
    CLIENT_ID: tenant.tenant.clientId,
    SVC_ID: credentials.servicing!.apiClientId!, SVC_SECRET: credentials.servicing!.apiClientSecret!,
    API_CLIENT_ID: credentials.servicing!.apiClientId!, API_CLIENT_SECRET: credentials.servicing!.apiClientSecret!,
    REINSURE_KEY: credentials.reinsure!.apiKey!, REINSURE: credentials.reinsure!.authorization!,
    REINSURE_CREDENTIAL_ID: credentials.reinsure!.credentialId!,
    INSURE_KEY: credentials.insure!.apiKey!, INSURE: credentials.insure!.authorization!,
    CONNECT_KEY: credentials.connect!.apiKey!, CONNECT: credentials.connect!.authorization!,
    STAFF: credentials.staff!.authorization!, MGMT: credentials.management!.authorization!,
    COVER_ID: credentials.cover!.clientId!, COVER_SECRET: credentials.cover!.clientSecret!, COVER_APP_KEY: credentials.cover!.appKey!,
    MGMT_KEY: credentials.management!.apiKey!,
    NP_ID: credentials.nonpayment!.clientId!, NP_SECRET: credentials.nonpayment!.clientSecret!, NP_APP_KEY: credentials.nonpayment!.appKey!,
  };
}

const failed = (calls: HttpCall[], expected: RegExp[]) =>
  calls.filter((call) => call.status >= 400 && !expected.some((pattern) => pattern.test(`${call.status} ${call.method} ${call.url}`)));

describeEachEngine('the guides\' shell examples run against a live service', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine, clock: new ManualClock(new Date()) });
  });
  afterAll(async () => service?.stop());

  const guides: { path: string; expectedErrors: RegExp[]; neverInOutput?: string }[] = [
    { path: 'docs/getting-started.md', expectedErrors: [/^404 GET .*\/api\/reinsure\/v2\/quotes\/unknown$/, /^404 GET .*\/get_account\?accountReference=ACC-1$/] },
    { path: 'docs/servicing-guide.md', expectedErrors: [], neverInOutput: '"success":false' },
    { path: 'docs/insurance-guide.md', expectedErrors: [] },
    { path: 'docs/cover-guide.md', expectedErrors: [] },
    { path: 'docs/cases-guide.md', expectedErrors: [] },
    { path: 'docs/collections-guide.md', expectedErrors: [] },
  ];
  for (const { path, expectedErrors, neverInOutput } of guides) {
    it(`${path}: every example answers as the guide says`, async () => {
      const tenant = await service.createTenant();
      const run = await runGuide(path, readerEnvironment(service, tenant));
      expect(run.stderr.split('\n').filter((line) => !line.startsWith('HTTP ')).join('\n').trim()).toBe('');
      expect(run.code).toBe(0);
      expect(run.calls.length).toBeGreaterThan(3);
      expect(failed(run.calls, expectedErrors)).toEqual([]);
      expect(run.calls.every((call) => call.status < 500)).toBe(true);
      if (neverInOutput) expect(run.stdout).not.toContain(neverInOutput);
    });
  }
});

// Property: after any sequence of client actions, back-office decisions, clock advances and sweeps, every buyer's
// exposure row equals the sum of what its exposure-holding quotes hold, and its open-claim count matches the claims.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { riskExposure } from '../../src/risk/schema.js';
import { holdsExposure } from '../../src/risk/domain/exposure.js';
import { api, quoteBody } from './support.js';

const BUYERS = [{ buyer_identifier: '5567104046' }, { buyer_identifier: '987654325', buyer_country: 'NO' }];

type Op =
  | { kind: 'create'; buyer: number; amount: string; product: 'reinsure' | 'insure' }
  | { kind: 'action'; quote: number; action: 'activate' | 'reject' | 'settle' | 'claim' | 'sign-and-activate' }
  | { kind: 'decide'; quote: number; decision: 'approve' | 'reject' | 'offer' | 'decline' }
  | { kind: 'advance'; hours: number }
  | { kind: 'sweep' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), buyer: fc.nat(1), amount: fc.constantFrom('10010.00', '300000.00', '600000.00'), product: fc.constantFrom('reinsure' as const, 'insure' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('action' as const), quote: fc.nat(20), action: fc.constantFrom('activate' as const, 'reject' as const, 'settle' as const, 'claim' as const, 'sign-and-activate' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('decide' as const), quote: fc.nat(20), decision: fc.constantFrom('approve' as const, 'reject' as const, 'offer' as const, 'decline' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.constantFrom(1, 25, 24 * 62) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const) }) },
);

describeEachEngine('exposure invariant', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => service?.stop());

  it('holds after any sequence of operations', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
      const tenant = await service.createTenant();
      const staff = { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` };
      const quotes: { id: string; product: 'reinsure' | 'insure' }[] = [];
      for (const step of ops) {
        if (step.kind === 'create') {
          const created = await api(service, tenant, step.product).create(quoteBody(service, { invoice_amount: step.amount, ...BUYERS[step.buyer] }));
          expect(created.status).toBeLessThan(500);
          if (created.status === 201) quotes.push({ id: created.body.id, product: step.product });
        } else if (step.kind === 'action') {
          const quote = quotes[step.quote % Math.max(1, quotes.length)];
          if (!quote) continue;
          const body = step.action === 'sign-and-activate' ? { user_email: 'a@b.se', user_first_name: 'A', user_last_name: 'B' } : undefined;
          const response = await api(service, tenant, quote.product).action(quote.id, step.action, body);
          expect(response.status).toBeLessThan(500);
        } else if (step.kind === 'decide') {
          const quote = quotes[step.quote % Math.max(1, quotes.length)];
          if (!quote) continue;
          const claim = step.decision === 'approve' || step.decision === 'reject';
          const path = claim ? `/backoffice/v1/claims/${quote.id}/decision` : `/backoffice/v1/quotes/${quote.id}/decision`;
          const json = step.decision === 'reject' || step.decision === 'decline' ? { decision: step.decision, reason: 'r' } : { decision: step.decision };
          expect((await call(service.url, 'POST', path, { headers: staff, json })).status).toBeLessThan(500);
        } else if (step.kind === 'advance') {
          await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: credableHeaders(tenant, 'reinsure'), json: { seconds: step.hours * 3600 } });
        } else {
          await service.sweeper?.runOnce();
        }
      }
      // Reads apply due timers too; the invariant must hold with and without them.
      const rows = await service.platform.db.select().from(insuranceQuotes).where(eq(insuranceQuotes.tenantId, tenant.tenant.id));
      const books = await service.platform.db.select().from(riskExposure).where(eq(riskExposure.bookId, tenant.tenant.id));
      for (const book of books) {
        const onBuyer = rows.filter((row) => row.buyerCountry === book.country && row.buyerIdentifier === book.registryId);
        expect(book.exposure).toBe(onBuyer.reduce((sum, row) => sum + row.exposureHeld, 0));
        expect(book.openClaims).toBe(onBuyer.filter((row) => row.status === 'claim.pending' || row.status === 'claim.approved').length);
      }
      for (const row of rows) expect(row.exposureHeld > 0).toBe(holdsExposure(row.status));
    }), { numRuns: 15 });
  }, 240_000);
});

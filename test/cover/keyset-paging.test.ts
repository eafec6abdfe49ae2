// Keyset paging of the listings ([X] `after`): walking a listing page by page after the previous page's last cover
// gives exactly the unpaged listing, in its order, on both engines.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, COVER, type CoverClient, coverClient, modifyBody } from './support.js';

describeEachEngine('Cover listings with keyset paging', (engine) => {
  let service: TestService;
  let client: CoverClient;
  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await coverClient(service, await service.createTenant());
    for (const buyer of Object.values(BUYERS)) {
      const buyerId = await client.buyerId(buyer);
      expect([201, 202]).toContain((await client.apply(buyerId, { creditLimitAmount: buyer === BUYERS.rating1 ? '70000' : '10000' })).status);
    }
    // Two ended versions for the historic listing.
    for (const buyer of [BUYERS.rating4, BUYERS.rating3]) {
      const buyerId = await client.buyerId(buyer);
      expect((await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel'))).status).toBe(200);
    }
  });
  afterAll(async () => service?.stop());

  async function walk(listing: string, pageSize: number): Promise<{ ids: number[]; metas: any[] }> {
    const ids: number[] = [];
    const metas: any[] = [];
    let after: number | undefined;
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await client.get(`${COVER}/${listing}?policyId=${client.policyId}&pageSize=${pageSize}${after === undefined ? '&page=1' : `&after=${after}`}`);
      expect(page.status).toBe(200);
      metas.push(page.body.meta);
      const pageIds = (page.body.data as any[]).map((cover) => cover.coverId as number);
      ids.push(...pageIds);
      if (pageIds.length < pageSize) return { ids, metas };
      after = pageIds[pageIds.length - 1];
    }
    throw new Error('the walk did not end');
  }

  it('walks /covers, /covers/bulk, /covers/decisions, /covers/historic in their order, without gaps or repeats', async () => {
    for (const listing of ['covers', 'covers/bulk', 'covers/decisions', 'covers/historic', 'covers/applications']) {
      const whole = await client.get(`${COVER}/${listing}?policyId=${client.policyId}&page=1&pageSize=1000`);
      const expected = (whole.body.data as any[]).map((cover) => cover.coverId);
      expect(expected.length, listing).toBeGreaterThan(0);
      const { ids, metas } = await walk(listing, 2);
      expect(ids, listing).toEqual(expected);
      expect(metas[1] === undefined || metas[1].after !== undefined, listing).toBe(true);
    }
  });

  it('shows the position and total in meta, and refuses page with after or a bad cursor; another tenant\'s cover starts nothing', async () => {
    const first = await client.get(`${COVER}/covers/bulk?policyId=${client.policyId}&page=1&pageSize=2`);
    const after = first.body.data[1].coverId;
    const next = await client.get(`${COVER}/covers/bulk?policyId=${client.policyId}&pageSize=2&after=${after}`);
    expect(next.body.meta).toEqual({ after, pageSize: 2, totalItems: first.body.meta.totalItems, totalPages: first.body.meta.totalPages });
    expect(next.body.data[0].coverId).toBeGreaterThan(after);
    const both = await client.get(`${COVER}/covers/bulk?policyId=${client.policyId}&page=2&pageSize=2&after=${after}`);
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toMatchObject({ code: 'INVALID_VALUE', source: { parameter: 'after' } });
    expect((await client.get(`${COVER}/covers/bulk?policyId=${client.policyId}&after=x`)).status).toBe(400);
    const other = await coverClient(service, await service.createTenant());
    const theirs = await other.apply(await other.buyerId(BUYERS.rating4));
    const foreign = await client.get(`${COVER}/covers/bulk?policyId=${client.policyId}&pageSize=2&after=${theirs.body.data[0].coverId}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body.data).toEqual([]);
  });
});

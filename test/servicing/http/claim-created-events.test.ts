// A claim batch whose only events are its new claims' ClaimCreated events has its claims insert append them, built
// in SQL from the rows it inserts (store/claims.ts), rather than sending their payload a second time with the
// request's final write. Those events must be the ones the service builds itself (events.ts claimCreatedEvent), as
// recreate_claims still writes them: same row columns, same data, in the claims' order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRaw } from '../../../src/platform/db/database.js';
import { claimCreatedEvent, isClaimCreatedEventOf } from '../../../src/servicing/events.js';
import { describeEachEngine } from '../../support/engines.js';
import { DEBTOR, startServicing, type ServicingClient } from '../support.js';

const claim = (account: string, amount: number, extra: Record<string, unknown> = {}) => ({
  amount, currency: 'EUR', currentDueDate: '2024-03-01', originalDueDate: '2024-02-01', accountReference: account, primaryDebtor: DEBTOR,
  totalFees: 10, meta: { note: 'x' }, ...extra,
});

interface EventRow {
  id: string | number;
  type: string;
  entity_type: string;
  entity_id: string;
  data: { messageId: string; timestamp: string; details: Record<string, unknown> };
  occurred_at: Date | string;
  request_id: string | null;
  dispatch_pending: boolean;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('isClaimCreatedEventOf', () => {
  const row = { claimReference: 'C1', receeveClaimRef: 'C1-2024-03-01', data: { amount: 500, currency: 'EUR', currentDueDate: '2024-03-01' } };
  const nowIso = '2026-01-02T03:04:05.006Z';
  const event = claimCreatedEvent(nowIso, { claimRef: 'C1', receeveClaimRef: 'C1-2024-03-01', amount: 500, currency: 'EUR', dueDate: '2024-03-01' });

  it('holds for the event claimCreatedEvent builds for the row at that instant', () => {
    expect(isClaimCreatedEventOf(event, nowIso, row)).toBe(true);
  });

  it('fails for any other event, instant or row', () => {
    expect(isClaimCreatedEventOf(event, '2026-01-02T03:04:05.007Z', row)).toBe(false);
    expect(isClaimCreatedEventOf(event, nowIso, { ...row, claimReference: 'C2' })).toBe(false);
    expect(isClaimCreatedEventOf(event, nowIso, { ...row, receeveClaimRef: 'C1-2024-04-01' })).toBe(false);
    expect(isClaimCreatedEventOf(event, nowIso, { ...row, data: { ...row.data, amount: 501 } })).toBe(false);
    expect(isClaimCreatedEventOf(event, nowIso, { ...row, data: { ...row.data, currency: 'USD' } })).toBe(false);
    expect(isClaimCreatedEventOf(event, nowIso, { ...row, data: { ...row.data, currentDueDate: '2024-03-02' } })).toBe(false);
    const details = (event.data as { details: Record<string, unknown> }).details;
    expect(isClaimCreatedEventOf({ ...event, data: { ...event.data, details: { ...details, extra: 1 } } }, nowIso, row)).toBe(false);
    expect(isClaimCreatedEventOf({ ...event, type: 'event.other.v1' }, nowIso, row)).toBe(false);
    expect(isClaimCreatedEventOf({ ...event, entityId: 'C2' }, nowIso, row)).toBe(false);
  });
});

describeEachEngine('ClaimCreated events appended by the claims insert', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => {
    await client.stop();
  });

  const eventsOf = async (references: string[]) => executeRaw(client.service.platform.db, `SELECT id, type, entity_type, entity_id, data,
      occurred_at, request_id, dispatch_pending FROM events WHERE tenant_id = $1 AND entity_id = ANY(string_to_array($2, ',')) ORDER BY id`,
  [client.tenant.tenant.id, references.join(',')]) as Promise<EventRow[]>;

  it('writes one per new claim, in the body order, as the service builds it', async () => {
    // Body order is not the references' order; EV_ACC_NEW does not exist (created implicitly), EV_KNOWN fails.
    expect((await client.post('create_claims', { EV_KNOWN: claim('EV_ACC', 1) })).body.EV_KNOWN.success).toBe(true);
    const response = await client.post('create_claims', {
      EV_Z: claim('EV_ACC', 300), EV_KNOWN: claim('EV_ACC', 2), EV_A: claim('EV_ACC_NEW', 100, { fees: [{ name: 'f', amount: 5 }] }), EV_M: claim('EV_ACC', 200),
    });
    expect(Object.values(response.body).map((item: any) => item.success)).toEqual([true, false, true, true]);
    const rows = await eventsOf(['EV_Z', 'EV_KNOWN', 'EV_A', 'EV_M']);
    expect(rows.map((row) => row.entity_id)).toEqual(['EV_KNOWN', 'EV_Z', 'EV_A', 'EV_M']);
    const [known, ...created] = rows;
    const claims = await client.claimsOf('EV_ACC');
    const timestamp = new Date(created[0]!.occurred_at).toISOString();
    for (const [row, reference, amount] of created.map((row, index) => [row, ['EV_Z', 'EV_A', 'EV_M'][index]!, [300, 100, 200][index]!] as const)) {
      expect(row).toMatchObject({ type: 'event.claim.created.v1', entity_type: 'servicing_claim', dispatch_pending: true, request_id: created[0]!.request_id });
      expect(new Date(row.occurred_at).toISOString()).toBe(timestamp);
      expect(row.data).toEqual({
        messageId: expect.stringMatching(UUID_V4), timestamp,
        details: {
          messageType: 'event.claim.created.v1', claimRef: reference, receeveClaimRef: `${reference}-2024-03-01`, amount, currency: 'EUR', dueDate: '2024-03-01',
        },
      });
    }
    expect(new Set(created.map((row) => row.data.messageId)).size).toBe(3);
    expect(created[0]!.request_id).not.toBe(known!.request_id);
    expect(created[0]!.request_id).toEqual(expect.any(String));
    expect(claims.EV_Z).toMatchObject({ amount: 300 });
    // The same events through the service's own envelope (recreate_claims writes them with the request's final write).
    expect((await client.post('resolve_claims', [{ ref: 'EV_M', reason: 'CLAIM_SOLD' }])).status).toBe(200);
    expect((await client.claimsOf('EV_ACC')).EV_M).toMatchObject({ status: 'RESOLVED' });
    expect((await client.post('recreate_claims', { EV_M: claim('EV_ACC', 250) })).body.EV_M.success).toBe(true);
    const [, recreated] = await eventsOf(['EV_M']);
    expect(Object.keys(recreated!)).toEqual(Object.keys(created[2]!));
    expect({ ...recreated, id: 0, occurred_at: 0, request_id: 0, data: { ...recreated!.data, messageId: 0, timestamp: 0 } }).toEqual({
      ...created[2], id: 0, occurred_at: 0, request_id: 0,
      data: { ...created[2]!.data, messageId: 0, timestamp: 0, details: { ...created[2]!.data.details, amount: 250 } },
    });
    expect(recreated!.data.messageId).toMatch(UUID_V4);
  });

  it('import_claims that only creates writes them the same way; a batch that fails as a whole writes none', async () => {
    expect(Object.values((await client.post('import_claims', { IM_B: claim('EV_ACC', 7), IM_A: claim('EV_ACC', 8) })).body)
      .map((item: any) => item.success)).toEqual([true, true]);
    const rows = await eventsOf(['IM_A', 'IM_B']);
    expect(rows.map((row) => [row.entity_id, row.data.details.amount])).toEqual([['IM_B', 7], ['IM_A', 8]]);
    const failed = await client.post('create_claims', { IM_C: claim('EV_ACC', 9, { currency: 'XXXX' }) });
    expect(failed.body.IM_C?.success ?? false).toBe(false);
    expect(await eventsOf(['IM_C'])).toEqual([]);
  });
});

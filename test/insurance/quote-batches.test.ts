// Batched quote creation on the real schema: one statement reads the snapshots of many new quotes, one statement
// writes many quotes with their events and audit rows, each offer guarded by its own capacity compare-and-set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, events } from '../../src/platform/db/schema.js';
import type { NewEvent } from '../../src/platform/events/append.js';
import type { Tenant } from '../../src/platform/tenants/tenant.js';
import type { WriteOrigin } from '../../src/platform/unit-of-work.js';
import { newQuoteId } from '../../src/insurance/ids.js';
import { type NewQuoteWrite, type SnapshotRequest, readSnapshots, writeNewQuotes } from '../../src/insurance/quote-batches.js';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import type { QuoteRow } from '../../src/insurance/store.js';
import { riskBuyers, riskExposure } from '../../src/risk/schema.js';
import { bookFor } from '../../src/risk/store.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';

const COUNTRY = 'SE';
let sequence = 0;
/** A value no other test (or earlier run on the same database) uses: registry ids, invoice references, request ids. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;

describeEachEngine('quote batches', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const db = () => service.platform.db;
  const newTenant = async () => (await service.createTenant({ mode: 'sandbox' })).tenant;

  // --- buyers and their exposure --------------------------------------------------------------------------------

  async function registerBuyer(registryId: string, rating: number, name: string): Promise<void> {
    await db().insert(riskBuyers).values({ country: COUNTRY, registryId, name, rating, updatedAt: service.clock.now() });
  }

  async function setExposure(tenant: Tenant, registryId: string, exposure: number, openClaims = 0): Promise<void> {
    await db().insert(riskExposure).values({ bookId: bookFor(tenant), country: COUNTRY, registryId, exposure, openClaims });
  }

  async function exposureOf(tenant: Tenant, registryId: string) {
    const [row] = await db().select({ exposure: riskExposure.exposure, openClaims: riskExposure.openClaims }).from(riskExposure)
      .where(and(eq(riskExposure.bookId, bookFor(tenant)), eq(riskExposure.country, COUNTRY), eq(riskExposure.registryId, registryId)));
    return row ?? null;
  }

  // --- new quotes, built by hand ----------------------------------------------------------------------------------

  function origin(tenant: Tenant): WriteOrigin {
    return { tenant, now: service.clock.now(), actor: { type: 'credential', id: 'test-credential' }, requestId: unique('req'), audited: false };
  }

  /** A pending quote of the tenant on the buyer, every column set; `overrides` turns it into an offer, a referral… */
  function quoteRow(tenant: Tenant, registryId: string, overrides: Partial<QuoteRow> = {}): QuoteRow {
    const now = service.clock.now();
    return {
      id: newQuoteId(), tenantId: tenant.id, product: 'reinsure', bookId: bookFor(tenant),
      userReference: 'user-ref', sellerReference: 'seller-ref', sellerIdentifier: '5567549125', sellerCountry: COUNTRY,
      buyerReference: 'buyer-ref', buyerIdentifier: registryId, buyerCountry: COUNTRY,
      invoiceReference: unique('INV'), invoiceAmount: 1_001_000, invoiceAmountText: '10010.00', invoiceCurrency: 'SEK',
      invoiceIssueDate: '2026-11-21', invoiceDueDate: '2026-12-21',
      premiumAmount: null, premiumCurrency: null, suggestedPremium: null,
      status: 'quote.pending', reason: null, referred: false, underwritingRule: null, exposureHeld: 0,
      claimKind: null, bankruptcyDate: null, claimComment: null, claimDecisionReason: null,
      signerEmail: null, signerFirstName: null, signerLastName: null,
      offeredAt: null, activatedAt: null, claimedAt: null, closedAt: null, deadlineAt: null,
      version: 1, createdAt: now, updatedAt: now,
      ...overrides,
    };
  }

  /** The events quote creation appends: pending, then the status the quote was decided into. */
  function statusEvents(row: QuoteRow): NewEvent[] {
    const event = (status: string, previous: string | null): NewEvent => ({
      type: 'quote.status_changed', entityType: 'quote', entityId: row.id,
      data: { id: row.id, product: row.product, status: { code: status, reason: status === row.status ? row.reason : null }, previous_status: previous },
    });
    return row.status === 'quote.pending' ? [event('quote.pending', null)] : [event('quote.pending', null), event(row.status, 'quote.pending')];
  }

  function newQuoteWrite(tenant: Tenant, row: QuoteRow, hold: NewQuoteWrite['hold'], events = statusEvents(row)): NewQuoteWrite {
    return {
      origin: origin(tenant), row, events, hold,
      audit: { action: 'quote.created', entityType: 'quote', entityId: row.id, details: { product: row.product, status: row.status } },
    };
  }

  /** An offer that holds `amount` of the buyer's exposure if it stays within `capacity`. */
  function offer(tenant: Tenant, registryId: string, amount: number, capacity: number, overrides: Partial<QuoteRow> = {}): NewQuoteWrite {
    const now = service.clock.now();
    const row = quoteRow(tenant, registryId, {
      status: 'quote.offered', premiumAmount: 12_345, premiumCurrency: 'SEK', exposureHeld: amount, offeredAt: now,
      deadlineAt: new Date(now.getTime() + 86_400_000), ...overrides,
    });
    return newQuoteWrite(tenant, row, { bookId: bookFor(tenant), country: COUNTRY, registryId, amount, capacity });
  }

  /** A referred quote: pending for an underwriter, holding nothing. */
  function referral(tenant: Tenant, registryId: string): NewQuoteWrite {
    return newQuoteWrite(tenant, quoteRow(tenant, registryId, { referred: true, underwritingRule: 'rating_threshold', suggestedPremium: 9_999 }), null);
  }

  /** A quote rejected at once (insurance unavailable), holding nothing. */
  function rejection(tenant: Tenant, registryId: string): NewQuoteWrite {
    const row = quoteRow(tenant, registryId, {
      status: 'quote.rejected', reason: 'insurance_unavailable', underwritingRule: 'open_claims', closedAt: service.clock.now(),
    });
    return newQuoteWrite(tenant, row, null);
  }

  /** Puts a quote straight into the table (for the state a batch meets, not through the code under test). */
  async function insertQuote(row: QuoteRow): Promise<void> {
    await db().insert(insuranceQuotes).values(row);
  }

  // --- what the database holds ----------------------------------------------------------------------------------

  const quoteIdsOf = async (tenant: Tenant) =>
    (await db().select({ id: insuranceQuotes.id }).from(insuranceQuotes).where(eq(insuranceQuotes.tenantId, tenant.id))).map((row) => row.id).sort();

  const eventsOf = (tenantId: string, entityIds: string[]) => db().select({
    tenantId: events.tenantId, type: events.type, entityType: events.entityType, entityId: events.entityId,
    data: events.data, occurredAt: events.occurredAt, requestId: events.requestId,
  }).from(events).where(and(eq(events.tenantId, tenantId), inArray(events.entityId, entityIds))).orderBy(asc(events.id));

  const auditOf = (tenantId: string, entityId: string) => db().select({
    tenantId: auditLog.tenantId, actorType: auditLog.actorType, actorId: auditLog.actorId, action: auditLog.action,
    entityType: auditLog.entityType, entityId: auditLog.entityId, requestId: auditLog.requestId, details: auditLog.details, at: auditLog.at,
  }).from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityId, entityId)));

  /** The quote row exactly as given, its events in the given order, and its one audit row. */
  async function expectWritten(write: NewQuoteWrite): Promise<void> {
    const { origin: from, row } = write;
    expect(await db().select().from(insuranceQuotes).where(eq(insuranceQuotes.id, row.id))).toEqual([row]);
    expect(await eventsOf(row.tenantId, [row.id])).toEqual(write.events.map((event) => ({
      tenantId: row.tenantId, type: event.type, entityType: event.entityType, entityId: event.entityId, data: event.data,
      occurredAt: from.now, requestId: from.requestId,
    })));
    expect(await auditOf(row.tenantId, row.id)).toEqual([{
      tenantId: row.tenantId, actorType: from.actor.type, actorId: from.actor.id, action: write.audit.action,
      entityType: write.audit.entityType, entityId: write.audit.entityId, requestId: from.requestId, details: write.audit.details, at: from.now,
    }]);
  }

  async function expectNothingWritten(write: NewQuoteWrite): Promise<void> {
    const { row } = write;
    expect(await db().select({ id: insuranceQuotes.id }).from(insuranceQuotes).where(eq(insuranceQuotes.id, row.id))).toEqual([]);
    expect(await eventsOf(row.tenantId, [row.id])).toEqual([]);
    expect(await auditOf(row.tenantId, row.id)).toEqual([]);
  }

  // --- readSnapshots --------------------------------------------------------------------------------------------

  it('reads snapshots in request order: exposure and registry entry, unknown buyers, live and terminal-only invoices', async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const known = unique('KNOWN');
    const unknown = unique('UNKNOWN');
    const registryOnly = unique('REGONLY');
    const exposureOnly = unique('EXPONLY');
    await registerBuyer(known, 3, 'Snapshot Buyer AB');
    await registerBuyer(registryOnly, 7, 'Registry Only AB');
    await setExposure(tenant, known, 1234, 2);
    await setExposure(other, known, 900, 0);
    await setExposure(tenant, exposureOnly, 500, 0);

    const live = quoteRow(tenant, known, { status: 'quote.offered', exposureHeld: 100 });
    const terminalOnly = quoteRow(tenant, known, { status: 'quote.rejected', reason: 'insurance_unavailable' });
    const othersLive = quoteRow(other, known, { status: 'cover.activated' });
    const otherProductLive = quoteRow(tenant, known, { product: 'insure', status: 'quote.pending' });
    for (const row of [live, terminalOnly, othersLive, otherProductLive]) await insertQuote(row);

    const request = (forTenant: Tenant, registryId: string, invoiceReference = unique('INV'), product = 'reinsure'): SnapshotRequest => ({
      tenantId: forTenant.id, product, invoiceReference, bookId: bookFor(forTenant), country: COUNTRY, registryId,
    });
    const knownBuyer = { country: COUNTRY, registryId: known, name: 'Snapshot Buyer AB', rating: 3 };
    const snapshots = await readSnapshots(db(), [
      request(tenant, known),
      request(tenant, unknown),
      request(tenant, known, live.invoiceReference),
      request(tenant, known, terminalOnly.invoiceReference),
      request(tenant, known, othersLive.invoiceReference),
      request(tenant, known, otherProductLive.invoiceReference),
      request(tenant, registryOnly),
      request(tenant, exposureOnly),
      request(other, known, othersLive.invoiceReference),
      request(tenant, unknown, live.invoiceReference),
    ]);
    expect(snapshots).toEqual([
      { liveQuoteForInvoice: false, exposure: { exposure: 1234, openClaims: 2 }, buyer: knownBuyer },
      { liveQuoteForInvoice: false, exposure: null, buyer: null },
      { liveQuoteForInvoice: true, exposure: { exposure: 1234, openClaims: 2 }, buyer: knownBuyer },
      { liveQuoteForInvoice: false, exposure: { exposure: 1234, openClaims: 2 }, buyer: knownBuyer }, // only a terminal quote
      { liveQuoteForInvoice: false, exposure: { exposure: 1234, openClaims: 2 }, buyer: knownBuyer }, // live, but another tenant's
      { liveQuoteForInvoice: false, exposure: { exposure: 1234, openClaims: 2 }, buyer: knownBuyer }, // live, but another product's
      { liveQuoteForInvoice: false, exposure: null, buyer: { country: COUNTRY, registryId: registryOnly, name: 'Registry Only AB', rating: 7 } },
      { liveQuoteForInvoice: false, exposure: { exposure: 500, openClaims: 0 }, buyer: null },
      { liveQuoteForInvoice: true, exposure: { exposure: 900, openClaims: 0 }, buyer: knownBuyer }, // the other tenant's own book
      { liveQuoteForInvoice: true, exposure: null, buyer: null },
    ]);
    expect(await readSnapshots(db(), [])).toEqual([]);
  });

  // --- writeNewQuotes -------------------------------------------------------------------------------------------

  it('writes the offers whose holds fit and nothing of those that lose (over capacity, open claims, no exposure row)', async () => {
    const tenant = await newTenant();
    const [fits, fitsExactly, overCapacity, withClaim, withoutRow] = ['FITS', 'EXACT', 'OVER', 'CLAIM', 'NOROW'].map(unique) as [string, string, string, string, string];
    await setExposure(tenant, fits, 1_000);
    await setExposure(tenant, fitsExactly, 0);
    await setExposure(tenant, overCapacity, 9_000);
    await setExposure(tenant, withClaim, 0, 1);

    const writes = [
      offer(tenant, fits, 5_000, 10_000),
      offer(tenant, overCapacity, 2_000, 10_000),
      offer(tenant, fitsExactly, 7_000, 7_000),
      offer(tenant, withClaim, 100, 10_000),
      offer(tenant, withoutRow, 100, 10_000),
      referral(tenant, overCapacity),
    ];
    expect(await writeNewQuotes(db(), writes)).toEqual(['written', 'lost', 'written', 'lost', 'lost', 'written']);

    for (const index of [0, 2, 5]) await expectWritten(writes[index]!);
    for (const index of [1, 3, 4]) await expectNothingWritten(writes[index]!);
    expect(await quoteIdsOf(tenant)).toEqual([writes[0]!, writes[2]!, writes[5]!].map((write) => write.row.id).sort());
    expect(await exposureOf(tenant, fits)).toEqual({ exposure: 6_000, openClaims: 0 });
    expect(await exposureOf(tenant, fitsExactly)).toEqual({ exposure: 7_000, openClaims: 0 });
    expect(await exposureOf(tenant, overCapacity)).toEqual({ exposure: 9_000, openClaims: 0 });
    expect(await exposureOf(tenant, withClaim)).toEqual({ exposure: 0, openClaims: 1 });
    expect(await exposureOf(tenant, withoutRow)).toBeNull();
  });

  it('writes quotes without a hold unconditionally, whatever the buyer\'s exposure, and moves no exposure', async () => {
    const tenant = await newTenant();
    const [full, claimed, unknown] = ['FULL', 'CLAIMED', 'UNKNOWN'].map(unique) as [string, string, string];
    await setExposure(tenant, full, 10_000);
    await setExposure(tenant, claimed, 0, 3);
    const writes = [referral(tenant, full), rejection(tenant, claimed), rejection(tenant, unknown), referral(tenant, unknown)];
    expect(await writeNewQuotes(db(), writes)).toEqual(['written', 'written', 'written', 'written']);
    for (const write of writes) await expectWritten(write);
    expect(await exposureOf(tenant, full)).toEqual({ exposure: 10_000, openClaims: 0 });
    expect(await exposureOf(tenant, claimed)).toEqual({ exposure: 0, openClaims: 3 });
    expect(await exposureOf(tenant, unknown)).toBeNull();
  });

  it('answers alone for every item and writes nothing when one quote is for an invoice that already has a live quote', async () => {
    const tenant = await newTenant();
    const [first, second] = ['FIRST', 'SECOND'].map(unique) as [string, string];
    await setExposure(tenant, first, 0);
    await setExposure(tenant, second, 0);
    const existing = quoteRow(tenant, second, { status: 'quote.offered', exposureHeld: 0 });
    await insertQuote(existing);

    const fitting = offer(tenant, first, 1_000, 10_000);
    const duplicate = offer(tenant, second, 1_000, 10_000, { invoiceReference: existing.invoiceReference });
    const unconditional = referral(tenant, first);
    expect(await writeNewQuotes(db(), [fitting, duplicate, unconditional])).toEqual(['alone', 'alone', 'alone']);

    for (const write of [fitting, duplicate, unconditional]) await expectNothingWritten(write);
    expect(await quoteIdsOf(tenant)).toEqual([existing.id]);
    expect(await exposureOf(tenant, first)).toEqual({ exposure: 0, openClaims: 0 });
    expect(await exposureOf(tenant, second)).toEqual({ exposure: 0, openClaims: 0 });

    // Nothing was left half done: the same quotes without the duplicate go in.
    expect(await writeNewQuotes(db(), [fitting, unconditional])).toEqual(['written', 'written']);
    await expectWritten(fitting);
    await expectWritten(unconditional);
    expect(await exposureOf(tenant, first)).toEqual({ exposure: 1_000, openClaims: 0 });
  });

  it('answers alone for every item and writes nothing when any one quote breaks the statement', async () => {
    const tenant = await newTenant();
    const buyer = unique('BROKEN');
    await setExposure(tenant, buyer, 0);
    const fitting = offer(tenant, buyer, 1_000, 10_000);
    const broken = referral(tenant, buyer);
    (broken.row as { status: string | null }).status = null; // status is NOT NULL
    expect(await writeNewQuotes(db(), [fitting, broken])).toEqual(['alone', 'alone']);
    await expectNothingWritten(fitting);
    await expectNothingWritten(broken);
    expect(await exposureOf(tenant, buyer)).toEqual({ exposure: 0, openClaims: 0 });
  });

  it('appends the events of a batch with ids ascending in the order given, quote by quote', async () => {
    const tenant = await newTenant();
    const [buyer, overCapacity] = ['ORDER', 'ORDEROVER'].map(unique) as [string, string];
    await setExposure(tenant, buyer, 0);
    await setExposure(tenant, overCapacity, 10_000);
    // Types and data chosen so that no column sorts them into the given order by accident.
    const threeEvents = (write: NewQuoteWrite): NewQuoteWrite => ({
      ...write,
      events: ['zeta', 'alpha', 'mu'].map((type, step) => ({ type: `test.${type}`, entityType: 'quote', entityId: write.row.id, data: { step: 2 - step } })),
    });
    const offered = threeEvents(offer(tenant, buyer, 1_000, 10_000));
    const lost = threeEvents(offer(tenant, overCapacity, 1_000, 10_000));
    const referred = threeEvents(referral(tenant, buyer));
    expect(await writeNewQuotes(db(), [offered, lost, referred])).toEqual(['written', 'lost', 'written']);

    const stored = await eventsOf(tenant.id, [offered.row.id, lost.row.id, referred.row.id]);
    expect(stored.map((event) => [event.entityId, event.type])).toEqual([
      [offered.row.id, 'test.zeta'], [offered.row.id, 'test.alpha'], [offered.row.id, 'test.mu'],
      [referred.row.id, 'test.zeta'], [referred.row.id, 'test.alpha'], [referred.row.id, 'test.mu'],
    ]);
    await expectWritten(offered);
    await expectWritten(referred);
  });

  it('lets concurrent batches on one buyer hold exactly what their written quotes hold, never above capacity', async () => {
    const tenant = await newTenant();
    const buyer = unique('RACE');
    await setExposure(tenant, buyer, 0);
    // Capacity for three of the twelve offers, each sent as its own batch at the same time.
    const writes = Array.from({ length: 12 }, () => offer(tenant, buyer, 1_000, 3_000));
    const outcomes = (await Promise.all(writes.map((write) => writeNewQuotes(db(), [write])))).flat();

    const written = writes.filter((_, index) => outcomes[index] === 'written');
    expect(outcomes.every((outcome) => outcome === 'written' || outcome === 'lost')).toBe(true);
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeLessThanOrEqual(3);
    expect(await exposureOf(tenant, buyer)).toEqual({ exposure: 1_000 * written.length, openClaims: 0 });
    expect(await quoteIdsOf(tenant)).toEqual(written.map((write) => write.row.id).sort());
  });
});

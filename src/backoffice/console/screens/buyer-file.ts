// The buyer file: the whole picture of one buyer in one place, across every customer of the tenant. Identity and
// rating (now, and as each cover application found it), exposure against capacity, credit limits and single-invoice
// covers, decisions, cases with their recoveries, and one timeline of it all.
import { z } from 'zod';
import { caseIdOf, casesOnBuyer, recoveriesOnCases } from '../../../cases/api.js';
import { buyerIdsWithLiveCover, coversOnBuyer } from '../../../cover/api.js';
import { insuranceContext, quotesOnBuyer } from '../../../insurance/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import {
  bookFor, buyersByNumber, capacityFor, findBuyerNumber, findRegisteredBuyer, normaliseRegistryId, readExposure, remainingCapacity,
} from '../../../risk/api.js';
import { CONSOLE_PREFIX, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant, money } from '../format.js';
import { buyerHref } from './queues.js';

const ROLES = ['underwriter', 'claims_handler', 'collections_manager'] as const;
const ROWS = 200;

const TEXTS = {
  en: {
    title: 'Buyers', fileTitle: 'Buyer file', intro: 'Find a buyer by its country and registry number, or open one the tenant covers.',
    country: 'Country (ISO, e.g. SE)', identifier: 'Registry number', find: 'Open the buyer file', covered: 'Buyers with live cover',
    noneCovered: 'No buyer has live cover yet. Customers apply for credit limits through the Cover API; referred applications wait in the work queues.',
    invalid: 'That is not a valid registry number for the country.', unknown: 'No registered buyer has this number, and the tenant has nothing on it.',
    identity: 'Identity', name: 'Name', rating: 'Rating', ratingUpdated: 'Rating last written', ratingHistory: 'Rating history (as each application found it)',
    risk: 'Exposure and capacity', capacity: 'Capacity', exposure: 'Insured exposure', available: 'Available', openClaims: 'Open claims', bookNote: 'Amounts in the book\'s base currency, across all customers of the book.',
    limits: 'Credit limits', noLimits: 'No credit limit on this buyer.', cover: 'Cover', customer: 'Customer / policy', type: 'Type', status: 'Status', requested: 'Requested', granted: 'Granted', decision: 'Decision', applied: 'Applied', decided: 'Decided',
    quotes: 'Single-invoice covers', noQuotes: 'No single-invoice cover on this buyer.', invoice: 'Invoice', seller: 'Seller', premium: 'Premium', created: 'Created',
    cases: 'Cases', noCases: 'No non-payment case on this buyer.', caseId: 'Case', outstanding: 'Outstanding', claim: 'Claim',
    recoveries: 'Recoveries', noRecoveries: 'Nothing recovered yet.', amount: 'Amount', insurerShare: 'Insurer\'s share', recorded: 'Recorded',
    timeline: 'Timeline', at: 'When', what: 'What',
  },
  sv: {
    title: 'Köpare', fileTitle: 'Köparakt', intro: 'Sök en köpare på land och organisationsnummer, eller öppna en som kunden har limit på.',
    country: 'Land (ISO, t.ex. SE)', identifier: 'Organisationsnummer', find: 'Öppna köparakten', covered: 'Köpare med gällande limit',
    noneCovered: 'Ingen köpare har gällande limit ännu. Kunderna ansöker om kreditlimiter genom Cover-API:t; hänskjutna ansökningar väntar i arbetsköerna.',
    invalid: 'Det är inte ett giltigt organisationsnummer för landet.', unknown: 'Ingen registrerad köpare har numret, och kunden har inget på den.',
    identity: 'Identitet', name: 'Namn', rating: 'Riskklass', ratingUpdated: 'Riskklass senast skriven', ratingHistory: 'Riskklasshistorik (vid varje ansökan)',
    risk: 'Exponering och utrymme', capacity: 'Utrymme', exposure: 'Försäkrad exponering', available: 'Tillgängligt', openClaims: 'Öppna skador', bookNote: 'Belopp i bokens basvaluta, över alla bokens kunder.',
    limits: 'Kreditlimiter', noLimits: 'Ingen kreditlimit på köparen.', cover: 'Limit', customer: 'Kund / försäkring', type: 'Typ', status: 'Status', requested: 'Sökt', granted: 'Beviljat', decision: 'Beslut', applied: 'Ansökt', decided: 'Beslutat',
    quotes: 'Fakturaförsäkringar', noQuotes: 'Ingen fakturaförsäkring på köparen.', invoice: 'Faktura', seller: 'Säljare', premium: 'Premie', created: 'Skapad',
    cases: 'Ärenden', noCases: 'Inget ärende om utebliven betalning på köparen.', caseId: 'Ärende', outstanding: 'Utestående', claim: 'Skada',
    recoveries: 'Återvunnet', noRecoveries: 'Inget återvunnet ännu.', amount: 'Belopp', insurerShare: 'Försäkringsgivarens andel', recorded: 'Registrerat',
    timeline: 'Tidslinje', at: 'När', what: 'Vad',
  },
};

const searchQuery = z.object({ country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/), identifier: z.string().trim().min(1).max(64) });

async function renderSearch(ctx: ScreenContext) {
  const b = TEXTS[ctx.language];
  const query = ctx.request.query as Record<string, unknown>;
  if (query.country !== undefined || query.identifier !== undefined) {
    const parsed = searchQuery.safeParse(query);
    const normalised = parsed.success ? normaliseRegistryId(parsed.data.country, parsed.data.identifier) : undefined;
    if (parsed.success && normalised?.ok) {
      ctx.reply.code(303).header('location', buyerHref(parsed.data.country, normalised.value.registryId));
      return { status: 303, title: b.title, body: '' };
    }
    return { status: 400, title: b.title, body: ctx.render('buyers', { b, covered: [], error: b.invalid, query }) };
  }
  const ids = await buyerIdsWithLiveCover(ctx.db, ctx.actor.tenant.id, undefined);
  const buyers = await buyersByNumber(ctx.db, ids.slice(0, ROWS));
  const covered = buyers.map((buyer) => ({ ...buyer, href: buyerHref(buyer.country, buyer.registryId) }));
  return { title: b.title, body: ctx.render('buyers', { b, covered, query: {} }) };
}

async function renderFile(ctx: ScreenContext, policy: ReturnType<typeof insuranceContext>['config']['underwriting']) {
  const b = TEXTS[ctx.language];
  const params = ctx.request.params as { country: string; identifier: string };
  const country = params.country.toUpperCase();
  const normalised = /^[A-Z]{2}$/.test(country) ? normaliseRegistryId(country, params.identifier.slice(0, 64)) : undefined;
  if (!normalised?.ok) return { status: 404, title: b.fileTitle, body: `<h1>${b.fileTitle}</h1><p class="empty">${b.invalid}</p>` };
  const { registryId } = normalised.value;
  const tenantId = ctx.actor.tenant.id;
  const [buyer, buyerId, exposure, quotes] = await Promise.all([
    findRegisteredBuyer(ctx.db, country, registryId), findBuyerNumber(ctx.db, country, registryId),
    readExposure(ctx.db, bookFor(ctx.actor.tenant), country, registryId), quotesOnBuyer(ctx.db, tenantId, country, registryId, ROWS),
  ]);
  const [covers, cases] = buyerId === null ? [[], []] : await Promise.all([coversOnBuyer(ctx.db, tenantId, buyerId, ROWS), casesOnBuyer(ctx.db, tenantId, buyerId, ROWS)]);
  if (!buyer && quotes.length === 0 && covers.length === 0) return { status: 404, title: b.fileTitle, body: `<h1>${b.fileTitle}</h1><p class="empty">${b.unknown}</p>` };
  const recoveries = await recoveriesOnCases(ctx.db, tenantId, cases.map((row) => row.caseNumber));
  await recordStaffRead(ctx.request, { entityType: 'buyer', entityIds: [`${country}:${registryId}`] });

  const rating = buyer?.rating ?? policy.unratedBuyerRating;
  const capacity = capacityFor(rating, policy.capacity);
  const base = policy.capacity.baseCurrency;
  const caseIds = new Map(cases.map((row) => [row.caseNumber, caseIdOf(row.caseNumber)]));
  const currencies = new Map(cases.map((row) => [row.caseNumber, row.currency]));
  const view = {
    country, registryId, name: buyer?.name ?? `${country} ${registryId}`, rating, registered: buyer !== null,
    risk: { capacity: money(capacity, base), exposure: money(exposure.exposure, base), available: money(remainingCapacity(capacity, exposure.exposure), base), openClaims: exposure.openClaims },
    ratingHistory: covers.map((row) => ({ at: instant(row.applicationDate), rating: row.buyerRatingAtApplication })).reverse(),
    covers: covers.map((row) => ({
      coverId: row.coverId, customer: `${row.customerId} / ${row.policyId}`, type: row.coverType, status: row.historicCode ?? row.pendingProcess ?? row.coverStatus,
      requested: money(row.requestedAmount, row.currency), granted: money(row.firstAmount + row.secondAmount, row.currency), decision: row.decisionCode ?? '',
      applied: instant(row.applicationDate), decided: instant(row.decisionDate),
    })),
    quotes: quotes.map((row) => ({
      id: row.id, product: row.product, invoice: `${row.invoiceReference} · ${money(row.invoiceAmount, row.invoiceCurrency)}`, seller: `${row.sellerCountry} ${row.sellerIdentifier}`,
      status: row.status, premium: money(row.suggestedPremium, row.invoiceCurrency), created: instant(row.createdAt),
    })),
    cases: cases.map((row) => ({
      caseId: caseIds.get(row.caseNumber)!, href: `${CONSOLE_PREFIX}/cases/${caseIds.get(row.caseNumber)}`, type: row.caseType, status: row.caseStatus,
      claim: row.claimStatus ?? '', outstanding: money(row.outstandingAmount, row.currency), created: instant(row.createdAt),
    })),
    recoveries: recoveries.map((row) => {
      const currency = currencies.get(row.caseNumber) ?? base;
      return { caseId: caseIds.get(row.caseNumber) ?? '', amount: money(row.amount, currency), insurerShare: money(row.insurerShare, currency), recorded: instant(row.recordedAt) };
    }),
    timeline: timelineOf(b, covers, quotes, cases),
  };
  return { title: `${b.fileTitle}: ${view.name}`, body: ctx.render('buyer', { b, v: view }) };
}

type Covers = Awaited<ReturnType<typeof coversOnBuyer>>;
type Quotes = Awaited<ReturnType<typeof quotesOnBuyer>>;
type Cases = Awaited<ReturnType<typeof casesOnBuyer>>;

/** One time line, newest first: applications and decisions, quotes and claims, cases opened and closed. */
function timelineOf(b: (typeof TEXTS)['en'], covers: Covers, quotes: Quotes, cases: Cases) {
  const entries: { at: Date; what: string }[] = [];
  for (const row of covers) {
    entries.push({ at: row.applicationDate, what: `${b.cover} ${row.coverId}: ${b.applied} ${money(row.requestedAmount, row.currency)} (${row.customerId} / ${row.policyId})` });
    if (row.decisionDate) entries.push({ at: row.decisionDate, what: `${b.cover} ${row.coverId}: ${b.decided} ${row.decisionCode ?? ''}, ${money(row.firstAmount + row.secondAmount, row.currency)}` });
    if (row.endedAt) entries.push({ at: row.endedAt, what: `${b.cover} ${row.coverId}: ${row.historicCode ?? ''}` });
  }
  for (const row of quotes) {
    entries.push({ at: row.createdAt, what: `${b.invoice} ${row.invoiceReference} (${row.product}): ${money(row.invoiceAmount, row.invoiceCurrency)}` });
    if (row.claimedAt) entries.push({ at: row.claimedAt, what: `${b.invoice} ${row.invoiceReference}: ${b.claim} (${row.claimKind ?? ''})` });
  }
  for (const row of cases) entries.push({ at: row.createdAt, what: `${b.caseId} ${caseIdOf(row.caseNumber)} (${row.caseType})` });
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, ROWS).map((entry) => ({ at: instant(entry.at), what: entry.what }));
}

export function buyerScreens(consoleScope: ConsoleScope): void {
  const policy = insuranceContext(consoleScope.scope.platform).config.underwriting;
  consoleScope.screen({ path: '/buyers', roles: ROLES, render: renderSearch });
  consoleScope.screen({ path: '/buyers/:country/:identifier', roles: ROLES, render: (ctx) => renderFile(ctx, policy) });
}

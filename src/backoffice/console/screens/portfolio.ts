// The cover portfolio for underwriters: the tenant's customers and their policies, and one policy's live credit
// limits with the total granted, each buyer linking to its buyer file.
import { buyersOfCovers, coverGrantedTotals, findCoverPolicy, listCoverVersions, listCustomersWithPolicies } from '../../../cover/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import { CONSOLE_PREFIX, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant, money } from '../format.js';
import { buyerHref } from './queues.js';

const ROLES = ['underwriter'] as const;
/** Limits per page of a policy: a policy may hold 100,000 of them. */
const PAGE_SIZE = 50;

const TEXTS = {
  en: {
    title: 'Cover portfolio', intro: 'The tenant\'s customers and their policies. Open a policy to see its credit limits.',
    empty: 'No customer yet. Create one with `tradecredit customer create` or POST /backoffice/v1/cover/customers, then a policy for it.',
    customer: 'Customer', policy: 'Policy', status: 'Status', currency: 'Currency', period: 'Period', noPolicies: 'No policy yet.',
    policyTitle: 'Policy', notFound: 'There is no such policy in this tenant.', limits: 'Live credit limits', noLimits: 'No live credit limit on this policy: the customer applies through the Cover API.',
    buyer: 'Buyer', cover: 'Cover', decision: 'Decision', granted: 'Granted', decided: 'Decided', total: 'Total granted',
    range: (first: number, last: number, of: number) => `${first}–${last} of ${of}`, pastLast: 'This page is past the last limit of the policy.', pages: 'Pages of limits', previous: 'Previous', next: 'Next',
  },
  sv: {
    title: 'Limitportfölj', intro: 'Kundens kunder och deras försäkringar. Öppna en försäkring för att se dess kreditlimiter.',
    empty: 'Inga kunder ännu. Skapa en med `tradecredit customer create` eller POST /backoffice/v1/cover/customers och sedan en försäkring.',
    customer: 'Kund', policy: 'Försäkring', status: 'Status', currency: 'Valuta', period: 'Period', noPolicies: 'Ingen försäkring ännu.',
    policyTitle: 'Försäkring', notFound: 'Försäkringen finns inte hos kunden.', limits: 'Gällande kreditlimiter', noLimits: 'Ingen gällande kreditlimit på försäkringen: kunden ansöker genom Cover-API:t.',
    buyer: 'Köpare', cover: 'Limit', decision: 'Beslut', granted: 'Beviljat', decided: 'Beslutat', total: 'Totalt beviljat',
    range: (first: number, last: number, of: number) => `${first}–${last} av ${of}`, pastLast: 'Sidan ligger efter försäkringens sista limit.', pages: 'Sidor med limiter', previous: 'Föregående', next: 'Nästa',
  },
};

async function renderCustomers(ctx: ScreenContext) {
  const p = TEXTS[ctx.language];
  const customers = (await listCustomersWithPolicies(ctx.db, ctx.actor.tenant.id)).map(({ customer, policies }) => ({
    id: customer.customerId, name: customer.name,
    policies: policies.map((policy) => ({ ...policy, href: `${CONSOLE_PREFIX}/portfolio/${policy.policyId}`, period: `${policy.startDate} – ${policy.expiryDate}` })),
  }));
  return { title: p.title, body: ctx.render('portfolio', { p, customers }) };
}

async function renderPolicy(ctx: ScreenContext) {
  const p = TEXTS[ctx.language];
  const { policyId } = ctx.request.params as { policyId: string };
  const id = /^\d{1,15}$/.test(policyId) ? Number(policyId) : null;
  const policy = id === null ? null : await findCoverPolicy(ctx.db, ctx.actor.tenant.id, id);
  if (!policy) return { status: 404, title: p.policyTitle, body: `<h1>${p.policyTitle}</h1><p class="empty">${p.notFound}</p>` };
  const page = pageNumber((ctx.request.query as { page?: unknown }).page);
  const filter = { tenantId: ctx.actor.tenant.id, listing: 'portfolio', policyId: policy.policyId } as const;
  const { rows, totalItems } = await listCoverVersions(ctx.db, { ...filter, page: { page, pageSize: PAGE_SIZE } });
  const buyers = await buyersOfCovers(ctx.db, rows);
  await recordStaffRead(ctx.request, { entityType: 'cover', entityIds: rows.map((row) => String(row.coverId)) });
  const totals = await coverGrantedTotals(ctx.db, filter);
  const limits = rows.map((row) => ({
    coverId: row.coverId, buyer: buyers.get(row.buyerId)?.name ?? `${row.buyerCountry} ${row.buyerRegistryId}`, href: buyerHref(row.buyerCountry, row.buyerRegistryId),
    status: row.pendingProcess ?? row.coverStatus, decision: row.decisionCode ?? '', granted: money(row.firstAmount + row.secondAmount, row.currency), decided: instant(row.decisionDate),
  }));
  const total = totalItems ?? rows.length;
  const first = (page - 1) * PAGE_SIZE + 1;
  const href = (n: number) => `${CONSOLE_PREFIX}/portfolio/${policy.policyId}?page=${n}`;
  return {
    title: `${p.policyTitle} ${policy.policyId}`,
    body: ctx.render('policy', {
      p, policy, limits, total,
      range: rows.length > 0 ? p.range(first, first + rows.length - 1, total) : '',
      previous: page > 1 ? href(Math.min(page - 1, Math.max(Math.ceil(total / PAGE_SIZE), 1))) : null,
      next: first + rows.length - 1 < total ? href(page + 1) : null,
      totals: totals.map(({ amount, currency }) => money(amount, currency)),
    }),
  };
}

/** `?page=N`: a whole number from 1; anything else is the first page. */
function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(page, 1);
}

export function portfolioScreens(consoleScope: ConsoleScope): void {
  consoleScope.screen({ path: '/portfolio', roles: ROLES, render: renderCustomers });
  consoleScope.screen({ path: '/portfolio/:policyId', roles: ROLES, render: renderPolicy });
}

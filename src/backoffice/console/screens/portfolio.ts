// The cover portfolio for underwriters: the tenant's customers and their policies, and one policy's live credit
// limits with the total granted, each buyer linking to its buyer file.
import { buyersOfCovers, findCoverPolicy, listCoverVersions, listCustomersWithPolicies } from '../../../cover/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import { CONSOLE_PREFIX, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant, money } from '../format.js';
import { buyerHref } from './queues.js';

const ROLES = ['underwriter'] as const;
const PAGE = 500;

const TEXTS = {
  en: {
    title: 'Cover portfolio', intro: 'The tenant\'s customers and their policies. Open a policy to see its credit limits.',
    empty: 'No customer yet. Create one with `tradecredit customer create` or POST /backoffice/v1/cover/customers, then a policy for it.',
    customer: 'Customer', policy: 'Policy', status: 'Status', currency: 'Currency', period: 'Period', noPolicies: 'No policy yet.',
    policyTitle: 'Policy', notFound: 'There is no such policy in this tenant.', limits: 'Live credit limits', noLimits: 'No live credit limit on this policy: the customer applies through the Cover API.',
    buyer: 'Buyer', cover: 'Cover', decision: 'Decision', granted: 'Granted', decided: 'Decided', total: 'Total granted', shown: 'shown, at most',
  },
  sv: {
    title: 'Limitportfölj', intro: 'Kundens kunder och deras försäkringar. Öppna en försäkring för att se dess kreditlimiter.',
    empty: 'Inga kunder ännu. Skapa en med `tradecredit customer create` eller POST /backoffice/v1/cover/customers och sedan en försäkring.',
    customer: 'Kund', policy: 'Försäkring', status: 'Status', currency: 'Valuta', period: 'Period', noPolicies: 'Ingen försäkring ännu.',
    policyTitle: 'Försäkring', notFound: 'Försäkringen finns inte hos kunden.', limits: 'Gällande kreditlimiter', noLimits: 'Ingen gällande kreditlimit på försäkringen: kunden ansöker genom Cover-API:t.',
    buyer: 'Köpare', cover: 'Limit', decision: 'Beslut', granted: 'Beviljat', decided: 'Beslutat', total: 'Totalt beviljat', shown: 'visas, högst',
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
  const { rows } = await listCoverVersions(ctx.db, { tenantId: ctx.actor.tenant.id, listing: 'portfolio', policyId: policy.policyId, page: { page: 1, pageSize: PAGE } });
  const buyers = await buyersOfCovers(ctx.db, rows);
  await recordStaffRead(ctx.request, { entityType: 'cover', entityIds: rows.map((row) => String(row.coverId)) });
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.firstAmount + row.secondAmount);
  const limits = rows.map((row) => ({
    coverId: row.coverId, buyer: buyers.get(row.buyerId)?.name ?? `${row.buyerCountry} ${row.buyerRegistryId}`, href: buyerHref(row.buyerCountry, row.buyerRegistryId),
    status: row.pendingProcess ?? row.coverStatus, decision: row.decisionCode ?? '', granted: money(row.firstAmount + row.secondAmount, row.currency), decided: instant(row.decisionDate),
  }));
  return {
    title: `${p.policyTitle} ${policy.policyId}`,
    body: ctx.render('policy', { p, policy, limits, page: PAGE, totals: [...totals].map(([currency, amount]) => money(amount, currency)) }),
  };
}

export function portfolioScreens(consoleScope: ConsoleScope): void {
  consoleScope.screen({ path: '/portfolio', roles: ROLES, render: renderCustomers });
  consoleScope.screen({ path: '/portfolio/:policyId', roles: ROLES, render: renderPolicy });
}

// Account and claim (servicing): find an account by its reference, then its debtors, its claims with their balances,
// the ledger in order, and per claim the collections run with its log and messages, landing-page visits, promises to
// pay, instalment plans and payments. Read-only: what staff change goes through the servicing and collections APIs.
import { z } from 'zod';
import { collectionsForStaff, type StaffCollectionsView } from '../../../collections/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import { accountForStaff, recentAccountsForStaff, type StaffAccountView } from '../../../servicing/api.js';
import { CONSOLE_PREFIX, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant, money } from '../format.js';

const ROLES = ['collections_manager', 'claims_handler'] as const;
const RECENT = 50;

const TEXTS = {
  en: {
    title: 'Accounts', fileTitle: 'Account', intro: 'Find a servicing account by its reference (the one the client sent with create_accounts).',
    reference: 'Account reference', find: 'Open the account', recent: 'Recently changed accounts', updated: 'Changed', currency: 'Currency',
    none: 'No account yet. Clients open accounts and their invoices through the Receeve API (create_accounts); each invoice becomes a claim that the tenant\'s collections strategy then runs.',
    invalid: 'Enter an account reference.', unknown: 'The tenant has no account with this reference.',
    debtors: 'Debtors', noDebtors: 'No debtor on this account.', debtor: 'Debtor', name: 'Name', contact: 'Contact',
    claims: 'Claims', noClaims: 'No claim on this account.', claim: 'Claim', status: 'Status', dueDate: 'Due', principal: 'Principal', fees: 'Fees', outstanding: 'Outstanding',
    ledger: 'Ledger', noLedger: 'The ledger is empty.', entry: 'Entry', type: 'Type', amount: 'Amount', target: 'Aims at', at: 'When',
    run: 'Collections run', noRun: 'No collections run on this claim.', strategy: 'Strategy', state: 'State', nextDue: 'Next due', started: 'Started',
    timeline: 'Timeline', noTimeline: 'Nothing happened on this claim yet.', what: 'What',
    messages: 'Messages', noMessages: 'No message sent on this claim.', channel: 'Channel', template: 'Template', recipient: 'Recipient',
    visits: 'Landing-page visits', noVisits: 'The debtor has not opened the landing page.', verified: 'Verified', unverified: 'Not verified',
    promises: 'Promises to pay', noPromises: 'No promise to pay on this claim.', resolved: 'Resolved', made: 'Made',
    plans: 'Instalment plans', noPlans: 'No instalment plan on this account.', standing: 'Standing',
    payments: 'Payments', noPayments: 'No payment on this claim.', prepared: 'Transfers prepared on the landing page', noPrepared: 'No transfer prepared on the landing page.',
    paymentReference: 'Payment reference',
  },
  sv: {
    title: 'Konton', fileTitle: 'Konto', intro: 'Sök ett reskontrakonto på dess referens (den kunden skickade med create_accounts).',
    reference: 'Kontoreferens', find: 'Öppna kontot', recent: 'Senast ändrade konton', updated: 'Ändrat', currency: 'Valuta',
    none: 'Inga konton ännu. Kunderna öppnar konton och fakturor genom Receeve-API:t (create_accounts); varje faktura blir en fordran som kundens inkassostrategi sedan driver.',
    invalid: 'Ange en kontoreferens.', unknown: 'Kunden har inget konto med den referensen.',
    debtors: 'Gäldenärer', noDebtors: 'Ingen gäldenär på kontot.', debtor: 'Gäldenär', name: 'Namn', contact: 'Kontakt',
    claims: 'Fordringar', noClaims: 'Ingen fordran på kontot.', claim: 'Fordran', status: 'Status', dueDate: 'Förfaller', principal: 'Kapital', fees: 'Avgifter', outstanding: 'Utestående',
    ledger: 'Reskontra', noLedger: 'Reskontran är tom.', entry: 'Post', type: 'Typ', amount: 'Belopp', target: 'Avser', at: 'När',
    run: 'Inkassoflöde', noRun: 'Inget inkassoflöde på fordran.', strategy: 'Strategi', state: 'Läge', nextDue: 'Nästa steg', started: 'Startat',
    timeline: 'Tidslinje', noTimeline: 'Inget har hänt på fordran ännu.', what: 'Vad',
    messages: 'Meddelanden', noMessages: 'Inget meddelande skickat på fordran.', channel: 'Kanal', template: 'Mall', recipient: 'Mottagare',
    visits: 'Besök på betalsidan', noVisits: 'Gäldenären har inte öppnat betalsidan.', verified: 'Verifierad', unverified: 'Ej verifierad',
    promises: 'Betalningslöften', noPromises: 'Inget betalningslöfte på fordran.', resolved: 'Avgjort', made: 'Lämnat',
    plans: 'Avbetalningsplaner', noPlans: 'Ingen avbetalningsplan på kontot.', standing: 'Skick',
    payments: 'Betalningar', noPayments: 'Ingen betalning på fordran.', prepared: 'Överföringar förberedda på betalsidan', noPrepared: 'Ingen överföring förberedd på betalsidan.',
    paymentReference: 'Betalningsreferens',
  },
};
type Texts = (typeof TEXTS)['en'];

export const accountHref = (accountReference: string): string => `${CONSOLE_PREFIX}/accounts/${encodeURIComponent(accountReference)}`;

const searchQuery = z.object({ reference: z.string().trim().min(1).max(256) });

async function renderSearch(ctx: ScreenContext) {
  const a = TEXTS[ctx.language];
  const query = ctx.request.query as Record<string, unknown>;
  if (query.reference !== undefined) {
    const parsed = searchQuery.safeParse(query);
    if (parsed.success) {
      ctx.reply.code(303).header('location', accountHref(parsed.data.reference));
      return { status: 303, title: a.title, body: '' };
    }
    return { status: 400, title: a.title, body: ctx.render('accounts', { a, recent: [], error: a.invalid }) };
  }
  const recent = (await recentAccountsForStaff(ctx.db, ctx.actor.tenant.id, RECENT))
    .map((row) => ({ reference: row.accountReference, href: accountHref(row.accountReference), currency: row.currency, updated: instant(row.updatedAt) }));
  return { title: a.title, body: ctx.render('accounts', { a, recent }) };
}

async function renderAccount(ctx: ScreenContext) {
  const a = TEXTS[ctx.language];
  const { accountReference } = ctx.request.params as { accountReference: string };
  const tenantId = ctx.actor.tenant.id;
  const account = accountReference.length > 256 ? undefined : await accountForStaff(ctx.db, tenantId, accountReference);
  if (!account) return { status: 404, title: a.fileTitle, body: `<h1>${a.fileTitle}</h1><p class="empty">${a.unknown}</p>` };
  const collections = await collectionsForStaff(ctx.db, tenantId, accountReference, account.claims.map((claim) => claim.claimReference));
  await recordStaffRead(ctx.request, { entityType: 'account', entityIds: [accountReference] });
  const view = accountView(a, account, collections);
  return { title: `${a.fileTitle}: ${accountReference}`, body: ctx.render('account', { a, v: view }) };
}

function debtorView(debtor: Record<string, unknown>) {
  const contact = (debtor.contactInformation ?? {}) as Record<string, unknown>;
  const name = [debtor.firstName, debtor.lastName, debtor.companyName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  const reach = [contact.email, contact.mobileNumber, contact.country].filter((part) => typeof part === 'string' && part !== '').join(' · ');
  return { reference: String(debtor.debtorReference ?? ''), name, contact: reach };
}

/** What happened on one claim, oldest first: the run's decisions and actions, messages, visits, promises and payments. */
function timelineOf(a: Texts, claimReference: string, account: StaffAccountView, collections: StaffCollectionsView) {
  const of = <T extends { claimReference: string }>(rows: readonly T[]) => rows.filter((row) => row.claimReference === claimReference);
  const entries: { at: Date; what: string }[] = [];
  for (const event of of(collections.runEvents)) {
    const details = Object.entries(event.action ?? {}).filter(([key]) => key !== 'at' && key !== 'type').map(([key, value]) => `${key}=${String(value)}`).join(' ');
    entries.push({ at: event.at, what: [event.kind, event.stepId, event.reason, details].filter(Boolean).join(' · ') });
  }
  for (const visit of of(collections.visits)) entries.push({ at: visit.visitedAt, what: `${a.visits}: ${visit.verified ? a.verified : a.unverified}` });
  for (const promise of of(collections.promises)) entries.push({ at: promise.createdAt, what: `${a.promises}: ${money(promise.amount, promise.currency)} ${a.dueDate} ${promise.dueDate} (${promise.status})` });
  for (const payment of paymentsOf(account, claimReference)) entries.push({ at: payment.createdAt, what: `${a.payments}: ${payment.ledgerEntryReference} ${money(payment.amount, account.currency)}` });
  return entries.sort((x, y) => x.at.getTime() - y.at.getTime()).map((entry) => ({ at: instant(entry.at), what: entry.what }));
}

function paymentsOf(account: StaffAccountView, claimReference: string) {
  return account.ledger.filter((entry) => entry.type === 'PAYMENT' && entry.target === claimReference);
}

function accountView(a: Texts, account: StaffAccountView, collections: StaffCollectionsView) {
  const currency = account.currency;
  const claims = account.claims.map((claim) => {
    const of = <T extends { claimReference: string }>(rows: readonly T[]) => rows.filter((row) => row.claimReference === claimReference);
    const { claimReference } = claim;
    return {
      reference: claimReference, anchor: `claim-${claimReference.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      status: claim.resolutionReason ? `${claim.status} (${claim.resolutionReason})` : claim.status, dueDate: claim.currentDueDate,
      principal: money(claim.amount, claim.currency), fees: money(claim.totalFees, claim.currency), outstanding: money(claim.outstanding, claim.currency),
      runs: of(collections.runs).map((run) => ({
        runNo: run.runNo, strategy: `${run.strategyKey} v${run.strategyVersion}`, state: run.stopReason ? `${run.state} (${run.stopReason})` : run.state,
        nextDue: instant(run.dueAt), started: instant(run.createdAt),
      })),
      messages: of(collections.messages).map((message) => ({
        channel: message.channel, template: `${message.templateId} v${message.templateVersion} (${message.language})`,
        status: message.failure ? `${message.status}: ${message.failure}` : message.status, recipient: message.recipient, at: instant(message.createdAt),
      })),
      visits: of(collections.visits).map((visit) => ({ at: instant(visit.visitedAt), verified: visit.verified ? a.verified : a.unverified })),
      promises: of(collections.promises).map((promise) => ({
        amount: money(promise.amount, promise.currency), dueDate: promise.dueDate, status: promise.status, made: instant(promise.createdAt), resolved: instant(promise.resolvedAt),
      })),
      payments: paymentsOf(account, claimReference).map((entry) => ({ reference: entry.ledgerEntryReference, amount: money(entry.amount, currency), at: instant(entry.createdAt) })),
      timeline: timelineOf(a, claimReference, account, collections),
    };
  });
  return {
    reference: account.accountReference, currency, paymentReference: account.paymentReference ?? '', portfolioReference: account.portfolioReference ?? '',
    debtors: account.debtors.map(debtorView), claims,
    ledger: account.ledger.map((entry) => ({ reference: entry.ledgerEntryReference, type: entry.type, amount: money(entry.amount, currency), target: entry.target ?? '', at: instant(entry.createdAt) })),
    plans: collections.instalmentPlans.map((plan) => ({ id: plan.id, claims: plan.claimReferences.join(', '), status: plan.status, standing: plan.standing, made: instant(plan.createdAt) })),
    prepared: collections.preparedTransfers.map((transfer) => ({
      reference: transfer.reference, claims: transfer.claimReferences.join(', '), amount: money(transfer.amount, transfer.currency), made: instant(transfer.createdAt),
    })),
  };
}

export function accountScreens(consoleScope: ConsoleScope): void {
  consoleScope.screen({ path: '/accounts', roles: ROLES, render: renderSearch });
  consoleScope.screen({ path: '/accounts/:accountReference', roles: ROLES, render: renderAccount });
}

// Work queues: what waits for a person, longest wait first, each against its deadline. Underwriters decide referred
// cover applications and referred Credable quotes here, through the same use cases as the back-office API; claims
// handlers see claims waiting on a case (decided in the case file) and pending Credable claims (decided here).
import { z } from 'zod';
import { claimCaseOfQuote, claimsQueue, quotesWithClaimCase } from '../../../cases/api.js';
import {
  type CoverError, buyersOfCovers, coverContext, decideCoverReferral, findCoverVersion, pendingInsurerNotices, referredCoverApplications,
} from '../../../cover/api.js';
import { decideClaim, decideReferral, insuranceContext, isInsuranceFailure, listPendingClaims, listReferredQuotes } from '../../../insurance/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import { MoneyError, parseDecimalAmount } from '../../../platform/money.js';
import { CONSOLE_PREFIX, ConsoleRefusal, type ConsoleScope, mayUse, type ScreenContext } from '../console-kit.js';
import { money, waitOf } from '../format.js';

const QUEUE_LIMIT = 100;
const BACK = `${CONSOLE_PREFIX}/queues`;

const TEXTS = {
  en: {
    title: 'Work queues',
    intro: 'Everything waiting for a decision, longest wait first. A deadline in red has passed.',
    coverReferrals: 'Referred cover applications',
    quotes: 'Referred Credable quotes',
    caseClaims: 'Claims and cases awaiting a decision',
    quoteClaims: 'Pending Credable claims',
    notices: 'Insurer reductions and withdrawals pending',
    emptyCover: 'No cover application waits for an underwriter. Applications above a policy\'s automatic limit, on a buyer with open claims or without capacity land here.',
    emptyQuotes: 'No Credable quote waits for an underwriter. A quote the automatic rules cannot decide lands here.',
    emptyCases: 'No claim waits for a person. When a customer files a claim on a non-payment case, it appears here.',
    emptyQuoteClaims: 'No Credable claim waits. Claims filed on a Credable quote appear here, or as a case above.',
    emptyNotices: 'No insurer reduction or withdrawal is scheduled. Give one on a cover through the back-office API.',
    buyer: 'Buyer', customer: 'Customer / policy', requested: 'Requested', reason: 'Reason', waited: 'Waited', deadline: 'Deadline', decide: 'Decision',
    invoice: 'Invoice', suggested: 'Suggested premium', caseId: 'Case', status: 'Status', amount: 'Claimed', claim: 'Claim', effective: 'Takes effect', newAmount: 'New amount', current: 'Current',
    decision: 'Decision', full: 'Approve in full (DC01)', partial: 'Approve in part (DC04)', refuse: 'Refuse (DC03)', drop: 'Drop the application (RCLA)',
    partialAmount: 'Amount for a partial approval', notes: 'Notes', save: 'Decide',
    offer: 'Offer', decline: 'Decline', premium: 'Premium (empty: suggested)', declineReason: 'Reason for declining', approve: 'Approve', reject: 'Reject', rejectReason: 'Reason (required to reject)',
    openCase: 'Open case file', openBuyer: 'Buyer file',
  },
  sv: {
    title: 'Arbetsköer',
    intro: 'Allt som väntar på beslut, längst väntan först. En tidsfrist i rött har passerats.',
    coverReferrals: 'Hänskjutna kreditlimitansökningar',
    quotes: 'Hänskjutna Credable-offerter',
    caseClaims: 'Skador och ärenden som väntar på beslut',
    quoteClaims: 'Väntande Credable-skador',
    notices: 'Väntande sänkningar och indragningar från försäkringsgivaren',
    emptyCover: 'Ingen ansökan väntar på en handläggare. Ansökningar över försäkringens automatiska gräns, på en köpare med öppna skador eller utan utrymme hamnar här.',
    emptyQuotes: 'Ingen Credable-offert väntar på en handläggare. En offert som de automatiska reglerna inte kan avgöra hamnar här.',
    emptyCases: 'Ingen skada väntar på en handläggare. När en kund anmäler en skada i ett ärende om utebliven betalning visas den här.',
    emptyQuoteClaims: 'Ingen Credable-skada väntar. Skador på en Credable-offert visas här eller som ett ärende ovan.',
    emptyNotices: 'Ingen sänkning eller indragning är planerad. Ge en på en limit genom backoffice-API:t.',
    buyer: 'Köpare', customer: 'Kund / försäkring', requested: 'Sökt', reason: 'Skäl', waited: 'Väntat', deadline: 'Tidsfrist', decide: 'Beslut',
    invoice: 'Faktura', suggested: 'Föreslagen premie', caseId: 'Ärende', status: 'Status', amount: 'Krävt', claim: 'Skada', effective: 'Gäller från', newAmount: 'Nytt belopp', current: 'Nuvarande',
    decision: 'Beslut', full: 'Bevilja helt (DC01)', partial: 'Bevilja delvis (DC04)', refuse: 'Avslå (DC03)', drop: 'Stäng ansökan (RCLA)',
    partialAmount: 'Belopp vid delvis beviljande', notes: 'Anteckningar', save: 'Besluta',
    offer: 'Erbjud', decline: 'Avslå', premium: 'Premie (tom: föreslagen)', declineReason: 'Skäl till avslag', approve: 'Godkänn', reject: 'Avslå', rejectReason: 'Skäl (krävs för avslag)',
    openCase: 'Öppna ärendeakten', openBuyer: 'Köparakt',
  },
};

const coverDecisionBody = z.object({
  decision: z.enum(['DC01', 'DC04', 'DC03', 'RCLA']),
  amount: z.string().trim().max(20).optional(),
  notes: z.string().trim().max(2000).optional(),
});
const quoteDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('offer'), premium: z.string().trim().max(20).optional() }),
  z.object({ decision: z.literal('decline'), reason: z.string().trim().min(1).max(2000) }),
]);
const quoteClaimBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), reason: z.string().trim().max(2000).optional() }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }),
]);

async function underwriterQueues(ctx: ScreenContext) {
  const tenantId = ctx.actor.tenant.id;
  const [covers, quotes, notices] = await Promise.all([
    referredCoverApplications(ctx.db, tenantId, QUEUE_LIMIT), listReferredQuotes(ctx.db, tenantId, QUEUE_LIMIT), pendingInsurerNotices(ctx.db, tenantId, QUEUE_LIMIT),
  ]);
  const buyers = await buyersOfCovers(ctx.db, [...covers, ...notices]);
  const buyerOf = (buyerId: number) => buyers.get(buyerId);
  return {
    covers: covers.map((row) => ({
      coverId: row.coverId, buyer: buyerOf(row.buyerId)?.name ?? `${row.buyerCountry} ${row.buyerRegistryId}`, buyerHref: buyerHref(row.buyerCountry, row.buyerRegistryId),
      customer: `${row.customerId} / ${row.policyId}`, requested: money(row.requestedAmount, row.currency), reason: row.referralReason ?? '',
      wait: waitOf(row.applicationDate, null, ctx.now, ctx.t, ctx.language),
    })),
    quotes: quotes.map((row) => ({
      id: row.id, buyer: `${row.buyerCountry} ${row.buyerIdentifier}`, buyerHref: buyerHref(row.buyerCountry, row.buyerIdentifier), product: row.product,
      invoice: `${row.invoiceReference} · ${money(row.invoiceAmount, row.invoiceCurrency)}`, suggested: money(row.suggestedPremium, row.invoiceCurrency),
      reason: row.underwritingRule ?? '', wait: waitOf(row.createdAt, row.deadlineAt, ctx.now, ctx.t, ctx.language),
    })),
    notices: notices.map((row) => ({
      coverId: row.coverId, buyer: buyerOf(row.buyerId)?.name ?? `${row.buyerCountry} ${row.buyerRegistryId}`, buyerHref: buyerHref(row.buyerCountry, row.buyerRegistryId),
      current: money(row.firstAmount + row.secondAmount, row.currency), newAmount: money(row.pendingAmount, row.currency), effective: row.pendingEffectiveDate ?? '',
      process: row.pendingProcess ?? '',
    })),
  };
}

async function claimQueues(ctx: ScreenContext) {
  const tenantId = ctx.actor.tenant.id;
  const [cases, quoteClaims] = await Promise.all([claimsQueue(ctx.db, tenantId, ctx.now, QUEUE_LIMIT), listPendingClaims(ctx.db, tenantId, QUEUE_LIMIT)]);
  const withCase = await quotesWithClaimCase(ctx.db, tenantId, quoteClaims.map((row) => row.id));
  const withoutCase = quoteClaims.filter((row) => !withCase.has(row.id));
  return {
    cases: cases.map((entry) => ({
      caseId: entry.caseId, href: `${CONSOLE_PREFIX}/cases/${entry.caseId}`, buyer: entry.row.buyerName ?? String(entry.row.buyerId), status: entry.row.claimStatus ?? '',
      amount: money(entry.row.claimAmount, entry.row.currency), wait: waitOf(entry.waitingSince, entry.deadline, ctx.now, ctx.t, ctx.language),
    })),
    quoteClaims: withoutCase.map((row) => ({
      id: row.id, buyer: `${row.buyerCountry} ${row.buyerIdentifier}`, buyerHref: buyerHref(row.buyerCountry, row.buyerIdentifier),
      invoice: `${row.invoiceReference} · ${money(row.invoiceAmount, row.invoiceCurrency)}`, claim: `${row.claimKind ?? ''} ${row.claimComment ?? ''}`.trim(),
      wait: waitOf(row.claimedAt ?? row.createdAt, row.deadlineAt, ctx.now, ctx.t, ctx.language),
    })),
  };
}

export function buyerHref(country: string, identifier: string): string {
  return `${CONSOLE_PREFIX}/buyers/${encodeURIComponent(country)}/${encodeURIComponent(identifier)}`;
}

const COVER_REFUSALS: Partial<Record<CoverError['code'], string>> = { COVER_NOT_FOUND: 'not_found', INVALID_STATE: 'invalid_state', CAPACITY_EXCEEDED: 'capacity_exhausted', INVALID_VALUE: 'invalid_amount' };

function insuranceRefusal(error: unknown): never {
  if (isInsuranceFailure(error)) {
    const kind = error.error.kind;
    throw new ConsoleRefusal(['not_found', 'not_referred', 'invalid_premium', 'capacity_exhausted', 'cannot_price'].includes(kind) ? kind : 'invalid_state', BACK);
  }
  throw error;
}

export function queueScreens(consoleScope: ConsoleScope): void {
  const platform = consoleScope.scope.platform;
  const insurance = insuranceContext(platform);
  const cover = coverContext(platform.config);

  consoleScope.screen({
    path: '/queues',
    roles: ['underwriter', 'claims_handler'],
    render: async (ctx) => {
      const q = TEXTS[ctx.language];
      const [underwriting, claims] = await Promise.all([
        mayUse(ctx.actor, ['underwriter']) ? underwriterQueues(ctx) : undefined,
        mayUse(ctx.actor, ['claims_handler']) ? claimQueues(ctx) : undefined,
      ]);
      await recordStaffRead(ctx.request,
        { entityType: 'quote', entityIds: [...(underwriting?.quotes ?? []), ...(claims?.quoteClaims ?? [])].map((item) => item.id) },
        { entityType: 'nonpayment_case', entityIds: (claims?.cases ?? []).map((item) => item.caseId) });
      return { title: q.title, body: ctx.render('queues', { q, underwriting, claims }) };
    },
  });

  consoleScope.action({
    path: '/queues/cover/:coverId/decision',
    roles: ['underwriter'],
    body: coverDecisionBody,
    perform: async (ctx, uow, body) => {
      const coverId = Number((ctx.request.params as { coverId: string }).coverId);
      const version = Number.isSafeInteger(coverId) ? await findCoverVersion(uow.tx, uow.tenant.id, coverId) : null;
      if (!version) throw new ConsoleRefusal('not_found', BACK);
      let firstAmount = version.requestedAmount;
      if (body.decision === 'DC04') {
        try {
          firstAmount = parseDecimalAmount(body.amount ?? '', version.currency);
        } catch (error) {
          if (error instanceof MoneyError) throw new ConsoleRefusal('invalid_amount', BACK);
          throw error;
        }
      }
      const result = await decideCoverReferral(uow, cover, coverId, {
        decision: body.decision, firstAmount, secondAmount: 0, secondExpiryDate: null, conditions: [], notes: body.notes || null,
      });
      if (!result.ok) throw new ConsoleRefusal(COVER_REFUSALS[result.error.code] ?? 'invalid_state', BACK);
      return { redirect: BACK, notice: body.decision === 'DC03' || body.decision === 'RCLA' ? 'declined' : 'offered' };
    },
  });

  consoleScope.action({
    path: '/queues/quotes/:id/decision',
    roles: ['underwriter'],
    body: quoteDecisionBody,
    perform: async (ctx, uow, body) => {
      const { id } = ctx.request.params as { id: string };
      const decision = body.decision === 'offer' ? { decision: 'offer' as const, ...(body.premium ? { premium: body.premium } : {}) } : body;
      await decideReferral(uow, id, decision, insurance).catch(insuranceRefusal);
      return { redirect: BACK, notice: body.decision === 'offer' ? 'offered' : 'declined' };
    },
  });

  consoleScope.action({
    path: '/queues/claims/:id/decision',
    roles: ['claims_handler'],
    body: quoteClaimBody,
    perform: async (ctx, uow, body) => {
      const { id } = ctx.request.params as { id: string };
      // A claim that opened a claim case is decided in the case file, as on the API.
      if ((await claimCaseOfQuote(uow.tx, uow.tenant.id, id)) !== null) throw new ConsoleRefusal('invalid_state', BACK);
      await decideClaim(uow, id, body, insurance).catch(insuranceRefusal);
      return { redirect: BACK, notice: body.decision === 'approve' ? 'claim_approved' : 'claim_declined' };
    },
  });
}


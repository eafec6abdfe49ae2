// The case file: one non-payment case with its claim, transactions, notes, letters (the stored PDF opens in the
// browser), indemnity calculation and history. Claims handlers take the claim's steps here through the same use
// cases as the back-office API: documents received, approve (amount) or decline (reason).
import { z } from 'zod';
import { type CaseDetails, type CaseError, caseDetails, caseLetter, casesContext, confirmDocuments, decideClaim, letterDocument, letterIdOf } from '../../../cases/api.js';
import { recordStaffRead } from '../../../platform/audit/staff-read.js';
import { MoneyError, parseDecimalAmount } from '../../../platform/money.js';
import { CONSOLE_PREFIX, ConsoleRefusal, type ConsoleScope, type ScreenContext } from '../console-kit.js';
import { instant, money } from '../format.js';

const CASE_ROLES = ['claims_handler'] as const;

const TEXTS = {
  en: {
    title: 'Case', notFound: 'There is no such case in this tenant. Find open cases in the work queues.',
    facts: 'Case', claim: 'Claim', type: 'Type', status: 'Status', claimStatus: 'Claim status', cause: 'Cause', buyer: 'Buyer', customer: 'Customer / policy',
    outstanding: 'Outstanding', claimed: 'Claimed', approved: 'Approved', dateOfLoss: 'Date of loss', documents: 'Documents', declineReason: 'Decline reason',
    actions: 'Decide the claim', documentsReceived: 'Documents received', approvedAmount: 'Approved amount (empty: the calculated indemnity)', approve: 'Approve', decline: 'Decline', reason: 'Reason for declining',
    noAction: 'The claim needs no decision in its current status.',
    transactions: 'Transactions', noTransactions: 'No transactions: the customer adds invoices, credit notes and payments through the Non-Payments API.',
    number: 'Number', date: 'Date', due: 'Due', gross: 'Gross', open: 'Outstanding', description: 'Description',
    notes: 'Notes', noNotes: 'No notes yet.', author: 'Author',
    letters: 'Letters', noLetters: 'No letters issued yet: they are issued as the case and its claim change.', letter: 'Letter', subject: 'Subject', issued: 'Issued', mailedTo: 'E-mailed to', openPdf: 'Open PDF',
    indemnity: 'Indemnity calculation', noIndemnity: 'The indemnity is calculated when the claim is approved.',
    insuredLoss: 'Insured loss', eligibleLoss: 'Eligible loss', limit: 'Limit in force', percentage: 'Insured percentage', indemnityAmount: 'Indemnity', retained: 'Retained by the insured',
    history: 'History', event: 'Event', from: 'From', to: 'To',
  },
  sv: {
    title: 'Ärende', notFound: 'Ärendet finns inte hos den här kunden. Öppna ärenden finns i arbetsköerna.',
    facts: 'Ärende', claim: 'Skada', type: 'Typ', status: 'Status', claimStatus: 'Skadestatus', cause: 'Orsak', buyer: 'Köpare', customer: 'Kund / försäkring',
    outstanding: 'Utestående', claimed: 'Krävt', approved: 'Godkänt', dateOfLoss: 'Skadedag', documents: 'Handlingar', declineReason: 'Skäl till avslag',
    actions: 'Besluta om skadan', documentsReceived: 'Handlingar mottagna', approvedAmount: 'Godkänt belopp (tomt: den beräknade ersättningen)', approve: 'Godkänn', decline: 'Avslå', reason: 'Skäl till avslag',
    noAction: 'Skadan behöver inget beslut i sin nuvarande status.',
    transactions: 'Transaktioner', noTransactions: 'Inga transaktioner: kunden lägger till fakturor, kreditnotor och betalningar genom Non-Payments-API:t.',
    number: 'Nummer', date: 'Datum', due: 'Förfaller', gross: 'Brutto', open: 'Utestående', description: 'Beskrivning',
    notes: 'Anteckningar', noNotes: 'Inga anteckningar ännu.', author: 'Författare',
    letters: 'Brev', noLetters: 'Inga brev ännu: de skickas när ärendet och skadan ändras.', letter: 'Brev', subject: 'Ämne', issued: 'Utfärdat', mailedTo: 'E-postat till', openPdf: 'Öppna PDF',
    indemnity: 'Ersättningsberäkning', noIndemnity: 'Ersättningen beräknas när skadan godkänns.',
    insuredLoss: 'Försäkrad förlust', eligibleLoss: 'Ersättningsgrundande förlust', limit: 'Gällande limit', percentage: 'Försäkrad andel', indemnityAmount: 'Ersättning', retained: 'Självbehåll',
    history: 'Historik', event: 'Händelse', from: 'Från', to: 'Till',
  },
};

const decisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), approvedAmount: z.string().trim().max(20).optional() }),
  z.object({ decision: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
]);

function caseRefusal(error: CaseError, back: string): ConsoleRefusal {
  const notice = error.code === 'CASE_NOT_FOUND' ? 'not_found' : error.code === 'INVALID_AMOUNT' || error.code === 'INVALID_VALUE' ? 'invalid_amount' : 'invalid_state';
  return new ConsoleRefusal(notice, back);
}

const INDEMNITY_FIELDS = [['eligibleLoss', 'eligibleLoss'], ['limitInForce', 'limit'], ['insuredLoss', 'insuredLoss'], ['indemnityAmount', 'indemnityAmount'], ['retainedByInsured', 'retained']] as const;

function caseView(details: CaseDetails, caseId: string) {
  const { row } = details;
  const amount = (minor: number | null) => money(minor, row.currency);
  const calculation = row.indemnityCalculation as Record<string, unknown> | null;
  return {
    caseId, row, amount,
        indemnity: calculation
      ? { percentage: String(calculation.insuredPercentage ?? ''), lines: INDEMNITY_FIELDS.map(([field, label]) => ({ label, value: amount(typeof calculation[field] === 'number' ? calculation[field] : null) })) }
      : null,
    transactions: details.transactions.map((t) => ({ ...t, gross: amount(t.grossAmount), open: amount(t.outstandingAmount) })),
    notes: details.notes.map((n) => ({ ...n, at: instant(n.createdAt) })),
    letters: details.letters.map((l) => ({ id: letterIdOf(l.letterNumber), type: l.letterType, subject: l.subject, issued: instant(l.issuedAt), mailedTo: l.mailedTo ?? '', href: `${CONSOLE_PREFIX}/cases/${caseId}/letters/${letterIdOf(l.letterNumber)}.pdf` })),
    events: details.events.map((e) => ({ type: e.eventType, from: e.fromStatus ?? '', to: e.toStatus ?? '', at: instant(e.at) })),
  };
}

async function renderCase(ctx: ScreenContext) {
  const c = TEXTS[ctx.language];
  const { caseId } = ctx.request.params as { caseId: string };
  const found = await caseDetails(ctx.db, ctx.actor.tenant.id, caseId.slice(0, 40));
  if (!found.ok) return { status: 404, title: c.title, body: `<h1>${c.title}</h1><p class="empty">${c.notFound}</p>` };
  await recordStaffRead(ctx.request, { entityType: 'nonpayment_case', entityIds: [caseId] });
  return { title: `${c.title} ${caseId}`, body: ctx.render('case', { c, v: caseView(found.value, caseId) }) };
}

export function caseScreens(consoleScope: ConsoleScope): void {
  const cases = casesContext(consoleScope.scope.platform);
  const back = (caseId: string) => `${CONSOLE_PREFIX}/cases/${encodeURIComponent(caseId)}`;

  consoleScope.screen({ path: '/cases/:caseId', roles: CASE_ROLES, render: renderCase });

  consoleScope.scope.get('/cases/:caseId/letters/:file', consoleScope.guard(CASE_ROLES), async (request, reply) => {
    const { caseId, file } = request.params as { caseId: string; file: string };
    const letterId = file.endsWith('.pdf') ? file.slice(0, -4) : file;
    const found = await caseLetter(request.server.platform.db, request.consoleSession!.actor.tenant.id, caseId.slice(0, 40), letterId.slice(0, 40));
    if (!found.ok) return reply.callNotFound();
    await recordStaffRead(request, { entityType: 'nonpayment_letter', entityIds: [letterId] });
    const document = await letterDocument(found.value);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${letterId}.pdf"`).header('cache-control', 'no-store')
      .send(document.pdf);
  });

  consoleScope.action({
    path: '/cases/:caseId/documents-received',
    roles: CASE_ROLES,
    perform: async (ctx, uow) => {
      const { caseId } = ctx.request.params as { caseId: string };
      const result = await confirmDocuments(uow, cases, caseId);
      if (!result.ok) throw caseRefusal(result.error, back(caseId));
      return { redirect: back(caseId), notice: 'documents_received' };
    },
  });

  consoleScope.action({
    path: '/cases/:caseId/decision',
    roles: CASE_ROLES,
    body: decisionBody,
    perform: async (ctx, uow, body) => {
      const { caseId } = ctx.request.params as { caseId: string };
      const found = await caseDetails(uow.tx, uow.tenant.id, caseId);
      if (!found.ok) throw caseRefusal(found.error, back(caseId));
      const decision = body.decision === 'decline'
        ? { outcome: 'DECLINED' as const, reason: body.reason }
        : { outcome: 'APPROVED' as const, approvedAmount: body.approvedAmount ? approvedMinorUnits(body.approvedAmount, found.value.row.currency, back(caseId)) : undefined };
      const result = await decideClaim(uow, cases, caseId, decision);
      if (!result.ok) throw caseRefusal(result.error, back(caseId));
      return { redirect: back(caseId), notice: body.decision === 'approve' ? 'claim_approved' : 'claim_declined' };
    },
  });
}

function approvedMinorUnits(amount: string, currency: string, back: string): number {
  try {
    return parseDecimalAmount(amount, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw new ConsoleRefusal('invalid_amount', back);
    throw error;
  }
}

import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDecimalAmount } from '../../platform/money.js';
import { FileTooLargeError, type FileStore, type StoredBlob } from '../../platform/files/file-store.js';
import type { ClaimBalance } from '../../servicing/api.js';
import { formatDate, formatMoney } from '../communications/format.js';
import { debtorName } from '../communications/recipient.js';
import type { Language } from '../communications/language.js';
import { ACTION_TEXTS, type ActionTexts } from '../landing/action-texts.js';
import { isValidCsrfToken } from '../landing/csrf.js';
import { agreementDocument } from '../landing/agreement.js';
import { agreementPdf, statementCsv, statementPdf, type StatementRow } from '../landing/documents.js';
import { landingLanguage } from '../landing/language.js';
import { PAYMENT_TEXTS } from '../landing/payment-texts.js';
import { LANDING_TEXTS } from '../landing/texts.js';
import { pageFrame } from '../landing/view.js';
import { disputeOnPage, MAX_DISPUTE_REASON_CHARS, type PageDisputeInput } from '../use-cases/landing/dispute-on-page.js';
import { acceptPlanOnPage, planOfPage, planOptionsOnPage, previewPlanOnPage, type PlanOption } from '../use-cases/landing/plan-on-page.js';
import { promiseOnPage, promiseTermsOnPage, type PromiseTerms } from '../use-cases/landing/promise-on-page.js';
import { readVerifiedAccount, type LandingAccount } from '../use-cases/landing/read-landing-account.js';
import { setUpMandateOnPage } from '../use-cases/landing/set-up-mandate-on-page.js';
import {
  backToPage, checkedPost, csrfOf, formFields, isSameOrigin, type LandingRequest, landingRequest, notice, renderPage, sendDocument, sessionCookie,
} from './landing-http.js';

/*
 * What the debtor can do on the page besides a bank transfer: a direct-debit mandate, a promise to pay, an
 * instalment plan (schedule shown before accepting, agreement as PDF), a dispute with a document (multipart,
 * streamed into the file store), and the statement as CSV and PDF. Each is a plain form that works without
 * JavaScript, posts the session's CSRF token, and calls the same use case as the API operation.
 */

export interface LandingUploads {
  files: FileStore;
  maxFileBytes: number;
  allowedContentTypes: readonly string[];
}

type Field =
  | { kind: 'text' | 'date' | 'file'; name: string; label: string; hint?: string; error?: string; value?: string; autocomplete?: string; inputmode?: string; accept?: string; min?: string; max?: string }
  | { kind: 'select'; name: string; label: string; hint?: string; error?: string; value?: string; options: { value: string; label: string }[] }
  | { kind: 'textarea'; name: string; label: string; hint?: string; error?: string; value?: string; maxLength: number }
  | { kind: 'checkbox'; name: string; label: string; hint?: string; error?: string; value?: boolean };

interface FormPage {
  heading: string;
  intro: string;
  action: string;
  submit: string;
  fields: Field[];
  error?: string | null;
  multipart?: boolean;
}

function renderForm(reply: FastifyReply, status: number, request: FastifyRequest, page: LandingRequest, lang: Language, form: FormPage): FastifyReply {
  return renderPage(reply, status, 'form', {
    frame: pageFrame(lang, form.heading, page.path), p: PAYMENT_TEXTS[lang], csrf: csrfOf(request), back: `${page.path}?lang=${lang}`,
    multipart: false, error: null, ...form,
  });
}

function renderDone(reply: FastifyReply, page: LandingRequest, lang: Language, message: string, download?: { href: string; label: string }): FastifyReply {
  const a = ACTION_TEXTS[lang];
  return renderPage(reply, 200, 'done', { frame: pageFrame(lang, a.doneHeading, page.path), a, p: PAYMENT_TEXTS[lang], message, download, back: `${page.path}?lang=${lang}` });
}

function claimOptions(claims: readonly ClaimBalance[], lang: Language, openOnly: boolean) {
  return claims.filter((claim) => !openOnly || (claim.status === 'ACTIVE' && claim.outstanding > 0)).map((claim) => ({
    value: claim.claimReference, label: `${claim.claimReference}: ${formatMoney(claim.outstanding, claim.currency, lang)}`,
  }));
}

// ---- forms -------------------------------------------------------------------------------------------------------

function mandateForm(a: ActionTexts, page: LandingRequest, values: Record<string, string>, errors: Partial<Record<string, string>> = {}): FormPage {
  return {
    heading: a.mandateHeading, intro: a.mandateIntro, action: `${page.path}/mandate`, submit: a.submitMandate, error: Object.keys(errors).length > 0 ? a.formError : null,
    fields: [
      { kind: 'text', name: 'holder', label: a.holderLabel, value: values.holder ?? '', autocomplete: 'name', error: errors.holder },
      { kind: 'text', name: 'iban', label: a.ibanLabel, hint: a.ibanHint, value: values.iban ?? '', autocomplete: 'off', error: errors.iban },
      { kind: 'checkbox', name: 'consent', label: a.consentLabel, value: values.consent === 'yes', error: errors.consent },
    ],
  };
}

function promiseForm(a: ActionTexts, lang: Language, page: LandingRequest, claims: readonly ClaimBalance[], terms: PromiseTerms, values: Record<string, string>, refused: boolean): FormPage {
  const currency = claims[0]?.currency ?? 'EUR';
  return {
    heading: a.promiseHeading, intro: a.promiseIntro, action: `${page.path}/promise`, submit: a.submitPromise, error: refused ? a.promiseRefused : null,
    fields: [
      { kind: 'select', name: 'claim', label: a.invoiceLabel, value: values.claim, options: claimOptions(claims, lang, true) },
      { kind: 'text', name: 'amount', label: a.amountLabel, hint: a.amountHint(formatMoney(terms.bounds.minimumAmount, currency, lang)), value: values.amount ?? '', inputmode: 'decimal', autocomplete: 'off' },
      { kind: 'date', name: 'date', label: a.dateLabel, hint: a.dateHint(formatDate(terms.latest, lang)), value: values.date ?? '', min: terms.today, max: terms.latest },
    ],
  };
}

function planLabel(option: PlanOption, lang: Language): string {
  const description = option.description[lang] ?? option.description.en ?? option.value;
  return option.choice === null ? description : `${description} (${option.choice})`;
}

function planForm(a: ActionTexts, lang: Language, page: LandingRequest, options: readonly PlanOption[], refused: boolean): FormPage {
  return {
    heading: a.planHeading, intro: options.length === 0 ? a.noPlans : a.planIntro, action: `${page.path}/plan`, submit: a.showSchedule, error: refused ? a.planRefused : null,
    fields: options.length === 0 ? [] : [{ kind: 'select', name: 'option', label: a.planLabel, options: options.map((option) => ({ value: option.value, label: planLabel(option, lang) })) }],
  };
}

function disputeForm(a: ActionTexts, lang: Language, page: LandingRequest, claims: readonly ClaimBalance[], uploads: LandingUploads, values: Record<string, string>, error?: 'reason' | 'file' | 'claim'): FormPage {
  return {
    heading: a.disputeHeading, intro: a.disputeIntro, action: `${page.path}/dispute`, submit: a.submitDispute, multipart: true, error: error ? a.formError : null,
    fields: [
      { kind: 'select', name: 'claim', label: a.invoiceLabel, value: values.claim, options: claimOptions(claims, lang, false) },
      { kind: 'textarea', name: 'reason', label: a.reasonLabel, hint: a.reasonHint, value: values.reason ?? '', maxLength: MAX_DISPUTE_REASON_CHARS, error: error === 'reason' ? a.reasonMissing : undefined },
      {
        kind: 'file', name: 'document', label: a.fileLabel, hint: a.fileHint(Math.floor(uploads.maxFileBytes / (1024 * 1024))), accept: uploads.allowedContentTypes.join(','),
        error: error === 'file' ? a.fileRefused : undefined,
      },
    ],
  };
}

// ---- documents ---------------------------------------------------------------------------------------------------

/** A number the client put in the claim's meta for the debtor (`invoiceNumber`, `purchaseOrderNumber`), if any. */
function debtorsOwnNumber(meta: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = meta[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function statementRows(account: LandingAccount, lang: Language, plain: boolean, disputed: ReadonlySet<string>): StatementRow[] {
  const t = LANDING_TEXTS[lang];
  const money = (amount: number, currency: string) => (plain ? formatDecimalAmount(amount, currency) : formatMoney(amount, currency, lang));
  return account.claims.map((claim) => ({
    invoice: debtorsOwnNumber(claim.meta, 'invoiceNumber') ?? claim.claimReference, purchaseOrder: debtorsOwnNumber(claim.meta, 'purchaseOrderNumber') ?? '', dueDate: plain ? claim.currentDueDate : formatDate(claim.currentDueDate, lang),
    amount: money(claim.amount, claim.currency), fees: money(claim.totalFees, claim.currency), outstanding: money(claim.outstanding, claim.currency),
    currency: claim.currency, status: claim.outstanding === 0 ? t.statusPaid : disputed.has(claim.claimReference) ? ACTION_TEXTS[lang].disputed : t.statusOpen,
  }));
}

function statementHeaders(lang: Language): StatementRow {
  const t = LANDING_TEXTS[lang];
  return { invoice: t.claim, purchaseOrder: ACTION_TEXTS[lang].purchaseOrderColumn, dueDate: t.dueDate, amount: t.principal, fees: t.fees, outstanding: t.outstanding, currency: ACTION_TEXTS[lang].currencyColumn, status: t.status };
}

// ---- multipart dispute -------------------------------------------------------------------------------------------

type ReceivedDispute = { fields: Record<string, string>; file?: PageDisputeInput['file'] } | { refused: 'csrf' } | { refused: 'file'; fields: Record<string, string> };

/**
 * Reads the dispute form part by part: its fields, and the document streamed into the file store (hashed on the way,
 * never held whole). The CSRF field must come before the document (the form puts it first), so nothing is stored for
 * a forged post. No document chosen (an empty part) is no document.
 */
async function receiveDispute(request: FastifyRequest, uploads: LandingUploads): Promise<ReceivedDispute> {
  const fields: Record<string, string> = {};
  let file: { blob: StoredBlob; contentType: string; fileName: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (!isValidCsrfToken(sessionCookie(request), fields.csrf)) {
        part.file.resume();
        return { refused: 'csrf' };
      }
      if (part.filename === '' || part.fieldname !== 'document' || file) {
        part.file.resume();
        if (part.filename === '') continue;
        return { refused: 'file', fields };
      }
      const contentType = part.mimetype.toLowerCase();
      if (!uploads.allowedContentTypes.includes(contentType)) {
        part.file.resume();
        return { refused: 'file', fields };
      }
      const blob = await uploads.files.put(part.file, { maxBytes: uploads.maxFileBytes });
      if (part.file.truncated) return { refused: 'file', fields };
      file = { blob, contentType, fileName: part.filename.slice(0, 255) };
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof FileTooLargeError || code.startsWith('FST_')) return { refused: 'file', fields };
    throw error;
  }
  return { fields, ...(file ? { file } : {}) };
}

// ---- routes ------------------------------------------------------------------------------------------------------

export async function landingActionRoutes(app: FastifyInstance, uploads: LandingUploads): Promise<void> {
  const platform = app.platform;
  const publicBaseUrl = platform.config.publicBaseUrl;
  const route = { config: { public: true }, schema: { hide: true } };

  /** A GET of an action page: the account for a visitor with a session, else back to the page (null, reply sent). */
  async function verifiedGet(request: FastifyRequest, reply: FastifyReply) {
    const page = landingRequest(request, (request.query as Record<string, unknown> | undefined)?.lang);
    const found = await readVerifiedAccount(platform, page.token, sessionCookie(request));
    const lang = landingLanguage(page.chosenLanguage, page.acceptLanguage, found?.account.debtor ?? null);
    if (!found) {
      backToPage(reply, page, lang);
      return null;
    }
    return { page, lang, a: ACTION_TEXTS[lang], ...found };
  }

  app.get('/c/:token/mandate', route, async (request, reply) => {
    const got = await verifiedGet(request, reply);
    if (!got) return reply;
    return renderForm(reply, 200, request, got.page, got.lang, mandateForm(got.a, got.page, { holder: debtorName(got.account.debtor) }));
  });

  app.post('/c/:token/mandate', route, async (request, reply) => {
    const post = checkedPost(request, reply, publicBaseUrl, formFields(request.body));
    if (!post) return reply;
    const { page, lang, form, session } = post;
    const a = ACTION_TEXTS[lang];
    const outcome = await setUpMandateOnPage(platform, page.token, session, { accountHolder: form.holder ?? '', iban: form.iban ?? '', consent: form.consent === 'yes', clientIpAddress: request.ip });
    if (outcome === null) return backToPage(reply, page, lang);
    if (outcome.kind === 'created') return renderDone(reply, page, lang, a.mandateDone(outcome.mandateId));
    const errors = outcome.kind === 'invalid'
      ? { [outcome.field === 'accountHolder' ? 'holder' : outcome.field]: outcome.field === 'iban' ? a.invalidIban : outcome.field === 'consent' ? a.consentMissing : a.holderMissing }
      : { iban: outcome.message };
    return renderForm(reply, 400, request, page, lang, mandateForm(a, page, form, errors));
  });

  app.get('/c/:token/promise', route, async (request, reply) => {
    const got = await verifiedGet(request, reply);
    if (!got) return reply;
    const terms = await promiseTermsOnPage(platform, got.page.token, sessionCookie(request));
    if (!terms) return backToPage(reply, got.page, got.lang);
    return renderForm(reply, 200, request, got.page, got.lang, promiseForm(got.a, got.lang, got.page, got.account.claims, terms, {}, false));
  });

  app.post('/c/:token/promise', route, async (request, reply) => {
    const post = checkedPost(request, reply, publicBaseUrl, formFields(request.body));
    if (!post) return reply;
    const { page, lang, form, session } = post;
    const a = ACTION_TEXTS[lang];
    const outcome = await promiseOnPage(platform, page.token, session, { claimReference: form.claim ?? '', amount: form.amount ?? '', dueDate: form.date ?? '' });
    if (outcome === null) return backToPage(reply, page, lang);
    if (outcome.kind === 'promised') return renderDone(reply, page, lang, a.promiseDone(formatMoney(outcome.amount, outcome.currency, lang), formatDate(outcome.dueDate, lang)));
    const found = await readVerifiedAccount(platform, page.token, session);
    if (!found) return backToPage(reply, page, lang);
    return renderForm(reply, 400, request, page, lang, promiseForm(a, lang, page, found.account.claims, outcome.terms, form, true));
  });

  app.get('/c/:token/plan', route, async (request, reply) => {
    const got = await verifiedGet(request, reply);
    if (!got) return reply;
    const options = await planOptionsOnPage(platform, got.page.token, sessionCookie(request));
    if (!options) return backToPage(reply, got.page, got.lang);
    return renderForm(reply, 200, request, got.page, got.lang, planForm(got.a, got.lang, got.page, options, false));
  });

  app.post('/c/:token/plan', route, async (request, reply) => {
    const post = checkedPost(request, reply, publicBaseUrl, formFields(request.body));
    if (!post) return reply;
    const { page, lang, form, session } = post;
    const a = ACTION_TEXTS[lang];
    const outcome = await previewPlanOnPage(platform, page.token, session, form.option ?? '');
    if (outcome === null) return backToPage(reply, page, lang);
    if (outcome.kind === 'refused') {
      const options = await planOptionsOnPage(platform, page.token, session);
      return renderForm(reply, 400, request, page, lang, planForm(a, lang, page, options ?? [], true));
    }
    const { preview } = outcome;
    return renderPage(reply, 200, 'schedule', {
      frame: pageFrame(lang, a.scheduleHeading, page.path), a, p: PAYMENT_TEXTS[lang], csrf: csrfOf(request), back: `${page.path}?lang=${lang}`,
      action: `${page.path}/plan/accept`, computedId: preview.computedId, description: a.planIntro, total: formatMoney(preview.totalAmount, preview.currency, lang),
      instalments: preview.instalments.map((item, index) => ({ number: index + 1, dueDate: formatDate(item.dueDate, lang), amount: formatMoney(item.amount, preview.currency, lang) })),
    });
  });

  app.post('/c/:token/plan/accept', route, async (request, reply) => {
    const post = checkedPost(request, reply, publicBaseUrl, formFields(request.body));
    if (!post) return reply;
    const { page, lang, form, session } = post;
    const a = ACTION_TEXTS[lang];
    const outcome = await acceptPlanOnPage(platform, page.token, session, form.computed ?? '', lang);
    if (outcome === null) return backToPage(reply, page, lang);
    if (outcome.kind === 'refused') {
      const options = await planOptionsOnPage(platform, page.token, session);
      return renderForm(reply, 409, request, page, lang, planForm(a, lang, page, options ?? [], true));
    }
    return renderDone(reply, page, lang, outcome.emailedTo ? `${a.planDone} ${a.agreementEmailed(outcome.emailedTo)}` : a.planDone, { href: `${page.path}/plans/${outcome.planId}/agreement.pdf?lang=${lang}`, label: a.agreementLink });
  });

  app.get('/c/:token/plans/:planId/agreement.pdf', route, async (request, reply) => {
    const page = landingRequest(request, (request.query as Record<string, unknown> | undefined)?.lang);
    const found = await planOfPage(platform, page.token, sessionCookie(request), (request.params as { planId: string }).planId);
    const lang = landingLanguage(page.chosenLanguage, page.acceptLanguage, found?.debtor ?? null);
    if (!found) return notice(reply, 404, lang, page.path, 'notFound');
    const pdf = await agreementPdf(agreementDocument(found.plan, found.debtor, lang));
    return sendDocument(reply, 'application/pdf', `agreement-${found.plan.id}.pdf`, pdf);
  });

  app.get('/c/:token/statement.:format', route, async (request, reply) => {
    const { format } = request.params as { format: string };
    const got = await verifiedGet(request, reply);
    if (!got) return reply;
    if (format !== 'csv' && format !== 'pdf') return notice(reply, 404, got.lang, got.page.path, 'notFound');
    const disputed = new Set(got.arrangements.disputes.map((dispute) => dispute.claimReference));
    const date = got.now.toISOString().slice(0, 10);
    if (format === 'csv') {
      return sendDocument(reply, 'text/csv; charset=utf-8', `statement-${date}.csv`, statementCsv({ headers: statementHeaders(got.lang), rows: statementRows(got.account, got.lang, true, disputed) }));
    }
    const totals = new Map<string, number>();
    for (const claim of got.account.claims) totals.set(claim.currency, (totals.get(claim.currency) ?? 0) + claim.outstanding);
    const t = LANDING_TEXTS[got.lang];
    const pdf = await statementPdf({
      language: got.lang, title: got.a.statementTitle, subtitle: got.a.statementDate(formatDate(date, got.lang)), debtor: debtorName(got.account.debtor),
      headers: statementHeaders(got.lang), rows: statementRows(got.account, got.lang, false, disputed), createdAt: got.now,
      totals: [...totals].map(([currency, total]) => `${t.totalOutstanding}: ${formatMoney(total, currency, got.lang)}`),
    });
    return sendDocument(reply, 'application/pdf', `statement-${date}.pdf`, pdf);
  });

  app.get('/c/:token/dispute', route, async (request, reply) => {
    const got = await verifiedGet(request, reply);
    if (!got) return reply;
    return renderForm(reply, 200, request, got.page, got.lang, disputeForm(got.a, got.lang, got.page, got.account.claims, uploads, {}));
  });

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: uploads.maxFileBytes, files: 1, fields: 10, fieldSize: MAX_DISPUTE_REASON_CHARS * 4, parts: 12 } });
    scope.post('/c/:token/dispute', route, async (request, reply) => {
      const page = landingRequest(request, undefined);
      const lang = landingLanguage(undefined, page.acceptLanguage, null);
      if (!isSameOrigin(request, publicBaseUrl) || !request.isMultipart()) return notice(reply, 403, lang, page.path, 'notFound');
      const received = await receiveDispute(request, uploads);
      if ('refused' in received && received.refused === 'csrf') return notice(reply, 403, lang, page.path, 'notFound');
      const fields = received.fields;
      const post = checkedPost(request, reply, publicBaseUrl, fields);
      if (!post) return reply;
      const a = ACTION_TEXTS[post.lang];
      const invalid = async (field: 'reason' | 'file' | 'claim') => {
        const found = await readVerifiedAccount(platform, page.token, post.session);
        if (!found) return backToPage(reply, post.page, post.lang);
        return renderForm(reply, 400, request, post.page, post.lang, disputeForm(a, post.lang, post.page, found.account.claims, uploads, fields, field));
      };
      if ('refused' in received) return invalid('file');
      const outcome = await disputeOnPage(platform, page.token, post.session, { claimReference: fields.claim ?? '', reason: fields.reason ?? '', ...(received.file ? { file: received.file } : {}) });
      if (outcome === null) return backToPage(reply, post.page, post.lang);
      if (outcome.kind === 'invalid') return invalid(outcome.field);
      return renderDone(reply, post.page, post.lang, a.disputeDone(fields.claim ?? ''));
    });
  });
}



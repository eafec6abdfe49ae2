import type { ClaimBalance } from '../../servicing/api.js';
import { formatDate, formatMoney } from '../communications/format.js';
import { LANGUAGES, type Language } from '../communications/language.js';
import { debtorName } from '../communications/recipient.js';
import { ACTION_TEXTS } from './action-texts.js';
import { LANDING_TEXTS, type LandingTexts } from './texts.js';

/* What the page templates show, every amount and date already formatted for the page's language. */

export interface LanguageChoice {
  code: Language;
  name: string;
  href: string;
  current: boolean;
}

export interface PageFrame {
  lang: Language;
  t: LandingTexts;
  title: string;
  languages: LanguageChoice[];
  stylesheet: string;
}

export function pageFrame(lang: Language, title: string, path: string): PageFrame {
  return {
    lang, t: LANDING_TEXTS[lang], title, stylesheet: '/c/assets/landing.css',
    languages: LANGUAGES.map((code) => ({ code, name: LANDING_TEXTS[code].languageName, href: `${path}?lang=${code}`, current: code === lang })),
  };
}

export interface ClaimLine {
  claimReference: string;
  dueDate: string;
  principal: string;
  fees: { name: string; amount: string }[];
  totalFees: string;
  outstanding: string;
  paid: boolean;
  disputed: boolean;
}

export interface CurrencyTotal {
  currency: string;
  total: string;
}

/** A line of what the debtor arranged (a promise, a plan with its agreement, a dispute). */
export interface ArrangedLine {
  text: string;
  href: string | null;
}

export interface AccountView {
  heading: string;
  claims: ClaimLine[];
  totals: CurrencyTotal[];
  arranged: ArrangedLine[];
}

/** What the account page lists as arranged; agreements link to `<path>/plans/<id>/agreement.pdf`. */
export interface Arranged {
  promises: readonly { amount: number; currency: string; dueDate: string }[];
  plans: readonly { id: string; currency: string; totalAmount: number; instalments: number }[];
  disputes: readonly { claimReference: string; createdAt: Date }[];
}

const NOTHING_ARRANGED: Arranged = { promises: [], plans: [], disputes: [] };

function arrangedLines(arranged: Arranged, lang: Language, path: string): ArrangedLine[] {
  const a = ACTION_TEXTS[lang];
  return [
    ...arranged.promises.map((promise) => ({ text: a.promiseShown(formatMoney(promise.amount, promise.currency, lang), formatDate(promise.dueDate, lang)), href: null })),
    ...arranged.plans.map((plan) => ({
      text: a.planShown(plan.instalments, formatMoney(plan.totalAmount, plan.currency, lang)), href: `${path}/plans/${plan.id}/agreement.pdf?lang=${lang}`,
    })),
    ...arranged.disputes.map((dispute) => ({ text: a.disputeShown(dispute.claimReference, formatDate(dispute.createdAt.toISOString().slice(0, 10), lang)), href: null })),
  ];
}

function claimLine(claim: ClaimBalance, lang: Language, disputed: boolean): ClaimLine {
  return {
    claimReference: claim.claimReference, dueDate: formatDate(claim.currentDueDate, lang),
    principal: formatMoney(claim.amount, claim.currency, lang),
    fees: claim.fees.map((fee) => ({ name: fee.name, amount: formatMoney(fee.amount, claim.currency, lang) })),
    totalFees: formatMoney(claim.totalFees, claim.currency, lang), outstanding: formatMoney(claim.outstanding, claim.currency, lang),
    paid: claim.outstanding === 0, disputed,
  };
}

/** Open amounts summed per currency (an account has one currency; claims without an account may differ). */
function totalsOf(claims: readonly ClaimBalance[], lang: Language): CurrencyTotal[] {
  const sums = new Map<string, number>();
  for (const claim of claims) sums.set(claim.currency, (sums.get(claim.currency) ?? 0) + claim.outstanding);
  return [...sums].map(([currency, total]) => ({ currency, total: formatMoney(total, currency, lang) }));
}

export function accountView(
  debtor: Readonly<Record<string, unknown>> | null, claims: readonly ClaimBalance[], lang: Language, path: string, arranged: Arranged = NOTHING_ARRANGED,
): AccountView {
  const disputed = new Set(arranged.disputes.map((dispute) => dispute.claimReference));
  return {
    heading: LANDING_TEXTS[lang].accountHeading(debtorName(debtor)), claims: claims.map((claim) => claimLine(claim, lang, disputed.has(claim.claimReference))),
    totals: totalsOf(claims, lang), arranged: arrangedLines(arranged, lang, path),
  };
}

/** The account page's links to the other ways to settle and to the statements. */
export function accountOptions(lang: Language, path: string): { label: string; href: string; download: boolean }[] {
  const a = ACTION_TEXTS[lang];
  const page = (suffix: string, label: string, download = false) => ({ label, href: `${path}/${suffix}?lang=${lang}`, download });
  return [
    page('mandate', a.mandateLink), page('promise', a.promiseLink), page('plan', a.planLink), page('dispute', a.disputeLink),
    page('statement.csv', a.statementCsv, true), page('statement.pdf', a.statementPdf, true),
  ];
}

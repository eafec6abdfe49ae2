// A cover's wire JSON written as text: `JSON.stringify(renderCover(row, buyer, changeType))`, byte for byte, without
// building the object first. For listing pages, whose JSON is most of what the service does for them.
import type { NumberedBuyer } from '../../risk/api.js';
import { formatCoverAmount } from '../domain/amounts.js';
import { DECISION_CODES, PENDING_PROCESSES } from '../domain/codes.js';
import { alpha3Of } from '../domain/countries.js';
import type { RenderedVersion } from '../live-portfolio-page.js';
import { ratingClassOf } from './atradius-wire.js';

export type ChangeType = 'NEW' | 'UPDATED' | 'PENDING';

/** A version to render: a stored row, or one read with its instants already as ISO-8601 text (RenderedVersion). */
export type RenderableVersion = Omit<RenderedVersion, 'applicationDate' | 'decisionDate'> & { applicationDate: Date | string; decisionDate: Date | string | null };

/**
 * The text JSON.stringify gives a string: quoted as it is when nothing in it needs escaping (no quote, backslash,
 * control character or surrogate), else JSON.stringify's own (which escapes lone surrogates, as a pair is kept).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

function text(value: string | null): string {
  if (value === null) return 'null';
  return NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** JSON.stringify of a number: `null` for NaN and the infinities. */
function number(value: number): string {
  return Number.isFinite(value) ? JSON.stringify(value) : 'null';
}

/**
 * `,"key":value` for a value looked up in a table of texts: nothing when the lookup found nothing (JSON.stringify
 * leaves the key out), and JSON.stringify's text of whatever else a code such as `constructor` finds there.
 */
function lookedUp(key: string, value: unknown): string {
  if (typeof value === 'string') return `,"${key}":${text(value)}`;
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? '' : `,"${key}":${json}`;
}

function conditions(list: RenderableVersion['conditions']): string {
  if (list.length === 0) return '[]';
  return JSON.stringify(list.map((c) => ({ conditionCode: c.code, conditionType: c.type, conditionDescription: c.description, conditionCategoryDescription: c.category })));
}

function iso(date: Date | string): string {
  return typeof date === 'string' ? date : date.toISOString();
}

/**
 * `JSON.stringify(renderCover(row, buyer, changeType))` (atradius-cover.ts): the same keys in the same order, the same values (a test
 * compares the two on random versions, every pending process and unknown codes among them).
 *
 * Decision (2026-12-06): a listing page of 100 covers is 133 kB of JSON; rendering its objects and JSON.stringify of
 * them took 0.44–0.49 ms of the service's CPU a page in isolation, writing the text directly 0.31–0.34 (most of the
 * rest is V8 flattening each cover's concatenated text when it is encoded). Keys and fixed texts are constants here;
 * the values that come from the database or the caller go through `text`.
 */
export function coverJsonText(row: RenderableVersion, buyer: Pick<NumberedBuyer, 'name' | 'rating'> | undefined, changeType: ChangeType | null = null): string {
  const currency = row.currency;
  const decided = row.coverStatus === 'DECISION';
  const pending = row.pendingProcess as keyof typeof PENDING_PROCESSES | null;
  const requested = text(formatCoverAmount(row.requestedAmount, currency));
  const decisionConditions = conditions(row.conditions);
  let json = `{"coverId":${number(row.coverId)},"customerId":${number(row.customerId)},"policyId":${text(String(row.policyId))},"buyerId":${number(row.buyerId)}`
    + `,"buyerName":${buyer ? text(buyer.name) : 'null'}`
    + `,"uniqueIdentifiers":[{"uid":${text(row.buyerRegistryId)},"uidType":"NRN","uidTypeDescription":"National registration number"}]`
    + lookedUp('buyerCountryCode', alpha3Of(row.buyerCountry))
    + `,"coverType":${text(row.coverType)},"coverStatus":${text(row.coverStatus)}`
    + `,"decisionCode":${text(row.decisionCode)}`
    + (row.decisionCode ? lookedUp('decisionTypeDescription', DECISION_CODES[row.decisionCode as keyof typeof DECISION_CODES]) : ',"decisionTypeDescription":null')
    + `,"neutralDecisionCode":${text(row.neutralCode)},"historicCode":${text(row.historicCode)}`
    + `,"pendingProcessIndicator":${text(pending)}`
    + (pending ? lookedUp('pendingProcessStatus', PENDING_PROCESSES[pending]) : ',"pendingProcessStatus":null')
    + `,"pendingProcessEffectiveDate":${text(row.pendingEffectiveDate)}`
    + `,"pendingDecisionAmtInPolicyCurrency":${pending && row.pendingAmount !== null && pending !== 'C' ? text(formatCoverAmount(row.pendingAmount, currency)) : 'null'}`
    + `,"pendingDecisionConditions":${pending === 'B' ? conditions(row.pendingConditions ?? []) : 'null'}`
    + `,"pendingPolicyId":${pending === 'T' && row.pendingPolicyId !== null ? text(String(row.pendingPolicyId)) : 'null'}`
    + `,"customerRefNumber":${text(row.customerRefNumber)},"policyCurrencyCode":${text(currency)},"userCurrencyCode":${text(currency)}`
    + `,"creditLimitApplicationAmountInPolicyCurrency":${requested},"creditLimitApplicationAmountInUserCurrency":${requested}`;
  if (decided) {
    const total = text(formatCoverAmount(row.firstAmount + row.secondAmount, currency));
    const first = text(formatCoverAmount(row.firstAmount, currency));
    json += `,"totalDecision":{"decisionAmtInPolicyCurrency":${total},"decisionAmtInUserCurrency":${total},"decisionConditions":${decisionConditions}}`
      + `,"firstAmtDecision":{"decisionAmtInPolicyCurrency":${first},"decisionAmtInUserCurrency":${first},"decisionExpiryDate":null,"decisionConditions":[]}`;
    if (row.secondAmount > 0) {
      const second = text(formatCoverAmount(row.secondAmount, currency));
      json += `,"secondAmtDecision":{"decisionAmtInPolicyCurrency":${second},"decisionAmtInUserCurrency":${second},"decisionExpiryDate":${text(row.secondExpiryDate)},"decisionConditions":[]}`;
    } else {
      json += ',"secondAmtDecision":null';
    }
  } else {
    json += ',"totalDecision":null,"firstAmtDecision":null,"secondAmtDecision":null';
  }
  return `${json},"decisionConditions":${decisionConditions}`
    + `,"applicationDate":${text(iso(row.applicationDate))},"decisionDate":${row.decisionDate === null ? 'null' : text(iso(row.decisionDate))}`
    + `,"effectFromDate":${text(row.effectFromDate)},"effectiveToDate":${text(row.effectiveToDate)},"withdrawalDate":${text(row.withdrawalDate)}`
    + `,"currentBuyerRating":${buyer ? text(String(buyer.rating)) : 'null'},"currentBuyerRatingClass":${buyer ? text(ratingClassOf(buyer.rating)) : 'null'}`
    + `,"notes":${text(row.notes)},"changeType":${text(changeType)}}`;
}

// A cover's wire JSON written as text: what `JSON.stringify(renderCover(…))` gives, byte for byte, for the listing
// pages of a whole portfolio (a page of 100 covers is about 135 kB of JSON).
//
// Decision: building 100 objects of 40 keys and stringifying them cost a page about 0.5 ms of the service's CPU
// (Node 20), most of it in JSON.stringify walking the keys and checking every string for characters to escape. Here the
// keys are constant text and a value of letters, digits and a few punctuation marks (codes, dates, amounts, most names)
// goes out as it is; anything else is escaped by JSON.stringify. test/cover/cover-json.test.ts holds it to renderCover's output.
import type { NumberedBuyer } from '../../risk/api.js';
import { formatCoverAmount } from '../domain/amounts.js';
import { DECISION_CODES, PENDING_PROCESSES, type PendingProcess } from '../domain/codes.js';
import { alpha3Of } from '../domain/countries.js';
import type { RenderedVersion } from '../live-portfolio-page.js';
import { joinedUtf8 } from '../../platform/http/json-bytes.js';
import { conditionsOf, ratingClassOf, uniqueIdentifiersOf } from './atradius-wire.js';

type Buyer = Pick<NumberedBuyer, 'name' | 'rating'> | undefined;
type ChangeType = 'NEW' | 'UPDATED' | 'PENDING';

/** `JSON.stringify({ data: covers, meta })` as UTF-8 bytes, each cover written by coverJson. */
export function coverListJsonBytes(
  covers: readonly { readonly version: RenderedVersion; readonly buyer: Buyer; readonly changeType: ChangeType | null }[],
  meta: Record<string, unknown>,
): Buffer {
  const pieces = covers.map(({ version, buyer, changeType }) => coverJson(version, buyer, changeType));
  return joinedUtf8('{"data":[', pieces, ',', `],"meta":${JSON.stringify(meta)}}`);
}

/** Text that needs no escaping inside a JSON string: letters, digits and the punctuation of codes, dates and amounts. */
const PLAIN = /^[\w .:+-]*$/;

/** A string (or null) as JSON: quoted as it is when plain, else escaped by JSON.stringify. */
function text(value: string | null): string {
  if (value === null) return 'null';
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** A looked-up text renderCover may leave undefined (an unknown code): its member, or none (JSON.stringify drops it). */
function member(name: string, value: unknown): string {
  return typeof value === 'string' || value === null ? `"${name}":${text(value)},` : '';
}

const number = (value: number) => (Number.isFinite(value) ? String(value) : 'null');

function conditionsJson(conditions: RenderedVersion['conditions']): string {
  return conditions.length === 0 ? '[]' : JSON.stringify(conditionsOf({ conditions }));
}

/** `"decisionAmtInPolicyCurrency":…,"decisionAmtInUserCurrency":…` of one amount. */
function decisionAmounts(row: RenderedVersion, amount: number): string {
  const value = text(formatCoverAmount(amount, row.currency));
  return `"decisionAmtInPolicyCurrency":${value},"decisionAmtInUserCurrency":${value}`;
}

/** uniqueIdentifiers around its uid, as uniqueIdentifiersOf renders it. */
const [IDENTIFIERS_OPEN, IDENTIFIERS_CLOSE] = JSON.stringify(uniqueIdentifiersOf('')).split('""') as [string, string];

function pendingJson(row: RenderedVersion): string {
  const pending = row.pendingProcess as PendingProcess | null;
  const status = pending ? PENDING_PROCESSES[pending] : null;
  const amount = pending && row.pendingAmount !== null && pending !== 'C' ? text(formatCoverAmount(row.pendingAmount, row.currency)) : 'null';
  const conditions = pending === 'B' ? conditionsJson(row.pendingConditions ?? []) : 'null';
  const policy = pending === 'T' && row.pendingPolicyId !== null ? text(String(row.pendingPolicyId)) : 'null';
  return `"pendingProcessIndicator":${text(pending)},${member('pendingProcessStatus', status)}"pendingProcessEffectiveDate":${text(row.pendingEffectiveDate)},`
    + `"pendingDecisionAmtInPolicyCurrency":${amount},"pendingDecisionConditions":${conditions},"pendingPolicyId":${policy},`;
}

function decisionsJson(row: RenderedVersion, conditions: string): string {
  if (row.coverStatus !== 'DECISION') return '"totalDecision":null,"firstAmtDecision":null,"secondAmtDecision":null,';
  const second = row.secondAmount > 0
    ? `{${decisionAmounts(row, row.secondAmount)},"decisionExpiryDate":${text(row.secondExpiryDate)},"decisionConditions":[]}`
    : 'null';
  return `"totalDecision":{${decisionAmounts(row, row.firstAmount + row.secondAmount)},"decisionConditions":${conditions}},`
    + `"firstAmtDecision":{${decisionAmounts(row, row.firstAmount)},"decisionExpiryDate":null,"decisionConditions":[]},"secondAmtDecision":${second},`;
}

/** JSON.stringify(renderCover(row, buyer, changeType)) for a version read with its instants as text. */
export function coverJson(row: RenderedVersion, buyer: Buyer, changeType: ChangeType | null): string {
  const requested = text(formatCoverAmount(row.requestedAmount, row.currency));
  const conditions = conditionsJson(row.conditions);
  const currency = text(row.currency);
  const description = row.decisionCode ? DECISION_CODES[row.decisionCode as keyof typeof DECISION_CODES] : null;
  return `{"coverId":${number(row.coverId)},"customerId":${number(row.customerId)},"policyId":${text(String(row.policyId))},`
    + `"buyerId":${number(row.buyerId)},"buyerName":${text(buyer?.name ?? null)},`
    + `"uniqueIdentifiers":${IDENTIFIERS_OPEN}${text(row.buyerRegistryId)}${IDENTIFIERS_CLOSE},"buyerCountryCode":${text(alpha3Of(row.buyerCountry))},`
    + `"coverType":${text(row.coverType)},"coverStatus":${text(row.coverStatus)},"decisionCode":${text(row.decisionCode)},`
    + `${member('decisionTypeDescription', description)}"neutralDecisionCode":${text(row.neutralCode)},"historicCode":${text(row.historicCode)},`
    + pendingJson(row)
    + `"customerRefNumber":${text(row.customerRefNumber)},"policyCurrencyCode":${currency},"userCurrencyCode":${currency},`
    + `"creditLimitApplicationAmountInPolicyCurrency":${requested},"creditLimitApplicationAmountInUserCurrency":${requested},`
    + decisionsJson(row, conditions)
    + `"decisionConditions":${conditions},"applicationDate":${text(row.applicationDate)},"decisionDate":${text(row.decisionDate)},`
    + `"effectFromDate":${text(row.effectFromDate)},"effectiveToDate":${text(row.effectiveToDate)},"withdrawalDate":${text(row.withdrawalDate)},`
    + `"currentBuyerRating":${buyer ? text(String(buyer.rating)) : 'null'},"currentBuyerRatingClass":${buyer ? text(ratingClassOf(buyer.rating)) : 'null'},`
    + `"notes":${text(row.notes)},"changeType":${text(changeType)}}`;
}

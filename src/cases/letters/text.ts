import { businessDateAt } from '../../platform/dates.js';
import type { LetterCaseType, LetterClosureReason, LetterCollectionPhase, LetterContent, LetterType } from './content.js';
import { formatDate, formatMoney, formatPercent, type LetterLanguage } from './format.js';

/*
 * The words of every letter type of spec §6.2 in English and Swedish. A letter's text is a pure function of its
 * content and language: the PDF, the e-mail and the API's `subject`/`body` all come from here.
 */

export interface LetterFact {
  readonly label: string;
  readonly value: string;
}

export interface LetterText {
  readonly subject: string;
  /** The issue date, formatted for the language. */
  readonly date: string;
  /** Case, policy, buyer, references: printed in the letter's heading block. */
  readonly references: readonly LetterFact[];
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** The figures of the letter, one per line. */
  readonly facts: readonly LetterFact[];
  readonly list?: { readonly title: string; readonly items: readonly string[] };
  readonly closing: readonly string[];
  /** Everything above as plain text: the API's `body` and the e-mail's text part. */
  readonly body: string;
}

const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const CASE_TYPES: Record<LetterLanguage, Record<LetterCaseType, string>> = {
  en: { COLLECTION: 'collection case', MONITOR: 'monitor case', CLAIM_COLLECTION: 'claim and collection case', CLAIM_MONITOR: 'claim and monitor case' },
  sv: { COLLECTION: 'inkassoärende', MONITOR: 'bevakningsärende', CLAIM_COLLECTION: 'skade- och inkassoärende', CLAIM_MONITOR: 'skade- och bevakningsärende' },
};

const PHASES: Record<LetterLanguage, Record<LetterCollectionPhase, string>> = {
  en: { AMICABLE: 'amicable collection', LEGAL: 'legal collection', INSOLVENCY: 'insolvency proceedings' },
  sv: { AMICABLE: 'frivillig indrivning', LEGAL: 'rättslig indrivning', INSOLVENCY: 'insolvensförfarande' },
};

const CLOSURE_REASONS: Record<LetterLanguage, Record<LetterClosureReason, string>> = {
  en: {
    PAID_BY_DEBTOR: 'the buyer has paid the debt', INDEMNIFIED: 'the indemnity has been paid and nothing more is to be recovered',
    WITHDRAWN: 'you withdrew the case', UNRECOVERABLE: 'the debt cannot be recovered', CLAIM_DECLINED: 'the claim was declined',
  },
  sv: {
    PAID_BY_DEBTOR: 'köparen har betalat skulden', INDEMNIFIED: 'ersättningen är utbetald och inget mer återstår att driva in',
    WITHDRAWN: 'ni har återkallat ärendet', UNRECOVERABLE: 'skulden kan inte drivas in', CLAIM_DECLINED: 'skadeanmälan avslogs',
  },
};

const SUBJECTS: Record<LetterLanguage, Record<LetterType, (caseId: string) => string>> = {
  en: {
    ACKNOWLEDGEMENT: (id) => `Acknowledgement of case ${id}`,
    DOCUMENT_REQUEST: (id) => `Documents requested for case ${id}`,
    EARLY_COSTS_ASSESSMENT: (id) => `Early Costs Assessment for case ${id}`,
    PRE_LIABILITY_CALCULATION: (id) => `Pre-Liability Calculation for case ${id}`,
    LIABILITY_ASSESSMENT: (id) => `Assessment of liability for case ${id}`,
    PAYMENT_ADVICE: (id) => `Payment advice for case ${id}`,
    CLAIM_DECLINED: (id) => `Claim declined on case ${id}`,
    COLLECTION_UPDATE: (id) => `Collection update for case ${id}`,
    CASE_CLOSED: (id) => `Case ${id} closed`,
  },
  sv: {
    ACKNOWLEDGEMENT: (id) => `Bekräftelse av ärende ${id}`,
    DOCUMENT_REQUEST: (id) => `Begäran om handlingar i ärende ${id}`,
    EARLY_COSTS_ASSESSMENT: (id) => `Tidig kostnadsbedömning för ärende ${id}`,
    PRE_LIABILITY_CALCULATION: (id) => `Preliminär ansvarsberäkning för ärende ${id}`,
    LIABILITY_ASSESSMENT: (id) => `Ansvarsbedömning för ärende ${id}`,
    PAYMENT_ADVICE: (id) => `Utbetalningsavisering för ärende ${id}`,
    CLAIM_DECLINED: (id) => `Skadeanmälan avslagen i ärende ${id}`,
    COLLECTION_UPDATE: (id) => `Lägesrapport om indrivningen i ärende ${id}`,
    CASE_CLOSED: (id) => `Ärende ${id} avslutat`,
  },
};

const LABELS = {
  en: {
    case: 'Case', policy: 'Policy', buyer: 'Buyer', yourReference: 'Your reference', letter: 'Letter', customer: 'Customer number',
    outstanding: 'Outstanding amount', oldestDueDate: 'Oldest due date', invoices: 'Invoices on the case', due: 'due',
    deadline: 'Deadline', documents: 'Documents we need',
    estimatedCosts: 'Estimated costs', ourContribution: 'Our contribution', yourShare: 'Your share', insuredPercentage: 'Insured percentage',
    limitInForce: 'Limit in force', insuredLoss: 'Insured loss', indicatedIndemnity: 'Indicated indemnity', dateOfLoss: 'Date of loss', asOf: 'Calculated on',
    claimAmount: 'Claimed amount', approvedAmount: 'Approved amount', indemnity: 'Indemnity', paymentDate: 'Payment date',
    paidOn: 'Paid on', paymentReference: 'Payment reference', reason: 'Reason',
    phase: 'Collection phase', recovered: 'Recovered so far', closedOn: 'Closed on', recoveredTotal: 'Recovered from the buyer', indemnityPaid: 'Indemnity paid',
    greeting: (name: string) => `Dear ${name},`, regards: 'Kind regards', department: (insurer: string) => `${insurer}, Claims and Collections`,
  },
  sv: {
    case: 'Ärende', policy: 'Försäkringsnummer', buyer: 'Köpare', yourReference: 'Er referens', letter: 'Brev', customer: 'Kundnummer',
    outstanding: 'Utestående belopp', oldestDueDate: 'Äldsta förfallodag', invoices: 'Fakturor i ärendet', due: 'förföll',
    deadline: 'Sista dag', documents: 'Handlingar vi behöver',
    estimatedCosts: 'Beräknade kostnader', ourContribution: 'Vårt bidrag', yourShare: 'Er andel', insuredPercentage: 'Försäkringsgrad',
    limitInForce: 'Gällande kreditlimit', insuredLoss: 'Försäkrad förlust', indicatedIndemnity: 'Beräknad ersättning', dateOfLoss: 'Skadedag', asOf: 'Beräknad den',
    claimAmount: 'Anmält belopp', approvedAmount: 'Godkänt belopp', indemnity: 'Ersättning', paymentDate: 'Utbetalningsdag',
    paidOn: 'Utbetald den', paymentReference: 'Betalningsreferens', reason: 'Skäl',
    phase: 'Indrivningsfas', recovered: 'Indrivet hittills', closedOn: 'Avslutat den', recoveredTotal: 'Indrivet från köparen', indemnityPaid: 'Utbetald ersättning',
    greeting: (name: string) => `Bästa ${name},`, regards: 'Med vänliga hälsningar', department: (insurer: string) => `${insurer}, skade- och inkassoavdelningen`,
  },
} as const;

type Labels = (typeof LABELS)[LetterLanguage];

interface Formatters {
  readonly money: (amount: number) => string;
  readonly date: (date: string) => string;
  readonly percent: (percent: string) => string;
}

interface Section {
  readonly paragraphs: string[];
  readonly facts: LetterFact[];
  readonly list?: { title: string; items: string[] };
}

export function letterText(letter: LetterContent, language: LetterLanguage): LetterText {
  const labels = LABELS[language];
  const format: Formatters = {
    money: (amount) => formatMoney(amount, letter.currencyCode, language),
    date: (date) => formatDate(date, language),
    percent: (percent) => formatPercent(percent, language),
  };
  const section = detailsSection(letter, language, labels, format);
  const date = format.date(businessDateAt(letter.issuedAt, letter.timeZone ?? DEFAULT_TIME_ZONE));
  const references: LetterFact[] = [
    { label: labels.case, value: letter.caseId },
    { label: labels.policy, value: letter.policyId },
    { label: labels.customer, value: String(letter.customer.customerId) },
    { label: labels.buyer, value: `${letter.buyer.name} (${letter.buyer.buyerId})` },
    ...(letter.customerRefNumber ? [{ label: labels.yourReference, value: letter.customerRefNumber }] : []),
    { label: labels.letter, value: letter.letterId },
  ];
  const subject = SUBJECTS[language][letter.letterType](letter.caseId);
  const greeting = labels.greeting(letter.customer.name);
  const closing = [labels.regards, labels.department(letter.insurer.name)];
  const body = plainBody({ subject, date, references, greeting, closing, ...section });
  return { subject, date, references, greeting, closing, body, ...section };
}

function plainBody(text: Omit<LetterText, 'body'>): string {
  const lines = [
    text.subject, text.date, '',
    ...text.references.map((fact) => `${fact.label}: ${fact.value}`), '',
    text.greeting, '',
    ...text.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...text.facts.map((fact) => `${fact.label}: ${fact.value}`),
    ...(text.list ? ['', `${text.list.title}:`, ...text.list.items.map((item) => `- ${item}`)] : []),
    '', ...text.closing,
  ];
  return lines.join('\n');
}

function detailsSection(details: LetterContent, language: LetterLanguage, labels: Labels, f: Formatters): Section {
  const letter = details;
  const sv = language === 'sv';
  const { caseId } = letter;
  const buyer = letter.buyer.name;
  switch (details.letterType) {
    case 'ACKNOWLEDGEMENT':
      return {
        paragraphs: [sv
          ? `Vi har tagit emot ert ${CASE_TYPES.sv[letter.caseType]} mot ${buyer} och öppnat ärende ${caseId}. Utestående belopp är ${f.money(details.outstandingAmount)}; den äldsta fakturan förföll till betalning ${f.date(details.oldestDueDate)}. Ange ärendenumret i all korrespondens med oss.`
          : `We have received your ${CASE_TYPES.en[letter.caseType]} against ${buyer} and opened case ${caseId}. The outstanding amount is ${f.money(details.outstandingAmount)}; the oldest invoice fell due on ${f.date(details.oldestDueDate)}. Please quote the case number in all correspondence with us.`],
        facts: [
          { label: labels.outstanding, value: f.money(details.outstandingAmount) },
          { label: labels.oldestDueDate, value: f.date(details.oldestDueDate) },
        ],
        list: {
          title: labels.invoices,
          items: details.invoices.map((line) => `${line.documentNumber}, ${labels.due} ${f.date(line.dueDate)}: ${f.money(line.outstandingAmount)}`),
        },
      };
    case 'DOCUMENT_REQUEST':
      return {
        paragraphs: [sv
          ? `För att kunna bedöma skadeanmälan i ärende ${caseId} behöver vi handlingarna nedan. Skicka dem till oss senast ${f.date(details.deadline)}. Har de inte kommit in till dess avslås skadeanmälan.`
          : `To assess the claim on case ${caseId} we need the documents listed below. Please send them to us by ${f.date(details.deadline)}. If they have not reached us by then, the claim will be declined.`],
        facts: [{ label: labels.deadline, value: f.date(details.deadline) }],
        list: { title: labels.documents, items: [...details.documents] },
      };
    case 'EARLY_COSTS_ASSESSMENT':
      return {
        paragraphs: [sv
          ? `Vi har bedömt de väntade kostnaderna för att driva in skulden från ${buyer} i ärende ${caseId}. Vårt bidrag följer den försäkrade andelen av skulden och försäkringsgraden ${f.percent(details.insuredPercentage)}; resten av kostnaderna står ni för.`
          : `We have assessed the expected costs of recovering the debt of ${buyer} on case ${caseId}. Our contribution follows the insured share of the debt and the insured percentage of ${f.percent(details.insuredPercentage)}; you bear the rest of the costs.`],
        facts: [
          { label: labels.estimatedCosts, value: f.money(details.estimatedCosts) },
          { label: labels.ourContribution, value: f.money(details.insurerContribution) },
          { label: labels.yourShare, value: f.money(details.insuredContribution) },
          { label: labels.insuredPercentage, value: f.percent(details.insuredPercentage) },
        ],
      };
    case 'PRE_LIABILITY_CALCULATION':
      return {
        paragraphs: [sv
          ? `Denna preliminära ansvarsberäkning visar vårt beräknade ansvar per skadedagen ${f.date(details.dateOfLoss)}, utifrån de transaktioner som var kända ${f.date(details.asOf)}. Betalningar och kreditnotor som kommer in före skadedagen minskar beloppet; det slutliga beloppet fastställs i ansvarsbedömningen.`
          : `This Pre-Liability Calculation indicates our liability at the date of loss, ${f.date(details.dateOfLoss)}, from the transactions known on ${f.date(details.asOf)}. Payments and credit notes received before the date of loss reduce it; the final amount is set in our assessment of liability.`],
        facts: [
          { label: labels.outstanding, value: f.money(details.outstandingAmount) },
          { label: labels.limitInForce, value: f.money(details.limitInForce) },
          { label: labels.insuredLoss, value: f.money(details.insuredLoss) },
          { label: labels.insuredPercentage, value: f.percent(details.insuredPercentage) },
          { label: labels.indicatedIndemnity, value: f.money(details.indemnityAmount) },
          { label: labels.dateOfLoss, value: f.date(details.dateOfLoss) },
          { label: labels.asOf, value: f.date(details.asOf) },
        ],
      };
    case 'LIABILITY_ASSESSMENT':
      return {
        paragraphs: [sv
          ? `Vi har bedömt vårt ansvar för skadeanmälan i ärende ${caseId} och godkänner den. Ersättningen om ${f.money(details.indemnityAmount)} betalas ut den ${f.date(details.paymentDate)}.`
          : `We have assessed our liability for the claim on case ${caseId} and approve it. The indemnity of ${f.money(details.indemnityAmount)} will be paid on ${f.date(details.paymentDate)}.`],
        facts: [
          { label: labels.claimAmount, value: f.money(details.claimAmount) },
          { label: labels.approvedAmount, value: f.money(details.approvedAmount) },
          { label: labels.insuredPercentage, value: f.percent(details.insuredPercentage) },
          { label: labels.indemnity, value: f.money(details.indemnityAmount) },
          { label: labels.dateOfLoss, value: f.date(details.dateOfLoss) },
          { label: labels.paymentDate, value: f.date(details.paymentDate) },
        ],
      };
    case 'PAYMENT_ADVICE':
      return {
        paragraphs: [sv
          ? `Vi har betalat ut ersättningen för ärende ${caseId}: ${f.money(details.indemnityAmount)} den ${f.date(details.paidOn)}, med referens ${details.paymentReference}. Belopp som ${buyer} betalar härefter delas mellan oss enligt försäkringsgraden.`
          : `We have paid the indemnity for case ${caseId}: ${f.money(details.indemnityAmount)} on ${f.date(details.paidOn)}, reference ${details.paymentReference}. Any amount ${buyer} pays from now on is shared between us by the insured percentage.`],
        facts: [
          { label: labels.indemnity, value: f.money(details.indemnityAmount) },
          { label: labels.paidOn, value: f.date(details.paidOn) },
          { label: labels.paymentReference, value: details.paymentReference },
        ],
      };
    case 'CLAIM_DECLINED':
      return {
        paragraphs: [
          sv
            ? `Vi har avslagit skadeanmälan om ${f.money(details.claimAmount)} i ärende ${caseId}.`
            : `We have declined the claim of ${f.money(details.claimAmount)} on case ${caseId}.`,
          `${labels.reason}: ${details.reason}`,
        ],
        facts: [{ label: labels.claimAmount, value: f.money(details.claimAmount) }],
      };
    case 'COLLECTION_UPDATE':
      return {
        paragraphs: [
          sv
            ? `Indrivningen av skulden från ${buyer} i ärende ${caseId} är nu i fasen ${PHASES.sv[details.collectionPhase]}. Hittills har ${f.money(details.recoveredAmount)} drivits in; ${f.money(details.outstandingAmount)} är fortfarande obetalt.`
            : `Recovery of the debt of ${buyer} on case ${caseId} is now in the ${PHASES.en[details.collectionPhase]} phase. So far ${f.money(details.recoveredAmount)} has been recovered; ${f.money(details.outstandingAmount)} is still outstanding.`,
          ...(details.nextStep ? [details.nextStep] : []),
        ],
        facts: [
          { label: labels.phase, value: PHASES[language][details.collectionPhase] },
          { label: labels.recovered, value: f.money(details.recoveredAmount) },
          { label: labels.outstanding, value: f.money(details.outstandingAmount) },
        ],
      };
    case 'CASE_CLOSED':
      return {
        paragraphs: [sv
          ? `Ärende ${caseId} avslutades ${f.date(details.closedOn)} eftersom ${CLOSURE_REASONS.sv[details.closureReason]}. Tack för samarbetet.`
          : `Case ${caseId} was closed on ${f.date(details.closedOn)} because ${CLOSURE_REASONS.en[details.closureReason]}. Thank you for working with us.`],
        facts: [
          { label: labels.closedOn, value: f.date(details.closedOn) },
          { label: labels.recoveredTotal, value: f.money(details.recoveredAmount) },
          { label: labels.indemnityPaid, value: f.money(details.indemnityPaid) },
        ],
      };
  }
}

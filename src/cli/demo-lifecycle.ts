// `tradecredit demo lifecycle` (issue 14 point 8): the insured lifecycle as one story, over HTTP as the clients of
// each face would call it, on a sandbox tenant's test clock: a limit on the buyer (Cover API) → an insured invoice
// left unpaid → a claim case (Non-Payments API) → its collection on the servicing ledger (Receeve face) → a partial
// recovery before indemnity → the claims handler's decision (back office) → the indemnity for the rest → late
// recoveries split with the insurer. Each step reports what a client reads, with the call that reads it. The
// end-to-end test (test/cases/lifecycle-demo.test.ts) runs these same steps and asserts every figure.

/** What the runner needs of a tenant's credential sheet. */
export interface LifecycleCredentials {
  readonly clientId: string;
  readonly credentials: {
    readonly cover: { readonly clientId: string; readonly clientSecret: string; readonly appKey: string };
    readonly nonpayment: { readonly clientId: string; readonly clientSecret: string; readonly appKey: string };
    readonly servicing: { readonly apiClientId: string; readonly apiClientSecret: string };
    readonly management: { readonly apiKey: string };
    readonly staff: { readonly apiKey: string };
  };
}

export interface LifecycleDriver {
  readonly baseUrl: string;
  /** Lets background work (sweeps, reactions) progress between polls: a sweep in a test, a pause against a server. */
  settle(): Promise<void>;
  /** How long a step waits for the background work it started, in milliseconds. */
  readonly patienceMs: number;
}

export interface LifecycleStep {
  readonly step: string;
  /** The call a client makes to see this step. */
  readonly call: string;
  /** The figures the client reads there (amounts as the API writes them). */
  readonly figures: Readonly<Record<string, string | number | boolean | null>>;
}

const COVER = '/credit-insurance/cover-management/v1';
const ORGANISATIONS = '/credit-insurance/organisation-management/v1';
const POLICIES = '/credit-insurance/policy-management/v1';
const NON_PAYMENTS = '/credit-insurance/non-payment-management/v1';

/** The demo's buyer (a Swedish wholesaler of the sandbox registry) and invoice. */
export const DEMO_BUYER = { country: 'SWE', uid: '5567104046', uidType: 'NRN' } as const;
export const DEMO_INVOICE = { documentNumber: 'INV-LC-1', grossAmount: '12100.00', issuedInDays: 5, dueInDays: 20 } as const;
const DAY = 86_400;
/** The demo EUR policy's insured percentage: what the claims handler approves of the loss. */
const DEMO_INSURED_PERCENT = 90;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the faces' JSON answers, read field by field as a client does
type Json = Record<string, any>;

class LifecycleClient {
  private readonly headers: Record<string, Record<string, string>> = {};

  constructor(private readonly driver: LifecycleDriver, private readonly sheet: LifecycleCredentials) {}

  async request(face: 'cover' | 'nonpayment' | 'servicing' | 'management' | 'staff', method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${this.driver.baseUrl}${path}`, {
      method, headers: { ...await this.headersOf(face), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) as Json : {} };
  }

  /** A request that must answer `expected`; anything else stops the story with the answer. */
  async expect(expected: number, face: Parameters<LifecycleClient['request']>[0], method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> {
    const answer = await this.request(face, method, path, body);
    if (answer.status !== expected) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Polls `probe` until it returns a value, letting background work progress in between. */
  async until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + this.driver.patienceMs;
    for (;;) {
      await this.driver.settle();
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Waited too long for ${what}`);
    }
  }

  async advanceDays(days: number): Promise<string> {
    const moved = await this.expect(200, 'management', 'POST', '/sandbox/v1/clock/advance', { seconds: days * DAY });
    return String((moved.data ?? moved).now ?? moved.to ?? '');
  }

  private async headersOf(face: string): Promise<Record<string, string>> {
    const cached = this.headers[face];
    if (cached) return cached;
    const { credentials } = this.sheet;
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    let headers: Record<string, string>;
    if (face === 'cover' || face === 'nonpayment') {
      const { clientId, clientSecret, appKey } = credentials[face];
      const token = await fetch(`${this.driver.baseUrl}/authenticate/v2/tokens`, {
        method: 'POST', headers: { authorization: basic(clientId, clientSecret), 'atradius-app-key': appKey, 'content-type': 'application/json' }, body: '{}',
      });
      headers = { authorization: `Bearer ${((await token.json()) as Json).data.access_token}`, 'atradius-app-key': appKey };
    } else if (face === 'servicing') {
      const token = await fetch(`${this.driver.baseUrl}/v1/oauth2/token`, {
        method: 'POST', headers: { authorization: basic(credentials.servicing.apiClientId, credentials.servicing.apiClientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      headers = { authorization: `Bearer ${((await token.json()) as Json).access_token}` };
    } else {
      headers = { authorization: `Bearer ${face === 'staff' ? credentials.staff.apiKey : credentials.management.apiKey}` };
    }
    this.headers[face] = headers;
    return headers;
  }
}

/** `percent` % of a two-decimal amount ("11100.00"), rounded down to a cent, as the API writes amounts. */
function percentOfAmount(amount: string, percent: number): string {
  const cents = Math.floor((Math.round(Number(amount) * 100) * percent) / 100);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY * 1000).toISOString().slice(0, 10);
}

/** The case as the Non-Payments client reads it. */
async function readCase(client: LifecycleClient, caseId: string): Promise<Json> {
  return (await client.expect(200, 'nonpayment', 'GET', `${NON_PAYMENTS}/cases/${caseId}`)).data as Json;
}

async function waitForCase(client: LifecycleClient, caseId: string, what: string, ready: (found: Json) => boolean): Promise<Json> {
  return client.until(what, async () => {
    const found = await readCase(client, caseId);
    return ready(found) ? found : undefined;
  });
}

function caseFigures(found: Json, keys: readonly string[]): Record<string, string | number | boolean | null> {
  return Object.fromEntries(keys.map((key) => [key, found[key] ?? null]));
}

/** Pays `amount` (minor units) on the case's servicing account and waits until the case has recorded `totalPaid`. */
async function payOnLedger(client: LifecycleClient, caseId: string, amount: number, trackingId: string, totalPaid: string, clientId: string): Promise<Json> {
  const paid = await client.expect(200, 'servicing', 'POST', `/v1/${clientId}/match_account_payment`, [{
    accountReference: caseId, currency: 'EUR', totalAmount: amount, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES', providerName: 'trustly', trackingId,
  }]);
  if (paid[caseId]?.success !== true) throw new Error(`match_account_payment refused: ${JSON.stringify(paid)}`);
  return waitForCase(client, caseId, `the case to record the payment ${trackingId}`, (found) => found.totalPaid === totalPaid);
}

/**
 * Walks the lifecycle and reports each step to `report` as it happens; answers the steps. Throws, naming the call,
 * when the service answers anything a client would not expect.
 */
export async function runDemoLifecycle(driver: LifecycleDriver, sheet: LifecycleCredentials, report: (step: LifecycleStep) => void = () => {}): Promise<LifecycleStep[]> {
  const client = new LifecycleClient(driver, sheet);
  const steps: LifecycleStep[] = [];
  const record = (step: LifecycleStep) => {
    steps.push(step);
    report(step);
  };

  // 1. A limit on the buyer, on the demo customer's EUR policy.
  const portfolio = (await client.expect(200, 'cover', 'GET', `${POLICIES}/policies`)).data as Json[];
  const customerId = portfolio[0]!.customerId as number;
  const policy = (portfolio[0]!.policies as Json[]).find((p) => p.policyCurrency === 'EUR')!;
  const policyId = policy.policyId as string;
  const today = policy.policyStartDate as string;
  const buyers = (await client.expect(200, 'cover', 'GET', `${ORGANISATIONS}/buyers?country=${DEMO_BUYER.country}&uid=${DEMO_BUYER.uid}&uidType=${DEMO_BUYER.uidType}`)).data as Json[];
  const buyerId = buyers[0]!.buyerId as number;
  const applied = (await client.expect(201, 'cover', 'POST', `${COVER}/covers`, {
    customerId, policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '20000',
  })).data as Json[];
  const cover = ((await client.expect(200, 'cover', 'GET', `${COVER}/covers?policyId=${policyId}&buyerId=${buyerId}`)).data as Json[])[0]!;
  record({
    step: 'limit', call: `GET ${COVER}/covers?policyId=${policyId}&buyerId=${buyerId}`,
    figures: { coverId: String(applied[0]!.coverId), coverStatus: cover.coverStatus, decisionCode: cover.decisionCode, decisionAmount: cover.totalDecision?.decisionAmtInPolicyCurrency ?? null },
  });

  // 2. The insured invoice, issued after the limit; 3. it goes unpaid past its due date.
  const invoiceDate = addDays(today, DEMO_INVOICE.issuedInDays);
  const dueDate = addDays(today, DEMO_INVOICE.dueInDays);
  record({ step: 'insured invoice', call: '(the seller\'s ledger)', figures: { documentNumber: DEMO_INVOICE.documentNumber, grossAmount: DEMO_INVOICE.grossAmount, invoiceDate, dueDate } });
  await client.advanceDays(40);
  record({ step: 'unpaid', call: 'POST /sandbox/v1/clock/advance {"seconds":3456000}', figures: { daysPastDue: 40 - DEMO_INVOICE.dueInDays, outstanding: DEMO_INVOICE.grossAmount } });

  // 4. The claim case: eligible, open, waiting for documents.
  const created = (await client.expect(201, 'nonpayment', 'POST', `${NON_PAYMENTS}/cases`, {
    customerId, policyId, buyerId, caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT', customerRefNumber: 'LIFECYCLE-1', currencyCode: 'EUR',
    transactions: [{ transactionType: 'INVOICE', documentNumber: DEMO_INVOICE.documentNumber, documentDate: invoiceDate, dueDate, grossAmount: DEMO_INVOICE.grossAmount }],
    debtorContact: { name: 'Accounts payable', email: 'ap@buyer.example' },
  })).data as Json;
  const caseId = created.caseId as string;
  const opened = await waitForCase(client, caseId, 'the eligibility check', (found) => found.caseStatus !== 'SUBMITTED');
  record({
    step: 'claim case', call: `GET ${NON_PAYMENTS}/cases/${caseId}`,
    figures: { caseId, ...caseFigures(opened, ['caseStatus', 'caseType', 'claimStatus', 'collectionPhase', 'totalInvoiced', 'outstandingAmount', 'claimAmount', 'dateOfLoss']) },
  });

  // 5. The collection on the servicing ledger: the buyer's account, one claim per unpaid invoice.
  const ledgerClaims = await client.until('the servicing account', async () => {
    const found = await client.request('servicing', 'GET', `/v1/${sheet.clientId}/get_account_claims?accountReference=${caseId}`);
    return found.status === 200 && Array.isArray(found.body) && found.body.length > 0 ? found.body as unknown as Json[] : undefined;
  });
  record({
    step: 'collection on the servicing ledger', call: `GET /v1/${sheet.clientId}/get_account_claims?accountReference=${caseId}`,
    figures: { claims: ledgerClaims.length, claimReference: ledgerClaims[0]!.claimReference ?? null, amount: ledgerClaims[0]!.amount ?? null },
  });

  // 6. The claim file is complete: assessment, with the Pre-Liability Calculation and the Early Costs Assessment.
  await client.expect(201, 'nonpayment', 'POST', `${NON_PAYMENTS}/cases/${caseId}/notes`, { text: 'Invoice copy, reminders and the buyer\'s statement attached.' });
  const assessed = await readCase(client, caseId);
  const letters = (await client.expect(200, 'nonpayment', 'GET', `${NON_PAYMENTS}/cases/${caseId}/letters`)).data as Json[];
  record({
    step: 'claim in assessment', call: `GET ${NON_PAYMENTS}/cases/${caseId}/letters`,
    figures: { claimStatus: assessed.claimStatus, letters: letters.map((letter) => letter.letterType).join(', ') },
  });

  // 7. A partial recovery before indemnity: the debtor pays 1 000.00, which lowers the loss.
  const recovered = await payOnLedger(client, caseId, 100_000, 'LC-PAY-1', '1000.00', sheet.clientId);
  record({ step: 'partial recovery', call: `GET ${NON_PAYMENTS}/cases/${caseId}`, figures: caseFigures(recovered, ['totalPaid', 'outstandingAmount', 'claimStatus']) });

  // 8. The date of loss passes; the claims handler approves 90 % of the loss (the insured percentage).
  await client.advanceDays(180);
  const queue = (await client.expect(200, 'staff', 'GET', '/backoffice/v1/cases/claims-queue')).data as Json[];
  const approvedAmount = percentOfAmount(String(recovered.outstandingAmount), DEMO_INSURED_PERCENT);
  await client.expect(200, 'staff', 'POST', `/backoffice/v1/cases/${caseId}/claim/decision`, { decision: 'approve', approvedAmount });
  const approved = await readCase(client, caseId);
  record({
    step: 'decision', call: `POST /backoffice/v1/cases/${caseId}/claim/decision`,
    figures: {
      queued: queue.some((entry) => entry.caseId === caseId), ...caseFigures(approved, ['claimStatus', 'approvedAmount', 'indemnityPercentage', 'indemnityAmount']),
      insuredLoss: approved.indemnityCalculation?.insuredLoss ?? null, retainedByInsured: approved.indemnityCalculation?.retainedByInsured ?? null,
    },
  });

  // 9. The indemnity is paid.
  await client.expect(200, 'staff', 'POST', `/backoffice/v1/cases/${caseId}/claim/indemnity-payment`, { paymentReference: 'IND-LIFECYCLE-1' });
  const indemnified = await readCase(client, caseId);
  record({ step: 'indemnity', call: `GET ${NON_PAYMENTS}/cases/${caseId}`, figures: caseFigures(indemnified, ['claimStatus', 'caseStatus', 'indemnityAmount', 'outstandingAmount']) });

  // 10. Late recoveries on the servicing ledger, split with the insurer on the running total.
  await payOnLedger(client, caseId, 200_000, 'LC-PAY-2', '3000.00', sheet.clientId);
  const late = await payOnLedger(client, caseId, 50_001, 'LC-PAY-3', '3500.01', sheet.clientId);
  const split = await client.until('the recovery split', async () => {
    const found = await readCase(client, caseId);
    return found.recoveries?.length === 2 ? found : undefined;
  });
  record({
    step: 'recovery split', call: `GET ${NON_PAYMENTS}/cases/${caseId}/recoveries`,
    figures: {
      ...caseFigures(late, ['totalPaid', 'outstandingAmount', 'caseStatus']), ...split.recoverySplit,
      recoveries: (split.recoveries as Json[]).map((r) => `${r.amount} = ${r.insurerShare} insurer + ${r.insuredShare} insured`).join('; '),
    },
  });
  return steps;
}

/** One step as the CLI prints it. */
export function describeStep(step: LifecycleStep, index: number): string {
  const figures = Object.entries(step.figures).map(([key, value]) => `    ${key}: ${value === null ? '—' : String(value)}`);
  return [`${index + 1}. ${step.step}`, `    see it: ${step.call}`, ...figures].join('\n');
}

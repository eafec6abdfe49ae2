// Every rule of spec §4.2/§8 over HTTP, at its boundaries: DRF bodies keyed by field, 400 for the bad side, 201 for the good.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { addDays } from '../../src/platform/dates.js';
import { connectApi, connectBody } from './connect-support.js';
import { today } from './support.js';

const REQUIRED = ['seller_identifier', 'seller_country', 'seller_email', 'buyer_identifier', 'buyer_country', 'invoice_payment_terms', 'invoice_amount', 'invoice_amount_currency'];
const OPTIONAL = ['seller_language', 'seller_first_name', 'seller_last_name', 'invoice_number', 'invoice_issue_date', 'invoice_due_date', 'discount_code'];

describeEachEngine('Connect quote request validation over HTTP', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine, env: { RATE_LIMIT_PER_MINUTE: '0' } });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  const post = (overrides: Record<string, unknown>, drop: string[] = []) => {
    const body = connectBody(service, overrides);
    for (const key of drop) delete body[key];
    return connectApi(service, tenant).create(body);
  };
  const expectError = async (overrides: Record<string, unknown>, field: string, message: string, code: string) => {
    const response = await post(overrides);
    expect(response.status, JSON.stringify(overrides)).toBe(400);
    expect(response.body, JSON.stringify(overrides)).toEqual({ [field]: [{ message, code }] });
  };
  const expectAccepted = async (overrides: Record<string, unknown>, echoed?: Record<string, unknown>) => {
    const response = await post(overrides);
    expect(response.status, `${JSON.stringify(overrides)} → ${response.text}`).toBe(201);
    if (echoed) expect(response.body).toMatchObject(echoed);
  };

  it('the seed error: a missing seller_identifier, verbatim', async () => {
    const response = await post({}, ['seller_identifier']);
    expect(response).toMatchObject({ status: 400, body: { seller_identifier: [{ message: 'This field is required.', code: 'required' }] } });
  });

  it('every required field: missing, null, blank', async () => {
    const all = await connectApi(service, tenant).create({});
    expect(Object.keys(all.body).sort()).toEqual([...REQUIRED].sort());
    for (const field of REQUIRED) {
      expect((await post({}, [field])).body).toEqual({ [field]: [{ message: 'This field is required.', code: 'required' }] });
      expect((await post({ [field]: null })).body).toEqual({ [field]: [{ message: 'This field may not be null.', code: 'null' }] });
    }
    for (const field of ['seller_identifier', 'seller_email', 'buyer_identifier']) {
      expect((await post({ [field]: '  ' })).body).toEqual({ [field]: [{ message: 'This field may not be blank.', code: 'blank' }] });
    }
  });

  it('optional fields may be absent and are then echoed as null; an explicit null is refused (no field allows null)', async () => {
    const response = await post({}, OPTIONAL);
    expect(response.status).toBe(201);
    for (const field of OPTIONAL) expect(response.body[field], field).toBeNull();
    const nulls = await post(Object.fromEntries(OPTIONAL.map((field) => [field, null])));
    expect(nulls.body).toEqual(Object.fromEntries(OPTIONAL.map((field) => [field, [{ message: 'This field may not be null.', code: 'null' }]])));
  });

  it('invoice_payment_terms: 7 ≤ x ≤ 120, integers only', async () => {
    await expectError({ invoice_payment_terms: 6 }, 'invoice_payment_terms', 'Ensure this value is greater than or equal to 7.', 'min_value');
    await expectAccepted({ invoice_payment_terms: 7 }, { invoice_payment_terms: 7 });
    await expectAccepted({ invoice_payment_terms: 120 }, { invoice_payment_terms: 120 });
    await expectAccepted({ invoice_payment_terms: '30' }, { invoice_payment_terms: 30 });
    await expectError({ invoice_payment_terms: 121 }, 'invoice_payment_terms', 'Ensure this value is less than or equal to 120.', 'max_value');
    for (const bad of [30.5, 'thirty', true, [30]]) {
      await expectError({ invoice_payment_terms: bad }, 'invoice_payment_terms', 'A valid integer is required.', 'invalid');
    }
  });

  it('invoice_amount: > 1.0, at most 2 decimals, echoed as sent', async () => {
    await expectError({ invoice_amount: '1.0' }, 'invoice_amount', 'Ensure this value is greater than 1.0.', 'min_value');
    await expectError({ invoice_amount: '1' }, 'invoice_amount', 'Ensure this value is greater than 1.0.', 'min_value');
    await expectError({ invoice_amount: '0' }, 'invoice_amount', 'Ensure this value is greater than 1.0.', 'min_value');
    await expectAccepted({ invoice_amount: '1.01' }, { invoice_amount: '1.01' });
    await expectAccepted({ invoice_amount: '10000' }, { invoice_amount: '10000' });
    await expectAccepted({ invoice_amount: '10000.5' }, { invoice_amount: '10000.5' });
    await expectAccepted({ invoice_amount: '10001.00' }, { invoice_amount: '10001.00' });
    await expectAccepted({ invoice_amount: 2500 }, { invoice_amount: '2500' });
    await expectError({ invoice_amount: '10.001' }, 'invoice_amount', 'Ensure that there are no more than 2 decimal places.', 'max_decimal_places');
    await expectError({ invoice_amount: 'ten' }, 'invoice_amount', 'A valid number is required.', 'invalid');
  });

  it('invoice_amount_currency and seller_country: closed choices; buyer_country: ISO codes', async () => {
    for (const currency of ['DKK', 'EUR', 'GBP', 'NOK', 'SEK']) await expectAccepted({ invoice_amount_currency: currency }, { invoice_amount_currency: currency });
    await expectError({ invoice_amount_currency: 'USD' }, 'invoice_amount_currency', '"USD" is not a valid choice.', 'invalid_choice');
    await expectError({ invoice_amount_currency: 'sek' }, 'invoice_amount_currency', '"sek" is not a valid choice.', 'invalid_choice');
    await expectError({ seller_country: 'NO' }, 'seller_country', '"NO" is not a valid choice.', 'invalid_choice');
    await expectError({ buyer_country: 'XX' }, 'buyer_country', '"XX" is not a valid choice.', 'invalid_choice');
  });

  it('identifiers follow their country: Swedish organisation numbers with a valid check digit, hyphen stripped', async () => {
    await expectAccepted({ seller_identifier: '559129-3013' }, { seller_identifier: '5591293013' });
    await expectError({ seller_identifier: '5591293014' }, 'seller_identifier', 'Enter a valid organisation number.', 'invalid');
    await expectError({ buyer_identifier: '12345' }, 'buyer_identifier', 'Enter a valid organisation number.', 'invalid');
    await expectAccepted({ buyer_country: 'NO', buyer_identifier: '987654325' });
  });

  it('seller_email and seller_language', async () => {
    await expectError({ seller_email: 'hello@' }, 'seller_email', 'Enter a valid email address.', 'invalid');
    await expectAccepted({ seller_language: 'en' }, { seller_language: 'en' });
    await expectAccepted({ seller_language: 'de' }, { seller_language: 'de' });
    for (const bad of ['EN', 'eng', 'e', 'sv-SE']) {
      await expectError({ seller_language: bad }, 'seller_language', 'Enter a valid two-letter ISO 639-1 language code.', 'invalid');
    }
  });

  it('dates: issue within today ±15 days, due after today and not before issue', async () => {
    const day = today(service);
    await expectAccepted({ invoice_issue_date: addDays(day, -15) });
    await expectAccepted({ invoice_issue_date: addDays(day, 15), invoice_due_date: addDays(day, 15) });
    await expectError({ invoice_issue_date: addDays(day, -16) }, 'invoice_issue_date', 'Issue date must be within 15 days before or after today.', 'invalid');
    await expectError({ invoice_issue_date: addDays(day, 16), invoice_due_date: addDays(day, 40) }, 'invoice_issue_date', 'Issue date must be within 15 days before or after today.', 'invalid');
    await expectError({ invoice_due_date: day }, 'invoice_due_date', 'Due date must be in the future.', 'invalid');
    await expectAccepted({ invoice_due_date: addDays(day, 1) });
    await expectError({ invoice_issue_date: addDays(day, 5), invoice_due_date: addDays(day, 4) }, 'invoice_due_date', 'Due date cannot be before the issue date.', 'invalid');
    await expectError({ invoice_issue_date: '2026-02-30' }, 'invoice_issue_date', 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.', 'invalid');
  });

  it('discount_code: known codes only (sandbox tenants have the demo codes)', async () => {
    await expectAccepted({ discount_code: 'PARTNER25' }, { discount_code: 'PARTNER25' });
    await expectError({ discount_code: 'NOPE' }, 'discount_code', 'Invalid discount code.', 'invalid');
    const live = await service.createTenant({ mode: 'live' });
    const response = await connectApi(service, live).create(connectBody(service, { discount_code: 'PARTNER25' }));
    expect(response).toMatchObject({ status: 400, body: { discount_code: [{ message: 'Invalid discount code.', code: 'invalid' }] } });
  });

  it('bodies that are not objects, malformed JSON and strings too long', async () => {
    const headers = connectApi(service, tenant).headers;
    const list = await call(service.url, 'POST', '/connect/v1/quote-requests/', { headers, json: [1] });
    expect(list.status).toBe(400);
    expect(list.body.non_field_errors[0].code).toBe('invalid');
    const malformed = await call(service.url, 'POST', '/connect/v1/quote-requests/', { headers: { ...headers, 'content-type': 'application/json' }, body: '{"a":' });
    expect(malformed).toMatchObject({ status: 400, body: { code: 'parse_error' } });
    await expectError({ seller_first_name: 'x'.repeat(256) }, 'seller_first_name', 'Ensure this field has no more than 255 characters.', 'max_length');
    const several = await post({ invoice_amount: '0', invoice_payment_terms: 200 });
    expect(Object.keys(several.body).sort()).toEqual(['invoice_amount', 'invoice_payment_terms']);
  });
});

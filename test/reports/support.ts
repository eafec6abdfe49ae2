import { expect } from 'vitest';
import { call, type JsonResponse } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import type { TestService, TestTenant } from '../support/service.js';
import { accountBody, invoice, type ServicingClient } from '../servicing/support.js';

/** A staff credential of `tenant` with `roles` (made by the tenant's admin key from its credential sheet). */
export async function staffHeaders(service: TestService, tenant: TestTenant, roles: string[]): Promise<Record<string, string>> {
  const created = await call(service.url, 'POST', '/backoffice/v1/staff-credentials', {
    headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` }, json: { roles, label: roles.join('+') },
  });
  expect(created.status, created.text).toBe(201);
  return { authorization: created.body.authorization as string };
}

/** Moves the sandbox tenant's clock forward to `iso`. */
export async function advanceClockTo(service: TestService, tenant: TestTenant, iso: string): Promise<void> {
  const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(tenant), json: { to: iso } });
  expect(moved.status, moved.text).toBe(200);
}

export function getReport(service: TestService, headers: Record<string, string>, report: string, query: Record<string, string> = {}): Promise<JsonResponse<any>> {
  const search = new URLSearchParams(query).toString();
  return call(service.url, 'GET', `/backoffice/v1/reports/${report}${search === '' ? '' : `?${search}`}`, { headers });
}

/** Parses RFC 4180 CSV (quoted fields, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; } else if (char === '\r') continue;
    else if (char === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += char;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The JSON table's rows as CSV would show them: labels first, then each cell as text. */
export function tableAsCsvRows(table: { columns: { key: string; label: string }[]; rows: Record<string, unknown>[] }): string[][] {
  return [table.columns.map((column) => column.label), ...table.rows.map((row) => table.columns.map((column) => (row[column.key] === null ? '' : String(row[column.key]))))];
}

/** The named attachment of a stored .eml, decoded (nodemailer writes attachments base64 or quoted-printable). */
export function emlAttachment(eml: string): { filename: string; contentType: string; content: Buffer } {
  const boundary = /boundary="?([^"\r\n;]+)"?/.exec(eml)?.[1];
  expect(boundary, 'multipart message').toBeDefined();
  const parts = eml.split(`--${boundary}`);
  const part = parts.find((candidate) => /Content-Disposition: attachment/i.test(candidate));
  expect(part, 'an attachment').toBeDefined();
  const [head, ...body] = part!.split(/\r?\n\r?\n/);
  const filename = /filename="?([^"\r\n;]+)"?/i.exec(head!)?.[1] ?? '';
  const contentType = /Content-Type: ([^;\r\n]+)/i.exec(head!)?.[1] ?? '';
  const encoded = body.join('\n\n').trim();
  const content = /Content-Transfer-Encoding: base64/i.test(head!)
    ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64')
    : Buffer.from(encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return { filename, contentType, content };
}

/**
 * A servicing book for the recovery curves, on a tenant whose clock starts at 2026-11-21T10:00Z: claims NOV-1
 * (10,000.00) and NOV-2 (5,000.00) placed in November, DEC-1 (4,000.00) on 22 December; payments of 2,000.00 on
 * NOV-1 (25 Nov), 3,000.00 on NOV-1 and 500.00 on NOV-2 (10 Dec), 1,000.00 on DEC-1 and 1,000.00 on NOV-1 (5 Jan).
 * Leaves the clock at 2027-02-02T10:00Z.
 */
export async function seedRecoveryBook(service: TestService, servicing: ServicingClient): Promise<void> {
  const advanceTo = (iso: string) => advanceClockTo(service, servicing.tenant, iso);
  const pay = async (reference: string, claim: string, amount: number) => {
    const paid = await servicing.post('add_account_ledger_entries', [
      { accountReference: 'ACC-REC', ledgerEntryReference: reference, paymentDetails: { amount }, context: { ledgerEntryReference: claim } },
    ]);
    expect(paid.status, paid.text).toBe(200);
  };
  const created = await servicing.post('create_accounts', accountBody('ACC-REC', [invoice('NOV-1', 1_000_000, { dueDate: '2026-11-01' }), invoice('NOV-2', 500_000, { dueDate: '2026-11-01' })]));
  expect(created.body['ACC-REC']?.success, created.text).toBe(true);
  await advanceTo('2026-11-25T10:00:00.000Z');
  await pay('PAY-1', 'NOV-1', 200_000);
  await advanceTo('2026-12-10T10:00:00.000Z');
  await pay('PAY-2', 'NOV-1', 300_000);
  await pay('PAY-3', 'NOV-2', 50_000);
  await advanceTo('2026-12-22T10:00:00.000Z');
  const december = await servicing.post('add_account_ledger_entries', [{ accountReference: 'ACC-REC', ...invoice('DEC-1', 400_000, { dueDate: '2026-12-01' }) }]);
  expect(december.status, december.text).toBe(200);
  // NOV-1's third payment falls in its second month after placement, DEC-1's first in its first.
  await advanceTo('2027-01-05T10:00:00.000Z');
  await pay('PAY-4', 'DEC-1', 100_000);
  await pay('PAY-5', 'NOV-1', 100_000);
  await advanceTo('2027-02-02T10:00:00.000Z');
}

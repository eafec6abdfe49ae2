import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import QRCode from 'qrcode';
import { formatDecimalAmount } from '../../platform/money.js';

/*
 * The European Payments Council's SEPA credit-transfer QR code (EPC069-12, version 002): twelve lines joined by LF,
 * UTF-8, error correction M. A banking app that scans it fills in the payee, IBAN, amount and the structured
 * (RF) reference. Version 002 makes the BIC optional inside the EEA.
 */

export interface EpcTransfer {
  beneficiaryName: string;
  iban: string;
  bic?: string | null;
  /** Euro cents, 1 to 99,999,999,999 (EPC's EUR 0.01 – 999,999,999.99). */
  amountMinor: number;
  /** An ISO 11649 RF reference (the structured remittance line). */
  reference: string;
}

export type EpcProblem = 'name' | 'iban' | 'bic' | 'amount';

/** What in the transfer EPC069-12 does not allow, if anything. */
export function epcProblem(transfer: EpcTransfer): EpcProblem | null {
  const name = transfer.beneficiaryName.trim();
  if (name === '' || name.length > 70) return 'name';
  if (!isValidIBAN(electronicFormatIBAN(transfer.iban) ?? '')) return 'iban';
  if (transfer.bic && !isValidBIC(transfer.bic)) return 'bic';
  if (!Number.isInteger(transfer.amountMinor) || transfer.amountMinor < 1 || transfer.amountMinor > 99_999_999_999) return 'amount';
  return null;
}

export function epcPayload(transfer: EpcTransfer): string {
  const problem = epcProblem(transfer);
  if (problem) throw new RangeError(`EPC QR code: invalid ${problem}`);
  return [
    'BCD', '002', '1', 'SCT', transfer.bic ?? '', transfer.beneficiaryName.trim(), electronicFormatIBAN(transfer.iban) ?? '',
    `EUR${formatDecimalAmount(transfer.amountMinor, 'EUR')}`, '', transfer.reference, '', '',
  ].join('\n').replace(/\n+$/, '');
}

/** The payload as an inline SVG (no image request, no script), with a text alternative for assistive technology. */
export async function epcQrSvg(payload: string, label: string): Promise<string> {
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}" `);
}

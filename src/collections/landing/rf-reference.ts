/*
 * ISO 11649 structured creditor reference ("RF reference"): `RF` + two check digits + 1–21 letters and digits. The
 * check digits are ISO 7064 mod 97-10 over the reference followed by "RF00", letters counted A=10 … Z=35, as for an
 * IBAN; a valid reference leaves remainder 1 with its own check digits.
 */

const BODY = /^[0-9A-Z]{1,21}$/;

function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const digits = /[0-9]/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The RF reference for a body of 1–21 letters and digits (upper case). */
export function creditorReference(body: string): string {
  if (!BODY.test(body)) throw new RangeError(`An RF reference body is 1 to 21 letters and digits, not ${JSON.stringify(body)}`);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** Whether a reference (spaces allowed, any case) is a valid RF reference. */
export function isValidCreditorReference(reference: string): boolean {
  const compact = reference.replace(/\s+/g, '').toUpperCase();
  const match = /^RF(\d{2})([0-9A-Z]{1,21})$/.exec(compact);
  if (!match) return false;
  return mod97(`${match[2]}RF${match[1]}`) === 1;
}

/** Groups of four for reading aloud or typing (RF18 5390 0754 7034). */
export function printedCreditorReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}

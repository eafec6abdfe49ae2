import type { Channel } from '../domain/strategy/document.js';

/*
 * Where a message to a debtor goes on each channel, read from the wire Debtor's contactInformation (spec §6
 * BaseContactInformation): `email` (else the first additional e-mail), `mobileNumber` (else the first additional
 * one; a landline takes no SMS), and a postal address (addressLine1 plus a postal code or a city).
 */
type Contact = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function contactOf(debtor: Contact | null): Contact {
  const contact = debtor?.contactInformation;
  return typeof contact === 'object' && contact !== null ? (contact as Contact) : {};
}

function additional(contact: Contact, field: string): string | undefined {
  const list = Array.isArray(contact.additionalContactInformation) ? contact.additionalContactInformation : [];
  for (const entry of list) {
    const value = typeof entry === 'object' && entry !== null ? text((entry as Contact)[field]) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

export function debtorName(debtor: Contact | null): string {
  const company = text(debtor?.companyName);
  if (debtor?.type === 'legal' && company) return company;
  const person = [text(debtor?.title), text(debtor?.firstName), text(debtor?.lastName)].filter(Boolean).join(' ');
  return person || company || '';
}

/** The postal address as the lines of a letter's window, or undefined when it is incomplete. */
export function postalLines(debtor: Contact | null): string[] | undefined {
  const contact = contactOf(debtor);
  const street = text(contact.addressLine1);
  const postalCode = text(contact.postalCode);
  const city = text(contact.city);
  if (street === undefined || (postalCode === undefined && city === undefined)) return undefined;
  const houseNumber = text(contact.houseNumber);
  const streetLine = houseNumber && !street.includes(houseNumber) ? `${street} ${houseNumber}` : street;
  return [
    debtorName(debtor), streetLine, text(contact.addressLine2), text(contact.addressLine3),
    [postalCode, city].filter(Boolean).join(' '), text(contact.country),
  ].filter((line): line is string => line !== undefined && line !== '');
}

/** The debtor's address on a channel (an e-mail address, an E.164 number, the postal lines joined), if any. */
export function addressFor(channel: Channel, debtor: Contact | null): string | undefined {
  const contact = contactOf(debtor);
  switch (channel) {
    case 'email':
      return text(contact.email) ?? additional(contact, 'email');
    case 'sms':
      return text(contact.mobileNumber) ?? additional(contact, 'mobileNumber');
    case 'letter':
      return postalLines(debtor)?.join('\n');
  }
}

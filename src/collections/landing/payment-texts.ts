import type { Language } from '../communications/language.js';

/* The words of the bank-transfer part of the page, in each language the page speaks. */

export interface PaymentTexts {
  payHeading: string;
  chooseItems: string;
  selectItem: (claimReference: string) => string;
  paySelected: string;
  payAll: string;
  transferHeading: string;
  transferIntro: string;
  beneficiary: string;
  iban: string;
  bic: string;
  reference: string;
  amountToPay: string;
  items: string;
  referenceNote: string;
  qrHeading: string;
  qrLabel: string;
  payeeMissing: string;
  nothingChosen: string;
  mixedCurrencies: string;
  backToAccount: string;
}

const en: PaymentTexts = {
  payHeading: 'Pay by bank transfer', chooseItems: 'Choose what to pay', selectItem: (ref) => `Pay invoice ${ref}`,
  paySelected: 'Pay the chosen invoices', payAll: 'Pay everything', transferHeading: 'Your bank transfer',
  transferIntro: 'Please transfer the amount below and quote the reference exactly, so that we can match your payment.',
  beneficiary: 'Beneficiary', iban: 'IBAN', bic: 'BIC', reference: 'Reference', amountToPay: 'Amount', items: 'Invoices paid',
  referenceNote: 'Quote this reference as the structured creditor reference (or in the payment reference field).',
  qrHeading: 'Scan with your banking app', qrLabel: 'EPC QR code for this bank transfer',
  payeeMissing: 'The bank details are not available online. Please contact your creditor.',
  nothingChosen: 'Please choose at least one open invoice.', mixedCurrencies: 'Please choose invoices of one currency at a time.',
  backToAccount: 'Back to your account',
};

const de: PaymentTexts = {
  payHeading: 'Per Überweisung bezahlen', chooseItems: 'Wählen Sie, was Sie bezahlen', selectItem: (ref) => `Rechnung ${ref} bezahlen`,
  paySelected: 'Gewählte Rechnungen bezahlen', payAll: 'Alles bezahlen', transferHeading: 'Ihre Überweisung',
  transferIntro: 'Bitte überweisen Sie den folgenden Betrag und geben Sie die Referenz genau an, damit wir Ihre Zahlung zuordnen können.',
  beneficiary: 'Empfänger', iban: 'IBAN', bic: 'BIC', reference: 'Referenz', amountToPay: 'Betrag', items: 'Bezahlte Rechnungen',
  referenceNote: 'Geben Sie diese Referenz als strukturierte Gläubigerreferenz (oder im Verwendungszweck) an.',
  qrHeading: 'Mit Ihrer Banking-App scannen', qrLabel: 'EPC-QR-Code für diese Überweisung',
  payeeMissing: 'Die Bankverbindung ist online nicht verfügbar. Bitte wenden Sie sich an Ihren Gläubiger.',
  nothingChosen: 'Bitte wählen Sie mindestens eine offene Rechnung.', mixedCurrencies: 'Bitte wählen Sie jeweils Rechnungen in einer Währung.',
  backToAccount: 'Zurück zu Ihrem Konto',
};

const sv: PaymentTexts = {
  payHeading: 'Betala med banköverföring', chooseItems: 'Välj vad du vill betala', selectItem: (ref) => `Betala faktura ${ref}`,
  paySelected: 'Betala valda fakturor', payAll: 'Betala allt', transferHeading: 'Din banköverföring',
  transferIntro: 'Överför beloppet nedan och ange referensen exakt, så att vi kan matcha din betalning.',
  beneficiary: 'Mottagare', iban: 'IBAN', bic: 'BIC', reference: 'Referens', amountToPay: 'Belopp', items: 'Fakturor som betalas',
  referenceNote: 'Ange referensen som strukturerad borgenärsreferens (eller i meddelandefältet).',
  qrHeading: 'Skanna med din bankapp', qrLabel: 'EPC QR-kod för denna överföring',
  payeeMissing: 'Bankuppgifterna finns inte tillgängliga online. Kontakta din borgenär.',
  nothingChosen: 'Välj minst en obetald faktura.', mixedCurrencies: 'Välj fakturor i en valuta i taget.',
  backToAccount: 'Tillbaka till ditt konto',
};

const nl: PaymentTexts = {
  payHeading: 'Betalen per overschrijving', chooseItems: 'Kies wat u betaalt', selectItem: (ref) => `Factuur ${ref} betalen`,
  paySelected: 'Gekozen facturen betalen', payAll: 'Alles betalen', transferHeading: 'Uw overschrijving',
  transferIntro: 'Maak het onderstaande bedrag over en vermeld de referentie precies, zodat wij uw betaling kunnen koppelen.',
  beneficiary: 'Begunstigde', iban: 'IBAN', bic: 'BIC', reference: 'Referentie', amountToPay: 'Bedrag', items: 'Betaalde facturen',
  referenceNote: 'Vermeld deze referentie als gestructureerde schuldeisersreferentie (of in de omschrijving).',
  qrHeading: 'Scan met uw bankapp', qrLabel: 'EPC-QR-code voor deze overschrijving',
  payeeMissing: 'De bankgegevens zijn online niet beschikbaar. Neem contact op met uw schuldeiser.',
  nothingChosen: 'Kies ten minste één openstaande factuur.', mixedCurrencies: 'Kies facturen in één valuta tegelijk.',
  backToAccount: 'Terug naar uw rekening',
};

export const PAYMENT_TEXTS: Readonly<Record<Language, PaymentTexts>> = { en, de, sv, nl };

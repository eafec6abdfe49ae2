import type { Language } from '../communications/language.js';

/* The landing page's words in each language it speaks (collections.md §4: English, German, Swedish, Dutch). */

export interface LandingTexts {
  languageName: string;
  languageSwitcher: string;
  pageTitle: string;
  askHeading: string;
  askIntro: string;
  answerLabel: string;
  answerHint: string;
  continue: string;
  wrongAnswer: (attemptsLeft: number) => string;
  lockedHeading: string;
  locked: string;
  expiredHeading: string;
  expired: string;
  notFoundHeading: string;
  notFound: string;
  accountHeading: (debtorName: string) => string;
  balanceHeading: string;
  totalOutstanding: string;
  claim: string;
  dueDate: string;
  principal: string;
  fees: string;
  outstanding: string;
  status: string;
  statusOpen: string;
  statusPaid: string;
  noFees: string;
}

const en: LandingTexts = {
  languageName: 'English', languageSwitcher: 'Language', pageTitle: 'Your account',
  askHeading: 'Confirm it is you', askIntro: 'To protect your data, please enter the invoice number of one of your invoices or your postcode.',
  answerLabel: 'Invoice number or postcode', answerHint: 'For example the invoice number printed on the reminder.', continue: 'Continue',
  wrongAnswer: (n) => `That does not match our records. ${n} ${n === 1 ? 'attempt' : 'attempts'} left.`,
  lockedHeading: 'This link is locked', locked: 'Too many wrong answers were given. Please contact your creditor for a new link.',
  expiredHeading: 'This link is no longer valid', expired: 'The link has expired or was withdrawn. Please contact your creditor for a new link.',
  notFoundHeading: 'Page not found', notFound: 'We could not find this page. Please check the link in your message.',
  accountHeading: (name) => (name ? `Account of ${name}` : 'Your account'), balanceHeading: 'What is open',
  totalOutstanding: 'Total outstanding', claim: 'Invoice', dueDate: 'Due date', principal: 'Amount', fees: 'Fees', outstanding: 'Outstanding',
  status: 'Status', statusOpen: 'Open', statusPaid: 'Paid', noFees: 'No fees',
};

const de: LandingTexts = {
  languageName: 'Deutsch', languageSwitcher: 'Sprache', pageTitle: 'Ihr Konto',
  askHeading: 'Bestätigen Sie, dass Sie es sind', askIntro: 'Zum Schutz Ihrer Daten geben Sie bitte die Nummer einer Ihrer Rechnungen oder Ihre Postleitzahl ein.',
  answerLabel: 'Rechnungsnummer oder Postleitzahl', answerHint: 'Zum Beispiel die Rechnungsnummer aus der Zahlungserinnerung.', continue: 'Weiter',
  wrongAnswer: (n) => `Das stimmt nicht mit unseren Daten überein. Noch ${n} ${n === 1 ? 'Versuch' : 'Versuche'}.`,
  lockedHeading: 'Dieser Link ist gesperrt', locked: 'Es wurden zu viele falsche Angaben gemacht. Bitte fordern Sie bei Ihrem Gläubiger einen neuen Link an.',
  expiredHeading: 'Dieser Link ist nicht mehr gültig', expired: 'Der Link ist abgelaufen oder wurde zurückgezogen. Bitte fordern Sie bei Ihrem Gläubiger einen neuen Link an.',
  notFoundHeading: 'Seite nicht gefunden', notFound: 'Diese Seite gibt es nicht. Bitte prüfen Sie den Link in Ihrer Nachricht.',
  accountHeading: (name) => (name ? `Konto von ${name}` : 'Ihr Konto'), balanceHeading: 'Offene Posten',
  totalOutstanding: 'Offen insgesamt', claim: 'Rechnung', dueDate: 'Fällig am', principal: 'Betrag', fees: 'Gebühren', outstanding: 'Offen',
  status: 'Status', statusOpen: 'Offen', statusPaid: 'Bezahlt', noFees: 'Keine Gebühren',
};

const sv: LandingTexts = {
  languageName: 'Svenska', languageSwitcher: 'Språk', pageTitle: 'Ditt konto',
  askHeading: 'Bekräfta att det är du', askIntro: 'För att skydda dina uppgifter, ange fakturanumret på en av dina fakturor eller ditt postnummer.',
  answerLabel: 'Fakturanummer eller postnummer', answerHint: 'Till exempel fakturanumret i påminnelsen.', continue: 'Fortsätt',
  wrongAnswer: (n) => `Det stämmer inte med våra uppgifter. ${n} ${n === 1 ? 'försök' : 'försök'} kvar.`,
  lockedHeading: 'Länken är spärrad', locked: 'För många felaktiga svar har angetts. Kontakta din borgenär för en ny länk.',
  expiredHeading: 'Länken gäller inte längre', expired: 'Länken har gått ut eller dragits tillbaka. Kontakta din borgenär för en ny länk.',
  notFoundHeading: 'Sidan hittades inte', notFound: 'Vi hittade inte sidan. Kontrollera länken i ditt meddelande.',
  accountHeading: (name) => (name ? `Konto för ${name}` : 'Ditt konto'), balanceHeading: 'Obetalda poster',
  totalOutstanding: 'Totalt att betala', claim: 'Faktura', dueDate: 'Förfallodag', principal: 'Belopp', fees: 'Avgifter', outstanding: 'Att betala',
  status: 'Status', statusOpen: 'Obetald', statusPaid: 'Betald', noFees: 'Inga avgifter',
};

const nl: LandingTexts = {
  languageName: 'Nederlands', languageSwitcher: 'Taal', pageTitle: 'Uw rekening',
  askHeading: 'Bevestig dat u het bent', askIntro: 'Ter bescherming van uw gegevens vragen wij het nummer van een van uw facturen of uw postcode.',
  answerLabel: 'Factuurnummer of postcode', answerHint: 'Bijvoorbeeld het factuurnummer uit de herinnering.', continue: 'Verder',
  wrongAnswer: (n) => `Dat komt niet overeen met onze gegevens. Nog ${n} ${n === 1 ? 'poging' : 'pogingen'}.`,
  lockedHeading: 'Deze link is geblokkeerd', locked: 'Er zijn te veel onjuiste antwoorden gegeven. Vraag uw schuldeiser om een nieuwe link.',
  expiredHeading: 'Deze link is niet meer geldig', expired: 'De link is verlopen of ingetrokken. Vraag uw schuldeiser om een nieuwe link.',
  notFoundHeading: 'Pagina niet gevonden', notFound: 'Wij konden deze pagina niet vinden. Controleer de link in uw bericht.',
  accountHeading: (name) => (name ? `Rekening van ${name}` : 'Uw rekening'), balanceHeading: 'Openstaande posten',
  totalOutstanding: 'Totaal openstaand', claim: 'Factuur', dueDate: 'Vervaldatum', principal: 'Bedrag', fees: 'Kosten', outstanding: 'Openstaand',
  status: 'Status', statusOpen: 'Open', statusPaid: 'Betaald', noFees: 'Geen kosten',
};

export const LANDING_TEXTS: Readonly<Record<Language, LandingTexts>> = { en, de, sv, nl };

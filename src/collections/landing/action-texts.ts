import type { Language } from '../communications/language.js';

/* The words of what the debtor can do on the page besides a bank transfer, in each language the page speaks. */

export interface ActionTexts {
  optionsHeading: string;
  mandateLink: string;
  promiseLink: string;
  planLink: string;
  disputeLink: string;
  statementCsv: string;
  statementPdf: string;
  disputed: string;
  commitmentsHeading: string;
  promiseShown: (amount: string, date: string) => string;
  planShown: (count: number, total: string) => string;
  disputeShown: (invoice: string, date: string) => string;
  agreementLink: string;
  invoiceLabel: string;
  mandateHeading: string;
  mandateIntro: string;
  holderLabel: string;
  ibanLabel: string;
  ibanHint: string;
  consentLabel: string;
  submitMandate: string;
  invalidIban: string;
  holderMissing: string;
  consentMissing: string;
  mandateDone: (reference: string) => string;
  promiseHeading: string;
  promiseIntro: string;
  amountLabel: string;
  amountHint: (minimum: string) => string;
  dateLabel: string;
  dateHint: (latest: string) => string;
  submitPromise: string;
  promiseRefused: string;
  promiseDone: (amount: string, date: string) => string;
  planHeading: string;
  planIntro: string;
  planLabel: string;
  showSchedule: string;
  scheduleHeading: string;
  instalment: string;
  acceptPlan: string;
  planTotal: string;
  noPlans: string;
  planRefused: string;
  planDone: string;
  agreementTitle: string;
  agreementIntro: (debtor: string, total: string) => string;
  agreementClose: string;
  agreementEmailed: (email: string) => string;
  agreementMailBody: string;
  disputeHeading: string;
  disputeIntro: string;
  reasonLabel: string;
  reasonHint: string;
  fileLabel: string;
  fileHint: (megabytes: number) => string;
  submitDispute: string;
  reasonMissing: string;
  fileRefused: string;
  disputeDone: (invoice: string) => string;
  statementTitle: string;
  currencyColumn: string;
  purchaseOrderColumn: string;
  statementDate: (date: string) => string;
  doneHeading: string;
  formError: string;
}

const en: ActionTexts = {
  optionsHeading: 'Other ways to settle', mandateLink: 'Pay by direct debit', promiseLink: 'Promise to pay by a date', planLink: 'Pay in instalments',
  disputeLink: 'Dispute an invoice', statementCsv: 'Download statement (CSV)', statementPdf: 'Download statement (PDF)', disputed: 'Disputed',
  commitmentsHeading: 'What you have arranged', promiseShown: (a, d) => `You promised to pay ${a} by ${d}.`,
  planShown: (n, t) => `Instalment plan of ${n} instalments, ${t} in total.`, disputeShown: (i, d) => `Invoice ${i} disputed on ${d}; we will be in touch.`,
  agreementLink: 'Instalment agreement (PDF)', invoiceLabel: 'Invoice',
  mandateHeading: 'Set up a direct debit', mandateIntro: 'We will collect the amounts due from your bank account (SEPA direct debit).',
  holderLabel: 'Account holder', ibanLabel: 'IBAN', ibanHint: 'For example DE89 3704 0044 0532 0130 00.',
  consentLabel: 'I authorise the creditor to collect payments from this account by direct debit.', submitMandate: 'Set up direct debit',
  invalidIban: 'This is not a valid IBAN. Please check it.', holderMissing: 'Please enter the account holder.', consentMissing: 'Please confirm the authorisation.',
  mandateDone: (r) => `Your direct-debit mandate ${r} is set up.`,
  promiseHeading: 'Promise to pay', promiseIntro: 'Tell us when you will pay. We will wait until then.', amountLabel: 'Amount',
  amountHint: (m) => `At least ${m}, at most what is open on the invoice.`, dateLabel: 'Date of payment', dateHint: (l) => `At the latest ${l}.`,
  submitPromise: 'Promise to pay', promiseRefused: 'The amount or date is outside what we can accept. Please check both.',
  promiseDone: (a, d) => `Thank you. You promised to pay ${a} by ${d}.`,
  planHeading: 'Pay in instalments', planIntro: 'Choose a plan; you will see every instalment before you accept.', planLabel: 'Plan',
  showSchedule: 'Show the instalments', scheduleHeading: 'Your instalments', instalment: 'Instalment', acceptPlan: 'Accept this plan', planTotal: 'Total',
  noPlans: 'No instalment plan is available for this account.', planRefused: 'This plan cannot be set up for your account. Please choose another.',
  planDone: 'Your instalment plan is set up. Your agreement is ready to download.',
  agreementTitle: 'Instalment agreement', agreementIntro: (d, t) => `${d} agrees to pay ${t} in the instalments below.`,
  agreementClose: 'If an instalment is not paid within the grace period, the whole amount becomes due again.',
  agreementEmailed: (e) => `We have also sent it to ${e}.`, agreementMailBody: 'Thank you. Your instalment agreement is attached.',
  disputeHeading: 'Dispute an invoice', disputeIntro: 'Tell us what is wrong. We pause reminders for the invoice while we look into it.',
  reasonLabel: 'Reason', reasonHint: 'For example: goods not received, wrong amount, already paid.', fileLabel: 'Document (optional)',
  fileHint: (mb) => `PDF, image or office document, at most ${mb} MB.`, submitDispute: 'Send dispute', reasonMissing: 'Please tell us the reason.',
  fileRefused: 'The document is too large or of a type we cannot accept.', disputeDone: (i) => `We received your dispute of invoice ${i}.`,
  statementTitle: 'Statement of account', currencyColumn: 'Currency', purchaseOrderColumn: 'PO number', statementDate: (d) => `As of ${d}`, doneHeading: 'Done', formError: 'Please correct the form.',
};

const de: ActionTexts = {
  optionsHeading: 'Weitere Möglichkeiten', mandateLink: 'Per Lastschrift zahlen', promiseLink: 'Zahlung zu einem Datum zusagen', planLink: 'In Raten zahlen',
  disputeLink: 'Rechnung beanstanden', statementCsv: 'Kontoauszug herunterladen (CSV)', statementPdf: 'Kontoauszug herunterladen (PDF)', disputed: 'Beanstandet',
  commitmentsHeading: 'Ihre Vereinbarungen', promiseShown: (a, d) => `Sie haben zugesagt, ${a} bis zum ${d} zu zahlen.`,
  planShown: (n, t) => `Ratenplan mit ${n} Raten, insgesamt ${t}.`, disputeShown: (i, d) => `Rechnung ${i} am ${d} beanstandet; wir melden uns.`,
  agreementLink: 'Ratenvereinbarung (PDF)', invoiceLabel: 'Rechnung',
  mandateHeading: 'Lastschrift einrichten', mandateIntro: 'Wir ziehen die fälligen Beträge von Ihrem Bankkonto ein (SEPA-Lastschrift).',
  holderLabel: 'Kontoinhaber', ibanLabel: 'IBAN', ibanHint: 'Zum Beispiel DE89 3704 0044 0532 0130 00.',
  consentLabel: 'Ich ermächtige den Gläubiger, Zahlungen von diesem Konto mittels Lastschrift einzuziehen.', submitMandate: 'Lastschrift einrichten',
  invalidIban: 'Das ist keine gültige IBAN. Bitte prüfen Sie sie.', holderMissing: 'Bitte geben Sie den Kontoinhaber an.', consentMissing: 'Bitte bestätigen Sie die Ermächtigung.',
  mandateDone: (r) => `Ihr Lastschriftmandat ${r} ist eingerichtet.`,
  promiseHeading: 'Zahlung zusagen', promiseIntro: 'Sagen Sie uns, wann Sie zahlen. Bis dahin warten wir.', amountLabel: 'Betrag',
  amountHint: (m) => `Mindestens ${m}, höchstens der offene Betrag der Rechnung.`, dateLabel: 'Zahlungsdatum', dateHint: (l) => `Spätestens am ${l}.`,
  submitPromise: 'Zahlung zusagen', promiseRefused: 'Betrag oder Datum liegen außerhalb dessen, was wir annehmen können. Bitte prüfen Sie beides.',
  promiseDone: (a, d) => `Danke. Sie haben zugesagt, ${a} bis zum ${d} zu zahlen.`,
  planHeading: 'In Raten zahlen', planIntro: 'Wählen Sie einen Plan; Sie sehen jede Rate, bevor Sie zustimmen.', planLabel: 'Plan',
  showSchedule: 'Raten anzeigen', scheduleHeading: 'Ihre Raten', instalment: 'Rate', acceptPlan: 'Diesem Plan zustimmen', planTotal: 'Summe',
  noPlans: 'Für dieses Konto ist kein Ratenplan verfügbar.', planRefused: 'Dieser Plan ist für Ihr Konto nicht möglich. Bitte wählen Sie einen anderen.',
  planDone: 'Ihr Ratenplan ist eingerichtet. Ihre Vereinbarung steht zum Herunterladen bereit.',
  agreementTitle: 'Ratenvereinbarung', agreementIntro: (d, t) => `${d} verpflichtet sich, ${t} in den folgenden Raten zu zahlen.`,
  agreementClose: 'Wird eine Rate nicht innerhalb der Nachfrist bezahlt, wird der gesamte Betrag wieder fällig.',
  agreementEmailed: (e) => `Wir haben sie auch an ${e} gesendet.`, agreementMailBody: 'Vielen Dank. Ihre Ratenvereinbarung finden Sie im Anhang.',
  disputeHeading: 'Rechnung beanstanden', disputeIntro: 'Sagen Sie uns, was nicht stimmt. Solange wir prüfen, senden wir keine Erinnerungen zu dieser Rechnung.',
  reasonLabel: 'Grund', reasonHint: 'Zum Beispiel: Ware nicht erhalten, falscher Betrag, bereits bezahlt.', fileLabel: 'Dokument (optional)',
  fileHint: (mb) => `PDF, Bild oder Office-Dokument, höchstens ${mb} MB.`, submitDispute: 'Beanstandung senden', reasonMissing: 'Bitte nennen Sie den Grund.',
  fileRefused: 'Das Dokument ist zu groß oder hat einen Typ, den wir nicht annehmen.', disputeDone: (i) => `Wir haben Ihre Beanstandung der Rechnung ${i} erhalten.`,
  statementTitle: 'Kontoauszug', currencyColumn: 'Währung', purchaseOrderColumn: 'Bestellnummer', statementDate: (d) => `Stand ${d}`, doneHeading: 'Erledigt', formError: 'Bitte korrigieren Sie das Formular.',
};

const sv: ActionTexts = {
  optionsHeading: 'Andra sätt att betala', mandateLink: 'Betala med autogiro', promiseLink: 'Lova att betala till ett datum', planLink: 'Betala i delbetalningar',
  disputeLink: 'Bestrid en faktura', statementCsv: 'Ladda ner kontoutdrag (CSV)', statementPdf: 'Ladda ner kontoutdrag (PDF)', disputed: 'Bestridd',
  commitmentsHeading: 'Det du har ordnat', promiseShown: (a, d) => `Du har lovat att betala ${a} senast ${d}.`,
  planShown: (n, t) => `Avbetalningsplan med ${n} delbetalningar, totalt ${t}.`, disputeShown: (i, d) => `Faktura ${i} bestreds ${d}; vi hör av oss.`,
  agreementLink: 'Avbetalningsavtal (PDF)', invoiceLabel: 'Faktura',
  mandateHeading: 'Starta autogiro', mandateIntro: 'Vi drar de förfallna beloppen från ditt bankkonto (SEPA-autogiro).',
  holderLabel: 'Kontohavare', ibanLabel: 'IBAN', ibanHint: 'Till exempel SE45 5000 0000 0583 9825 7466.',
  consentLabel: 'Jag ger borgenären rätt att dra betalningar från detta konto via autogiro.', submitMandate: 'Starta autogiro',
  invalidIban: 'Detta är inte ett giltigt IBAN. Kontrollera det.', holderMissing: 'Ange kontohavaren.', consentMissing: 'Bekräfta medgivandet.',
  mandateDone: (r) => `Ditt autogiromedgivande ${r} är registrerat.`,
  promiseHeading: 'Lova att betala', promiseIntro: 'Berätta när du betalar. Vi väntar till dess.', amountLabel: 'Belopp',
  amountHint: (m) => `Minst ${m}, högst det som är obetalt på fakturan.`, dateLabel: 'Betalningsdag', dateHint: (l) => `Senast ${l}.`,
  submitPromise: 'Lova att betala', promiseRefused: 'Beloppet eller datumet ligger utanför det vi kan godta. Kontrollera båda.',
  promiseDone: (a, d) => `Tack. Du har lovat att betala ${a} senast ${d}.`,
  planHeading: 'Betala i delbetalningar', planIntro: 'Välj en plan; du ser varje delbetalning innan du godkänner.', planLabel: 'Plan',
  showSchedule: 'Visa delbetalningarna', scheduleHeading: 'Dina delbetalningar', instalment: 'Delbetalning', acceptPlan: 'Godkänn planen', planTotal: 'Totalt',
  noPlans: 'Ingen avbetalningsplan finns för detta konto.', planRefused: 'Planen kan inte läggas upp för ditt konto. Välj en annan.',
  planDone: 'Din avbetalningsplan är upplagd. Ditt avtal finns att ladda ner.',
  agreementTitle: 'Avbetalningsavtal', agreementIntro: (d, t) => `${d} åtar sig att betala ${t} enligt delbetalningarna nedan.`,
  agreementClose: 'Om en delbetalning inte betalas inom respittiden förfaller hela beloppet till betalning igen.',
  agreementEmailed: (e) => `Vi har också skickat det till ${e}.`, agreementMailBody: 'Tack. Ditt avbetalningsavtal finns bifogat.',
  disputeHeading: 'Bestrid en faktura', disputeIntro: 'Berätta vad som är fel. Vi pausar påminnelser för fakturan medan vi utreder.',
  reasonLabel: 'Anledning', reasonHint: 'Till exempel: varan har inte kommit, fel belopp, redan betald.', fileLabel: 'Dokument (valfritt)',
  fileHint: (mb) => `PDF, bild eller Office-dokument, högst ${mb} MB.`, submitDispute: 'Skicka bestridande', reasonMissing: 'Ange anledningen.',
  fileRefused: 'Dokumentet är för stort eller av en typ vi inte tar emot.', disputeDone: (i) => `Vi har tagit emot ditt bestridande av faktura ${i}.`,
  statementTitle: 'Kontoutdrag', currencyColumn: 'Valuta', purchaseOrderColumn: 'Ordernummer', statementDate: (d) => `Per ${d}`, doneHeading: 'Klart', formError: 'Rätta formuläret.',
};

const nl: ActionTexts = {
  optionsHeading: 'Andere manieren om te betalen', mandateLink: 'Betalen via automatische incasso', promiseLink: 'Betaling toezeggen op een datum', planLink: 'In termijnen betalen',
  disputeLink: 'Factuur betwisten', statementCsv: 'Rekeningoverzicht downloaden (CSV)', statementPdf: 'Rekeningoverzicht downloaden (PDF)', disputed: 'Betwist',
  commitmentsHeading: 'Wat u hebt afgesproken', promiseShown: (a, d) => `U hebt toegezegd ${a} uiterlijk ${d} te betalen.`,
  planShown: (n, t) => `Betalingsregeling van ${n} termijnen, in totaal ${t}.`, disputeShown: (i, d) => `Factuur ${i} betwist op ${d}; wij nemen contact op.`,
  agreementLink: 'Betalingsregeling (PDF)', invoiceLabel: 'Factuur',
  mandateHeading: 'Automatische incasso instellen', mandateIntro: 'Wij schrijven de verschuldigde bedragen af van uw bankrekening (SEPA-incasso).',
  holderLabel: 'Rekeninghouder', ibanLabel: 'IBAN', ibanHint: 'Bijvoorbeeld NL91 ABNA 0417 1643 00.',
  consentLabel: 'Ik machtig de schuldeiser om betalingen van deze rekening te incasseren.', submitMandate: 'Incasso instellen',
  invalidIban: 'Dit is geen geldig IBAN. Controleer het.', holderMissing: 'Vul de rekeninghouder in.', consentMissing: 'Bevestig de machtiging.',
  mandateDone: (r) => `Uw incassomachtiging ${r} is ingesteld.`,
  promiseHeading: 'Betaling toezeggen', promiseIntro: 'Laat ons weten wanneer u betaalt. Tot dan wachten wij.', amountLabel: 'Bedrag',
  amountHint: (m) => `Minstens ${m}, hoogstens wat er op de factuur openstaat.`, dateLabel: 'Betaaldatum', dateHint: (l) => `Uiterlijk ${l}.`,
  submitPromise: 'Betaling toezeggen', promiseRefused: 'Het bedrag of de datum valt buiten wat wij kunnen aanvaarden. Controleer beide.',
  promiseDone: (a, d) => `Dank u. U hebt toegezegd ${a} uiterlijk ${d} te betalen.`,
  planHeading: 'In termijnen betalen', planIntro: 'Kies een regeling; u ziet elke termijn voordat u akkoord gaat.', planLabel: 'Regeling',
  showSchedule: 'Termijnen tonen', scheduleHeading: 'Uw termijnen', instalment: 'Termijn', acceptPlan: 'Akkoord met deze regeling', planTotal: 'Totaal',
  noPlans: 'Voor deze rekening is geen betalingsregeling beschikbaar.', planRefused: 'Deze regeling is voor uw rekening niet mogelijk. Kies een andere.',
  planDone: 'Uw betalingsregeling is ingesteld. Uw overeenkomst staat klaar om te downloaden.',
  agreementTitle: 'Betalingsregeling', agreementIntro: (d, t) => `${d} verbindt zich ${t} te betalen in de onderstaande termijnen.`,
  agreementClose: 'Wordt een termijn niet binnen de respijttermijn betaald, dan is het hele bedrag weer opeisbaar.',
  agreementEmailed: (e) => `Wij hebben haar ook naar ${e} gestuurd.`, agreementMailBody: 'Dank u. Uw betalingsregeling vindt u in de bijlage.',
  disputeHeading: 'Factuur betwisten', disputeIntro: 'Vertel ons wat er niet klopt. Wij sturen geen herinneringen voor deze factuur zolang wij het uitzoeken.',
  reasonLabel: 'Reden', reasonHint: 'Bijvoorbeeld: goederen niet ontvangen, verkeerd bedrag, al betaald.', fileLabel: 'Document (optioneel)',
  fileHint: (mb) => `PDF, afbeelding of Office-document, hoogstens ${mb} MB.`, submitDispute: 'Betwisting versturen', reasonMissing: 'Vermeld de reden.',
  fileRefused: 'Het document is te groot of van een type dat wij niet aanvaarden.', disputeDone: (i) => `Wij hebben uw betwisting van factuur ${i} ontvangen.`,
  statementTitle: 'Rekeningoverzicht', currencyColumn: 'Valuta', purchaseOrderColumn: 'Inkoopordernummer', statementDate: (d) => `Per ${d}`, doneHeading: 'Gereed', formError: 'Verbeter het formulier.',
};

export const ACTION_TEXTS: Readonly<Record<Language, ActionTexts>> = { en, de, sv, nl };

// Everything the seller dashboard says, in the languages Connect writes to sellers in (connect-request.ts).
import type { ConnectLanguage } from '../domain/connect-request.js';

export interface DashboardTexts {
  readonly skip: string;
  readonly languages: string;
  readonly product: string;
  readonly signInTitle: string;
  readonly signInIntro: string;
  readonly emailLabel: string;
  readonly emailHint: string;
  readonly sendLink: string;
  readonly invalidEmail: string;
  readonly sentTitle: string;
  readonly sent: (minutes: number) => string;
  readonly askAgain: string;
  readonly tooManyTitle: string;
  readonly tooMany: string;
  readonly linkTitle: string;
  readonly linkIntro: (seller: string) => string;
  readonly signIn: string;
  readonly usedTitle: string;
  readonly used: string;
  readonly expiredTitle: string;
  readonly expired: string;
  readonly unknownLinkTitle: string;
  readonly unknownLink: string;
  readonly newLink: string;
  readonly signedOutTitle: string;
  readonly signedOut: string;
  readonly sessionEndedTitle: string;
  readonly sessionEnded: string;
  readonly refusedTitle: string;
  readonly refused: string;
  readonly failureTitle: string;
  readonly failure: string;
  readonly notFoundTitle: string;
  readonly notFound: string;
  readonly signOut: string;
  readonly signedInAs: (seller: string) => string;
  readonly dashboardTitle: string;
  readonly invoicesHeading: string;
  readonly noInvoices: string;
  readonly claimsHeading: string;
  readonly noClaims: string;
  readonly columns: {
    readonly invoice: string; readonly buyer: string; readonly amount: string; readonly status: string;
    readonly coverFrom: string; readonly coverTo: string; readonly premium: string; readonly receipt: string;
    readonly claimed: string; readonly claimState: string;
  };
  readonly invoiceTitle: (invoice: string) => string;
  readonly invoiceWithoutNumber: string;
  readonly back: string;
  readonly details: {
    readonly product: string; readonly invoice: string; readonly buyer: string; readonly amount: string; readonly issued: string;
    readonly due: string; readonly status: string; readonly coverage: string; readonly coverageConnect: (from: string, to: string) => string;
    readonly coverageQuote: (from: string, to: string) => string; readonly premium: string; readonly payment: string;
    readonly paymentReference: string; readonly paymentDue: string; readonly bought: string; readonly claim: string; readonly claimedOn: string;
  };
  readonly openReceipt: string;
  readonly receiptTitle: string;
  readonly receiptSent: (when: string) => string;
  readonly downloadReceipt: string;
  readonly noReceipt: string;
  readonly statuses: Record<string, string>;
  readonly reasons: Record<string, string>;
  readonly paymentStatuses: Record<string, string>;
  readonly providers: Record<string, string>;
  readonly products: Record<string, string>;
  readonly mail: { readonly subject: string; readonly body: (link: string, seller: string, minutes: number) => string[] };
}

const EN: DashboardTexts = {
  skip: 'Skip to content', languages: 'Language', product: 'Credable insurance',
  signInTitle: 'Sign in to your insurance', signInIntro: 'Enter the e-mail address your insurance was bought with. We will e-mail you a link to sign in.',
  emailLabel: 'E-mail address', emailHint: 'For example name@company.se', sendLink: 'Send me a sign-in link',
  invalidEmail: 'Enter a valid e-mail address.',
  sentTitle: 'Check your e-mail', sent: (minutes) => `If the address belongs to a seller with Credable insurance, a sign-in link is on its way to it. The link works once, for ${minutes} minutes.`,
  askAgain: 'Ask for a new link',
  tooManyTitle: 'Too many requests', tooMany: 'Too many sign-in links were asked for this address. Wait an hour and try again.',
  linkTitle: 'Sign in', linkIntro: (seller) => `Sign in to the insurance of seller ${seller}.`, signIn: 'Sign in',
  usedTitle: 'This link has been used', used: 'A sign-in link works only once. Ask for a new link to sign in again.',
  expiredTitle: 'This link has expired', expired: 'A sign-in link works for 15 minutes. Ask for a new link to sign in.',
  unknownLinkTitle: 'This link does not work', unknownLink: 'The link is not complete or not one of ours. Ask for a new link to sign in.',
  newLink: 'Ask for a new sign-in link',
  signedOutTitle: 'You are signed out', signedOut: 'You have signed out of your insurance.',
  sessionEndedTitle: 'Please sign in', sessionEnded: 'Sign in to see your insurance. After 30 minutes without activity you are signed out.',
  refusedTitle: 'Request refused', refused: 'The form was out of date or sent from another site. Go back, reload the page and try again.',
  failureTitle: 'Something went wrong', failure: 'We could not handle the request. Try again in a moment.',
  notFoundTitle: 'Not found', notFound: 'There is no insured invoice of yours here.',
  signOut: 'Sign out', signedInAs: (seller) => `Signed in as seller ${seller}`,
  dashboardTitle: 'Your insurance', invoicesHeading: 'Insured invoices', noInvoices: 'You have no insured invoices yet.',
  claimsHeading: 'Claims', noClaims: 'You have made no claims.',
  columns: {
    invoice: 'Invoice', buyer: 'Customer', amount: 'Amount', status: 'Status', coverFrom: 'Covered from', coverTo: 'Covered to',
    premium: 'Premium', receipt: 'Receipt', claimed: 'Claimed on', claimState: 'State of the claim',
  },
  invoiceTitle: (invoice) => `Invoice ${invoice}`, invoiceWithoutNumber: 'without number', back: 'Back to your insurance',
  details: {
    product: 'Insurance', invoice: 'Invoice', buyer: 'Customer', amount: 'Invoice amount', issued: 'Issued', due: 'Due', status: 'Status',
    coverage: 'Coverage', coverageConnect: (from, to) => `Invoices to this customer sent ${from} to ${to}`,
    coverageQuote: (from, to) => `From ${from}; claims can be made until ${to}`, premium: 'Premium', payment: 'Payment',
    paymentReference: 'Payment reference', paymentDue: 'Payment due', bought: 'Bought', claim: 'Claim', claimedOn: 'Claimed on',
  },
  openReceipt: 'Open the receipt', receiptTitle: 'Receipt', receiptSent: (when) => `E-mailed to you on ${when}.`,
  downloadReceipt: 'Download the receipt e-mail (.eml)', noReceipt: 'No receipt',
  statuses: {
    purchased: 'Active', ended: 'Ended', 'cover.activated': 'Active', 'claim.pending': 'Claim under review',
    'claim.approved': 'Claim approved', 'claim.rejected': 'Claim rejected', 'cover.settled': 'Closed',
  },
  reasons: { invoice_paid: 'the invoice was paid', claim_cancelled: 'the claim was withdrawn', claim_period_expired: 'the claim period ended' },
  paymentStatuses: { awaiting_payment: 'Awaiting payment', paid: 'Paid' },
  providers: { invoice: 'Invoice' },
  products: { connect: 'Credable Connect', reinsure: 'Credable Reinsure', insure: 'Credable Insure' },
  mail: {
    subject: 'Your sign-in link',
    body: (link, seller, minutes) => [
      'Hello,', '', `Use this link to sign in to the insurance of seller ${seller}:`, link, '',
      `The link works once, for ${minutes} minutes. If you did not ask for it, you can ignore this e-mail.`,
    ],
  },
};

const SV: DashboardTexts = {
  skip: 'Till innehållet', languages: 'Språk', product: 'Credable försäkring',
  signInTitle: 'Logga in på din försäkring', signInIntro: 'Ange e-postadressen som försäkringen köptes med. Vi mejlar dig en länk för inloggning.',
  emailLabel: 'E-postadress', emailHint: 'Till exempel namn@foretag.se', sendLink: 'Skicka en inloggningslänk',
  invalidEmail: 'Ange en giltig e-postadress.',
  sentTitle: 'Titta i din e-post', sent: (minutes) => `Om adressen hör till en säljare med försäkring hos Credable är en inloggningslänk på väg dit. Länken fungerar en gång, i ${minutes} minuter.`,
  askAgain: 'Be om en ny länk',
  tooManyTitle: 'För många förfrågningar', tooMany: 'Det har begärts för många inloggningslänkar för adressen. Vänta en timme och försök igen.',
  linkTitle: 'Logga in', linkIntro: (seller) => `Logga in på försäkringen för säljaren ${seller}.`, signIn: 'Logga in',
  usedTitle: 'Länken är redan använd', used: 'En inloggningslänk fungerar bara en gång. Be om en ny länk för att logga in igen.',
  expiredTitle: 'Länken har gått ut', expired: 'En inloggningslänk gäller i 15 minuter. Be om en ny länk för att logga in.',
  unknownLinkTitle: 'Länken fungerar inte', unknownLink: 'Länken är inte hel eller kommer inte från oss. Be om en ny länk för att logga in.',
  newLink: 'Be om en ny inloggningslänk',
  signedOutTitle: 'Du är utloggad', signedOut: 'Du har loggat ut från din försäkring.',
  sessionEndedTitle: 'Logga in', sessionEnded: 'Logga in för att se din försäkring. Efter 30 minuter utan aktivitet loggas du ut.',
  refusedTitle: 'Förfrågan nekades', refused: 'Formuläret var inaktuellt eller skickades från en annan webbplats. Gå tillbaka, ladda om sidan och försök igen.',
  failureTitle: 'Något gick fel', failure: 'Vi kunde inte hantera förfrågan. Försök igen om en stund.',
  notFoundTitle: 'Hittades inte', notFound: 'Här finns ingen försäkrad faktura som är din.',
  signOut: 'Logga ut', signedInAs: (seller) => `Inloggad som säljare ${seller}`,
  dashboardTitle: 'Din försäkring', invoicesHeading: 'Försäkrade fakturor', noInvoices: 'Du har inga försäkrade fakturor ännu.',
  claimsHeading: 'Skadeanmälningar', noClaims: 'Du har inte gjort någon skadeanmälan.',
  columns: {
    invoice: 'Faktura', buyer: 'Kund', amount: 'Belopp', status: 'Status', coverFrom: 'Försäkrad från', coverTo: 'Försäkrad till',
    premium: 'Premie', receipt: 'Kvitto', claimed: 'Anmäld', claimState: 'Skadeanmälans läge',
  },
  invoiceTitle: (invoice) => `Faktura ${invoice}`, invoiceWithoutNumber: 'utan nummer', back: 'Tillbaka till din försäkring',
  details: {
    product: 'Försäkring', invoice: 'Faktura', buyer: 'Kund', amount: 'Fakturabelopp', issued: 'Utfärdad', due: 'Förfaller', status: 'Status',
    coverage: 'Omfattning', coverageConnect: (from, to) => `Fakturor till kunden skickade ${from} – ${to}`,
    coverageQuote: (from, to) => `Från ${from}; skadeanmälan kan göras till och med ${to}`, premium: 'Premie', payment: 'Betalning',
    paymentReference: 'Betalningsreferens', paymentDue: 'Betalas senast', bought: 'Köpt', claim: 'Skadeanmälan', claimedOn: 'Anmäld',
  },
  openReceipt: 'Öppna kvittot', receiptTitle: 'Kvitto', receiptSent: (when) => `Mejlat till dig ${when}.`,
  downloadReceipt: 'Ladda ner kvittomejlet (.eml)', noReceipt: 'Inget kvitto',
  statuses: {
    purchased: 'Aktiv', ended: 'Avslutad', 'cover.activated': 'Aktiv', 'claim.pending': 'Skadeanmälan granskas',
    'claim.approved': 'Skadeanmälan godkänd', 'claim.rejected': 'Skadeanmälan avslagen', 'cover.settled': 'Avslutad',
  },
  reasons: { invoice_paid: 'fakturan betalades', claim_cancelled: 'skadeanmälan drogs tillbaka', claim_period_expired: 'anmälningstiden löpte ut' },
  paymentStatuses: { awaiting_payment: 'Inväntar betalning', paid: 'Betald' },
  providers: { invoice: 'Faktura' },
  products: { connect: 'Credable Connect', reinsure: 'Credable Reinsure', insure: 'Credable Insure' },
  mail: {
    subject: 'Din inloggningslänk',
    body: (link, seller, minutes) => [
      'Hej!', '', `Använd länken för att logga in på försäkringen för säljaren ${seller}:`, link, '',
      `Länken fungerar en gång, i ${minutes} minuter. Om du inte har bett om den kan du bortse från mejlet.`,
    ],
  },
};

export const DASHBOARD_TEXTS: Record<ConnectLanguage, DashboardTexts> = { en: EN, sv: SV };

/** A label for a code, or the code itself when there is no text for it (a new status shows rather than vanishes). */
export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

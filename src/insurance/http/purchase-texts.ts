// Every word of the Connect purchase pages, one dictionary per language the seller's e-mail is written in. The
// interface makes a missing translation a compile error. Values that vary (amounts, dates, references) arrive already
// formatted for the language (connect-locale.ts).
import type { ConnectLanguage } from '../domain/connect-request.js';
import type { FormError } from '../domain/connect-kyc.js';
import type { PurchaseStep } from '../use-cases/connect/open-purchase.js';

/** A page that only says what happened. */
export interface PageText {
  readonly title: string;
  readonly message: string;
}

export interface PurchaseTexts {
  readonly offerTitle: string;
  readonly offerIntro: string;
  readonly summary: {
    readonly buyer: string;
    readonly buyerIdentifier: string;
    readonly insuredAmount: string;
    readonly premium: string;
    readonly coverage: string;
    readonly coverageWindow: (from: string, to: string) => string;
    readonly validUntil: string;
  };
  readonly steps: Readonly<Record<PurchaseStep, string>>;
  readonly kyc: {
    readonly intro: string;
    readonly fullName: string;
    readonly personalNumber: string;
    readonly email: string;
    readonly authority: string;
    readonly submit: string;
  };
  readonly sign: {
    readonly policyVersion: string;
    readonly fullName: string;
    readonly email: string;
    readonly accept: string;
    readonly submit: string;
  };
  readonly pay: {
    readonly method: string;
    readonly submit: string;
  };
  readonly errors: Readonly<Record<FormError, string>>;
  readonly confirmation: {
    readonly title: string;
    readonly insured: string;
    readonly ended: string;
    readonly payment: (amount: string, method: string) => string;
    readonly reference: string;
    readonly due: (date: string) => string;
  };
  readonly expired: PageText;
  readonly notFound: PageText;
  readonly crossSite: PageText;
  readonly failure: PageText;
}

const SV: PurchaseTexts = {
  offerTitle: 'Försäkra din faktura',
  offerIntro: 'Kreditförsäkring för en faktura till den här kunden.',
  summary: {
    buyer: 'Kund',
    buyerIdentifier: 'Organisationsnummer',
    insuredAmount: 'Försäkrat belopp',
    premium: 'Premie',
    coverage: 'Gäller fakturor skickade',
    coverageWindow: (from, to) => `${from} – ${to}`,
    validUntil: 'Erbjudandet gäller till',
  },
  steps: { kyc: 'Bekräfta din identitet', sign: 'Signera försäkringsvillkoren', pay: 'Betala premien' },
  kyc: {
    intro: 'Berätta vem som företräder företaget. Vi använder uppgifterna för att bekräfta din identitet innan du köper.',
    fullName: 'Fullständigt namn',
    personalNumber: 'Personnummer (ÅÅÅÅMMDD-NNNN)',
    email: 'E-postadress',
    authority: 'Jag har rätt att teckna avtal för företagets räkning',
    submit: 'Fortsätt',
  },
  sign: {
    policyVersion: 'Villkorsversion',
    fullName: 'Fullständigt namn',
    email: 'E-postadress',
    accept: 'Jag har läst och godkänner villkoren',
    submit: 'Signera villkoren',
  },
  pay: { method: 'Betalningssätt', submit: 'Köp försäkringen' },
  errors: {
    representative_name_required: 'Ange fullständigt namn på den som företräder företaget.',
    personal_number_format: 'Ange personnumret som ÅÅÅÅMMDD-NNNN.',
    personal_number_date: 'Personnumret innehåller inget giltigt födelsedatum.',
    personal_number_check_digit: 'Personnumret är inte giltigt (kontrollsiffran stämmer inte).',
    email_invalid: 'Ange en giltig e-postadress.',
    authority_required: 'Bekräfta att du har rätt att teckna avtal för företaget.',
    signer_name_required: 'Ange ditt fullständiga namn.',
    accept_required: 'Godkänn villkoren för att kunna signera.',
    method_required: 'Välj ett betalningssätt.',
  },
  confirmation: {
    title: 'Köpet är klart',
    insured: 'Din faktura är försäkrad. Ett kvitto har skickats till din e-post.',
    ended: 'Den här försäkringen har upphört.',
    payment: (amount, method) => `Betalning: ${amount} (${method})`,
    reference: 'referens',
    due: (date) => `förfaller ${date}`,
  },
  expired: {
    title: 'Erbjudandet har gått ut',
    message: 'Erbjudandet har gått ut: det gick att köpa inom 24 timmar från e-postmeddelandet. '
      + 'Begär en ny offert om du vill försäkra fakturan.',
  },
  notFound: {
    title: 'Erbjudandet hittades inte',
    message: 'Länken är inte giltig. Kontrollera att du har kopierat hela länken från e-postmeddelandet.',
  },
  crossSite: {
    title: 'Begäran nekades',
    message: 'Formuläret kan bara skickas från sin egen sida. Öppna länken i e-postmeddelandet igen.',
  },
  failure: {
    title: 'Något gick fel',
    message: 'Vi kunde inte slutföra det här steget. Försök igen om en liten stund.',
  },
};

const EN: PurchaseTexts = {
  offerTitle: 'Insure your invoice',
  offerIntro: 'Credit insurance for one invoice to this buyer.',
  summary: {
    buyer: 'Buyer',
    buyerIdentifier: 'Buyer identifier',
    insuredAmount: 'Insured amount',
    premium: 'Premium',
    coverage: 'Covers invoices sent',
    coverageWindow: (from, to) => `${from} to ${to}`,
    validUntil: 'Offer valid until',
  },
  steps: { kyc: 'Confirm your identity', sign: 'Sign the insurance policy', pay: 'Pay the premium' },
  kyc: {
    intro: 'Tell us who represents the company. We use this to verify your identity before you buy.',
    fullName: 'Full name',
    personalNumber: 'Personal identity number (YYYYMMDD-NNNN)',
    email: 'E-mail',
    authority: 'I am authorised to sign agreements on behalf of the company',
    submit: 'Continue',
  },
  sign: {
    policyVersion: 'Policy version',
    fullName: 'Full name',
    email: 'E-mail',
    accept: 'I have read and accept the policy',
    submit: 'Sign the policy',
  },
  pay: { method: 'Payment method', submit: 'Buy the insurance' },
  errors: {
    representative_name_required: 'Enter the full name of the person who represents the company.',
    personal_number_format: 'Enter the personal identity number as YYYYMMDD-NNNN.',
    personal_number_date: 'The personal identity number does not contain a valid date of birth.',
    personal_number_check_digit: 'The personal identity number is not valid (check digit).',
    email_invalid: 'Enter a valid e-mail address.',
    authority_required: 'Confirm that you are authorised to sign for the company.',
    signer_name_required: 'Enter your full name.',
    accept_required: 'Accept the policy to sign it.',
    method_required: 'Choose a payment method.',
  },
  confirmation: {
    title: 'Purchase complete',
    insured: 'Your invoice is insured. A receipt has been sent to your e-mail.',
    ended: 'This cover has ended.',
    payment: (amount, method) => `Payment: ${amount} (${method})`,
    reference: 'reference',
    due: (date) => `due ${date}`,
  },
  expired: {
    title: 'This offer has expired',
    message: 'This offer has expired: it could be bought within 24 hours of the e-mail. Ask for a new quote to insure this invoice.',
  },
  notFound: {
    title: 'Offer not found',
    message: 'This link is not valid. Check that you copied the whole link from the e-mail.',
  },
  crossSite: {
    title: 'Request refused',
    message: 'This form can only be sent from its own page. Open the link from the e-mail again.',
  },
  failure: {
    title: 'Something went wrong',
    message: 'We could not complete this step. Please try again in a moment.',
  },
};

export const PURCHASE_TEXTS: Readonly<Record<ConnectLanguage, PurchaseTexts>> = { sv: SV, en: EN };

import type { TemplateContent, TemplateId } from './content.js';

/** Deutsch, Version 1 jeder mitgelieferten Vorlage. */
export const DE: Readonly<Record<TemplateId, TemplateContent>> = {
  'reminder-friendly': {
    email: {
      subject: 'Freundliche Erinnerung: Rechnung <%= it.claimReference %>',
      body: 'Guten Tag <%= it.debtorName %>,\n\nwir haben Ihre Zahlung über <%= it.amountDue %> für die Rechnung <%= it.claimReference %>, fällig am <%= it.dueDate %>, noch nicht erhalten. Vielleicht ist sie Ihnen entgangen.\n\nBitte zahlen Sie mit dem Verwendungszweck <%= it.paymentReference %>. Falls Sie bereits bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: Freundliche Erinnerung, <%= it.amountDue %> für Rechnung <%= it.claimReference %> waren am <%= it.dueDate %> fällig. Verwendungszweck: <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Zahlungserinnerung zur Rechnung <%= it.claimReference %>',
      body: 'Guten Tag <%= it.debtorName %>,\n\nwir haben Ihre Zahlung über <%= it.amountDue %> für die Rechnung <%= it.claimReference %>, fällig am <%= it.dueDate %>, noch nicht erhalten.\n\nBitte zahlen Sie mit dem Verwendungszweck <%= it.paymentReference %>. Falls Sie bereits bezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
  },
  'reminder-second': {
    email: {
      subject: 'Zweite Mahnung: Rechnung <%= it.claimReference %> ist überfällig',
      body: 'Guten Tag <%= it.debtorName %>,\n\ndie Rechnung <%= it.claimReference %> über <%= it.amountDue %> war am <%= it.dueDate %> fällig und ist noch offen.\n\nBitte zahlen Sie jetzt mit dem Verwendungszweck <%= it.paymentReference %> oder melden Sie sich, falls mit der Rechnung etwas nicht stimmt.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: Rechnung <%= it.claimReference %> über <%= it.amountDue %> ist seit <%= it.dueDate %> überfällig. Bitte jetzt zahlen, Verwendungszweck <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Zweite Mahnung zur Rechnung <%= it.claimReference %>',
      body: 'Guten Tag <%= it.debtorName %>,\n\ndie Rechnung <%= it.claimReference %> über <%= it.amountDue %> war am <%= it.dueDate %> fällig und ist noch offen.\n\nBitte zahlen Sie jetzt mit dem Verwendungszweck <%= it.paymentReference %> oder melden Sie sich, falls mit der Rechnung etwas nicht stimmt.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
  },
  'final-notice': {
    email: {
      subject: 'Letzte Mahnung: Rechnung <%= it.claimReference %>',
      body: 'Guten Tag <%= it.debtorName %>,\n\ntrotz unserer Erinnerungen sind <%= it.amountDue %> für die Rechnung <%= it.claimReference %> (fällig am <%= it.dueDate %>) weiterhin offen.\n\nDies ist unsere letzte Mahnung. Bitte zahlen Sie innerhalb von 7 Tagen mit dem Verwendungszweck <%= it.paymentReference %>; andernfalls geben wir die Forderung zum weiteren Inkasso ab.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: LETZTE MAHNUNG. <%= it.amountDue %> für Rechnung <%= it.claimReference %> sind offen. Zahlung binnen 7 Tagen, Verwendungszweck <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Letzte Mahnung zur Rechnung <%= it.claimReference %>',
      body: 'Guten Tag <%= it.debtorName %>,\n\ntrotz unserer Erinnerungen sind <%= it.amountDue %> für die Rechnung <%= it.claimReference %> (fällig am <%= it.dueDate %>) weiterhin offen.\n\nDies ist unsere letzte Mahnung. Bitte zahlen Sie innerhalb von 7 Tagen mit dem Verwendungszweck <%= it.paymentReference %>; andernfalls geben wir die Forderung zum weiteren Inkasso ab.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
  },
  'escalation-notice': {
    email: {
      subject: 'Rechnung <%= it.claimReference %> an das Inkasso abgegeben',
      body: 'Guten Tag <%= it.debtorName %>,\n\nda <%= it.amountDue %> für die Rechnung <%= it.claimReference %> (fällig am <%= it.dueDate %>) weiterhin offen sind, haben wir die Forderung zum weiteren Inkasso abgegeben.\n\nSie können sie weiterhin mit dem Verwendungszweck <%= it.paymentReference %> begleichen.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: Rechnung <%= it.claimReference %> (<%= it.amountDue %>) wurde an das Inkasso abgegeben. Zahlung mit Verwendungszweck <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Rechnung <%= it.claimReference %> an das Inkasso abgegeben',
      body: 'Guten Tag <%= it.debtorName %>,\n\nda <%= it.amountDue %> für die Rechnung <%= it.claimReference %> (fällig am <%= it.dueDate %>) weiterhin offen sind, haben wir die Forderung zum weiteren Inkasso abgegeben.\n\nSie können sie weiterhin mit dem Verwendungszweck <%= it.paymentReference %> begleichen.\n\nOnline können Sie die Rechnung ansehen und bezahlen, eine Ratenzahlung vereinbaren oder uns ein Problem melden:\n<%= it.landingPageUrl %>\n\nMit freundlichen Grüßen\n<%= it.creditorName %>',
    },
  },
};

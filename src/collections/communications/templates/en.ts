import type { TemplateContent, TemplateId } from './content.js';

/** English, version 1 of every shipped template. */
export const EN: Readonly<Record<TemplateId, TemplateContent>> = {
  'reminder-friendly': {
    email: {
      subject: 'Friendly reminder: invoice <%= it.claimReference %>',
      body: 'Dear <%= it.debtorName %>,\n\nwe have not yet received your payment of <%= it.amountDue %> for invoice <%= it.claimReference %>, due on <%= it.dueDate %>. Perhaps it slipped your mind.\n\nPlease pay using the reference <%= it.paymentReference %>. If you have already paid, please ignore this message.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nKind regards,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: a friendly reminder that <%= it.amountDue %> for invoice <%= it.claimReference %> was due on <%= it.dueDate %>. Reference: <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Payment reminder for invoice <%= it.claimReference %>',
      body: 'Dear <%= it.debtorName %>,\n\nwe have not yet received your payment of <%= it.amountDue %> for invoice <%= it.claimReference %>, due on <%= it.dueDate %>.\n\nPlease pay using the reference <%= it.paymentReference %>. If you have already paid, please disregard this letter.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nKind regards,\n<%= it.creditorName %>',
    },
  },
  'reminder-second': {
    email: {
      subject: 'Second reminder: invoice <%= it.claimReference %> is overdue',
      body: 'Dear <%= it.debtorName %>,\n\ninvoice <%= it.claimReference %> of <%= it.amountDue %> was due on <%= it.dueDate %> and is still unpaid.\n\nPlease pay now using the reference <%= it.paymentReference %>, or contact us if something is wrong with the invoice.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nKind regards,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: invoice <%= it.claimReference %> of <%= it.amountDue %> is overdue since <%= it.dueDate %>. Please pay now, reference <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Second reminder for invoice <%= it.claimReference %>',
      body: 'Dear <%= it.debtorName %>,\n\ninvoice <%= it.claimReference %> of <%= it.amountDue %> was due on <%= it.dueDate %> and is still unpaid.\n\nPlease pay now using the reference <%= it.paymentReference %>, or contact us if something is wrong with the invoice.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nKind regards,\n<%= it.creditorName %>',
    },
  },
  'final-notice': {
    email: {
      subject: 'Final notice: invoice <%= it.claimReference %>',
      body: 'Dear <%= it.debtorName %>,\n\ndespite our reminders, <%= it.amountDue %> for invoice <%= it.claimReference %> (due on <%= it.dueDate %>) remains unpaid.\n\nThis is our final notice. Please pay within 7 days using the reference <%= it.paymentReference %>; otherwise we will pass the claim on for further collection.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nYours sincerely,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: FINAL NOTICE. <%= it.amountDue %> for invoice <%= it.claimReference %> is unpaid. Pay within 7 days, reference <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Final notice for invoice <%= it.claimReference %>',
      body: 'Dear <%= it.debtorName %>,\n\ndespite our reminders, <%= it.amountDue %> for invoice <%= it.claimReference %> (due on <%= it.dueDate %>) remains unpaid.\n\nThis is our final notice. Please pay within 7 days using the reference <%= it.paymentReference %>; otherwise we will pass the claim on for further collection.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nYours sincerely,\n<%= it.creditorName %>',
    },
  },
  'escalation-notice': {
    email: {
      subject: 'Invoice <%= it.claimReference %> passed on for collection',
      body: 'Dear <%= it.debtorName %>,\n\nas <%= it.amountDue %> for invoice <%= it.claimReference %> (due on <%= it.dueDate %>) remains unpaid, the claim has been passed on for further collection.\n\nYou can still settle it by paying with the reference <%= it.paymentReference %>.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nYours sincerely,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: invoice <%= it.claimReference %> (<%= it.amountDue %>) has been passed on for collection. Pay with reference <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Invoice <%= it.claimReference %> passed on for collection',
      body: 'Dear <%= it.debtorName %>,\n\nas <%= it.amountDue %> for invoice <%= it.claimReference %> (due on <%= it.dueDate %>) remains unpaid, the claim has been passed on for further collection.\n\nYou can still settle it by paying with the reference <%= it.paymentReference %>.\n\nYou can see the invoice online and pay it, arrange a payment plan or tell us about a problem:\n<%= it.landingPageUrl %>\n\nYours sincerely,\n<%= it.creditorName %>',
    },
  },
};

import type { TemplateContent, TemplateId } from './content.js';

/** Svenska, version 1 av varje medföljande mall. */
export const SV: Readonly<Record<TemplateId, TemplateContent>> = {
  'reminder-friendly': {
    email: {
      subject: 'Vänlig påminnelse: faktura <%= it.claimReference %>',
      body: 'Hej <%= it.debtorName %>,\n\nvi har ännu inte fått din betalning på <%= it.amountDue %> för faktura <%= it.claimReference %> med förfallodag <%= it.dueDate %>. Kanske har den glömts bort.\n\nBetala gärna med referensen <%= it.paymentReference %>. Om du redan har betalat kan du bortse från detta meddelande.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nVänliga hälsningar\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: vänlig påminnelse om att <%= it.amountDue %> för faktura <%= it.claimReference %> förföll <%= it.dueDate %>. Referens: <%= it.paymentReference %>. Webb: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Betalningspåminnelse för faktura <%= it.claimReference %>',
      body: 'Hej <%= it.debtorName %>,\n\nvi har ännu inte fått din betalning på <%= it.amountDue %> för faktura <%= it.claimReference %> med förfallodag <%= it.dueDate %>.\n\nBetala gärna med referensen <%= it.paymentReference %>. Om du redan har betalat kan du bortse från detta brev.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nVänliga hälsningar\n<%= it.creditorName %>',
    },
  },
  'reminder-second': {
    email: {
      subject: 'Andra påminnelsen: faktura <%= it.claimReference %> är förfallen',
      body: 'Hej <%= it.debtorName %>,\n\nfaktura <%= it.claimReference %> på <%= it.amountDue %> förföll <%= it.dueDate %> och är fortfarande obetald.\n\nBetala nu med referensen <%= it.paymentReference %>, eller kontakta oss om något är fel med fakturan.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nVänliga hälsningar\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: faktura <%= it.claimReference %> på <%= it.amountDue %> är förfallen sedan <%= it.dueDate %>. Betala nu, referens <%= it.paymentReference %>. Webb: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Andra påminnelsen för faktura <%= it.claimReference %>',
      body: 'Hej <%= it.debtorName %>,\n\nfaktura <%= it.claimReference %> på <%= it.amountDue %> förföll <%= it.dueDate %> och är fortfarande obetald.\n\nBetala nu med referensen <%= it.paymentReference %>, eller kontakta oss om något är fel med fakturan.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nVänliga hälsningar\n<%= it.creditorName %>',
    },
  },
  'final-notice': {
    email: {
      subject: 'Sista påminnelsen: faktura <%= it.claimReference %>',
      body: 'Hej <%= it.debtorName %>,\n\ntrots våra påminnelser är <%= it.amountDue %> för faktura <%= it.claimReference %> (förfallodag <%= it.dueDate %>) fortfarande obetalt.\n\nDetta är vår sista påminnelse. Betala inom 7 dagar med referensen <%= it.paymentReference %>; annars lämnar vi fordran vidare för inkasso.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nMed vänliga hälsningar\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: SISTA PÅMINNELSEN. <%= it.amountDue %> för faktura <%= it.claimReference %> är obetalt. Betala inom 7 dagar, referens <%= it.paymentReference %>. Webb: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Sista påminnelsen för faktura <%= it.claimReference %>',
      body: 'Hej <%= it.debtorName %>,\n\ntrots våra påminnelser är <%= it.amountDue %> för faktura <%= it.claimReference %> (förfallodag <%= it.dueDate %>) fortfarande obetalt.\n\nDetta är vår sista påminnelse. Betala inom 7 dagar med referensen <%= it.paymentReference %>; annars lämnar vi fordran vidare för inkasso.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nMed vänliga hälsningar\n<%= it.creditorName %>',
    },
  },
  'escalation-notice': {
    email: {
      subject: 'Faktura <%= it.claimReference %> har lämnats för inkasso',
      body: 'Hej <%= it.debtorName %>,\n\neftersom <%= it.amountDue %> för faktura <%= it.claimReference %> (förfallodag <%= it.dueDate %>) fortfarande är obetalt har fordran lämnats vidare för inkasso.\n\nDu kan fortfarande betala med referensen <%= it.paymentReference %>.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nMed vänliga hälsningar\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: faktura <%= it.claimReference %> (<%= it.amountDue %>) har lämnats för inkasso. Betala med referens <%= it.paymentReference %>. Webb: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Faktura <%= it.claimReference %> har lämnats för inkasso',
      body: 'Hej <%= it.debtorName %>,\n\neftersom <%= it.amountDue %> för faktura <%= it.claimReference %> (förfallodag <%= it.dueDate %>) fortfarande är obetalt har fordran lämnats vidare för inkasso.\n\nDu kan fortfarande betala med referensen <%= it.paymentReference %>.\n\nPå webben kan du se fakturan och betala den, ordna en avbetalningsplan eller meddela oss om ett problem:\n<%= it.landingPageUrl %>\n\nMed vänliga hälsningar\n<%= it.creditorName %>',
    },
  },
};

import type { TemplateContent, TemplateId } from './content.js';

/** Nederlands, versie 1 van elk meegeleverd sjabloon. */
export const NL: Readonly<Record<TemplateId, TemplateContent>> = {
  'reminder-friendly': {
    email: {
      subject: 'Vriendelijke herinnering: factuur <%= it.claimReference %>',
      body: 'Beste <%= it.debtorName %>,\n\nwij hebben uw betaling van <%= it.amountDue %> voor factuur <%= it.claimReference %>, vervallen op <%= it.dueDate %>, nog niet ontvangen. Misschien is het u ontschoten.\n\nBetaal alstublieft met het kenmerk <%= it.paymentReference %>. Heeft u al betaald, dan kunt u dit bericht negeren.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nMet vriendelijke groet,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: vriendelijke herinnering dat <%= it.amountDue %> voor factuur <%= it.claimReference %> op <%= it.dueDate %> verviel. Kenmerk: <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Betalingsherinnering voor factuur <%= it.claimReference %>',
      body: 'Beste <%= it.debtorName %>,\n\nwij hebben uw betaling van <%= it.amountDue %> voor factuur <%= it.claimReference %>, vervallen op <%= it.dueDate %>, nog niet ontvangen.\n\nBetaal alstublieft met het kenmerk <%= it.paymentReference %>. Heeft u al betaald, dan kunt u deze brief als niet verzonden beschouwen.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nMet vriendelijke groet,\n<%= it.creditorName %>',
    },
  },
  'reminder-second': {
    email: {
      subject: 'Tweede herinnering: factuur <%= it.claimReference %> is vervallen',
      body: 'Beste <%= it.debtorName %>,\n\nfactuur <%= it.claimReference %> van <%= it.amountDue %> verviel op <%= it.dueDate %> en is nog steeds niet betaald.\n\nBetaal nu met het kenmerk <%= it.paymentReference %>, of neem contact met ons op als er iets niet klopt aan de factuur.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nMet vriendelijke groet,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: factuur <%= it.claimReference %> van <%= it.amountDue %> is sinds <%= it.dueDate %> vervallen. Betaal nu, kenmerk <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Tweede herinnering voor factuur <%= it.claimReference %>',
      body: 'Beste <%= it.debtorName %>,\n\nfactuur <%= it.claimReference %> van <%= it.amountDue %> verviel op <%= it.dueDate %> en is nog steeds niet betaald.\n\nBetaal nu met het kenmerk <%= it.paymentReference %>, of neem contact met ons op als er iets niet klopt aan de factuur.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nMet vriendelijke groet,\n<%= it.creditorName %>',
    },
  },
  'final-notice': {
    email: {
      subject: 'Laatste aanmaning: factuur <%= it.claimReference %>',
      body: 'Beste <%= it.debtorName %>,\n\nondanks onze herinneringen staat <%= it.amountDue %> voor factuur <%= it.claimReference %> (vervallen op <%= it.dueDate %>) nog open.\n\nDit is onze laatste aanmaning. Betaal binnen 7 dagen met het kenmerk <%= it.paymentReference %>; anders dragen wij de vordering over voor verdere incasso.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nHoogachtend,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: LAATSTE AANMANING. <%= it.amountDue %> voor factuur <%= it.claimReference %> staat open. Betaal binnen 7 dagen, kenmerk <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Laatste aanmaning voor factuur <%= it.claimReference %>',
      body: 'Beste <%= it.debtorName %>,\n\nondanks onze herinneringen staat <%= it.amountDue %> voor factuur <%= it.claimReference %> (vervallen op <%= it.dueDate %>) nog open.\n\nDit is onze laatste aanmaning. Betaal binnen 7 dagen met het kenmerk <%= it.paymentReference %>; anders dragen wij de vordering over voor verdere incasso.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nHoogachtend,\n<%= it.creditorName %>',
    },
  },
  'escalation-notice': {
    email: {
      subject: 'Factuur <%= it.claimReference %> overgedragen voor incasso',
      body: 'Beste <%= it.debtorName %>,\n\nomdat <%= it.amountDue %> voor factuur <%= it.claimReference %> (vervallen op <%= it.dueDate %>) nog open staat, is de vordering overgedragen voor verdere incasso.\n\nU kunt nog steeds betalen met het kenmerk <%= it.paymentReference %>.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nHoogachtend,\n<%= it.creditorName %>',
    },
    sms: { text: '<%= it.creditorName %>: factuur <%= it.claimReference %> (<%= it.amountDue %>) is overgedragen voor incasso. Betaal met kenmerk <%= it.paymentReference %>. Online: <%= it.landingPageUrl %>' },
    letter: {
      subject: 'Factuur <%= it.claimReference %> overgedragen voor incasso',
      body: 'Beste <%= it.debtorName %>,\n\nomdat <%= it.amountDue %> voor factuur <%= it.claimReference %> (vervallen op <%= it.dueDate %>) nog open staat, is de vordering overgedragen voor verdere incasso.\n\nU kunt nog steeds betalen met het kenmerk <%= it.paymentReference %>.\n\nOnline kunt u de factuur bekijken en betalen, een betalingsregeling treffen of ons een probleem melden:\n<%= it.landingPageUrl %>\n\nHoogachtend,\n<%= it.creditorName %>',
    },
  },
};

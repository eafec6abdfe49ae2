import { describe, expect, it } from 'vitest';
import { actionsFor, linksFor, renderActions, renderLinks } from '../../../src/insurance/domain/quote-actions.js';
import { PRODUCTS, PRODUCT_RULES } from '../../../src/insurance/domain/products.js';
import { QUOTE_STATUSES, transition } from '../../../src/insurance/domain/quote-state.js';

const signed = { sellerSigned: true, listBankruptcyAction: false };
const unsigned = { sellerSigned: false, listBankruptcyAction: false };

describe('actions per status (spec §6.3)', () => {
  it('lists the seed actions for Reinsure', () => {
    expect(actionsFor('quote.pending', 'reinsure', signed)).toEqual([]);
    expect(actionsFor('quote.offered', 'reinsure', unsigned)).toEqual(['activate', 'reject']);
    expect(actionsFor('cover.activated', 'reinsure', signed)).toEqual(['claim', 'settle']);
    expect(actionsFor('claim.pending', 'reinsure', signed)).toEqual(['settle']);
  });

  it('lists sign_and_activate instead of activate for an unsigned Insure seller', () => {
    expect(actionsFor('quote.offered', 'insure', signed)).toEqual(['activate', 'reject']);
    expect(actionsFor('quote.offered', 'insure', unsigned)).toEqual(['sign_and_activate', 'reject']);
    expect(actionsFor('activation.pending', 'insure', unsigned)).toEqual([]);
  });

  it('lists bankruptcy_claim only for Reinsure and only when configured', () => {
    const withFlag = { sellerSigned: true, listBankruptcyAction: true };
    expect(actionsFor('cover.activated', 'reinsure', withFlag)).toEqual(['claim', 'settle', 'bankruptcy_claim']);
    expect(actionsFor('cover.activated', 'insure', withFlag)).toEqual(['claim', 'settle']);
  });

  it('lists nothing in terminal statuses', () => {
    for (const status of ['quote.rejected', 'cover.settled', 'claim.approved', 'claim.rejected'] as const) {
      for (const product of PRODUCTS) expect(actionsFor(status, product, signed)).toEqual([]);
    }
  });

  it('only ever lists actions the state machine accepts', () => {
    for (const product of PRODUCTS) {
      for (const status of QUOTE_STATUSES) {
        for (const sellerSigned of [true, false]) {
          for (const action of actionsFor(status, product, { sellerSigned, listBankruptcyAction: true })) {
            const context = { product, sellerSigned, today: '2018-07-01', invoiceDueDate: '2018-07-20', claimWindowDays: 30 };
            expect(transition({ status, reason: null, referred: false }, action, context).ok).toBe(true);
          }
        }
      }
    }
  });
});

describe('links', () => {
  it('shows the sign-policy page only for Insure in activation.pending', () => {
    expect(linksFor('activation.pending', 'insure')).toEqual(['sign-policy-page']);
    expect(linksFor('activation.pending', 'reinsure')).toEqual([]);
    for (const status of QUOTE_STATUSES.filter((s) => s !== 'activation.pending')) {
      for (const product of PRODUCTS) expect(linksFor(status, product)).toEqual([]);
    }
  });
});

describe('wire objects', () => {
  it('renders the seed action URLs exactly', () => {
    const base = `https://staging.credable.se${PRODUCT_RULES.reinsure.apiBasePath}/`;
    expect(renderActions(['claim', 'settle'], base, 'dPn96VldVXbeRW')).toEqual([
      { type: 'claim', method: 'POST', url: 'https://staging.credable.se/api/reinsure/v2/quotes/dPn96VldVXbeRW/claim' },
      { type: 'settle', method: 'POST', url: 'https://staging.credable.se/api/reinsure/v2/quotes/dPn96VldVXbeRW/settle' },
    ]);
    expect(renderActions(['sign_and_activate'], 'https://x.test/api/insure/v2', 'ID')).toEqual([
      { type: 'sign_and_activate', method: 'POST', url: 'https://x.test/api/insure/v2/quotes/ID/sign-and-activate' },
    ]);
  });

  it('renders the seed sign-policy link exactly', () => {
    expect(renderLinks(['sign-policy-page'], 'https://staging.credable.se', 'dPn96VldVXbeRW')).toEqual([
      { type: 'sign-policy-page', method: 'GET', url: 'https://staging.credable.se/app/sign-policy/dPn96VldVXbeRW' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLIENT_ACTIONS, type ClientAction, PRODUCTS, type Product } from '../../../src/insurance/domain/products.js';
import {
  QUOTE_EVENTS, QUOTE_STATUSES, type QuoteEvent, type QuoteState, type QuoteStatus, STATUS_REASONS, SYSTEM_EVENTS,
  TERMINAL_STATUSES, TRANSITIONS, type TransitionContext, findTransition, guardHolds, isPendingStatus, isQuoteStatus, isTerminal,
  isWithinClaimWindow, transition,
} from '../../../src/insurance/domain/quote-state.js';
import { EXPOSURE_HOLDING_STATUSES } from '../../../src/risk/domain/exposure.js';

const ctx = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  product: 'reinsure', sellerSigned: true, today: '2018-07-01', invoiceDueDate: '2018-07-20', claimWindowDays: 30, ...overrides,
});
const state = (status: QuoteStatus, referred = false): QuoteState => ({ status, reason: null, referred });
const next = (from: QuoteState, event: QuoteEvent, context: TransitionContext = ctx()) => {
  const result = transition(from, event, context);
  return result.ok ? [result.value.status, result.value.reason] : result.error.code;
};

describe('statuses', () => {
  it('are the nine codes of spec §6.1, four of them terminal', () => {
    expect(QUOTE_STATUSES).toHaveLength(9);
    expect([...TERMINAL_STATUSES].sort()).toEqual(['claim.approved', 'claim.rejected', 'cover.settled', 'quote.rejected']);
    expect(QUOTE_STATUSES.filter(isPendingStatus)).toEqual(['quote.pending', 'activation.pending', 'claim.pending']);
    expect(isQuoteStatus('cover.activated')).toBe(true);
    expect(isQuoteStatus('cover.cancelled')).toBe(false);
  });

  it('lists exactly the exposure-holding statuses the risk core uses', () => {
    for (const status of EXPOSURE_HOLDING_STATUSES) expect(isQuoteStatus(status)).toBe(true);
  });
});

describe('every transition of spec §6.2', () => {
  const insure = (o: Partial<TransitionContext> = {}) => ctx({ product: 'insure', ...o });
  const cases: [string, QuoteState, QuoteEvent, TransitionContext, [QuoteStatus, string | null]][] = [
    ['2 underwriting offers', state('quote.pending'), 'underwriting_offer', ctx(), ['quote.offered', null]],
    ['3 underwriting declines', state('quote.pending'), 'underwriting_decline', ctx(), ['quote.rejected', 'insurance_unavailable']],
    ['X underwriting refers', state('quote.pending'), 'underwriting_refer', ctx(), ['quote.pending', null]],
    ['X underwriter offers', state('quote.pending', true), 'underwriter_offer', ctx(), ['quote.offered', null]],
    ['X underwriter declines', state('quote.pending', true), 'underwriter_decline', ctx(), ['quote.rejected', 'insurance_unavailable']],
    ['4 Reinsure activate', state('quote.offered'), 'activate', ctx({ sellerSigned: false }), ['cover.activated', null]],
    ['4 Insure activate, signed', state('quote.offered'), 'activate', insure(), ['cover.activated', null]],
    ['5 Insure activate, unsigned', state('quote.offered'), 'activate', insure({ sellerSigned: false }), ['activation.pending', null]],
    ['6 sign-and-activate, unsigned', state('quote.offered'), 'sign_and_activate', insure({ sellerSigned: false }), ['activation.pending', null]],
    ['6 sign-and-activate, signed', state('quote.offered'), 'sign_and_activate', insure(), ['cover.activated', null]],
    ['7 seller signs', state('activation.pending'), 'policy_signed', insure(), ['cover.activated', null]],
    ['8 reject', state('quote.offered'), 'reject', ctx(), ['quote.rejected', 'offer_rejected']],
    ['9 offer expires', state('quote.offered'), 'offer_expired', ctx(), ['quote.rejected', 'quote_expired']],
    ['10 activation expires', state('activation.pending'), 'offer_expired', insure(), ['quote.rejected', 'quote_expired']],
    ['11 settle', state('cover.activated'), 'settle', ctx(), ['cover.settled', 'invoice_paid']],
    ['12 claim', state('cover.activated'), 'claim', ctx(), ['claim.pending', null]],
    ['12 Insure claim', state('cover.activated'), 'claim', insure(), ['claim.pending', null]],
    ['12 bankruptcy claim', state('cover.activated'), 'bankruptcy_claim', ctx(), ['claim.pending', null]],
    ['13 claim window closes', state('cover.activated'), 'claim_window_closed', ctx(), ['cover.settled', 'claim_period_expired']],
    ['14 settle a claim', state('claim.pending'), 'settle', ctx(), ['cover.settled', 'claim_cancelled']],
    ['15 claim approved', state('claim.pending'), 'claim_approved', ctx(), ['claim.approved', null]],
    ['16 claim rejected', state('claim.pending'), 'claim_rejected', ctx(), ['claim.rejected', null]],
  ];

  it.each(cases)('%s', (_name, from, event, context, expected) => {
    expect(next(from, event, context)).toEqual(expected);
  });

  it('marks a referred quote and keeps it pending until an underwriter decides', () => {
    const referred = transition(state('quote.pending'), 'underwriting_refer', ctx());
    expect(referred).toEqual({ ok: true, value: { status: 'quote.pending', reason: null, referred: true } });
    const offered = transition(state('quote.pending', true), 'underwriter_offer', ctx());
    expect(offered.ok && offered.value.referred).toBe(false);
  });

  it('keeps automatic and underwriter decisions apart', () => {
    expect(next(state('quote.pending', true), 'underwriting_offer')).toBe('invalid_transition');
    expect(next(state('quote.pending', true), 'underwriting_refer')).toBe('invalid_transition');
    expect(next(state('quote.pending'), 'underwriter_offer')).toBe('invalid_transition');
    expect(next(state('quote.pending'), 'underwriter_decline')).toBe('invalid_transition');
  });

  it('accepts claim, bankruptcy claim and settle on the last day of the claim window, not the day after', () => {
    for (const action of ['claim', 'bankruptcy_claim', 'settle'] as const) {
      expect(next(state('cover.activated'), action, ctx({ today: '2018-08-19' }))).not.toBe('invalid_action');
      expect(next(state('cover.activated'), action, ctx({ today: '2018-08-20' }))).toBe('invalid_action');
    }
    expect(next(state('claim.pending'), 'settle', ctx({ today: '2019-01-01' }))).toEqual(['cover.settled', 'claim_cancelled']);
    expect(isWithinClaimWindow('2018-06-01', '2018-07-20', 30)).toBe(true);
  });
});

/** Client actions allowed per status, product and signature, independently of the table (spec §6.2, §9-12, §9-13). */
function allowedActions(status: QuoteStatus, product: Product): readonly ClientAction[] {
  const byStatus: Partial<Record<QuoteStatus, readonly ClientAction[]>> = {
    'quote.offered': product === 'insure' ? ['activate', 'sign_and_activate', 'reject'] : ['activate', 'reject'],
    'cover.activated': product === 'reinsure' ? ['settle', 'claim', 'bankruptcy_claim'] : ['settle', 'claim'],
    'claim.pending': ['settle'],
  };
  return byStatus[status] ?? [];
}

describe('forbidden actions', () => {
  it('refuses every action the status does not allow (Credable words it in http/credable-errors.ts, spec §3)', () => {
    for (const product of PRODUCTS) {
      for (const status of QUOTE_STATUSES) {
        for (const action of CLIENT_ACTIONS) {
          for (const sellerSigned of [true, false]) {
            const result = transition(state(status), action, ctx({ product, sellerSigned }));
            const productHasIt = !(product === 'reinsure' && action === 'sign_and_activate')
              && !(product === 'insure' && action === 'bankruptcy_claim');
            if (!productHasIt) {
              expect(result).toEqual({ ok: false, error: { code: 'action_not_in_product', action, product } });
            } else if (allowedActions(status, product).includes(action)) {
              expect(result.ok).toBe(true);
            } else {
              expect(result).toEqual({ ok: false, error: { code: 'invalid_action', action, status } });
            }
          }
        }
      }
    }
  });

  it('refuses repeating a completed action', () => {
    expect(next(state('cover.settled'), 'settle')).toBe('invalid_action');
    expect(next(state('cover.activated'), 'activate')).toBe('invalid_action');
    expect(next(state('quote.rejected'), 'reject')).toBe('invalid_action');
  });

  it('refuses reject while activation is pending (§9-12)', () => {
    expect(next(state('activation.pending'), 'reject', ctx({ product: 'insure' }))).toBe('invalid_action');
  });

  it('refuses system events where the table has no row', () => {
    expect(next(state('cover.settled'), 'claim_approved')).toBe('invalid_transition');
    expect(next(state('activation.pending'), 'policy_signed', ctx({ product: 'reinsure' }))).toBe('invalid_transition');
    expect(next(state('quote.pending'), 'offer_expired')).toBe('invalid_transition');
  });
});

describe('the transition table', () => {
  it('uses only known statuses, events and products', () => {
    for (const row of TRANSITIONS) {
      expect(QUOTE_STATUSES).toContain(row.from);
      expect(QUOTE_STATUSES).toContain(row.to);
      expect(QUOTE_EVENTS).toContain(row.event);
      for (const product of row.products) expect(PRODUCTS).toContain(product);
    }
    expect(SYSTEM_EVENTS.every((event) => TRANSITIONS.some((row) => row.event === event))).toBe(true);
  });

  it('has no way out of a terminal status', () => {
    expect(TRANSITIONS.filter((row) => isTerminal(row.from))).toEqual([]);
  });

  it('gives a reason exactly when entering quote.rejected or cover.settled, from the documented list', () => {
    for (const row of TRANSITIONS) {
      const allowed: readonly string[] | undefined = STATUS_REASONS[row.to as keyof typeof STATUS_REASONS];
      if (allowed) expect(allowed).toContain(row.reason);
      else expect(row.reason).toBeNull();
    }
  });

  it('is deterministic: at most one row applies in any situation', () => {
    for (const status of QUOTE_STATUSES) {
      for (const event of QUOTE_EVENTS) {
        for (const product of PRODUCTS) {
          for (const sellerSigned of [true, false]) {
            for (const referred of [true, false]) {
              for (const today of ['2018-07-01', '2018-09-01']) {
                const context = ctx({ product, sellerSigned, today });
                const applicable = TRANSITIONS.filter((row) => row.from === status && row.event === event
                  && row.products.includes(product) && guardHolds(row.guard, state(status, referred), context));
                expect(applicable.length).toBeLessThanOrEqual(1);
                expect(findTransition(state(status, referred), event, context)).toBe(applicable[0] ?? null);
              }
            }
          }
        }
      }
    }
  });

  it('never reaches a status outside the table, whatever happens', () => {
    const events = fc.constantFrom(...QUOTE_EVENTS);
    fc.assert(fc.property(
      fc.constantFrom(...PRODUCTS), fc.boolean(), fc.array(fc.tuple(events, fc.boolean()), { maxLength: 30 }),
      (product, sellerSigned, steps) => {
        let current = state('quote.pending');
        for (const [event, late] of steps) {
          const result = transition(current, event, ctx({ product, sellerSigned, today: late ? '2018-12-01' : '2018-07-01' }));
          if (!result.ok) continue;
          const row = TRANSITIONS.find((r) => r.from === current.status && r.event === event && r.to === result.value.status);
          expect(row).toBeDefined();
          expect(QUOTE_STATUSES).toContain(result.value.status);
          if (isTerminal(current.status)) throw new Error('left a terminal status');
          current = result.value;
        }
        if (product === 'reinsure') expect(current.status).not.toBe('activation.pending');
      },
    ));
  });
});

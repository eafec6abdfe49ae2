import { addMinor, subtractMinor, type MinorUnits } from '../../platform/money.js';
import { sumFees, type Fee } from './claim.js';

/*
 * Fees of unmanaged claims (spec §4.6, A34): a claim stores named `fees[]` and `totalFees`; the unnamed part is
 * `totalFees − Σ fees`, always ≥ 0. Decision: duplicate names in a sent list are summed into one fee (as managed
 * claims do), keeping the position of the first.
 */

export interface FeeState {
  readonly fees: readonly Fee[];
  readonly totalFees: MinorUnits;
}

export interface FeeReduction {
  readonly state: FeeState;
  /** How much was actually taken off (never more than was there). */
  readonly applied: MinorUnits;
}

/** Decides the unnamed part of a claim's fees: `totalFees − Σ fees`. */
export function unnamedFees(state: FeeState): MinorUnits {
  return subtractMinor(state.totalFees, sumFees(state.fees));
}

/** Decides a claim's fees from a create/import/recreate/update payload: `fees` wins over `totalFees`, else 0. */
export function feesFromInput(fees: readonly Fee[] | undefined, totalFees: MinorUnits | undefined): FeeState {
  if (fees !== undefined) {
    const merged = mergeFeesByName(fees);
    return { fees: merged, totalFees: sumFees(merged) };
  }
  return { fees: [], totalFees: totalFees ?? 0 };
}

/** Decides one list from a list that may repeat names: same-name amounts summed, first position kept. */
export function mergeFeesByName(fees: readonly Fee[]): readonly Fee[] {
  return fees.reduce<readonly Fee[]>((merged, fee) => addToNamedFee(merged, fee), []);
}

function addToNamedFee(fees: readonly Fee[], fee: Fee): readonly Fee[] {
  const index = fees.findIndex((existing) => existing.name === fee.name);
  if (index < 0) return [...fees, { name: fee.name, amount: fee.amount }];
  return fees.map((existing, i) => (i === index ? { name: existing.name, amount: addMinor(existing.amount, fee.amount) } : existing));
}

/** Decides fees after a debit: a number adds to the unnamed part; a list adds by name, creating unknown names. */
export function debitFees(state: FeeState, fees: MinorUnits | readonly Fee[]): FeeState {
  if (typeof fees === 'number') return { fees: state.fees, totalFees: addMinor(state.totalFees, fees) };
  const named = fees.reduce<readonly Fee[]>((current, fee) => addToNamedFee(current, fee), state.fees);
  return { fees: named, totalFees: addMinor(state.totalFees, sumFees(fees)) };
}

/** Decides fees after a named credit: each matching name loses `min(x, fee.amount)`; unknown names are ignored. */
export function creditNamedFees(
  state: FeeState,
  reductions: readonly Fee[],
): FeeReduction & { readonly ignoredNames: readonly string[] } {
  let current = state;
  let applied = 0;
  const ignoredNames: string[] = [];
  for (const reduction of reductions) {
    const fee = current.fees.find((candidate) => candidate.name === reduction.name);
    if (!fee) {
      ignoredNames.push(reduction.name);
      continue;
    }
    const taken = Math.min(reduction.amount, fee.amount);
    current = takeFromNamedFee(current, reduction.name, taken);
    applied = addMinor(applied, taken);
  }
  return { state: current, applied, ignoredNames };
}

function takeFromNamedFee(state: FeeState, name: string, amount: MinorUnits): FeeState {
  return {
    fees: state.fees.map((fee) => (fee.name === name ? { name, amount: subtractMinor(fee.amount, amount) } : fee)),
    totalFees: subtractMinor(state.totalFees, amount),
  };
}

/** Decides fees after a flat credit: the unnamed part first, then named fees in list order, each floored at 0. */
export function creditFeesFlat(state: FeeState, amount: MinorUnits): FeeReduction {
  const fromUnnamed = Math.min(amount, unnamedFees(state));
  let current: FeeState = { fees: state.fees, totalFees: subtractMinor(state.totalFees, fromUnnamed) };
  let remaining = subtractMinor(amount, fromUnnamed);
  for (const fee of state.fees) {
    if (remaining === 0) break;
    const taken = Math.min(remaining, fee.amount);
    current = takeFromNamedFee(current, fee.name, taken);
    remaining = subtractMinor(remaining, taken);
  }
  return { state: current, applied: subtractMinor(amount, remaining) };
}

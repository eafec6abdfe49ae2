/**
 * Sandbox scenarios (issue 13 §7): in a sandbox tenant these application amounts always take one branch, whatever the
 * buyer, so an integrator can try every branch in minutes. Live tenants never see them.
 */
export type SandboxScenario = 'referral' | 'partial' | 'refusal' | 'reduction-notice';

/** Amounts in whole units of the policy currency. */
export const SANDBOX_SCENARIO_AMOUNTS: Readonly<Record<number, SandboxScenario>> = {
  13_000: 'referral',
  14_000: 'partial',
  15_000: 'refusal',
  16_000: 'reduction-notice',
};

/** An insurer reduction notice of the scenario halves the cover, effective after the usual notice period. */
export function sandboxScenario(sandbox: boolean, requestedWholeUnits: number): SandboxScenario | null {
  if (!sandbox) return null;
  return SANDBOX_SCENARIO_AMOUNTS[requestedWholeUnits] ?? null;
}

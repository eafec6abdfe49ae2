/** PostgreSQL's answers to two transactions that cannot both go ahead; the loser is safe to run again from the start. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
export const MAX_TRANSACTION_ATTEMPTS = 4;

function sqlState(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/** Runs a whole transaction again when PostgreSQL picked it as a deadlock or serialisation victim (nothing of it was kept). */
export async function retryOnConflict<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= MAX_TRANSACTION_ATTEMPTS || !state || !RETRYABLE_SQLSTATES.has(state)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Whether `error` is a deadlock or serialisation victim: it wrote nothing and is safe to run again. */
export function isRetryableConflict(error: unknown): boolean {
  return RETRYABLE_SQLSTATES.has(sqlState(error) ?? '');
}

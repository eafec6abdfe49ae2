/**
 * A secret shown once (an API key, a webhook signing secret) is answered to the request that created it and never
 * again: the response kept for an Idempotency-Key replay carries null in its place, and the replay says so in
 * `Secret-Withheld` (the withheld fields), so a client that lost the first answer knows to revoke and create anew.
 */
export const SECRET_WITHHELD_HEADER = 'Secret-Withheld';

/** The body with each named top-level field that it has set to null. */
export function withholdSecrets(body: unknown, fields: readonly string[]): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of fields) if (field in copy) copy[field] = null;
  return copy;
}

/** The named fields a stored body holds (withheld when it was stored). */
export function withheldFields(storedBody: string, fields: readonly string[]): string[] {
  try {
    const parsed = JSON.parse(storedBody) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return [];
    return fields.filter((field) => field in parsed);
  } catch {
    return [];
  }
}

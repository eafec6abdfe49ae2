import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { isoOfUtcText } from '../../src/cover/live-portfolio-page.js';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';

const WIRE = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const MICROS_PER_DAY = 86_400_000_000n;
/** The instants toISOString writes as PostgreSQL does: years 1 to 9999 (PostgreSQL has no year 0; JavaScript's is 1 BC). */
const FIRST_AD_MILLIS = -62_135_596_800_000;
const YEAR_10000_MILLIS = 253_402_300_800_000;

describeEachEngine('the live portfolio page\'s instants', (engine) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: true, poolSize: 1, schema: {} });
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  /** Each instant (microseconds from the epoch) as the page reads it, and as to_char wrote it for the wire before. */
  async function read(micros: readonly bigint[]): Promise<{ text: string | null; wire: string | null }[]> {
    return handle.query<{ text: string | null; wire: string | null }>(
      `SELECT (t AT TIME ZONE 'UTC')::text AS text, to_char(t AT TIME ZONE 'UTC', ${WIRE}) AS wire
       FROM unnest($1::text[]) WITH ORDINALITY AS m(us, n), LATERAL (SELECT 'epoch'::timestamptz + (m.us || ' microseconds')::interval AS t) AS i
       ORDER BY n`,
      [micros.map(String)]);
  }

  it('writes what to_char wrote: milliseconds cut, whole seconds, fractions with trailing zeros dropped, long years, BC', async () => {
    const edges = [0n, 1n, 999n, 1000n, 120_000n, 123_456n, 999_999n, -1n, 1_765_049_400_123_000n, 1_765_049_400_100_000n,
      1_765_049_400_000_001n, 253_402_300_799_999_999n, 253_402_300_800_000_000n, 300_000_000_000_000_000n, -62_135_596_800_000_000n,
      -62_135_596_800_000_001n, -65_000_000_000_000_000n];
    const rows = await read(edges);
    for (const row of rows) expect(isoOfUtcText(row.text!)).toBe(row.wire);
    expect(rows.map((row) => row.wire)).toContain('10000-01-01T00:00:00.000Z');
    expect(rows.some((row) => row.text!.endsWith(' BC'))).toBe(true);
    // And infinity, which to_char writes as null.
    const [infinite] = await handle.query<{ text: string; wire: string | null }>(
      `SELECT ('infinity'::timestamptz AT TIME ZONE 'UTC')::text AS text, to_char('infinity'::timestamptz AT TIME ZONE 'UTC', ${WIRE}) AS wire`);
    expect(isoOfUtcText(infinite!.text)).toBe(infinite!.wire);
  });

  it('writes what to_char wrote for any instant, and what toISOString writes for the years it covers', async () => {
    const instant = fc.oneof(
      fc.bigInt({ min: -60_000_000_000_000_000n, max: 300_000_000_000_000_000n }),
      // Around today, at every precision: whole seconds, milliseconds and microseconds.
      fc.tuple(fc.bigInt({ min: 20_000n, max: 22_000n }), fc.bigInt({ min: 0n, max: MICROS_PER_DAY - 1n }), fc.constantFrom(1n, 1000n, 1_000_000n))
        .map(([day, micros, unit]) => day * MICROS_PER_DAY + (micros / unit) * unit),
    );
    await fc.assert(fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 200 }), async (micros) => {
      const rows = await read(micros);
      rows.forEach((row, index) => {
        const iso = isoOfUtcText(row.text!);
        expect(iso).toBe(row.wire);
        const us = micros[index]!;
        const millis = Number(us % 1000n < 0n ? us / 1000n - 1n : us / 1000n);
        if (millis >= FIRST_AD_MILLIS && millis < YEAR_10000_MILLIS) expect(iso).toBe(new Date(millis).toISOString());
      });
    }), { numRuns: 40 });
  });
});

import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/platform/db/database.js';

/**
 * Where a phase's CPU goes on a one-machine benchmark: the service process, the PostgreSQL backends serving the
 * scratch database, and this process (the load generator, or the baseline's own client). Linux only (/proc); a
 * figure that cannot be read (e.g. PostgreSQL on another host) is left out.
 */
export interface CpuSplit {
  serviceMs?: number;
  postgresMs?: number;
  loadMs: number;
}

/** CPU time (user + system, ms) a local process has used so far; undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

async function backendPids(db: Database): Promise<number[]> {
  const rows = rowsOf<{ pid: number }>(await db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`));
  return rows.map((row) => Number(row.pid));
}

/** Runs `phase` and measures the CPU each side used meanwhile. */
export async function measureCpu<T>(db: Database, servicePid: number | undefined, phase: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const before = new Map((await backendPids(db)).map((pid) => [pid, processCpuMs(pid)]));
  const serviceBefore = servicePid === undefined ? undefined : processCpuMs(servicePid);
  const loadBefore = process.cpuUsage();
  const result = await phase();
  const load = process.cpuUsage(loadBefore);
  const serviceAfter = servicePid === undefined ? undefined : processCpuMs(servicePid);
  let postgresMs: number | undefined;
  for (const pid of await backendPids(db)) {
    const now = processCpuMs(pid);
    if (now !== undefined) postgresMs = (postgresMs ?? 0) + now - (before.get(pid) ?? 0);
  }
  return {
    result,
    cpu: {
      serviceMs: serviceBefore === undefined || serviceAfter === undefined ? undefined : serviceAfter - serviceBefore,
      postgresMs,
      loadMs: (load.user + load.system) / 1000,
    },
  };
}

/** One line: CPU per request (or transaction) of each side. */
export function reportCpu(cpu: CpuSplit, requests: number, loadLabel = 'load generator'): void {
  const per = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / requests).toFixed(3)} ms`);
  const parts = [
    ...(cpu.serviceMs === undefined ? [] : [`service ${per(cpu.serviceMs)}`]),
    `PostgreSQL ${per(cpu.postgresMs)}`,
    `${loadLabel} ${per(cpu.loadMs)}`,
  ];
  console.log(`${''.padEnd(48)} CPU each: ${parts.join(', ')}`);
}

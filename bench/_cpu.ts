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

/** CPU time (ms) of this process's finished, waited-for children (cutime + cstime); undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs `phase` (a pgbench run this process waits for, on a database created during it) and measures the CPU of its
 * PostgreSQL backends (application_name 'pgbench' on a database that did not exist before, sampled every 200 ms, so
 * the last 200 ms may be missed; `pgbench -i` counts too) and of the pgbench client. Backends of two new databases at
 * once (another run of someone else) make the PostgreSQL figure n/a.
 */
export async function measurePgbenchCpu<T>(db: Database, phase: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const existing = rowsOf<{ datname: string }>(await db.execute(sql`SELECT datname FROM pg_database`)).map((row) => row.datname);
  const childrenBefore = childrenCpuMs();
  // A backend's CPU so far, as last sampled (backends live as long as the run, so they are all seen from their start).
  const seen = new Map<number, { datname: string; ms: number }>();
  const sample = async () => {
    const rows = rowsOf<{ pid: number; datname: string }>(await db.execute(
      sql`SELECT pid, datname FROM pg_stat_activity WHERE application_name = 'pgbench' AND NOT (datname = ANY(${`{${existing.join(',')}}`}::text[]))`));
    for (const row of rows) {
      const now = processCpuMs(Number(row.pid));
      if (now === undefined) continue;
      seen.set(Number(row.pid), { datname: row.datname, ms: now });
    }
  };
  let running = true;
  const sampler = (async () => {
    while (running) {
      await sample().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const result = await phase().finally(() => { running = false; });
  await sampler;
  const databases = new Set([...seen.values()].map((backend) => backend.datname));
  const childrenAfter = childrenCpuMs();
  return {
    result,
    cpu: {
      postgresMs: databases.size === 1 ? [...seen.values()].reduce((sum, backend) => sum + backend.ms, 0) : undefined,
      loadMs: childrenBefore === undefined || childrenAfter === undefined ? Number.NaN : childrenAfter - childrenBefore,
    },
  };
}

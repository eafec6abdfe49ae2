import pg from 'pg';
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../clock.js';
import { executeRaw, type Executor } from '../db/database.js';
import type { Actor } from './actor.js';

/**
 * A short-lived, bounded in-process cache of resolved bearer secrets (API keys and access tokens, keyed by their
 * SHA-256), so that a request does not pay a database round trip to learn who is calling.
 *
 * What may change under a cached entry, and how the change reaches every process:
 * - A credential is revoked (revokeCredential) or a sandbox test clock moves (the tenant row carries the offset):
 *   the change calls `authChanged(executor, tenantId)` inside its transaction. That drops the tenant's entries in
 *   this process at once and stops caching them for `CHANGE_WINDOW_MS` (so a read racing the uncommitted change is
 *   not cached), and queues a `NOTIFY tradecredit_auth` that PostgreSQL delivers on commit to every other process,
 *   whose listener drops the tenant's entries in turn. Loads that began before an invalidation never store their
 *   result (a generation counter), so a stale read cannot re-enter the cache.
 * - On PostgreSQL, a process whose listener connection is down does not use the cache at all until it is back.
 *   The TTL (`AUTH_CACHE_TTL_MS`) is the upper bound on staleness should a notification ever be lost.
 * - Token expiry is checked on every hit against the caller's `now`; only positive results are cached.
 */
export const AUTH_CACHE_TTL_MS = 10_000;
export const AUTH_CACHE_MAX_ENTRIES = 10_000;
/** How long after a local change its tenant is served from the database only (covers the change's own transaction). */
export const CHANGE_WINDOW_MS = 10_000;
export const AUTH_CHANNEL = 'tradecredit_auth';

interface Entry {
  actor: Actor;
  /** Access tokens only: when the token stops being valid (system time). */
  tokenExpiresAt: number | null;
  /** Atradius faces: the app key hash of the credential (null when none is required). */
  appKeyHash: string | null;
  cachedUntil: number;
}

export interface CachedResolution {
  actor: Actor;
  tokenExpiresAt: Date | null;
  appKeyHash: string | null;
}

const liveCaches = new Set<ActorCache>();

export class ActorCache {
  readonly #entries = new Map<string, Entry>();
  readonly #pausedTenants = new Map<string, number>();
  #generation = 0;
  #enabled: boolean;

  constructor(
    readonly ttlMs = AUTH_CACHE_TTL_MS,
    readonly maxEntries = AUTH_CACHE_MAX_ENTRIES,
    enabled = true,
    /** Times the entries (TTL, change windows); the system clock, whatever a tenant's test clock says. */
    readonly clock: Clock = systemClock,
  ) {
    this.#enabled = enabled;
    liveCaches.add(this);
  }

  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached resolution of `hash`, if it is still good at `now` (system time). */
  get(hash: string, now: Date): CachedResolution | undefined {
    if (!this.#enabled) return undefined;
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    const clock = this.clock.now().getTime();
    if (entry.cachedUntil <= clock || (entry.tokenExpiresAt !== null && entry.tokenExpiresAt <= now.getTime()) || this.#paused(entry.actor.tenant.id, clock)) {
      this.#entries.delete(hash);
      return undefined;
    }
    // Least recently used goes first: a hit moves the entry to the end of the map's order.
    this.#entries.delete(hash);
    this.#entries.set(hash, entry);
    return { actor: entry.actor, tokenExpiresAt: entry.tokenExpiresAt === null ? null : new Date(entry.tokenExpiresAt), appKeyHash: entry.appKeyHash };
  }

  /** Stores a resolution loaded from the database, unless anything was invalidated since the load began (`generation`). */
  set(hash: string, generation: number, resolution: CachedResolution): void {
    const clock = this.clock.now().getTime();
    if (!this.#enabled || generation !== this.#generation || this.#paused(resolution.actor.tenant.id, clock)) return;
    this.#entries.delete(hash);
    this.#entries.set(hash, {
      actor: resolution.actor, tokenExpiresAt: resolution.tokenExpiresAt?.getTime() ?? null, appKeyHash: resolution.appKeyHash, cachedUntil: clock + this.ttlMs,
    });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Drops a tenant's entries; with `pauseMs`, its lookups bypass the cache for that long (a local, uncommitted change). */
  invalidateTenant(tenantId: string, pauseMs = 0): void {
    this.#generation += 1;
    for (const [hash, entry] of this.#entries) if (entry.actor.tenant.id === tenantId) this.#entries.delete(hash);
    if (pauseMs > 0) this.#pausedTenants.set(tenantId, Math.max(this.#pausedTenants.get(tenantId) ?? 0, this.clock.now().getTime() + pauseMs));
  }

  /** Everything goes; with `enabled` false the cache answers nothing until enabled again. */
  clear(enabled = this.#enabled): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#enabled = enabled;
  }

  dispose(): void {
    this.clear(false);
    liveCaches.delete(this);
  }

  #paused(tenantId: string, clock: number): boolean {
    const until = this.#pausedTenants.get(tenantId);
    if (until === undefined) return false;
    if (until > clock) return true;
    this.#pausedTenants.delete(tenantId);
    return false;
  }
}

/**
 * Called inside the transaction of any change to what a cached actor holds (revocation, test clock): invalidates
 * this process's caches now and every other process's on commit (NOTIFY is transactional).
 */
export async function authChanged(executor: Executor, tenantId: string): Promise<void> {
  for (const cache of liveCaches) cache.invalidateTenant(tenantId, CHANGE_WINDOW_MS);
  await executeRaw(executor, 'SELECT pg_notify($1, $2)', [AUTH_CHANNEL, tenantId]);
}

/**
 * The cross-process half: a dedicated connection LISTENing for changes made by other processes. While it is not
 * connected the cache is off; it reconnects after a second.
 */
export function listenForAuthChanges(cache: ActorCache, databaseUrl: string, logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  cache.clear(false);
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'tradecredit-auth-listener' });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      cache.clear(false);
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (!stopped) {
        if (error) logger.warn({ err: error }, 'auth cache listener lost its connection; the cache is off until it reconnects');
        retry = setTimeout(() => void connect(), 1000);
      }
    };
    client = next;
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL && message.payload) cache.invalidateTenant(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${AUTH_CHANNEL}`);
      if (client === next && !stopped) cache.clear(true);
    } catch (error) {
      lost(error);
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      cache.dispose();
      await current?.end().catch(() => undefined);
    },
  };
}

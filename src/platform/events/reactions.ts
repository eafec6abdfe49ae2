import { and, eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';
import { events } from '../db/schema.js';
import type { JobHandler, JobQueue, QueueDefinition } from '../jobs/queue.js';

/** A committed event as a reaction receives it. */
export interface StoredEvent {
  id: number;
  tenantId: string;
  type: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * How one module reacts to another's events (DESIGN.md §2: an insured claim opening a case goes through an event
 * and a job, never a call into the other module's internals). Every committed event of a listed type reaches
 * `handle` at least once, in a worker, through a durable job that is retried when `handle` throws; so `handle`
 * must be idempotent (keep the event id in a unique column and write with ON CONFLICT DO NOTHING, or guard on state).
 */
export interface EventReaction {
  /** Unique across the service; names the reaction's job queue. */
  name: string;
  eventTypes: readonly string[];
  handle(event: StoredEvent): Promise<void>;
}

export interface ReactionJob {
  eventId: number;
  tenantId: string;
}

export function reactionQueueName(reaction: Pick<EventReaction, 'name'>): string {
  return `reaction.${reaction.name}`;
}

export function reactionQueues(reactions: readonly EventReaction[]): QueueDefinition[] {
  return reactions.map((reaction) => ({
    name: reactionQueueName(reaction), retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 300,
  }));
}

/*
 * The event types some reaction of this process's modules wants. Writers that skip the dispatcher for events no
 * webhook endpoint wants (dispatchAwareEventsWrites) consult it, so such an event still reaches its reactions.
 * Process-wide because every service in a process runs the same modules; a type declared by one service and not
 * another only costs the dispatcher a look at an event nobody then takes.
 */
const typesWantedByReactions = new Set<string>();

export function declareReactionTypes(reactions: readonly EventReaction[]): void {
  for (const reaction of reactions) for (const type of reaction.eventTypes) typesWantedByReactions.add(type);
}

export function isWantedByReactions(type: string): boolean {
  return typesWantedByReactions.has(type);
}

/** Enqueues, in the dispatcher's transaction, one job per reaction that wants each of `pending`. */
export async function enqueueReactionJobs(
  tx: Executor, jobs: JobQueue, reactions: readonly EventReaction[], pending: readonly { id: number; tenantId: string; type: string }[],
): Promise<void> {
  for (const reaction of reactions) {
    const payloads: ReactionJob[] = pending
      .filter((event) => reaction.eventTypes.includes(event.type))
      .map((event) => ({ eventId: event.id, tenantId: event.tenantId }));
    await jobs.enqueue(tx, reactionQueueName(reaction), payloads);
  }
}

/** The job handler that loads the event a reaction job names and hands it to the reaction. */
export function reactionJobHandler(db: Database, reaction: EventReaction): JobHandler<ReactionJob> {
  return async (job) => {
    const [row] = await db.select().from(events)
      .where(and(eq(events.id, job.data.eventId), eq(events.tenantId, job.data.tenantId)));
    if (!row) return;
    await reaction.handle({
      id: Number(row.id), tenantId: row.tenantId, type: row.type, entityType: row.entityType, entityId: row.entityId,
      data: row.data as Record<string, unknown>, occurredAt: row.occurredAt,
    });
  };
}

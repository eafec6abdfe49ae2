import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { auditLog } from '../db/schema.js';

/** A tenant's audit rows, newest first, before a cursor. */
export async function readAuditLog(executor: Executor, tenantId: string, query: { beforeId?: number; limit: number }) {
  const filters = [eq(auditLog.tenantId, tenantId)];
  if (query.beforeId) filters.push(lt(auditLog.id, query.beforeId));
  return executor.select().from(auditLog).where(and(...filters)).orderBy(desc(auditLog.id)).limit(query.limit);
}

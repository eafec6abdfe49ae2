// Which jobs pg-boss still holds as live. Modules use it to find work whose job ended without an outcome (a worker
// killed during the last attempt makes pg-boss fail the job without calling the handler).
import { QUEUE_SCHEMA } from './queue.js';

/**
 * SQL for "no live job of `queue` carries `dataKey` = `idSql`": no job in state created, retry or active (the enum
 * orders them before completed, cancelled and failed). `queueParam` is the placeholder bound to the queue name.
 */
export function noLiveJobSql(queueParam: string, dataKey: string, idSql: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j
    WHERE j.name = ${queueParam} AND j.state < 'completed' AND j.data->>'${dataKey}' = ${idSql})`;
}

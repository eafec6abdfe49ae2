/*
 * The events collections' debtor records append (webhooks and strategies subscribe to them). `data` carries the
 * claim or plan reference and the facts a reaction needs.
 */
export const PROMISE_CREATED = 'promise.created';
export const PROMISE_KEPT = 'promise.kept';
export const PROMISE_BROKEN = 'promise.broken';
export const INSTALMENT_PLAN_CREATED = 'instalment_plan.created';
export const INSTALMENT_PLAN_UPDATED = 'instalment_plan.updated';
export const INSTALMENT_PLAN_RESOLVED = 'instalment_plan.resolved';
export const INSTALMENT_MISSED = 'instalment.missed';
export const INSTALMENT_PLAN_BROKEN = 'instalment_plan.broken';
export const MANDATE_CREATED = 'mandate.created';
export const MANDATE_DELETED = 'mandate.deleted';
export const FILE_UPLOADED = 'file.uploaded';

export const DEBTOR_RECORD_EVENT_TYPES = [
  PROMISE_CREATED, PROMISE_KEPT, PROMISE_BROKEN, INSTALMENT_PLAN_CREATED, INSTALMENT_PLAN_UPDATED, INSTALMENT_PLAN_RESOLVED,
  INSTALMENT_MISSED, INSTALMENT_PLAN_BROKEN, MANDATE_CREATED, MANDATE_DELETED, FILE_UPLOADED,
] as const;

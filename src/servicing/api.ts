/*
 * What other modules may use of debt servicing: the types of the events it appends (a reaction to a claim or a
 * payment subscribes to these, through a job, never by calling into servicing's internals).
 */
export { ASYNC_COMPLETED, ASYNC_FAILED, CLAIM_CREATED, CLAIM_PAYMENT_PROCESSING, SERVICING_EVENT_TYPES } from './events.js';

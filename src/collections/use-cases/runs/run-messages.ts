import type { MessagingContext } from '../../communications/context.js';
import { prepareRunMessages } from '../messages/send-run-messages.js';
import type { MessageSender } from './run-workspace.js';

/**
 * The runs' message steps through the communications work (render in the debtor's language, store the .eml, queue
 * the e-mail), a batch at a time, written in the steps' unit of work. The interpreter has already chosen a channel
 * the debtor can be reached on; each message is keyed by the run and the step's execution, so a retried sweep stores
 * nothing twice. What could not be sent (an unknown template, no usable channel) is answered as the reason, for the
 * run log.
 */
export function runMessageSender(messaging: MessagingContext): MessageSender {
  return (uow, requests, known) => prepareRunMessages(uow, messaging, requests, known);
}

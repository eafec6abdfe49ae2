import type { JobQueue } from '../../platform/jobs/queue.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { InsuranceContext } from '../service.js';

/** What the Connect use cases need beyond the insurance settings: the job queue (pricing, mail) and the mail sender. */
export interface ConnectContext extends InsuranceContext {
  readonly jobs: JobQueue;
  readonly mailFrom: string;
  readonly payments: readonly PaymentProvider[];
}

export const CONNECT_PRICING_QUEUE = 'connect.price-quote-request';

export function purchaseUrl(ctx: Pick<ConnectContext, 'publicBaseUrl'>, token: string): string {
  return `${ctx.publicBaseUrl}/app/connect/purchase/${token}`;
}

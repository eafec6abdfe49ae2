import type { JobQueue } from '../platform/jobs/queue.js';
import type { Platform } from '../platform/services.js';
import { type InsuranceConfig, loadInsuranceConfig } from './config.js';
import type { PaymentProvider } from './payments/provider.js';
import { PAYMENT_PROVIDERS } from './payments/registry.js';

/** What every insurance use case reads besides its unit of work: the module's settings and the service's public URL. */
export interface InsuranceContext {
  readonly config: InsuranceConfig;
  readonly publicBaseUrl: string;
}

/** What the Connect use cases need beyond the insurance settings: the job queue (pricing, mail) and the mail sender. */
export interface ConnectContext extends InsuranceContext {
  readonly jobs: JobQueue;
  readonly mailFrom: string;
  readonly payments: readonly PaymentProvider[];
}

export const CONNECT_PRICING_QUEUE = 'connect.price-quote-request';

export function insuranceContext(platform: Pick<Platform, 'config'>): InsuranceContext {
  return { config: loadInsuranceConfig(platform.config.BUSINESS_TIME_ZONE), publicBaseUrl: platform.config.publicBaseUrl };
}

export function connectContext(platform: Pick<Platform, 'config' | 'jobs'>): ConnectContext {
  return { ...insuranceContext(platform), jobs: platform.jobs, mailFrom: platform.config.MAIL_FROM, payments: PAYMENT_PROVIDERS };
}

export function purchaseUrl(ctx: Pick<ConnectContext, 'publicBaseUrl'>, token: string): string {
  return `${ctx.publicBaseUrl}/app/connect/purchase/${token}`;
}

/** A job of CONNECT_PRICING_QUEUE: price the quote request `id` of the tenant. */
export interface PricingJob {
  readonly tenantId: string;
  readonly id: string;
}

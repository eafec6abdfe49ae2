import type { WireFace } from '../platform/http/face.js';
import { platformFace } from '../platform/http/faces/platform-api.js';

export const STAFF_ROLES = ['underwriter', 'claims_handler', 'admin', 'collections_manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The back office for insurer staff (`/backoffice/v1`): staff credentials (product `staff`) whose scopes are roles.
 * Errors use the platform's `{"error":{code,message,issues?}}` shape. Decision: staff act within their tenant's book.
 */
export const backofficeFace: WireFace = platformFace('backoffice', ['staff']);

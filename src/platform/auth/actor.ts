import type { Tenant } from '../tenants/tenant.js';
import type { Product } from './products.js';

/** Who is calling: the tenant and the credential (and so the product and scopes) the request authenticated with. */
export interface Actor {
  tenant: Tenant;
  credentialId: string;
  product: Product;
  scopes: string[];
}

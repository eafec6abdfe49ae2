import { ApiError } from '../api-error.js';
import { describeUnstorable } from '../hostile-input.js';

/** Client id and secret from `Authorization: Basic base64(id:secret)`; undefined when the header is absent. */
export function parseBasicAuthorization(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header.trim());
  if (!match?.[1]) throw new ApiError('bad_request', 'Malformed Authorization header: expected Basic credentials');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  // The client id is looked up in the database, which cannot store a NUL character: such an id matches nothing.
  if (describeUnstorable(decoded)) throw new ApiError('bad_request', 'Malformed Authorization header: the credentials contain a NUL character');
  const separator = decoded.indexOf(':');
  if (separator <= 0) throw new ApiError('bad_request', 'Malformed Authorization header: expected base64(clientId:clientSecret)');
  return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}

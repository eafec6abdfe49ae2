import { STATUS_CODES } from 'node:http';
import type { ApiErrorKind } from '../api-error.js';
import type { ErrorFace } from '../face.js';

/** Where the browser pages live (signing, purchase): people read their errors, so they get a page, not JSON. */
export const BROWSER_PAGES_PREFIX = '/app';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const DETAILS: Partial<Record<ApiErrorKind, string>> = {
  not_found: 'There is no page at this address. Please open the link you were sent again.',
  rate_limited: 'Too many requests. Please wait a minute and try again.',
  payload_too_large: 'The form sent is too large.',
  unavailable: 'The service is not available right now. Please try again later.',
  internal: 'Something went wrong on our side. Please try again later.',
};

/** The error answer of the browser pages when a page itself could not run (a malformed address, an unexpected failure). */
export const browserPageFace: ErrorFace = {
  name: 'browser-page',
  contentType: 'text/html; charset=utf-8',
  formatError(error) {
    const title = STATUS_CODES[error.statusCode] ?? 'Error';
    const detail = DETAILS[error.kind] ?? 'The address or the form of this page is not valid. Please open the link you were sent again.';
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
      + `<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p id="result">${escapeHtml(detail)}</p></body></html>`;
    return { status: error.statusCode, body };
  },
};

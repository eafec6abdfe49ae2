// Helpers shared by the console's tests: staff credentials and a signed-in HTTP client (no browser).
import { createStaffCredential, type StaffRole } from '../../src/backoffice/api.js';
import type { TestService } from '../support/service.js';

export async function staffKey(service: TestService, tenantId: string, roles: StaffRole[], label = roles.join('+')): Promise<string> {
  const created = await createStaffCredential(service.platform.db, { tenantId, roles, label, now: service.clock.now() });
  return created.apiKey;
}

export interface ConsoleClient {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
}

function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((line) => {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

/** The hidden `_csrf` value of the first form of a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Signs in through the sign-in form as a browser would; answers the response of the form's POST too. */
export async function signInOverHttp(url: string, apiKey: string): Promise<{ response: Response; client?: ConsoleClient }> {
  const page = await fetch(`${url}/console/sign-in`);
  const signInCookie = cookiesOf(page).tc_console_sign_in ?? '';
  const token = csrfOf(await page.text());
  const response = await fetch(`${url}/console/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tc_console_sign_in=${signInCookie}` },
    body: new URLSearchParams({ apiKey, _csrf: token }).toString(),
  });
  const session = cookiesOf(response).tc_console;
  if (response.status !== 303 || !session) return { response };
  const cookie = `tc_console=${session}`;
  const home = await fetch(`${url}/console`, { headers: { cookie } });
  const csrf = csrfOf(await home.text());
  return {
    response,
    client: {
      cookie, csrf,
      get: (path, headers = {}) => fetch(`${url}${path}`, { redirect: 'manual', headers: { cookie, ...headers } }),
      post: (path, form, headers = {}) => fetch(`${url}${path}`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      }),
    },
  };
}

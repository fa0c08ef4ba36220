import type { Response } from 'supertest';
import { TEST_PASSWORD } from '../factories/user.factory.js';
import type { TestApp } from './create-test-app.js';

/** The value of a cookie a response sets, or undefined. */
export function setCookie(response: Response, name: string): string | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const line = header?.find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

/** The CSRF token of the first form of a page. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}

/** A browser signed in to the pages (through the sign-in form), as supertest calls. */
export interface PageSession {
  readonly cookie: string;
  readonly csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string>): Promise<Response>;
}

/** Signs in through `GET` and `POST /signin`, as a browser does. */
export async function signInToPages(t: TestApp, email: string, password = TEST_PASSWORD): Promise<PageSession> {
  const form = await t.http.get('/signin');
  const signin = setCookie(form, '__Host-tandem_signin');
  const response = await t.http
    .post('/signin')
    .set('Cookie', `__Host-tandem_signin=${signin}`)
    .type('form')
    .send({ email, password, _csrf: csrfIn(form.text) });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status} ${response.text.slice(0, 300)}`);
  const cookie = `__Host-tandem_session=${setCookie(response, '__Host-tandem_session')}`;
  const landing = await t.http.get('/app').set('Cookie', cookie).redirects(1);
  const csrf = csrfIn(landing.text);
  return {
    cookie,
    csrf,
    get: (path) => t.http.get(path).set('Cookie', cookie),
    post: (path, fields) => t.http.post(path).set('Cookie', cookie).type('form').send(fields),
  };
}

import { html, type Html } from './html.js';
import { layout } from './layout.js';

export interface SignInView {
  readonly csrfToken: string;
  readonly next: string | null;
  readonly email: string;
  readonly askTenant: boolean;
  readonly tenant: string;
  readonly error: string | null;
}

export function signInPage(view: SignInView): Html {
  const describedBy = view.error ? html` aria-describedby="signin-error"` : null;
  return layout({
    title: 'Sign in',
    lang: 'en',
    body: html`<h1>Sign in</h1>
${view.error ? html`<div class="errors" role="alert" id="signin-error"><p>${view.error}</p></div>` : null}
<form method="post" action="/signin" class="stack">
<input type="hidden" name="_csrf" value="${view.csrfToken}">
${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : null}
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${view.email}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
${
  view.askTenant
    ? html`<label for="tenant">Organisation</label>
<p class="hint" id="tenant-hint">This e-mail signs in to several organisations: give the short name (slug) of the one you want.</p>
<input id="tenant" name="tenant" type="text" autocomplete="organization" required value="${view.tenant}" aria-describedby="tenant-hint">`
    : null
}
<button type="submit" class="primary">Sign in</button>
</form>`,
  });
}

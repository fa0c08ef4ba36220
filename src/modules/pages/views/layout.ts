import type { Role } from '#src/common/auth/principal.js';
import { assetUrl } from '../assets.js';
import { html, type Html } from './html.js';

/** Who is signed in, for the header of the staff pages. */
export interface Viewer {
  readonly name: string;
  readonly role: Role;
  readonly csrfToken: string;
}

export interface PageOptions {
  readonly title: string;
  readonly lang: string;
  readonly body: Html;
  readonly viewer?: Viewer;
  /** Skip link text, in the page's language. */
  readonly skip?: string;
  /** Scripts of `/assets`, in order (deferred, so they run in this order once the page is parsed). */
  readonly scripts?: readonly ('survey.js' | 'chart.umd.min.js' | 'insights.js')[];
}

/** The HTML document around every page: landmarks, skip link, the one stylesheet, the header of the staff pages. */
export function layout(options: PageOptions): Html {
  const { viewer } = options;
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Tandem</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
${(options.scripts ?? []).map((name) => html`<script src="${assetUrl(name)}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">${options.skip ?? 'Skip to the content'}</a>
<header class="top">
<span class="brand">Tandem</span>
${
  viewer
    ? html`<nav aria-label="Pages"><ul>
${viewer.role === 'hr_admin' ? html`<li><a href="/app/checklists">Checklists</a></li>` : null}
${viewer.role === 'hr_admin' || viewer.role === 'manager' ? html`<li><a href="/app/insights">Insights</a></li>` : null}
<li><a href="/app/tasks">My tasks</a></li>
</ul></nav>
<form method="post" action="/signout" class="signout"><input type="hidden" name="_csrf" value="${viewer.csrfToken}"><span class="who">${viewer.name}</span> <button type="submit" class="link">Sign out</button></form>`
    : null
}
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`;
}

/** A short page that says what happened and where to go next. */
export function messagePage(options: { title: string; lang: string; text: string; detail?: string; link?: { href: string; label: string }; viewer?: Viewer }): Html {
  return layout({
    title: options.title,
    lang: options.lang,
    viewer: options.viewer,
    body: html`<h1>${options.title}</h1>
<p>${options.text}</p>
${options.detail ? html`<p class="detail">${options.detail}</p>` : null}
${options.link ? html`<p><a href="${options.link.href}">${options.link.label}</a></p>` : null}`,
  });
}

// The frame of the pages suppliers reach by a link (the diversity form, signed update links): plain HTML with its style inline and no script,
// so it works with JavaScript off, and headers that keep special category answers out of caches,
// referrers and other sites' frames.
import type { Response } from "express";
import { escapeHtml } from "./html-page.js";

/** Nothing but the page and its inline style may load; forms post only to this service. */
export const FORM_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The headers of every form page and download (the diversity form's and the update links'). The link carries a token, so no referrer leaves the
 * page; the answers are special category data, so nothing is stored by a browser or a proxy. */
export const FORM_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": FORM_CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-robots-tag": "noindex, nofollow",
};

// Colours meet WCAG 2.2 AA on white: text 16:1, hints 7:1, links 6.4:1, errors 7:1, borders 3:1 or more.
// Focus is a thick yellow and black ring (GOV.UK's pattern), seen on any background. Radios and
// checkboxes are 1.5rem and their labels full width, so each target is far above 24 by 24 pixels.
const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 1.1875rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0b0c0c; background: #fff; margin: 0; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
@media (max-width: 40rem) { body { font-size: 1rem; } }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.1875rem; line-height: 1.3; margin: 0; }
h4 { font-size: 1rem; margin: 1rem 0 0.25rem; }
p, ul { margin: 0 0 1rem; }
a { color: #0b5cad; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:hover { color: #003078; text-decoration-thickness: 3px; }
a:focus-visible { outline: 3px solid transparent; color: #0b0c0c; background: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
.for { font-size: 1.25rem; margin: 0 0 0.25rem; }
.hint { color: #484949; margin: 0.25rem 0 0.75rem; }
.notice { border-left: 0.4rem solid #0b5cad; padding: 0.5rem 1rem; background: #f3f2f1; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
legend { padding: 0; max-width: 100%; }
fieldset.section { margin-top: 2rem; }
fieldset.section > legend h2 { margin-top: 0; }
fieldset.question { margin: 1.5rem 0 0; padding-left: 0; }
fieldset.question.has-error { border-left: 0.3rem solid #b10e1e; padding-left: 0.9rem; }
fieldset.group legend h4 { margin-top: 0.75rem; }
.choice { display: flex; align-items: flex-start; gap: 0.6rem; padding: 0.35rem 0; }
.choice input { flex: none; width: 1.5rem; height: 1.5rem; margin: 0.1rem 0 0; accent-color: #0b0c0c; }
.choice label { flex: 1; padding: 0.05rem 0; cursor: pointer; }
.or { margin: 0.25rem 0; color: #484949; }
.write-in { margin: 0.25rem 0 0.5rem 2.1rem; }
label.field { display: block; margin-bottom: 0.25rem; }
input[type=text], input[type=url], textarea { font: inherit; width: 100%; padding: 0.35rem; border: 2px solid #0b0c0c; border-radius: 0; background: #fff; color: #0b0c0c; }
textarea { min-height: 8rem; }
input:focus-visible, textarea:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
.choice input:focus-visible { outline: 3px solid #ffdd00; outline-offset: 1px; box-shadow: 0 0 0 5px #0b0c0c; }
.error-message { color: #b10e1e; font-weight: 700; margin: 0.25rem 0 0.5rem; }
.error-summary { border: 0.3rem solid #b10e1e; padding: 1rem; margin: 1rem 0 1.5rem; }
.error-summary h2 { margin-top: 0; }
.error-summary a { color: #b10e1e; font-weight: 700; }
.error-summary a:focus-visible { color: #0b0c0c; }
.buttons { display: flex; flex-wrap: wrap; gap: 1rem; margin: 2rem 0 1rem; }
button { font: inherit; font-weight: 600; padding: 0.6rem 1rem; min-height: 2.75rem; border: 2px solid transparent; border-radius: 0; cursor: pointer; }
button.primary { background: #00703c; color: #fff; box-shadow: 0 2px 0 #002d18; }
button.secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
button.warning { background: #b10e1e; color: #fff; box-shadow: 0 2px 0 #55070f; }
button:focus-visible { outline: 3px solid transparent; border-color: #ffdd00; background: #ffdd00; color: #0b0c0c; box-shadow: 0 2px 0 #0b0c0c; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
fieldset.item { border-top: 1px solid #b1b4b6; padding-top: 1rem; margin-top: 2rem; }
input.short { max-width: 12rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
footer { max-width: 40rem; margin: 0 auto; padding: 1rem; border-top: 1px solid #b1b4b6; font-size: 0.9rem; }
`;

/** A whole form page as HTML: `title` for the browser tab, `body` the page's HTML (already escaped). */
export function formPageHtml(page: { title: string; body: string; council: string }): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main id="main">
${page.body}
</main>
<footer><p>${escapeHtml(page.council)}</p></footer>
</body>
</html>
`;
}

/** Sends a form page with the form's headers and the given status. */
export function sendFormPage(res: Response, status: number, html: string): void {
  res.status(status).set(FORM_HEADERS).type("html").send(html);
}

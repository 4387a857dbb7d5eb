// The frame of the service's own pages (home, docs): plain HTML with its style inline, no script
// and nothing fetched from elsewhere, so it reads the same with JavaScript off or offline.
import type { Response } from "express";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
a { color: #0b5cad; }
code, pre { font-family: ui-monospace, Consolas, monospace; font-size: 0.9em; background: #f3f3f3; }
pre { padding: 0.75rem; overflow-x: auto; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
nav { font-size: 0.9em; margin-bottom: 1.5rem; }
dt { font-weight: 600; margin-top: 0.75rem; }
dd { margin-left: 0; }
`;

// Nothing but the inline style may load; no script runs, no form posts, no page frames this one.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sends a whole page: the title, a line of links home and to the docs, and the body (HTML).
 * Links are relative (`root` leads from the page to the service's root, "./" or "../") so that
 * the pages also work behind a proxy that serves the suite under a path. */
export function sendPage(res: Response, page: { title: string; body: string; root: "./" | "../" | "../../" }): void {
  res
    .set({ "content-security-policy": CONTENT_SECURITY_POLICY, "x-content-type-options": "nosniff" })
    .type("html")
    .send(`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="${page.root}">TOMs Suite</a> · <a href="${page.root}docs/">Documentation</a></nav>
${page.body}
</body>
</html>
`);
}

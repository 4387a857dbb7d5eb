// The repository's documentation (`docs/*.md`), read-only under `/docs/`, rendered to HTML.
import { Router } from "express";
import MarkdownIt from "markdown-it";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Problem, sendProblem } from "../problems.js";
import { escapeHtml, sendPage } from "./html-page.js";

/** Where the documents are: `docs/` at the repository's root. */
export const DOCS_DIR = fileURLToPath(new URL("../../../docs/", import.meta.url));

// Raw HTML in a document is shown as text, not run (markdown-it's default).
const markdown = new MarkdownIt({ html: false });
const DOC_NAME = /^[a-z0-9][a-z0-9-]*\.md$/;

/** The documents, by file name, with each one's first heading as its title. */
function documents(): { name: string; title: string }[] {
  if (!existsSync(DOCS_DIR)) return [];
  return readdirSync(DOCS_DIR)
    .filter((name) => DOC_NAME.test(name))
    .sort()
    .map((name) => ({ name, title: /^#\s+(.+)$/m.exec(readFileSync(join(DOCS_DIR, name), "utf8"))?.[1]?.trim() ?? name }));
}

/** `GET /docs/` lists the documents; `GET /docs/<name>.md` shows one. Nothing else is served:
 * only names in the folder's own listing are read, so no path can reach outside it. */
export function docsRoutes(): Router {
  const router = Router();
  // The documents ship with the service: read them once, render each the first time it is asked for.
  const listed = documents();
  const rendered = new Map<string, string>();
  router.get("/", (req, res) => {
    // Relative links need the folder's slash: /docs goes to /docs/ (docs/ keeps a proxy's path).
    if (!req.originalUrl.split("?")[0]?.endsWith("/")) return res.redirect(301, "docs/");
    const items = listed.map((d) => `<li><a href="${d.name}">${escapeHtml(d.title)}</a> <small>(${d.name})</small></li>`);
    sendPage(res, { title: "TOMs Suite documentation", root: "../", body: `<h1>Documentation</h1>\n<ul>\n${items.join("\n")}\n</ul>` });
  });
  router.get("/:name", (req, res) => {
    const doc = listed.find((d) => d.name === req.params.name);
    if (!doc) return sendProblem(res, new Problem(404, "Not found", `There is no document ${req.params.name}; the list is at /docs/.`), req.originalUrl);
    let body = rendered.get(doc.name);
    if (body === undefined) rendered.set(doc.name, (body = markdown.render(readFileSync(join(DOCS_DIR, doc.name), "utf8"))));
    sendPage(res, { title: `${doc.title} - TOMs Suite`, root: "../", body });
  });
  return router;
}

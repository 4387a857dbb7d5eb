// The service's address opened in a browser: a home page (HTML, no script, nothing from elsewhere)
// that leads to the add-in, the health check and the documentation, which is served read-only.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";

const docsDir = fileURLToPath(new URL("../../docs/", import.meta.url));
let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

/** Every address a page links to or loads, resolved against the page's own. */
function references(html: string, page: string): URL[] {
  return [...html.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) => new URL(m[1] as string, page));
}

async function page(path: string): Promise<{ html: string; response: Response; url: string }> {
  const response = await service.call(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  // Works without JavaScript, and loads nothing: no script, no CDN.
  expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  const html = await response.text();
  expect(html).not.toMatch(/<script|<link|<img|<iframe/i);
  return { html, response, url: response.url };
}

describe("the home page", () => {
  it("says what the suite is and links to the add-in pane, the health check and the docs, which all answer", async () => {
    const { html, url } = await page("/");
    expect(html).toContain("<h1>TOMs Suite</h1>");
    expect(html).toContain("social value");
    const links = references(html, url);
    expect(links.every((link) => link.origin === new URL(service.url).origin)).toBe(true);
    const paths = links.map((link) => link.pathname);
    expect(paths).toEqual(expect.arrayContaining(["/addin/taskpane.html", "/healthz", "/docs/", "/docs/excel-addin.md"]));
    // The test run builds the add-in (tests/setup/browser.ts), so its pane is served too.
    for (const path of ["/healthz", "/docs/", "/docs/excel-addin.md", "/addin/taskpane.html"]) expect((await service.call(path)).status, path).toBe(200);
  });

  it("tells a developer how to sign in", async () => {
    const { html } = await page("/");
    expect(html).toContain("npm run token");
  });
});

describe("the documentation under /docs/", () => {
  it("lists every document in docs/ by its title", async () => {
    const { html, url } = await page("/docs/");
    const names = readdirSync(docsDir).filter((name) => name.endsWith(".md"));
    expect(names.length).toBeGreaterThan(0);
    const listed = references(html, url).map((link) => link.pathname);
    for (const name of names) {
      expect(listed).toContain(`/docs/${name}`);
      const title = /^#\s+(.+)$/m.exec(readFileSync(`${docsDir}${name}`, "utf8"))?.[1]?.trim() as string;
      expect(html).toContain(title.replace(/&/g, "&#38;"));
    }
  });

  it("shows a document rendered: its headings, tables and code as HTML", async () => {
    const { html } = await page("/docs/storage.md");
    expect(html).toContain("<h1>Storage</h1>");
    expect(html).toContain("<table>");
    expect(html).toContain("<code>TOMS_TABLE_PREFIX</code>");
    expect(html).not.toContain("| Table | PartitionKey |");
  });

  it("sends /docs to /docs/, so that the list's links resolve inside it", async () => {
    const response = await fetch(`${service.url}/docs`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get("location") as string, `${service.url}/docs`).pathname).toBe("/docs/");
  });

  it.each(["/docs/nothing.md", "/docs/..%2Fpackage.json", "/docs/..%2FREADME.md", "/docs/%2E%2E%2Fapi%2Fpackage.json", "/docs/storage.md/x"])("serves nothing outside its documents: %s", async (path) => {
    const response = await service.call(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});

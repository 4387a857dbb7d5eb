// The form pages in a real browser, served with their own headers: axe-core finds no violation
// (WCAG 2.2 A and AA and best practice), nothing but the page loads, no script runs, the page fits
// a phone, and focus is visible. Screenshots at phone width are kept under test-results/diversity-form/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUESTIONNAIRE_V1, readDiversityAnswers } from "@toms/domain";
import { formErrors } from "./form-errors.js";
import { sendFormPage } from "../../pages/form-frame.js";
import { renderFormPage, type FormPageView } from "./form-page.js";
import { renderDraftSavedPage, renderErasedPage, renderFormOnlyPage, renderLinkNotValidPage, renderServiceProblemPage, renderThanksPage, renderTooLargePage, renderTooManyAttemptsPage } from "./notice-pages.js";

const ROOT = resolve(import.meta.dirname, "..", "..", "..", "..");
const SCREENSHOTS = join(ROOT, "test-results", "diversity-form");
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const PHONE = { width: 360, height: 740 };

const council = { name: "Coventry City Council", email: "diversity@coventry.gov.uk" };
const base: FormPageView = { council, formUrl: "./tok", year: 2026, supplierName: "Beta Ltd", closesAt: "2027-01-31T23:59:00Z", questionnaire: QUESTIONNAIRE_V1, entries: {}, retentionYears: 3 };
const wrong = { privacyNoticeVersion: "diversity-2026.1", ownersReligion: ["christian", "prefer-not-to-say"], barriersOther: "Late payment", sector: "other", sectorOther: "Bees" };
const read = readDiversityAnswers(QUESTIONNAIRE_V1, wrong);
const after = { council, formUrl: "./tok", year: 2026, supplierName: "Beta Ltd", closesAt: "2027-01-31T23:59:00Z" };

const PAGES: Record<string, string> = {
  form: renderFormPage(base),
  "form-errors": renderFormPage({ ...base, entries: wrong, errors: formErrors(QUESTIONNAIRE_V1, wrong, read.ok ? [] : read.errors) }),
  "form-erase-unconfirmed": renderFormPage({ ...base, errors: [{ field: "confirm", question: "Delete my answers", message: "Tick the box to confirm, then press “Delete my answers”." }] }),
  "form-draft": renderFormPage({ ...base, entries: { womenOwned: "yes", barriers: ["contract-size"] }, draftSavedAt: "2026-12-03T10:00:00Z" }),
  thanks: renderThanksPage(after),
  "draft-saved": renderDraftSavedPage(after),
  erased: renderErasedPage(council),
  "not-valid": renderLinkNotValidPage(council),
  "too-many": renderTooManyAttemptsPage(council, 900),
  "too-large": renderTooLargePage(council),
  "service-problem": renderServiceProblemPage(council),
  "form-only": renderFormOnlyPage(council),
};

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown; html: string }[];
}

let context: BrowserContext;
let profile: string;
let origin = "";
let stop: () => void = () => undefined;

beforeAll(async () => {
  const app = express();
  app.get("/diversity/:page", (req, res) => {
    const html = PAGES[req.params.page];
    if (html) sendFormPage(res, 200, html);
    else res.status(404).end();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((done) => server.once("listening", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => server.close();
  // The suite's one way to a test browser (tests/support/browser.ts), loaded by its path from here.
  const { launchTestBrowser } = (await import(pathToFileURL(join(ROOT, "tests", "support", "browser.ts")).href)) as { launchTestBrowser: (profile: string) => Promise<BrowserContext> };
  profile = mkdtempSync(join(tmpdir(), "toms-form-"));
  context = await launchTestBrowser(profile);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(name: string): Promise<{ page: Page; requests: string[]; blocked: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  const requests: string[] = [];
  const blocked: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused/.test(m.text())) blocked.push(m.text());
  });
  await page.goto(`${origin}/diversity/${name}`);
  return { page, requests, blocked };
}

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // Page code is written as text: the api compiles without the DOM's types.
  const found = (await page.evaluate(`axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ["violations"] }).then((r) => r.violations)`)) as Violation[];
  return found.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}, at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)}`));
}

describe("the form pages in a browser", () => {
  for (const name of Object.keys(PAGES)) {
    it(`${name}: axe finds nothing, only the page loads, no script, fits a phone`, async () => {
      const { page, requests, blocked } = await open(name);
      try {
        expect(await violations(page)).toEqual([]);
        expect(requests).toEqual([`${origin}/diversity/${name}`]);
        expect(blocked).toEqual([]);
        expect(await page.evaluate("document.scripts.length")).toBe(0);
        // Nothing wider than the phone: no sideways scrolling.
        expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${PHONE.width}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  it("shows focus: a focused radio, text box, button and link each get the yellow ring", async () => {
    const { page } = await open("form");
    try {
      for (const selector of ["#legalForm", "#councilCouldDo", "button[value=submit]", "a[download]"]) {
        await page.focus(selector);
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab");
        const ring = await page.evaluate(`(() => { const style = getComputedStyle(document.activeElement); return [style.outlineColor, style.backgroundColor, style.borderColor, style.boxShadow, document.activeElement.matches(${JSON.stringify(selector)})].join(" "); })()`);
        expect(ring, selector).toContain("rgb(255, 221, 0)");
        expect(ring, selector).toMatch(/ true$/);
      }
    } finally {
      await page.close();
    }
  });

  it("works with JavaScript off: the form posts with the browser's own submit", async () => {
    const page = await context.newPage();
    // The test browser is one persistent profile, so JavaScript is switched off for this page alone.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    try {
      await page.goto(`${origin}/diversity/form`);
      await page.check("#womenOwned");
      const posted = page.waitForRequest((r) => r.method() === "POST");
      await page.click("button[value=draft]");
      const request = await posted;
      const body = new URLSearchParams(request.postData() ?? "");
      expect(body.get("womenOwned")).toBe("yes");
      expect(body.get("action")).toBe("draft");
      expect(body.get("privacyNoticeVersion")).toBe("diversity-2026.1");
      expect(new URL(request.url()).pathname).toBe("/diversity/tok");
    } finally {
      await cdp.detach();
      await page.close();
    }
  });
});

// The supplier's diversity form in a real browser on a phone (360 x 740, touch), against the real service: a link from the admin's links.csv, answers given by clicking labels, saved and found again, changed and sent once, read back by an EDI analyst (and the read audited), a wrong entry shown with its summary, axe, screenshots and the page's width on each page, once with JavaScript and once without, and no request leaving the machine.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questionsAsked, QUESTIONNAIRE_V1 } from "@toms/domain";
import { launchTestBrowser } from "../support/browser.js";
import {
  addLocalSuppliers,
  auditLog,
  daysFromNow,
  formLinks,
  guessedToken,
  openCampaign,
  PRIVACY_NOTICE,
  staffTokens,
  STAFF,
  type IdentifiedResponse,
  type LocalSupplier,
  type StaffTokens,
} from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

const YEAR = new Date().getUTCFullYear();
const PHONE = { width: 360, height: 740 } as const;
const SCREENSHOTS = join(import.meta.dirname, "..", "..", "test-results", "diversity-form-e2e");
/** WCAG 2.2 A and AA (with 2.0 and 2.1's), and axe's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
/** axe-core itself, the version @axe-core/playwright runs (as tests/support/tab-checks.ts loads it). */
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");
/** The write-in of "Other" among the barriers. */
const BARRIER_OTHER = "Lots too big for a two-person firm & long forms";

let service: TestService;
let staff: StaffTokens;
let closesAt: string;
/** Each pass's business, by whether the browser runs JavaScript. */
let suppliers: LocalSupplier[];
let links: Map<string, string>;

beforeAll(async () => {
  service = await startTestService();
  staff = await staffTokens(service);
  suppliers = await addLocalSuppliers(service, staff.admin, 2, "Phone");
  // A closing time in the afternoon, so that the page shows it with its time: "5:00pm on …".
  const closing = new Date(daysFromNow(40));
  closing.setUTCHours(16, 0, 0, 0);
  closesAt = closing.toISOString();
  await openCampaign(service, staff.admin, YEAR, closesAt);
  links = await formLinks(service, staff.admin, YEAR);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);
afterAll(() => service?.close());

/** "5:00pm on 12 January 2027", as a person in the UK reads the closing time. */
function closingWords(iso: string): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true }).format(at).replace(/\s/g, "").toLowerCase();
  return `${time} on ${new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(at)}`;
}

interface PhoneBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request the browser made, as "METHOD address". */
  requests: string[];
  /** The requests the test refused because they were not to the service. */
  refused: string[];
  /** Runs `check` with the page's script on: axe's checks are asynchronous, and with script off its timers never fire. The page was loaded and used without it. */
  withScript<T>(check: () => Promise<T>): Promise<T>;
  /** Keeps a PNG of the page as the phone lays it out (Playwright's own screenshot lays the page out again at its context's 1280 px). */
  screenshot(path: string, fullPage: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * The one browser of tests/support/browser.ts, made a phone: its persistent context takes no
 * device options, so the page is set to 360 x 740, mobile and touch through the DevTools protocol
 * (what Playwright's own isMobile and hasTouch do), with script turned off the same way when asked.
 */
async function phoneBrowser(javaScript: boolean): Promise<PhoneBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "toms-form-phone-"));
  const context = await launchTestBrowser(profile);
  const requests: string[] = [];
  const refused: string[] = [];
  const origin = new URL(service.url).origin;
  context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    refused.push(url);
    await route.abort("blockedbyclient");
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setDeviceMetricsOverride", { width: PHONE.width, height: PHONE.height, deviceScaleFactor: 2, mobile: true });
  await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
  await cdp.send("Emulation.setUserAgentOverride", { userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36" });
  if (!javaScript) await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
  return {
    context,
    page,
    requests,
    refused,
    withScript: async (check) => {
      if (javaScript) return check();
      await cdp.send("Emulation.setScriptExecutionDisabled", { value: false });
      try {
        return await check();
      } finally {
        await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
      }
    },
    screenshot: async (path, fullPage) => {
      const { cssContentSize } = await cdp.send("Page.getLayoutMetrics");
      const height = fullPage ? Math.ceil(cssContentSize.height) : PHONE.height;
      const { data } = await cdp.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: fullPage, clip: { x: 0, y: 0, width: PHONE.width, height, scale: 1 } });
      writeFileSync(path, Buffer.from(data, "base64"));
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The serious and critical violations axe finds on the page (WCAG 2.2 A/AA and best practice), one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  }, AXE_TAGS)) as { id: string; impact?: string | null; help: string; nodes: { target: unknown; html: string }[] }[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}, at ${JSON.stringify(n.target)}: ${n.html.slice(0, 200)}`));
}

/** What every page must be: on the phone's width, without script, clean under axe, and kept as a screenshot. */
async function checkPage(phone: PhoneBrowser, name: string): Promise<void> {
  const { page } = phone;
  const shape = await page.evaluate(() => ({ width: innerWidth, scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity, scripts: document.querySelectorAll("script").length, touch: navigator.maxTouchPoints }));
  expect(shape.width, `${name}: the viewport`).toBe(PHONE.width);
  expect(shape.touch, `${name}: touch`).toBeGreaterThan(0);
  expect(shape.scrollWidth, `${name}: scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(shape.scripts, `${name}: <script> elements`).toBe(0);
  expect(await page.content()).not.toMatch(/<script/i);
  expect(await phone.withScript(() => seriousViolations(page)), `${name}: axe`).toEqual([]);
  await phone.screenshot(join(SCREENSHOTS, `${name}.png`), true);
  // The first screen too, as a person holding the phone sees it on arrival.
  await phone.screenshot(join(SCREENSHOTS, `${name}-first-screen.png`), false);
  expect(await page.evaluate(() => innerWidth), `${name}: the viewport after the screenshots`).toBe(PHONE.width);
}

/** Waits for the page whose heading is `text` (after a button's post, the next page), and checks it. */
async function heading(page: Page, text: string): Promise<void> {
  await page.locator("h1", { hasText: text }).waitFor({ timeout: 10_000 });
  expect((await page.locator("h1").textContent())?.trim()).toBe(text);
}

/** The fieldset of a question, found by its words as a person reads them. */
function question(page: Page, words: string) {
  return page.locator("fieldset.question").filter({ has: page.locator("legend", { hasText: words }) });
}

/** Clicks the label of a choice of a question, as a person taps it. */
async function choose(page: Page, words: string, label: string): Promise<void> {
  await question(page, words).locator("label", { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).click();
}

/** What the page shows as chosen or typed, by field, read from the browser's own form state. */
async function shownEntries(page: Page): Promise<Record<string, string | string[]>> {
  const entries: Record<string, string | string[]> = {};
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Send my answers" }) });
  for (const input of await form.locator("input:checked").all()) {
    const [name, value, type] = [await input.getAttribute("name"), await input.getAttribute("value"), await input.getAttribute("type")];
    if (!name || value === null) continue;
    if (type === "checkbox") entries[name] = [...((entries[name] as string[] | undefined) ?? []), value];
    else entries[name] = value;
  }
  for (const box of await form.locator('input[type="text"], textarea').all()) {
    const value = await box.inputValue();
    if (value) entries[(await box.getAttribute("name")) as string] = value;
  }
  return entries;
}

const READ_PURPOSE = "Check the phone form's answers in the browser test";

async function readAs(supplier: LocalSupplier, purpose: string): Promise<IdentifiedResponse[]> {
  const params = new URLSearchParams({ purpose, supplierId: supplier.id });
  const response = await service.call(`/api/diversity/responses?${params}`, { token: staff.edi });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: IdentifiedResponse[] }).items;
}

describe.each([
  { pass: "with-script", javaScript: true, index: 0 },
  { pass: "no-script", javaScript: false, index: 1 },
])("the form on a phone ($pass)", ({ pass, javaScript, index }) => {
  let phone: PhoneBrowser;
  let supplier: LocalSupplier;
  let link: string;

  beforeAll(async () => {
    supplier = suppliers[index] as LocalSupplier;
    link = links.get(supplier.name) as string;
    expect(link, `${supplier.name}'s link in links.csv`).toMatch(new RegExp(`^${service.url}/diversity/[A-Za-z0-9_-]{43}$`));
    phone = await phoneBrowser(javaScript);
  }, 60_000);
  afterAll(async () => {
    await phone?.close();
  });

  it("the browser is a phone that runs no script when told", async () => {
    // A page whose script would change its title: with script off it keeps its own.
    await phone.page.goto("data:text/html,<title>before</title><script>document.title='ran'</script>");
    expect(await phone.page.title()).toBe(javaScript ? "ran" : "before");
    // The routing refuses an address off the machine, and records it; then the record starts afresh for the form.
    // (In a page of its own: the refusal's error page would otherwise cut across the form's first navigation.)
    const probe = await phone.context.newPage();
    const outside = await probe.goto("https://www.example.com/form-browser-probe").then(() => "loaded", (error: Error) => error.message);
    await probe.close();
    expect(outside).toMatch(/ERR_BLOCKED_BY_CLIENT/);
    expect(phone.refused).toEqual(["https://www.example.com/form-browser-probe"]);
    phone.refused.length = 0;
    phone.requests.length = 0;
  });

  it("the link opens the business's form: its name, the closing date, every question optional, no script", async () => {
    const { page } = phone;
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    await heading(page, `Supplier diversity questionnaire ${YEAR}`);
    expect(await page.locator("p.for").textContent()).toBe(`For ${supplier.name}`);
    expect(await page.locator("main, body").first().textContent()).toContain(`Please answer by ${closingWords(closesAt)}.`);
    // What a person must do: the questions there are, and none is required.
    const questions = await page.locator(".question").count();
    const choices = await page.locator('form input[type="radio"], form input[type="checkbox"]').count();
    const boxes = await page.locator('form input[type="text"], form textarea').count();
    expect(questions).toBe(questionsAsked(QUESTIONNAIRE_V1).length);
    expect(await page.locator("[required], [aria-required='true']").count()).toBe(0);
    console.log(`Diversity form on a phone (${pass}): ${questions} questions, ${choices} choices and ${boxes} text boxes, none required; a business can send the form with any number of them answered.`);
    await checkPage(phone, `${pass}-form`);
  });

  it("a wrong entry comes back with a summary at the top linking to the field, focus visible, and the entries kept", async () => {
    const { page } = phone;
    await page.goto(link);
    await choose(page, "Which sector does the business mainly work in?", "Construction and building maintenance");
    await choose(page, "What is your religion?", "Christian");
    await choose(page, "What is your religion?", "Prefer not to say");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await page.locator(".error-summary").waitFor({ timeout: 10_000 });
    expect(await page.locator("h2#error-summary-title").textContent()).toBe("There is a problem");
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator(".error-summary");
    const summaryLink = summary.locator("a");
    expect(await summaryLink.count()).toBe(1);
    expect(await summaryLink.textContent()).toMatch(/^What is your religion\? You chose “Prefer not to say” and other answers/);
    expect(await summaryLink.getAttribute("href")).toBe("#ownersReligion");
    expect(await page.locator("#ownersReligion").getAttribute("name")).toBe("ownersReligion");
    // At the top: before the first question, within the first screen.
    const [summaryBox, firstQuestion] = [await summary.boundingBox(), await page.locator("fieldset.question").first().boundingBox()];
    expect(summaryBox && firstQuestion && summaryBox.y < firstQuestion.y).toBe(true);
    expect((summaryBox?.y ?? Infinity) + 40).toBeLessThan(PHONE.height);
    // The question's own message beside it, and what was chosen kept.
    expect(await question(page, "What is your religion?").locator(".error-message").textContent()).toContain("Prefer not to say");
    expect(await shownEntries(page)).toEqual({ sector: "construction", ownersReligion: ["christian", "prefer-not-to-say"] });
    // By keyboard, the summary's link shows its focus and leads to the field.
    await page.keyboard.press("Tab");
    for (let i = 0; i < 15 && !(await summaryLink.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press("Tab");
    const focus = await summaryLink.evaluate((a) => ({ focused: a === document.activeElement, visible: a.matches(":focus-visible"), background: getComputedStyle(a).backgroundColor, shadow: getComputedStyle(a).boxShadow }));
    expect(focus.focused).toBe(true);
    expect(focus.visible).toBe(true);
    expect(focus.background).toBe("rgb(255, 221, 0)");
    expect(focus.shadow).not.toBe("none");
    await checkPage(phone, `${pass}-form-with-errors`);
    await page.keyboard.press("Enter");
    expect(new URL(page.url()).hash).toBe("#ownersReligion");
    const target = await page.locator("#ownersReligion").boundingBox();
    expect(target && target.y >= 0 && target.y < PHONE.height).toBe(true);
    // Nothing was stored.
    expect(await readAs(supplier, READ_PURPOSE)).toEqual([]);
  });

  it("answered by tapping labels, saved to finish later, opened again with the answers kept, changed and sent: stored once, as given", async () => {
    const { page } = phone;
    await page.goto(link);
    expect(await shownEntries(page)).toEqual({});
    await choose(page, "What kind of organisation is the business?", "Limited company");
    await choose(page, "Which sector does the business mainly work in?", "IT and digital");
    await choose(page, "Is the business majority-owned by women?", "Yes");
    await choose(page, "Is the business majority-owned by disabled people?", "Prefer not to say");
    await choose(page, "What makes it hard for the business to bid for council contracts?", "Tender complexity");
    await choose(page, "What makes it hard for the business to bid for council contracts?", "Payment terms");
    await choose(page, "What makes it hard for the business to bid for council contracts?", "Other");
    await question(page, "What makes it hard for the business to bid").getByLabel("If you chose “Other”, tell us more (optional)").fill(BARRIER_OTHER);
    await choose(page, "May the council contact the business about opportunities", "Yes");
    const given = {
      legalForm: "limited-company",
      sector: "it-and-digital",
      womenOwned: "yes",
      disabledOwned: "prefer-not-to-say",
      barriers: ["tender-complexity", "payment-terms", "other"],
      barriersOther: BARRIER_OTHER,
      consentToContact: "yes",
    };
    expect(await shownEntries(page)).toEqual(given);

    await page.getByRole("button", { name: "Save and finish later" }).click();
    await heading(page, "Your answers are saved, not sent");
    await checkPage(phone, `${pass}-draft-saved`);
    expect(await readAs(supplier, READ_PURPOSE)).toEqual([]);

    await page.goto(link);
    expect(await page.locator("p.notice").textContent()).toContain("have not been sent yet");
    expect(await shownEntries(page)).toEqual(given);

    await choose(page, "Is the business majority-owned by women?", "No");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await heading(page, "Your answers have been sent");
    await checkPage(phone, `${pass}-thanks`);

    // Back to the form and "Send my answers" again: the same answers, posted twice, stored once.
    const posts = () => phone.requests.filter((line) => line === `POST ${link}`).length;
    const postedBefore = posts();
    await page.goBack();
    await page.getByRole("button", { name: "Send my answers" }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Send my answers" }).click();
    await heading(page, "Your answers have been sent");
    expect(posts()).toBe(postedBefore + 1);

    const purpose = `${READ_PURPOSE} (${pass} ${crypto.randomUUID().slice(0, 8)})`;
    const stored = await readAs(supplier, purpose);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ supplierId: supplier.id, supplierName: supplier.name, year: YEAR, revision: 1 });
    expect(stored[0]?.answers).toEqual({ questionnaireVersion: "2026.1", privacyNoticeVersion: PRIVACY_NOTICE, ...given, womenOwned: "no" });
    const reads = (await auditLog(service, staff.edi)).filter((e) => e.action === "read-responses" && e.purpose === purpose);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actor: STAFF.edi, supplierIds: [supplier.id], purpose });
    // The form now shows the answers that count.
    await page.goto(link);
    expect(await page.locator("p.notice").textContent()).toContain("You sent your answers on");
    expect(await shownEntries(page)).toEqual({ ...given, womenOwned: "no" });
  });

  it("a link that is not valid reads as such", async () => {
    const { page } = phone;
    const response = await page.goto(`${service.url}/diversity/${guessedToken()}`);
    expect(response?.status()).toBe(404);
    await heading(page, "This link is not valid");
    await checkPage(phone, `${pass}-link-not-valid`);
  });

  it("no request left the machine: every one was to the service", () => {
    expect(phone.refused).toEqual([]);
    const origin = new URL(service.url).origin;
    const pages = phone.requests.map((line) => line.slice(line.indexOf(" ") + 1)).filter((url) => !url.startsWith("data:"));
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  });
});

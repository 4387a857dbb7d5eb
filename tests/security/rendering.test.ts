// Names and notes that are markup or markdown (<img onerror>, <script>, [click](javascript:...))
// are shown as the text they are: in the Teams tab in real Chromium (a supplier's name, a
// contract's title, a KPI's name and an update's note, stored through the API), in the diversity
// form's server-rendered page (the business's name and a written answer), and in the bot's
// adaptive cards (every text people typed, as Teams would render the card's markdown). No script
// runs (window.__xss stays undefined), and no element or link comes from the data.
import MarkdownIt from "markdown-it";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewCard, reviewedCard, submittedCard, updateCard, type Card } from "@toms/bot";
import { diversityInvitationCard } from "@toms/domain";
import { addContract, addKpi, sendUpdate, type ContractMade, type KpiView } from "../support/delivery-fixtures.js";
import { daysFromNow, formLinks, formPost, openCampaign, pageText } from "../support/diversity.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";
import { ADMIN, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { exactly } from "../support/tab-views.js";

const run = crypto.randomUUID().slice(0, 6);
const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = "<script>window.__xss=1</script>";
const LINK = "[click](javascript:alert(1))";
// A markdown renderer refuses javascript: links by itself; a web link shows whether the card escaped it.
const WEB_LINK = "[pay here](https://evil.example/pay)";
const SUPPLIER = `${IMG} ${WEB_LINK} Foleshill ${run} Ltd`;
const CONTRACT = `${LINK} ${IMG} Grounds ${run}`;
const KPI = `${SCRIPT} ${LINK} ${WEB_LINK} Bins emptied ${run}`;
const NOTE = `${IMG} ${SCRIPT} ${LINK} ${WEB_LINK} note ${run}`;
const WRITE_IN = `${IMG} ${LINK}`;

let tab: TabBrowser;
let supplierId: string;
let contract: ContractMade;
let kpi: KpiView;

/** Nothing of the data became markup: no script ran, and no image or javascript: link is on the page. */
async function nothingRan(frame: Frame | Page): Promise<void> {
  expect(await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  const injected = await frame.evaluate(() =>
    [...document.querySelectorAll('img[src="x"], a[href^="javascript:" i], a[href^="https://evil.example"], script')].filter((e) => e.tagName !== "SCRIPT" || (e.textContent ?? "").includes("__xss")).map((e) => e.outerHTML),
  );
  expect(injected).toEqual([]);
}

beforeAll(async () => {
  tab = await startTabBrowser();
  const admin = await tab.token(ADMIN);
  await ensureServiceArea(tab.service, admin, TEST_SERVICE_AREA);
  // A local micro business, so that a campaign invites it.
  const made = await tab.service.call("/api/suppliers", { method: "POST", token: admin, body: { name: SUPPLIER, postcode: "CV1 2GT", employees: 4, turnover: 250_000, balanceSheet: 90_000 } });
  expect(made.status, await made.clone().text()).toBe(201);
  supplierId = ((await made.json()) as { id: string }).id;
  const contact = await tab.service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: admin, body: { email: `render-${run}@render.example`, name: "Ana Render" } });
  expect(contact.status).toBe(201);
  const today = new Date().toISOString().slice(0, 10);
  contract = await addContract(tab.service, admin, { supplierId, title: CONTRACT, startDate: `${Number(today.slice(0, 4)) - 1}-01-01`, endDate: `${Number(today.slice(0, 4)) + 2}-12-31`, serviceArea: TEST_SERVICE_AREA, managerId: ADMIN.userId });
  kpi = await addKpi(tab.service, admin, contract.id, { title: KPI, description: `${SCRIPT} ${LINK}` });
  const supplierToken = await tab.service.token(`render-${run}@render.example`, "supplier", { supplierId });
  await sendUpdate(tab.service, supplierToken, contract.id, kpi.id, `${Number(today.slice(0, 4)) - 1}-02`, 93);
  const second = await tab.service.call(`/api/contracts/${contract.id}/kpis/${kpi.id}/updates`, { method: "POST", token: supplierToken, body: { period: `${Number(today.slice(0, 4)) - 1}-03`, value: 94, note: NOTE }, headers: { "idempotency-key": crypto.randomUUID() } });
  expect(second.status, await second.clone().text()).toBe(201);
}, 180_000);
afterAll(() => tab?.close());

describe("the Teams tab, in Chromium", () => {
  it("shows the contract's title, the KPI's name and the update's note as text, and runs nothing", async () => {
    const host = await tab.openInTeams({ frameContext: "content", url: `#/contracts/${encodeURIComponent(contract.id)}`, entityId: "portfolio", theme: "default", person: ADMIN });
    const frame = await host.tab();
    await frame.getByRole("heading", { level: 1, name: exactly(CONTRACT) }).waitFor(WAIT);
    await frame.getByText(KPI).first().waitFor(WAIT);
    await frame.getByText(NOTE).first().waitFor(WAIT);
    await nothingRan(frame);
    await nothingRan(host.page);

    // The supplier's page: its name is the heading, as typed.
    await frame.evaluate((route) => (window.location.hash = route), `#/suppliers/${encodeURIComponent(supplierId)}`);
    await frame.getByRole("heading", { level: 1, name: exactly(SUPPLIER) }).waitFor(WAIT);
    await nothingRan(frame);
    // The portfolio lists the contract and its supplier.
    await frame.evaluate(() => (window.location.hash = "#/"));
    await frame.getByRole("heading", { level: 1, name: /^Portfolio$/ }).waitFor(WAIT);
    await frame.getByText(CONTRACT).first().waitFor(WAIT);
    await nothingRan(frame);
    expect(tab.pageErrors).toEqual([]);
    await host.page.close();
  });
});

describe("the diversity form, server-rendered", () => {
  it("escapes the business's name and a written answer, in its HTML and in Chromium", async () => {
    const admin = await tab.token(ADMIN);
    // The demo has this year's questionnaire open; next year's invites the business added above.
    const year = new Date().getUTCFullYear() + 1;
    await openCampaign(tab.service, admin, year, daysFromNow(60));
    const link = (await formLinks(tab.service, admin, year)).get(SUPPLIER);
    expect(link).toBeDefined();
    const path = new URL(link as string).pathname;
    const saved = await fetch(`${tab.service.url}${path}`, formPost({ action: "draft", sector: "other", sectorOther: WRITE_IN }));
    expect(saved.status).toBe(200);

    const html = await (await fetch(`${tab.service.url}${path}`)).text();
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>window");
    expect(pageText(html)).toContain(SUPPLIER);

    const page = await tab.browser.newPage();
    await page.goto(`${tab.service.url}${path}`);
    await page.getByText(SUPPLIER).first().waitFor(WAIT);
    expect(await page.locator('[name="sectorOther"]').inputValue()).toBe(WRITE_IN);
    await nothingRan(page);
    await page.close();
  });
});

/** Every text of a card that Teams renders as markdown: TextBlocks and facts' values and titles. */
function cardTexts(card: Card): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== "object" || value === null) return;
    const o = value as Record<string, unknown>;
    if (o["type"] === "TextBlock" && typeof o["text"] === "string") found.push(o["text"]);
    if (o["type"] === "FactSet") for (const fact of o["facts"] as { title: string; value: string }[]) found.push(fact.title, fact.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

describe("the bot's adaptive cards", () => {
  const markdown = new MarkdownIt();
  const ids = { contractId: "c-1", kpiId: "k-1", updateId: "u-1" };
  // Each card, and the texts people typed that it shows.
  const cards: [string, Card, string[]][] = [
    ["update", updateCard({ contractReference: "CCC-1", contractTitle: CONTRACT, kpiTitle: KPI, contractId: "c-1", kpiId: "k-1", period: "2026-03", periodLabel: "March 2026", key: "k", intro: NOTE, formError: NOTE, values: { note: NOTE } }), [CONTRACT, KPI, NOTE]],
    ["review", reviewCard({ contractReference: "CCC-1", contractTitle: CONTRACT, kpiTitle: KPI, ...ids, periodLabel: "March 2026", value: 93, by: SUPPLIER, at: "2026-04-03T10:12:00Z", note: NOTE, evidenceUrl: `https://example.org/${LINK}`, formError: NOTE }), [CONTRACT, KPI, NOTE, SUPPLIER]],
    ["reviewed", reviewedCard({ contractReference: "CCC-1", contractTitle: CONTRACT, kpiTitle: KPI, periodLabel: "March 2026", decision: "reject", by: SUPPLIER, at: "2026-04-03T10:12:00Z", reason: NOTE }), [CONTRACT, KPI, NOTE, SUPPLIER]],
    ["submitted", submittedCard({ contractReference: "CCC-1", contractTitle: CONTRACT, kpiTitle: KPI, value: 93, periodLabel: "March 2026", by: SUPPLIER, at: "2026-04-03T10:12:00Z" }), [CONTRACT, KPI, SUPPLIER]],
    ["diversity invitation", diversityInvitationCard({ year: 2027, supplierName: SUPPLIER, councilName: `${WEB_LINK} Council`, link: "https://toms.example/diversity/t", closesAt: "2027-02-28" }) as Card, [SUPPLIER, `${WEB_LINK} Council`]],
  ];

  it.each(cards)("the %s card carries names and notes as plain text: no link, no markup, every word still there", (_name, card, typed) => {
    const texts = cardTexts(card);
    for (const text of texts) {
      expect(markdown.renderInline(text), text).not.toMatch(/<a |<img|<script|<strong>|<em>/);
      expect(text).not.toMatch(/<at>/);
    }
    // What Teams shows, once markdown's backslash escapes are read (and the space after "@" dropped): the text as typed.
    const shown = texts.map((t) => t.replace(/\\(.)/g, "$1").replace(/\u200B/g, "")).join("\n");
    for (const text of typed) expect(shown).toContain(text);
  });
});

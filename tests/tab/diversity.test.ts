// Supplier diversity in the tab (issue 11), inside the Teams stand-in against the real service
// with its demo data (last year's campaign closed and published, this year's open): the EDI
// analyst lands on it in each of Teams' themes and every figure is the API's (a suppressed count
// says "Not shown", never 0), axe finds nothing serious, it fits the 320 px side panel and
// screenshots are kept; the analyst publishes this year's baseline once an admin has closed the
// campaign; the engagement list needs a purpose, matches the API row for row (its CSV download
// too) and is in the audit log with that purpose; a contract manager sees only the published
// baseline, and a supplier's contact not the section.
import { readFileSync } from "node:fs";
import type { Frame, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BaselineView, CampaignView, EngagementRow, ReminderRow } from "@toms/client";
import { PREFER_NOT_TO_SAY, parseCsv } from "@toms/domain";
import type { AuditEntry } from "@toms/storage/diversity";
import { COLOUR_RULES, keepScreenshot, seriousViolations } from "../support/tab-checks.js";
import { ADMIN, MANAGER, requestsOffTheMachine, signInStandalone, startTabBrowser, WAIT, type DemoPerson, type TabBrowser } from "../support/tab-browser.js";
import { showView, type TabView } from "../support/tab-views.js";
import type { TeamsHostPage, TeamsTheme } from "../support/teams-host.js";

const ANALYST: DemoPerson = { userId: "nadia.bashir", name: "Nadia Bashir", roles: ["edi-analyst"] };
/** A demo supplier's contact, as the development sign-in page offers them (with their supplier). */
const SUPPLIER_CONTACT: DemoPerson = { userId: "leanne@wyken-waste-solutions.example", name: "Leanne Ford", roles: ["supplier"] };

const THEMES: readonly TeamsTheme[] = ["default", "dark", "contrast"];
const WIDE = { width: 1280, height: 800 };
const SIDE_PANEL = { width: 320, height: 800 };
const DIVERSITY: TabView = { name: "diversity", route: "#/diversity", heading: /^Supplier diversity$/, shown: '[data-testid="baseline"]' };

/** The years as the demo has them: this year's campaign open, last year's closed and published. */
const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = THIS_YEAR - 1;

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

let tab: TabBrowser;

beforeAll(async () => {
  tab = await startTabBrowser();
}, 180_000);

afterAll(() => tab?.close());

async function status(person: DemoPerson, path: string, method = "GET", body?: unknown): Promise<number> {
  const response = await tab.service.call(path, { method, token: await tab.token(person), ...(body !== undefined ? { body } : {}) });
  await response.arrayBuffer();
  return response.status;
}

/** The tab opened in Teams at its start ("#/"), as `person`, in `theme`. */
async function openTab(person: DemoPerson, theme: TeamsTheme = "default"): Promise<{ host: TeamsHostPage; frame: Frame }> {
  const host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme, person }, WIDE);
  const frame = await host.tab();
  await frame.getByRole("navigation", { name: "Sections" }).waitFor(WAIT);
  return { host, frame };
}

/** The sections the tab's navigation offers. */
async function sections(frame: Frame | Page): Promise<string[]> {
  // As read (innerText): Fluent keeps a hidden copy of an unselected tab's label to reserve its width when bold.
  return frame.getByRole("navigation", { name: "Sections" }).getByRole("tab").evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).innerText.trim()));
}

/** The API's counts of one chart of the baseline, by the chart's test id, and the year before's change. */
function apiCounts(baseline: BaselineView, id: string): { counts: Record<string, number | null>; change: Record<string, number | null> | undefined } {
  const pick = (of: BaselineView | NonNullable<BaselineView["previousYear"]>) => {
    if (id === "sizeBands") return of.sizeBands;
    if (id === "statutorySme") return of.statutorySme;
    if (id === "sectors") return of.sectors;
    if (id === "barriers") return of.barriers;
    return of.characteristics[id];
  };
  const counts = pick(baseline);
  if (!counts) throw new Error(`The API's ${baseline.year} baseline has no counts for ${id}.`);
  const before = baseline.previousYear ? pick(baseline.previousYear) : undefined;
  return { counts: { ...counts.counts }, change: baseline.previousYear ? { ...(before?.counts ?? {}) } : undefined };
}

/** One row of a chart's table as shown: the answer's value, whether its count is shown, the count's cell, the change's cell. */
interface ShownRow {
  value: string;
  shown: string | null;
  label: string;
  count: { value: string | null; text: string };
  change?: { value: string | null; text: string };
}

/** The rows of a chart's table, as shown. */
async function tableRows(table: Locator): Promise<ShownRow[]> {
  return table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("td")];
      const cell = (c: Element | undefined) => ({ value: c?.getAttribute("data-value") ?? null, text: (c?.textContent ?? "").trim() });
      return { value: tr.getAttribute("data-value") ?? "", shown: tr.getAttribute("data-shown"), label: (cells[0]?.textContent ?? "").trim(), count: cell(cells[1]), ...(cells.length > 3 ? { change: cell(cells[3]) } : {}) };
    }),
  );
}

/** The words a change cell says, as the view writes them. */
function changeText(change: number | null): string {
  if (change === null) return "Not shown";
  if (change === 0) return "No change";
  return change > 0 ? `+${whole.format(change)}` : `−${whole.format(-change)}`;
}

/**
 * Every chart of the baseline on the page, checked against the API's baseline: as its table, each
 * count the API's (a null is "Not shown" with no figure, never 0), each change since the year
 * before where the API gives one; as its chart, each answer not shown named under it; the
 * barriers ranked by count as the API counts them, those not shown last.
 */
async function checkBaseline(frame: Frame, baseline: BaselineView): Promise<void> {
  const section = frame.getByTestId("baseline");
  expect(await section.getAttribute("data-year")).toBe(String(baseline.year));
  const testIds = await frame.locator('[data-testid^="baseline-"]').evaluateAll((e) => e.map((x) => x.getAttribute("data-testid")));
  // The tables are not on the page until asked for: none is shown yet, each chart is.
  expect(testIds).toEqual([]);
  // Each chart's own section: the one whose head holds its Chart/Table switch (not the page's sections around them).
  const charts = frame.locator('main section[aria-labelledby]:has(> div > [role="tablist"])');
  const count = await charts.count();
  const expectedIds = [...Object.keys(baseline.characteristics), "sizeBands", "statutorySme", "sectors", "barriers"];
  expect(count).toBe(expectedIds.length);
  const seen: string[] = [];
  let suppressed = 0;
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    const title = (await chart.locator("h3").first().textContent())?.trim() ?? "";
    // Headed in words (a heading that is the baseline's own key, "sectors", is not).
    expect(title, "a chart's heading").toMatch(/^[A-Z]/);
    // In the chart, every answer not shown is named, so that none is read as 0.
    const note = (await chart.textContent()) ?? "";
    await chart.getByRole("tab", { name: "Table" }).click();
    const table = chart.locator('[data-testid^="baseline-"]');
    await table.waitFor(WAIT);
    const testId = (await table.getAttribute("data-testid")) ?? "";
    const id = testId.replace(/^baseline-/, "");
    seen.push(id);
    if (id === "sectors") expect(title).toBe("Sector");
    const rows = await tableRows(table);
    const { counts, change } = apiCounts(baseline, id);
    const values = id === "barriers" ? Object.keys(counts).filter((v) => v !== PREFER_NOT_TO_SAY) : Object.keys(counts);
    expect(rows.map((r) => r.value).sort(), title).toEqual([...values].sort());
    for (const row of rows) {
      const apiCount = counts[row.value];
      if (apiCount === null || apiCount === undefined) {
        suppressed++;
        expect(row, `${title}: ${row.label}`).toMatchObject({ shown: "false", count: { value: null, text: "Not shown" } });
        if (note.includes("so not shown:")) expect(note, `${title}: ${row.label} named under the chart`).toContain(row.label);
        else expect(note, `${title}: no count shown at all`).toContain("No count of this question can be shown");
      } else {
        expect(row, `${title}: ${row.label}`).toMatchObject({ shown: "true", count: { value: String(apiCount), text: whole.format(apiCount) } });
      }
      if (change) {
        const apiChange = change[row.value] ?? null;
        expect(row.change, `${title}: ${row.label}, change since ${baseline.previousYear?.year}`).toEqual({ value: apiChange === null ? null : String(apiChange), text: changeText(apiChange) });
      }
    }
    if (id === "barriers") {
      // Most named first, as the API counts them; those not shown last, their place not known.
      const shownCounts = rows.filter((r) => r.shown === "true").map((r) => Number(r.count.value));
      expect(shownCounts).toEqual(values.map((v) => counts[v]).filter((c): c is number => typeof c === "number").sort((a, b) => b - a));
      const firstHidden = rows.findIndex((r) => r.shown === "false");
      if (firstHidden >= 0) expect(rows.slice(firstHidden).every((r) => r.shown === "false")).toBe(true);
    }
    await chart.getByRole("tab", { name: "Chart" }).click();
  }
  expect(seen.sort()).toEqual([...expectedIds].sort());
  // The demo's counts are such that disclosure control hides some: the check above has met them.
  expect(suppressed).toBeGreaterThan(0);
}

describe("the EDI analyst", () => {
  for (const theme of THEMES) {
    it(`lands on Supplier diversity in Teams' ${theme} theme: this year's progress, the baseline and the barriers as the API answers them; no serious accessibility violation; screenshots at 1280 and 320 px`, async () => {
      const campaigns = (await tab.api<{ items: CampaignView[] }>(ANALYST, "/api/diversity/campaigns")).items;
      const campaign = campaigns.find((c) => c.year === THIS_YEAR);
      expect(campaign, `this year's campaign among ${campaigns.map((c) => c.year).join(", ")}`).toMatchObject({ status: "open", published: null });
      if (!campaign) return;
      expect(campaign.invited).toBeGreaterThan(100);
      const baseline = await tab.api<BaselineView>(ANALYST, `/api/diversity/baseline?year=${THIS_YEAR}`);
      expect(baseline.previousYear?.year).toBe(LAST_YEAR);

      const { host, frame } = await openTab(ANALYST, theme);
      // An EDI analyst sees no contracts: the tab opens on supplier diversity.
      await frame.getByRole("heading", { level: 1, name: DIVERSITY.heading }).waitFor(WAIT);
      expect(new URL(frame.url()).hash).toBe("#/diversity");
      expect(await sections(frame)).toEqual(["Supplier diversity"]);
      expect(await frame.getByRole("tab", { name: "Supplier diversity", selected: true }).count()).toBe(1);
      await showView(frame, DIVERSITY);

      // This year's progress, as the API counts it.
      const progress = frame.getByTestId("campaign");
      expect(await progress.getAttribute("data-year")).toBe(String(THIS_YEAR));
      const fact = (term: string) => progress.locator("div", { has: frame.locator("dt", { hasText: new RegExp(`^${term}$`) }) }).locator("dd");
      expect(await fact("Businesses asked").locator("[data-value]").getAttribute("data-value")).toBe(String(campaign.invited));
      expect((await fact("Businesses asked").textContent())?.trim()).toBe(whole.format(campaign.invited));
      expect(await fact("Answered").locator("[data-value]").getAttribute("data-value")).toBe(String(campaign.answered));
      expect((await fact("Answered").textContent())?.trim()).toBe(whole.format(campaign.answered));
      const rate = Math.round((1000 * campaign.answered) / campaign.invited) / 10;
      expect((await fact("Response rate").textContent())?.trim()).toBe(`${whole.format(rate)}%`);
      expect(baseline.responseRate).toBe(rate);
      const reminders = (await tab.api<{ items: ReminderRow[] }>(ANALYST, `/api/diversity/campaigns/${THIS_YEAR}/reminders`)).items;
      expect(await frame.getByTestId("reminder-count").getAttribute("data-value")).toBe(String(reminders.length));
      expect(reminders.length).toBe(campaign.invited - campaign.answered);

      // The baseline: how many answered, and every chart's counts.
      expect(await frame.getByTestId("baseline").textContent()).toContain(`${whole.format(baseline.total)} businesses of the ${whole.format(campaign.invited)} asked answered (${whole.format(rate)}%)`);
      await frame.getByText(`Each table has the change since ${LAST_YEAR}, the last year published`).waitFor(WAIT);
      await checkBaseline(frame, baseline);
      // Still open: not yet to publish.
      expect(await frame.getByRole("button", { name: "Publish to colleagues" }).count()).toBe(0);
      expect(await frame.getByTestId("publish-state").textContent()).toBe(`The ${THIS_YEAR} baseline can be published to colleagues once the questionnaire has closed.`);

      expect(await seriousViolations(frame, theme === "default" ? undefined : COLOUR_RULES)).toEqual([]);
      await keepScreenshot(host, `diversity-analyst-1280-${theme}`);
      // At Teams' 320 px side panel nothing is wider than the panel: tables scroll inside their own box.
      await host.page.setViewportSize(SIDE_PANEL);
      await showView(frame, DIVERSITY);
      expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIDE_PANEL.width);
      await keepScreenshot(host, `diversity-analyst-320-${theme}`);
      await host.page.close();
    }, 120_000);
  }
});

describe("the engagement list", () => {
  it("needs a purpose; filtered by a barrier it lists the API's rows, downloads them as the API's CSV, and both are in the audit log with that purpose", async () => {
    const purpose = `Invitations to the Meet the Buyer event, test ${crypto.randomUUID().slice(0, 8)}`;
    const { host, frame } = await openTab(ANALYST);
    await showView(frame, DIVERSITY);
    const section = frame.getByTestId("engagement");
    const asked = () => tab.requests.filter((r) => r.url.includes("/api/diversity/engagement")).length;
    const before = asked();

    // No purpose: the list is not asked for, and the analyst is told why.
    await section.getByRole("button", { name: "Show the list" }).click();
    await section.getByText("Say why you need this list").waitFor(WAIT);
    await section.getByRole("button", { name: "Download CSV" }).click();
    expect(await section.getByTestId("engagement-list").count()).toBe(0);
    expect(asked()).toBe(before);

    // The barrier most named this year, so that the list has businesses in it.
    const baseline = await tab.api<BaselineView>(ANALYST, `/api/diversity/baseline?year=${THIS_YEAR}`);
    const barrier = Object.entries(baseline.barriers.counts)
      .filter(([value, n]) => value !== PREFER_NOT_TO_SAY && n !== null)
      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0]?.[0];
    if (!barrier) throw new Error(`The demo's ${THIS_YEAR} baseline shows no barrier's count.`);
    await section.getByLabel("Barrier named").selectOption(barrier);
    await section.getByLabel("Why do you need this list?").fill(purpose);
    await section.getByRole("button", { name: "Show the list" }).click();
    const table = section.getByTestId("engagement-list");
    await table.waitFor(WAIT);

    // The same filters asked of the API (with a purpose of the test's own, so the tab's audit lines stand apart).
    const query = (format: string) => `/api/diversity/engagement?${new URLSearchParams({ year: String(THIS_YEAR), barrier, format, purpose: "Checking the tab's engagement list" })}`;
    const expected = (await tab.api<{ items: EngagementRow[] }>(ANALYST, query("json"))).items;
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((r) => r.barriers.includes(barrier))).toBe(true);
    const shown = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute("data-supplier-id"), name: (tr.querySelector("td")?.textContent ?? "").trim(), contact: (tr.querySelectorAll("td")[1]?.textContent ?? "").trim() })));
    expect(shown).toEqual(expected.map((r) => ({ id: r.supplierId, name: r.supplierName, contact: [r.contactName ?? "No contact recorded", r.contactEmail].filter(Boolean).join(" ") })));
    await section.getByText(`${expected.length} ${expected.length === 1 ? "business" : "businesses"} to engage.`).waitFor(WAIT);

    // The CSV, downloaded through the page as a person would save it.
    const downloading = host.page.waitForEvent("download", WAIT);
    await section.getByRole("button", { name: "Download CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`diversity-engagement-${THIS_YEAR}.csv`);
    const saved = readFileSync(await download.path());
    const csv = saved.toString("utf8");
    const [header, ...rows] = parseCsv(csv);
    expect(header?.slice(0, 4)).toEqual(["Supplier", "Contact name", "Contact email", "Year"]);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(expected.map((r) => [r.supplierName, r.contactName ?? "", r.contactEmail ?? "", String(r.year)]));
    const served = await tab.service.call(query("csv"), { token: await tab.token(ANALYST) });
    expect(served.status).toBe(200);
    // Byte for byte the API's CSV (its byte order mark too, for Excel).
    expect(saved.equals(Buffer.from(await served.arrayBuffer()))).toBe(true);

    // The audit log: the tab's view and export, with the analyst's purpose and the businesses listed.
    const audit = (await tab.api<{ items: AuditEntry[] }>(ANALYST, "/api/diversity/audit")).items.filter((e) => e.purpose === purpose);
    const ids = expected.map((r) => r.supplierId).sort();
    expect(audit.map((e) => e.action).sort()).toEqual(["export-engagement", "view-engagement"]);
    for (const entry of audit) expect({ actor: entry.actor, year: entry.year, supplierIds: [...entry.supplierIds].sort() }).toEqual({ actor: ANALYST.userId, year: THIS_YEAR, supplierIds: ids });
    await host.page.close();
  }, 120_000);
});

/** The supplier names a colleague must never see: the businesses not answering this year, and any an engagement list names. */
async function namedBusinesses(): Promise<string[]> {
  const reminders = (await tab.api<{ items: ReminderRow[] }>(ANALYST, `/api/diversity/campaigns/${THIS_YEAR}/reminders`)).items;
  const engagement = (await tab.api<{ items: EngagementRow[] }>(ANALYST, `/api/diversity/engagement?${new URLSearchParams({ year: String(THIS_YEAR), format: "json", purpose: "Checking what colleagues see" })}`)).items;
  return [...new Set([...reminders.map((r) => r.supplierName), ...engagement.map((r) => r.supplierName)])];
}

/** A contract manager's tab on the Supplier diversity section: only the newest published baseline, `year`'s, nobody named. */
async function checkColleague(year: number): Promise<void> {
  const { host, frame } = await openTab(MANAGER);
  await frame.getByTestId("portfolio-tiles").waitFor(WAIT);
  expect(await sections(frame)).toEqual(["Portfolio", "Overdue", "Social value", "Supplier diversity"]);
  await frame.getByRole("navigation", { name: "Sections" }).getByRole("tab", { name: "Supplier diversity" }).click();
  await frame.getByRole("heading", { level: 1, name: DIVERSITY.heading }).waitFor(WAIT);
  await showView(frame, DIVERSITY);
  const baseline = await tab.api<BaselineView>(MANAGER, `/api/diversity/baseline?year=${year}`);
  expect(baseline.published).not.toBeNull();
  await checkBaseline(frame, baseline);
  await frame.getByText(`Published to colleagues on`).first().waitFor(WAIT);
  // No campaign, no reminders, no engagement list, no publishing.
  for (const testId of ["campaign", "reminder-list", "reminder-count", "engagement", "engagement-list", "publish-state", "run-campaign"]) expect(await frame.getByTestId(testId).count(), testId).toBe(0);
  expect(await frame.getByRole("button", { name: /Publish|Show the list|Download CSV|Send in Teams|Download links|Close the questionnaire/ }).count()).toBe(0);
  const text = (await frame.locator("main").textContent()) ?? "";
  for (const name of await namedBusinesses()) expect(text, `a business named on a colleague's page`).not.toContain(name);
  expect(await seriousViolations(frame)).toEqual([]);
  await keepScreenshot(host, `diversity-colleague-${year}-1280-default`);
  await host.page.close();
}

describe("colleagues and suppliers", () => {
  it("a contract manager sees the section with last year's published baseline only (this year's is not published)", async () => {
    expect(await status(MANAGER, `/api/diversity/baseline?year=${THIS_YEAR}`)).toBe(403);
    await checkColleague(LAST_YEAR);
  }, 120_000);

  it("a supplier's contact does not see the section, and the page says it is for council staff", async () => {
    const page = await tab.openStandalone("#/");
    await signInStandalone(page, SUPPLIER_CONTACT);
    expect(await sections(page)).not.toContain("Supplier diversity");
    expect((await sections(page)).length).toBeGreaterThan(0);
    const before = tab.requests.length;
    await page.evaluate(() => {
      window.location.hash = "#/diversity";
    });
    await page.getByRole("heading", { level: 1, name: DIVERSITY.heading }).waitFor(WAIT);
    await page.getByText("This page is for council staff").waitFor(WAIT);
    expect(tab.requests.slice(before).filter((r) => r.url.includes("/api/diversity"))).toEqual([]);
    expect(await page.getByTestId("baseline").count()).toBe(0);
    // The API refuses the contact too.
    expect(await status({ ...SUPPLIER_CONTACT }, `/api/diversity/baseline?year=${LAST_YEAR}`)).toBe(403);
    await page.close();
  }, 60_000);
});

describe("publishing", () => {
  it("once an admin has closed this year's campaign, the analyst publishes its baseline in the tab, and a contract manager can then read it", async () => {
    expect(await status(MANAGER, `/api/diversity/baseline?year=${THIS_YEAR}`)).toBe(403);
    expect(await status(ADMIN, `/api/diversity/campaigns/${THIS_YEAR}/close`, "POST", {})).toBe(200);

    const { host, frame } = await openTab(ANALYST);
    await showView(frame, DIVERSITY);
    expect(await frame.getByTestId("campaign").getAttribute("data-year")).toBe(String(THIS_YEAR));
    await frame.getByRole("button", { name: "Publish to colleagues" }).click();
    const dialog = frame.getByRole("dialog", { name: `Publish the ${THIS_YEAR} baseline?` });
    await dialog.waitFor(WAIT);
    await dialog.getByText("Once published it stays published.").waitFor(WAIT);
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await dialog.waitFor({ ...WAIT, state: "hidden" });

    const published = await tab.api<BaselineView>(ANALYST, `/api/diversity/baseline?year=${THIS_YEAR}`);
    expect(published.status).toBe("closed");
    expect(published.published).not.toBeNull();
    const words = `Published to colleagues on ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date(published.published?.at ?? ""))} by ${published.published?.by}.`;
    await expect.poll(() => frame.getByTestId("publish-state").textContent(), WAIT).toBe(words);
    expect(await frame.getByRole("button", { name: "Publish to colleagues" }).count()).toBe(0);
    expect(await frame.getByTestId("campaign").textContent()).toContain("Baseline published to colleagues on");
    const audit = (await tab.api<{ items: AuditEntry[] }>(ANALYST, "/api/diversity/audit")).items.filter((e) => e.action === "publish-baseline" && e.year === THIS_YEAR);
    expect(audit.map((e) => e.actor)).toEqual([ANALYST.userId]);
    await host.page.close();

    expect(await status(MANAGER, `/api/diversity/baseline?year=${THIS_YEAR}`)).toBe(200);
  }, 120_000);

  it("a contract manager then sees this year's baseline, as published", async () => {
    await checkColleague(THIS_YEAR);
  }, 120_000);
});

describe("the pages", () => {
  it("threw no error, and sent nothing off the machine", () => {
    expect(tab.pageErrors).toEqual([]);
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
  });
});

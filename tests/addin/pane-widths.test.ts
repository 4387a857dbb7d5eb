// The task pane at Excel's task pane widths (300, 320 and 450 px), in a real browser over an
// office-addin-mock workbook, served by the real service: on each tab nothing is wider than the
// pane, every tab's label shows in full, dropdown lists are as wide as the pane and inside it,
// and truncated text keeps its full text on hover. A workbook that cannot be scored lists every
// problem that stops it and the other issues; contracts that cannot be loaded are said by their
// picker, with Try again. Screenshots of each tab are saved under
// test-results/pane/ for people to look at. Requests to any address but the service are refused.
// The measuring code runs in the page (page.evaluate), so it is typed against the DOM.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE } from "@toms/domain";
import { cells, signInAndLayOut, startAddinHost, type AddinHost, type HostWindow } from "../support/addin-host.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

const SHOTS = join(import.meta.dirname, "..", "..", "test-results", "pane");
const WIDTHS = [300, 320, 450];
const HEIGHT = 800;
const WAIT = { timeout: 20_000 };
/** A version published after the council's default: the pane must still open on the default. */
const NEWER = `2099.${crypto.randomUUID().slice(0, 4)}`;

let host: AddinHost;

beforeAll(async () => {
  host = await startAddinHost();
  mkdirSync(SHOTS, { recursive: true });
  const { service } = host;
  const admin = await service.token("rob.amor", "admin");
  const csv = ["Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source", `${NEWER},N-1,Economic,Jobs,Local people employed,FTE years,100,Test value`].join("\r\n");
  expect((await service.call("/api/catalogue", { method: "POST", token: admin, body: csv, headers: { "content-type": "text/csv" } })).status).toBe(201);
  // A name longer than the pane: the new contract's Service area list cuts it off, with the full text on hover.
  for (const area of [TEST_SERVICE_AREA, "Public Health, Wellbeing, Community Safety and Partnerships Directorate"]) await ensureServiceArea(service, admin, area);
  const supplier = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Acme Ltd", postcode: "CV1 5RR", employees: 40, turnover: 4_000_000, balanceSheet: 1_500_000 } });
  const supplierId = ((await supplier.json()) as { id: string }).id;
  const contract = await service.call("/api/contracts", {
    method: "POST",
    token: admin,
    body: { reference: "CCC-WIDTH-001", title: "Cleaning, caretaking and grounds maintenance of libraries, community centres and family hubs across the city", supplierId, category: "services", value: 900_000, startDate: "2027-04-01", endDate: "2030-03-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA },
  });
  expect(contract.status).toBe(201);
}, 180_000);

afterAll(() => host?.close());

/** What the page measures of the layout: anything wider than the viewport, clipped tab labels, text cut off with nothing to hover. */
interface Fit {
  scrollWidth: number;
  clippedTabs: string[];
  truncatedWithoutTitle: string[];
  clipped: string[];
}

function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const clippedTabs = [...document.querySelectorAll('[role="tab"]')]
      .filter((tab) => {
        const text = tab.querySelector(".fui-Tab__content") ?? tab;
        const box = tab.getBoundingClientRect();
        return text.scrollWidth > text.clientWidth || box.right > document.documentElement.clientWidth || box.left < 0;
      })
      .map((tab) => tab.textContent ?? "");
    // Text cut off with an ellipsis must carry its full text in a title, on itself or around it.
    const truncatedWithoutTitle = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => getComputedStyle(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth && el.textContent?.trim())
      .filter((el) => !el.closest(`[title]`) || !(el.closest("[title]")?.getAttribute("title") ?? "").includes(el.textContent?.trim() ?? ""))
      .map((el) => el.textContent ?? "");
    // Text cut off with no ellipsis at all.
    const clipped = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => {
        const style = getComputedStyle(el);
        return ["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis" && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim();
      })
      .map((el) => `${el.tagName}.${el.className}: ${el.textContent?.slice(0, 60)}`);
    return { scrollWidth: document.documentElement.scrollWidth, clippedTabs, truncatedWithoutTitle, clipped };
  });
}

async function expectFits(page: Page, width: number, where: string): Promise<void> {
  const fit = await measure(page);
  expect(fit.scrollWidth, `${where}: the page is wider than the pane`).toBeLessThanOrEqual(width);
  expect(fit.clippedTabs, `${where}: tab labels cut off`).toEqual([]);
  expect(fit.truncatedWithoutTitle, `${where}: text cut off with no full text on hover`).toEqual([]);
  expect(fit.clipped, `${where}: text cut off`).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** Opens each dropdown of the page: its list is as wide as the pane and inside it. */
async function expectDropdownsFit(page: Page, width: number, where: string, shotOf?: { label: string; name: string }): Promise<void> {
  const dropdowns = page.locator('[role="combobox"]');
  // The width the pane gives its content: that of the tab's section.
  const content = (await boxOf(page.locator("section").first())).width;
  for (let i = 0; i < (await dropdowns.count()); i++) {
    const dropdown = dropdowns.nth(i);
    const name = await dropdown.evaluate((el, n) => (el as HTMLButtonElement).labels?.[0]?.textContent?.trim() || `dropdown ${n}`, i + 1);
    await dropdown.scrollIntoViewIfNeeded();
    await dropdown.click();
    const list = page.locator('[role="listbox"]').last();
    await list.waitFor({ state: "visible", ...WAIT });
    const box = await boxOf(list);
    expect(box.x, `${where}, ${name}: the list starts left of the pane`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${where}, ${name}: the list goes past the pane`).toBeLessThanOrEqual(width);
    expect(box.width, `${where}, ${name}: the list is narrower than the pane's content`).toBeGreaterThanOrEqual(content - 1);
    await expectFits(page, width, `${where}, ${name} open`);
    if (shotOf?.label === name) await shot(page, shotOf.name);
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden", ...WAIT });
  }
}

/** Waits until nothing on the page says it is loading. */
async function loaded(page: Page): Promise<void> {
  await expect.poll(() => page.getByText(/Loading/).count(), WAIT).toBe(0);
}

async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return box;
}

/** Signs in, lays out an evaluation of the services set and types in bids that raise errors, warnings and notes. */
async function scoredWorkbook(page: Page): Promise<{ measures: string[]; units: string[] }> {
  await signInAndLayOut(page, ["Acme Ltd", "Beta plc", "Gamma Community Interest Company (Coventry and Warwickshire)"], "T-WIDTH-1", WAIT);
  const layout = await cells(page, "Commitments");
  const rows = layout.slice(1);
  await page.evaluate((count) => {
    const wb = (globalThis as unknown as HostWindow).tomsWorkbook;
    const bidders = wb.sheet("Bidders");
    // Small prices: social value far above them is flagged for deliverability (SV add).
    [[12_000, 4], [9_500, 3], [15_000, 5]].forEach(([price, score], b) => {
      wb.write(bidders, b + 1, 1, price);
      wb.write(bidders, b + 1, 2, score);
    });
    const commitments = wb.sheet("Commitments");
    for (let r = 1; r <= count; r++) for (let b = 0; b < 3; b++) wb.write(commitments, r, 5 + b, ((r * 7 + b * 3) % 9) + 1);
    const sheetRows = (commitments as { rows: { value: unknown; type: string }[][] }).rows;
    const asText = sheetRows[1]?.[5];
    if (asText) Object.assign(asText, { value: "1,200", type: "String" }); // a warning
    const negative = sheetRows[2]?.[6];
    if (negative) Object.assign(negative, { value: -3, type: "Double" }); // an error
  }, rows.length);
  await page.getByRole("tab", { name: "Score and moderate" }).click();
  await page.getByRole("button", { name: "Score the workbook" }).click();
  await page.getByTestId("results").waitFor(WAIT);
  return { measures: rows.map((row) => String(row[0])), units: rows.map((row) => String(row[3])) };
}

describe.each(WIDTHS)("the task pane at %i px", (width) => {
  it("fits every tab, with full tab labels, pane-wide dropdown lists and hover text for what is cut off", async () => {
    const page = await host.open("/addin/test-host.html", { width, height: HEIGHT });
    await page.getByLabel("User id").waitFor(WAIT);
    await expectFits(page, width, "Sign in");
    await shot(page, `${width}-sign-in`);
    await expectDropdownsFit(page, width, "Sign in");
    const { measures, units } = await scoredWorkbook(page);

    // New evaluation: opens on the council's default version, marked, though a newer one is published.
    await page.getByRole("tab", { name: "New evaluation" }).click();
    await page.getByRole("group", { name: "Measures" }).waitFor(WAIT);
    await loaded(page);
    const version = page.getByRole("combobox", { name: "Catalogue version" });
    expect(await version.textContent()).toBe(`${DEFAULT_CATALOGUE.version} (default)`);
    await expectFits(page, width, "New evaluation");
    await shot(page, `${width}-new-evaluation`);
    await expectDropdownsFit(page, width, "New evaluation", { label: "Outcome", name: `${width}-new-evaluation-outcomes` });
    // The longest outcome, chosen: cut off in its button, with its full text on hover.
    const longest = [...new Set(DEFAULT_CATALOGUE.measures.flatMap((m) => m.outcomes))].sort((a, b) => b.length - a.length)[0] ?? "";
    await page.getByRole("combobox", { name: "Outcome" }).click();
    await page.getByRole("option", { name: longest }).click();
    expect(await page.getByRole("combobox", { name: "Outcome" }).getAttribute("title")).toBe(longest);
    await expectFits(page, width, "New evaluation, an outcome chosen");
    await shot(page, `${width}-new-evaluation-outcome-chosen`);
    await version.click();
    const options = (await page.getByRole("option").allTextContents()).map((o) => o.trim());
    expect(options.filter((o) => o.includes("(default")).map((o) => o.startsWith(`${DEFAULT_CATALOGUE.version} (default`))).toEqual([true]);
    expect(options.some((o) => o.startsWith(NEWER))).toBe(true);
    await page.keyboard.press("Escape");

    // Score and moderate: errors, then warnings, then notes behind their count.
    await page.getByRole("tab", { name: "Score and moderate" }).click();
    await page.getByTestId("results").waitFor(WAIT);
    const groups = page.getByTestId("issue-group");
    const headings = await groups.evaluateAll((all) => all.map((g) => g.querySelector("button")?.textContent ?? ""));
    expect(headings).toEqual([expect.stringMatching(/^\d+ errors?$/), expect.stringMatching(/^\d+ warnings?$/), expect.stringMatching(/^\d+ notes?$/)]);
    const notes = groups.nth(2);
    expect(await notes.locator("li").count()).toBe(0);
    await expectFits(page, width, "Score and moderate");
    await shot(page, `${width}-score`);

    // A message shows beside the control that caused it.
    await page.evaluate(() => {
      (globalThis as unknown as HostWindow).tomsWorkbook.selection = { sheet: "Results", row: 1, column: 1 };
    });
    const useSelection = page.getByRole("button", { name: "Use the selected cell" });
    await useSelection.click();
    const message = page.getByText("Select a bidder's quantity on the Commitments sheet (under");
    await message.waitFor(WAIT);
    const below = (await boxOf(message)).y - ((await boxOf(useSelection)).y + (await boxOf(useSelection)).height);
    expect(below).toBeGreaterThanOrEqual(0);
    expect(below).toBeLessThan(40);

    // The moderation form names the quantity being moderated.
    await page.evaluate(() => {
      (globalThis as unknown as HostWindow).tomsWorkbook.selection = { sheet: "Commitments", row: 3, column: 6 };
    });
    await useSelection.click();
    const form = page.getByTestId("moderation");
    await form.waitFor(WAIT);
    const quantity = (await cells(page, "Commitments"))[3]?.[6];
    expect(await form.textContent()).toContain(`Beta plc: ${measures[2]}`);
    expect(await form.textContent()).toContain(`Committed: ${String(quantity)} ${units[2]}`);
    await notes.getByRole("button").first().click();
    expect(await notes.locator("li").count()).toBeGreaterThan(0);
    await expectFits(page, width, "Score and moderate, notes open");
    await shot(page, `${width}-score-moderate`);

    // SV add is explained where it shows.
    const svAdd = page.getByRole("columnheader", { name: /SV add/ }).getByRole("button");
    await svAdd.click();
    const info = page.getByText(/social value as a share of its tender price/).first();
    await info.waitFor(WAIT);
    const infoBox = await boxOf(info);
    expect(infoBox.x).toBeGreaterThanOrEqual(0);
    expect(infoBox.x + infoBox.width).toBeLessThanOrEqual(width);
    await shot(page, `${width}-score-sv-add`);
    await page.keyboard.press("Escape");

    // Award, with the contracts out of reach at first: the failure shows by the picker, and Try again loads them.
    let reachable = false;
    await page.route(/\/api\/contracts\?/, (route) => (reachable ? route.fallback() : route.abort()));
    await page.getByRole("tab", { name: "Award" }).click();
    const picker = page.getByRole("combobox", { name: "Contract" });
    const failure = page.getByText(/^The contracts and suppliers could not be loaded\. The TOMs service cannot be reached/);
    await failure.waitFor(WAIT);
    const gap = (await boxOf(failure)).y - ((await boxOf(picker)).y + (await boxOf(picker)).height);
    expect(gap, "the failure is just under the contract picker").toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(40);
    expect(await picker.getAttribute("placeholder")).toBe("Contracts not loaded");
    await expectFits(page, width, "Award, contracts not loaded");
    await shot(page, `${width}-award-contracts-not-loaded`);
    reachable = true;
    await page.getByRole("button", { name: "Try again" }).click();
    await failure.waitFor({ state: "detached", ...WAIT });
    await expect.poll(() => picker.getAttribute("placeholder"), WAIT).toBe("Search or choose the contract");
    await loaded(page);
    await expectFits(page, width, "Award");
    await shot(page, `${width}-award`);
    await expectDropdownsFit(page, width, "Award", { label: "Contract", name: `${width}-award-contracts` });
    await page.getByRole("radio", { name: "Create a new contract" }).click();
    await page.getByRole("combobox", { name: "Service area" }).waitFor(WAIT);
    await loaded(page);
    await expectFits(page, width, "Award, new contract");
    await expectDropdownsFit(page, width, "Award, new contract", { label: "Service area*", name: `${width}-award-service-areas` });
    expect(host.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});

/** The texts of the issues listed in the groups of `scope`, opening the folded groups (notes) first. */
async function listedIssues(scope: Locator): Promise<string[]> {
  const groups = scope.getByTestId("issue-group");
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    if ((await group.locator("li").count()) === 0) {
      await group.getByRole("button").first().click();
      await expect.poll(() => group.locator("li").count(), WAIT).toBeGreaterThan(0);
    }
  }
  return (await groups.locator("li").allTextContents()).map((text) => text.trim());
}

const selection = (page: Page) => page.evaluate(() => (globalThis as unknown as HostWindow).tomsWorkbook.selection);

describe.each(WIDTHS)("a workbook the pane cannot score, at %i px", (width) => {
  it("lists every problem that stops the scoring and every other issue, in the pane; a problem selects its cell", async () => {
    const page = await host.open("/addin/test-host.html", { width, height: HEIGHT });
    await page.getByLabel("User id").waitFor(WAIT);
    await scoredWorkbook(page);
    // Scored, the workbook has errors, warnings and notes; all but the SV add flags (which only a scoring finds) come from reading it.
    const scoredIssues = await listedIssues(page.locator("section"));
    const readIssues = scoredIssues.filter((text) => !text.includes("above the deliverability threshold"));
    expect(readIssues.length).toBeGreaterThan(2);

    // Two settings of the Tender sheet become unusable.
    const tender = await cells(page, "Tender");
    const weighting = tender.findIndex((row) => row[0] === "Social value weighting");
    const basis = tender.findIndex((row) => row[0] === "Scoring basis");
    await page.evaluate(({ w, b }) => {
      const wb = (globalThis as unknown as HostWindow).tomsWorkbook;
      const sheet = wb.sheet("Tender");
      wb.write(sheet, w, 1, "high");
      wb.write(sheet, b, 1, "both");
    }, { w: weighting, b: basis });
    await page.getByRole("button", { name: "Score the workbook" }).click();
    const refusal = page.getByTestId("refusal");
    await refusal.waitFor(WAIT);
    expect(await page.getByTestId("results").count()).toBe(0);

    // Every problem, one per line, then the other issues grouped as after a scoring.
    await refusal.getByText("The workbook cannot be scored until these 2 problems are fixed:").waitFor(WAIT);
    const problems = refusal.getByRole("list", { name: "What stops the scoring" }).getByRole("listitem");
    expect((await problems.allTextContents()).map((text) => text.trim())).toEqual([
      `Tender!B${weighting + 1}: "Social value weighting" is "high"; it must be a number of marks from 0 to 100, so the workbook cannot be scored.`,
      expect.stringMatching(new RegExp(`^Tender!B${basis + 1}: "Scoring basis" is "both"; it must be "value"`)),
    ]);
    await refusal.getByText(`Also found: ${readIssues.length} other issues`).waitFor(WAIT);
    const headings = await refusal.getByTestId("issue-group").evaluateAll((all) => all.map((g) => g.querySelector("button")?.textContent ?? ""));
    expect(headings).toEqual([expect.stringMatching(/^\d+ errors?$/), expect.stringMatching(/^\d+ warnings?$/), expect.stringMatching(/^\d+ notes?$/)]);
    expect(await listedIssues(refusal)).toEqual(readIssues);
    await expectFits(page, width, "Score, refused");
    await shot(page, `${width}-score-refused`);

    // Selecting a problem, or another issue, selects its cell.
    await problems.nth(1).getByRole("button").click();
    await expect.poll(() => selection(page), WAIT).toEqual({ sheet: "Tender", row: basis, column: 1 });
    await problems.nth(0).getByRole("button").click();
    await expect.poll(() => selection(page), WAIT).toEqual({ sheet: "Tender", row: weighting, column: 1 });
    await refusal.getByRole("button", { name: /typed as text "1,200"/ }).click();
    await expect.poll(() => selection(page), WAIT).toEqual({ sheet: "Commitments", row: 1, column: 5 });

    // The earlier scoring no longer stands: nothing can be awarded from it.
    await page.getByRole("tab", { name: "Award" }).click();
    await page.getByText("Score the workbook first").waitFor(WAIT);
    expect(await page.getByRole("button", { name: "Award", exact: true }).count()).toBe(0);
    expect(host.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe("the pane's browser", () => {
  it("sent nothing to any address but the service", () => {
    expect(host.outside).toEqual([]);
  });
});

// Every view of the tab inside the Teams stand-in, signed in with Teams' token as a demo contract
// manager: each renders, and every figure on screen is the number the API answers the same
// manager (the views carry the API's raw value in data-value; the text must say it too).
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotConnector, type BotConnector } from "../support/bot-connector.js";
import type { ContractDashboard, OwedItem } from "@toms/client";
import { RATINGS, type PortfolioContract, type PortfolioDashboard, type SocialValueReport, type SupplierScorecard } from "@toms/domain";
import { MANAGER, requestsOffTheMachine, startTabBrowser, type TabBrowser } from "../support/tab-browser.js";
import { promptedContracts, type PromptedContracts } from "../support/tab-prompts.js";
import { contentViews, dateText, moneyText, showView, shownValues, type TabView } from "../support/tab-views.js";
import type { TeamsHostPage } from "../support/teams-host.js";

let tab: TabBrowser;
let host: TeamsHostPage;
let frame: Frame;
let views: Map<string, TabView>;
let portfolio: PortfolioDashboard;
let moneyLabel: string;
/** The contract (and its supplier) whose pages are opened. */
let chosen: PortfolioContract;

beforeAll(async () => {
  tab = await startTabBrowser();
  portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
  moneyLabel = (await tab.api<{ moneyLabel: string }>(MANAGER, "/api/me")).moneyLabel;
  // A contract with social value committed, so that its page shows every section with figures.
  const first = portfolio.byContract.find((c) => c.socialValue.committed > 0);
  if (!first) throw new Error(`${MANAGER.userId} has no contract with social value in the demo data.`);
  chosen = first;
  views = new Map(contentViews(first, { id: first.supplierId, name: first.supplierName ?? first.supplierId }).map((v) => [v.name, v]));
  host = await tab.openInTeams({ frameContext: "content", url: "#/", entityId: "portfolio", theme: "default" });
  frame = await host.tab();
}, 180_000);

afterAll(() => tab?.close());

function view(name: string): TabView {
  const found = views.get(name);
  if (!found) throw new Error(`No view named ${name}.`);
  return found;
}

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** A contract's row as the portfolio's and the scorecard's tables carry it, in the API's raw values. */
async function rowValues(scope: string): Promise<Map<string, string[]>> {
  const rows = await frame.locator(`${scope} tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-contract-id") ?? "", [...tr.querySelectorAll("[data-value]")].map((e) => e.getAttribute("data-value") ?? "")] as const));
  return new Map(rows.map(([id, values]) => [id, [...values]]));
}

describe("the portfolio", () => {
  it("shows the API's totals in its tiles, and every contract's row as the API lists it", async () => {
    await showView(frame, view("portfolio"));
    const tiles = frame.getByTestId("portfolio-tiles");
    const tile = (name: string, inner = "[data-value]") => shownValues(tiles, `[data-tile="${name}"] > ${inner}, [data-tile="${name}"] > * > ${inner}`);
    expect(await tile("contracts")).toEqual([{ value: String(portfolio.contracts), text: whole.format(portfolio.contracts) }]);
    expect(await tile("overdueUpdates")).toEqual([{ value: String(portfolio.overdueUpdates), text: whole.format(portfolio.overdueUpdates) }]);
    expect(await tile("assessmentsDue")).toEqual([{ value: String(portfolio.assessmentsDue), text: whole.format(portfolio.assessmentsDue) }]);
    expect(await shownValues(tiles, '[data-tile="ratings"] [data-rating]')).toEqual(RATINGS.map((r) => ({ value: String(portfolio.ratings[r.id]), text: whole.format(portfolio.ratings[r.id]) })));
    const { committed, delivered } = portfolio.socialValue;
    expect(await shownValues(tiles, '[data-tile="socialValue"] [data-field="delivered"]')).toEqual([{ value: String(delivered), text: moneyText(delivered, moneyLabel) }]);
    expect(await shownValues(tiles, '[data-tile="socialValue"] [data-field="committed"]')).toEqual([{ value: String(committed), text: moneyText(committed, moneyLabel) }]);

    // The table: every contract of the API's, each with the API's figures (one page for a manager's few).
    expect(await frame.getByTestId("table-summary").getAttribute("data-total")).toBe(String(portfolio.byContract.length));
    const expected = (c: PortfolioContract) => [c.status, c.rating ?? "", c.overdueUpdates, c.reviewsWaiting, c.assessment?.due ?? "", c.socialValue.committed, c.socialValue.delivered].map(String);
    expect(await rowValues('[data-testid="contract-table"]')).toEqual(new Map(portfolio.byContract.map((c) => [c.contractId, expected(c)])));
    for (const c of portfolio.byContract) {
      const row = frame.locator(`[data-testid="contract-table"] tr[data-contract-id="${c.contractId}"]`);
      expect(await row.getByRole("link", { name: c.reference }).getAttribute("href")).toBe(`#/contracts/${encodeURIComponent(c.contractId)}`);
      expect(await row.textContent()).toContain(moneyText(c.socialValue.committed, moneyLabel));
    }
  });

  it("shows the ratings quarter by quarter as the API counts them, as a table beside the chart", async () => {
    await showView(frame, view("portfolio"));
    const panel = frame.locator("section", { has: frame.getByRole("heading", { name: "KPI ratings by quarter" }) }).last();
    await panel.getByRole("tab", { name: "Table" }).click();
    const rows = await panel.locator("tr[data-quarter]").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-quarter"), ...[...tr.querySelectorAll("[data-rating]")].map((c) => `${c.getAttribute("data-rating")}=${c.getAttribute("data-value")}`)]));
    expect(rows).toEqual(portfolio.ratingsOverTime.map((q) => [q.quarter, ...RATINGS.map((r) => `${r.id}=${q.ratings[r.id]}`)]));
  });
});

describe("the contract", () => {
  it("shows each KPI's current rating and periods, the social value and the assessment due as the API answers them", async () => {
    const first = chosen;
    const dashboard = await tab.api<ContractDashboard>(MANAGER, `/api/dashboard/contracts/${encodeURIComponent(first.contractId)}`);
    const value = await tab.api<{ committed: number; delivered: number }>(MANAGER, `/api/contracts/${encodeURIComponent(first.contractId)}/social-value`);
    await showView(frame, view("contract"));
    expect(await frame.getByTestId("contract-reference").textContent()).toBe(first.reference);
    expect(dashboard.kpis.length).toBeGreaterThan(0);
    for (const { kpi, currentRating } of dashboard.kpis) {
      expect(await frame.getByTestId(`kpi-${kpi.id}`).getByTestId("kpi-rating").getAttribute("data-rating"), kpi.title).toBe(currentRating ?? "none");
    }
    // The first KPI's periods as its table (newest first): target, accepted value and rating of each begun period.
    const [{ kpi, periods }] = dashboard.kpis as [ContractDashboard["kpis"][number]];
    const card = frame.getByTestId(`kpi-${kpi.id}`);
    await card.getByRole("tab", { name: "Table" }).click();
    const rows = await card.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("[data-value], [data-rating]")].map((c) => c.getAttribute("data-value") ?? c.getAttribute("data-rating"))));
    const begun = periods.filter((p) => p.status !== "not-started").reverse();
    expect(rows).toEqual(begun.map((p) => [String(p.target), p.value === undefined ? "" : String(p.value), p.rating]));
    expect(await shownValues(frame, '[data-testid="sv-committed"]')).toEqual([{ value: String(value.committed), text: moneyText(value.committed, moneyLabel, true) }]);
    expect(await shownValues(frame, '[data-testid="sv-delivered"]')).toEqual([{ value: String(value.delivered), text: moneyText(value.delivered, moneyLabel, true) }]);
    expect(await frame.getByTestId("assessment-due").getAttribute("data-value")).toBe(dashboard.assessment?.due ?? "");
    if (dashboard.assessment) expect(await frame.getByTestId("assessment-due").textContent()).toContain(dateText(dashboard.assessment.due));
  });
});

describe("the supplier scorecard", () => {
  it("shows the API's scorecard: its totals, and each of the supplier's contracts", async () => {
    const { supplierId } = chosen;
    const scorecard = await tab.api<SupplierScorecard>(MANAGER, `/api/dashboard/suppliers/${encodeURIComponent(supplierId)}`);
    await showView(frame, view("supplier"));
    const figure = async (testId: string) => (await shownValues(frame, `[data-testid="${testId}"] > [data-value]`))[0];
    expect(await figure("scorecard-contracts")).toEqual({ value: String(scorecard.contracts), text: whole.format(scorecard.contracts) });
    expect(await figure("scorecard-overdue")).toEqual({ value: String(scorecard.overdueUpdates), text: whole.format(scorecard.overdueUpdates) });
    expect(await figure("scorecard-assessments-due")).toEqual({ value: String(scorecard.assessmentsDue), text: whole.format(scorecard.assessmentsDue) });
    expect(await figure("scorecard-committed")).toEqual({ value: String(scorecard.socialValue.committed), text: moneyText(scorecard.socialValue.committed, moneyLabel) });
    expect(await figure("scorecard-delivered")).toEqual({ value: String(scorecard.socialValue.delivered), text: moneyText(scorecard.socialValue.delivered, moneyLabel) });
    const rated = await frame.getByTestId("scorecard-ratings").locator("[data-rating]").evaluateAll((spans) => spans.map((e) => [e.getAttribute("data-rating"), e.getAttribute("data-value")]));
    expect(rated).toEqual(RATINGS.filter((r) => scorecard.ratings[r.id] > 0).map((r) => [r.id, String(scorecard.ratings[r.id])]));
    const expected = (c: PortfolioContract) => [c.rating ?? "", c.overdueUpdates, c.reviewsWaiting, c.socialValue.committed, c.socialValue.delivered].map(String);
    expect(await rowValues('[data-testid="scorecard-table"]')).toEqual(new Map(scorecard.byContract.map((c) => [c.contractId, expected(c)])));
  });
});

describe("the social value report", () => {
  it("shows the year's totals and the rows by theme the API answers, in the money label", async () => {
    await showView(frame, view("social-value"));
    const report = await tab.api<SocialValueReport>(MANAGER, "/api/reports/social-value?format=json&yearType=financial");
    const tiles = {
      "report-total-committed": report.totals.committed,
      "report-total-delivered": report.totals.delivered,
      "report-total-previous-committed": report.totals.previousCommitted,
      "report-total-previous-delivered": report.totals.previousDelivered,
    };
    for (const [testId, amount] of Object.entries(tiles)) {
      expect(await shownValues(frame, `[data-testid="${testId}"]`), testId).toEqual([{ value: String(amount), text: moneyText(amount, moneyLabel) }]);
    }
    const group = frame.getByTestId("report-group");
    expect(await group.getAttribute("data-group")).toBe("byTheme");
    // The chart's figures, as its table (the same figures, for those who do not see the chart).
    await group.getByRole("tab", { name: "Table" }).click();
    const rows = frame.locator('[data-testid="report-row"]');
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute("data-key")))).toEqual(report.byTheme.map((r) => r.key));
    for (const [i, row] of report.byTheme.entries()) {
      const figures = [row.committed, row.delivered, row.previousCommitted, row.previousDelivered];
      expect(await shownValues(frame, `[data-testid="report-row"]:nth-child(${i + 1}) [data-value]`), row.label).toEqual(figures.map((f) => ({ value: String(f), text: moneyText(f, moneyLabel) })));
    }
  });
});

describe("who owes what", () => {
  let connector: BotConnector;
  let prompted: PromptedContracts;
  beforeAll(async () => {
    connector = await startBotConnector();
    prompted = await promptedContracts(tab.service, connector);
  }, 60_000);
  afterAll(() => connector?.close());

  it("lists what the API says is owed, in its order, each since the day the API says", async () => {
    await showView(frame, view("overdue"));
    const owed = (await tab.api<{ items: OwedItem[] }>(MANAGER, "/api/dashboard/overdue")).items;
    expect(owed.length).toBeGreaterThan(0);
    const shown = await frame.locator('[data-testid="owed-item"]').evaluateAll((items) =>
      items.map((e) => {
        const since = e.querySelector("[data-value]");
        const d = (e as HTMLElement).dataset;
        return { contractId: d.contractId, kpiId: d.kpiId, period: d.period, what: d.what, since: since?.getAttribute("data-value"), sinceText: since?.textContent };
      }),
    );
    expect(shown).toEqual(owed.map((o) => ({ contractId: o.contractId, kpiId: o.kpiId, period: o.period, what: o.what, since: o.since, sinceText: dateText(o.since) })));
    await frame.getByText(`${owed.length} ${owed.length === 1 ? "item" : "items"} owed.`).waitFor();
  });

  it("says how the bot's latest prompt of each item went in Teams, as the API records it", async () => {
    await showView(frame, view("overdue"));
    const owed = (await tab.api<{ items: OwedItem[] }>(MANAGER, "/api/dashboard/overdue")).items;
    const of = (contractId: string) => owed.filter((o) => o.contractId === contractId);
    // The pass delivered the first contract's prompts to its one contact, and Teams refused the second's.
    expect(of(prompted.sent.id).length).toBeGreaterThan(0);
    expect(of(prompted.sent.id).every((o) => o.prompted?.state === "sent" && o.prompted.recipients === 1)).toBe(true);
    expect(of(prompted.failed.id).length).toBeGreaterThan(0);
    expect(of(prompted.failed.id).every((o) => o.prompted?.state === "failed")).toBe(true);
    // The demo's own items: nobody installed the bot, so nothing was asked.
    expect(owed.some((o) => o.prompted === null)).toBe(true);

    const shown = await frame.locator('[data-testid="owed-item"]').evaluateAll((items) =>
      items.map((e) => {
        const d = (e as HTMLElement).dataset;
        const line = e.querySelector<HTMLElement>('[data-testid="prompt-status"]');
        return { key: `${d.contractId}|${d.kpiId}|${d.period}|${d.what}`, state: line?.dataset.state, text: line?.textContent, badge: line?.querySelector(".fui-Badge")?.textContent ?? null };
      }),
    );
    expect(shown).toEqual(owed.map((o) => ({ key: `${o.contractId}|${o.kpiId}|${o.period}|${o.what}`, state: o.prompted?.state ?? "none", ...promptText(o.prompted) })));
  });
});

const teamsTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

/**
 * What the Overdue view should say of the prompts these tests make (update-due or reminder, sent
 * to one contact, or refused), worked out here; the count is held to its word by a no-break space.
 */
function promptText(prompted: OwedItem["prompted"]): { text: string; badge: string | null } {
  if (!prompted) return { text: "Not asked yet", badge: null };
  if (prompted.state === "failed") return { text: `Not delivered: ${prompted.error ?? ""}`, badge: "Not delivered" };
  const via = (prompted.channels.length > 0 ? prompted.channels : ["teams"]).map((c) => (c === "teams" ? "in Teams" : "by e-mail")).join(" and ");
  const said = { "update-due": `Asked ${via}`, reminder: `Reminder sent ${via}` }[prompted.kind as string];
  if (prompted.state !== "sent" || !said) throw new Error(`The tests made no ${prompted.state} ${prompted.kind} prompt.`);
  return { text: `${said} ${teamsTime.format(new Date(prompted.at))} (${prompted.recipients}\u00a0${prompted.recipients === 1 ? "person" : "people"})`, badge: null };
}

describe("the page", () => {
  it("threw no error, and sent nothing off the machine", () => {
    expect(tab.pageErrors).toEqual([]);
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
  });
});

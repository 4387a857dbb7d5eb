// Every view of the tab inside the Teams stand-in, signed in with Teams' token as a demo contract
// manager: each renders, and every figure on screen is the number the API answers the same
// manager (the views carry the API's raw value in data-value; the text must say it too).
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OwedItem } from "@toms/client";
import type { PortfolioDashboard, SocialValueReport } from "@toms/domain";
import { MANAGER, startTabBrowser, type TabBrowser } from "../support/tab-browser.js";
import { contentViews, dateText, moneyText, showView, shownValues, type TabView } from "../support/tab-views.js";
import type { TeamsHostPage } from "../support/teams-host.js";

let tab: TabBrowser;
let host: TeamsHostPage;
let frame: Frame;
let views: Map<string, TabView>;
let portfolio: PortfolioDashboard;
let moneyLabel: string;

beforeAll(async () => {
  tab = await startTabBrowser();
  portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
  moneyLabel = (await tab.api<{ moneyLabel: string }>(MANAGER, "/api/me")).moneyLabel;
  const first = portfolio.byContract[0];
  if (!first) throw new Error(`${MANAGER.userId} has no contracts in the demo data.`);
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
});

describe("the page", () => {
  it("threw no error", () => {
    expect(tab.pageErrors).toEqual([]);
  });
});

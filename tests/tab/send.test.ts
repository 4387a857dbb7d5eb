// A contract manager sends the value of a KPI the council reports (reporter "manager") from the
// contract page's update history, inside the Teams stand-in: a refused field shows the service's
// message by it and nothing is stored; the good one is stored once, accepted at once, and shown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractDashboard, KpiUpdate } from "@toms/client";
import type { PortfolioDashboard } from "@toms/domain";
import { ADMIN, MANAGER, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { descriptionOf, exactly, periodWords } from "../support/tab-views.js";

let tab: TabBrowser;
let portfolio: PortfolioDashboard;

beforeAll(async () => {
  tab = await startTabBrowser();
  portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
}, 180_000);

afterAll(() => tab?.close());

const dashboardOf = (contractId: string) => tab.api<ContractDashboard>(MANAGER, `/api/dashboard/contracts/${encodeURIComponent(contractId)}`);
const owed = (item: ContractDashboard["kpis"][number]) => item.periods.filter((p) => p.status !== "not-started" && p.status !== "accepted").sort((a, b) => a.startDate.localeCompare(b.startDate));

/** A manager-reported KPI with a period owed on one of the manager's active contracts; one is added as admin if the demo has none. */
async function councilKpi(): Promise<{ dashboard: ContractDashboard; item: ContractDashboard["kpis"][number] }> {
  const active = portfolio.byContract.filter((c) => c.status === "active");
  for (const row of active) {
    const dashboard = await dashboardOf(row.contractId);
    const item = dashboard.kpis.find((k) => k.kpi.kind === "kpi" && k.kpi.reporter === "manager" && owed(k).length > 0);
    if (item) return { dashboard, item };
  }
  const row = active[0];
  if (!row) throw new Error(`${MANAGER.userId} has no active contract in the demo data.`);
  const title = `Complaints answered within 10 working days ${crypto.randomUUID().slice(0, 8)}`;
  const made = await tab.service.call(`/api/contracts/${encodeURIComponent(row.contractId)}/kpis`, {
    method: "POST",
    token: await tab.token(ADMIN),
    body: { title, unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "manager" },
  });
  expect(made.status).toBe(201);
  const dashboard = await dashboardOf(row.contractId);
  const item = dashboard.kpis.find((k) => k.kpi.title === title && owed(k).length > 0);
  if (!item) throw new Error(`The KPI added to ${row.contractId} has no period owed.`);
  return { dashboard, item };
}

describe("sending a council-reported KPI's value", () => {
  it("shows the service's message by a refused field and stores nothing, then stores one accepted revision and shows it", async () => {
    const { dashboard, item } = await councilKpi();
    const { contract } = dashboard;
    const { kpi } = item;
    const updatesPath = `/api/contracts/${encodeURIComponent(contract.id)}/kpis/${encodeURIComponent(kpi.id)}/updates`;
    const updatesNow = async () => (await tab.api<{ items: KpiUpdate[] }>(MANAGER, updatesPath)).items;
    const before = await updatesNow();
    const oldest = owed(item)[0]?.period as string;

    const host = await tab.openInTeams({ frameContext: "content", url: `#/contracts/${encodeURIComponent(contract.id)}`, entityId: "portfolio", theme: "default" });
    const frame = await host.tab();
    await frame.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
    const section = frame.getByTestId(`updates-${kpi.id}`);
    await section.getByRole("button", { name: "Send an update", exact: true }).click();
    const form = frame.getByRole("form", { name: `Send an update of ${kpi.title}` });
    await form.waitFor(WAIT);

    // The oldest period owed is offered first.
    const period = form.getByRole("combobox", { name: /^Period/ });
    expect(await period.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe(periodWords(oldest));

    // Not a number: the page says so by the field, and asks nothing of the service.
    const value = form.getByRole("textbox", { name: /^Value/ });
    await value.fill("ninety");
    await form.getByRole("button", { name: "Send the update" }).click();
    await expect.poll(() => descriptionOf(value), WAIT).toContain("Must be a number");

    // A number, with an evidence link that is not a web address: the service refuses it by its field.
    await value.fill("96.5");
    await form.getByRole("textbox", { name: /^Note/ }).fill("From the complaints log.");
    const evidence = form.getByRole("textbox", { name: /^Evidence link/ });
    await evidence.fill("complaints-log.xlsx");
    await form.getByRole("button", { name: "Send the update" }).click();
    await expect.poll(() => descriptionOf(evidence), WAIT).toContain("Must be a web address starting https://");
    expect(await descriptionOf(value)).not.toContain("Must be a number");
    expect(await updatesNow()).toEqual(before);

    // Put right and sent: stored once, accepted at once (no review), and shown.
    const link = "https://example.gov.uk/complaints-log.xlsx";
    await evidence.fill(link);
    await form.getByRole("button", { name: "Send the update" }).click();
    const shown = kpi.unit.trim() === "%" ? "96.5%" : `96.5 ${kpi.unit.trim()}`.trim();
    await frame.getByText(exactly(`Sent: ${shown} for ${periodWords(oldest)}`)).first().waitFor(WAIT);
    const added = (await updatesNow()).filter((u) => !before.some((b) => b.id === u.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ period: oldest, value: 96.5, note: "From the complaints log.", evidenceUrl: link, status: "accepted", counts: true, submittedAs: "council", submittedBy: MANAGER.userId });
    const row = section.getByTestId(`update-${added[0]?.id}`);
    await expect.poll(() => row.getAttribute("data-status"), WAIT).toBe("accepted");
    expect(await row.locator("[data-value]").getAttribute("data-value")).toBe("96.5");
    await host.page.close();
  });
});

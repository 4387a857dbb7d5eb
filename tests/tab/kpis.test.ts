// A contract manager sets a contract's KPIs in the tab, inside the Teams stand-in: adds one through
// the form (the service's message shows by a bad field, and nothing is stored), changes a KPI's
// target from a period on (a change made meanwhile is refused, then the page is read again), and
// adds a template's KPIs to a new contract. Each checks what the service then stores.
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractDashboard, ContractDetail, KpiTemplate, KpiView } from "@toms/client";
import type { PortfolioDashboard } from "@toms/domain";
import { ADMIN, MANAGER, requestsOffTheMachine, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { descriptionOf, exactly, periodWords } from "../support/tab-views.js";
import type { TeamsHostPage } from "../support/teams-host.js";

let tab: TabBrowser;
let portfolio: PortfolioDashboard;

beforeAll(async () => {
  tab = await startTabBrowser();
  portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
}, 180_000);

afterAll(() => tab?.close());

const unique = () => crypto.randomUUID().slice(0, 8);
const kpisOf = async (contractId: string) => (await tab.api<{ items: KpiView[] }>(MANAGER, `/api/contracts/${encodeURIComponent(contractId)}/kpis`)).items;

/** The contract's page in the stand-in, once its KPIs section shows. */
async function openContract(contract: { id: string; title: string }): Promise<{ host: TeamsHostPage; frame: Frame }> {
  const host = await tab.openInTeams({ frameContext: "content", url: `#/contracts/${encodeURIComponent(contract.id)}`, entityId: "portfolio", theme: "default" });
  const frame = await host.tab();
  await frame.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
  await frame.getByRole("button", { name: "Add a KPI", exact: true }).waitFor(WAIT);
  return { host, frame };
}

/** One of the manager's active contracts that has KPIs of its own (not only commitments). */
async function managersContract(): Promise<ContractDashboard> {
  for (const row of portfolio.byContract.filter((c) => c.status === "active")) {
    const dashboard = await tab.api<ContractDashboard>(MANAGER, `/api/dashboard/contracts/${encodeURIComponent(row.contractId)}`);
    if (dashboard.kpis.some((k) => k.kpi.kind === "kpi" && k.periods.length >= 2)) return dashboard;
  }
  throw new Error(`None of ${MANAGER.userId}'s active contracts has a KPI with two periods in the demo data.`);
}

describe("adding a KPI", () => {
  it("shows the service's message by a bad field and stores nothing, then stores the KPI exactly as entered", async () => {
    const { contract } = await managersContract();
    const before = await kpisOf(contract.id);
    const { host, frame } = await openContract(contract);
    const title = `Missed collections put right within 24 hours ${unique()}`;

    await frame.getByRole("button", { name: "Add a KPI", exact: true }).click();
    const form = frame.getByRole("form", { name: "Add a KPI" });
    await form.getByRole("textbox", { name: /^Title/ }).fill(title);
    await form.getByRole("textbox", { name: /^Description/ }).fill("Counted from the crews' round sheets.");
    await form.getByRole("textbox", { name: /^Unit/ }).fill("%");
    await form.getByRole("textbox", { name: /^Target/ }).fill("97.5");
    const tolerance = form.getByRole("textbox", { name: /^Tolerance/ });
    await tolerance.fill("-2");
    await form.getByRole("radio", { name: /^Lower is better/ }).check();
    await form.getByRole("combobox", { name: /^How often/ }).selectOption({ label: "Quarterly" });
    await form.getByRole("radio", { name: /^The council/ }).check();
    await form.getByRole("button", { name: "Add the KPI" }).click();

    // The service refuses a negative tolerance, in its words, by the field; nothing is stored.
    await form.getByText("Must be zero or more").waitFor(WAIT);
    expect(await descriptionOf(tolerance)).toContain("Must be zero or more");
    await form.getByRole("alert").getByText("The KPI was not added: check the fields marked.").waitFor(WAIT);
    expect((await kpisOf(contract.id)).map((k) => k.id).sort()).toEqual(before.map((k) => k.id).sort());

    await tolerance.fill("1.5");
    await form.getByRole("button", { name: "Add the KPI" }).click();
    await frame.getByTestId("kpi-change-done").getByText(`The KPI "${title}" is added: the page now shows it with its periods.`).waitFor(WAIT);

    const added = (await kpisOf(contract.id)).filter((k) => !before.some((b) => b.id === k.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      kind: "kpi",
      title,
      description: "Counted from the crews' round sheets.",
      unit: "%",
      direction: "lower",
      frequency: "quarterly",
      reporter: "manager",
      createdBy: MANAGER.userId,
    });
    expect(added[0]?.versions.map((v) => [v.target, v.tolerance])).toEqual([[97.5, 1.5]]);
    // The page read the contract again: the new KPI is there with its own card.
    await frame.getByTestId(`kpi-${added[0]?.id}`).getByRole("heading", { name: exactly(title) }).waitFor(WAIT);
    await host.page.close();
  });
});

describe("changing a KPI's target", () => {
  it("sets a new target from a chosen period on with the KPI's ETag; a change made meanwhile is refused, read again and then made", async () => {
    const dashboard = await managersContract();
    const { contract } = dashboard;
    const item = dashboard.kpis.find((k) => k.kpi.kind === "kpi" && k.periods.length >= 2);
    if (!item) throw new Error("No KPI to change.");
    const kpiBefore = (await kpisOf(contract.id)).find((k) => k.id === item.kpi.id) as KpiView;
    const current = kpiBefore.versions.at(-1);
    if (!current) throw new Error("The KPI has no target.");
    // The last period of the KPI: on or after the one its current target applies from.
    const from = item.periods.at(-1)?.period as string;
    const newTarget = current.target + 3;
    const { host, frame } = await openContract(contract);

    const card = frame.getByTestId(`kpi-${item.kpi.id}`);
    await card.getByRole("button", { name: "Change the target", exact: true }).click();
    const form = frame.getByRole("form", { name: `Change the target of ${item.kpi.title}` });
    await form.waitFor(WAIT);
    const period = form.getByRole("combobox", { name: /^From/ });
    await period.selectOption({ label: periodWords(from) });
    await form.getByRole("textbox", { name: /^New target/ }).fill(String(newTarget));
    await form.getByRole("textbox", { name: /^Tolerance/ }).fill("1.5");

    // Meanwhile someone else changes the KPI (its description), so the dialog's ETag is stale.
    const meanwhile = await tab.service.call(`/api/contracts/${encodeURIComponent(contract.id)}/kpis/${encodeURIComponent(item.kpi.id)}`, {
      method: "PATCH",
      token: await tab.token(ADMIN),
      headers: { "if-match": kpiBefore.etag },
      body: { description: `Changed meanwhile ${unique()}` },
    });
    expect(meanwhile.status).toBe(200);
    await form.getByRole("button", { name: "Save the new target" }).click();
    await form.getByRole("alert").getByText("Someone changed this KPI meanwhile. The page now shows it as it stands: check it, then try again.").waitFor(WAIT);
    const refused = (await kpisOf(contract.id)).find((k) => k.id === item.kpi.id) as KpiView;
    expect(refused.versions).toEqual(kpiBefore.versions);

    // Checked, and sent again: the KPI was read again, so its ETag is the one stored now.
    await form.getByRole("button", { name: "Save the new target" }).click();
    await card.getByText(`The target of "${item.kpi.title}" is now`, { exact: false }).waitFor(WAIT);
    const after = (await kpisOf(contract.id)).find((k) => k.id === item.kpi.id) as KpiView;
    const kept = current.fromPeriod === from ? kpiBefore.versions.slice(0, -1) : kpiBefore.versions;
    expect(after.versions.slice(0, -1)).toEqual(kept);
    expect(after.versions.at(-1)).toMatchObject({ fromPeriod: from, target: newTarget, tolerance: 1.5, changedBy: MANAGER.userId });
    expect(after.periods.find((p) => p.period === from)).toMatchObject({ target: newTarget, tolerance: 1.5 });
    await host.page.close();
  });
});

describe("adding KPIs from a template", () => {
  it("adds all of a template's KPIs to a new contract, never twice, and the KPI minimum is met", async () => {
    // A new contract worth over £5m, so that the Procurement Act needs 3 KPIs of it.
    const { contract: existing } = await managersContract();
    const title = `Household waste collection ${unique()}`;
    const made = await tab.service.call("/api/contracts", {
      method: "POST",
      token: await tab.token(ADMIN),
      body: {
        reference: `CCC-K-${unique()}`,
        title,
        category: "services",
        value: 6_000_000,
        supplierId: existing.supplierId,
        serviceArea: existing.serviceArea,
        managerId: MANAGER.userId,
        startDate: "2025-04-01",
        endDate: "2028-03-31",
      },
    });
    expect(made.status).toBe(201);
    const contract = { id: ((await made.json()) as { id: string }).id, title };
    const template = (await tab.api<{ items: KpiTemplate[] }>(MANAGER, "/api/kpi-templates")).items.find((t) => t.kpis.length >= 3);
    if (!template) throw new Error("The template library has no template of 3 KPIs or more.");

    const { host, frame } = await openContract(contract);
    await frame.getByText("No KPIs yet", { exact: true }).waitFor(WAIT);
    await frame.getByTestId("finding-KPI_MINIMUM").waitFor(WAIT);

    await frame.getByRole("button", { name: "Add KPIs from a template", exact: true }).click();
    const offered = frame.getByTestId(`template-${template.id}`);
    await offered.getByRole("heading", { name: exactly(template.name) }).waitFor(WAIT);
    await offered.getByRole("button", { name: `Add the ${template.kpis.length} KPIs of ${template.name}` }).click();
    await frame.getByTestId("kpi-change-done").getByText(`${template.kpis.length} KPIs added from "${template.name}".`, { exact: true }).waitFor(WAIT);

    const listed = await kpisOf(contract.id);
    expect(listed.map((k) => ({ title: k.title, unit: k.unit, direction: k.direction, frequency: k.frequency, reporter: k.reporter, target: k.versions[0]?.target, templateId: k.templateId })).sort((a, b) => a.title.localeCompare(b.title))).toEqual(
      template.kpis.map((k) => ({ title: k.title, unit: k.unit, direction: k.direction, frequency: k.frequency, reporter: k.reporter, target: k.target, templateId: template.id })).sort((a, b) => a.title.localeCompare(b.title)),
    );
    // The page read the contract again: the KPIs are shown, and the KPI minimum is met.
    for (const k of listed) await frame.getByTestId(`kpi-${k.id}`).waitFor(WAIT);
    await expect.poll(() => frame.getByTestId("finding-KPI_MINIMUM").count(), WAIT).toBe(0);
    const detail = await tab.api<ContractDetail>(MANAGER, `/api/contracts/${encodeURIComponent(contract.id)}`);
    expect(detail.compliance.map((f) => f.code)).not.toContain("KPI_MINIMUM");

    // Applied again, it adds none: the titles are there already.
    await frame.getByRole("button", { name: "Add KPIs from a template", exact: true }).click();
    await frame.getByTestId(`template-${template.id}`).getByRole("button", { name: `Add the ${template.kpis.length} KPIs of ${template.name}` }).click();
    await frame.getByTestId("kpi-change-done").getByText(`No KPI was added from "${template.name}": the contract already has a KPI of each of its titles.`).waitFor(WAIT);
    expect((await kpisOf(contract.id)).map((k) => k.id).sort()).toEqual(listed.map((k) => k.id).sort());
    await host.page.close();
  });
});

describe("the network", () => {
  it("sent nothing off the machine, and the pages threw no error", () => {
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });
});

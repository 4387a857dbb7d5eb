// What a contract manager does in the tab, inside the Teams stand-in: approves a supplier's update
// and sees the KPI's rating change; starts and confirms the annual assessment that is due, and
// downloads its UK9 notice through the page, valid against the shipped OCDS schema. Each checks
// what the service then stores, not only what the page says.
import { readFileSync } from "node:fs";
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssessmentView, ContractDashboard, KpiUpdate } from "@toms/client";
import type { PortfolioDashboard } from "@toms/domain";
import { releaseErrors } from "../support/ocds.js";
import { MANAGER, requestsOffTheMachine, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { exactly } from "../support/tab-views.js";
import type { TeamsHostPage } from "../support/teams-host.js";

let tab: TabBrowser;
let portfolio: PortfolioDashboard;

beforeAll(async () => {
  tab = await startTabBrowser();
  portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
}, 180_000);

afterAll(() => tab?.close());

/** Today in the UK, as the service's rules count days (YYYY-MM-DD). */
const ukToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** The contract's page in the stand-in, once its KPIs are shown. */
async function openContract(contract: { contractId: string; title: string }): Promise<{ host: TeamsHostPage; frame: Frame }> {
  const host = await tab.openInTeams({ frameContext: "content", url: `#/contracts/${encodeURIComponent(contract.contractId)}`, entityId: "portfolio", theme: "default" });
  const frame = await host.tab();
  await frame.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
  await frame.getByTestId("kpi-rating").first().waitFor(WAIT);
  return { host, frame };
}

interface Candidate {
  contract: PortfolioDashboard["byContract"][number];
  kpiId: string;
  update: KpiUpdate;
}

/**
 * A supplier's update waiting for review whose period is the one the KPI's current rating is of,
 * rated Other because its update is past due with nothing accepted: approving it gives that period
 * the value's rating (Good to Inadequate), so the current rating must change.
 */
async function pendingUpdateThatRates(): Promise<Candidate> {
  const today = ukToday();
  for (const contract of portfolio.byContract.filter((c) => c.reviewsWaiting > 0)) {
    const dashboard = await tab.api<ContractDashboard>(MANAGER, `/api/dashboard/contracts/${encodeURIComponent(contract.contractId)}`);
    for (const { kpi, periods, currentRating } of dashboard.kpis) {
      if (kpi.kind !== "kpi" || currentRating !== "other") continue;
      const current = periods.findLast((p) => p.value !== undefined || p.due < today);
      if (!current || current.value !== undefined || current.due === today) continue;
      const updates = (await tab.api<{ items: KpiUpdate[] }>(MANAGER, `/api/contracts/${encodeURIComponent(contract.contractId)}/kpis/${encodeURIComponent(kpi.id)}/updates`)).items;
      const update = updates.find((u) => u.period === current.period && u.status === "pending" && u.submittedAs === "supplier");
      if (update) return { contract, kpiId: kpi.id, update };
    }
  }
  throw new Error(`The demo data has no supplier's update waiting for ${MANAGER.userId}'s review that would rate its KPI.`);
}

describe("reviewing a supplier's update", () => {
  it("approves the update from the contract page, and the KPI's current rating changes to the one the service now gives", async () => {
    const { contract, kpiId, update } = await pendingUpdateThatRates();
    const { host, frame } = await openContract(contract);
    const rating = frame.getByTestId(`kpi-${kpiId}`).getByTestId("kpi-rating");
    expect(await rating.getAttribute("data-rating")).toBe("other");

    const row = frame.getByTestId(`update-${update.id}`);
    expect(await row.getAttribute("data-status")).toBe("pending");
    await row.getByRole("button", { name: "Approve" }).click();
    await row.getByText(/^You approved the update for .+: it now counts\.$/).waitFor(WAIT);

    // What the service stores: the update approved by the manager, and the KPI rated on its value.
    const stored = (await tab.api<{ items: KpiUpdate[] }>(MANAGER, `/api/contracts/${encodeURIComponent(contract.contractId)}/kpis/${encodeURIComponent(kpiId)}/updates`)).items.find((u) => u.id === update.id);
    expect(stored).toMatchObject({ status: "accepted", counts: true, review: { decision: "approve", reviewedBy: MANAGER.userId } });
    const after = await tab.api<ContractDashboard>(MANAGER, `/api/dashboard/contracts/${encodeURIComponent(contract.contractId)}`);
    const now = after.kpis.find((k) => k.kpi.id === kpiId)?.currentRating;
    expect(["good", "approachingTarget", "requiresImprovement", "inadequate"]).toContain(now);

    // The page shows it without being reloaded.
    await expect.poll(() => rating.getAttribute("data-rating"), WAIT).toBe(now);
    await expect.poll(() => frame.getByTestId(`update-${update.id}`).getAttribute("data-status"), WAIT).toBe("accepted");
    expect(await frame.getByTestId(`update-${update.id}`).getByRole("button", { name: "Approve" }).count()).toBe(0);
    await host.page.close();
  });
});

describe("the annual assessment", () => {
  it("starts the assessment that is due, confirms it, and downloads its UK9 notice, valid against the OCDS schema", async () => {
    const contract = portfolio.byContract.find((c) => c.assessment?.isDue && c.status === "active");
    if (!contract) throw new Error(`None of ${MANAGER.userId}'s active contracts has an assessment due in the demo data.`);
    const assessments = `/api/contracts/${encodeURIComponent(contract.contractId)}/assessments`;
    const before = (await tab.api<{ items: AssessmentView[] }>(MANAGER, assessments)).items.map((a) => a.id);
    const { host, frame } = await openContract(contract);

    // Start: the form offers the 12 months up to the due date.
    const start = frame.getByRole("form", { name: "Start an assessment" });
    await start.getByRole("button", { name: "Start the annual assessment" }).click();
    const list = async () => (await tab.api<{ items: AssessmentView[] }>(MANAGER, assessments)).items;
    let started: AssessmentView | undefined;
    await expect.poll(async () => (started = (await list()).find((a) => !before.includes(a.id))), WAIT).toBeDefined();
    const draft = started as AssessmentView;
    expect(draft).toMatchObject({ status: "draft", kind: "annual", createdBy: MANAGER.userId });
    const card = frame.getByTestId(`assessment-${draft.id}`);
    await card.waitFor(WAIT);
    expect(await card.getAttribute("data-status")).toBe("draft");
    for (const k of draft.kpis) expect(await card.getByTestId(`assessed-${k.kpiId}`).getAttribute("data-suggested"), k.title).toBe(k.suggested);

    // Confirm with every suggestion as it stands.
    await card.getByRole("button", { name: "Confirm the assessment" }).click();
    await expect.poll(() => card.getAttribute("data-status"), WAIT).toBe("confirmed");
    const confirmed = (await list()).find((a) => a.id === draft.id);
    expect(confirmed).toMatchObject({ status: "confirmed", confirmedBy: MANAGER.userId });
    for (const k of confirmed?.kpis ?? []) expect(k.rating, k.title).toBe(k.suggested);

    // The UK9 notice, downloaded through the page as a person would save it.
    const downloading = host.page.waitForEvent("download", WAIT);
    await card.getByRole("button", { name: "Download the UK9 notice" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`UK9-${contract.reference}-${draft.to}.json`);
    const release = JSON.parse(readFileSync(await download.path(), "utf8")) as { ocid: string; tag: string[]; contracts: { id: string; implementation: { metrics: { id: string }[]; documents: { documentType: string; noticeType: string }[] } }[] };
    expect(releaseErrors(release)).toEqual([]);
    expect(release.contracts[0]?.implementation.documents.map((d) => [d.documentType, d.noticeType])).toEqual([["implementationNotice", "UK9"]]);
    expect(release.contracts[0]?.implementation.metrics.map((m) => m.id).sort()).toEqual((confirmed?.kpis ?? []).map((k) => k.kpiId).sort());
    // The same notice the service answers for the assessment.
    const served = await tab.api<{ ocid: string; id: string }>(MANAGER, `/api/contracts/${encodeURIComponent(contract.contractId)}/performance-notice?assessmentId=${encodeURIComponent(draft.id)}`);
    expect(release.ocid).toBe(served.ocid);
    await frame.getByText(`Save ${download.suggestedFilename()} again`).waitFor(WAIT);
    await host.page.close();
  });
});

describe("the network", () => {
  it("sent nothing off the machine, and the pages threw no error", () => {
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@toms/api";
import { ukDate, type ContractRecord, type KpiRecord, type PortfolioDashboard } from "@toms/domain";
import { naivePortfolio, portfolioFigures } from "../support/delivery-data.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe("demo portfolio", () => {
  it("loads a realistic portfolio once, and a second run adds nothing", async () => {
    const first = await seedDemo(service.storage);
    expect(first.suppliers).toBeGreaterThanOrEqual(20);
    expect(first.contracts).toBeGreaterThanOrEqual(40);
    expect(first.deliveries).toBe(first.contracts);
    expect(await seedDemo(service.storage)).toEqual({ suppliers: 0, contracts: 0, deliveries: 0 });

    const admin = await service.token("rob.amor", "admin");
    const contracts = (await (await service.call("/api/contracts?limit=500", { token: admin })).json()) as { items: { category: string; managerName: string; supplierId: string; serviceArea: string | null }[] };
    expect(contracts.items).toHaveLength(first.contracts);
    expect(new Set(contracts.items.map((c) => c.category))).toEqual(new Set(["goods", "services", "works"]));
    expect(new Set(contracts.items.map((c) => c.managerName)).size).toBeGreaterThanOrEqual(5);
    // Every contract is in one of the council's directorates, so social value compares between them.
    expect(new Set(contracts.items.map((c) => c.serviceArea))).toEqual(
      new Set(["Adult Services", "Children's Services", "Property Services and Development", "Streetscene and Regulatory Services", "Transportation and Highways", "ICT and Digital"]),
    );
    const suppliers = (await (await service.call("/api/suppliers?limit=500", { token: admin })).json()) as { items: { postcode: string; sizeBand: string; local: boolean }[] };
    expect(suppliers.items.filter((s) => s.postcode.startsWith("CV")).length).toBeGreaterThanOrEqual(20);
    expect(new Set(suppliers.items.map((s) => s.sizeBand))).toEqual(new Set(["micro", "small", "medium", "large"]));
    // Every contract's supplier is in the register.
    const ids = new Set((await (await service.call("/api/suppliers?limit=500", { token: admin })).json() as { items: { id: string }[] }).items.map((s) => s.id));
    expect(contracts.items.every((c) => ids.has(c.supplierId))).toBe(true);
  });
});

describe("the demo portfolio's delivery", () => {
  it("has KPIs on every contract, varied ratings, updates overdue, assessments due and social value partly delivered, the same after a second load", async () => {
    const admin = await service.token("rob.amor", "admin");
    const portfolio = async () => (await (await service.call("/api/dashboard/portfolio", { token: admin })).json()) as PortfolioDashboard;
    const shown = await portfolio();
    expect(shown.contracts).toBeGreaterThanOrEqual(40);
    expect(Object.values(shown.ratings).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    expect(shown.overdueUpdates).toBeGreaterThan(0);
    expect(shown.assessmentsDue).toBeGreaterThan(0);
    expect(shown.socialValue.delivered).toBeGreaterThan(0);
    expect(shown.socialValue.committed).toBeGreaterThan(shown.socialValue.delivered);
    expect(shown.byServiceArea.length).toBeGreaterThanOrEqual(4);

    // Every contract has KPIs; those over £5m at least 3, or the reason they are exempt.
    const contracts = ((await (await service.call("/api/contracts?limit=500", { token: admin })).json()) as { items: (ContractRecord & { kpiExemptionReason?: string })[] }).items;
    const kpis = new Map<string, KpiRecord[]>();
    for (const contract of contracts) {
      const listed = (await (await service.call(`/api/contracts/${contract.id}/kpis`, { token: admin })).json()) as { items: (KpiRecord & { periods: unknown; currentRating: unknown; etag: unknown })[] };
      kpis.set(contract.id, listed.items.map(({ periods: _p, currentRating: _r, etag: _e, ...kpi }) => kpi));
      const own = listed.items.filter((k) => k.kind === "kpi").length;
      expect(own, contract.title).toBeGreaterThan(0);
      if (contract.value > 5_000_000 && !contract.kpiExemptionReason) expect(own, contract.title).toBeGreaterThanOrEqual(3);
    }
    expect(contracts.filter((c) => c.value > 5_000_000 && c.kpiExemptionReason)).toHaveLength(1);
    expect([...kpis.values()].filter((items) => items.some((k) => k.kind === "social-value")).length).toBeGreaterThanOrEqual(6);

    // The figures kept on every write are those of every update row counted again.
    const naive = await naivePortfolio(service.storage.store, contracts, (id) => kpis.get(id) ?? [], ukDate(new Date()), 14);
    expect(portfolioFigures(shown)).toEqual(portfolioFigures(naive));

    // Some rejected and then corrected, some rejected and owed again, some waiting for review.
    const owed = ((await (await service.call("/api/dashboard/overdue", { token: admin })).json()) as { items: { what: string }[] }).items;
    expect(new Set(owed.map((o) => o.what))).toEqual(new Set(["update", "correction", "review"]));
    let corrected = 0;
    for (const [contractId, items] of [...kpis].slice(0, 15)) {
      for (const kpi of items.filter((k) => k.reporter === "supplier")) {
        const updates = ((await (await service.call(`/api/contracts/${contractId}/kpis/${kpi.id}/updates`, { token: admin })).json()) as { items: { revision: number; status: string; counts: boolean }[] }).items;
        corrected += updates.filter((u) => u.revision === 2 && u.counts).length;
      }
    }
    expect(corrected).toBeGreaterThan(0);

    await seedDemo(service.storage);
    expect(await portfolio()).toEqual(shown);
  });
});

describe("the service on empty storage", () => {
  it("loads the demo portfolio by itself unless told not to", async () => {
    const seeded = await startTestService({ TOMS_SEED: "demo" });
    try {
      const admin = await seeded.token("rob.amor", "admin");
      const contracts = (await (await seeded.call("/api/contracts?limit=500", { token: admin })).json()) as { items: unknown[] };
      expect(contracts.items.length).toBeGreaterThanOrEqual(40);
    } finally {
      await seeded.close();
    }
    const empty = await startTestService();
    try {
      expect(((await (await empty.call("/api/suppliers", { token: await empty.token("rob.amor", "admin") })).json()) as { items: unknown[] }).items).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe("the demo portfolio's delivery from its seed", () => {
  it("is the same whichever day it is loaded on between two due days, so screenshots are stable", async () => {
    const [early, late] = [await startTestService(), await startTestService()];
    try {
      // Both after 15 November (October's updates due 14 days after its end) and before 15 December.
      await seedDemo(early.storage, new Date("2026-11-16T09:00:00Z"));
      await seedDemo(late.storage, new Date("2026-12-10T16:30:00Z"));
      const digests = async (s: TestService) => (await s.storage.delivery.digests()).map(({ version: _version, ...d }) => d).sort((a, b) => a.contractId.localeCompare(b.contractId));
      const [a, b] = [await digests(early), await digests(late)];
      expect(a.length).toBeGreaterThanOrEqual(40);
      expect(b).toEqual(a);
    } finally {
      await Promise.all([early.close(), late.close()]);
    }
  });
});

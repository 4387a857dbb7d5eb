import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@toms/api";
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
    expect(await seedDemo(service.storage)).toEqual({ suppliers: 0, contracts: 0 });

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

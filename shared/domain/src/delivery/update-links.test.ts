import { describe, expect, it } from "vitest";
import type { SupplierContact } from "../register/supplier.js";
import { deliveryDigest, summarise } from "./summary.js";
import { contract, kpi, review, update } from "./test-support.js";
import { linkItemViews, supplierOwedItems, updateLinkProblem, updateLinkState, type UpdateLinkRecord } from "./update-links.js";

const link: UpdateLinkRecord = {
  id: "l-1",
  tokenHash: "a".repeat(64),
  contractId: "c-1",
  supplierId: "s-1",
  contactId: "p-1",
  address: "ana@supplier.example",
  items: [{ kpiId: "k-1", period: "2026-04" }],
  issuedAt: "2026-06-01T09:00:00.000Z",
  expiresAt: "2026-07-01T09:00:00.000Z",
};
const contact: SupplierContact = { id: "p-1", supplierId: "s-1", email: "ana@supplier.example", name: "Ana", createdAt: "2026-01-01T00:00:00.000Z" };
const at = (iso: string) => new Date(iso);

describe("updateLinkProblem", () => {
  it("works until it expires, for the contact at the address it was sent to", () => {
    expect(updateLinkProblem(link, contact, at("2026-06-30T09:00:00Z"))).toBeUndefined();
    expect(updateLinkProblem(link, { ...contact, email: "ANA@supplier.example" }, at("2026-06-30T09:00:00Z"))).toBeUndefined();
    expect(updateLinkProblem(link, contact, at("2026-07-01T09:00:00Z"))).toBe("expired");
    expect(updateLinkProblem(undefined, contact, at("2026-06-02T09:00:00Z"))).toBe("unknown");
    expect(updateLinkProblem({ ...link, revokedAt: "2026-06-02T09:00:00Z" }, contact, at("2026-06-03T09:00:00Z"))).toBe("revoked");
    expect(updateLinkProblem(link, undefined, at("2026-06-03T09:00:00Z"))).toBe("contact-removed");
    expect(updateLinkProblem(link, { ...contact, supplierId: "s-2" }, at("2026-06-03T09:00:00Z"))).toBe("contact-removed");
    expect(updateLinkProblem(link, { ...contact, email: "someone@else.example" }, at("2026-06-03T09:00:00Z"))).toBe("address-changed");
  });
});

describe("supplierOwedItems", () => {
  it("covers the supplier's late, due and rejected periods, not the manager's KPIs nor what waits for review", () => {
    const supplierKpi = kpi();
    const managerKpi = kpi({ id: "k-2", reporter: "manager" });
    const updates = [update({ period: "2026-04" }), update({ period: "2026-05" })];
    const records = { contractId: "c-1", kpis: [supplierKpi, managerKpi], updates, reviews: [review(updates[1]?.id ?? "", "reject", "2026-06-10T10:00:00.000Z")], assessments: [], publications: [] };
    const digest = deliveryDigest(summarise(records, 1, "2026-07-10T00:00:00.000Z"));
    // 10 July: April waits for review, May was rejected, June ended and is due on 14 July.
    expect(supplierOwedItems(contract(), digest, "2026-07-10", 14)).toEqual([
      { kpiId: "k-1", period: "2026-05" },
      { kpiId: "k-1", period: "2026-06" },
    ]);
  });
});

describe("linkItemViews and updateLinkState", () => {
  it("says how each item stands, and a link with nothing left to answer is answered", () => {
    const sent = update({ period: "2026-04", value: 91 });
    const records = { kpis: [kpi()], updates: [sent], reviews: [] };
    const items = linkItemViews([...link.items, { kpiId: "k-1", period: "2026-05" }, { kpiId: "gone", period: "2026-05" }], records, "2026-06-10", 14);
    expect(items.map((i) => [i.period, i.state, i.sent?.value, i.due])).toEqual([
      ["2026-04", "awaiting-review", 91, "2026-05-14"],
      ["2026-05", "owed", undefined, "2026-06-14"],
    ]);
    expect(items[1]?.lastValue).toEqual({ value: 91, period: "2026-04" });
    expect(updateLinkState(link, items.map((i) => i.state), at("2026-06-10T09:00:00Z"))).toBe("active");
    expect(updateLinkState(link, ["awaiting-review", "accepted"], at("2026-06-10T09:00:00Z"))).toBe("answered");
    expect(updateLinkState(link, ["owed"], at("2026-07-02T09:00:00Z"))).toBe("expired");
    expect(updateLinkState({ ...link, revokedAt: "2026-06-02T09:00:00Z" }, ["owed"], at("2026-06-10T09:00:00Z"))).toBe("revoked");
  });

  it("asks for a correction with the manager's reason", () => {
    const sent = update({ period: "2026-04" });
    const [item] = linkItemViews(link.items, { kpis: [kpi()], updates: [sent], reviews: [review(sent.id, "reject")] }, "2026-05-06", 14);
    expect([item?.state, item?.reason]).toEqual(["correction", "No evidence"]);
  });
});

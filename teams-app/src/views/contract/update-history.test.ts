import { describe, expect, it } from "vitest";
import type { KpiUpdate } from "@toms/domain";
import { pendingCount, reviewWords, safeLink, sentWords, updateStatusWords, updatesByPeriod } from "./update-history.js";

function update(id: string, period: string, revision: number, status: KpiUpdate["status"], extra: Partial<KpiUpdate> = {}): KpiUpdate {
  return {
    id,
    contractId: "c",
    kpiId: "k",
    period,
    revision,
    value: 1,
    submittedAs: "supplier",
    submittedBy: "leanne@example.org",
    submittedByName: "Leanne Ford",
    submittedAt: "2026-04-04T09:47:00.000Z",
    idempotencyKey: id,
    status,
    counts: false,
    ...extra,
  };
}

describe("a KPI's update history", () => {
  it("groups revisions by period, the newest period first and revisions in the order sent", () => {
    const groups = updatesByPeriod([update("a", "2026-02", 1, "accepted"), update("c", "2026-03", 2, "pending"), update("b", "2026-03", 1, "rejected"), update("d", "2025-12", 1, "accepted")]);
    expect(groups.map((g) => [g.period, g.label, g.revisions.map((r) => r.id)])).toEqual([
      ["2026-03", "March 2026", ["b", "c"]],
      ["2026-02", "February 2026", ["a"]],
      ["2025-12", "December 2025", ["d"]],
    ]);
  });

  it("orders quarters by when they begin, not as text", () => {
    expect(updatesByPeriod([update("a", "2025-Q4", 1, "accepted"), update("b", "2026-Q1", 1, "accepted")]).map((g) => g.period)).toEqual(["2026-Q1", "2025-Q4"]);
  });

  it("counts the updates waiting for review", () => {
    expect(pendingCount([update("a", "2026-02", 1, "pending"), update("b", "2026-03", 1, "accepted"), update("c", "2026-04", 1, "pending")])).toBe(2);
  });

  it("says where an update stands and whether it counts", () => {
    expect(updateStatusWords(update("a", "2026-03", 1, "pending"))).toBe("Waiting for review");
    expect(updateStatusWords(update("a", "2026-03", 1, "rejected"))).toBe("Rejected");
    expect(updateStatusWords(update("a", "2026-03", 1, "accepted", { counts: true }))).toBe("Approved: this is the value that counts");
    expect(updateStatusWords(update("a", "2026-03", 1, "accepted", { submittedAs: "council", counts: true }))).toBe("Accepted as sent by the council: this is the value that counts");
    expect(updateStatusWords(update("a", "2026-03", 1, "accepted"))).toBe("Approved, since corrected");
  });

  it("names who sent and who reviewed, in UK time", () => {
    expect(sentWords(update("a", "2026-03", 1, "pending"))).toBe("Leanne Ford (supplier), 4 Apr 2026, 10:47");
    expect(sentWords(update("a", "2026-03", 1, "pending", { submittedByName: undefined, submittedAs: "council", submittedBy: "tom.brennan" }))).toBe("tom.brennan (council), 4 Apr 2026, 10:47");
    expect(reviewWords(update("a", "2026-03", 1, "pending"))).toBeUndefined();
    expect(reviewWords(update("a", "2026-03", 1, "rejected", { review: { updateId: "a", decision: "reject", reason: "Wrong month", reviewedBy: "tom.brennan", reviewedAt: "2026-01-08T10:33:00.000Z" } }))).toBe("Rejected by tom.brennan, 8 Jan 2026, 10:33");
  });

  it("links only to web addresses", () => {
    expect(safeLink("https://supplier.example/reports/2026-03")).toBe("https://supplier.example/reports/2026-03");
    expect(safeLink("http://supplier.example/r")).toBe("http://supplier.example/r");
    expect(safeLink("javascript:alert(1)")).toBeUndefined();
    expect(safeLink("data:text/html,<script>alert(1)</script>")).toBeUndefined();
    expect(safeLink("see the shared drive")).toBeUndefined();
    expect(safeLink(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { PeriodEntry } from "./model.js";
import { kpi, review, update } from "./test-support.js";
import { requestDigest, reviewRefusal, updateRefusal, updateViews } from "./updates.js";

const pending: PeriodEntry = {
  latest: { updateId: "u-2", revision: 2, status: "pending", value: 90, submittedAs: "supplier", submittedAt: "2026-04-02T23:30:00.000Z", submittedBy: "supplier-1" },
  accepted: { updateId: "u-1", revision: 1, value: 80, submittedAt: "2026-04-01T10:00:00.000Z" },
};
const rejected: PeriodEntry = { latest: { ...pending.latest, status: "rejected" } };

describe("who may send an update, and when", () => {
  it("refuses a supplier a KPI the contract manager reports", () => {
    expect(updateRefusal(kpi({ reporter: "manager" }), undefined, "supplier", "2026-03")).toEqual({ kind: "forbidden", message: "This KPI is reported by the contract manager, not the supplier." });
  });

  it("refuses a supplier while the period's latest update waits for review, naming it (sent on the UK day)", () => {
    expect(updateRefusal(kpi(), pending, "supplier", "2026-03")).toEqual({
      kind: "conflict",
      message: "Your update for 2026-03 (revision 2, sent 2026-04-03) is waiting for the contract manager's review. You can send a correction once it is reviewed.",
    });
  });

  it("lets a supplier send a first update, or a correction after a rejection or an approval", () => {
    expect(updateRefusal(kpi(), undefined, "supplier", "2026-03")).toBeUndefined();
    expect(updateRefusal(kpi(), rejected, "supplier", "2026-03")).toBeUndefined();
    expect(updateRefusal(kpi(), { ...pending, latest: { ...pending.latest, status: "accepted" } }, "supplier", "2026-03")).toBeUndefined();
  });

  it("always lets the council's staff send, whoever reports the KPI", () => {
    expect(updateRefusal(kpi(), pending, "council", "2026-03")).toBeUndefined();
    expect(updateRefusal(kpi({ reporter: "manager" }), undefined, "council", "2026-03")).toBeUndefined();
  });
});

describe("updates as readers see them", () => {
  it("orders by period then revision, and counts only the latest accepted revision of each period", () => {
    const updates = [
      update({ period: "2026-05", revision: 1 }),
      update({ period: "2026-04", revision: 3, submittedAs: "council" }),
      update({ period: "2026-04", revision: 1 }),
      update({ period: "2026-04", revision: 2 }),
      update({ period: "2026-06", revision: 1 }),
      update({ period: "2026-06", revision: 2 }),
    ];
    const reviews = [review("u-k-1-2026-04-1", "approve"), review("u-k-1-2026-04-2", "reject"), review("u-k-1-2026-06-1", "approve")];
    const views = updateViews(updates, reviews);
    expect(views.map((v) => [v.period, v.revision, v.status, v.counts])).toEqual([
      ["2026-04", 1, "accepted", false],
      ["2026-04", 2, "rejected", false],
      ["2026-04", 3, "accepted", true],
      ["2026-05", 1, "pending", false],
      ["2026-06", 1, "accepted", true],
      ["2026-06", 2, "pending", false],
    ]);
    expect(views[1]?.review).toMatchObject({ decision: "reject", reason: "No evidence" });
    expect(views[0]).not.toHaveProperty("requestDigest");
    expect(views[3]).not.toHaveProperty("review");
  });

  it("a council update stays accepted without a review", () => {
    expect(updateViews([update({ submittedAs: "council" })], [])[0]).toMatchObject({ status: "accepted", counts: true });
  });
});

describe("reviews", () => {
  const views = updateViews([update({ revision: 1 }), update({ revision: 2, submittedAs: "council" }), update({ period: "2026-05" })], [review("u-k-1-2026-04-1", "approve", "2026-05-05T23:10:00.000Z")]);

  it("refuses a second review, saying who decided, by name where kept, and when (UK time)", () => {
    // 23:10 UTC on 5 May is 00:10 on 6 May in UK summer time.
    expect(reviewRefusal(views[0]!, views[0]!.revision)).toBe("This update was already approved by m-1 on 2026-05-06 00:10 (UK time).");
    const rejectedView = updateViews([update()], [{ ...review("u-k-1-2026-04-1", "reject", "2026-12-05T14:30:00.000Z"), reviewedByName: "Mary King" }])[0]!;
    expect(reviewRefusal(rejectedView, rejectedView.revision)).toBe("This update was already rejected by Mary King on 2026-12-05 14:30 (UK time).");
  });

  it("refuses to review what the council sent", () => {
    expect(reviewRefusal(views[1]!, views[1]!.revision)).toBe("This update was sent by the council's staff and counts as sent: it needs no review.");
  });

  it("refuses a pending update once a later revision was sent, and allows the latest", () => {
    const stale = updateViews([update({ revision: 1 })], [])[0]!;
    expect(reviewRefusal(stale, 3)).toBe("A later revision (3) has been sent since; review that one.");
    expect(reviewRefusal(stale, 1)).toBeUndefined();
    expect(reviewRefusal(views[2]!, views[2]!.revision)).toBeUndefined();
  });
});

describe("the request an idempotency key is compared with", () => {
  it("is the same for the same request and differs when anything in it does", () => {
    const input = { period: "2026-04", value: 96, note: "On time" };
    expect(requestDigest("k-1", input)).toBe(requestDigest("k-1", { note: "On time", value: 96, period: "2026-04" }));
    const others = [requestDigest("k-2", input), requestDigest("k-1", { ...input, value: 97 }), requestDigest("k-1", { ...input, note: "Late" }), requestDigest("k-1", { period: "2026-04", value: 96 }), requestDigest("k-1", { ...input, evidenceUrl: "https://example.org/e" })];
    expect(new Set([requestDigest("k-1", input), ...others]).size).toBe(6);
  });
});

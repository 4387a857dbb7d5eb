import { describe, expect, it } from "vitest";
import type { OwedUpdate } from "./model.js";
import { latestReminders, owedItemKey, reminderInputSchema, reminderKey, reminderTarget, type ReminderRecord } from "./reminders.js";
import { contract } from "./test-support.js";

const term = contract();
const kpis = [
  { id: "k-1", title: "Collections on time", frequency: "monthly" as const },
  { id: "k-2", title: "Complaints answered", frequency: "quarterly" as const },
];
const owed: OwedUpdate[] = [
  { contractId: "c-1", kpiId: "k-1", kpiTitle: "Collections on time", period: "2026-05", since: "2026-06-14", owedBy: "supplier", what: "update" },
  { contractId: "c-1", kpiId: "k-1", kpiTitle: "Collections on time", period: "2026-06", since: "2026-06-21", owedBy: "manager", what: "review" },
];

function reminder(overrides: Partial<ReminderRecord> = {}): ReminderRecord {
  return { id: "r-1", contractId: "c-1", kpiId: "k-1", period: "2026-05", what: "update", owedBy: "supplier", requestedBy: "m-1", requestedAt: "2026-07-01T09:00:00.000Z", day: "2026-07-01", ...overrides };
}

describe("what a reminder is for", () => {
  it("is an item the contract owes today", () => {
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-1", period: "2026-05", what: "update" })).toEqual({ ok: true, owed: owed[0] });
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-1", period: "2026-06", what: "review" })).toEqual({ ok: true, owed: owed[1] });
  });

  it("refuses a KPI that is not the contract's, naming kpiId", () => {
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-9", period: "2026-05", what: "update" })).toEqual({ ok: false, kind: "unprocessable", error: { field: "kpiId", message: "is not a KPI of contract CCC-101: choose one from its list of KPIs" } });
  });

  it("refuses a period that is not one of the KPI's, naming period", () => {
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-2", period: "2026-05", what: "update" })).toEqual({ ok: false, kind: "unprocessable", error: { field: "period", message: "must be a quarter written as YYYY-Qn, e.g. 2026-Q1" } });
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-1", period: "2025-05", what: "update" })).toMatchObject({ ok: false, kind: "unprocessable", error: { field: "period", message: "2025-05 is outside the contract (2026-04-01 to 2028-03-31)" } });
  });

  it("refuses an item nobody owes now, naming period", () => {
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-1", period: "2026-04", what: "update" })).toEqual({
      ok: false,
      kind: "conflict",
      error: { field: "period", message: 'April 2026 of "Collections on time" is owed by nobody just now: its update is in, or it is not due yet, so there is nobody to remind' },
    });
  });

  it("refuses the wrong thing owed, naming what and saying what is owed and by whom", () => {
    expect(reminderTarget(term, kpis, owed, { kpiId: "k-1", period: "2026-06", what: "update" })).toEqual({
      ok: false,
      kind: "conflict",
      error: { field: "what", message: 'must be review: for June 2026 of "Collections on time", the contract manager owes a review, not an update' },
    });
  });

  it("is asked for with a KPI, a period and what is owed, nothing else", () => {
    expect(reminderInputSchema.safeParse({ kpiId: " k-1 ", period: "2026-05", what: "correction" })).toMatchObject({ success: true, data: { kpiId: "k-1" } });
    expect(reminderInputSchema.safeParse({ kpiId: "k-1", period: "2026-05", what: "payment" }).success).toBe(false);
    expect(reminderInputSchema.safeParse({ kpiId: "k-1", period: "2026-05", what: "update", to: "someone" }).success).toBe(false);
    expect(reminderInputSchema.safeParse({ period: "2026-05", what: "update" }).success).toBe(false);
  });
});

describe("once a day per item", () => {
  it("keys a reminder by its item and UK day, so two asked for the same day are one", () => {
    expect(reminderKey(reminder())).toBe("k-1|2026-05|update|2026-07-01");
    expect(reminderKey(reminder({ requestedBy: "admin", requestedAt: "2026-07-01T22:30:00.000Z" }))).toBe(reminderKey(reminder()));
    expect(reminderKey(reminder({ day: "2026-07-02" }))).not.toBe(reminderKey(reminder()));
    expect(reminderKey(reminder({ what: "correction" }))).not.toBe(reminderKey(reminder()));
  });

  it("shows each item's latest reminder, whatever day", () => {
    const latest = latestReminders([
      reminder({ id: "r-2", day: "2026-07-03", requestedAt: "2026-07-03T08:00:00.000Z", requestedBy: "admin" }),
      reminder(),
      reminder({ id: "r-3", period: "2026-06", what: "review" }),
      reminder({ id: "r-4", contractId: "c-2" }),
    ]);
    expect(latest.get(owedItemKey({ contractId: "c-1", kpiId: "k-1", period: "2026-05", what: "update" }))?.id).toBe("r-2");
    expect(latest.get(owedItemKey(owed[1] as OwedUpdate))?.id).toBe("r-3");
    expect(latest.get(owedItemKey({ contractId: "c-2", kpiId: "k-1", period: "2026-05", what: "update" }))?.id).toBe("r-4");
    expect(latest.size).toBe(3);
  });
});

import { describe, expect, it } from "vitest";
import { actionOf, daysBetween, filterCounts, filterOwed, monthsBetween, owedFor, readFilters, reminderWords, whatWords, whoOwes, writeFilters } from "./overdue-model.js";

const item = (owedBy: "supplier" | "manager", what: "update" | "correction" | "review", extra: { supplierName?: string; managerId?: string; managerName?: string } = {}) => ({ owedBy, what, managerId: "tom.brennan", ...extra });

describe("how long an item has been owed", () => {
  it("counts whole days across month ends and the clocks changing", () => {
    expect(daysBetween("2026-11-20", "2026-12-02")).toBe(12);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-12-03", "2026-12-02")).toBe(-1);
  });

  it("counts whole calendar months", () => {
    expect(monthsBetween("2026-03-14", "2026-05-13")).toBe(1);
    expect(monthsBetween("2026-03-14", "2026-05-14")).toBe(2);
    expect(monthsBetween("2024-07-14", "2026-12-02")).toBe(28);
  });

  it("says days while they read at a glance, then months, then years", () => {
    expect(owedFor("2026-12-02", "2026-12-02")).toBe("today");
    expect(owedFor("2026-12-01", "2026-12-02")).toBe("1 day");
    expect(owedFor("2026-11-20", "2026-12-02")).toBe("12 days");
    expect(owedFor("2026-09-04", "2026-12-02")).toBe("89 days");
    expect(owedFor("2026-09-03", "2026-12-02")).toBe("2 months");
    expect(owedFor("2025-10-14", "2026-12-02")).toBe("13 months");
    expect(owedFor("2024-07-14", "2026-12-02")).toBe("2 years and 4 months");
    expect(owedFor("2023-12-02", "2026-12-02")).toBe("3 years");
    expect(owedFor("2025-01-03", "2026-12-02")).toBe("22 months");
  });
});

describe("who owes it and what", () => {
  it("names the supplier, or you, or the contract manager", () => {
    expect(whoOwes(item("manager", "review", { managerName: "Tom Brennan" }), { userId: "rob.amor" })).toBe("Tom Brennan");
    expect(whoOwes(item("supplier", "update", { supplierName: "Tile Hill Grounds Maintenance Ltd" }), { userId: "tom.brennan" })).toBe("Tile Hill Grounds Maintenance Ltd");
    expect(whoOwes(item("supplier", "update"), { userId: "tom.brennan" })).toBe("The supplier");
    expect(whoOwes(item("manager", "review"), { userId: "tom.brennan" })).toBe("You");
    // Only a manager the register has no name for is named by their sign-in id.
    expect(whoOwes(item("manager", "review"), { userId: "rob.amor" })).toBe("The contract manager (tom.brennan)");
  });

  it("says what is owed in words", () => {
    expect(whatWords({ what: "update" })).toBe("An update");
    expect(whatWords({ what: "correction" })).toBe("A corrected update (the last one was rejected)");
    expect(whatWords({ what: "review" })).toBe("A review of the supplier's update");
  });

  it("reminds a supplier, and sends the manager to the contract", () => {
    expect(actionOf(item("supplier", "correction"))).toEqual({ kind: "remind" });
    expect(actionOf(item("manager", "review"))).toEqual({ kind: "open", label: "Review it on the contract" });
    expect(actionOf(item("manager", "update"))).toEqual({ kind: "open", label: "Send it on the contract" });
  });
});

describe("the filters", () => {
  const items = [item("supplier", "update"), item("supplier", "correction"), item("manager", "review"), item("manager", "update")];

  it("keeps what is owed by whom and of what kind", () => {
    expect(filterOwed(items, { owedBy: "supplier", what: "all" })).toEqual([items[0], items[1]]);
    expect(filterOwed(items, { owedBy: "all", what: "update" })).toEqual([items[0], items[3]]);
    expect(filterOwed(items, { owedBy: "manager", what: "correction" })).toEqual([]);
    expect(filterOwed(items, { owedBy: "all", what: "all" })).toHaveLength(4);
  });

  it("counts what each choice would show, with the other filter applied", () => {
    const counts = filterCounts(items, { owedBy: "supplier", what: "update" });
    expect(counts.owedBy).toEqual({ all: 2, supplier: 1, manager: 1 });
    expect(counts.what).toEqual({ all: 2, update: 1, correction: 1, review: 0 });
  });

  it("keeps the filters in the address, showing everything for anything else", () => {
    expect(readFilters(new URLSearchParams("owedBy=manager&what=review"))).toEqual({ owedBy: "manager", what: "review" });
    expect(readFilters(new URLSearchParams("owedBy=bot&what=x"))).toEqual({ owedBy: "all", what: "all" });
    expect(writeFilters({ owedBy: "supplier", what: "all" }).toString()).toBe("owedBy=supplier");
    expect(writeFilters({ owedBy: "all", what: "all" }).toString()).toBe("");
  });
});

describe("what an item says of its reminder", () => {
  const reminded = { at: "2026-12-02T09:15:00.000Z", by: "tom.brennan", byName: "Tom Brennan" };

  it("says who recorded it and when, and that the bot will send it", () => {
    expect(reminderWords(reminded)).toBe("Reminder recorded 2 December 2026 by Tom Brennan. The bot will send it in Teams chat.");
    expect(reminderWords({ at: "2026-11-30T23:30:00.000Z", by: "rob.amor" })).toBe("Reminder recorded 30 November 2026 by rob.amor. The bot will send it in Teams chat.");
  });

  it("says when it was already recorded today", () => {
    expect(reminderWords(reminded, true)).toBe("Reminder already recorded today by Tom Brennan. The bot will send it in Teams chat.");
  });

  it("says nothing without one", () => {
    expect(reminderWords(null)).toBe("");
  });
});

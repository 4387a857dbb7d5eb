import { describe, expect, it } from "vitest";
import { countRatings, NO_SERVICE_AREA, type PortfolioContract } from "@toms/domain";
import {
  changeTable,
  clearFilters,
  DEFAULT_TABLE_STATE,
  hasFilters,
  managerOptions,
  matchingContracts,
  pageOf,
  readTableState,
  sortTableBy,
  tableSummary,
  writeTableState,
  type TableState,
} from "./portfolio-table.js";

function contract(reference: string, fields: Partial<PortfolioContract> = {}): PortfolioContract {
  return {
    contractId: `id-${reference}`,
    reference,
    title: `Contract ${reference}`,
    supplierId: "sup-1",
    supplierName: "Acme Services Ltd",
    serviceArea: "Highways",
    managerId: "tom.brennan",
    managerName: "Tom Brennan",
    status: "active",
    startDate: "2025-04-01",
    endDate: "2028-03-31",
    ratings: countRatings([]),
    rating: null,
    overdueUpdates: 0,
    reviewsWaiting: 0,
    assessment: null,
    socialValue: { committed: 0, delivered: 0 },
    ...fields,
  };
}

const state = (change: Partial<TableState> = {}): TableState => ({ ...DEFAULT_TABLE_STATE, ...change });
const references = (rows: readonly PortfolioContract[]) => rows.map((r) => r.reference);

const ROWS: PortfolioContract[] = [
  contract("CON-10", { title: "Street lighting maintenance", supplierName: "Brightways Ltd", rating: "good", overdueUpdates: 2, status: "active", socialValue: { committed: 5000, delivered: 1200.5 }, assessment: { due: "2026-09-30", isDue: false } }),
  contract("CON-2", { title: "Waste collection", supplierId: "sup-9", supplierName: null, serviceArea: "Environment", rating: "inadequate", overdueUpdates: 2, status: "ended", managerId: "amara.okafor", managerName: "Amara Okafor", assessment: { due: "2026-03-31", isDue: true } }),
  contract("CON-3", { title: "Pothole repairs", serviceArea: NO_SERVICE_AREA, rating: "other", overdueUpdates: 0, status: "not started", managerId: "x.unknown", managerName: null }),
  contract("CON-1", { title: "Road gritting", supplierName: "Acme Services Ltd", rating: "approachingTarget", overdueUpdates: 5, reviewsWaiting: 1, socialValue: { committed: 5000, delivered: 3000 } }),
  contract("CON-4", { title: "Highway drainage", supplierName: "Drain Co", rating: null, serviceArea: "Highways", status: "active" }),
];

describe("the contract table's filters and search", () => {
  it("lists every contract by reference, numbers in order (CON-2 before CON-10), when nothing is chosen", () => {
    expect(references(matchingContracts(ROWS, state()))).toEqual(["CON-1", "CON-2", "CON-3", "CON-4", "CON-10"]);
  });

  it("keeps the contracts of the chosen status, service area, rating and manager", () => {
    expect(references(matchingContracts(ROWS, state({ status: "active" })))).toEqual(["CON-1", "CON-4", "CON-10"]);
    expect(references(matchingContracts(ROWS, state({ serviceArea: "Highways" })))).toEqual(["CON-1", "CON-4", "CON-10"]);
    expect(references(matchingContracts(ROWS, state({ serviceArea: NO_SERVICE_AREA })))).toEqual(["CON-3"]);
    expect(references(matchingContracts(ROWS, state({ rating: "inadequate" })))).toEqual(["CON-2"]);
    expect(references(matchingContracts(ROWS, state({ rating: "none" })))).toEqual(["CON-4"]);
    expect(references(matchingContracts(ROWS, state({ manager: "amara.okafor" })))).toEqual(["CON-2"]);
    expect(references(matchingContracts(ROWS, state({ status: "active", rating: "good", serviceArea: "Highways" })))).toEqual(["CON-10"]);
  });

  it("searches reference, title and supplier, every word, in any case", () => {
    expect(references(matchingContracts(ROWS, state({ q: "  acme  " })))).toEqual(["CON-1", "CON-3"]);
    expect(references(matchingContracts(ROWS, state({ q: "ROAD gritting" })))).toEqual(["CON-1"]);
    expect(references(matchingContracts(ROWS, state({ q: "con-10" })))).toEqual(["CON-10"]);
    expect(references(matchingContracts(ROWS, state({ q: "bright lighting" })))).toEqual(["CON-10"]);
    expect(references(matchingContracts(ROWS, state({ q: "road drainage" })))).toEqual([]);
  });

  it("finds a supplier with no name by the id the table shows for it", () => {
    expect(references(matchingContracts(ROWS, state({ q: "sup-9" })))).toEqual(["CON-2"]);
  });

  it("says whether anything is filtered, and clears the filters but not the order", () => {
    expect(hasFilters(state())).toBe(false);
    expect(hasFilters(state({ q: "   " }))).toBe(false);
    expect(hasFilters(state({ manager: "tom.brennan" }))).toBe(true);
    const cleared = clearFilters(state({ q: "x", status: "ended", serviceArea: "Highways", rating: "good", manager: "m", sort: "overdue", direction: "descending", page: 3 }));
    expect(cleared).toEqual({ ...DEFAULT_TABLE_STATE, sort: "overdue", direction: "descending" });
  });
});

describe("sorting the contract table", () => {
  it("sorts counts most first on the first click, ties by reference A to Z", () => {
    const sorted = sortTableBy(state(), "overdue");
    expect(sorted).toMatchObject({ sort: "overdue", direction: "descending", page: 1 });
    // CON-10 and CON-2 both have 2 overdue: the tie goes by reference, CON-2 first.
    expect(references(matchingContracts(ROWS, sorted))).toEqual(["CON-1", "CON-2", "CON-10", "CON-3", "CON-4"]);
    const again = sortTableBy(sorted, "overdue");
    expect(again.direction).toBe("ascending");
    expect(references(matchingContracts(ROWS, again))).toEqual(["CON-3", "CON-4", "CON-2", "CON-10", "CON-1"]);
  });

  it("puts the worst rating first, then Other, then contracts not yet rated, either way round", () => {
    const worst = sortTableBy(state(), "rating");
    expect(references(matchingContracts(ROWS, worst))).toEqual(["CON-2", "CON-1", "CON-10", "CON-3", "CON-4"]);
    const best = sortTableBy(worst, "rating");
    expect(references(matchingContracts(ROWS, best))).toEqual(["CON-10", "CON-1", "CON-2", "CON-3", "CON-4"]);
  });

  it("puts missing names and the “Not recorded” service area last in both directions", () => {
    const bySupplier = sortTableBy(state(), "supplier");
    expect(references(matchingContracts(ROWS, bySupplier))).toEqual(["CON-1", "CON-3", "CON-10", "CON-4", "CON-2"]);
    expect(references(matchingContracts(ROWS, sortTableBy(bySupplier, "supplier")))).toEqual(["CON-4", "CON-10", "CON-1", "CON-3", "CON-2"]);
    const byArea = sortTableBy(state(), "serviceArea");
    expect(references(matchingContracts(ROWS, byArea))).toEqual(["CON-2", "CON-1", "CON-4", "CON-10", "CON-3"]);
    expect(references(matchingContracts(ROWS, sortTableBy(byArea, "serviceArea")))).toEqual(["CON-1", "CON-4", "CON-10", "CON-2", "CON-3"]);
    expect(references(matchingContracts(ROWS, sortTableBy(state(), "manager")))).toEqual(["CON-2", "CON-1", "CON-4", "CON-10", "CON-3"]);
  });

  it("sorts assessments soonest first with none last, status in its own order, and money most first", () => {
    expect(references(matchingContracts(ROWS, sortTableBy(state(), "assessment")))).toEqual(["CON-2", "CON-10", "CON-1", "CON-3", "CON-4"]);
    expect(references(matchingContracts(ROWS, sortTableBy(state(), "status")))).toEqual(["CON-3", "CON-1", "CON-4", "CON-10", "CON-2"]);
    expect(references(matchingContracts(ROWS, sortTableBy(state(), "delivered")))).toEqual(["CON-1", "CON-10", "CON-2", "CON-3", "CON-4"]);
    // Equal committed amounts (5,000) fall back to reference order.
    expect(references(matchingContracts(ROWS, sortTableBy(state(), "committed")))).toEqual(["CON-1", "CON-10", "CON-2", "CON-3", "CON-4"]);
  });

  it("does not reorder the list it is given", () => {
    const before = references(ROWS);
    matchingContracts(ROWS, sortTableBy(state(), "title"));
    expect(references(ROWS)).toEqual(before);
  });
});

describe("paging the contract table", () => {
  const many = Array.from({ length: 214 }, (_, i) => contract(`C-${String(i + 1).padStart(3, "0")}`));

  it("shows 50 at a time and says which", () => {
    const first = pageOf(many, 1);
    expect(first).toMatchObject({ page: 1, pages: 5, first: 1, last: 50, total: 214 });
    expect(first.rows[0]?.reference).toBe("C-001");
    expect(tableSummary(first)).toBe("Showing 1–50 of 214 contracts");
    const last = pageOf(many, 5);
    expect(last).toMatchObject({ page: 5, first: 201, last: 214 });
    expect(last.rows).toHaveLength(14);
    expect(tableSummary(last)).toBe("Showing 201–214 of 214 contracts");
  });

  it("shows the last page for a page beyond it, and page 1 for one before it", () => {
    expect(pageOf(many, 9)).toMatchObject({ page: 5, first: 201, last: 214 });
    expect(pageOf(many, 0)).toMatchObject({ page: 1, first: 1 });
    expect(pageOf(many.slice(0, 50), 2)).toMatchObject({ page: 1, pages: 1, first: 1, last: 50 });
    expect(pageOf(many.slice(0, 51), 2)).toMatchObject({ page: 2, pages: 2, first: 51, last: 51 });
  });

  it("has one empty page when nothing matches, and says so", () => {
    const none = pageOf([], 3);
    expect(none).toMatchObject({ rows: [], page: 1, pages: 1, first: 0, last: 0, total: 0 });
    expect(tableSummary(none)).toBe("No contracts match");
    expect(tableSummary(pageOf(many.slice(0, 1), 1))).toBe("Showing 1 of 1 contract");
    expect(tableSummary(pageOf(many.slice(0, 51), 2))).toBe("Showing 51 of 51 contracts");
  });

  it("writes thousands as people read them", () => {
    const lots = Array.from({ length: 1234 }, (_, i) => contract(`L-${i}`));
    expect(tableSummary(pageOf(lots, 25))).toBe("Showing 1,201–1,234 of 1,234 contracts");
  });

  it("goes back to page 1 when the filters or the order change", () => {
    expect(changeTable(state({ page: 4 }), { status: "ended" })).toMatchObject({ status: "ended", page: 1 });
    expect(sortTableBy(state({ page: 4 }), "title").page).toBe(1);
  });
});

describe("the table's state in the address", () => {
  it("round-trips every part of the state", () => {
    const full: TableState = { q: "road gritting", status: "not started", serviceArea: "Housing & Homes", rating: "requiresImprovement", manager: "priya.sandhu", sort: "overdue", direction: "descending", page: 3 };
    const params = writeTableState(full);
    expect(params.get("sort")).toBe("-overdue");
    expect(params.get("status")).toBe("not started");
    expect(readTableState(new URLSearchParams(params.toString()))).toEqual(full);
  });

  it("leaves defaults out, so the plain portfolio's address has no parameters", () => {
    expect(writeTableState(DEFAULT_TABLE_STATE).toString()).toBe("");
    expect(writeTableState(state({ q: "   " })).toString()).toBe("");
    expect(writeTableState(state({ sort: "reference", direction: "descending" })).toString()).toBe("sort=-reference");
    expect(readTableState(new URLSearchParams(""))).toEqual(DEFAULT_TABLE_STATE);
  });

  it("keeps parameters it does not own, and replaces its own", () => {
    const params = writeTableState(state({ status: "active" }), new URLSearchParams("tab=x&status=ended&page=7"));
    expect(params.get("tab")).toBe("x");
    expect(params.getAll("status")).toEqual(["active"]);
    expect(params.has("page")).toBe(false);
  });

  it("ignores values it does not know rather than guessing", () => {
    const read = readTableState(new URLSearchParams("status=paused&rating=excellent&sort=-colour&page=abc&serviceArea=%20%20&manager="));
    expect(read).toEqual(DEFAULT_TABLE_STATE);
    expect(readTableState(new URLSearchParams("page=2.5")).page).toBe(1);
    expect(readTableState(new URLSearchParams("page=-3")).page).toBe(1);
    expect(readTableState(new URLSearchParams("rating=none")).rating).toBe("none");
    expect(readTableState(new URLSearchParams("serviceArea=Not%20recorded")).serviceArea).toBe(NO_SERVICE_AREA);
  });

  it("keeps the search as typed, spaces and all, while someone is typing it", () => {
    expect(readTableState(writeTableState(state({ q: "road " }))).q).toBe("road ");
  });
});

describe("the manager filter's choices", () => {
  it("lists each manager once by name, with their id when no name is recorded", () => {
    const rows = [contract("A", { managerId: "b.id", managerName: null }), contract("B"), contract("C", { managerId: "b.id", managerName: "Zoe Brown" }), contract("D")];
    expect(managerOptions(rows)).toEqual([
      { value: "tom.brennan", label: "Tom Brennan" },
      { value: "b.id", label: "Zoe Brown" },
    ]);
    expect(managerOptions([contract("E", { managerId: "x.unknown", managerName: null })])).toEqual([{ value: "x.unknown", label: "x.unknown" }]);
  });
});

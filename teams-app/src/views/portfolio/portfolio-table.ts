// The portfolio's contract table: which contracts the filters and the search let through, in the
// order of the chosen column, a page at a time; and that state read from and written to the page's
// address, so that a link or a refresh shows the same contracts.
import { CONTRACT_STATUSES, NO_SERVICE_AREA, RATINGS, type ContractStatus, type PortfolioContract, type RatingId } from "@toms/domain";
import { formatNumber } from "../../common/format.js";

/** Contracts on one page of the table: few enough to draw at once at 500 contracts and more. */
export const PAGE_SIZE = 50;

/**
 * The table's columns, in order, and the way a first click sorts each: words A to Z, counts,
 * money and ratings most (or worst) first, dates soonest first.
 */
export const TABLE_COLUMNS = [
  { key: "reference", label: "Reference", first: "ascending" },
  { key: "title", label: "Title", first: "ascending" },
  { key: "supplier", label: "Supplier", first: "ascending" },
  { key: "serviceArea", label: "Service area", first: "ascending" },
  { key: "manager", label: "Manager", first: "ascending" },
  { key: "status", label: "Status", first: "ascending" },
  { key: "rating", label: "Rating (worst)", first: "descending" },
  { key: "overdue", label: "Overdue updates", first: "descending" },
  { key: "reviews", label: "Reviews waiting", first: "descending" },
  { key: "assessment", label: "Next assessment", first: "ascending" },
  { key: "committed", label: "Committed", first: "descending" },
  { key: "delivered", label: "Delivered", first: "descending" },
] as const satisfies readonly { key: string; label: string; first: SortDirection }[];

export type ColumnKey = (typeof TABLE_COLUMNS)[number]["key"];
export type SortDirection = "ascending" | "descending";

/** The rating filter's value for contracts none of whose KPIs has a rating yet. */
export const NOT_RATED = "none";
export type RatingFilter = RatingId | typeof NOT_RATED;

/** What the table shows: the search, the filters, the sort and the page. */
export interface TableState {
  /** Words searched for in each contract's reference, title and supplier, as typed. */
  q: string;
  status: ContractStatus | null;
  /** A service area's name ("Not recorded" for contracts without one); it also pins the tiles and charts. */
  serviceArea: string | null;
  rating: RatingFilter | null;
  /** The contract manager's id. */
  manager: string | null;
  sort: ColumnKey;
  direction: SortDirection;
  /** From 1. */
  page: number;
}

/** By reference, A to Z: the order the service lists contracts in. */
export const DEFAULT_TABLE_STATE: TableState = { q: "", status: null, serviceArea: null, rating: null, manager: null, sort: "reference", direction: "ascending", page: 1 };

/** The address's search parameters the table owns; any other parameter is left as it is. */
const PARAMS = ["q", "status", "serviceArea", "rating", "manager", "sort", "page"] as const;

const COLUMN_KEYS: readonly string[] = TABLE_COLUMNS.map((c) => c.key);
const STATUSES: readonly string[] = CONTRACT_STATUSES;
const RATING_FILTERS: readonly string[] = [...RATINGS.map((r) => r.id), NOT_RATED];

function isColumn(value: string): value is ColumnKey {
  return COLUMN_KEYS.includes(value);
}

/**
 * The table's state from the address's search parameters, e.g. `?status=active&sort=-overdue&page=2`
 * (a "-" before the column sorts it descending). A value the table does not know (a status no
 * contract has, a page of "abc") is ignored rather than guessed at.
 */
export function readTableState(params: URLSearchParams): TableState {
  const text = (name: string) => params.get(name)?.trim() || null;
  const status = text("status");
  const rating = text("rating");
  const sort = text("sort") ?? "";
  const descending = sort.startsWith("-");
  const column = descending ? sort.slice(1) : sort;
  const page = Number(params.get("page"));
  return {
    q: params.get("q") ?? "",
    status: status !== null && STATUSES.includes(status) ? (status as ContractStatus) : null,
    serviceArea: text("serviceArea"),
    rating: rating !== null && RATING_FILTERS.includes(rating) ? (rating as RatingFilter) : null,
    manager: text("manager"),
    ...(isColumn(column) ? { sort: column, direction: descending ? "descending" : "ascending" } : { sort: DEFAULT_TABLE_STATE.sort, direction: DEFAULT_TABLE_STATE.direction }),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/**
 * The search parameters of the state: `base`'s own parameters kept, the table's replaced, and
 * defaults (no search, page 1, by reference) left out so that the plain portfolio's address stays `#/`.
 */
export function writeTableState(state: TableState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of PARAMS) params.delete(name);
  if (state.q.trim()) params.set("q", state.q);
  if (state.status) params.set("status", state.status);
  if (state.serviceArea) params.set("serviceArea", state.serviceArea);
  if (state.rating) params.set("rating", state.rating);
  if (state.manager) params.set("manager", state.manager);
  if (state.sort !== DEFAULT_TABLE_STATE.sort || state.direction !== DEFAULT_TABLE_STATE.direction) params.set("sort", `${state.direction === "descending" ? "-" : ""}${state.sort}`);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** The state after a change: any change but of the page goes back to page 1, where its effect shows. */
export function changeTable(state: TableState, change: Partial<Omit<TableState, "page">>): TableState {
  return { ...state, ...change, page: 1 };
}

/** Sorts by a column: the same column again turns the order round; another starts with its first order. */
export function sortTableBy(state: TableState, column: ColumnKey): TableState {
  const direction: SortDirection = state.sort === column ? (state.direction === "ascending" ? "descending" : "ascending") : (TABLE_COLUMNS.find((c) => c.key === column)?.first ?? "ascending");
  return { ...state, sort: column, direction, page: 1 };
}

/** True when a search or filter hides some contracts. */
export function hasFilters(state: TableState): boolean {
  return Boolean(state.q.trim() || state.status || state.serviceArea || state.rating || state.manager);
}

/** Every contract again, in the same order. */
export function clearFilters(state: TableState): TableState {
  return { ...DEFAULT_TABLE_STATE, sort: state.sort, direction: state.direction };
}

/** The supplier as the table shows it: its name, or its id when the register has no name for it. */
export function supplierText(row: PortfolioContract): string {
  return row.supplierName ?? row.supplierId;
}

/** The contract manager as the table shows them: their name, or their sign-in id when no name is recorded. */
export function managerText(row: PortfolioContract): string {
  return row.managerName ?? row.managerId;
}

function words(text: string): string[] {
  return text.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
}

/** True when every word searched for is in the contract's reference, title or supplier. */
function matchesSearch(row: PortfolioContract, searched: readonly string[]): boolean {
  if (searched.length === 0) return true;
  const haystack = `${row.reference} ${row.title} ${supplierText(row)}`.toLocaleLowerCase("en-GB");
  return searched.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });
const STATUS_ORDER = new Map<string, number>(CONTRACT_STATUSES.map((s, i) => [s, i]));
/** Good to Inadequate, best first; Other (no value to rate) cannot be placed among them. */
const RATING_ORDER = new Map<string, number>(RATINGS.filter((r) => r.id !== "other").map((r, i) => [r.id, i]));

/**
 * A contract's place in a column: its value, or how it is missing. Missing values (a name not
 * recorded, no service area, no assessment, a rating of Other, then no rating at all) come after
 * every value whichever way the column is sorted, so the contracts that can be compared lead.
 */
type SortValue = { value: string | number } | { missing: number };

function sortValue(row: PortfolioContract, column: ColumnKey): SortValue {
  switch (column) {
    case "reference":
      return { value: row.reference };
    case "title":
      return { value: row.title };
    case "supplier":
      return row.supplierName === null ? { missing: 1 } : { value: row.supplierName };
    case "serviceArea":
      return row.serviceArea === NO_SERVICE_AREA ? { missing: 1 } : { value: row.serviceArea };
    case "manager":
      return row.managerName === null ? { missing: 1 } : { value: row.managerName };
    case "status":
      return { value: STATUS_ORDER.get(row.status) ?? STATUSES.length };
    case "rating": {
      if (row.rating === null) return { missing: 2 };
      const rank = RATING_ORDER.get(row.rating);
      return rank === undefined ? { missing: 1 } : { value: rank };
    }
    case "overdue":
      return { value: row.overdueUpdates };
    case "reviews":
      return { value: row.reviewsWaiting };
    case "assessment":
      return row.assessment === null ? { missing: 1 } : { value: row.assessment.due };
    case "committed":
      return { value: row.socialValue.committed };
    case "delivered":
      return { value: row.socialValue.delivered };
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Ties by reference (A to Z whichever way the column goes), so the order never shifts between loads. */
function compareRows(column: ColumnKey, direction: SortDirection): (a: PortfolioContract, b: PortfolioContract) => number {
  const sign = direction === "ascending" ? 1 : -1;
  return (a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    let order: number;
    if ("value" in x && "value" in y) order = sign * compareValues(x.value, y.value);
    else if ("value" in x) order = -1;
    else if ("value" in y) order = 1;
    else order = x.missing - y.missing;
    return order || collator.compare(a.reference, b.reference) || (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0);
  };
}

/** The contracts the search and filters let through, in the state's order. */
export function matchingContracts(rows: readonly PortfolioContract[], state: TableState): PortfolioContract[] {
  const searched = words(state.q);
  return rows
    .filter(
      (row) =>
        (state.status === null || row.status === state.status) &&
        (state.serviceArea === null || row.serviceArea === state.serviceArea) &&
        (state.rating === null || (state.rating === NOT_RATED ? row.rating === null : row.rating === state.rating)) &&
        (state.manager === null || row.managerId === state.manager) &&
        matchesSearch(row, searched),
    )
    .sort(compareRows(state.sort, state.direction));
}

/** One page of the matching contracts. */
export interface TablePage {
  rows: PortfolioContract[];
  /** The page shown, from 1: the last page when the address asks for one beyond it. */
  page: number;
  /** At least 1, so that "page 1 of 1" holds even with nothing to show. */
  pages: number;
  /** Positions of the first and last rows shown among the matching contracts, from 1; 0 when none. */
  first: number;
  last: number;
  /** How many contracts match. */
  total: number;
}

/** The page's rows; a page beyond the last (the list shrank since the link was made) shows the last. */
export function pageOf(rows: readonly PortfolioContract[], page: number, size: number = PAGE_SIZE): TablePage {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (shown - 1) * size;
  const slice = rows.slice(start, start + size);
  return { rows: slice, page: shown, pages, first: slice.length ? start + 1 : 0, last: start + slice.length, total: rows.length };
}

/** "Showing 1–50 of 214 contracts"; "Showing 1 of 1 contract"; "No contracts match". */
export function tableSummary(page: TablePage): string {
  if (page.total === 0) return "No contracts match";
  const noun = page.total === 1 ? "contract" : "contracts";
  const range = page.first === page.last ? formatNumber(page.first) : `${formatNumber(page.first)}–${formatNumber(page.last)}`;
  return `Showing ${range} of ${formatNumber(page.total)} ${noun}`;
}

/** A choice in a filter: the value in the address, and the words shown. */
export interface FilterOption {
  value: string;
  label: string;
}

/** The managers among the contracts, by name (their id when no name is recorded), each once. */
export function managerOptions(rows: readonly PortfolioContract[]): FilterOption[] {
  const managers = new Map<string, string>();
  for (const row of rows) if (!managers.has(row.managerId) || row.managerName) managers.set(row.managerId, managerText(row));
  return [...managers.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.value, b.value));
}

// The engagement list: the businesses that said yes to being contacted, chosen by barrier, sector,
// size or ownership, for targeted engagement such as Meet the Buyer events (never scoring or award).
import { formatCsv } from "../evaluation/csv.js";
import type { FieldError } from "../field-error.js";
import { DEFAULT_SIZE_THRESHOLDS, type SizeBand, type SizeThresholds, type UNKNOWN } from "../register/supplier.js";
import { businessSize } from "./business-size.js";
import { allQuestions, BARRIERS, PREFER_NOT_TO_SAY, SECTORS, type Questionnaire } from "./questionnaire.js";
import type { DiversityAnswers } from "./responses.js";

/** The ownership questions the list can be chosen by (a "yes" to the question). */
export const ENGAGEMENT_CHARACTERISTICS = ["ethnicMinorityOwned", "womenOwned", "disabledOwned"] as const;
export type EngagementCharacteristic = (typeof ENGAGEMENT_CHARACTERISTICS)[number];

/** The council's size bands the list can be chosen by: large businesses are not the list's concern. */
export const ENGAGEMENT_SIZES = ["micro", "small", "medium"] as const;
export type EngagementSize = (typeof ENGAGEMENT_SIZES)[number];

/** Which businesses to list; every filter given must hold. */
export interface EngagementFilters {
  /** The campaign year (default: the newest campaign). */
  year?: number;
  /** A barrier the business named (a value of BARRIERS). */
  barrier?: string;
  /** The business's sector (a value of SECTORS). */
  sector?: string;
  /** The council's size band worked out from the business's bands. */
  size?: EngagementSize;
  /** An ownership question answered "yes". */
  characteristic?: EngagementCharacteristic;
}

/** One business on the list, with the answers engagement is chosen by (values, not labels). */
export interface EngagementRow {
  supplierId: string;
  supplierName: string;
  contactName?: string;
  contactEmail?: string;
  year: number;
  sector?: string;
  sizeBand: SizeBand | typeof UNKNOWN;
  barriers: string[];
  ethnicMinorityOwned?: string;
  womenOwned?: string;
  disabledOwned?: string;
}

/** Who a row is about, from the register and the campaign's invitation. */
export interface EngagementSupplier {
  supplierId: string;
  supplierName: string;
  contactName?: string;
  contactEmail?: string;
}

const text = (answer: DiversityAnswers[string]): string | undefined => (typeof answer === "string" ? answer : undefined);
const list = (answer: DiversityAnswers[string]): string[] => (Array.isArray(answer) ? [...(answer as readonly string[])] : typeof answer === "string" ? [answer] : []);

function sizeOf(answers: DiversityAnswers, thresholds: SizeThresholds): SizeBand | typeof UNKNOWN {
  const bands = { employeesBand: text(answers["employeesBand"]), turnoverBand: text(answers["turnoverBand"]), balanceSheetBand: text(answers["balanceSheetBand"]) };
  return businessSize(Object.fromEntries(Object.entries(bands).filter(([, value]) => value !== undefined)), thresholds).councilBand;
}

/**
 * What is wrong with the filters, field by field (empty when nothing is): each must name one of the
 * questionnaire's choices, so a mistyped filter is not read as "nobody matches".
 *
 * @example
 * engagementFilterProblems({ size: "tiny" }); // [{ field: "size", message: 'must be one of "micro", "small", "medium"' }]
 */
export function engagementFilterProblems(filters: { [key in keyof EngagementFilters]?: unknown }): FieldError[] {
  const problems: FieldError[] = [];
  const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && (typeof value !== "string" || !allowed.includes(value))) problems.push({ field, message: `must be one of ${allowed.map((v) => `"${v}"`).join(", ")}` });
  };
  if (filters.year !== undefined && (typeof filters.year !== "number" || !Number.isInteger(filters.year))) problems.push({ field: "year", message: "must be a campaign year, such as 2026" });
  oneOf("barrier", filters.barrier, BARRIERS.map((b) => b.value));
  oneOf("sector", filters.sector, SECTORS.map((s) => s.value));
  oneOf("size", filters.size, ENGAGEMENT_SIZES);
  oneOf("characteristic", filters.characteristic, ENGAGEMENT_CHARACTERISTICS);
  return problems;
}

/**
 * Whether a business belongs on the list: it said exactly "yes" to being contacted (no answer is
 * no consent), and it meets every filter given. `year` is the caller's to apply.
 *
 * @example
 * matchesEngagement(answers, { barrier: "payment-terms", size: "micro" }); // true or false
 */
export function matchesEngagement(answers: DiversityAnswers, filters: EngagementFilters, thresholds: SizeThresholds = DEFAULT_SIZE_THRESHOLDS): boolean {
  if (answers["consentToContact"] !== "yes") return false;
  if (filters.barrier !== undefined && !list(answers["barriers"]).includes(filters.barrier)) return false;
  if (filters.sector !== undefined && answers["sector"] !== filters.sector) return false;
  if (filters.characteristic !== undefined && answers[filters.characteristic] !== "yes") return false;
  if (filters.size !== undefined && sizeOf(answers, thresholds) !== filters.size) return false;
  return true;
}

/**
 * A business's row on the list, from who it is and its answers that year.
 *
 * @example
 * engagementRowOf({ supplierId: "s-1", supplierName: "Beta Ltd" }, 2026, answers); // { ..., sizeBand: "micro", barriers: ["payment-terms"] }
 */
export function engagementRowOf(supplier: EngagementSupplier, year: number, answers: DiversityAnswers, thresholds: SizeThresholds = DEFAULT_SIZE_THRESHOLDS): EngagementRow {
  const optional = (field: string) => {
    const value = text(answers[field]);
    return value === undefined ? {} : { [field]: value };
  };
  return {
    supplierId: supplier.supplierId,
    supplierName: supplier.supplierName,
    ...(supplier.contactName === undefined ? {} : { contactName: supplier.contactName }),
    ...(supplier.contactEmail === undefined ? {} : { contactEmail: supplier.contactEmail }),
    year,
    ...optional("sector"),
    sizeBand: sizeOf(answers, thresholds),
    barriers: list(answers["barriers"]).filter((barrier) => barrier !== PREFER_NOT_TO_SAY),
    ...optional("ethnicMinorityOwned"),
    ...optional("womenOwned"),
    ...optional("disabledOwned"),
  };
}

const SIZE_LABELS: Record<SizeBand | typeof UNKNOWN, string> = { micro: "Micro", small: "Small", medium: "Medium", large: "Large", unknown: "Not known" };

/**
 * The list as CSV for a mail merge, in words people read (the questionnaire's labels, not its values),
 * every cell written by `formatCsv`, so a name starting with "=" is not run as a formula.
 *
 * @example
 * engagementCsv(rows, QUESTIONNAIRE_V1); // "Supplier,Contact name,Contact email,Year,Sector,Size,Barriers,...\r\nBeta Ltd,..."
 */
export function engagementCsv(rows: readonly EngagementRow[], questionnaire: Questionnaire): string {
  const questions = new Map(allQuestions(questionnaire).map((question) => [question.id, question]));
  const label = (id: string, value: string | undefined): string => {
    if (value === undefined) return "";
    const question = questions.get(id);
    const option = question && question.kind !== "free-text" ? question.options.find((o) => o.value === value) : undefined;
    return option?.label ?? value;
  };
  const header = ["Supplier", "Contact name", "Contact email", "Year", "Sector", "Size", "Barriers", "Ethnic minority owned", "Women owned", "Disabled owned"];
  return formatCsv([
    header,
    ...rows.map((row) => [
      row.supplierName,
      row.contactName ?? "",
      row.contactEmail ?? "",
      String(row.year),
      label("sector", row.sector),
      SIZE_LABELS[row.sizeBand],
      row.barriers.map((barrier) => label("barriers", barrier)).join("; "),
      label("ethnicMinorityOwned", row.ethnicMinorityOwned),
      label("womenOwned", row.womenOwned),
      label("disabledOwned", row.disabledOwned),
    ]),
  ]);
}

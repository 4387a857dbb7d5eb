// The UK9 contract performance notice of a confirmed assessment, as an OCDS 1.1 release with the
// Cabinet Office UK extension (docs/delivery.md, "The UK9 notice").
import type { ContractAwardRef, ContractRecord } from "../register/contract.js";
import type { SupplierRecord } from "../register/supplier.js";
import type { AssessmentRecord, KpiRecord } from "./model.js";

/** The contracting authority as the notice names it. */
export interface NoticeBuyer {
  name: string;
  /** e.g. { scheme: "GB-PPON", id: "PXXX-1234-XXXX" }. */
  identifier?: { scheme: string; id: string };
  email?: string;
  address?: { streetAddress?: string; locality?: string; postalCode?: string; countryName?: string };
}

export interface PerformanceNoticeInput {
  buyer: NoticeBuyer;
  contract: ContractRecord & { award?: ContractAwardRef | null };
  supplier: SupplierRecord & { sizeBand?: string };
  assessment: AssessmentRecord;
  /** Every KPI of the contract (kind "kpi"). */
  kpis: readonly KpiRecord[];
  /** The release's date (ISO with offset). */
  date: string;
  /** The council's OCDS prefix, e.g. "ocds-h6vhtk". */
  ocidPrefix: string;
}

/** An OCDS release: a JSON object. */
export type OcdsRelease = Record<string, unknown>;

export function performanceNotice(input: PerformanceNoticeInput): OcdsRelease {
  throw new Error("Not implemented yet: performanceNotice");
}

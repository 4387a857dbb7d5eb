// The Procurement Act findings on a contract, as the contract page says them: a title per duty
// and the date it falls due (the service's message beside them is written with inUkWords).
import { KPI_MINIMUM, type ComplianceCode, type ComplianceFinding } from "@toms/domain";
import { formatDate } from "../../common/format.js";

const TITLES = {
  KPI_MINIMUM: `Fewer than ${KPI_MINIMUM} KPIs (Procurement Act 2023, s.52)`,
  ASSESSMENT_DUE: "Assessment due (Procurement Act 2023, s.71)",
  UPDATES_OVERDUE: "KPI updates overdue",
  NOTICE_UNPUBLISHED: "UK9 notice not published (Procurement Regulations 2024, reg 39)",
} as const satisfies Record<ComplianceCode, string>;

/** The duty a finding is about, in words. */
export function findingTitle(code: ComplianceCode): string {
  return TITLES[code];
}

/** When the duty falls due, or fell due, in words. */
export function findingDueWords(finding: Pick<ComplianceFinding, "due" | "severity" | "code">): string | undefined {
  if (!finding.due) return undefined;
  const date = formatDate(finding.due);
  if (finding.code === "KPI_MINIMUM") return `Needed from the contract's start, ${date}`;
  return finding.severity === "error" ? `Was due on ${date}` : `Due by ${date}`;
}

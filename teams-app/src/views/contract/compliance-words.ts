// The Procurement Act findings on a contract, as the contract page says them: a title per duty,
// the date it falls due, and the service's message with its dates written the UK way.
import type { ComplianceCode, ComplianceFinding } from "@toms/domain";
import { formatDate } from "../../common/format.js";

const TITLES = {
  KPI_MINIMUM: "Fewer than 3 KPIs (Procurement Act 2023, s.52)",
  ASSESSMENT_DUE: "Assessment due (Procurement Act 2023, s.71)",
  UPDATES_OVERDUE: "KPI updates overdue",
  NOTICE_UNPUBLISHED: "UK9 notice not published (Procurement Regulations 2024, reg 39)",
} as const satisfies Record<ComplianceCode, string>;

/** The duty a finding is about, in words. */
export function findingTitle(code: ComplianceCode): string {
  return TITLES[code];
}

/** Every YYYY-MM-DD date in a message of the service written as "14 April 2026". */
export function withUkDates(message: string): string {
  return message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => formatDate(date));
}

/** When the duty falls due, or fell due, in words. */
export function findingDueWords(finding: Pick<ComplianceFinding, "due" | "severity" | "code">): string | undefined {
  if (!finding.due) return undefined;
  const date = formatDate(finding.due);
  if (finding.code === "KPI_MINIMUM") return `Needed from the contract's start, ${date}`;
  return finding.severity === "error" ? `Was due on ${date}` : `Due by ${date}`;
}

// The Procurement Act 2023 duties a contract's delivery is checked against (docs/delivery.md).
import { KPI_THRESHOLD_VALUE, type ContractRecord } from "../register/contract.js";
import { ukDate } from "../register/dates.js";
import type { ComplianceFinding, DeliveryDigest, OwedUpdate } from "./model.js";
import { kpisToday, owedOf } from "./owed.js";
import { addDays, addYear, periodInfo } from "./periods.js";

/** An assessment is due at least every 12 months; the finding is raised this many days ahead. */
export const ASSESSMENT_WARNING_DAYS = 30;
/** A confirmed assessment's UK9 notice is published within this many days. */
export const NOTICE_DAYS = 30;
/** s.52 needs at least this many KPIs above the threshold. */
export const KPI_MINIMUM = 3;
/** An overdue update becomes an error this many days after it was due. */
const OVERDUE_ERROR_DAYS = 30;
/** A termination assessment is due this many days after the contract ends. */
const TERMINATION_DAYS = 30;

const POUNDS = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** The assessment the contract owes next: an annual one, or once it has ended a termination one. */
function assessmentDuty(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string): { due: string; kind: "annual" | "termination"; since: string; assessedTo: string | undefined } | undefined {
  const hasKpis = (digest?.kpis ?? []).some((k) => k.kind === "kpi");
  if (!hasKpis && contract.value <= KPI_THRESHOLD_VALUE) return undefined;
  const confirmed = (digest?.assessments ?? []).filter((a) => a.status === "confirmed");
  const replaced = new Set(confirmed.flatMap((a) => (a.replaces ? [a.replaces] : [])));
  const assessedTo = confirmed.filter((a) => !replaced.has(a.id)).reduce((last, a) => (a.to > last ? a.to : last), "") || undefined;
  if (contract.endDate < today) {
    if (confirmed.some((a) => a.kind === "termination")) return undefined;
    return { due: addDays(contract.endDate, TERMINATION_DAYS), kind: "termination", since: contract.endDate, assessedTo };
  }
  const since = assessedTo ?? contract.startDate;
  return { due: addYear(since), kind: "annual", since, assessedTo };
}

/** The assessment a contract owes next, with the dates it covers. */
export interface AssessmentOwed {
  kind: "annual" | "termination";
  /** The first day it covers: the day after the last confirmed assessment, else the contract's start. */
  from: string;
  /** The last day: twelve months on for an annual one (never past the contract's end), the end for a termination one. */
  to: string;
  due: string;
}

/**
 * The next assessment a contract owes and the range it covers, offered to the contract manager
 * when they start one; null when none is owed.
 */
export function assessmentOwed(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string): AssessmentOwed | null {
  const duty = assessmentDuty(contract, digest, today);
  if (!duty) return null;
  const from = duty.assessedTo ? addDays(duty.assessedTo, 1) : contract.startDate;
  if (duty.kind === "termination") return { kind: "termination", from: from > contract.endDate ? contract.startDate : from, to: contract.endDate, due: duty.due };
  const yearOn = addDays(addYear(from), -1);
  return { kind: "annual", from, to: yearOn < contract.endDate ? yearOn : contract.endDate, due: duty.due };
}

/** The next assessment's due date, and whether it is due (within 30 days of it, or past); null when none is owed. */
export function nextAssessment(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string): { due: string; isDue: boolean } | null {
  const duty = assessmentDuty(contract, digest, today);
  return duty ? { due: duty.due, isDue: today >= addDays(duty.due, -ASSESSMENT_WARNING_DAYS) } : null;
}

function kpiMinimum(contract: ContractRecord, digest: DeliveryDigest | undefined): ComplianceFinding | undefined {
  const count = (digest?.kpis ?? []).filter((k) => k.kind === "kpi").length;
  if (contract.value <= KPI_THRESHOLD_VALUE || count >= KPI_MINIMUM || contract.kpiExemptionReason) return undefined;
  const has = count === 0 ? "no KPIs" : count === 1 ? "1 KPI" : `${count} KPIs`;
  return {
    code: "KPI_MINIMUM",
    severity: "error",
    message: `This contract is worth £${POUNDS.format(contract.value)}, over the £5m threshold, and has ${has}: the Procurement Act 2023 (s.52) needs at least ${KPI_MINIMUM}. Add KPIs, or record why the contract is exempt.`,
    due: contract.startDate,
  };
}

function assessmentDue(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string): ComplianceFinding | undefined {
  const duty = assessmentDuty(contract, digest, today);
  if (!duty || today < addDays(duty.due, -ASSESSMENT_WARNING_DAYS)) return undefined;
  const late = today > duty.due;
  const message =
    duty.kind === "termination"
      ? `The contract ended on ${contract.endDate}: the Procurement Act 2023 (s.71) needs a termination assessment of its KPIs. ${late ? `It was due by ${duty.due}: draft and confirm one (kind termination) now.` : `Draft and confirm one (kind termination) by ${duty.due}.`}`
      : late
        ? `The assessment of this contract's KPIs was due by ${duty.due} and none has been confirmed since ${duty.since}: the Procurement Act 2023 (s.71) needs one at least every 12 months. Draft and confirm an assessment now.`
        : `The next assessment of this contract's KPIs is due by ${duty.due}: the Procurement Act 2023 (s.71) needs one at least every 12 months. Draft and confirm it by then.`;
  return { code: "ASSESSMENT_DUE", severity: late ? "error" : "warning", message, due: duty.due };
}

/**
 * Updates and corrections owed, dated by their periods' due dates: a correction is owed since
 * its rejection, but the duty to report the period fell due on the period's due date.
 */
function updatesOverdue(owed: readonly OwedUpdate[], today: string, dueDays: number): ComplianceFinding | undefined {
  const overdue = owed.filter((o) => o.what !== "review").map((o) => ({ ...o, due: periodInfo(o.period, dueDays).due }));
  const oldest = overdue.reduce<(typeof overdue)[number] | undefined>((first, o) => (!first || o.due < first.due ? o : first), undefined);
  if (!oldest) return undefined;
  const bySupplier = overdue.filter((o) => o.owedBy === "supplier").length;
  const byManager = overdue.length - bySupplier;
  const message =
    overdue.length === 1
      ? `1 KPI update is overdue (${oldest.period} of "${oldest.kpiTitle}", due on ${oldest.due}): ${bySupplier ? "the supplier's contacts" : "the contract manager"} must send it.`
      : `${overdue.length} KPI updates are overdue, the oldest due on ${oldest.due}: ${[bySupplier ? `the supplier owes ${bySupplier}` : "", byManager ? `the contract manager owes ${byManager}` : ""].filter(Boolean).join(" and ")}.`;
  return { code: "UPDATES_OVERDUE", severity: today > addDays(oldest.due, OVERDUE_ERROR_DAYS) ? "error" : "warning", message, due: oldest.due };
}

function noticesUnpublished(digest: DeliveryDigest | undefined, today: string): ComplianceFinding[] {
  const assessments = digest?.assessments ?? [];
  // A corrected assessment's notice is the correction's to publish.
  const replaced = new Set(assessments.filter((a) => a.status === "confirmed" && a.replaces).map((a) => a.replaces));
  return assessments.flatMap((a): ComplianceFinding[] => {
    if (a.status !== "confirmed" || !a.confirmedAt || a.publishedAt || replaced.has(a.id)) return [];
    const confirmedOn = ukDate(new Date(a.confirmedAt));
    const due = addDays(confirmedOn, NOTICE_DAYS);
    const late = today > due;
    const what = `The ${a.kind} assessment of ${a.from} to ${a.to}, confirmed on ${confirmedOn}, has no UK9 contract performance notice marked published`;
    return [
      {
        code: "NOTICE_UNPUBLISHED",
        severity: late ? "error" : "warning",
        message: late ? `${what}: it was due by ${due}. Publish it on Find a Tender and mark it published.` : `${what}: publish it on Find a Tender by ${due} and mark it published.`,
        due,
      },
    ];
  });
}

/** The contract's findings today, in the order of COMPLIANCE_CODES. */
export function complianceFindings(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): ComplianceFinding[] {
  return complianceFindingsOwing(contract, digest, today, dueDays, owedOf(kpisToday(contract, digest, today, dueDays)));
}

/** The findings, given what is owed on the contract today (for a caller that has worked it out already). */
export function complianceFindingsOwing(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number, owed: readonly OwedUpdate[]): ComplianceFinding[] {
  const findings = [kpiMinimum(contract, digest), assessmentDue(contract, digest, today), updatesOverdue(owed, today, dueDays), ...noticesUnpublished(digest, today)];
  return findings.filter((f): f is ComplianceFinding => f !== undefined);
}

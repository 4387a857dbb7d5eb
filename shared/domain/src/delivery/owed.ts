// How each period of a KPI stands today, and who owes what since when, read from the digest's
// marks: one rule for the dashboards, the contract view and the compliance findings.
import type { ContractRecord } from "../register/contract.js";
import type { DeliveryDigest, OwedUpdate, PeriodInfo, PeriodStatus, UpdateStatus } from "./model.js";
import { contractPeriods } from "./periods.js";
import { readMarks } from "./summary.js";

/** A period's status today from the status of its latest update (undefined: none sent). */
export function periodStatus(info: PeriodInfo, latest: UpdateStatus | undefined, today: string): PeriodStatus {
  if (info.startDate > today) return "not-started";
  if (latest === "accepted") return "accepted";
  if (latest === "pending") return "awaiting-review";
  if (latest === "rejected") return "rejected";
  return today > info.due ? "overdue" : "open";
}

/**
 * What is owed on the contract today, oldest first: an update not sent by its due date (by the
 * KPI's reporter), a correction of a rejected update once the period is past due (by the
 * supplier, since the due date), and a supplier's update waiting for review (by the manager,
 * since the day it was sent).
 */
export function owedUpdates(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): OwedUpdate[] {
  const owed: OwedUpdate[] = [];
  for (const kpi of digest?.kpis ?? []) {
    const marks = readMarks(kpi.marks);
    for (const info of contractPeriods(contract, kpi.frequency, dueDays)) {
      const mark = marks.get(info.period);
      const item = { contractId: contract.id, kpiId: kpi.id, kpiTitle: kpi.title, period: info.period };
      const status = periodStatus(info, mark?.latest, today);
      if (status === "overdue") owed.push({ ...item, since: info.due, owedBy: kpi.reporter, what: "update" });
      else if (status === "rejected" && today > info.due) owed.push({ ...item, since: info.due, owedBy: "supplier", what: "correction" });
      else if (status === "awaiting-review") owed.push({ ...item, since: mark?.sentOn ?? info.due, owedBy: "manager", what: "review" });
    }
  }
  return owed.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}

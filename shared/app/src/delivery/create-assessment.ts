// Begin the assessment of a contract's KPIs over a range (s.71 Procurement Act 2023): a draft with
// a suggested rating per KPI.
import { draftAssessment, type AssessmentInput, type AssessmentRecord, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { invalid, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

/**
 * Creates a draft assessment, for procurement officers and the contract's manager: each KPI's
 * periods in the range with their ratings, and the rating suggested from them. A correction of a
 * confirmed assessment names it in `replaces`.
 *
 * @example
 * const outcome = await createAssessment(deps, manager, contractId, { from: "2025-04-01", to: "2026-03-31", kind: "annual" });
 */
export async function createAssessment(deps: AppDeps, caller: Principal, contractId: string, input: AssessmentInput): Promise<Outcome<AssessmentRecord>> {
  const managed = await managedContract(deps, caller, contractId, "assess its performance");
  if (!managed.ok) return managed;
  const { contract } = managed;
  return deps.storage.delivery.change<Outcome<AssessmentRecord>>(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    if (input.replaces) {
      const replaced = records.assessments.find((a) => a.id === input.replaces);
      if (!replaced || replaced.status !== "confirmed") return { result: unprocessable([{ field: "replaces", message: "must name a confirmed assessment of this contract" }], "The assessment") };
    }
    const current = nextSummary(deps, records, partition);
    const drafted = draftAssessment(contract, current, input, { id: deps.newId(), by: caller.userId, at: deps.now().toISOString(), dueDays: deps.delivery.dueDays });
    if (!drafted.ok) return { result: invalid(drafted.errors, "The assessment") };
    const { assessment } = drafted;
    return { result: succeeded(assessment), writes: [{ kind: "create-assessment", assessment }], summary: nextSummary(deps, { ...records, assessments: [...records.assessments, assessment] }, partition) };
  });
}

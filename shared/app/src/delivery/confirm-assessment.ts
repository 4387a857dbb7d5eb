// Confirm an assessment: its suggested ratings stand, or overrides with their reasons replace them.
import { confirmAssessment, ukDateTime, type AssessmentRecord, type ConfirmInput, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, invalid, notFound, succeeded, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

/**
 * Confirms a draft assessment, for procurement officers and the contract's manager. Once
 * confirmed it never changes (a second confirmation is refused); a correction is a new assessment
 * that names it in `replaces`.
 *
 * @example
 * const outcome = await confirmContractAssessment(deps, manager, contractId, assessmentId, { overrides: [{ kpiId, rating: "good", reason: "March's figure was corrected after the assessment period." }] });
 */
export async function confirmContractAssessment(deps: AppDeps, caller: Principal, contractId: string, assessmentId: string, input: ConfirmInput): Promise<Outcome<AssessmentRecord>> {
  const managed = await managedContract(deps, caller, contractId, "confirm its assessments");
  if (!managed.ok) return managed;
  const { contract } = managed;
  return deps.storage.delivery.change<Outcome<AssessmentRecord>>(contract.id, async (partition) => {
    const stored = partition.assessments.find((a) => a.id === assessmentId);
    if (!stored) return { result: notFound("The assessment") };
    const { etag, ...draft } = stored;
    if (draft.status === "confirmed") return { result: conflict(`This assessment was confirmed already, by ${draft.confirmedBy} on ${draft.confirmedAt ? ukDateTime(new Date(draft.confirmedAt)) : "an earlier day"}. To correct it, create a new assessment that replaces it.`) };
    const confirmed = confirmAssessment(draft, input, { by: caller.userId, at: deps.now().toISOString() });
    if (!confirmed.ok) return { result: invalid(confirmed.errors, "The confirmation") };
    const { assessment } = confirmed;
    const records = await deliveryRecords(deps, contract, partition);
    const summary = nextSummary(deps, { ...records, assessments: records.assessments.map((a) => (a.id === assessment.id ? assessment : a)) }, partition);
    return { result: succeeded(assessment), writes: [{ kind: "replace-assessment", assessment, etag }], summary };
  });
}

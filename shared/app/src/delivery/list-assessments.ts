// A contract's assessments, newest first, with what replaced each and whether its notice is published.
import { hasRole, type AssessmentRecord, type NoticePublication, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";

export interface AssessmentView extends AssessmentRecord {
  /** The confirmed assessment that corrects this one, if any. */
  supersededBy: string | null;
  /** The UK9 notice marked published, or null. */
  notice: NoticePublication | null;
}

/**
 * The council's staff see every assessment; the supplier's contacts see the confirmed ones (their
 * notices are public).
 *
 * @example
 * const outcome = await listAssessments(deps, manager, contractId);
 */
export async function listAssessments(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<AssessmentView[]>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const partition = await deps.storage.delivery.read(visible.contract.id);
  const staff = hasRole(caller, "admin", "evaluator", "contract-manager");
  const assessments = partition.assessments.map(({ etag: _etag, ...a }) => a);
  const views = assessments
    .filter((a) => staff || a.status === "confirmed")
    .map((a) => ({
      ...a,
      supersededBy: assessments.find((b) => b.replaces === a.id && b.status === "confirmed")?.id ?? null,
      notice: partition.publications.find((p) => p.assessmentId === a.id) ?? null,
    }));
  return succeeded(views.sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
}

// The withdrawn awards of an evaluation, as kept when they were withdrawn.
import { hasRole, type AwardWithdrawal, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { forbidden, notFound, succeeded, type Outcome } from "../outcome.js";

/**
 * Every award of the evaluation that was withdrawn, oldest first, for evaluators and procurement
 * officers.
 *
 * @example
 * const outcome = await listAwardWithdrawals(deps, evaluator, evaluationId);
 * if (outcome.ok) for (const w of outcome.value) console.log(w.withdrawnAt, w.withdrawnBy, w.reason);
 */
export async function listAwardWithdrawals(deps: AppDeps, caller: Principal, evaluationId: string): Promise<Outcome<AwardWithdrawal[]>> {
  if (!hasRole(caller, "admin", "evaluator")) return forbidden("Only evaluators and procurement officers (admin) can see an evaluation's awards.");
  if (!(await deps.storage.evaluations.get(evaluationId))) return notFound("The evaluation");
  return succeeded(await deps.storage.awards.withdrawals(evaluationId));
}

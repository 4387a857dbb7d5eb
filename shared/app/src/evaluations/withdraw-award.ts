// Withdraw an award: its commitments leave the contract, its claims are released, and the
// withdrawal (who, when, why, what) is kept. Only while no KPI update was recorded against it.
import { hasRole, withdrawalRefusal, type AwardWithdrawal, type AwardWithdrawalRequest, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, notFound, succeeded, type Outcome } from "../outcome.js";
import { claimStatus, releaseClaim } from "./award-claims.js";

export type WithdrawAwardRequest = AwardWithdrawalRequest & { evaluationId: string };

/**
 * Withdraws the evaluation's award, for procurement officers (admin). The withdrawal is kept
 * before anything is removed; a withdrawal stopped half way is finished by the next one (which
 * answers the first withdrawal). The contract can then be awarded again.
 *
 * @example
 * const outcome = await withdrawAward(deps, admin, { evaluationId, reason: "Awarded to the wrong contract" });
 * if (outcome.ok) console.log(`withdrawn ${outcome.value.commitments} commitments from ${outcome.value.award.contractReference}`);
 */
export async function withdrawAward(deps: AppDeps, caller: Principal, request: WithdrawAwardRequest): Promise<Outcome<AwardWithdrawal>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can withdraw an award.");
  const { awards, evaluations } = deps.storage;
  const evaluation = await evaluations.get(request.evaluationId);
  if (!evaluation) return notFound("The evaluation");
  const claim = await awards.evaluationClaim(evaluation.id);
  if (!claim) {
    const [last] = (await awards.withdrawals(evaluation.id)).slice(-1);
    const before = last ? ` Its last award (to ${last.award.bidder} on contract ${last.award.contractReference}) was withdrawn on ${last.withdrawnAt} by ${last.withdrawnBy}.` : "";
    return conflict(`This evaluation has no award to withdraw.${before}`);
  }
  const { status, state, withdrawal: begun } = await claimStatus(deps, claim);
  let withdrawal = begun;
  if (!withdrawal) {
    const award = state.claim?.award;
    if (status !== "awarded" || !award) {
      return conflict(`This evaluation's award to ${claim.bidder} on contract ${claim.contractReference} is not finished, so there is nothing to withdraw yet. Reload in a moment.`);
    }
    const refusal = withdrawalRefusal(await deps.kpiUpdateCount(claim.contractId), claim.contractReference);
    if (refusal) return conflict(refusal);
    withdrawal = await awards.recordWithdrawal(evaluation.id, claim.claimId, {
      award,
      commitments: state.commitments.length,
      withdrawnAt: deps.now().toISOString(),
      withdrawnBy: caller.userId,
      reason: request.reason,
    });
  }
  if (!(await releaseClaim(deps, claim, state, true))) {
    return conflict("The award changed while it was being withdrawn. The withdrawal is kept; send it again to finish it.");
  }
  return succeeded(withdrawal);
}

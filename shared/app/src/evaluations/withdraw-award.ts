// Withdraw an award: its commitments leave the contract, its claims are released, and the
// withdrawal (who, when, why, what) is kept. Only while no KPI update was recorded against it. An
// award left unfinished by a crash is released instead: nothing had been awarded.
import { hasRole, withdrawalRefusal, type AwardWithdrawal, type AwardWithdrawalRequest, type Principal, type ReleasedAward } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, notFound, succeeded, type Outcome } from "../outcome.js";
import { refreshDelivery } from "../delivery/refresh-delivery.js";
import { claimStatus, ownContractClaim, releaseClaim } from "./award-claims.js";

export type WithdrawAwardRequest = AwardWithdrawalRequest & { evaluationId: string };

/** A withdrawn award (kept), or an unfinished one released. */
export type WithdrawAwardResult = { withdrawn: AwardWithdrawal } | { released: ReleasedAward };

const CHANGED = "The award changed while it was being withdrawn. Send the withdrawal again to finish it.";

/**
 * Withdraws the evaluation's award, for procurement officers (admin). The withdrawal is kept
 * before anything is removed; a withdrawal stopped half way is finished by the next one (which
 * answers the first withdrawal). The contract can then be awarded again. An award still unfinished
 * two minutes after its last write (left behind by a crash) is released: its rows, its claims and
 * the contract it was creating are removed, and nothing is kept, as nothing was awarded.
 *
 * @example
 * const outcome = await withdrawAward(deps, admin, { evaluationId, reason: "Awarded to the wrong contract" });
 * if (outcome.ok && "withdrawn" in outcome.value) console.log(`withdrawn ${outcome.value.withdrawn.commitments} commitments`);
 */
export async function withdrawAward(deps: AppDeps, caller: Principal, request: WithdrawAwardRequest): Promise<Outcome<WithdrawAwardResult>> {
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
  if (status === "pending") {
    return conflict(`This evaluation's award to ${claim.bidder} on contract ${claim.contractReference}, begun at ${claim.claimedAt} by ${claim.claimedBy}, is not finished, so there is nothing to withdraw yet. Reload in a moment; if it is still unfinished two minutes after its last step, send the withdrawal again to release it.`);
  }
  // Left behind, or its release (begun by another request) is unfinished: nothing was awarded.
  if (status === "left-behind" || (status === "releasing" && !begun)) {
    const released = await releaseClaim(deps, claim, state, false);
    if (!released) return conflict(CHANGED);
    return succeeded({
      released: {
        evaluationId: claim.evaluationId,
        evaluationReference: claim.evaluationReference,
        bidder: claim.bidder,
        contractId: claim.contractId,
        contractReference: claim.contractReference,
        claimedAt: claim.claimedAt,
        claimedBy: claim.claimedBy,
        commitmentsRemoved: ownContractClaim(claim, state) ? state.commitments.length : 0,
        contractRemoved: released.contractRemoved,
        releasedAt: deps.now().toISOString(),
        releasedBy: caller.userId,
      },
    });
  }
  // A withdrawal kept by an earlier attempt comes back as begun only while no KPI update stops it:
  // claimStatus takes it back when updates were recorded since, and it is refused here like a first one.
  let withdrawal = begun;
  if (!withdrawal) {
    const award = state.claim?.award;
    if (!award) throw new Error(`Bug: the award of evaluation ${evaluation.id} is marked awarded without its record.`);
    const refusal = withdrawalRefusal(state.kpiUpdates, claim.contractReference);
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
    // Most likely a KPI update recorded meanwhile (its transaction rewrites the award row): then
    // the award stands, and reading again takes back the withdrawal kept above and refuses it.
    const again = await claimStatus(deps, claim);
    const refusal = again.status === "awarded" ? withdrawalRefusal(again.state.kpiUpdates, claim.contractReference) : undefined;
    return conflict(refusal ?? CHANGED);
  }
  // The commitments left the contract: the dashboards' summary of its delivery no longer tracks them.
  const contract = await deps.storage.contracts.get(claim.contractId);
  if (contract) await refreshDelivery(deps, contract);
  return succeeded({ withdrawn: withdrawal });
}

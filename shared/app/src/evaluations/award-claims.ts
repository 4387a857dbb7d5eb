// Where an award's claim stands, and releasing one: what awarding and withdrawing share
// (docs/storage.md, "The award's claim protocol").
import { claimIsStale, type AwardWithdrawal } from "@toms/domain";
import { isStorageError, type ContractAwardState, type ContractClaim, type EvaluationClaim } from "@toms/storage";
import type { AppDeps } from "../deps.js";

/**
 * - awarded: the award is written (the contract's claim says so);
 * - releasing: a withdrawal (or a release) has begun and must be finished;
 * - pending: being written, by a request still at work;
 * - left-behind: pending, but nothing was written under it for too long (a crash).
 */
export type ClaimStatus = "awarded" | "releasing" | "pending" | "left-behind";

/** The contract's claim when it is this evaluation claim's own. */
export function ownContractClaim(claim: EvaluationClaim, state: ContractAwardState): ContractClaim | undefined {
  return state.claim?.claimId === claim.claimId ? state.claim : undefined;
}

/**
 * Where the evaluation's claim stands, read from its contract's partition (one query) and, unless
 * the award is plainly being written, its withdrawal record (one point read, returned): a
 * withdrawal begun but not finished may have removed the contract's side already. A withdrawal
 * kept while the award still stands whole, with KPI updates recorded against it since, is taken
 * back here (keptWithdrawalUndone): the award is "awarded", and a withdrawal is refused.
 */
export async function claimStatus(deps: AppDeps, claim: EvaluationClaim): Promise<{ status: ClaimStatus; state: ContractAwardState; withdrawal?: AwardWithdrawal }> {
  const state = await deps.storage.awards.contractState(claim.contractId);
  const own = ownContractClaim(claim, state);
  const stale = () => claimIsStale(own?.touchedAt ?? claim.claimedAt, deps.now());
  // A withdrawal is recorded only once the award is complete, so a pending claim has none.
  if (own?.state === "pending") return { status: stale() ? "left-behind" : "pending", state };
  const withdrawal = await deps.storage.awards.withdrawal(claim.evaluationId, claim.claimId);
  if (withdrawal && !(await keptWithdrawalUndone(deps, claim, state))) return { status: "releasing", state, withdrawal };
  if (own) return { status: own.state, state };
  return { status: stale() ? "left-behind" : "pending", state };
}

/**
 * Takes back a kept withdrawal that must not go ahead: KPI updates were recorded after it counted
 * none (each update's transaction rewrites the award row, so the withdrawal's release stopped
 * there), and the award row still stands, awarded, so none of the contract's rows were removed.
 * Only the evaluation's copies of the award may have been cleared: they are put back first, then
 * the withdrawal row removed, so that a crash in between leaves a withdrawal that is undone again.
 * True when it was undone.
 */
async function keptWithdrawalUndone(deps: AppDeps, claim: EvaluationClaim, state: ContractAwardState): Promise<boolean> {
  const own = ownContractClaim(claim, state);
  if (own?.state !== "awarded" || !own.award || state.kpiUpdates === 0) return false;
  await deps.storage.evaluations.setAward(claim.evaluationId, claim.claimId, own.award);
  await deps.storage.awards.removeWithdrawal(claim.evaluationId, claim.claimId);
  return true;
}

const movedOn = (error: unknown) => isStorageError(error, "precondition-failed") || isStorageError(error, "not-found");

/** What a release did: whether it removed the contract the award had created (kept when another
 * award holds it since, or it was awarded). */
export interface Released {
  contractRemoved: boolean;
}

/**
 * Releases an award's claim: for a withdrawn award, first the evaluation's copies that say it is
 * awarded; then the contract's rows under the claim; then the contract's mark (and award copy), or
 * for a claim released unfinished, the contract it created, if nothing else holds it; the
 * evaluation's claim last, so that a release stopped half way is finished by the next request
 * that finds it. Undefined when someone else changed the claim meanwhile (read it again).
 */
export async function releaseClaim(deps: AppDeps, claim: EvaluationClaim, state: ContractAwardState, withdrawn: boolean): Promise<Released | undefined> {
  const { awards, contracts, evaluations } = deps.storage;
  try {
    if (withdrawn) await evaluations.clearAward(claim.evaluationId, claim.claimId);
    const own = ownContractClaim(claim, state);
    if (own) await awards.clearContract({ ...state, claim: own });
    let contractRemoved = false;
    if (claim.newContract && !withdrawn) contractRemoved = await contracts.removeUnawarded(claim.contractId, claim.claimId);
    else await contracts.clearAward(claim.contractId, claim);
    await awards.releaseEvaluationClaim(claim);
    return { contractRemoved };
  } catch (error) {
    if (movedOn(error)) return undefined;
    throw error;
  }
}

/** Releases the claim that holds a contract when it was left behind (or is being released):
 * with its evaluation's claim when that is the same award's. */
export async function releaseContractHolder(deps: AppDeps, state: ContractAwardState & { claim: ContractClaim }): Promise<Released | undefined> {
  const { awards } = deps.storage;
  const holder = state.claim;
  const claim = await awards.evaluationClaim(holder.evaluationId);
  if (claim?.claimId === holder.claimId) {
    const withdrawn = holder.state !== "pending" && (await awards.withdrawal(holder.evaluationId, holder.claimId)) !== undefined;
    return releaseClaim(deps, claim, state, withdrawn);
  }
  try {
    await awards.clearContract(state);
    await deps.storage.contracts.clearAward(holder.contractId, holder);
    return { contractRemoved: false };
  } catch (error) {
    if (movedOn(error)) return undefined;
    throw error;
  }
}

/** Gives up the evaluation's claim this request holds, when its award cannot go ahead: with the
 * contract it created, if nothing else holds that contract since. */
export async function releaseOwnClaim(deps: AppDeps, claim: EvaluationClaim): Promise<void> {
  try {
    if (claim.newContract) await deps.storage.contracts.removeUnawarded(claim.contractId, claim.claimId);
    await deps.storage.awards.releaseEvaluationClaim(claim);
  } catch (error) {
    if (!movedOn(error)) throw error;
  }
}

// The contract manager's review of a supplier's update: approved, or rejected with a reason.
import { reviewRefusal, updateViews, type KpiReview, type KpiUpdate, type Principal, type ReviewInput } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, notFound, succeeded, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

export interface ReviewUpdateRequest {
  contractId: string;
  kpiId: string;
  updateId: string;
  input: ReviewInput;
}

/**
 * Approves or rejects a supplier's update, for procurement officers and the contract's manager. A
 * review is written once: of two at the same time, one is kept and the other is refused (409). A
 * rejection reopens the period for the supplier's correction.
 *
 * @example
 * const outcome = await reviewUpdate(deps, manager, { contractId, kpiId, updateId, input: { decision: "reject", reason: "The evidence covers February, not March." } });
 */
export async function reviewUpdate(deps: AppDeps, caller: Principal, request: ReviewUpdateRequest): Promise<Outcome<KpiUpdate>> {
  const managed = await managedContract(deps, caller, request.contractId, "review its updates");
  if (!managed.ok) return managed;
  const { contract } = managed;
  return deps.storage.delivery.change<Outcome<KpiUpdate>>(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    const views = updateViews(records.updates.filter((u) => u.kpiId === request.kpiId), records.reviews);
    const update = views.find((u) => u.id === request.updateId);
    if (!update) return { result: notFound("The update") };
    const latestRevision = Math.max(...views.filter((u) => u.period === update.period).map((u) => u.revision));
    const refusal = reviewRefusal(update, latestRevision);
    if (refusal) return { result: conflict(refusal) };
    const review: KpiReview = {
      updateId: update.id,
      decision: request.input.decision,
      ...(request.input.reason ? { reason: request.input.reason } : {}),
      reviewedBy: caller.userId,
      ...(caller.name ? { reviewedByName: caller.name } : {}),
      reviewedAt: deps.now().toISOString(),
    };
    const reviews = [...records.reviews, review];
    const reviewed = updateViews(records.updates.filter((u) => u.kpiId === request.kpiId), reviews).find((u) => u.id === update.id);
    if (!reviewed) throw new Error(`Bug: the reviewed update ${update.id} has no view.`);
    return { result: succeeded(reviewed), writes: [{ kind: "create-review", review }], summary: nextSummary(deps, { ...records, reviews }, partition) };
  });
}

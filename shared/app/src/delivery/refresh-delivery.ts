// Bring a contract's delivery summary up to date after a change made outside delivery (an award
// made or withdrawn changes the commitments tracked).
import type { ContractRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

/**
 * Rewrites the contract's summary (and its copies for the dashboards) from its partition.
 *
 * @example
 * await refreshDelivery(deps, contract);
 */
export async function refreshDelivery(deps: AppDeps, contract: ContractRecord): Promise<void> {
  await deps.storage.delivery.change(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    return { result: undefined, summary: nextSummary(deps, records, partition) };
  });
}

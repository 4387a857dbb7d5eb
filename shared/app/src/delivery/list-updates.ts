// A KPI's update history: every revision of every period, with its review.
import { updateViews, type KpiUpdate, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { notFound, succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { deliveryRecords } from "./delivery-records.js";

/**
 * The KPI's updates by period then revision, for everyone who may see the contract; each says
 * whether it is the one that counts.
 *
 * @example
 * const outcome = await listUpdates(deps, manager, contractId, kpiId);
 */
export async function listUpdates(deps: AppDeps, caller: Principal, contractId: string, kpiId: string): Promise<Outcome<KpiUpdate[]>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const partition = await deps.storage.delivery.read(visible.contract.id);
  const records = await deliveryRecords(deps, visible.contract, partition);
  if (!records.kpis.some((k) => k.id === kpiId)) return notFound("The KPI");
  return succeeded(updateViews(records.updates.filter((u) => u.kpiId === kpiId), records.reviews));
}

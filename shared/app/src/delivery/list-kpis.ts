// The contract's KPIs, and the commitments tracked like KPIs, with their periods today.
import type { Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";
import { kpiView, type KpiView } from "./kpi-view.js";

/**
 * Everyone who may see the contract may see its KPIs, with each period's target, status, value and rating.
 *
 * @example
 * const outcome = await listKpis(deps, manager, contractId);
 * if (outcome.ok) for (const kpi of outcome.value) console.log(kpi.title, kpi.currentRating);
 */
export async function listKpis(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<KpiView[]>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const { contract } = visible;
  const partition = await deps.storage.delivery.read(contract.id);
  const records = await deliveryRecords(deps, contract, partition);
  // Worked out from the records rather than read from the stored summary: an award's commitments
  // arrive without a delivery write, and the records are read anyway.
  const summary = nextSummary(deps, records, partition);
  return succeeded(records.kpis.map((kpi) => kpiView(deps, contract, kpi, summary, records.stored.get(kpi.id))));
}

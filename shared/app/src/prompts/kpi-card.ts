// What a KPI's card shows when someone presses it or Teams refreshes it: read once, for whoever may see the contract.
import { parsePeriod, promptKpi, updateViews, type KpiUpdate, type Principal, type PromptKpi } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { visibleContract } from "../delivery/delivery-access.js";
import { deliveryRecords } from "../delivery/delivery-records.js";
import { notFound, succeeded, type Outcome } from "../outcome.js";

/** A KPI as its card names and shows it, with the KPI's updates (every period and revision). */
export interface KpiCard {
  contractReference: string;
  contractTitle: string;
  kpiTitle: string;
  /** Its unit, target and last value for the card's period; absent when the period is not one. */
  kpi?: PromptKpi;
  updates: KpiUpdate[];
}

/**
 * The contract's and KPI's names, what the card shows of the KPI for `period`, and its updates,
 * for a caller who may see the contract (as listUpdates); a card naming another's contract or a
 * KPI that is not there is not found.
 *
 * @example
 * const card = await kpiCard(deps, user.principal, contractId, kpiId, "2026-03");
 */
export async function kpiCard(deps: AppDeps, caller: Principal, contractId: string, kpiId: string, period: string): Promise<Outcome<KpiCard>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const records = await deliveryRecords(deps, visible.contract, await deps.storage.delivery.read(visible.contract.id));
  const kpi = records.kpis.find((k) => k.id === kpiId);
  if (!kpi) return notFound("The KPI");
  const updates = records.updates.filter((u) => u.kpiId === kpiId);
  return succeeded({
    contractReference: visible.contract.reference,
    contractTitle: visible.contract.title,
    kpiTitle: kpi.title,
    // A forged card may carry any period: only a real one has a target to show.
    ...(parsePeriod(period) ? { kpi: promptKpi(kpi, period, updates, records.reviews) } : {}),
    updates: updateViews(updates, records.reviews),
  });
}

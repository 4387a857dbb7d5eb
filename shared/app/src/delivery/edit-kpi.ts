// Change a KPI: its words, who reports it, or its target from a named period on.
import { applyKpiPatch, type KpiPatch, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { invalid, notFound, stale, succeeded, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";
import { AWARDED_COMMITMENT_ETAG, kpiView, type KpiView } from "./kpi-view.js";

export interface EditKpiRequest {
  contractId: string;
  kpiId: string;
  /** The KPI's ETag as the caller read it: a change made since is not overwritten. */
  etag: string;
  patch: KpiPatch;
}

/**
 * Changes a KPI, for procurement officers and the contract's manager. A new target applies from
 * `fromPeriod` on; earlier periods keep the target they had, so their ratings stand. A commitment
 * tracked from the award is stored the first time it is changed (its reporting frequency, say).
 *
 * @example
 * const outcome = await editKpi(deps, manager, { contractId, kpiId, etag, patch: { target: 95, fromPeriod: "2026-04" } });
 */
export async function editKpi(deps: AppDeps, caller: Principal, request: EditKpiRequest): Promise<Outcome<KpiView>> {
  const managed = await managedContract(deps, caller, request.contractId, "change its KPIs");
  if (!managed.ok) return managed;
  const { contract } = managed;
  return deps.storage.delivery.change(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    const kpi = records.kpis.find((k) => k.id === request.kpiId);
    if (!kpi) return { result: notFound("The KPI") };
    const storedEtag = records.stored.get(kpi.id);
    if ((storedEtag ?? AWARDED_COMMITMENT_ETAG) !== request.etag) return { result: stale(`The KPI "${kpi.title}" has changed since it was read. Reload it and make your change again.`) };
    const changed = applyKpiPatch(contract, kpi, request.patch, { by: caller.userId, at: deps.now().toISOString(), hasUpdates: records.updates.some((u) => u.kpiId === kpi.id) });
    if (!changed.ok) return { result: invalid(changed.errors, "The change") };
    const next = changed.kpi;
    const summary = nextSummary(deps, { ...records, kpis: records.kpis.map((k) => (k.id === next.id ? next : k)) }, partition);
    const view = (etag: string) => succeeded(kpiView(deps, contract, next, summary, etag));
    return {
      result: view(""),
      answer: ([etag]) => view(etag ?? ""),
      writes: [storedEtag ? { kind: "replace-kpi", kpi: next, etag: storedEtag } : { kind: "create-kpi", kpi: next }],
      summary,
    };
  });
}

// Set a KPI on a contract.
import { newKpi, type KpiInput, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { succeeded, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";
import { kpiView, type KpiView } from "./kpi-view.js";

/**
 * Adds a KPI to the contract, for procurement officers and the contract's manager. Its target
 * applies from the contract's first period until it is changed.
 *
 * @example
 * const outcome = await createKpi(deps, manager, contractId, { title: "Missed collections", unit: "per 100,000", target: 50, direction: "lower", frequency: "monthly", reporter: "supplier" });
 */
export async function createKpi(deps: AppDeps, caller: Principal, contractId: string, input: KpiInput): Promise<Outcome<KpiView>> {
  const managed = await managedContract(deps, caller, contractId, "set its KPIs");
  if (!managed.ok) return managed;
  const { contract } = managed;
  const kpi = newKpi(contract, input, { id: deps.newId(), by: caller.userId, at: deps.now().toISOString() });
  return deps.storage.delivery.change(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    const summary = nextSummary(deps, { ...records, kpis: [...records.kpis, kpi] }, partition);
    const view = (etag: string) => succeeded(kpiView(deps, contract, kpi, summary, etag));
    return { result: view(""), answer: ([etag]) => view(etag ?? ""), writes: [{ kind: "create-kpi", kpi }], summary };
  });
}

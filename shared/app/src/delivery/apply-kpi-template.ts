// Set a contract's KPIs from a template of the library.
import { BUILT_IN_KPI_TEMPLATES, newKpi, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { invalid, succeeded, type Outcome } from "../outcome.js";
import { managedContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";
import { kpiView, type KpiView } from "./kpi-view.js";

/**
 * Adds every KPI of a template to the contract (one transaction: all or none), for procurement
 * officers and the contract's manager. A KPI of the same title already on the contract is not added again.
 *
 * @example
 * const outcome = await applyKpiTemplate(deps, manager, contractId, "builtin-waste");
 */
export async function applyKpiTemplate(deps: AppDeps, caller: Principal, contractId: string, templateId: string): Promise<Outcome<KpiView[]>> {
  const managed = await managedContract(deps, caller, contractId, "set its KPIs");
  if (!managed.ok) return managed;
  const { contract } = managed;
  const template = BUILT_IN_KPI_TEMPLATES.find((t) => t.id === templateId) ?? (await deps.storage.kpiTemplates.get(templateId));
  if (!template) return invalid([{ field: "templateId", message: "is not a template in the library (GET /api/kpi-templates lists them)" }], "The template");
  const at = deps.now().toISOString();
  return deps.storage.delivery.change(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    const have = new Set(records.kpis.map((k) => k.title.toLowerCase()));
    const added = template.kpis
      .filter((k) => !have.has(k.title.toLowerCase()))
      .map((input) => newKpi(contract, input, { id: deps.newId(), by: caller.userId, at, templateId: template.id }));
    const summary = nextSummary(deps, { ...records, kpis: [...records.kpis, ...added] }, partition);
    const views = (etags: readonly string[]) => succeeded(added.map((kpi, i) => kpiView(deps, contract, kpi, summary, etags[i] ?? "")));
    if (added.length === 0) return { result: views([]) };
    return { result: views([]), answer: views, writes: added.map((kpi) => ({ kind: "create-kpi" as const, kpi })), summary };
  });
}

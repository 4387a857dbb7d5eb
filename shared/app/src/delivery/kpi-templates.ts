// The KPI template library: built in, and added by procurement officers.
import { BUILT_IN_KPI_TEMPLATES, hasRole, type KpiTemplate, type KpiTemplateInput, type Principal } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, succeeded, type Outcome } from "../outcome.js";

/**
 * Every template, the built-in ones first; for the council's staff.
 *
 * @example
 * const outcome = await listKpiTemplates(deps, manager);
 */
export async function listKpiTemplates(deps: AppDeps, caller: Principal): Promise<Outcome<KpiTemplate[]>> {
  if (!hasRole(caller, "admin", "evaluator", "contract-manager")) return forbidden("Only the council's staff can see the KPI template library.");
  return succeeded([...BUILT_IN_KPI_TEMPLATES, ...(await deps.storage.kpiTemplates.list())]);
}

/**
 * Adds a template to the library, for procurement officers; a name already used (ignoring case) is refused.
 *
 * @example
 * const outcome = await addKpiTemplate(deps, admin, { name: "Library services", sector: "culture", description: "", kpis: [...] });
 */
export async function addKpiTemplate(deps: AppDeps, caller: Principal, input: KpiTemplateInput): Promise<Outcome<KpiTemplate>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can add KPI templates.");
  if (BUILT_IN_KPI_TEMPLATES.some((t) => t.name.toLowerCase() === input.name.toLowerCase())) return conflict(`A built-in KPI template is named "${input.name}" already: choose another name.`);
  const template: KpiTemplate = { id: deps.newId(), ...input, builtIn: false, createdAt: deps.now().toISOString(), createdBy: caller.userId };
  try {
    return succeeded(await deps.storage.kpiTemplates.create(template));
  } catch (error) {
    if (isStorageError(error, "conflict")) return conflict(error.message);
    throw error;
  }
}

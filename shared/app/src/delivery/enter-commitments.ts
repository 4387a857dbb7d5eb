// Enter the social value commitments of a contract that has no award in the suite (one signed
// before the suite existed), to track their delivery like an award's.
import { commitmentKpi, DEFAULT_CATALOGUE, hasRole, type EnteredCommitment, type FieldError, type KpiRecord, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, invalid, succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { catalogueMeasure, deliveryRecords, nextSummary } from "./delivery-records.js";
import { kpiView, type KpiView } from "./kpi-view.js";

/**
 * Adds commitments to a contract without an award, for procurement officers: each names a measure
 * of a catalogue version (the council's default when none is named) and the quantity committed
 * over the term; its value is fixed at that version's proxy, as an award's is.
 *
 * @example
 * const outcome = await enterCommitments(deps, admin, contractId, [{ measure: "CCC-EC03", quantity: 12 }]);
 */
export async function enterCommitments(deps: AppDeps, caller: Principal, contractId: string, commitments: readonly EnteredCommitment[]): Promise<Outcome<KpiView[]>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can enter a contract's social value commitments.");
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const { contract } = visible;
  const held = contract.award ?? contract.awardClaim;
  if (held) return conflict(`Contract ${contract.reference} carries the award from evaluation ${held.evaluationReference}: its commitments are the award's, so none can be entered.`);
  const errors: FieldError[] = [];
  const kpis: KpiRecord[] = [];
  for (const [index, entered] of commitments.entries()) {
    const version = entered.catalogueVersion ?? DEFAULT_CATALOGUE.version;
    const measure = await catalogueMeasure(deps, version, entered.measure);
    if (!measure) {
      errors.push({ field: `commitments[${index}].measure`, message: `is not a measure of catalogue version ${version}` });
      continue;
    }
    const committedValue = measure.proxyValue === null ? 0 : entered.quantity * measure.proxyValue;
    kpis.push(
      commitmentKpi(
        contract,
        { measure: measure.code, name: measure.name, theme: measure.theme, outcomes: measure.outcomes, unit: measure.unit, committedQuantity: entered.quantity, acceptedFraction: 1, proxyValue: measure.proxyValue, committedValue, catalogueVersion: version, source: "entered" },
        { id: deps.newId(), dueDays: deps.delivery.dueDays, ...(entered.frequency ? { frequency: entered.frequency } : {}) },
      ),
    );
  }
  if (errors.length > 0) return invalid(errors, "The commitments");
  return deps.storage.delivery.change<Outcome<KpiView[]>>(contract.id, async (partition) => {
    // Read again with the partition: an award that claimed the contract since is seen here.
    const claim = partition.award.claim;
    if (claim) return { result: conflict(`Contract ${contract.reference} is being awarded, or is awarded, from evaluation ${claim.evaluationReference}: its commitments are the award's, so none can be entered.`) };
    const records = await deliveryRecords(deps, contract, partition);
    const entered = new Set(records.kpis.filter((k) => k.commitment?.source === "entered").map((k) => k.commitment?.measure.toUpperCase()));
    const repeated = kpis.flatMap((k, index) => (entered.has(k.commitment?.measure.toUpperCase()) ? [{ field: `commitments[${index}].measure`, message: "is entered on this contract already: change that commitment's KPI instead" }] : []));
    if (repeated.length > 0) return { result: invalid(repeated, "The commitments") };
    const summary = nextSummary(deps, { ...records, kpis: [...records.kpis, ...kpis] }, partition);
    const views = (etags: readonly string[]) => succeeded(kpis.map((kpi, i) => kpiView(deps, contract, kpi, summary, etags[i] ?? "")));
    return { result: views([]), answer: views, writes: kpis.map((kpi) => ({ kind: "create-kpi" as const, kpi })), summary };
  });
}

// The UK9 contract performance notice of a confirmed assessment, as an OCDS release.
import { describeSupplier, performanceNotice, type OcdsRelease, type Principal, type SupplierRules } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { deliveryRecords } from "./delivery-records.js";

/**
 * The notice to publish on Find a Tender for a confirmed assessment: every KPI of the contract
 * with its rating, the supplier with its identifier and size; for everyone who may see the
 * contract (the notice is public once published).
 *
 * @example
 * const outcome = await getPerformanceNotice(deps, manager, contractId, assessmentId, rules);
 */
export async function getPerformanceNotice(deps: AppDeps, caller: Principal, contractId: string, assessmentId: string, rules: SupplierRules): Promise<Outcome<OcdsRelease>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const { contract } = visible;
  const partition = await deps.storage.delivery.read(contract.id);
  const records = await deliveryRecords(deps, contract, partition);
  const assessment = records.assessments.find((a) => a.id === assessmentId);
  if (!assessment) return unprocessable([{ field: "assessmentId", message: "is not an assessment of this contract" }], "The notice");
  if (assessment.status !== "confirmed") return unprocessable([{ field: "assessmentId", message: "names a draft assessment: confirm it first, then publish its notice" }], "The notice");
  const supplier = await deps.storage.suppliers.get(contract.supplierId);
  if (!supplier) return notFound("The contract's supplier");
  const { etag: _etag, ...record } = supplier;
  const { etag: _contractEtag, ...contractRecord } = contract;
  return succeeded(
    performanceNotice({
      buyer: deps.council,
      contract: contractRecord,
      supplier: describeSupplier(record, rules),
      assessment,
      kpis: records.kpis.filter((k) => k.kind === "kpi"),
      date: deps.now().toISOString(),
      ocidPrefix: deps.council.ocidPrefix,
    }),
  );
}

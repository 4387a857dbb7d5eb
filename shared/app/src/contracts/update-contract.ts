// Change a contract of the register: who may change what, and an award holding the contract to its
// winner (docs/award.md, "The right contract").
import { ADMIN_ONLY_CONTRACT_FIELDS, canSeeContract, hasRole, parsePeriod, periodError, type FieldError, type ContractPatch, type ContractRecord, type Principal } from "@toms/domain";
import type { Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, invalid, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { refreshDelivery } from "../delivery/refresh-delivery.js";
import { checkServiceArea } from "../service-areas/list-service-areas.js";

export interface UpdateContractRequest {
  contractId: string;
  /** The contract's ETag as the caller read it: a change made since then is not overwritten. */
  etag: string;
  patch: ContractPatch;
}

/**
 * Changes a contract, for procurement officers (any field) and its contract manager (not who it is
 * with, who manages it, what it is worth, why it is exempt from the KPI minimum). A new service
 * area must be one of the council's list. Its supplier cannot change while an award holds it,
 * being made or made: the contract's row says so (an award marks it before it writes anything),
 * so the change, written with the ETag of that row, never lands beside an award's commitments.
 * A stale ETag fails with StorageError precondition-failed, and nothing changes.
 *
 * @example
 * const outcome = await updateContract(deps, admin, { contractId, etag, patch: { title: "Parks and verges" } });
 * if (outcome.ok) console.log(outcome.value.etag);
 */
export async function updateContract(deps: AppDeps, caller: Principal, request: UpdateContractRequest): Promise<Outcome<Versioned<ContractRecord>>> {
  if (!hasRole(caller, "admin", "contract-manager")) return forbidden("Only procurement officers and contract managers can change a contract.");
  const { contracts, suppliers } = deps.storage;
  const current = await contracts.get(request.contractId);
  // Out of scope reads as not found: a contract manager must not learn of another's contract.
  if (!current || !canSeeContract(caller, current)) return notFound("The contract");
  let { patch } = request;
  if (!hasRole(caller, "admin")) {
    const adminOnly = ADMIN_ONLY_CONTRACT_FIELDS.filter((field) => field in patch);
    if (adminOnly.length > 0) return forbidden(`Only procurement officers can change ${adminOnly.join(", ")}.`);
  }
  if (patch.supplierId !== undefined && patch.supplierId !== current.supplierId) {
    const held = supplierHeld(current);
    if (held) return held;
    if (!(await suppliers.get(patch.supplierId))) return invalid([{ field: "supplierId", message: "is not a supplier in the register" }], "The change");
  }
  // Checked only when it changes: a contract's area later taken off the list is not refused for that.
  if (patch.serviceArea !== undefined && patch.serviceArea !== current.serviceArea) {
    const area = await checkServiceArea(deps, patch.serviceArea, "serviceArea");
    if (!area.ok) return invalid([area.error], "The change");
    patch = { ...patch, serviceArea: area.serviceArea };
  }
  const next = { ...current, ...patch };
  if (next.endDate < next.startDate) return invalid([{ field: "endDate", message: "must be on or after the start date" }], "The change");
  const termChanged = next.startDate !== current.startDate || next.endDate !== current.endDate;
  if (termChanged) {
    const lost = await reportedOutside(deps, current.id, next);
    if (lost) return unprocessable([lost], "The change");
  }
  const updated = await contracts.update(current, patch, request.etag);
  // A new term changes the periods of the commitments tracked, and so the dashboards' summary.
  if (termChanged) await refreshDelivery(deps, updated);
  return succeeded(updated);
}

/**
 * A period with updates recorded that the new term would leave out (its updates would drop out
 * of every view and total), named by the date that leaves it out; undefined when there is none.
 */
async function reportedOutside(deps: AppDeps, contractId: string, term: { startDate: string; endDate: string }): Promise<FieldError | undefined> {
  const summary = (await deps.storage.delivery.summary(contractId))?.summary;
  for (const kpi of summary?.kpis ?? []) {
    for (const period of Object.keys(summary?.periods[kpi.id] ?? {})) {
      if (!periodError(term, kpi.frequency, period)) continue;
      const field = (parsePeriod(period)?.endDate ?? "") < term.startDate ? "startDate" : "endDate";
      return { field, message: `would leave out ${period}, which has updates recorded for "${kpi.title}": the contract must still cover every period reported` };
    }
  }
  return undefined;
}

/** Why the contract's supplier cannot change: an award made, or one being made, holds it. */
function supplierHeld(contract: ContractRecord) {
  if (contract.award) {
    return conflict(`Contract ${contract.reference} is awarded to ${contract.award.bidder} from evaluation ${contract.award.evaluationReference}, so its supplier cannot change. A procurement officer can withdraw the award first.`, [
      { field: "supplierId", message: "cannot change while the contract carries an award" },
    ]);
  }
  if (contract.awardClaim) {
    return conflict(`Contract ${contract.reference} is being awarded to ${contract.awardClaim.bidder} from evaluation ${contract.awardClaim.evaluationReference}, so its supplier cannot change. Wait for that award to finish; if it was left unfinished, a procurement officer can withdraw it to release the contract.`, [
      { field: "supplierId", message: "cannot change while the contract is being awarded" },
    ]);
  }
  return undefined;
}

// Complete or correct a supplier of the register (one added at award has only its name).
import { hasRole, type Principal, type SupplierPatch, type SupplierRecord } from "@toms/domain";
import type { Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { forbidden, notFound, succeeded, type Outcome } from "../outcome.js";

export interface UpdateSupplierRequest {
  supplierId: string;
  /** The supplier's ETag as the caller read it: a change made since then is not overwritten. */
  etag: string;
  patch: SupplierPatch;
}

/**
 * Changes a supplier's details, for procurement officers only. A stale ETag fails with
 * StorageError precondition-failed, and nothing changes.
 *
 * @example
 * const outcome = await updateSupplier(deps, admin, { supplierId, etag, patch: { postcode: "CV1 2GT", employees: 12 } });
 * if (outcome.ok) console.log(outcome.value.etag);
 */
export async function updateSupplier(deps: AppDeps, caller: Principal, request: UpdateSupplierRequest): Promise<Outcome<Versioned<SupplierRecord>>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers can change a supplier's details.");
  const current = await deps.storage.suppliers.get(request.supplierId);
  if (!current) return notFound("The supplier");
  return succeeded(await deps.storage.suppliers.update(current, request.patch, request.etag));
}

// Add a contract to the register: with a supplier of the register, in one of the council's
// service areas.
import { hasRole, type ContractInput, type ContractRecord, type Principal } from "@toms/domain";
import { isStorageError, type Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, invalid, succeeded, type Outcome } from "../outcome.js";
import { checkServiceArea } from "../service-areas/list-service-areas.js";

/**
 * Adds a contract, for procurement officers (admin). Its supplier must be in the register, its
 * service area in the council's list (stored as the list spells it), and its reference not
 * another contract's.
 *
 * @example
 * const outcome = await createContract(deps, admin, { reference: "CCC-2026-014", title: "Parks maintenance", supplierId, category: "services", value: 2_300_000, startDate: "2026-04-01", endDate: "2029-03-31", managerId: "tom.brennan", serviceArea: "Streetscene and Regulatory Services" });
 * if (outcome.ok) console.log(outcome.value.id, outcome.value.etag);
 * else console.log(outcome.message); // e.g. "The contract: serviceArea must be one of the council's service areas: ..."
 */
export async function createContract(deps: AppDeps, caller: Principal, input: ContractInput): Promise<Outcome<Versioned<ContractRecord>>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can add a contract.");
  const { contracts, suppliers } = deps.storage;
  const [supplier, area] = await Promise.all([suppliers.get(input.supplierId), checkServiceArea(deps, input.serviceArea, "serviceArea")]);
  const errors = [...(supplier ? [] : [{ field: "supplierId", message: "is not a supplier in the register" }]), ...(area.ok ? [] : [area.error])];
  if (!area.ok || errors.length > 0) return invalid(errors, "The contract");
  try {
    return succeeded(await contracts.create({ ...input, serviceArea: area.serviceArea }, deps.newId()));
  } catch (error) {
    if (!isStorageError(error, "conflict")) throw error;
    return conflict(`A contract with reference ${input.reference} already exists. Give the new contract another reference.`, [{ field: "reference", message: "is already another contract's reference" }]);
  }
}

// Procurement adds a service area to the council's list (a directorate renamed, a new service).
import { DEFAULT_SERVICE_AREAS, hasRole, listedServiceArea, type Principal, type ServiceAreaInput } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, succeeded, type Outcome } from "../outcome.js";

/**
 * Adds a service area, for procurement officers (admin). A name already in the list, in any case,
 * is a conflict: the list holds each area once.
 *
 * @example
 * const outcome = await addServiceArea(deps, admin, { name: "Public Health" });
 * if (outcome.ok) console.log(`${outcome.value.name} added`);
 * else console.log(outcome.kind); // "conflict" when it is already there
 */
export async function addServiceArea(deps: AppDeps, caller: Principal, input: ServiceAreaInput): Promise<Outcome<{ name: string }>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can add a service area.");
  const name = input.name.trim();
  const existing = listedServiceArea(name, DEFAULT_SERVICE_AREAS);
  if (existing !== undefined || !(await deps.storage.serviceAreas.add(name, caller.userId))) {
    return conflict(`${existing ?? name} is already one of the council's service areas.`, [{ field: "name", message: "is already a service area" }]);
  }
  return succeeded({ name });
}

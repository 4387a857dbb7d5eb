// The council's service areas: the defaults every installation starts with, and those procurement
// officers added.
import { DEFAULT_SERVICE_AREAS, listedServiceArea, serviceAreaError, serviceAreaList, type FieldError, type Principal } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { forbidden, succeeded, type Outcome } from "../outcome.js";

/**
 * The service areas a contract can be recorded in, for anyone signed in with a role (staff and
 * supplier contacts alike: the list is the council's structure, not a secret): the defaults and
 * those added, sorted by name, each once ignoring case.
 *
 * @example
 * const outcome = await listServiceAreas(deps, caller);
 * if (outcome.ok) console.log(outcome.value.join(", ")); // "Adult Services, Children's Services, ..."
 */
export async function listServiceAreas(deps: AppDeps, caller: Principal): Promise<Outcome<string[]>> {
  if (caller.roles.length === 0) return forbidden("Your sign-in gives you no role in the TOMs Suite. Ask an administrator for one.");
  return succeeded(await serviceAreas(deps));
}

/** The list, read for a check (the caller's right to see it is the use case's). */
export async function serviceAreas(deps: AppDeps): Promise<string[]> {
  return serviceAreaList(DEFAULT_SERVICE_AREAS, await deps.storage.serviceAreas.list());
}

/**
 * The service area as the council's list spells it, or the error naming `field` with the list.
 *
 * @example
 * const area = await checkServiceArea(deps, "adult services", "serviceArea");
 * if (!area.ok) return invalid([area.error], "The contract");
 */
export async function checkServiceArea(deps: AppDeps, name: string, field: string): Promise<{ ok: true; serviceArea: string } | { ok: false; error: FieldError }> {
  const list = await serviceAreas(deps);
  const listed = listedServiceArea(name, list);
  return listed === undefined ? { ok: false, error: serviceAreaError(field, list) } : { ok: true, serviceArea: listed };
}

// The council's list of service areas (the defaults and those procurement added), and the check
// that a contract names one of them.
import type { FieldError } from "../field-error.js";

const byName = (a: string, b: string) => a.localeCompare(b, "en-GB", { sensitivity: "base" });

/**
 * The defaults and the added areas as one list: sorted by name, each name once ignoring case (a
 * default's spelling wins over an added one's).
 */
export function serviceAreaList(defaults: readonly string[], added: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of [...defaults, ...added]) {
    const key = name.trim().toLowerCase();
    if (!seen.has(key)) seen.set(key, name.trim());
  }
  return [...seen.values()].sort(byName);
}

/** The list's spelling of a service area named in any case, or undefined when it is not in the list. */
export function listedServiceArea(name: string, list: readonly string[]): string | undefined {
  const key = name.trim().toLowerCase();
  return list.find((area) => area.toLowerCase() === key);
}

/**
 * Why a service area cannot be recorded: it is not in the council's list. `field` names it as
 * the request does ("serviceArea", or "contract.serviceArea" in an award).
 */
export function serviceAreaError(field: string, list: readonly string[]): FieldError {
  const choices = list.length > 0 ? `must be one of the council's service areas: ${list.join(", ")}` : "must be one of the council's service areas, and none is set up yet";
  return { field, message: `${choices}; a procurement officer can add one` };
}

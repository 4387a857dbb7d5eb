// Custom functions for the TOMS namespace, in the task pane's shared runtime. Their metadata
// (functions.json) is generated from the JSDoc below by custom-functions-metadata.
import { DEFAULT_CATALOGUE, measureIndex, type Catalogue, type Measure } from "@toms/domain";

/** Finds a catalogue version (the latest when left out), or null when there is none. */
export type CatalogueLookup = (version: string | undefined) => Promise<Catalogue | null>;

/** Before the pane signs in: the council's built-in version when asked for by name. "The latest"
 * is not answered, so a formula without a version never changes value when someone signs in. */
export const builtInLookup: CatalogueLookup = (version) => Promise.resolve(version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : null);

let lookup = builtInLookup;

/** Lets the functions use the signed-in session's catalogues. */
export function setCatalogueLookup(next: CatalogueLookup): void {
  lookup = next;
}

// Formulas recalculate cell by cell: each catalogue's index of codes is built once.
const indexes = new WeakMap<Catalogue, Map<string, Measure>>();
function indexOf(catalogue: Catalogue): Map<string, Measure> {
  let index = indexes.get(catalogue);
  if (!index) indexes.set(catalogue, (index = measureIndex(catalogue)));
  return index;
}

function failure(message: string): Error {
  return typeof CustomFunctions === "undefined" ? new Error(message) : new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

async function measureOf(code: string, version: string | undefined): Promise<Measure> {
  const wanted = version === undefined || version === null || String(version).trim() === "" ? undefined : String(version).trim();
  const catalogue = await lookup(wanted);
  if (!catalogue && wanted === undefined) throw failure(`Sign in in the TOMs pane to use the council's latest catalogue, or name the version, for example "${DEFAULT_CATALOGUE.version}".`);
  if (!catalogue) throw failure(`Catalogue version ${wanted} is not available. Check the version; the council's published versions are available once you sign in in the TOMs pane.`);
  const measure = indexOf(catalogue).get(String(code).trim().toUpperCase());
  if (!measure) throw failure(`Catalogue version ${catalogue.version} has no measure ${code}.`);
  return measure;
}

/**
 * The proxy value of a TOMs measure: social value in pounds for one unit.
 * @customfunction PROXY
 * @param code The measure's code, for example "CCC-EC03".
 * @param [version] The catalogue version, for example "2026.1"; the latest published when left out (after sign-in).
 * @returns Pounds of social value per unit.
 */
export async function proxy(code: string, version?: string): Promise<number> {
  const measure = await measureOf(code, version);
  if (measure.proxyValue === null) throw failure(`${measure.code} is record only: it has no proxy value and adds no social value.`);
  return measure.proxyValue;
}

/**
 * The social value of a quantity of a TOMs measure: quantity times proxy value (0 if record only).
 * @customfunction VALUE
 * @param code The measure's code, for example "CCC-EC03".
 * @param quantity The quantity, in the measure's unit.
 * @param [version] The catalogue version, for example "2026.1"; the latest published when left out (after sign-in).
 * @returns Pounds of social value.
 */
export async function value(code: string, quantity: number, version?: string): Promise<number> {
  const measure = await measureOf(code, version);
  return quantity * (measure.proxyValue ?? 0);
}

/** Registers the functions with Excel; the ids match the metadata's. */
export function registerFunctions(): void {
  if (typeof CustomFunctions === "undefined") return;
  CustomFunctions.associate("PROXY", proxy);
  CustomFunctions.associate("VALUE", value);
}

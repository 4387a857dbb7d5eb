// Where the CLI finds catalogues. The seam for storage: the CLI only ever asks a CatalogueSource,
// so storage-backed catalogues plug in by passing another source to `run`.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { DEFAULT_CATALOGUE, parseCatalogueCsv, type Catalogue, type CatalogueReadResult } from "@toms/domain";
import { catalogueFromXlsx } from "@toms/xlsx";

export interface CatalogueSource {
  /** The catalogue of this exact version, or null when the source does not hold it. */
  get(version: string): Promise<Catalogue | null>;
  /** The most recently published catalogue. */
  latest(): Promise<Catalogue>;
  /** Every version the source holds, oldest first, for messages. */
  versions(): Promise<string[]>;
  /**
   * Publishes a validated catalogue as a new, immutable version. Absent when the source cannot
   * store (the built-in catalogue): `toms catalogue import` then validates only.
   */
  publish?(catalogue: Catalogue): Promise<void>;
}

/** The council's default catalogue, built in; used until storage is wired in. */
export const builtInCatalogues: CatalogueSource = {
  get: (version) => Promise.resolve(version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : null),
  latest: () => Promise.resolve(DEFAULT_CATALOGUE),
  versions: () => Promise.resolve([DEFAULT_CATALOGUE.version]),
};

/** Reads a catalogue file: CSV, or the first sheet of an .xlsx, in the exchange format. */
export async function readCatalogueFile(path: string): Promise<CatalogueReadResult> {
  if (extname(path).toLowerCase() === ".xlsx") return catalogueFromXlsx(await readFile(path));
  return parseCatalogueCsv(await readFile(path, "utf8"));
}

// Where the CLI finds catalogues. The seam for storage: the CLI only ever asks a CatalogueSource,
// so storage-backed catalogues plug in by passing another source to `run`. Catalogue files are
// read here too, within the limits every catalogue file has.
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { CATALOGUE_LIMITS, DEFAULT_CATALOGUE, parseCatalogueCsv, type Catalogue, type CatalogueReadResult } from "@toms/domain/evaluation";
import type { CatalogueFile, CataloguePublication, Outcome } from "@toms/app";
import { cannotRead, Refusal } from "./refusal.js";

export interface CatalogueSource {
  /** The catalogue of this exact version, or null when the source does not hold it. */
  get(version: string): Promise<Catalogue | null>;
  /** The most recently published catalogue. */
  latest(): Promise<Catalogue>;
  /** Every version the source holds, oldest first. */
  all(): Promise<Catalogue[]>;
  /** The names of those versions, oldest first, for messages. */
  versions(): Promise<string[]>;
  /**
   * Publishes each version of a file that is not published yet (`publishCatalogues` in
   * `@toms/app`). Absent when the source cannot store (the built-in catalogue): `toms catalogue
   * import` then checks only.
   */
  publish?(file: CatalogueFile): Promise<Outcome<CataloguePublication>>;
}

/** The council's default catalogue, built in: a source that needs no storage. */
export const builtInCatalogues: CatalogueSource = {
  get: (version) => Promise.resolve(version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : null),
  latest: () => Promise.resolve(DEFAULT_CATALOGUE),
  all: () => Promise.resolve([DEFAULT_CATALOGUE]),
  versions: () => Promise.resolve([DEFAULT_CATALOGUE.version]),
};

const MB = 1024 * 1024;

/**
 * Reads a catalogue file: CSV, or the first sheet of an .xlsx, in the exchange format. Refuses a
 * file that is missing, of another kind or larger than a catalogue file may be, before reading it.
 */
export async function readCatalogueFile(path: string): Promise<CatalogueReadResult> {
  const name = basename(path);
  const kind = extname(path).toLowerCase();
  if (kind !== ".csv" && kind !== ".xlsx") {
    throw new Refusal(`${name} is not a catalogue file: give a CSV file (.csv) or an Excel workbook (.xlsx).`);
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Refusal(`The catalogue file ${path} does not exist.`);
    throw cannotRead(path, error);
  }
  if (size > CATALOGUE_LIMITS.fileBytes) {
    throw new Refusal(`${name} is ${(size / MB).toFixed(1)} MB; a catalogue file may be at most ${CATALOGUE_LIMITS.fileBytes / MB} MB. Split it into several files.`);
  }
  const bytes = await readFile(path).catch((error: unknown) => {
    throw cannotRead(path, error);
  });
  if (kind === ".csv") return parseCatalogueCsv(bytes.toString("utf8"));
  // exceljs is loaded only for a workbook.
  const { catalogueFromXlsx } = await import("@toms/xlsx");
  return catalogueFromXlsx(bytes);
}

// Publish a catalogue file: each version it holds that is not published yet, and none of them when
// one is published with other measures (docs/scoring.md says the rule in words; docs/storage.md the
// claim that keeps parallel publishers apart).
import { catalogueProblemLines, changedVersionsMessage, DEFAULT_CATALOGUE, hasRole, sameMeasures, versionBeingPublishedMessage, type Catalogue, type CatalogueReadResult, type Principal, type VersionBeingPublished } from "@toms/domain";
import type { CatalogueVersionSummary } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, succeeded, type Failure, type FieldError, type Outcome } from "../outcome.js";

/**
 * A catalogue file as read (`parseCatalogueCsv`, `catalogueFromXlsx`): its versions, or its
 * problems. `name` is the file's name when it has one (`toms catalogue import` reads a file on
 * disk; an upload has none), for the messages.
 */
export type CatalogueFile = CatalogueReadResult & { name?: string };

/** What publishing a catalogue file did, version by version, in the file's order. */
export interface CataloguePublication {
  /** Versions published now. */
  published: CatalogueVersionSummary[];
  /** Versions already published with exactly these measures: nothing to do. */
  unchanged: string[];
}

/** A file's problems as one failure: each problem's place as its field, and the first ones in a sentence. */
function invalidFile(file: Extract<CatalogueFile, { ok: false }>): Failure {
  const total = file.problems.length + file.unlisted;
  const errors: FieldError[] = file.problems.map((p) => ({ field: [p.row ? `row ${p.row}` : "", p.column ?? ""].filter(Boolean).join(", "), message: p.message }));
  const message = `${file.name ?? "The catalogue"} has ${total === 1 ? "a problem" : `${total} problems`}: ${catalogueProblemLines(file).join(" ")}`;
  return { ok: false, kind: "invalid", message, errors };
}

/**
 * Publishes each catalogue version of a file that is not published yet, for procurement officers
 * (admin): the one rule behind `toms catalogue import` and `POST /api/catalogue`. A version
 * already published with the same measures (in any order) is left as it is; one published with
 * other measures refuses the whole file (conflict) before anything is written. The council's
 * built-in version counts as published. The publisher recorded is the caller's user id.
 *
 * Each version is written by the repository's `publish`, which claims the version before its rows
 * are written. So a version published by someone else between this look-up and that write is
 * still never changed: it is refused (with the versions published meanwhile named), or, with the
 * same measures, unchanged. One that someone else is still publishing is refused too, saying who
 * and since when: with the same measures, after a few seconds' wait for it.
 *
 * @example
 * const outcome = await publishCatalogues(deps, caller, { ...parseCatalogueCsv(text), name: "proxy-values-2027.csv" });
 * if (outcome.ok) console.log(`published ${outcome.value.published.map((s) => s.version).join(", ")}`);
 * else console.log(outcome.kind, outcome.message); // e.g. "conflict", "Version 2026.1 is already published with different measures, ..."
 */
export async function publishCatalogues(deps: AppDeps, caller: Principal, file: CatalogueFile): Promise<Outcome<CataloguePublication>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can publish catalogue versions.");
  if (!file.ok) return invalidFile(file);
  const repository = deps.storage.catalogues;
  const publication: CataloguePublication = { published: [], unchanged: [] };
  const changed: string[] = [];
  const published = async (version: string) => (version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : await repository.get(version));
  const fresh: Catalogue[] = [];
  for (const catalogue of file.catalogues) {
    const existing = await published(catalogue.version);
    if (!existing) fresh.push(catalogue);
    else if (sameMeasures(existing, catalogue)) publication.unchanged.push(catalogue.version);
    else changed.push(catalogue.version);
  }
  const beingPublished: VersionBeingPublished[] = [];
  if (changed.length === 0) {
    for (const catalogue of fresh) {
      // Someone else may have claimed this version since it was looked up: publish says so.
      const result = await repository.publish(catalogue, caller.userId);
      if (result.outcome === "published") publication.published.push(result.summary);
      else if (result.outcome === "unchanged") publication.unchanged.push(catalogue.version);
      else if (result.outcome === "changed") changed.push(catalogue.version);
      else beingPublished.push(result.other);
    }
  }
  if (changed.length === 0 && beingPublished.length === 0) return succeeded(publication);
  const reasons = [...(changed.length > 0 ? [changedVersionsMessage(changed)] : []), ...beingPublished.map(versionBeingPublishedMessage)];
  const written = publication.published.map((s) => s.version);
  const after = written.length > 0 ? ` Published meanwhile: ${written.join(", ")}.` : file.name ? ` Nothing in ${file.name} was published.` : " Nothing was published.";
  return conflict(`${reasons.join(" ")}${after}`);
}

// The catalogue versions a new evaluation can start from, as the version picker offers them: the
// council's default marked, and chosen first; the newest only while the default is not published.
import type { CatalogueVersions } from "../api/client.js";

/** One entry of the version picker. */
export interface VersionChoice {
  version: string;
  /** What the picker's button shows once chosen, e.g. "2026.1 (default)". */
  text: string;
  /** The entry in the list, e.g. "2026.1 (default, 52 measures)". */
  label: string;
}

export interface VersionPicker {
  choices: VersionChoice[];
  /** The version the pane opens on; null when none is published. */
  opening: string | null;
  /** Why the pane does not open on the council's default, for the evaluator; null when it does. */
  notice: string | null;
}

/** The picker for the versions the service lists (newest first). */
export function versionPicker({ defaultVersion, items }: CatalogueVersions): VersionPicker {
  const choices = items.map((v) => {
    const measures = `${v.measureCount} ${v.measureCount === 1 ? "measure" : "measures"}`;
    return { version: v.version, text: v.default ? `${v.version} (default)` : v.version, label: v.default ? `${v.version} (default, ${measures})` : `${v.version} (${measures})` };
  });
  const byDefault = items.find((v) => v.default)?.version;
  const newest = items[0]?.version;
  if (byDefault) return { choices, opening: byDefault, notice: null };
  if (!newest) return { choices, opening: null, notice: "No catalogue version is published yet. Ask a procurement officer to publish the council's catalogue." };
  return {
    choices,
    opening: newest,
    notice: `The council's default catalogue version, ${defaultVersion}, is not published yet, so the newest, ${newest}, is chosen. Ask a procurement officer to publish ${defaultVersion}, or choose the version this tender uses.`,
  };
}

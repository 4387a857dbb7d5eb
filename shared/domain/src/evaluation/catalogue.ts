// The catalogue of measures a tender is scored with. A version never changes once an
// evaluation uses it: a new set of proxy values is a new version.
import { ukDateTime } from "../register/dates.js";

/** The money unit's label when the council has not configured one. */
export const DEFAULT_MONEY_LABEL = "Coventry £";

export interface Measure {
  /** Stable code, e.g. "CCC-EC03"; unique within a catalogue (compared case-insensitively). */
  code: string;
  /** "Economic", "Social", "Environmental" in the council's catalogue; imported lists may differ. */
  theme: string;
  /** Every outcome the measure serves; a measure listed under several outcomes is one measure. */
  outcomes: string[];
  name: string;
  /** What one unit of quantity is, e.g. "FTE years", "hours", "tonnes CO2e". */
  unit: string;
  /** £ of social value per unit, or null for a record-only measure that adds no value. */
  proxyValue: number | null;
  /** Where the proxy value comes from, or why the measure is record only. */
  source: string;
}

export interface Catalogue {
  version: string;
  /** Label for the money unit in reports; DEFAULT_MONEY_LABEL when absent. */
  moneyLabel?: string;
  measures: Measure[];
}

/** Measures by upper-cased code, for matching codes evaluators type in any case. */
export function measureIndex(catalogue: Catalogue): Map<string, Measure> {
  return new Map(catalogue.measures.map((m) => [m.code.toUpperCase(), m]));
}

/** Themes in the order they first appear in the catalogue. */
export function catalogueThemes(catalogue: Catalogue): string[] {
  return [...new Set(catalogue.measures.map((m) => m.theme))];
}

/**
 * A catalogue's measures as one text that does not depend on their order (nor on the order of a
 * measure's outcomes), nor on the version's name or money label: equal texts, same measures.
 */
export function catalogueContent(catalogue: Catalogue): string {
  const key = (m: Measure) => JSON.stringify([m.code, m.theme, [...m.outcomes].sort(), m.name, m.unit, m.proxyValue, m.source]);
  return catalogue.measures.map(key).sort().join("\n");
}

/**
 * True when two catalogues hold the same measures, in any order: what decides whether a file's
 * version is the one already published (nothing to do) or a change to it (refused, as a
 * published version never changes).
 */
export function sameMeasures(a: Catalogue, b: Catalogue): boolean {
  return catalogueContent(a) === catalogueContent(b);
}

/** A version another publisher has claimed and not finished writing (`CatalogueRepository.publish`). */
export interface VersionBeingPublished {
  version: string;
  publishedBy: string;
  /** When that publish started. */
  since: Date;
  /** Whether it writes the same measures as the file being published. */
  sameMeasures: boolean;
}

/**
 * Why a version being published by someone else is not published from this file too: the same
 * measures are theirs to finish (or, stopped, to take over after a minute); other measures would
 * change a version once it is published.
 */
export function versionBeingPublishedMessage(other: VersionBeingPublished): string {
  const what = `Version ${other.version} is being published by ${other.publishedBy} since ${ukDateTime(other.since)}`;
  return other.sameMeasures
    ? `${what}; try again in a minute.`
    : `${what}, with other measures. Once published, a version never changes: give the new values a new version, or try again in a minute if that publish has stopped.`;
}

/** Why a file changing published versions is refused: the words the CLI and the API both use. */
export function changedVersionsMessage(changed: readonly string[]): string {
  const one = changed.length === 1;
  return `${one ? "Version" : "Versions"} ${changed.join(", ")} ${one ? "is" : "are"} already published with different measures, and a published version never changes. Give the new values a new version.`;
}

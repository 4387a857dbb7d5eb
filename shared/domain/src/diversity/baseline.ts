// A year's baseline: the answers counted question by question, with the council's size bands and
// the Procurement Act SME test worked out from the bands, then published through disclosure control.
import type { SizeThresholds } from "../register/supplier.js";
import { DEFAULT_SIZE_THRESHOLDS, SIZE_BANDS } from "../register/supplier.js";
import { businessSize } from "./business-size.js";
import { suppressTables, type FrequencyTable, type PublishedTable } from "./disclosure.js";
import { questionsAsked, type Questionnaire } from "./questionnaire.js";
import type { DiversityAnswers } from "./responses.js";

/** A published count: `null` when it is suppressed. */
export type PublishedCount = number | null;

/** The counts of one question's answers, and how many answered it. */
export interface BaselineCounts {
  counts: Readonly<Record<string, PublishedCount>>;
  answered: PublishedCount;
}

/** What a year's answers say, with nobody identifiable (docs/diversity.md, "Publishing counts"). */
export interface DiversityBaseline {
  year: number;
  questionnaireVersion: string;
  suppressionThreshold: number;
  /** How many businesses answered. */
  total: number;
  /** How many were asked (the campaign's SMEs), and the share that answered (per cent, one decimal). */
  invited: number | null;
  responseRate: number | null;
  /** Who owns the businesses: the questionnaire's ownership questions. */
  characteristics: Readonly<Record<string, BaselineCounts>>;
  /** The council's size bands (micro, small, medium, large, unknown), worked out from the bands answered. */
  sizeBands: BaselineCounts;
  /** The Procurement Act 2023 SME test: yes, no, unknown. */
  statutorySme: BaselineCounts;
  sectors: BaselineCounts;
  /** The barriers to tendering, each business naming as many as apply. */
  barriers: BaselineCounts;
}

/** Options for `diversityBaseline`. */
export interface BaselineOptions {
  /** Counts from 1 to threshold − 1 are suppressed (default 10). */
  threshold?: number;
  /** How many businesses the year's campaign asked. */
  invited?: number;
  sizeThresholds?: SizeThresholds;
}

const OWNERSHIP_SECTION = "ownership";

/** A choice question's table: one cell per option, counted from the answers that gave one. */
function tableOf(id: string, values: readonly string[], multiple: boolean, answers: readonly DiversityAnswers[]): FrequencyTable {
  const cells: Record<string, number> = Object.fromEntries(values.map((value) => [value, 0]));
  let answered = 0;
  for (const answer of answers) {
    const given = answer[id];
    const chosen = (Array.isArray(given) ? given : typeof given === "string" ? [given] : []).filter((value) => value in cells);
    if (chosen.length === 0) continue;
    answered += 1;
    for (const value of multiple ? chosen : chosen.slice(0, 1)) cells[value] = (cells[value] ?? 0) + 1;
  }
  return multiple ? { id, kind: "multi", cells, total: answered } : { id, kind: "partition", cells, total: answered };
}

function countsOf(table: PublishedTable | undefined): BaselineCounts {
  return { counts: table?.cells ?? {}, answered: table?.total ?? null };
}

/**
 * The year's baseline from the answers given under `questionnaire` (one per business): every
 * count goes through `suppressTables`, so a count below the threshold, or one that could be worked
 * out from the others, is `null`.
 *
 * @example
 * const baseline = diversityBaseline(2026, QUESTIONNAIRE_V1, answers, { invited: 420 });
 * baseline.characteristics.ethnicMinorityOwned?.counts.yes; // a number, or null when suppressed
 */
export function diversityBaseline(year: number, questionnaire: Questionnaire, answers: readonly DiversityAnswers[], options: BaselineOptions = {}): DiversityBaseline {
  const asked = questionsAsked(questionnaire);
  const ownership = new Set(questionnaire.sections.find((section) => section.id === OWNERSHIP_SECTION)?.questions.map((q) => q.id) ?? []);
  const tables: FrequencyTable[] = [];
  for (const question of asked) {
    if (question.kind === "free-text") continue;
    if (!ownership.has(question.id) && question.id !== "sector" && question.id !== "barriers") continue;
    tables.push(tableOf(question.id, question.options.map((o) => o.value), question.kind === "multiple-choice", answers));
  }
  // Size from the bands answered: every business falls in one band, or "unknown".
  const sizes = answers.map((answer) => businessSize({ ...(typeof answer["employeesBand"] === "string" ? { employeesBand: answer["employeesBand"] } : {}), ...(typeof answer["turnoverBand"] === "string" ? { turnoverBand: answer["turnoverBand"] } : {}), ...(typeof answer["balanceSheetBand"] === "string" ? { balanceSheetBand: answer["balanceSheetBand"] } : {}) }, options.sizeThresholds ?? DEFAULT_SIZE_THRESHOLDS));
  const bandCells: Record<string, number> = Object.fromEntries([...SIZE_BANDS, "unknown"].map((band) => [band, 0]));
  const smeCells: Record<string, number> = { yes: 0, no: 0, unknown: 0 };
  for (const size of sizes) {
    bandCells[size.councilBand] = (bandCells[size.councilBand] ?? 0) + 1;
    const sme = size.statutorySme === "unknown" ? "unknown" : size.statutorySme ? "yes" : "no";
    smeCells[sme] = (smeCells[sme] ?? 0) + 1;
  }
  tables.push({ id: "sizeBands", kind: "partition", cells: bandCells, total: answers.length }, { id: "statutorySme", kind: "partition", cells: smeCells, total: answers.length });

  const published = suppressTables({ respondents: answers.length, tables }, options.threshold === undefined ? {} : { threshold: options.threshold });
  const byId = new Map(published.tables.map((table) => [table.id, table]));
  const invited = options.invited ?? null;
  return {
    year,
    questionnaireVersion: questionnaire.version,
    suppressionThreshold: published.threshold,
    total: published.respondents,
    invited,
    responseRate: invited ? Math.round((1000 * answers.length) / invited) / 10 : null,
    characteristics: Object.fromEntries([...ownership].filter((id) => byId.has(id)).map((id) => [id, countsOf(byId.get(id))])),
    sizeBands: countsOf(byId.get("sizeBands")),
    statutorySme: countsOf(byId.get("statutorySme")),
    sectors: countsOf(byId.get("sector")),
    barriers: countsOf(byId.get("barriers")),
  };
}

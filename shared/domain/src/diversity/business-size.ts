// A business's size from its banded answers: the council's band and the Procurement Act SME test,
// side by side, each "unknown" when the bands given cannot settle it (never guessed).
import { DEFAULT_SIZE_THRESHOLDS, STATUTORY_SME_LIMIT, UNKNOWN, type SizeBand, type SizeBandLimit, type SizeThresholds } from "../register/supplier.js";
import { BALANCE_SHEET_BANDS, EMPLOYEE_BANDS, TURNOVER_BANDS, type BandOption } from "./questionnaire.js";

/** Both classifications of one business. */
export interface BusinessSize {
  /** The council's band (micro, small, medium or large). */
  councilBand: SizeBand | typeof UNKNOWN;
  /** Whether the Procurement Act counts it an SME. */
  statutorySme: boolean | typeof UNKNOWN;
}

/** The banded answers size is worked out from; any may be missing or "prefer-not-to-say". */
export interface SizeAnswers {
  employeesBand?: string;
  turnoverBand?: string;
  balanceSheetBand?: string;
}

// Three-valued: undefined when the band straddles the limit or was not given.
type Maybe = boolean | undefined;

const OPEN: BandOption = { value: UNKNOWN, label: "Not known" };

function bandOf(bands: readonly BandOption[], value: string | undefined): BandOption {
  return bands.find((band) => band.value === value) ?? OPEN;
}

// At most `limit`, for every amount in the band (over, atMost]?
function atMost(band: BandOption, limit: number): Maybe {
  if (band.atMost !== undefined && band.atMost <= limit) return true;
  if (band.over !== undefined && band.over >= limit) return false;
  return undefined;
}

function and(a: Maybe, b: Maybe): Maybe {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

function or(a: Maybe, b: Maybe): Maybe {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

// The same test as the register's (headcount below the limit, and turnover or balance sheet at most
// its figure), on bands. Headcounts are whole numbers, so "below n" is "at most n - 1".
function fits(limit: SizeBandLimit, answers: SizeAnswers): Maybe {
  return and(
    atMost(bandOf(EMPLOYEE_BANDS, answers.employeesBand), limit.employeesBelow - 1),
    or(atMost(bandOf(TURNOVER_BANDS, answers.turnoverBand), limit.turnoverAtMost), atMost(bandOf(BALANCE_SHEET_BANDS, answers.balanceSheetBand), limit.balanceSheetAtMost)),
  );
}

/**
 * The council's size band and the statutory SME test from the questionnaire's bands.
 * @example
 * businessSize({ employeesBand: "50-to-249", turnoverBand: "10m-to-44m" });
 * // { councilBand: "medium", statutorySme: true }
 */
export function businessSize(answers: SizeAnswers, thresholds: SizeThresholds = DEFAULT_SIZE_THRESHOLDS): BusinessSize {
  let councilBand: SizeBand | typeof UNKNOWN = "large";
  for (const band of ["micro", "small", "medium"] as const) {
    const fit = fits(thresholds[band], answers);
    // A band that may or may not fit leaves the smallest fitting band unknown.
    if (fit !== false) {
      councilBand = fit ? band : UNKNOWN;
      break;
    }
  }
  const sme = fits(STATUTORY_SME_LIMIT, answers);
  return { councilBand, statutorySme: sme ?? UNKNOWN };
}

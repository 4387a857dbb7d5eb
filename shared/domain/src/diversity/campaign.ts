// A year's diversity campaign: whom it invites, when its form links stop working, and when answers are old enough to delete.
import type { FieldError } from "../field-error.js";
import { describeSupplier, type Supplier, type SupplierRecord, type SupplierRules } from "../register/supplier.js";

/** The earliest and latest campaign years accepted: outside them a year is a typing mistake. */
export const CAMPAIGN_YEARS = { first: 2020, last: 2100 } as const;

/** A campaign closes at most this many months after it opens, so that its links do not live on for years. */
export const CAMPAIGN_MAX_MONTHS = 12;

/** Why a form link does not open the form. Only logs see it: the person holding the link always reads
 * the same words, so a guessed or stolen link tells nothing about which links exist. */
export const FORM_TOKEN_PROBLEMS = ["unknown", "expired", "closed"] as const;
export type FormTokenProblem = (typeof FORM_TOKEN_PROBLEMS)[number];

/** What a form link's check needs of the stored token. */
export interface FormTokenTimes {
  year: number;
  expiresAt: string;
}

/** What a form link's check needs of its campaign. */
export interface CampaignTimes {
  year: number;
  closesAt: string;
  closedAt?: string;
}

/**
 * The suppliers a campaign asks: the SMEs of the register in the council's area. A supplier counts
 * when its postcode is in a local district, and it is not known to be large (the Procurement Act SME
 * test is true, or its figures are not complete yet): asking a small business whose figures are
 * missing costs less than leaving it out of the baseline.
 *
 * @example
 * campaignInvitees(await storage.suppliers.all(), { sizeThresholds: DEFAULT_SIZE_THRESHOLDS, localDistricts: DEFAULT_LOCAL_DISTRICTS });
 */
export function campaignInvitees(suppliers: readonly SupplierRecord[], rules: SupplierRules): Supplier[] {
  return suppliers.map((record) => describeSupplier(record, rules)).filter((supplier) => supplier.local === true && supplier.sme !== false);
}

/**
 * Why a form link cannot be used now, or undefined when it can: no such token ("unknown", which is
 * also a token altered by one character, since only hashes are stored), a token past its expiry
 * ("expired"), or a campaign closed or past its closing time ("closed").
 *
 * @example
 * formTokenProblem(await tokens.get(hash), await campaigns.get(year), new Date()); // undefined, or "expired"
 */
export function formTokenProblem(token: FormTokenTimes | undefined, campaign: CampaignTimes | undefined, now: Date): FormTokenProblem | undefined {
  if (!token || !campaign || campaign.year !== token.year) return "unknown";
  if (now.getTime() >= Date.parse(token.expiresAt)) return "expired";
  if (campaign.closedAt !== undefined || now.getTime() >= Date.parse(campaign.closesAt)) return "closed";
  return undefined;
}

/**
 * The moment before which answers are deleted: `years` calendar years before `now` (29 February
 * steps to 1 March when the year it lands in has no such day).
 *
 * @example
 * retentionCutoff(new Date("2026-12-03T09:00:00Z"), 3); // "2023-12-03T09:00:00.000Z"
 */
export function retentionCutoff(now: Date, years: number): string {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`Answers are kept for a whole number of years, at least 1; it is ${years}.`);
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

function addMonths(date: Date, months: number): Date {
  const later = new Date(date.getTime());
  later.setUTCMonth(later.getUTCMonth() + months);
  return later;
}

/**
 * What is wrong with a new campaign's year and closing time, field by field (empty when nothing is):
 * the year a whole number from 2020 to 2100, and `closesAt` a date and time after now and no more
 * than 12 months ahead.
 *
 * @example
 * campaignYearProblems(2026, "2027-02-28T17:00:00Z", new Date("2026-12-03T09:00:00Z")); // []
 */
export function campaignYearProblems(year: unknown, closesAt: unknown, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (typeof year !== "number" || !Number.isInteger(year) || year < CAMPAIGN_YEARS.first || year > CAMPAIGN_YEARS.last) {
    problems.push({ field: "year", message: `must be a year from ${CAMPAIGN_YEARS.first} to ${CAMPAIGN_YEARS.last}, such as ${now.getUTCFullYear()}` });
  }
  const closes = typeof closesAt === "string" && closesAt.trim() !== "" ? Date.parse(closesAt) : Number.NaN;
  if (Number.isNaN(closes)) {
    problems.push({ field: "closesAt", message: "must be the date and time the questionnaire closes, such as 2027-02-28T17:00:00Z" });
  } else if (closes <= now.getTime()) {
    problems.push({ field: "closesAt", message: `must be after now (${now.toISOString()}); choose a later closing date` });
  } else if (closes > addMonths(now, CAMPAIGN_MAX_MONTHS).getTime()) {
    problems.push({ field: "closesAt", message: `must be within ${CAMPAIGN_MAX_MONTHS} months of now (by ${addMonths(now, CAMPAIGN_MAX_MONTHS).toISOString()}); choose an earlier closing date` });
  }
  return problems;
}

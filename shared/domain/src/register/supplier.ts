import { z } from "zod";
import { PROMPT_CHANNELS } from "../prompts/model.js";

export const SIZE_BANDS = ["micro", "small", "medium", "large"] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

/** One band's ceiling: an organisation fits when headcount is below `employeesBelow` and turnover
 * OR balance sheet total is at most its figure (either financial test suffices). */
export interface SizeBandLimit {
  employeesBelow: number;
  turnoverAtMost: number;
  balanceSheetAtMost: number;
}

export type SizeThresholds = Record<Exclude<SizeBand, "large">, SizeBandLimit>;

/** The council's table (scrutiny note 3.2.3). The figures follow EU Recommendation 2003/361, which
 * the note applies in pounds; councils may change them in configuration. */
export const DEFAULT_SIZE_THRESHOLDS: SizeThresholds = {
  micro: { employeesBelow: 10, turnoverAtMost: 2_000_000, balanceSheetAtMost: 2_000_000 },
  small: { employeesBelow: 50, turnoverAtMost: 10_000_000, balanceSheetAtMost: 10_000_000 },
  medium: { employeesBelow: 250, turnoverAtMost: 50_000_000, balanceSheetAtMost: 43_000_000 },
};

function fits(limit: SizeBandLimit, employees: number, turnover: number, balanceSheet: number): boolean {
  return employees < limit.employeesBelow && (turnover <= limit.turnoverAtMost || balanceSheet <= limit.balanceSheetAtMost);
}

/** The smallest band whose limits the organisation meets. */
export function sizeBand(
  figures: { employees: number; turnover: number; balanceSheet: number },
  thresholds: SizeThresholds = DEFAULT_SIZE_THRESHOLDS,
): SizeBand {
  const { employees, turnover, balanceSheet } = figures;
  for (const band of ["micro", "small", "medium"] as const) {
    if (fits(thresholds[band], employees, turnover, balanceSheet)) return band;
  }
  return "large";
}

/** The Procurement Act 2023 SME test used in UK7 notices: fewer than 250 staff and turnover at
 * most £44m or balance sheet at most £38m. Kept apart from the council's bands on purpose. */
export const STATUTORY_SME_LIMIT: SizeBandLimit = { employeesBelow: 250, turnoverAtMost: 44_000_000, balanceSheetAtMost: 38_000_000 };

/** Whether the Procurement Act 2023 counts the organisation an SME (STATUTORY_SME_LIMIT). */
export function isStatutorySme(figures: { employees: number; turnover: number; balanceSheet: number }): boolean {
  return fits(STATUTORY_SME_LIMIT, figures.employees, figures.turnover, figures.balanceSheet);
}

// UK postcode: outward code (area + district) and inward code. BFPO and overseas forms are out of scope.
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** "cv1 2gt" -> "CV1 2GT"; undefined when it is not a UK postcode. */
export function normalisePostcode(raw: string): string | undefined {
  const match = POSTCODE.exec(raw.trim().toUpperCase().replace(/\s+/g, " "));
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** The postcode district (outward code): "CV1 2GT" -> "CV1". */
export function postcodeDistrict(postcode: string): string | undefined {
  return normalisePostcode(postcode)?.split(" ")[0];
}

/** Coventry's districts by default; configurable per council. */
export const DEFAULT_LOCAL_DISTRICTS = ["CV1", "CV2", "CV3", "CV4", "CV5", "CV6"];

export function isLocalPostcode(postcode: string, localDistricts: readonly string[] = DEFAULT_LOCAL_DISTRICTS): boolean {
  const district = postcodeDistrict(postcode);
  return district !== undefined && localDistricts.some((d) => d.toUpperCase() === district);
}

const money = z.number({ error: "must be an amount in pounds" }).finite().nonnegative("must be zero or more");

const supplierFields = {
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  postcode: z
    .string()
    .trim()
    .refine((v) => normalisePostcode(v) !== undefined, "must be a UK postcode such as CV1 2GT")
    .transform((v) => normalisePostcode(v) as string),
  employees: z.number({ error: "must be a whole number of employees (headcount)" }).int("must be a whole number").nonnegative("must be zero or more"),
  turnover: money,
  balanceSheet: money,
  companyNumber: z.string().trim().regex(/^[A-Z0-9]{8}$/i, "must be an 8-character Companies House number").optional(),
  vcse: z.boolean({ error: "must be true or false" }),
  email: z.email("must be an email address").optional(),
  address: z.string().trim().max(500, "must be at most 500 characters").optional(),
};

export const supplierInputSchema = z.object({ ...supplierFields, vcse: supplierFields.vcse.default(false) });
export type SupplierInput = z.output<typeof supplierInputSchema>;

/** A PATCH names only what changes (at least one field); procurement completes a supplier added at award this way. */
export const supplierPatchSchema = z
  .object(supplierFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "must change at least one field");
export type SupplierPatch = z.output<typeof supplierPatchSchema>;

/** The details size band and locality are worked out from. A supplier added to the register at
 * award has only its name until procurement completes them. */
export const SUPPLIER_DETAILS = ["postcode", "employees", "turnover", "balanceSheet"] as const;
export type SupplierDetail = (typeof SUPPLIER_DETAILS)[number];

/** What the register holds of a supplier before bookkeeping: every detail may still be unknown. */
export type SupplierDraft = Omit<SupplierInput, SupplierDetail> & Partial<Pick<SupplierInput, SupplierDetail>>;

/** A supplier as stored: what was given plus bookkeeping. Size band and locality are derived on read. */
export interface SupplierRecord extends SupplierDraft {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Said of a size band, the SME test or locality when the details it needs are not known yet. */
export const UNKNOWN = "unknown";

export interface Supplier extends SupplierRecord {
  sizeBand: SizeBand | typeof UNKNOWN;
  sme: boolean | typeof UNKNOWN;
  local: boolean | typeof UNKNOWN;
  /** The details still to complete (empty when the register knows them all). */
  detailsToComplete: SupplierDetail[];
}

export interface SupplierRules {
  sizeThresholds: SizeThresholds;
  localDistricts: readonly string[];
}

/** A supplier added to the register at award, when the winning bidder is not in it: the name is
 * all that is known; procurement completes the rest (PATCH /api/suppliers/{id}). */
export function supplierAddedAtAward(name: string): SupplierDraft {
  return { name: name.trim(), vcse: false };
}

export function describeSupplier(record: SupplierRecord, rules: SupplierRules): Supplier {
  const { employees, turnover, balanceSheet, postcode } = record;
  const figures = employees !== undefined && turnover !== undefined && balanceSheet !== undefined ? { employees, turnover, balanceSheet } : undefined;
  return {
    ...record,
    sizeBand: figures ? sizeBand(figures, rules.sizeThresholds) : UNKNOWN,
    sme: figures ? isStatutorySme(figures) : UNKNOWN,
    local: postcode !== undefined ? isLocalPostcode(postcode, rules.localDistricts) : UNKNOWN,
    detailsToComplete: SUPPLIER_DETAILS.filter((detail) => record[detail] === undefined),
  };
}

export const contactInputSchema = z.object({
  aadObjectId: z.uuid("must be the person's Microsoft Entra object id (a GUID)").optional(),
  email: z.email("must be an email address").transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  /** How prompts reach them; absent: automatic (Teams when the bot has a chat with them, else e-mail). */
  channel: z.enum(PROMPT_CHANNELS, { error: 'must be "teams" or "email" (or left out: automatic)' }).optional(),
});
export type ContactInput = z.output<typeof contactInputSchema>;

export interface SupplierContact extends ContactInput {
  id: string;
  supplierId: string;
  createdAt: string;
}

// The audit log of diversity data, for the admins and EDI analysts who answer for it.
import { hasRole, type Principal } from "@toms/domain";
import type { AuditAction, AuditEntry } from "@toms/storage/diversity";
import { forbidden, invalid, succeeded, type FieldError, type Outcome } from "../outcome.js";
import type { DiversityDeps } from "./diversity-deps.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** Lines about reading answers: which businesses, and the filter (a characteristic), are special category data. */
const READS_OF_ANSWERS: ReadonlySet<AuditAction> = new Set(["read-responses", "view-engagement", "export-engagement"]);

/**
 * One audit line as the caller may read it, with `businesses`, how many businesses it is about.
 * `supplierIds` and `detail` are left out of the lines an admin who is not an EDI analyst may not read whole.
 */
export type AuditLine = Omit<AuditEntry, "supplierIds" | "detail"> & { supplierIds?: string[]; detail?: string; businesses: number };

/** The line as the caller may read it: whole for an EDI analyst; for others, a read of answers without which businesses or the filter. */
function asReadBy(entry: AuditEntry, wholeLines: boolean): AuditLine {
  if (wholeLines || !READS_OF_ANSWERS.has(entry.action)) return { ...entry, businesses: entry.supplierIds.length };
  const { supplierIds, detail: _detail, ...line } = entry;
  return { ...line, businesses: supplierIds.length };
}

/**
 * Who did what with diversity data, oldest first, between `from` and `to` (dates or times, each
 * optional and inclusive), for admins and EDI analysts. Each line says how many businesses it is
 * about (`businesses`).
 *
 * EDI analysts read every line whole. Admins who are not EDI analysts read the lines of reads of
 * answers (read-responses, view-engagement, export-engagement) without `supplierIds` and without
 * `detail`: the actor, action, time, year, purpose and the number of businesses only, since which
 * businesses came up under which filter (say characteristic=disabledOwned) is special category data.
 *
 * @example
 * const outcome = await auditLog(d, admin, { from: "2026-12-01", to: "2026-12-31" });
 */
export async function auditLog(d: DiversityDeps, caller: Principal, request: { from?: string; to?: string } = {}): Promise<Outcome<AuditLine[]>> {
  if (!hasRole(caller, "admin", "edi-analyst")) return forbidden("Only procurement officers (admin) and EDI analysts can read the diversity audit log.");
  const errors: FieldError[] = [];
  for (const field of ["from", "to"] as const) {
    const value = request[field];
    if (value !== undefined && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) errors.push({ field, message: "must be a date such as 2026-12-01, or a time such as 2026-12-01T09:00:00Z" });
  }
  if (errors.length > 0) return invalid(errors, "The audit log");
  if (request.from && request.to && request.from > request.to) return invalid([{ field: "to", message: `must not be before from (${request.from})` }], "The audit log");
  const wholeLines = hasRole(caller, "edi-analyst");
  const entries = await d.diversity.audit.list({ ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) });
  return succeeded(entries.map((entry) => asReadBy(entry, wholeLines)));
}

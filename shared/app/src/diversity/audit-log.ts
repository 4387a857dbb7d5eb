// The audit log of diversity data, for the admins and EDI analysts who answer for it.
import { hasRole, type Principal } from "@toms/domain";
import type { AuditEntry } from "@toms/storage/diversity";
import { forbidden, invalid, succeeded, type FieldError, type Outcome } from "../outcome.js";
import type { DiversityDeps } from "./diversity-deps.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/**
 * Who did what with diversity data, oldest first, between `from` and `to` (dates or times, each
 * optional and inclusive), for admins and EDI analysts.
 *
 * @example
 * const outcome = await auditLog(d, admin, { from: "2026-12-01", to: "2026-12-31" });
 */
export async function auditLog(d: DiversityDeps, caller: Principal, request: { from?: string; to?: string } = {}): Promise<Outcome<AuditEntry[]>> {
  if (!hasRole(caller, "admin", "edi-analyst")) return forbidden("Only procurement officers (admin) and EDI analysts can read the diversity audit log.");
  const errors: FieldError[] = [];
  for (const field of ["from", "to"] as const) {
    const value = request[field];
    if (value !== undefined && (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))) errors.push({ field, message: "must be a date such as 2026-12-01, or a time such as 2026-12-01T09:00:00Z" });
  }
  if (errors.length > 0) return invalid(errors, "The audit log");
  if (request.from && request.to && request.from > request.to) return invalid([{ field: "to", message: `must not be before from (${request.from})` }], "The audit log");
  return succeeded(await d.diversity.audit.list({ ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) }));
}

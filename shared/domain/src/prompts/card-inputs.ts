// What a supplier or manager typed into a card, read into the update or review it stands for.
import type { FieldError } from "../field-error.js";
import { kpiUpdateInputSchema, reviewInputSchema, type KpiUpdateInput, type ReviewInput } from "../delivery/updates.js";

/** Teams sends every card input as a string; an empty one means the field was left blank. */
const typed = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join(".") || "value", message: issue.message }));
}

/**
 * An update card's inputs (strings, as Teams sends them) read into the update for `period`, or the
 * fields at fault with the same rules as the tab and the API: a value is required and must be a
 * number; an evidence link must be a web address.
 */
export function readCardUpdate(period: string, inputs: Record<string, unknown>): { ok: true; input: KpiUpdateInput } | { ok: false; errors: FieldError[] } {
  const raw = inputs["value"];
  const written = typeof raw === "number" ? String(raw) : typed(raw);
  if (written === undefined) return { ok: false, errors: [{ field: "value", message: "is required" }] };
  const note = typed(inputs["note"]);
  const evidenceUrl = typed(inputs["evidenceUrl"]);
  // Number("") is 0 and Number(" 1 ") is 1: only a written number counts.
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(written) ? Number(written) : Number.NaN;
  const parsed = kpiUpdateInputSchema.safeParse({ period, value, ...(note !== undefined ? { note } : {}), ...(evidenceUrl !== undefined ? { evidenceUrl } : {}) });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** A review card's inputs read into an approval or a rejection; a rejection needs a reason. */
export function readCardReview(decision: "approve" | "reject", inputs: Record<string, unknown>): { ok: true; input: ReviewInput } | { ok: false; errors: FieldError[] } {
  const reason = typed(inputs["reason"]);
  const parsed = reviewInputSchema.safeParse({ decision, ...(reason !== undefined ? { reason } : {}) });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

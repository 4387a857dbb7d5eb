// Private stand-ins for helper A's domain functions (shared/domain/src/prompts: plainText,
// nearestCommand, readCardUpdate, readCardReview) until that branch is merged; then this file goes
// and the imports point at @toms/domain. Kept small and behaving as BOT.md describes them.
import type { FieldError, KpiUpdateInput, ReviewInput } from "@toms/domain";

/** The chat commands the bot answers. */
export const BOT_COMMANDS = ["help", "status", "update", "contracts"] as const;
export type BotCommand = (typeof BOT_COMMANDS)[number];

/** User-typed text made safe for a TextBlock: markdown and @-mentions neutralised. */
export function plainText(text: string): string {
  return text.replace(/[\\[\]()*_`<>#~|]/g, (c) => `\\${c}`).replace(/@/g, "@\u200B");
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const kept = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = kept;
    }
  }
  return row[b.length] as number;
}

/** The command typed, a near miss ("Did you mean status?"), or nothing recognisable. */
export function nearestCommand(text: string): { command: BotCommand; exact: boolean } | undefined {
  const word = text.trim().toLowerCase().split(/\s+/)[0] ?? "";
  const exact = BOT_COMMANDS.find((c) => c === word);
  if (exact) return { command: exact, exact: true };
  let best: { command: BotCommand; d: number } | undefined;
  for (const command of BOT_COMMANDS) {
    const d = distance(word, command);
    if (!best || d < best.d) best = { command, d };
  }
  return best && word.length > 0 && best.d <= 2 ? { command: best.command, exact: false } : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** A card's inputs (strings, as Teams sends them) read into an update, or the fields' errors. */
export function readCardUpdate(period: string, inputs: Record<string, unknown>): { ok: true; input: KpiUpdateInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw = inputs["value"];
  const value = typeof raw === "number" ? raw : text(raw) !== undefined ? Number(text(raw)) : NaN;
  if (!Number.isFinite(value)) errors.push({ field: "value", message: text(raw) === undefined ? "is required" : "must be a number" });
  const evidenceUrl = text(inputs["evidenceUrl"]);
  if (evidenceUrl !== undefined && !/^https?:\/\/\S+$/i.test(evidenceUrl)) errors.push({ field: "evidenceUrl", message: "must be a web address starting https://" });
  if (errors.length > 0) return { ok: false, errors };
  const note = text(inputs["note"]);
  return { ok: true, input: { period, value, ...(note !== undefined ? { note } : {}), ...(evidenceUrl !== undefined ? { evidenceUrl } : {}) } };
}

/** A review card's inputs read into a review, or the fields' errors (a rejection needs a reason). */
export function readCardReview(decision: "approve" | "reject", inputs: Record<string, unknown>): { ok: true; input: ReviewInput } | { ok: false; errors: FieldError[] } {
  const reason = text(inputs["reason"]);
  if (decision === "reject" && reason === undefined) return { ok: false, errors: [{ field: "reason", message: "is needed to reject an update: tell the supplier what to correct" }] };
  return { ok: true, input: { decision, ...(reason !== undefined ? { reason } : {}) } };
}

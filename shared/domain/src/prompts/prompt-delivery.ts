// What the Overdue view says about the prompts sent for an owed item.
import { PROMPT_KINDS, type DispatchRecord, type PromptDelivery } from "./model.js";

/**
 * The latest dispatch of an owed item, in the Overdue view's words. One pass claims a reminder and
 * its escalation at the same moment: the later kind in PROMPT_KINDS (the escalation) is the latest.
 */
export function promptDeliveryOf(records: readonly DispatchRecord[]): PromptDelivery | null {
  const rank = (r: DispatchRecord) => PROMPT_KINDS.indexOf(r.prompt.kind);
  const latest = [...records].sort((a, b) => b.claimedAt.localeCompare(a.claimedAt) || rank(b) - rank(a))[0];
  if (!latest) return null;
  const sameRound = records.filter((r) => r.prompt.kind === latest.prompt.kind && r.prompt.round === latest.prompt.round);
  const at = latest.state === "sent" ? (latest.sentAt ?? latest.claimedAt) : latest.state === "failed" || latest.state === "interrupted" ? (latest.finishedAt ?? latest.claimedAt) : latest.claimedAt;
  return { kind: latest.prompt.kind, state: latest.state, at, recipients: new Set(sameRound.map((r) => r.prompt.recipient.userId)).size, ...(latest.error ? { error: latest.error } : {}) };
}

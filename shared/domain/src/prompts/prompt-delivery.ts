// What the Overdue view says about the prompts sent for an owed item.
import { PROMPT_CHANNELS, PROMPT_KINDS, type DispatchRecord, type PromptChannel, type PromptDelivery } from "./model.js";

/** A dispatch's channel: rows stored before e-mail prompts all went by Teams. */
export function channelOf(record: DispatchRecord): PromptChannel {
  return record.channel ?? "teams";
}

/**
 * The latest dispatch of an owed item, in the Overdue view's words. One pass claims a reminder and
 * its escalation at the same moment: the later kind in PROMPT_KINDS (the escalation) is the latest.
 * The round's channels come with it, and the e-mail addresses of the round whose failure was the
 * address's (`addressFailed`: refused by the recipient's server, or bounced). Other e-mail failures
 * (the council's own mail service, an outcome not known, a link that could not be issued) name no
 * address: their recorded error says what failed.
 */
export function promptDeliveryOf(records: readonly DispatchRecord[]): PromptDelivery | null {
  const rank = (r: DispatchRecord) => PROMPT_KINDS.indexOf(r.prompt.kind);
  const latest = [...records].sort((a, b) => b.claimedAt.localeCompare(a.claimedAt) || rank(b) - rank(a))[0];
  if (!latest) return null;
  const sameRound = records.filter((r) => r.prompt.kind === latest.prompt.kind && r.prompt.round === latest.prompt.round);
  const at = latest.state === "sent" ? (latest.sentAt ?? latest.claimedAt) : latest.state === "failed" || latest.state === "interrupted" ? (latest.finishedAt ?? latest.claimedAt) : latest.claimedAt;
  const channels = PROMPT_CHANNELS.filter((channel) => sameRound.some((r) => channelOf(r) === channel));
  const failedAddresses = [...new Set(sameRound.flatMap((r) => (r.state === "failed" && r.addressFailed === true && r.address ? [r.address] : [])))].sort();
  return { kind: latest.prompt.kind, state: latest.state, at, recipients: new Set(sameRound.map((r) => r.prompt.recipient.userId)).size, ...(latest.error ? { error: latest.error } : {}), channels, failedAddresses };
}

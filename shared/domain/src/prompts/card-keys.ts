// Which update a card about a period stands for, and the key its submission is sent under.
import type { KpiUpdate } from "../delivery/model.js";
import type { Prompt } from "./model.js";

/** The period's update that is not rejected (waiting for review or accepted), the latest revision; undefined when none. */
export function openUpdateOf(updates: readonly KpiUpdate[], period: string): KpiUpdate | undefined {
  return updates.filter((u) => u.period === period && u.status !== "rejected").sort((a, b) => b.revision - a.revision)[0];
}

/**
 * The submission key of a card asked for in chat (the update command): the same each time for the
 * same item and round, so typing "update" twice and answering both cards records one update.
 */
export function chatCardKey(prompt: Pick<Prompt, "contractId" | "kpiId" | "period" | "round">): string {
  return `chat:${prompt.contractId}:${prompt.kpiId ?? "-"}:${prompt.period ?? "-"}:${prompt.round || "-"}`;
}

/**
 * The key of a card refreshed after every revision of its period was rejected: the card's own key
 * would answer the rejected update again, so the correction gets its own, the same on every device
 * that refreshes now (it counts the revisions).
 */
export function correctionKey(cardKey: string, updates: readonly KpiUpdate[], period: string): string {
  const revisions = updates.filter((u) => u.period === period).length;
  return revisions > 0 ? `${cardKey}:${revisions}` : cardKey;
}

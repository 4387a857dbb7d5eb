// A prompt (shared/domain prompts/model.ts) as the activity the outbound queue sends.
import { longDate, periodLabel, type BotConversation, type Prompt } from "@toms/domain";
import { kpiFacts, noticeCard, reviewCard, updateCard } from "./cards/cards.js";
import type { OutgoingActivity } from "./seam.js";

/** The recipient's id in the chat (Teams' "29:..." id, which a card's refresh names), from the stored conversation; else their object id. */
export function chatUserId(conversation: BotConversation): string {
  const user = (conversation.reference as { user?: { id?: unknown } }).user;
  return typeof user?.id === "string" && user.id !== "" ? user.id : conversation.userId;
}

/**
 * The card for one prompt. The update card's idempotency key is the dispatch id, so pressing
 * "Send update" twice (or on two devices) records one update.
 *
 * @example
 * await seam.send(conversation.reference, promptActivity(record.prompt, record.id, chatUserId(conversation)));
 */
export function promptActivity(prompt: Prompt, dispatchId: string, chatUserId: string): OutgoingActivity {
  const contract = `${prompt.contractReference} ${prompt.contractTitle}`;
  const label = prompt.period ? periodLabel(prompt.period) : "";
  const userIds = [chatUserId];
  const kpi = prompt.kpiTitle ?? "A KPI";
  const summary = `${prompt.contractReference}: ${kpi}${label ? ` for ${label}` : ""}`;
  switch (prompt.kind) {
    case "update-due":
    case "reminder":
    case "correction":
    case "requested-reminder": {
      if (!prompt.kpiId || !prompt.period) break;
      const intro =
        prompt.kind === "update-due"
          ? `The update for ${label} is due${prompt.due ? ` on ${longDate(prompt.due)}` : ""}.`
          : prompt.kind === "correction"
            ? `The contract manager rejected the update for ${label}. Reason: ${prompt.reason ?? "none given"}. Please send a corrected one.`
            : `Reminder: the update for ${label} ${prompt.due ? `was due on ${longDate(prompt.due)}` : "is overdue"}.`;
      const card = updateCard({ contractReference: prompt.contractReference, contractTitle: prompt.contractTitle, kpiTitle: kpi, contractId: prompt.contractId, kpiId: prompt.kpiId, period: prompt.period, periodLabel: label, due: prompt.due, ...(prompt.kpi ? kpiFacts(prompt.kpi) : {}), key: dispatchId, dispatchId, intro, refreshFor: userIds });
      return { type: "message", card, summary };
    }
    case "review-request":
      if (!prompt.kpiId || !prompt.updateId) break;
      return { type: "message", card: reviewCard({ contractReference: prompt.contractReference, contractTitle: prompt.contractTitle, kpiTitle: kpi, contractId: prompt.contractId, kpiId: prompt.kpiId, updateId: prompt.updateId, periodLabel: label, ...(prompt.update ?? {}), dispatchId, refreshFor: userIds }), summary: `Review: ${summary}` };
    // The notices carry no refresh: the bot has no newer view of them to answer one with.
    case "escalation":
      return { type: "message", card: noticeCard({ heading: kpi, contract, message: `The supplier has not sent the update for ${label}${prompt.due ? `, due on ${longDate(prompt.due)}` : ""}. You may want to contact them.` }), summary };
    case "assessment-due":
      return { type: "message", card: noticeCard({ heading: "Annual assessment due", contract, message: `The contract's annual performance assessment is due${prompt.due ? ` on ${longDate(prompt.due)}` : " soon"}. Record it in the TOMs tab.` }), summary: `${prompt.contractReference}: assessment due` };
  }
  return { type: "message", card: noticeCard({ heading: kpi, contract, message: `An update is owed${label ? ` for ${label}` : ""}. Open the TOMs tab to send it.` }), summary };
}

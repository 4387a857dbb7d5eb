// @toms/bot: the Teams bot (docs/bot.md). The service mounts it at /api/messages.
export { SEND_OUTCOME_UNKNOWN, SendFailure, type BotSeam, type ChatAccount, type IncomingActivity, type InvokeAnswer, type OutgoingActivity, type Turn } from "./seam.js";
export { createBotSeam, type BotSeamOptions } from "./adapter.js";
export { createBotHandler, type BotHandlerOptions } from "./handler.js";
export { chatUserId, promptActivity } from "./prompt-activity.js";
export { updateCard, submittedCard, answeredElsewhereCard, reviewCard, reviewedCard, noticeCard, shortMoment, type Card, type CardRefresh, type UpdateCardData, type ReviewCardData, type NoticeCardData } from "./cards/cards.js";
export { OutboundQueue, teamsChannel, type DeliveryFailure, type DispatchLedger, type LedgerResult, type OutboundChannel, type OutboundQueueOptions, type QueueOutcome } from "./outbound/outbound-queue.js";
export { LinkRefused, freshLinkSender, mailChannel, mailFailure, mailLimits, promptMessageId, sendFreshLinkMail, type FreshLinkIssued, type FreshLinkRequest, type MailPromptOptions, type MailTarget, type PreparedMail } from "./outbound/mail-delivery.js";
export { appDispatchLedger } from "./outbound/app-ledger.js";
export { startBot, type BotRuntime, type BotRuntimeOptions, type PassReport } from "./runtime.js";

// @toms/bot: the Teams bot (docs/bot.md). The service mounts it at /api/messages.
export { SendFailure, type BotSeam, type ChatAccount, type IncomingActivity, type InvokeAnswer, type OutgoingActivity, type Turn } from "./seam.js";
export { OutboundQueue, type DispatchLedger, type LedgerResult, type OutboundQueueOptions, type QueueOutcome } from "./outbound/outbound-queue.js";
export { appDispatchLedger } from "./outbound/app-ledger.js";

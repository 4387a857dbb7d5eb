// Where a pass hands the prompts it claimed: the bot's outbound queue (bot/src/outbound/).
import type { BotConversation, DispatchRecord } from "@toms/domain";

/** The queue that sends claimed prompts; the pass only enqueues, it never sends. */
export interface PromptOutbox {
  /** Takes a claimed (or taken over) dispatch, with its ETag, to send in this conversation. */
  enqueue(record: DispatchRecord, conversation: BotConversation): void;
}

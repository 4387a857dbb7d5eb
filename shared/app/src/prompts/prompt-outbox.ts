// Where a pass hands the prompts it claimed: the bot's outbound queues (bot/src/outbound/), one per channel.
import type { BotConversation, DispatchRecord } from "@toms/domain";

/** How a claimed prompt goes: in this Teams chat, or by e-mail to the address on its dispatch. */
export type PromptTarget = { channel: "teams"; conversation: BotConversation } | { channel: "email" };

/** The queues that send claimed prompts; the pass only enqueues, it never sends. */
export interface PromptOutbox {
  /** Takes a claimed (or taken over) dispatch, with its ETag, to send by its channel. */
  enqueue(record: DispatchRecord, target: PromptTarget): void;
}

export { PROMPT_KINDS, DISPATCH_STATES, DEFAULT_PROMPT_SETTINGS, type PromptKind, type PromptRecipient, type Prompt, type DispatchState, type DispatchRecord, type PromptSettings, type BotConversation, type PromptDelivery } from "./model.js";
export { promptsOf, owedItemOf, type PromptContext } from "./prompts-of.js";
export { dispatchKey } from "./dispatch-key.js";
export { isQuietTime } from "./quiet-time.js";
export { promptDeliveryOf } from "./prompt-delivery.js";
export { TEAMS_RATE_LIMITS, MAX_SEND_ATTEMPTS, waitBeforeSend, isRetryableStatus, retryDelay, type RateWindow } from "./send-limits.js";
export { BOT_COMMANDS, nearestCommand, type BotCommand } from "./commands.js";
export { plainText } from "./plain-text.js";
export { readCardUpdate, readCardReview } from "./card-inputs.js";

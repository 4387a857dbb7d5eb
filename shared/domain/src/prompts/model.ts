// What the bot asks people for (docs/bot.md): the kinds of prompt, who receives them, the key that
// makes each one sent at most once, and the settings of the scheduled pass.
import type { OwedUpdate } from "../delivery/model.js";

/**
 * - update-due: a KPI's or commitment's period has ended; its reporter is asked for the update;
 * - reminder: the update is past due by the configured days; its reporter is asked again;
 * - escalation: still missing later; the contract manager is told the supplier has not reported;
 * - correction: the manager rejected an update; the supplier's contacts are asked again, with the reason;
 * - review-request: a supplier sent an update; the contract manager is asked to review it;
 * - assessment-due: the annual assessment (Procurement Act) falls due within 30 days; to the manager;
 * - requested-reminder: someone pressed "Remind them" in the tab's Overdue view.
 */
export const PROMPT_KINDS = ["update-due", "reminder", "escalation", "correction", "review-request", "assessment-due", "requested-reminder"] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** How a prompt reaches its recipient: their Teams chat with the bot, or an e-mail with a signed link (docs/suppliers.md). */
export const PROMPT_CHANNELS = ["teams", "email"] as const;
export type PromptChannel = (typeof PROMPT_CHANNELS)[number];

/** Who receives a prompt: one of the supplier's contacts, or the contract's manager. */
export interface PromptRecipient {
  /**
   * Who the dispatch key names: a supplier's contact as "contact:<contact id>", so that a prompt is
   * theirs once whatever the channel; the contract manager by Entra object id (managerId).
   */
  userId: string;
  as: "supplier-contact" | "manager";
  name?: string;
  /** A supplier's contact: their contact id. */
  contactId?: string;
  /** A supplier's contact: their Entra object id when known, what their Teams chat is found by (a manager's is userId). */
  aadObjectId?: string;
  /** A supplier's contact: the address e-mail prompts go to. */
  email?: string;
  /** A supplier's contact: the channel chosen for them; absent, Teams when the bot has a chat with them, else e-mail. */
  channel?: PromptChannel;
}

/** One prompt to one person: what the card says and what its buttons act on. */
export interface Prompt {
  kind: PromptKind;
  contractId: string;
  contractReference: string;
  contractTitle: string;
  /** Absent for assessment-due. */
  kpiId?: string;
  kpiTitle?: string;
  /** The KPI's period (2026-03, 2026-Q1, 2026); for assessment-due the assessment's due day. */
  period?: string;
  /** The day the update falls (or fell) due, or the assessment's due day. */
  due?: string;
  recipient: PromptRecipient;
  /**
   * What makes a repeat of the same kind a new prompt: the rejected update's id (correction), the
   * update to review (review-request), the reminder's UK day (requested-reminder). Empty otherwise.
   */
  round: string;
  /** The rejection's reason (correction), as the manager typed it: shown as plain text. */
  reason?: string;
  /** The update a review-request is about. */
  updateId?: string;
  /** The tab's reminder this prompt sends (requested-reminder). */
  reminderId?: string;
  /** What the prompt is about, as the Overdue list names it (to show its delivery there). */
  owed?: Pick<OwedUpdate, "what" | "owedBy">;
  /** What the update card shows of the KPI: its unit, the period's target, and the last value sent. */
  kpi?: PromptKpi;
  /** The update a review-request asks about, as the supplier sent it. */
  update?: { value: number; by: string; at: string; note?: string; evidenceUrl?: string };
}

/** A KPI as an update card shows it. */
export interface PromptKpi {
  unit: string;
  direction: "higher" | "lower";
  /** The target for the prompt's period. */
  target: number;
  /** The latest value sent for an earlier period (not rejected), and that period. */
  lastValue?: { value: number; period: string };
}

/** A dispatch's life: claimed (queued), sending (an attempt in flight), retrying (an attempt failed and will be made again), then sent, failed or interrupted. */
export const DISPATCH_STATES = ["claimed", "sending", "retrying", "sent", "failed", "interrupted"] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

/** The stored record of one prompt's sending (docs/storage.md, "Dispatches"). */
export interface DispatchRecord {
  /** dispatchKey(prompt). */
  key: string;
  /** A UUID from the key: what the card's actions carry. */
  id: string;
  prompt: Prompt;
  state: DispatchState;
  /** The service instance that holds the claim, and until when (ISO): after it, another may take it over. */
  owner: string;
  leaseUntil: string;
  claimedAt: string;
  attempts: number;
  /** When the next attempt may be made (retrying). */
  nextAttemptAt?: string;
  sentAt?: string;
  /** The channel's id of the sent activity (to update the card in place). */
  activityId?: string;
  /** Why it failed or was interrupted, in words for the Overdue view. */
  error?: string;
  finishedAt?: string;
  /** How it goes; absent on rows stored before e-mail prompts, which all went by Teams. */
  channel?: PromptChannel;
  /** E-mail: the address it was sent to (shown in the Overdue view when it failed or bounced). */
  address?: string;
  /** E-mail: when the recipient's mail server returned it undelivered after it was sent (state failed, error says why). */
  bouncedAt?: string;
  /**
   * E-mail: the failure was the address's (refused by the recipient's server, or bounced), so the
   * manager should check it; absent for failures of the council's own mail service or of unknown outcome.
   */
  addressFailed?: boolean;
  etag?: string;
}

/**
 * The scheduled pass's settings (TOMS_BOT_* variables, docs/bot.md). Times are UK local time.
 */
export interface PromptSettings {
  /** Days past due before the reporter is reminded. */
  reminderAfterDays: number;
  /** Days past due before the contract manager is told (escalation). */
  escalateAfterDays: number;
  /** The scheduled pass sends nothing from `start` to `end` (HH:MM, UK time); an admin's pass sends now. */
  quietHours: { start: string; end: string };
  /** Whether the scheduled pass sends on Saturdays and Sundays. */
  sendAtWeekends: boolean;
}

export const DEFAULT_PROMPT_SETTINGS: PromptSettings = { reminderAfterDays: 3, escalateAfterDays: 10, quietHours: { start: "18:00", end: "08:00" }, sendAtWeekends: false };

/**
 * A person's chat with the bot, stored when they install the app or write to it
 * (docs/storage.md, "BotConversations"), keyed by tenant and Entra object id.
 */
export interface BotConversation {
  tenantId: string;
  /** The user's Entra object id (activity.from.aadObjectId). */
  userId: string;
  name?: string;
  email?: string;
  /** The channel's conversation reference, as the bot adapter gives it (opaque JSON here). */
  reference: Record<string, unknown>;
  /** Who they were matched to at install: a supplier's contact, or a contract manager (absent: nobody yet). */
  supplierId?: string;
  contactId?: string;
  installedAt: string;
  updatedAt: string;
}

/** The latest dispatch of an owed item, as the tab's Overdue view shows it. */
export interface PromptDelivery {
  kind: PromptKind;
  state: DispatchState;
  /** When it was sent, or when it ended in failure; else when it was claimed. */
  at: string;
  /** How many people it went (or is going) to. */
  recipients: number;
  /** Why it failed or was interrupted, in words. */
  error?: string;
  /** The channels the latest round went by (Teams, e-mail or both). */
  channels: PromptChannel[];
  /** The e-mail addresses of the latest round that failed or bounced, for the manager to check. */
  failedAddresses: string[];
}

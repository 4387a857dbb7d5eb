// What the bot's logic sees of the Bot Framework: its own small types for activities, a turn and
// proactive sending. Only adapter.ts imports botbuilder and implements this (docs/bot.md says how
// a move to the Microsoft 365 Agents SDK changes that one file).

/** Who sent or receives an activity. */
export interface ChatAccount {
  id: string;
  name?: string;
  /** The Entra object id (Teams sets it on users). */
  aadObjectId?: string;
}

/** An activity as the bot's logic reads it (the fields it uses of Bot Framework activities). */
export interface IncomingActivity {
  type: string;
  id?: string;
  /** Invoke name, e.g. "adaptiveCard/action"; installationUpdate action, e.g. "add" or "remove". */
  name?: string;
  action?: string;
  text?: string;
  value?: unknown;
  from: ChatAccount;
  recipient?: ChatAccount;
  conversation: { id: string; tenantId?: string; conversationType?: string };
  channelId: string;
  serviceUrl?: string;
  membersAdded?: ChatAccount[];
  membersRemoved?: ChatAccount[];
  channelData?: { tenant?: { id?: string }; eventType?: string } & Record<string, unknown>;
  replyToId?: string;
}

/** What the bot sends: a text message or an Adaptive Card. */
export type OutgoingActivity =
  | { type: "message"; text: string; textFormat?: "plain" | "markdown" }
  | { type: "message"; card: Record<string, unknown>; summary?: string };

/** The answer to an invoke (an Action.Execute or a refresh): the HTTP body the channel receives. */
export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

/** One incoming activity, and how to answer it. */
export interface Turn {
  activity: IncomingActivity;
  /** Replies in the same conversation. */
  send(activity: OutgoingActivity): Promise<void>;
  /** The conversation reference to store, for prompts sent later. */
  reference(): Record<string, unknown>;
  /**
   * The sender's e-mail address as Teams knows it (Teams leaves it out of activities, so this asks
   * the channel); undefined when the channel does not say.
   */
  senderEmail(): Promise<string | undefined>;
}

/** A send's status when the channel did not answer (a reset, a timeout): it may have arrived, so it is not sent again. */
export const SEND_OUTCOME_UNKNOWN = -1;

/** Why a proactive send failed: the channel's HTTP status (0 when it could not be reached; SEND_OUTCOME_UNKNOWN when it did not answer) and its Retry-After. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SendFailure";
  }
}

/** The Bot Framework, as the bot uses it. */
export interface BotSeam {
  /**
   * Runs one request to /api/messages through the adapter (which authenticates it) and calls
   * `onTurn`; an invoke's answer is what `onTurn` returns.
   */
  process(request: unknown, response: unknown, onTurn: (turn: Turn) => Promise<InvokeAnswer | void>): Promise<void>;
  /**
   * Sends one activity to a stored conversation, once: the adapter's own retries are off, so that
   * the outbound queue alone decides on retries and keeps within Teams' limits. Throws SendFailure.
   */
  send(reference: Record<string, unknown>, activity: OutgoingActivity): Promise<{ activityId?: string }>;
}

// The bot as the service runs it: the adapter, the turn handler, the one outbound queue and the
// scheduled prompt pass, wired once (docs/bot.md). The service mounts `process` at /api/messages.
// Without Teams (no bot registration) it runs only the pass and the mail queue: e-mail prompts.
import { runPromptPass, type AppDeps, type PassSummary } from "@toms/app";
import type { BotConversation, PromptSettings } from "@toms/domain";
import { createBotSeam, type BotSeamOptions } from "./adapter.js";
import { createBotHandler } from "./handler.js";
import { appDispatchLedger } from "./outbound/app-ledger.js";
import { conversationKeyOf, OutboundQueue, type QueueOutcome } from "./outbound/outbound-queue.js";
import { mailChannel, mailLimits, type MailPromptOptions, type MailTarget, type PreparedMail } from "./outbound/mail-delivery.js";
import { chatUserId, promptActivity } from "./prompt-activity.js";
import type { BotSeam, OutgoingActivity } from "./seam.js";

/** What a pass did, once every prompt it claimed has been sent, failed, or left for the next pass. */
export interface PassReport extends PassSummary {
  sent: number;
  failed: number;
  /** Left queued when the service stopped, or dropped because another instance took them over. */
  unfinished: number;
  /** E-mails still waiting for the mailbox's pace when the pass answered (runPass's mailWaitMs): they go on being sent. */
  mailing: number;
}

/** How the bot runs. */
export interface BotRuntimeOptions {
  /** This service instance's id, written on the prompts it claims. */
  instance: string;
  /** The bot's registration; empty for anonymous local development. */
  registration: BotSeamOptions;
  settings: PromptSettings;
  leaseSeconds: number;
  /** Minutes between scheduled passes; 0 runs none. */
  passMinutes: number;
  /** The Entra tenants whose people the bot serves; empty: any (development). */
  tenants?: readonly string[];
  /** Told of a scheduled pass that failed (storage down): the next one tries again. */
  onPassError?: (error: unknown) => void;
  /** Told of a dispatch step that could not be stored: the next pass recovers the dispatch. */
  onSendError?: (error: unknown) => void;
  /** For tests: the Bot Framework seam (the real one by default). */
  seam?: BotSeam;
  /** E-mail prompts (docs/suppliers.md): without it, prompts that only e-mail could carry are not claimed (withoutChannel). */
  mail?: MailPromptOptions;
  /**
   * false: there is no Teams bot (Entra sign-in and no MicrosoftAppId), only e-mail prompts. No
   * seam is made, no Teams prompt is claimed (the pass counts them withoutConversation), and
   * `process` and `message` must not be called (`teams` is false on the runtime). Default true.
   */
  teams?: boolean;
}

/** The running bot. */
export interface BotRuntime {
  /** Whether it has a Teams bot: false when it runs only the prompt pass for e-mail (no registration). */
  readonly teams: boolean;
  /** Answers one POST /api/messages (the adapter checks the channel's token when registered). */
  process(request: unknown, response: unknown): Promise<void>;
  /**
   * Runs one prompt pass now and resolves when each prompt it claimed has been sent or has failed,
   * or, for e-mails, after `mailWaitMs` at most (the rest go on being sent: `mailing`).
   * A scheduled pass keeps quiet hours and weekends; an admin's (`scheduled: false`) sends now.
   */
  runPass(scheduled: boolean, mailWaitMs?: number): Promise<PassReport>;
  /**
   * Sends one message that is not a prompt (an invitation) to a stored chat, once, within the same
   * limits as the prompts. Throws SendFailure; the caller records the outcome and decides on a retry.
   */
  message(conversation: BotConversation, activity: OutgoingActivity): Promise<{ activityId?: string }>;
  /** Stops the schedule and the queue; sends in flight finish and are recorded first. */
  stop(): Promise<void>;
}

/**
 * Starts the bot: the schedule's first pass runs one interval after the start.
 *
 * @example
 * const bot = startBot(deps, { instance: "web-1", registration: {}, settings: DEFAULT_PROMPT_SETTINGS, leaseSeconds: 120, passMinutes: 5 });
 * app.post("/api/messages", express.json(), (req, res) => bot.process(req, res));
 */
export function startBot(deps: AppDeps, options: BotRuntimeOptions): BotRuntime {
  const teamsOn = options.teams !== false;
  const seam = teamsOn ? (options.seam ?? createBotSeam(options.registration)) : undefined;
  const onTurn = createBotHandler(deps, { settings: options.settings, ...(options.tenants ? { tenants: options.tenants } : {}) });
  const queue = seam
    ? new OutboundQueue({
        seam,
        ledger: appDispatchLedger(deps, options.leaseSeconds),
        activityFor: (record, conversation) => promptActivity(record.prompt, record.id, chatUserId(conversation)),
        ...(options.onSendError ? { onError: options.onSendError } : {}),
      })
    : undefined;
  /** The Teams parts, for what only a Teams bot does. */
  const teams = () => {
    if (!seam || !queue) throw new Error("Bug: this service has no Teams bot (runtime.teams is false): nothing may be sent in Teams.");
    return { seam, queue };
  };
  // A second queue for e-mail, at the mailbox's pace. Few are recorded as sending ahead of their
  // slot: at one every two seconds, more would only be stranded as interrupted by a crash.
  const mail = options.mail;
  const mailQueue = mail
    ? new OutboundQueue<MailTarget, PreparedMail>({
        channel: mailChannel(mail, { name: deps.council.name, email: deps.council.email ?? mail.from.address }),
        ledger: appDispatchLedger(deps, options.leaseSeconds),
        limits: mailLimits(mail.perMinute),
        marginMs: 100,
        recordAhead: 2,
        ...(options.onSendError ? { onError: options.onSendError } : {}),
      })
    : undefined;

  // Each pass's claiming part: a stop waits for them before it stops the queue they hand prompts to.
  const claiming = new Set<Promise<unknown>>();

  const runPass = async (scheduled: boolean, mailWaitMs?: number): Promise<PassReport> => {
    const ids: string[] = [];
    const pass = runPromptPass(deps, {
      instance: options.instance,
      settings: options.settings,
      leaseSeconds: options.leaseSeconds,
      scheduled,
      mailOn: mailQueue !== undefined,
      teamsOn,
      outbox: {
        enqueue: (record, target) => {
          if (target.channel === "email") {
            if (!mailQueue) return;
            ids.push(record.id);
            mailQueue.enqueue(record, target);
            return;
          }
          // Without Teams the pass claims none for Teams (teamsOn false).
          if (!queue) return;
          ids.push(record.id);
          queue.enqueue(record, target.conversation);
        },
      },
    });
    claiming.add(pass);
    let summary: PassSummary;
    try {
      summary = await pass;
    } finally {
      claiming.delete(pass);
    }
    // At the mailbox's pace (30 a minute) a pass's e-mails can take many minutes: whoever waits for
    // the answer waits at most mailWaitMs for them, and is told how many are still going.
    let waited: ReturnType<typeof setTimeout> | undefined;
    const mailSettled = mailQueue?.settled(ids);
    const mailDone = mailSettled && mailWaitMs !== undefined ? Promise.race([mailSettled, new Promise<void>((resolve) => (waited = setTimeout(resolve, mailWaitMs)))]) : mailSettled;
    await Promise.all([queue?.settled(ids), mailDone]);
    if (waited) clearTimeout(waited);
    const outcomeOf = (id: string): QueueOutcome | "mailing" => queue?.outcome(id) ?? mailQueue?.outcome(id) ?? (mailQueue?.isOpen(id) ? "mailing" : "left");
    const count = (...outcomes: (QueueOutcome | "mailing")[]) => ids.filter((id) => outcomes.includes(outcomeOf(id))).length;
    return { ...summary, sent: count("sent"), failed: count("failed"), unfinished: count("left", "dropped"), mailing: count("mailing") };
  };

  let running: Promise<unknown> | undefined;
  const timer =
    options.passMinutes > 0
      ? setInterval(() => {
          // A pass still running (a large portfolio, a slow channel) is not doubled.
          if (running) return;
          running = runPass(true)
            .catch((error: unknown) => options.onPassError?.(error))
            .finally(() => (running = undefined));
        }, options.passMinutes * 60_000)
      : undefined;
  timer?.unref();

  return {
    teams: teamsOn,
    // A turn's replies keep the same limits as the prompts (the "update" command sends a card per update owed).
    process: (request, response) => {
      const { seam, queue } = teams();
      return seam.process(request, response, (turn) => onTurn({ ...turn, send: async (activity) => {
        await queue.slot(turn.activity.conversation.id);
        await turn.send(activity);
      } }));
    },
    runPass,
    message: async (conversation, activity) => {
      const { seam, queue } = teams();
      await queue.slot(conversationKeyOf(conversation));
      return seam.send(conversation.reference, activity);
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      // Passes finish claiming (what they claim after the queue stopped stays claimed for the next
      // start), then the queue sends what it recorded as sending, and every pass answers.
      await Promise.allSettled([...claiming]);
      await Promise.all([queue?.stop(), mailQueue?.stop()]);
      await running;
    },
  };
}

// The queue for every proactive send (docs/bot.md, "Exactly once"), one instance per channel (Teams,
// e-mail): it keeps the channel's rate limits with sliding windows, retries what the channel says
// may be retried, and records each step of a dispatch with its ETag, so that a record another
// instance took over is dropped, never sent twice.
import { MAX_SEND_ATTEMPTS, TEAMS_RATE_LIMITS, isRetryableStatus, retryDelay, waitBeforeSend, type BotConversation, type DispatchRecord, type RateWindow } from "@toms/domain";
import { SEND_OUTCOME_UNKNOWN, SendFailure, type BotSeam, type OutgoingActivity } from "../seam.js";

/** A step's result: the record as now stored (with its new ETag), or stale when someone else changed it. */
export type LedgerResult = DispatchRecord | { ok: false; kind: "stale" };

/**
 * Where the queue records each state change: the app's startDispatchAttempt, recordDispatchSent,
 * recordDispatchRetry and recordDispatchFailure, bound to their deps (api/src/service.ts does it).
 * `retry` and `failure` store the record as given, with its `attempts`: after a failed preparation
 * (never recorded as sending) it is the stored record with the attempt counted.
 */
export interface DispatchLedger {
  startAttempt(record: DispatchRecord): Promise<LedgerResult>;
  sent(record: DispatchRecord, activityId: string | undefined): Promise<LedgerResult>;
  retry(record: DispatchRecord, error: string, nextAttemptAt: Date): Promise<LedgerResult>;
  failure(record: DispatchRecord, error: string, options?: { addressFailed?: boolean }): Promise<LedgerResult>;
}

/** What a failed attempt means: whether to try again, after what the channel asked, and why in words. */
export interface DeliveryFailure {
  retry: boolean;
  retryAfterSeconds?: number;
  words: string;
  /** E-mail: the recipient's address itself was refused (recorded as the dispatch's addressFailed). */
  addressFailed?: boolean;
}

/**
 * How one channel delivers a dispatch to its target (a Teams chat, an e-mail address): the queue
 * keeps the windows, the ledger and the retries; the channel only sends and says what a failure means.
 * `P` is what the channel's preparation hands its delivery (nothing for Teams).
 */
export interface OutboundChannel<T, P = undefined> {
  /** What the per-recipient windows count by (a Teams conversation id). */
  keyOf(target: T): string;
  /**
   * Optional slow work before an attempt (an e-mail's link and message), run before the attempt is
   * recorded as sending, so that a crash meanwhile leaves the dispatch to be taken over and tried,
   * not called interrupted. `record` is as stored: the attempt it prepares is `record.attempts + 1`.
   * Each attempt prepares again. A throw is the attempt's failure (describeFailure); nothing was sent.
   */
  prepare?(record: DispatchRecord, target: T): Promise<P>;
  /** One attempt, with what `prepare` made. Called at the slot's moment: it should start sending before its first await. */
  deliver(record: DispatchRecord, target: T, prepared: P): Promise<{ activityId?: string }>;
  describeFailure(error: unknown, record: DispatchRecord): DeliveryFailure;
}

export interface OutboundQueueOptions<T = BotConversation, P = unknown> {
  /** Teams: the seam and the activity a dispatch sends in its conversation (the cards' promptActivity). Ignored when `channel` is given. */
  seam?: Pick<BotSeam, "send">;
  activityFor?: (record: DispatchRecord, conversation: BotConversation) => OutgoingActivity;
  /** Another channel (e-mail): how it delivers. */
  channel?: OutboundChannel<T, P>;
  ledger: DispatchLedger;
  now?: () => number;
  /** In [0, 1): the backoff's jitter. */
  random?: () => number;
  limits?: { perConversation: readonly RateWindow[]; perApp: readonly RateWindow[] };
  maxAttempts?: number;
  /** Widens each window (ms) so that the channel, seeing sends a little later and less evenly, still counts them within limits. */
  marginMs?: number;
  /** The same for a conversation's windows: wider, since a chat's few sends cost little to space out. */
  conversationMarginMs?: number;
  /**
   * How many attempts may be recorded as sending before their slot comes: enough to hide storage's
   * round trip from the pace, few enough that a crash strands (as interrupted) only these.
   */
  recordAhead?: number;
  /** A step that threw (storage down): logged, and the dispatch left for the next pass to recover. */
  onError?: (error: unknown, record: DispatchRecord) => void;
}

/** How a dispatch ended in this queue. */
export type QueueOutcome = "sent" | "failed" | "dropped" | "left";

interface Item<T, P> {
  record: DispatchRecord;
  target: T;
  conversationKey: string;
  readyAt: number;
  /** What the channel's preparation made for this attempt (before it was recorded as sending). */
  prepared?: { value: P };
  /** The record once its attempt is recorded as sending: only then may it take a slot. */
  started?: DispatchRecord;
  preparing?: boolean;
  /** Holds room in the windows from the moment its attempt is recorded until it takes its slot. */
  reserved?: boolean;
}

function isStale(result: LedgerResult): result is { ok: false; kind: "stale" } {
  return (result as { ok?: unknown }).ok === false;
}

/** The conversation's id as the channel names it (what its rate windows count by). */
export function conversationKeyOf(conversation: BotConversation): string {
  const id = (conversation.reference.conversation as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : `${conversation.tenantId}|${conversation.userId}`;
}

/** What the Overdue view shows of a failure: in words a contract manager can act on. */
function teamsFailure(error: unknown): DeliveryFailure {
  const { status, retryAfterSeconds, words } = failureWords(error);
  return { retry: isRetryableStatus(status), ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}), words };
}

/**
 * The Teams channel over the Bot Framework seam.
 *
 * @example
 * const queue = new OutboundQueue({ channel: teamsChannel(seam, activityFor), ledger });
 */
export function teamsChannel(seam: Pick<BotSeam, "send">, activityFor: (record: DispatchRecord, conversation: BotConversation) => OutgoingActivity): OutboundChannel<BotConversation> {
  return {
    keyOf: conversationKeyOf,
    deliver: (record, conversation) => seam.send(conversation.reference, activityFor(record, conversation)),
    describeFailure: teamsFailure,
  };
}

function failureWords(error: unknown): { status: number; retryAfterSeconds?: number; words: string } {
  if (error instanceof SendFailure) {
    const words =
      error.status === SEND_OUTCOME_UNKNOWN
        ? "Teams did not answer, so it is not known whether the message arrived. It is not sent again: ask them in Teams chat if in doubt."
        : error.status === 0
        ? "Teams could not be reached."
        : error.status === 429
          ? "Teams asked the bot to slow down."
          : error.status === 403 || error.status === 404
            ? "Teams refused the message: the person may have removed the app."
            : error.status >= 500
              ? `Teams had a fault (it answered ${error.status}) and did not confirm the message, so it is not known whether it arrived. It is not sent again: ask them in Teams chat if in doubt.`
              : `Teams refused the message (it answered ${error.status}).`;
    return { status: error.status, retryAfterSeconds: error.retryAfterSeconds, words };
  }
  return { status: -1, words: `The message could not be sent: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * Sends proactive prompts within Teams' limits, exactly as often as the ledger allows (at most once).
 *
 * @example
 * const queue = new OutboundQueue({ seam, ledger, activityFor: (record, conversation) => promptActivity(record.prompt, record.id, chatUserId(conversation)) });
 * queue.enqueue(record, conversation);
 * await queue.settled([record.id]);
 * await queue.stop();
 */
export class OutboundQueue<T = BotConversation, P = unknown> {
  private readonly options: Required<Omit<OutboundQueueOptions<T, P>, "onError" | "seam" | "activityFor" | "channel">> & Pick<OutboundQueueOptions<T, P>, "onError">;
  private readonly channel: OutboundChannel<T, P>;
  private readonly waiting: Item<T, P>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly open = new Set<string>();
  private readonly outcomes = new Map<string, QueueOutcome>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly conversationSends = new Map<string, number[]>();
  private appSends: number[] = [];
  /** Dispatches recorded as sending (or being recorded so) that have not taken their slot yet. */
  private readonly reservedIn = new Map<string, number>();
  private reservedTotal = 0;
  /** When the app's latest send was due on an even pace (see appWait). */
  private pacedAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private stopped = false;
  /** Stopping: what is recorded as sending still goes; nothing new is recorded or queued. */
  private stopping = false;

  constructor(options: OutboundQueueOptions<T, P>) {
    const { seam, activityFor, channel, ...rest } = options;
    if (channel) this.channel = channel;
    else if (seam && activityFor) this.channel = teamsChannel(seam, activityFor) as unknown as OutboundChannel<T, P>;
    else throw new Error("Bug: an outbound queue needs a channel, or Teams' seam and activityFor.");
    this.options = {
      now: () => Date.now(),
      random: Math.random,
      limits: TEAMS_RATE_LIMITS,
      maxAttempts: MAX_SEND_ATTEMPTS,
      marginMs: 25,
      conversationMarginMs: 100,
      recordAhead: 10,
      ...rest,
    };
  }

  /** Queues a claimed dispatch for its target (the app's PromptOutbox). A dispatch already queued keeps its place, with the newer record. */
  enqueue(record: DispatchRecord, target: T): void {
    if (this.stopped || this.stopping) return;
    if (this.open.has(record.id)) {
      // This instance's own pass took over its claim again (the lease ran out while it waited for
      // room): the waiting item carries the newer ETag, or its attempt would find itself stale.
      const waiting = this.waiting.find((item) => item.record.id === record.id && !item.started && !item.preparing);
      if (waiting) waiting.record = record;
      return;
    }
    this.open.add(record.id);
    this.outcomes.delete(record.id);
    const readyAt = record.nextAttemptAt ? Date.parse(record.nextAttemptAt) : this.options.now();
    this.waiting.push({ record, target, conversationKey: this.channel.keyOf(target), readyAt: Number.isNaN(readyAt) ? this.options.now() : readyAt });
    this.pump();
  }

  /** Resolves once every one of these dispatches has finished here (sent, failed, dropped, or left at stop). Unknown ids count as finished. */
  settled(ids: readonly string[]): Promise<void> {
    const pending = ids.filter((id) => this.open.has(id));
    return Promise.all(
      pending.map(
        (id) =>
          new Promise<void>((resolve) => {
            const list = this.waiters.get(id) ?? [];
            list.push(resolve);
            this.waiters.set(id, list);
          }),
      ),
    ).then(() => undefined);
  }

  /**
   * Waits for room to send one more activity in this conversation (a reply in a turn, which Teams
   * counts with the prompts), then takes it: replies and prompts share the same windows.
   */
  async slot(conversationId: string): Promise<void> {
    const { perConversation } = this.options.limits;
    for (;;) {
      const now = this.options.now();
      // The conversation's room (with what is reserved) and the app's even pace.
      const wait = Math.max(this.roomWait(conversationId, now), this.appWait(now));
      if (wait === 0) {
        const sends = (this.conversationSends.get(conversationId) ?? []).filter((time) => time > now - maxSpan(perConversation) - this.options.conversationMarginMs);
        sends.push(now);
        this.conversationSends.set(conversationId, sends);
        this.takeAppSend(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** How a dispatch ended here, if it has. */
  outcome(id: string): QueueOutcome | undefined {
    return this.outcomes.get(id);
  }

  /** Whether this dispatch is queued or in flight here. */
  isOpen(id: string): boolean {
    return this.open.has(id);
  }

  /** Dispatches queued or in flight. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Stops: no new sends start, timers are cleared, sends in flight finish and are recorded. Queued
   * dispatches stay claimed or retrying in storage; their lease runs out and the next pass recovers them.
   */
  async stop(): Promise<void> {
    // First no new attempt is recorded; those already recorded as sending are sent (at most
    // recordAhead of them, at the windows' pace), so none is left "sending" to be called interrupted.
    this.stopping = true;
    this.pump();
    while (this.inFlight.size > 0 || this.waiting.some((item) => item.started || item.preparing)) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 20))]);
    }
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const item of this.waiting.splice(0)) {
      this.reserve(item, false);
      this.finish(item.record.id, "left");
    }
  }

  private finish(id: string, outcome: QueueOutcome): void {
    this.open.delete(id);
    this.outcomes.set(id, outcome);
    for (const resolve of this.waiters.get(id) ?? []) resolve();
    this.waiters.delete(id);
  }

  /** Starts every waiting send the windows allow now, and sets one timer for the next. */
  private pump(): void {
    if (this.stopped) return;
    const { perConversation, perApp } = this.options.limits;
    const margin = this.options.marginMs;
    let next = Infinity;
    const now = this.options.now();
    this.appSends = this.appSends.filter((time) => time > now - maxSpan(perApp) - margin);
    // The app's room for one more recorded attempt, worked out once until one is reserved.
    let appRoom: number | undefined;
    for (let index = 0; index < this.waiting.length; ) {
      const item = this.waiting[index]!;
      if (item.readyAt > now) {
        next = Math.min(next, item.readyAt);
        index += 1;
        continue;
      }
      if (!item.started) {
        // The attempt is recorded first; the slot is taken only at the send itself, so that the
        // windows count the sends the channel sees, however long storage takes. It is recorded
        // only when the windows have room for it beside those already recorded: a dispatch marked
        // sending is about to be sent, so a restart that finds it so (interrupted) loses no more
        // than the sends in flight.
        if (!item.preparing && !this.stopping) {
          appRoom ??= this.appRoomWait(now);
          const wait = appRoom > 0 ? appRoom : this.conversationRoomWait(item.conversationKey, now);
          if (wait > 0) {
            next = Math.min(next, now + wait);
            index += 1;
            continue;
          }
          this.reserve(item, true);
          appRoom = undefined;
          this.track(this.prepare(item));
        }
        index += 1;
        continue;
      }
      // The clock again: a send's slot is the moment it goes, however long this pass over the list took.
      const at = this.options.now();
      // Waiting for the app's pace, the rest may still be recorded as sending meanwhile, so that
      // storage's round trip is not in the pace's way.
      const appWait = this.appWait(at);
      if (appWait > 0) {
        next = Math.min(next, at + appWait);
        index += 1;
        continue;
      }
      const sends = (this.conversationSends.get(item.conversationKey) ?? []).filter((time) => time > at - maxSpan(perConversation) - this.options.conversationMarginMs);
      const wait = waitBeforeSend(sends, at, perConversation, this.options.conversationMarginMs);
      if (wait > 0) {
        this.conversationSends.set(item.conversationKey, sends);
        next = Math.min(next, at + wait);
        index += 1;
        continue;
      }
      sends.push(at);
      this.conversationSends.set(item.conversationKey, sends);
      this.takeAppSend(at);
      this.reserve(item, false);
      this.waiting.splice(index, 1);
      // attempt() calls the seam before its first await: the send happens at the slot's time.
      this.track(this.attempt(item, item.started));
    }
    this.schedule(next);
  }

  /** How long before one more dispatch of this conversation has room, counting those reserved as sent now. */
  private roomWait(conversationKey: string, now: number): number {
    return Math.max(this.conversationRoomWait(conversationKey, now), this.appRoomWait(now));
  }

  private conversationRoomWait(conversationKey: string, now: number): number {
    const { perConversation } = this.options.limits;
    const margin = this.options.conversationMarginMs;
    const sends = (this.conversationSends.get(conversationKey) ?? []).filter((time) => time > now - maxSpan(perConversation) - margin);
    return waitBeforeSend([...sends, ...Array.from({ length: this.reservedIn.get(conversationKey) ?? 0 }, () => now)], now, perConversation, margin);
  }

  private appRoomWait(now: number): number {
    if (this.reservedTotal >= this.options.recordAhead) return Math.max(1, Math.ceil(this.pace()));
    return waitBeforeSend([...this.appSends, ...Array.from({ length: this.reservedTotal }, () => now)], now, this.options.limits.perApp, this.options.marginMs);
  }

  private reserve(item: Item<T, P>, on: boolean): void {
    if (item.reserved === on) return;
    item.reserved = on;
    const change = on ? 1 : -1;
    this.reservedTotal += change;
    this.reservedIn.set(item.conversationKey, (this.reservedIn.get(item.conversationKey) ?? 0) + change);
  }

  /**
   * How long before the app may send again: within its windows, and no sooner than an even pace
   * allows. Sends let go in a burst reach the channel spread over tens of milliseconds, so the
   * first of the next burst would arrive inside the window of the last of this one.
   */
  private appWait(now: number): number {
    const { perApp } = this.options.limits;
    return Math.max(waitBeforeSend(this.appSends, now, perApp, this.options.marginMs), Math.ceil(this.pacedAt + this.pace() - now));
  }

  /** Takes the app's room for a send now. */
  private takeAppSend(now: number): void {
    this.appSends.push(now);
    // Kept on the pace's own (fractional) time, so that whole-millisecond timers that fire a little
    // late do not slow it, but never more than half a pace behind: the next send is then at least
    // half a pace after this one.
    this.pacedAt = Math.max(this.pacedAt + this.pace(), now - this.pace() / 2);
  }

  /** Milliseconds between the app's sends at the most the windows allow. */
  private pace(): number {
    return Math.max(0, ...this.options.limits.perApp.map((window) => (window.windowMs + this.options.marginMs) / window.count));
  }

  private schedule(at: number): void {
    if (at === Infinity || this.stopped) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - this.options.now()),
    );
  }

  private track(run: Promise<void>): void {
    const tracked = run.finally(() => {
      this.inFlight.delete(tracked);
    });
    this.inFlight.add(tracked);
  }

  /**
   * Runs the channel's preparation (if any), then records the attempt as sending; a stale record is
   * dropped, never sent. A preparation that fails is the attempt's failure, recorded as one.
   */
  private async prepare(item: Item<T, P>): Promise<void> {
    item.preparing = true;
    try {
      if (this.channel.prepare) {
        let prepared: P;
        try {
          prepared = await this.channel.prepare(item.record, item.target);
        } catch (error) {
          // Never recorded as sending, and nothing sent: the attempt is counted with its failure.
          this.reserve(item, false);
          this.waiting.splice(this.waiting.indexOf(item), 1);
          try {
            await this.afterFailure(item, { ...item.record, attempts: item.record.attempts + 1 }, error);
          } catch (storing) {
            this.options.onError?.(storing, item.record);
            this.finish(item.record.id, "left");
          }
          return;
        }
        if (this.stopping) {
          // Stopping while it prepared: not recorded as sending, so the next pass takes it over and prepares again.
          this.reserve(item, false);
          this.waiting.splice(this.waiting.indexOf(item), 1);
          return this.finish(item.record.id, "left");
        }
        item.prepared = { value: prepared };
      }
      const started = await this.options.ledger.startAttempt(item.record);
      if (isStale(started)) {
        this.reserve(item, false);
        this.waiting.splice(this.waiting.indexOf(item), 1);
        return this.finish(item.record.id, "dropped");
      }
      item.started = started;
    } catch (error) {
      this.reserve(item, false);
      this.waiting.splice(this.waiting.indexOf(item), 1);
      this.options.onError?.(error, item.record);
      this.finish(item.record.id, "left");
    } finally {
      item.preparing = false;
      this.pump();
    }
  }

  private async attempt(item: Item<T, P>, started: DispatchRecord): Promise<void> {
    const { ledger } = this.options;
    const id = item.record.id;
    try {
      let activityId: string | undefined;
      try {
        activityId = (await this.channel.deliver(started, item.target, item.prepared?.value as P)).activityId;
      } catch (error) {
        return await this.afterFailure(item, started, error);
      }
      const sent = await ledger.sent(started, activityId);
      this.finish(id, isStale(sent) ? "dropped" : "sent");
    } catch (error) {
      // Storage could not record a step: the lease runs out and the next pass recovers or interrupts it.
      this.options.onError?.(error, item.record);
      this.finish(id, "left");
    } finally {
      this.pump();
    }
  }

  /**
   * Records a failed attempt (`attempted`: the record with this attempt counted): queued again at
   * its backoff when the channel says a retry may mend it and attempts remain, else failed.
   * Throws when storage cannot record it.
   */
  private async afterFailure(item: Item<T, P>, attempted: DispatchRecord, error: unknown): Promise<void> {
    const { ledger } = this.options;
    const id = item.record.id;
    const failure = this.channel.describeFailure(error, attempted);
    if (failure.retry && attempted.attempts < this.options.maxAttempts) {
      const delay = retryDelay(attempted.attempts, this.options.random(), failure.retryAfterSeconds);
      const nextAttemptAt = new Date(this.options.now() + delay);
      const retrying = await ledger.retry(attempted, failure.words, nextAttemptAt);
      if (isStale(retrying)) return this.finish(id, "dropped");
      if (this.stopped || this.stopping) return this.finish(id, "left");
      this.waiting.push({ record: retrying, target: item.target, conversationKey: item.conversationKey, readyAt: nextAttemptAt.getTime() });
      return;
    }
    const failed = failure.addressFailed ? await ledger.failure(attempted, failure.words, { addressFailed: true }) : await ledger.failure(attempted, failure.words);
    this.finish(id, isStale(failed) ? "dropped" : "failed");
  }
}

function maxSpan(windows: readonly RateWindow[]): number {
  return Math.max(0, ...windows.map((window) => window.windowMs));
}

// Prompts by e-mail (docs/suppliers.md): before each attempt is recorded as sending, the contact's
// signed update link is issued and the message built (promptMail), the channel's preparation; at
// the slot the message is sent through the one mail seam. The queue records each step, as for
// Teams. Message-ID and X-TOMs-Dispatch let a bounce find its dispatch.
import { FreshLinkOutcomeUnknown, dispatchHeaderOf } from "@toms/app";
import { freshLinkMail, promptMail, retryDelay, type DispatchRecord } from "@toms/domain";
import { MAIL_OUTCOME_UNKNOWN, MailFailure, type MailAddress, type MailMessage, type MailTransport } from "@toms/mail";
import type { DeliveryFailure, OutboundChannel } from "./outbound-queue.js";

/** How the bot sends e-mail: the transport, the council's sender, its pace, and the link each prompt carries. */
export interface MailPromptOptions {
  transport: MailTransport;
  from: MailAddress;
  /** Mails a minute at most (Exchange Online allows 30 a minute per mailbox). */
  perMinute: number;
  /**
   * Issues the contact's signed update link for this dispatch (issueUpdateLink), before each attempt
   * is recorded as sending. `record.attempts` is the attempt's number.
   */
  link(record: DispatchRecord): Promise<{ link: string; expiresAt: string }>;
}

/** What an e-mail target is: the address is on the dispatch itself. */
export type MailTarget = { channel: "email" };

/** An attempt's mail, built before the attempt is recorded as sending: its link is already issued. */
export type PreparedMail = MailMessage;

/** The message id of a dispatch's attempt: a bounce that keeps only this still names the dispatch. */
export function promptMessageId(record: Pick<DispatchRecord, "id" | "attempts">, from: MailAddress): string {
  const domain = from.address.split("@")[1] || "toms.invalid";
  return `<${record.id}.${record.attempts}@${domain}>`;
}

/**
 * The link could not be issued for a reason retrying cannot mend (nothing is owed any more, the
 * contact was removed or has no address): no mail is sent, and the dispatch is failed in these words.
 */
export class LinkRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LinkRefused";
  }
}

/**
 * A failure in words naming the address, and whether a retry may mend it. `addressFailed` only
 * when the recipient's server refused this very address (SMTP 5xx on RCPT): not for the council's
 * mailbox refusing (Graph 4xx), an unknown outcome, retries spent or a link refused.
 */
export function mailFailure(error: unknown, record: Pick<DispatchRecord, "address">): DeliveryFailure {
  const to = record.address ?? "the contact";
  if (error instanceof MailFailure) {
    if (error.status === MAIL_OUTCOME_UNKNOWN) return { retry: false, words: `The mail server did not confirm the send, so it is not known whether the e-mail to ${to} arrived. It is not sent again: write to them if in doubt.` };
    if (error.permanent) {
      const address = record.address?.toLowerCase();
      const addressFailed = address !== undefined && error.rejected.some((rejected) => rejected.toLowerCase() === address);
      return { retry: false, words: `The e-mail to ${to} was refused: ${error.message}`, ...(addressFailed ? { addressFailed: true } : {}) };
    }
    const words = error.status === 0 ? `The mail server could not be reached to send the e-mail to ${to}.` : `The mail server could not take the e-mail to ${to} just now (it answered ${error.status}): ${error.message}`;
    return { retry: true, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}), words };
  }
  if (error instanceof LinkRefused) return { retry: false, words: `No e-mail was sent to ${to}: ${error.message}` };
  // The link could not be issued (storage), or the mail not built: nothing left, so it is tried again.
  return { retry: true, words: `The e-mail to ${to} could not be prepared: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * The e-mail channel for the outbound queue.
 *
 * @example
 * const queue = new OutboundQueue<MailTarget>({ channel: mailChannel(options, deps.council), ledger, limits: mailLimits(30) });
 */
export function mailChannel(options: MailPromptOptions, council: { name: string; email: string }): OutboundChannel<MailTarget, PreparedMail> {
  return {
    // No per-recipient window: a contact gets a few mails a day at most, and the app's pace keeps the mailbox's limit.
    keyOf: () => "mail",
    // Before the attempt is recorded as sending: a crash here leaves nothing sent and nothing marked.
    prepare: async (stored) => {
      const record = { ...stored, attempts: stored.attempts + 1 };
      if (!record.address) throw new MailFailure("the dispatch has no address", 0, true);
      const { link, expiresAt } = await options.link(record);
      const content = promptMail(record.prompt, { council, sender: options.from, link, linkExpiresAt: expiresAt });
      return {
        from: options.from,
        to: { address: record.address, ...(record.prompt.recipient.name ? { name: record.prompt.recipient.name } : {}) },
        replyTo: { address: council.email, name: council.name },
        ...content,
        messageId: promptMessageId(record, options.from),
        headers: { "X-TOMs-Dispatch": dispatchHeaderOf(record) },
      };
    },
    // At the slot: the prepared mail goes at once, under the Message-ID of the attempt as recorded.
    deliver: async (record, _target, prepared) => {
      const messageId = promptMessageId(record, options.from);
      const receipt = await options.transport.send({ ...prepared, messageId });
      return { activityId: receipt.messageId || messageId };
    },
    describeFailure: mailFailure,
  };
}

/** The mail queue's limits: the mailbox's per-minute pace, and no per-recipient windows. */
export function mailLimits(perMinute: number) {
  return { perConversation: [], perApp: [{ count: perMinute, windowMs: 60_000 }] };
}

/** What a fresh link's mail says: for B's "Send me a new link". */
export interface FreshLinkRequest {
  address: string;
  contactName?: string;
  contractReference: string;
  contractTitle: string;
  link: string;
  expiresAt: string;
}

/**
 * Sends the mail with a new update link (not a prompt, so no dispatch): one attempt; throws MailFailure.
 *
 * @example
 * await sendFreshLinkMail({ transport, from }, deps.council, { address, contractReference, contractTitle, link, expiresAt });
 */
export async function sendFreshLinkMail(mail: Pick<MailPromptOptions, "transport" | "from">, council: { name: string; email: string }, request: FreshLinkRequest): Promise<void> {
  const content = freshLinkMail({ council, sender: mail.from, contractReference: request.contractReference, contractTitle: request.contractTitle, link: request.link, linkExpiresAt: request.expiresAt, ...(request.contactName ? { contactName: request.contactName } : {}) });
  const domain = mail.from.address.split("@")[1] || "toms.invalid";
  await mail.transport.send({
    from: mail.from,
    to: { address: request.address, ...(request.contactName ? { name: request.contactName } : {}) },
    replyTo: { address: council.email, name: council.name },
    ...content,
    messageId: `<fresh-link.${crypto.randomUUID()}@${domain}>`,
  });
}

/** A fresh link as the update-link use case hands it over (requestFreshLink's FreshLink, structurally). */
export interface FreshLinkIssued {
  link: string;
  record: { expiresAt: string; address: string };
  contact: { name?: string };
  contract: { reference: string; title: string };
}

/** How a fresh link's mail is tried again when the mail server is busy. */
export interface FreshLinkRetry {
  /** Attempts in all (3: the first and two more). */
  attempts?: number;
  /** The longest wait before another attempt (30 s): a server that asks for longer is not tried again, and the holder may ask once more later. */
  maxWaitMs?: number;
  /** Waits (tests pass a stand-in). */
  sleep?: (ms: number) => Promise<void>;
  /** The backoff's jitter, 0 to 1 (Math.random). */
  random?: () => number;
}

/**
 * The `send` of requestFreshLink (the /update route's sendFreshLink): mails the new link to the
 * address the link was issued for. A busy or unreachable server (what mailFailure would retry for a
 * prompt: 429, 503, another 4xx that is not permanent) is tried again after the queue's backoff
 * (retryDelay, never sooner than its Retry-After), up to `attempts` in all and `maxWaitMs` a wait;
 * anything else throws at once. A server that stopped answering once the mail may have left
 * (MAIL_OUTCOME_UNKNOWN) is never tried again: it throws FreshLinkOutcomeUnknown, so the old link
 * stays renewed and no second mail goes.
 *
 * @example
 * updateLinkRoutes(deps, { ...options, sendFreshLink: freshLinkSender({ transport, from: config.mail.from }, deps.council) });
 */
export function freshLinkSender(mail: Pick<MailPromptOptions, "transport" | "from">, council: { name: string; email?: string }, retry: FreshLinkRetry = {}): (fresh: FreshLinkIssued) => Promise<void> {
  const attempts = Math.max(1, retry.attempts ?? 3);
  const maxWaitMs = retry.maxWaitMs ?? 30_000;
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = retry.random ?? Math.random;
  return async (fresh) => {
    const request: FreshLinkRequest = {
      address: fresh.record.address,
      ...(fresh.contact.name ? { contactName: fresh.contact.name } : {}),
      contractReference: fresh.contract.reference,
      contractTitle: fresh.contract.title,
      link: fresh.link,
      expiresAt: fresh.record.expiresAt,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await sendFreshLinkMail(mail, { name: council.name, email: council.email ?? mail.from.address }, request);
      } catch (error) {
        if (!(error instanceof MailFailure)) throw error;
        // The words name no address: they go to the log.
        const failure = mailFailure(error, {});
        if (error.status === MAIL_OUTCOME_UNKNOWN) throw new FreshLinkOutcomeUnknown(failure.words, { cause: error });
        if (!failure.retry) throw new Error(failure.words, { cause: error });
        const wait = retryDelay(attempt, random(), failure.retryAfterSeconds);
        if (attempt >= attempts) throw new Error(`${failure.words} (tried ${attempt} times)`, { cause: error });
        if (wait > maxWaitMs) throw new Error(`${failure.words} (it asked for a wait of ${Math.ceil(wait / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s a fresh link waits)`, { cause: error });
        await sleep(wait);
      }
    }
  };
}

// The SMTP transport (nodemailer, pooled): one attempt per send, its failures told as MailFailure so
// the prompt queue knows whether to retry, give up, or never resend.
import nodemailer from "nodemailer";
import { nodemailerFields } from "./compose.js";
import { MailFailure, MAIL_OUTCOME_UNKNOWN, type MailMessage, type MailReceipt, type MailTransport } from "./mail.js";

/** What nodemailer puts on its errors (nodemailer's NodemailerError). */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
  originalCode?: string;
  timeoutType?: string;
}

/** Errors that mean the server was never reached: nothing of the message left. */
const UNREACHED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EDNS"]);

/**
 * A nodemailer error as a MailFailure. A reply from the server says what happened (5xx: refused for
 * good, 4xx: try later). Without a reply: a server never reached is status 0 (nothing left); a
 * connection lost or a timeout once connected is MAIL_OUTCOME_UNKNOWN, because nodemailer does not
 * say whether the message's DATA had begun, and a resend could deliver it twice. (nodemailer itself
 * resends on another connection only when not a byte of the message was read.)
 */
export function smtpFailure(error: unknown, to: string): MailFailure {
  const e = error as SmtpError;
  const code = e.originalCode ?? e.code ?? "";
  if (typeof e.responseCode === "number" && e.responseCode >= 400) {
    const reply = (e.response ?? e.message).trim();
    const rejected = e.rejected?.length ? e.rejected : e.command === "RCPT TO" ? [to] : [];
    // RFC 5321: 5yz is a permanent refusal, 4yz a transient one; 503 is a session out of step, not a refusal of the message.
    const permanent = e.responseCode >= 500 && e.responseCode !== 503;
    const words = rejected.length ? `The mail server refused ${rejected.join(", ")}: ${reply}` : `The mail server refused the message: ${reply}`;
    return new MailFailure(words, e.responseCode, permanent, undefined, rejected);
  }
  if (UNREACHED.has(code) || (e.code === "ETIMEDOUT" && (e.timeoutType === "CONNECT_TIMEOUT" || e.timeoutType === "GREETING_TIMEOUT"))) {
    return new MailFailure(`The mail server could not be reached (${code || e.message}); nothing was sent.`, 0, false);
  }
  return new MailFailure(`The connection to the mail server was lost while sending (${e.code ?? e.message}): it is not known whether the message arrived.`, MAIL_OUTCOME_UNKNOWN, false);
}

/**
 * An SMTP transport to `url` (smtp://host:port, smtps://user:pass@host:465, as nodemailer reads it).
 * @example const transport = createSmtpTransport({ url: "smtp://127.0.0.1:2525" });
 */
export function createSmtpTransport(options: { url: string; kind?: "smtp" | "development"; timeoutMs?: number }): MailTransport {
  const timeout = options.timeoutMs ?? 60_000;
  // One object: nodemailer takes the URL's settings first and these where the URL says nothing.
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    // A requeue happens only when a reused connection closed before a byte of the message was read: safe.
    maxRequeues: 1,
    connectionTimeout: Math.min(timeout, 30_000),
    greetingTimeout: Math.min(timeout, 30_000),
    socketTimeout: timeout,
  } as never);
  return {
    kind: options.kind ?? "smtp",
    async send(message: MailMessage): Promise<MailReceipt> {
      try {
        const info = (await transporter.sendMail(nodemailerFields(message))) as { rejected?: (string | { address: string })[] };
        const rejected = (info.rejected ?? []).map((r) => (typeof r === "string" ? r : r.address));
        if (rejected.length) throw new MailFailure(`The mail server refused ${rejected.join(", ")}.`, 550, true, undefined, rejected);
        return { messageId: message.messageId };
      } catch (error) {
        if (error instanceof MailFailure) throw error;
        throw smtpFailure(error, message.to.address);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

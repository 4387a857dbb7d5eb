// The Microsoft Graph transport: POST /v1.0/users/{mailbox}/sendMail in its MIME form (Content-Type
// text/plain, the base64 of the whole message). Graph's JSON form has one body (HTML or text, not
// both) and at most 5 X- headers; the MIME form keeps the plain-text and HTML parts, our
// Message-ID and our headers as built ("Send messages with MIME content", Microsoft Graph docs).
// 202 Accepted means Exchange took it; delivery follows Exchange Online's limits (30 a minute a mailbox).
import { composeMime } from "./compose.js";
import { MailFailure, MAIL_OUTCOME_UNKNOWN, type MailMessage, type MailReceipt, type MailTransport } from "./mail.js";

export interface GraphTransportOptions {
  /** The council mailbox it sends from (its UPN or object id); Mail.Send must be allowed for it. */
  mailbox: string;
  /** https://graph.microsoft.com, or a national cloud's (or a loopback stand-in in tests). */
  graphUrl: string;
  /** An access token for Graph (graphToken). */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  /** How long a send may wait for Graph's answer before its outcome counts as unknown (default 30 s). */
  timeoutMs?: number;
}

/** Refusals before any work was done (throttled, or the service not available): retried. */
const TRANSIENT = new Set([429, 503]);
/**
 * Errors that may come after the request reached Exchange (a front end timing out while Exchange
 * goes on and sends): the outcome is not known, so they are never resent (a 504 can be a sent mail).
 */
const AMBIGUOUS = new Set([500, 502, 504]);
/** Errors of a request that never reached Graph: nothing was sent. */
const UNREACHED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Retry-After in seconds (a number of seconds or an HTTP date), if given. */
function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** What Graph says in its error body: "code: message", or the status alone. */
async function graphError(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error) return [body.error.code, body.error.message].filter(Boolean).join(": ");
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300) || `HTTP ${response.status}`;
}

/**
 * Sends through Microsoft Graph. 429/503 → transient MailFailure with Retry-After; 500/502/504 and
 * no answer within `timeoutMs` → MAIL_OUTCOME_UNKNOWN (Graph may have taken it); other 4xx/5xx →
 * permanent, in words.
 * @example const transport = createGraphTransport({ mailbox: "procurement@council.gov.uk", graphUrl: "https://graph.microsoft.com", token: graphToken(settings) });
 */
export function createGraphTransport(options: GraphTransportOptions): MailTransport {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = `${options.graphUrl.replace(/\/+$/, "")}/v1.0/users/${encodeURIComponent(options.mailbox)}/sendMail`;
  return {
    kind: "graph",
    async send(message: MailMessage): Promise<MailReceipt> {
      const body = (await composeMime(message)).toString("base64");
      let token: string;
      try {
        token = await options.token();
      } catch (error) {
        throw new MailFailure(`The council's mailbox could not get a Microsoft Graph token: ${(error as Error).message}`, 0, false);
      }
      let response: Response;
      try {
        response = await doFetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" }, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        if (cause && UNREACHED.has(cause)) throw new MailFailure(`Microsoft Graph could not be reached (${cause}); nothing was sent.`, 0, false);
        throw new MailFailure(`Microsoft Graph did not answer the send in time (${(error as Error).name === "TimeoutError" ? `${timeoutMs} ms` : (cause ?? (error as Error).message)}): it is not known whether the message was sent.`, MAIL_OUTCOME_UNKNOWN, false);
      }
      if (response.status === 202 || response.status === 200) {
        await response.body?.cancel().catch(() => undefined);
        return { messageId: message.messageId };
      }
      const said = await graphError(response);
      if (AMBIGUOUS.has(response.status)) {
        throw new MailFailure(`Microsoft Graph answered ${response.status} (${said}): it is not known whether the message was sent.`, MAIL_OUTCOME_UNKNOWN, false);
      }
      if (TRANSIENT.has(response.status)) {
        throw new MailFailure(`Microsoft Graph asked to try later (${response.status}): ${said}`, response.status, false, retryAfter(response.headers.get("retry-after")));
      }
      throw new MailFailure(`The council's mailbox refused to send (${response.status}): ${said}`, response.status, true);
    },
    async close() {},
  };
}

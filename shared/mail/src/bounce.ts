// Reading a bounce (RFC 3464 delivery status notification, multipart/report): who failed, why, and
// which dispatch the returned message belonged to (its X-TOMs-Dispatch header, else its Message-ID).
import { simpleParser } from "mailparser";

export interface BounceRecipient {
  address: string;
  /** failed, delayed, delivered, relayed, expanded. */
  action: string;
  /** The enhanced status code, e.g. 5.1.1. */
  status: string;
  diagnostic?: string;
}

export interface Bounce {
  /** X-TOMs-Dispatch of the returned message, else the id part of its Message-ID <id.attempt@domain>. */
  dispatchId?: string;
  messageId?: string;
  recipients: BounceRecipient[];
}

/** The fields of one block of a delivery-status part (continuation lines joined). */
function fields(block: string): Map<string, string> {
  const map = new Map<string, string>();
  let last = "";
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) map.set(last, `${map.get(last) ?? ""} ${line.trim()}`);
    else {
      const at = line.indexOf(":");
      if (at <= 0) continue;
      last = line.slice(0, at).trim().toLowerCase();
      map.set(last, line.slice(at + 1).trim());
    }
  }
  return map;
}

/** "rfc822; ana@example.com" -> "ana@example.com". */
const typed = (value: string | undefined): string => (value ?? "").replace(/^[^;]*;\s*/, "").replace(/^<|>$/g, "").trim();

/**
 * The bounce in `raw`, or undefined when it is not a delivery status notification.
 * @example const bounce = await readBounce(raw); bounce?.recipients[0]?.status // "5.1.1"
 */
export async function readBounce(raw: string | Buffer): Promise<Bounce | undefined> {
  const parsed = await simpleParser(raw);
  const contentType = parsed.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const attachments = parsed.attachments ?? [];
  const status = attachments.find((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType));
  if (!status && !/multipart\/report/i.test(contentType?.value ?? "")) return undefined;
  if (!status) return undefined;
  const blocks = status.content.toString("utf8").split(/\r?\n\s*\r?\n/).map(fields).filter((m) => m.size > 0);
  const recipients = blocks
    .filter((m) => m.has("final-recipient") || m.has("original-recipient"))
    .map((m) => ({
      address: typed(m.get("final-recipient") ?? m.get("original-recipient")),
      action: (m.get("action") ?? "").toLowerCase(),
      status: (m.get("status") ?? "").split(/\s/)[0] ?? "",
      ...(m.get("diagnostic-code") ? { diagnostic: typed(m.get("diagnostic-code")) } : {}),
    }));
  if (recipients.length === 0) return undefined;
  const returned = attachments.find((a) => /^(message\/(global-)?rfc822|text\/rfc822-headers|message\/global-headers)$/i.test(a.contentType));
  const headerText = (returned?.content.toString("utf8") ?? "").split(/\r?\n\r?\n/)[0] ?? "";
  const returnedHeaders = fields(headerText);
  const messageId = returnedHeaders.get("message-id")?.trim();
  const dispatchId = returnedHeaders.get("x-toms-dispatch")?.trim() || messageId?.match(/^<([^@>]+)\.\d+@/)?.[1];
  return { ...(dispatchId ? { dispatchId } : {}), ...(messageId ? { messageId } : {}), recipients };
}

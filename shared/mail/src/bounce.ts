// Reading a bounce (RFC 3464 delivery status notification, multipart/report): who failed, why, and
// which dispatch the returned message belonged to (its X-TOMs-Dispatch header, else its Message-ID).

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

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** A MIME entity's headers and body. */
function entity(text: string): Part {
  const at = text.search(/\r?\n\r?\n/);
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? "" : text.slice(at).replace(/^\r?\n\r?\n/, "");
  return { headers: fields(head), body };
}

/** The parts of a multipart entity (one level; a nested multipart is split in turn). */
function partsOf(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "";
  const boundary = type.match(/boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i);
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const marker = `--${boundary[1] ?? boundary[2]}`;
  const pieces = part.body.split(new RegExp(`^${marker.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(?:--)?[ \t]*\r?$`, "m")).slice(1, -1);
  return pieces.flatMap((piece) => partsOf(entity(piece.replace(/^\r?\n/, ""))));
}

/** The body as text, decoded when it is base64 or quoted-printable. */
function decoded(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return part.body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return part.body;
}

const typeOf = (part: Part) => (part.headers.get("content-type") ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * The bounce in `raw`, or undefined when it is not a delivery status notification (RFC 3464: a
 * multipart/report with a message/delivery-status part naming at least one recipient).
 * @example const bounce = await readBounce(raw); bounce?.recipients[0]?.status // "5.1.1"
 */
export async function readBounce(raw: string | Buffer): Promise<Bounce | undefined> {
  const top = entity(typeof raw === "string" ? raw : raw.toString("utf8"));
  if (!/^multipart\/report/i.test(top.headers.get("content-type") ?? "")) return undefined;
  const parts = partsOf(top);
  const status = parts.find((p) => /^message\/(global-)?delivery-status$/.test(typeOf(p)));
  if (!status) return undefined;
  const blocks = decoded(status).split(/\r?\n[ \t]*\r?\n/).map(fields).filter((m) => m.size > 0);
  const recipients = blocks
    .filter((m) => m.has("final-recipient") || m.has("original-recipient"))
    .map((m) => ({
      address: typed(m.get("final-recipient") ?? m.get("original-recipient")),
      action: (m.get("action") ?? "").toLowerCase(),
      status: (m.get("status") ?? "").split(/\s/)[0] ?? "",
      ...(m.get("diagnostic-code") ? { diagnostic: typed(m.get("diagnostic-code")).replace(/\s+/g, " ") } : {}),
    }));
  if (recipients.length === 0) return undefined;
  const returned = parts.find((p) => /^(message\/(global-)?rfc822|text\/rfc822-headers|message\/global-headers)$/.test(typeOf(p)));
  const returnedHeaders = returned ? entity(decoded(returned)).headers : new Map<string, string>();
  const messageId = returnedHeaders.get("message-id")?.trim();
  const dispatchId = returnedHeaders.get("x-toms-dispatch")?.trim() || messageId?.match(/^<([^@>]+)\.\d+@/)?.[1];
  return { ...(dispatchId ? { dispatchId } : {}), ...(messageId ? { messageId } : {}), recipients };
}

// The development mailbox: an SMTP server on loopback (smtp-server) that keeps what it is sent in
// memory, so mail can be read on /dev/mail and by tests without anything leaving the computer. It
// refuses, for good (550), any recipient at a .invalid domain (RFC 2606), so a refusal can be tried.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** One message the mailbox took. */
export interface CapturedMail {
  id: string;
  receivedAt: string;
  from: string;
  /** The envelope's recipients. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header name (lower case) -> value, as text. */
  headers: Record<string, string>;
  raw: string;
}

export interface DevMailbox {
  /** smtp://127.0.0.1:PORT, for an SMTP transport. */
  readonly url: string;
  /** Newest first. */
  messages(): CapturedMail[];
  message(id: string): CapturedMail | undefined;
  /** The first message (newest first) that `predicate` accepts, waiting for one up to `timeoutMs`. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  close(): Promise<void>;
}

export interface DevMailboxOptions {
  host?: "127.0.0.1";
  /** 0 (default): any free port. */
  port?: number;
  /** Recipients to refuse with 550; by default those at a .invalid domain. */
  rejects?: (address: string) => boolean;
  /** At most this many are kept (default 500); the oldest go first. */
  keep?: number;
}

/** Refused by default: RFC 2606 reserves .invalid for names that must not work. */
export const refusesInvalidDomain = (address: string): boolean => /\.invalid$/i.test(address.trim());

function headerText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "text" in value) return String((value as { text: unknown }).text);
  if (value && typeof value === "object" && "value" in value) return String((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(headerText).join(", ");
  return value instanceof Date ? value.toISOString() : String(value ?? "");
}

/**
 * Starts the mailbox on loopback (no sign-in, no STARTTLS).
 * @example const mailbox = await startDevMailbox(); const transport = createSmtpTransport({ url: mailbox.url });
 */
export async function startDevMailbox(options: DevMailboxOptions = {}): Promise<DevMailbox> {
  const host = options.host ?? "127.0.0.1";
  const rejects = options.rejects ?? refusesInvalidDomain;
  const keep = options.keep ?? 500;
  const kept: CapturedMail[] = [];
  const waiting = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "TOMs Suite development mailbox: nothing leaves this computer",
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(session, callback) {
      const remote = session.remoteAddress.replace(/^::ffff:/, "");
      if (remote !== "127.0.0.1" && remote !== "::1") return callback(new Error("This mailbox takes mail only from this computer"));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (rejects(address.address)) {
        const refusal = new Error(`${address.address}: no such mailbox (the development mailbox refuses every .invalid address)`) as Error & { responseCode: number };
        refusal.responseCode = 550;
        return callback(refusal);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value);
            kept.unshift({
              id: randomUUID(),
              receivedAt: new Date().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              messageId: parsed.messageId ?? "",
              headers,
              raw: raw.toString("utf8"),
            });
            kept.splice(keep);
            for (const wake of [...waiting]) wake();
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A parse or socket error of one session must not stop the mailbox.
  server.on("error", () => undefined);
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    url: `smtp://${host}:${port}`,
    messages: () => [...kept],
    message: (id) => kept.find((m) => m.id === id),
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = kept.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`No such message reached the development mailbox within ${timeoutMs} ms (it holds ${kept.length}).`));
        }, timeoutMs);
        if (!check()) waiting.add(check);
      });
    },
    clear: () => void kept.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

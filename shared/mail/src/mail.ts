// The one mail seam (docs/suppliers.md): what a message is, what a transport does with it, and how
// a send fails, whatever carries it (Microsoft Graph, SMTP, or the development mailbox).

/** A named address. */
export interface MailAddress {
  address: string;
  name?: string;
}

/** One message to one person: a plain-text part and an HTML part, no attachments. */
export interface MailMessage {
  from: MailAddress;
  to: MailAddress;
  replyTo?: MailAddress;
  subject: string;
  text: string;
  html: string;
  /**
   * The message's id, set by the sender so that a bounce can be matched to what was sent:
   * "<local@domain>". SMTP sends it as Message-ID; Graph, which chooses its own, only as a header.
   */
  messageId: string;
  /** Extra headers, each named X-… (Graph accepts only those): e.g. X-TOMs-Dispatch. */
  headers?: Readonly<Record<string, string>>;
}

/** What a transport says of a message it took. */
export interface MailReceipt {
  /** The message id it went under (the one given). */
  messageId: string;
}

/** The status of a send that may have reached the server but was not answered (a timeout, a connection lost after the message left). */
export const MAIL_OUTCOME_UNKNOWN = -1;

/**
 * Why a send failed. `status`: the HTTP status (Graph) or SMTP reply code (SMTP); 0 when the
 * server could not be reached (nothing left); MAIL_OUTCOME_UNKNOWN when it may have arrived.
 */
export class MailFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Retrying cannot mend it (a refused recipient, a permission missing). */
    readonly permanent: boolean,
    /** The server's Retry-After, in seconds. */
    readonly retryAfterSeconds?: number,
    /** The addresses the server refused. */
    readonly rejected: readonly string[] = [],
  ) {
    super(message);
    this.name = "MailFailure";
  }
}

/** Sends mail. Each call is one attempt: retrying is the caller's (the prompt queue records each). */
export interface MailTransport {
  /** What carries the mail, for logs and docs: "graph", "smtp" or "development". */
  readonly kind: "graph" | "smtp" | "development";
  /** Sends one message; throws MailFailure. */
  send(message: MailMessage): Promise<MailReceipt>;
  /** Closes connections (SMTP pools). */
  close(): Promise<void>;
}

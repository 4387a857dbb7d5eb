// The mail seam's two transports against real servers on loopback: SMTP to smtp-server (the
// development mailbox, or one scripted to refuse or stall), Graph to a stand-in of sendMail; and
// bounces read from an Exchange and a Postfix delivery status notification.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { createGraphTransport, createSmtpTransport, MailFailure, MAIL_OUTCOME_UNKNOWN, readBounce, startDevMailbox, type DevMailbox, type MailTransport } from "@toms/mail";
import { startGraphStandIn, type GraphStandIn } from "../support/graph-stand-in.js";
import { testMessage } from "../support/mailbox.js";

async function failureOf(send: Promise<unknown>): Promise<MailFailure> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MailFailure);
  return error as MailFailure;
}

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An SMTP server scripted by a test: refuse recipients with a reply, or take DATA and never answer. */
async function scriptedSmtp(behaviour: { rcpt?: { code: number; text: string }; stallData?: boolean }): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!behaviour.rcpt) return callback();
      const error = new Error(behaviour.rcpt.text) as Error & { responseCode: number };
      error.responseCode = behaviour.rcpt.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      stream.resume();
      // A stall: the message was taken, the answer never comes.
      stream.on("end", () => (behaviour.stallData ? undefined : callback()));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = ((server as unknown as { server: { address(): { port: number } } }).server.address()).port;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the SMTP transport", () => {
  let mailbox: DevMailbox;
  let transport: MailTransport;
  beforeAll(async () => {
    mailbox = await startDevMailbox();
    transport = createSmtpTransport({ url: mailbox.url });
  });
  afterAll(async () => {
    await transport?.close();
    await mailbox?.close();
  });

  it("sends a plain-text part and an HTML part, our Message-ID and our headers", async () => {
    const message = testMessage("ana@supplier.example");
    expect(await transport.send(message)).toEqual({ messageId: message.messageId });
    const got = await mailbox.waitFor((m) => m.messageId === message.messageId);
    expect(got.to).toEqual(["ana@supplier.example"]);
    expect(got.subject).toBe(message.subject);
    expect(got.text.trim()).toBe(message.text.trim());
    expect(got.html).toContain('href="https://toms.example/update/abc"');
    expect(got.headers["x-toms-dispatch"]).toBe(message.headers?.["X-TOMs-Dispatch"]);
    expect(got.headers["content-type"]).toMatch(/multipart\/alternative/);
    expect(got.headers["reply-to"]).toContain("contracts@coventry.gov.uk");
    expect(got.raw).not.toMatch(/Content-Disposition: attachment/i);
  });

  it("tells a refused recipient as a permanent failure naming the address", async () => {
    const failure = await failureOf(transport.send(testMessage("nobody@supplier.invalid")));
    expect(failure).toMatchObject({ status: 550, permanent: true, rejected: ["nobody@supplier.invalid"] });
    expect(failure.message).toMatch(/nobody@supplier\.invalid/);
  });

  it("tells a 4xx refusal as transient", async () => {
    const server = await scriptedSmtp({ rcpt: { code: 451, text: "Greylisted, try again in a few minutes" } });
    const smtp = createSmtpTransport({ url: server.url });
    try {
      const failure = await failureOf(smtp.send(testMessage("ana@supplier.example")));
      expect(failure).toMatchObject({ status: 451, permanent: false });
      expect(failure.message).toMatch(/Greylisted/);
    } finally {
      await smtp.close();
      await server.close();
    }
  });

  it("tells a server that is not there as status 0: nothing left, it may be retried", async () => {
    const smtp = createSmtpTransport({ url: `smtp://127.0.0.1:${await closedPort()}` });
    try {
      const failure = await failureOf(smtp.send(testMessage("ana@supplier.example")));
      expect(failure).toMatchObject({ status: 0, permanent: false });
      expect(failure.message).toMatch(/could not be reached/);
    } finally {
      await smtp.close();
    }
  });

  it("tells a server that took the message and never answered as outcome unknown", async () => {
    const server = await scriptedSmtp({ stallData: true });
    const smtp = createSmtpTransport({ url: server.url, timeoutMs: 1_000 });
    try {
      const failure = await failureOf(smtp.send(testMessage("ana@supplier.example")));
      expect(failure).toMatchObject({ status: MAIL_OUTCOME_UNKNOWN, permanent: false });
      expect(failure.message).toMatch(/not known whether/);
    } finally {
      await smtp.close();
      await server.close();
    }
  });
});

describe("the Graph transport", () => {
  let graph: GraphStandIn;
  let transport: MailTransport;
  beforeAll(async () => {
    graph = await startGraphStandIn();
    transport = createGraphTransport({ mailbox: "procurement@coventry.gov.uk", graphUrl: graph.url, token: async () => "token-for-graph", timeoutMs: 1_000 });
  });
  afterAll(() => graph?.close());

  it("posts the whole MIME message, base64, to the mailbox's sendMail with the bearer token", async () => {
    const message = testMessage("ana@supplier.example");
    expect(await transport.send(message)).toEqual({ messageId: message.messageId });
    const request = graph.requests.at(-1);
    expect(request).toMatchObject({ method: "POST", path: "/v1.0/users/procurement%40coventry.gov.uk/sendMail", authorization: "Bearer token-for-graph", contentType: "text/plain", answered: 202 });
    expect(request?.body).toMatch(/^[A-Za-z0-9+/=]+$/);
    const parsed = request?.parsed;
    expect(parsed?.messageId).toBe(message.messageId);
    expect(parsed?.subject).toBe(message.subject);
    expect(parsed?.text?.trim()).toBe(message.text.trim());
    expect(parsed?.html).toContain("Send the update");
    expect(parsed?.headers.get("x-toms-dispatch")).toBe(message.headers?.["X-TOMs-Dispatch"]);
    expect(parsed?.attachments).toEqual([]);
  });

  it("tells 429 and 503 as transient, with Graph's Retry-After, and a later 202 as sent", async () => {
    graph.next([429, 503, 202]);
    const message = testMessage("ana@supplier.example");
    expect(await failureOf(transport.send(message))).toMatchObject({ status: 429, permanent: false, retryAfterSeconds: 1 });
    expect(await failureOf(transport.send(message))).toMatchObject({ status: 503, permanent: false, retryAfterSeconds: 1 });
    expect(await transport.send(message)).toEqual({ messageId: message.messageId });
    expect(graph.requests.slice(-3).map((r) => r.answered)).toEqual([429, 503, 202]);
  });

  it("tells 504 as outcome unknown (Exchange may have sent it), in one request", async () => {
    const before = graph.requests.length;
    graph.next([{ status: 504, body: { error: { code: "GatewayTimeout", message: "The gateway did not receive a timely response." } } }]);
    const failure = await failureOf(transport.send(testMessage("ana@supplier.example")));
    expect(failure).toMatchObject({ status: MAIL_OUTCOME_UNKNOWN, permanent: false });
    expect(failure.message).toMatch(/^Microsoft Graph answered 504 \(GatewayTimeout: .*\): it is not known whether the message was sent\.$/);
    expect(graph.requests.slice(before).map((r) => r.answered)).toEqual([504]);
  });

  it("tells 403 as permanent, in words with Graph's reason", async () => {
    graph.next([403]);
    const failure = await failureOf(transport.send(testMessage("ana@supplier.example")));
    expect(failure).toMatchObject({ status: 403, permanent: true });
    expect(failure.message).toMatch(/^The council's mailbox refused to send \(403\): ErrorAccessDenied: .*application access policy/);
  });

  it("tells a Graph that never answers as outcome unknown", async () => {
    graph.next(["stall"]);
    const failure = await failureOf(transport.send(testMessage("ana@supplier.example")));
    expect(failure).toMatchObject({ status: MAIL_OUTCOME_UNKNOWN, permanent: false });
    expect(failure.message).toMatch(/not known whether/);
  });

  it("tells a Graph address nothing listens on as status 0", async () => {
    const unreachable = createGraphTransport({ mailbox: "procurement@coventry.gov.uk", graphUrl: `http://127.0.0.1:${await closedPort()}`, token: async () => "t" });
    expect(await failureOf(unreachable.send(testMessage("ana@supplier.example")))).toMatchObject({ status: 0, permanent: false });
  });
});

/** A non-delivery report as Exchange Online writes it (trimmed of its long HTML part). */
const EXCHANGE_DSN = `From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@coventry.gov.uk>
To: <procurement@coventry.gov.uk>
Date: Wed, 2 Dec 2026 10:12:40 +0000
Subject: Undeliverable: Coventry City Council: update due for CCC-2026-004 (November 2026)
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="b1_exchange"
MIME-Version: 1.0
Message-ID: <a1b2c3d4-ndr@DB9PR01MB0001.eurprd01.prod.exchangelabs.com>

--b1_exchange
Content-Type: text/plain; charset="us-ascii"

Your message to ana@supplier.example couldn't be delivered.
ana wasn't found at supplier.example.

--b1_exchange
Content-Type: message/delivery-status

Reporting-MTA: dns;DB9PR01MB0001.eurprd01.prod.exchangelabs.com
Received-From-MTA: dns;DB9PR01MB0002.eurprd01.prod.exchangelabs.com
Arrival-Date: Wed, 2 Dec 2026 10:12:38 +0000

Original-Recipient: rfc822;ana@supplier.example
Final-Recipient: rfc822;ana@supplier.example
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient
 ana@supplier.example not found by SMTP address lookup
Remote-MTA: dns;mx.supplier.example

--b1_exchange
Content-Type: message/rfc822

Received: from DB9PR01MB0002 by DB9PR01MB0001; Wed, 2 Dec 2026 10:12:38 +0000
From: Coventry City Council <procurement@coventry.gov.uk>
To: Ana Supplier <ana@supplier.example>
Subject: Coventry City Council: update due for CCC-2026-004 (November 2026)
Message-ID: <k7Qx2.1@coventry.gov.uk>
X-TOMs-Dispatch: c-42/k7Qx2
MIME-Version: 1.0
Content-Type: text/plain

The update is due.

--b1_exchange--
`;

/** A bounce as Postfix writes it, returning only the headers (text/rfc822-headers). */
const POSTFIX_DSN = `Return-Path: <>
From: MAILER-DAEMON@mail.relay.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: procurement@coventry.gov.uk
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="5F3A2B1C.1733134360/mail.relay.example"
Message-Id: <20261202101240.5F3A2B1C@mail.relay.example>

This is a MIME-encapsulated message.

--5F3A2B1C.1733134360/mail.relay.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.relay.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<bo@supplier.example>: host mx.supplier.example[192.0.2.25] said: 550 5.1.1
    <bo@supplier.example>: Recipient address rejected: User unknown (in reply
    to RCPT TO command)

--5F3A2B1C.1733134360/mail.relay.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.relay.example
X-Postfix-Queue-ID: 5F3A2B1C
X-Postfix-Sender: rfc822; procurement@coventry.gov.uk
Arrival-Date: Wed,  2 Dec 2026 10:12:39 +0000 (GMT)

Final-Recipient: rfc822; bo@supplier.example
Original-Recipient: rfc822;bo@supplier.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.supplier.example
Diagnostic-Code: smtp; 550 5.1.1 <bo@supplier.example>: Recipient address
    rejected: User unknown

--5F3A2B1C.1733134360/mail.relay.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Coventry City Council <procurement@coventry.gov.uk>
To: Bo Supplier <bo@supplier.example>
Subject: Coventry City Council: reminder for CCC-2026-004 (November 2026)
Message-ID: <r9Zt4.2@coventry.gov.uk>

--5F3A2B1C.1733134360/mail.relay.example--
`;

describe("readBounce", () => {
  it("reads an Exchange Online non-delivery report: the address, status, diagnostic and the dispatch header", async () => {
    expect(await readBounce(EXCHANGE_DSN)).toEqual({
      dispatchId: "c-42/k7Qx2",
      messageId: "<k7Qx2.1@coventry.gov.uk>",
      recipients: [{ address: "ana@supplier.example", action: "failed", status: "5.1.10", diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ana@supplier.example not found by SMTP address lookup" }],
    });
  });

  it("reads a Postfix bounce that returns only the headers, the dispatch from the Message-ID", async () => {
    expect(await readBounce(Buffer.from(POSTFIX_DSN))).toEqual({
      dispatchId: "r9Zt4",
      messageId: "<r9Zt4.2@coventry.gov.uk>",
      recipients: [{ address: "bo@supplier.example", action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 <bo@supplier.example>: Recipient address rejected: User unknown" }],
    });
  });

  it("answers undefined for a message that is not a delivery report", async () => {
    expect(await readBounce("From: a@b.example\nTo: c@d.example\nSubject: Out of office\n\nI am away until Monday.\n")).toBeUndefined();
  });
});

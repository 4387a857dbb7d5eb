// A loopback stand-in of Microsoft Graph's sendMail: records every request (path, headers, body,
// the MIME message decoded and parsed), and answers what a test scripts: `next([429, 503, 202])`
// answers those statuses in turn, then 202 for ever; "stall" holds the request unanswered.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";

/** One scripted answer: a status (429 and 503 carry Retry-After: 1), a full answer, or "stall". */
export type GraphAnswer = number | "stall" | { status: number; headers?: Record<string, string>; body?: unknown };

export interface GraphRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The body as sent (base64 MIME in Graph's MIME form). */
  body: string;
  /** The MIME message, decoded (text/plain bodies only). */
  mime?: string;
  /** The MIME message, parsed. */
  parsed?: ParsedMail;
  /** The status it was answered with ("stall" if never). */
  answered: number | "stall";
}

export interface GraphStandIn {
  /** http://127.0.0.1:PORT: give it as graphUrl / TOMS_GRAPH_URL. */
  url: string;
  requests: GraphRequest[];
  /** Scripts the next answers, in turn; after them, 202. */
  next(answers: GraphAnswer[]): void;
  close(): Promise<void>;
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the stand-in on 127.0.0.1 (any free port). */
export async function startGraphStandIn(): Promise<GraphStandIn> {
  const script: GraphAnswer[] = [];
  const requests: GraphRequest[] = [];
  const stalled = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const contentType = req.headers["content-type"];
      const mime = contentType?.startsWith("text/plain") ? Buffer.from(body, "base64").toString("utf8") : undefined;
      const answer = script.shift() ?? 202;
      const record: GraphRequest = { method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, contentType, body, ...(mime ? { mime, parsed: await simpleParser(mime) } : {}), answered: typeof answer === "object" ? answer.status : answer };
      requests.push(record);
      if (!/^\/v1\.0\/users\/[^/]+\/sendMail$/.test(req.url ?? "") || req.method !== "POST") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "ResourceNotFound", message: "No such endpoint in the stand-in." } }));
        return;
      }
      if (answer === "stall") {
        stalled.add(res);
        return;
      }
      const full = typeof answer === "object" ? answer : { status: answer, headers: answer === 429 || answer === 503 ? { "retry-after": "1" } : {}, body: answer === 202 ? undefined : { error: { code: answer === 403 ? "ErrorAccessDenied" : "ErrorThrottled", message: answer === 403 ? "Access to OData is disabled: the application access policy does not allow this mailbox." : "Application is over its MailboxConcurrency limit." } } };
      res.writeHead(full.status, { ...(full.body !== undefined ? { "content-type": "application/json" } : {}), ...full.headers });
      res.end(full.body !== undefined ? JSON.stringify(full.body) : undefined);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: (answers) => void script.push(...answers),
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

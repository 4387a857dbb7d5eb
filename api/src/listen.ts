// The service's HTTP address: checked before storage starts (so a taken port fails at once),
// taken, and given back after the requests in flight are answered.
import { createServer as createHttpServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import { connect, createServer, type Socket } from "node:net";

/** The service cannot listen where it was told to; the message says which setting to change. */
export class ListenError extends Error {}

/** Turns a listen failure into words naming the setting to change; other errors pass unchanged. */
function listenError(error: unknown, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case "EADDRINUSE": return new ListenError(`Port ${port} is in use (another TOMs Suite or another program); set PORT`);
    case "EACCES": return new ListenError(`Port ${port} needs privileges this user does not have; set PORT to 1024 or above`);
    case "EADDRNOTAVAIL": return new ListenError(`HOST ${host} is not an address of this machine; set HOST`);
    default: return error;
  }
}

/** True when something accepts connections at the address (a refusal or no route: false). */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Refuses a port that is taken, before anything else starts. Binding is the exact test. On
 * loopback the other family's loopback is asked too: a browser opening localhost may reach ::1
 * first, and would meet the old program there while this one logged that it was running.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => reject(listenError(error, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const otherLoopback = bare === "localhost" ? ["127.0.0.1", "::1"] : bare.startsWith("127.") ? ["::1"] : bare === "::1" ? ["127.0.0.1"] : [];
  for (const address of otherLoopback) {
    if (await answers(address, port)) throw listenError(Object.assign(new Error("in use"), { code: "EADDRINUSE" }), host, port);
  }
}

/** The service's listening socket, and the way to give it back. */
export interface Listening {
  server: Server;
  /** Stops taking connections and resolves once every request in flight has been answered. */
  close(): Promise<void>;
}

// A stop waits this long for requests in flight (storage retries last up to about 6 s), then
// closes what is left so storage can be stopped and saved in any case.
const DRAIN_LIMIT_MS = 20_000;

/** What a request that cannot be read as HTTP gets, by Node's error code: a problem (RFC 9457)
 * in words, where Node alone would send a bare status line. Anything else: 400. */
const CLIENT_ERRORS: Record<string, { status: number; reason: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    title: "Request headers too large",
    detail: "The request's headers are larger than this service accepts (16 KB in all). This is usually too many or too large cookies for this address: clear this site's cookies in your browser and try again.",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: "Request Timeout", title: "Request took too long", detail: "The request did not arrive in time. Try again." },
};
const BAD_REQUEST = { status: 400, reason: "Bad Request", title: "The request is not valid", detail: "The request could not be read. Try again; if it keeps happening, tell the service desk." };

/** Answers a request Node could not parse, on its socket (there is no request or response object). */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A response already begun on this connection cannot take another; a reset peer hears nothing.
  const inProgress = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === "ECONNRESET" || !socket.writable || inProgress) {
    socket.destroy();
    return;
  }
  const answer = CLIENT_ERRORS[error.code ?? ""] ?? BAD_REQUEST;
  const body = JSON.stringify({ type: "about:blank", title: answer.title, status: answer.status, detail: answer.detail });
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens with the request handler; a failure (the port taken since the check) is a ListenError. */
export function listen(handler: RequestListener, host: string, port: number): Promise<Listening> {
  const answering = new Set<ServerResponse>();
  let draining = false;
  const track: RequestListener = (_req, res) => {
    // An answer given while draining closes its connection, so a kept-alive client cannot hold the stop.
    if (draining) res.setHeader("connection", "close");
    answering.add(res);
    res.once("close", () => answering.delete(res));
  };
  const close = (server: Server) =>
    new Promise<void>((resolve) => {
      draining = true;
      for (const res of answering) if (!res.headersSent) res.setHeader("connection", "close");
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      const limit = setTimeout(() => server.closeAllConnections(), DRAIN_LIMIT_MS);
      server.close(() => {
        clearInterval(idle);
        clearTimeout(limit);
        resolve();
      });
    });
  return new Promise((resolve, reject) => {
    const server = createHttpServer(handler);
    server.prependListener("request", track);
    server.on("clientError", answerClientError);
    const failed = (error: Error) => reject(listenError(error, host, port));
    server.once("error", failed);
    server.listen({ host, port }, () => {
      server.off("error", failed);
      resolve({ server, close: () => close(server) });
    });
  });
}

// A loopback load balancer for several service instances, as a council's ingress would be: each
// request goes to the next instance in turn, its body streamed both ways and its headers kept
// (If-Match, Idempotency-Key, Authorization there; ETag, Retry-After, Idempotent-Replayed back).
// No vitest here, so the load benchmark uses it too.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pipeline } from "node:stream/promises";

/** The running balancer. */
export interface RoundRobin {
  /** `http://127.0.0.1:<port>`, without a trailing slash, as `RunningService.url`. */
  url: string;
  /** Stops listening and drops open connections (the instances are left running). */
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the request: not passed on.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function endToEnd(headers: IncomingMessage["headers"]): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/**
 * Starts a balancer on a free 127.0.0.1 port in front of `targets` (each `http://127.0.0.1:<port>`):
 * request n goes to `targets[n % targets.length]`, in the order requests arrive. An instance that
 * cannot be reached is answered 502, as an ingress would, and the next request goes on to the next.
 *
 * @example
 * const balancer = await startRoundRobin([a.url, b.url, c.url]);
 * await fetch(`${balancer.url}/healthz`); // a, then b, then c, then a...
 * await balancer.close();
 */
export async function startRoundRobin(targets: string[]): Promise<RoundRobin> {
  if (targets.length === 0) throw new Error("A round-robin needs at least one instance to send requests to.");
  const upstreams = targets.map((t) => new URL(t));
  let next = 0;
  const sockets = new Set<Socket>();

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const target = upstreams[next++ % upstreams.length] as URL;
    const headers = { ...endToEnd(incoming.headers), host: target.host };
    const upstream = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      // A body cut off by the instance ends the client's connection too, so the client sees it.
      pipeline(answer, outgoing).catch(() => outgoing.destroy());
    });
    upstream.on("error", () => {
      if (outgoing.headersSent) outgoing.destroy();
      else outgoing.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end(`The instance at ${target.host} could not be reached.`);
    });
    // The client going away mid-request ends the request to the instance as well.
    pipeline(incoming, upstream).catch(() => upstream.destroy());
  };

  const server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// The loopback round-robin the several-instance tests and the load benchmark stand behind: that it
// takes turns, and passes on what the service's concurrency rests on (If-Match, Idempotency-Key,
// ETag, Retry-After) and whole bodies, both ways.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@toms/storage";
import { startRoundRobin, type RoundRobin } from "../support/round-robin.js";

interface Seen {
  instance: string;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  bytes: number;
  sha: string;
}

/** An instance that answers what it received: its name, the request's headers and its body's size and hash. */
async function echo(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const sha = Buffer.from(await crypto.subtle.digest("SHA-256", body)).toString("hex");
    const seen: Seen = { instance: name, method: request.method ?? "", path: request.url ?? "", headers: request.headers, bytes: body.length, sha };
    if (request.url === "/busy") {
      response.writeHead(429, { "retry-after": "7", "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Too many requests" }));
      return;
    }
    if (request.url === "/large") {
      // 4 MiB answered in pieces, to be streamed back.
      response.writeHead(200, { "content-type": "application/octet-stream", etag: `W/"${name}"` });
      for (let i = 0; i < 64; i++) response.write(Buffer.alloc(65_536, i));
      response.end();
      return;
    }
    response.writeHead(request.method === "PATCH" ? 412 : 200, { "content-type": "application/json", etag: `W/"datetime'${name}'"`, "idempotent-replayed": "true" }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const instances: { server: Server; url: string }[] = [];
let balancer: RoundRobin;

beforeAll(async () => {
  for (const name of ["a", "b", "c"]) instances.push(await echo(name));
  balancer = await startRoundRobin(instances.map((i) => i.url));
});
afterAll(async () => {
  await balancer?.close();
  for (const { server } of instances) await new Promise((resolve) => server.close(resolve));
});

describe("the round-robin", () => {
  it("sends each request to the next instance in turn", async () => {
    const order: string[] = [];
    for (let i = 0; i < 7; i++) order.push(((await (await fetch(`${balancer.url}/healthz`)).json()) as Seen).instance);
    // Wherever it began, it takes turns: a, b, c, a...
    const first = ["a", "b", "c"].indexOf(order[0] as string);
    expect(order).toEqual(Array.from({ length: 7 }, (_, i) => ["a", "b", "c"][(first + i) % 3]));
  });

  it("passes on the request's method, path, query and headers, and the answer's status and headers", async () => {
    const response = await fetch(`${balancer.url}/api/contracts/c1?cursor=a%2Fb`, {
      method: "PATCH",
      headers: { authorization: "Bearer token-1", "if-match": `W/"datetime'2026-12-03'"`, "idempotency-key": "key-1", "content-type": "application/json" },
      body: JSON.stringify({ title: "Parks" }),
    });
    expect(response.status).toBe(412);
    expect(response.headers.get("etag")).toMatch(/^W\/"datetime'[abc]'"$/);
    expect(response.headers.get("idempotent-replayed")).toBe("true");
    const seen = (await response.json()) as Seen;
    expect(seen).toMatchObject({ method: "PATCH", path: "/api/contracts/c1?cursor=a%2Fb", bytes: 17 });
    expect(seen.headers).toMatchObject({ authorization: "Bearer token-1", "if-match": `W/"datetime'2026-12-03'"`, "idempotency-key": "key-1", "content-type": "application/json" });
    // The instance is named in Host as the balancer reached it, as an ingress does.
    expect(instances.map((i) => new URL(i.url).host)).toContain(seen.headers.host);

    const busy = await fetch(`${balancer.url}/busy`);
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("7");
  });

  it("streams large bodies whole, both ways", async () => {
    const sent = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const seen = (await (await fetch(`${balancer.url}/upload`, { method: "POST", body: sent })).json()) as Seen;
    expect(seen.bytes).toBe(sent.length);
    expect(seen.sha).toBe(Buffer.from(await crypto.subtle.digest("SHA-256", sent)).toString("hex"));

    const large = Buffer.from(await (await fetch(`${balancer.url}/large`)).arrayBuffer());
    expect(large.length).toBe(64 * 65_536);
    expect(large.subarray(63 * 65_536).every((b) => b === 63)).toBe(true);
  });

  it("answers 502 for an instance that cannot be reached, and goes on to the next", async () => {
    const gone = await startRoundRobin([`http://127.0.0.1:${await freePort()}`, instances[0]?.url as string]);
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${gone.url}/healthz`)).status);
      expect(statuses).toEqual([502, 200, 502, 200]);
    } finally {
      await gone.close();
    }
  });
});

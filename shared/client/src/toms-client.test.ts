// The answers the running service is hard to make give: a 503 with Retry-After, a proxy's page,
// an answer that is not JSON, and a file name written in UTF-8; with a fetch that answers them.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.js";
import { TomsClient } from "./toms-client.js";

function answering(response: () => Response, seen: { url?: string; headers?: Headers } = {}): TomsClient {
  return new TomsClient({
    baseUrl: "https://toms.example.gov.uk/",
    token: async () => "token-1",
    fetch: async (input, init) => {
      seen.url = String(input);
      seen.headers = new Headers(init?.headers);
      return response();
    },
  });
}

async function thrown(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const problem = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json; charset=utf-8", ...headers } });

describe("TomsClient", () => {
  it("sends the token and the idempotency key to the path under the base URL", async () => {
    const seen: { url?: string; headers?: Headers } = {};
    const client = answering(() => new Response(JSON.stringify({ id: "u1" }), { status: 201, headers: { "content-type": "application/json", "idempotent-replayed": "true" } }), seen);
    const { replayed } = await client.recordUpdate("c 1", "k/1", { period: "2026-03", value: 1 }, "key-1");
    expect(replayed).toBe(true);
    expect(seen.url).toBe("https://toms.example.gov.uk/api/contracts/c%201/kpis/k%2F1/updates");
    expect(seen.headers?.get("authorization")).toBe("Bearer token-1");
    expect(seen.headers?.get("idempotency-key")).toBe("key-1");
    expect(seen.headers?.get("content-type")).toBe("application/json");
  });

  it("a 503 carries Retry-After in seconds with the service's words", async () => {
    const client = answering(() => problem(503, { title: "Storage unavailable", detail: "Storage cannot be reached. Try again in 30 seconds.", status: 503 }, { "retry-after": "30" }));
    const error = await thrown(client.portfolio());
    expect([error.status, error.title, error.detail, error.retryAfter]).toEqual([503, "Storage unavailable", "Storage cannot be reached. Try again in 30 seconds.", 30]);
  });

  it("Retry-After written as a date counts from now", async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const error = await thrown(answering(() => problem(503, { title: "Down", detail: "Down." }, { "retry-after": at })).portfolio());
    expect(error.retryAfter).toBeGreaterThanOrEqual(118);
    expect(error.retryAfter).toBeLessThanOrEqual(120);
  });

  it("keeps only well-formed field errors", async () => {
    const client = answering(() => problem(422, { title: "Cannot be done as asked", detail: "The period is outside the contract.", errors: [{ field: "period", message: "2023-01 is outside the contract" }, { field: 3 }, "text"] }));
    const error = await thrown(client.kpis("c1"));
    expect(error.fields).toEqual([{ field: "period", message: "2023-01 is outside the contract" }]);
  });

  it("a proxy's HTML page reads as words for its status", async () => {
    const client = answering(() => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "content-type": "text/html" } }));
    const error = await thrown(client.portfolio());
    expect(error.status).toBe(502);
    expect(error.title).toBe("Bad Gateway");
    expect(error.detail).toBe("The service could not complete the request (502). Try again; if it keeps happening, tell the service desk.");
    expect(error.retryAfter).toBeUndefined();
  });

  it("a 200 that is not JSON throws ApiError, not a SyntaxError", async () => {
    const error = await thrown(answering(() => new Response("<html>Sign in to the Wi-Fi</html>", { status: 200, headers: { "content-type": "text/html" } })).portfolio());
    expect(error.status).toBe(200);
    expect(error.detail).toMatch(/^The service's answer could not be read\./);
  });

  it("a contract without its ETag is refused rather than answered with one that could never match", async () => {
    const error = await thrown(answering(() => new Response(JSON.stringify({ id: "c1", compliance: [] }), { status: 200, headers: { "content-type": "application/json" } })).contract("c1"));
    expect(error.detail).toMatch(/without its ETag/);
  });

  it("a file's UTF-8 name (filename*) is preferred to its plain one", async () => {
    const client = answering(() => new Response("Group,Name", { status: 200, headers: { "content-type": "text/csv", "content-disposition": "attachment; filename=\"social-value-2025-26.csv\"; filename*=UTF-8''social-value-2025%E2%80%9326.csv" } }));
    const { fileName } = await client.reportFile({ format: "csv" });
    expect(fileName).toBe("social-value-2025\u201326.csv");
  });

  it("a file without Content-Disposition is named for the report and its format", async () => {
    const { fileName } = await answering(() => new Response("x", { status: 200 })).reportFile({ format: "xlsx" });
    expect(fileName).toBe("social-value.xlsx");
  });

  it("a fetch that fails throws ApiError status 0 with the cause kept", async () => {
    const cause = new TypeError("fetch failed");
    const client = new TomsClient({ baseUrl: "", token: async () => "t", fetch: () => Promise.reject(cause) });
    const error = await thrown(client.me());
    expect([error.status, error.detail, error.cause]).toEqual([0, "The service cannot be reached. Check your connection and try again.", cause]);
  });

  it("asks for no token and sends none before sign-in: the sign-in configuration and a development token", async () => {
    const seen: { url?: string; headers?: Headers; body?: unknown }[] = [];
    const client = new TomsClient({
      baseUrl: "http://127.0.0.1:3978",
      token: () => Promise.reject(new Error("asked for a token")),
      fetch: async (input, init) => {
        seen.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body });
        return new Response(JSON.stringify(seen.length === 1 ? { mode: "development", devSignIn: "on", demoUsers: [] } : { token: "dev-1" }), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect(await client.authConfig()).toEqual({ mode: "development", devSignIn: "on", demoUsers: [] });
    expect(await client.developmentToken({ userId: "tom.brennan", roles: ["contract-manager"], name: "Tom Brennan" })).toBe("dev-1");
    expect(seen.map((s) => [s.url, s.headers?.get("authorization")])).toEqual([
      ["http://127.0.0.1:3978/auth/config", null],
      ["http://127.0.0.1:3978/auth/dev-token", null],
    ]);
    expect(JSON.parse(String(seen[1]?.body))).toEqual({ userId: "tom.brennan", roles: ["contract-manager"], name: "Tom Brennan" });
  });

  it("reminds through the contract's path, with the token, and reads a replay from its header", async () => {
    const seen: { url?: string; headers?: Headers } = {};
    const reminder = { id: "r1", contractId: "c 1", kpiId: "k1", period: "2026-03", what: "update", owedBy: "supplier", requestedBy: "m1", requestedAt: "2026-04-20T09:00:00.000Z", day: "2026-04-20" };
    const client = answering(() => new Response(JSON.stringify(reminder), { status: 200, headers: { "content-type": "application/json", "idempotent-replayed": "true" } }), seen);
    expect(await client.remind("c 1", { kpiId: "k1", period: "2026-03", what: "update" })).toEqual({ reminder, replayed: true });
    expect(seen.url).toBe("https://toms.example.gov.uk/api/contracts/c%201/reminders");
    expect(seen.headers?.get("authorization")).toBe("Bearer token-1");
  });
  it("reads a supplier's contacts and sets one's channel through the supplier's path", async () => {
    const seen: { url: string; method?: string; body?: unknown }[] = [];
    const contact = { id: "p 1", supplierId: "s/1", name: "Ana Byrne", email: "ana@supplier.example", createdAt: "2026-11-01T09:00:00.000Z", teamsChat: false, reach: "email" };
    const client = new TomsClient({
      baseUrl: "https://toms.example.gov.uk",
      token: async () => "token-1",
      fetch: async (input, init) => {
        seen.push({ url: String(input), method: init?.method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
        const body = seen.length === 1 ? { items: [contact] } : { ...contact, channel: "email" };
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect(await client.contactsOf("s/1")).toEqual([contact]);
    expect(await client.setContactChannel("s/1", "p 1", "email")).toEqual({ ...contact, channel: "email" });
    expect(seen).toEqual([
      { url: "https://toms.example.gov.uk/api/suppliers/s%2F1/contacts", method: "GET", body: undefined },
      { url: "https://toms.example.gov.uk/api/suppliers/s%2F1/contacts/p%201/channel", method: "PUT", body: { channel: "email" } },
    ]);
  });

  it("lists a contract's update links and revokes one through the contract's path", async () => {
    const seen: { url: string; method?: string }[] = [];
    const link = { id: "l1", contactId: "p1", contactName: "Ana Byrne", address: "ana@supplier.example", issuedAt: "2026-11-01T09:00:00.000Z", expiresAt: "2026-12-01T09:00:00.000Z", state: "active", items: [{ kpiId: "k1", period: "2026-10" }] };
    const client = new TomsClient({
      baseUrl: "",
      token: async () => "token-1",
      fetch: async (input, init) => {
        seen.push({ url: String(input), method: init?.method });
        const body = seen.length === 1 ? { items: [link] } : { ...link, state: "revoked", revokedAt: "2026-11-02T09:00:00.000Z" };
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    expect(await client.updateLinksOf("c 1")).toEqual([link]);
    expect((await client.revokeUpdateLink("c 1", "l1")).state).toBe("revoked");
    expect(seen).toEqual([
      { url: "/api/contracts/c%201/update-links", method: "GET" },
      { url: "/api/contracts/c%201/update-links/l1/revoke", method: "POST" },
    ]);
  });
});

// A refresh of the page signs the same person in again: on a development service as the person
// chosen before in this browser tab (kept, never their token), which Sign out forgets.
import { describe, expect, it } from "vitest";
import type { TabHost } from "./host/index.js";
import { createSession, rememberedPerson, type PersonStore } from "./session.js";

const TOM = { userId: "tom.brennan", roles: ["contract-manager" as const], name: "Tom Brennan" };

/** The browser tab's session storage, as a test's. */
function memoryStore(): PersonStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v), removeItem: (k) => void values.delete(k) };
}

const browser = { inTeams: false, ssoToken: () => Promise.reject(new Error("Not in Teams.")) } as unknown as TabHost;

/**
 * A development service as the session calls it: its sign-in config, tokens for whom it will
 * issue them (`refuses` it will not), and /api/me for the token's person. Every call is counted.
 */
function developmentService({ refuses = new Set<string>() } = {}) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://127.0.0.1");
    calls.push(`${init?.method ?? "GET"} ${url.pathname}`);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" } });
    if (url.pathname === "/auth/config") return json(200, { mode: "development", devSignIn: "on", demoUsers: [] });
    if (url.pathname === "/auth/dev-token") {
      const person = JSON.parse(String(init?.body)) as { userId: string };
      return refuses.has(person.userId) ? json(403, { title: "Not allowed", detail: "No such person.", status: 403 }) : json(200, { token: `token-for-${person.userId}` });
    }
    if (url.pathname === "/api/me") {
      const auth = new Headers(init?.headers).get("authorization") ?? "";
      const userId = auth.replace(/^Bearer token-for-/, "");
      return auth.startsWith("Bearer token-for-") ? json(200, { userId, name: "Tom Brennan", roles: ["contract-manager"], signIn: "development", moneyLabel: "Coventry £" }) : json(401, { title: "Sign in", detail: "No token.", status: 401 });
    }
    return json(404, { title: "Not found", detail: url.pathname, status: 404 });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

describe("a development sign-in across a refresh", () => {
  it("keeps the person chosen, not their token", async () => {
    const store = memoryStore();
    const service = developmentService();
    await createSession(browser, { store, fetch: service.fetch }).signInForDevelopment(TOM);
    const kept = [...store.values.values()];
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0] as string)).toEqual(TOM);
    expect(kept[0]).not.toContain("token-for-");
  });

  it("signs the same person in again on the next page, with a new token", async () => {
    const store = memoryStore();
    const service = developmentService();
    await createSession(browser, { store, fetch: service.fetch }).signInForDevelopment(TOM);
    const refreshed = createSession(browser, { store, fetch: service.fetch });
    await expect(refreshed.resume()).resolves.toMatchObject({ userId: "tom.brennan", name: "Tom Brennan" });
    expect(service.calls.filter((c) => c === "POST /auth/dev-token")).toHaveLength(2);
    // The new page's client carries the new token.
    await expect(refreshed.client.me()).resolves.toMatchObject({ userId: "tom.brennan" });
  });

  it("shows the sign-in page when nobody was chosen in this browser tab", async () => {
    const service = developmentService();
    await expect(createSession(browser, { store: memoryStore(), fetch: service.fetch }).resume()).resolves.toBeNull();
    expect(service.calls).toEqual(["GET /auth/config"]);
  });

  it("forgets a person the service no longer signs in, and shows the sign-in page", async () => {
    const store = memoryStore();
    store.setItem("toms-tab.development-person", JSON.stringify(TOM));
    const service = developmentService({ refuses: new Set(["tom.brennan"]) });
    await expect(createSession(browser, { store, fetch: service.fetch }).resume()).resolves.toBeNull();
    expect(store.values.size).toBe(0);
  });

  it("forgets the person on Sign out, so the next page asks again", async () => {
    const store = memoryStore();
    const service = developmentService();
    const session = createSession(browser, { store, fetch: service.fetch });
    await session.signInForDevelopment(TOM);
    session.signOut();
    expect(store.values.size).toBe(0);
    await expect(session.client.me()).rejects.toThrow("You are not signed in.");
    await expect(createSession(browser, { store, fetch: service.fetch }).resume()).resolves.toBeNull();
  });

  it("reads back only what is a person, forgetting anything else kept", () => {
    const store = memoryStore();
    for (const kept of ["not json", JSON.stringify({ userId: "", roles: ["admin"] }), JSON.stringify({ userId: "rob.amor", roles: [] }), JSON.stringify({ userId: "rob.amor", roles: [7] })]) {
      store.setItem("toms-tab.development-person", kept);
      expect(rememberedPerson(store), kept).toBeNull();
      expect(store.values.size, kept).toBe(0);
    }
    store.setItem("toms-tab.development-person", JSON.stringify({ userId: "a@supplier.example", roles: ["supplier"], supplierId: "s-1", token: "x" }));
    expect(rememberedPerson(store)).toEqual({ userId: "a@supplier.example", roles: ["supplier"], supplierId: "s-1" });
    expect(rememberedPerson(null)).toBeNull();
  });
});

describe("in Teams", () => {
  it("signs in with Teams' single sign-on on load, keeping nothing", async () => {
    const store = memoryStore();
    const service = developmentService();
    const teams = { inTeams: true, ssoToken: () => Promise.resolve("token-for-tom.brennan") } as unknown as TabHost;
    await expect(createSession(teams, { store, fetch: service.fetch }).resume()).resolves.toMatchObject({ userId: "tom.brennan" });
    expect(service.calls).toEqual(["GET /api/me"]);
    expect(store.values.size).toBe(0);
  });
});

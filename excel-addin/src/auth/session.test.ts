import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// MSAL's nested app authentication needs Office; here it is replaced by a stand-in that records
// how it was set up and which token requests it saw.
const msal = vi.hoisted(() => ({
  config: null as unknown,
  silent: [] as unknown[],
  popups: 0,
  silentFails: false,
  active: null as unknown,
}));

vi.mock("@azure/msal-browser", () => {
  class InteractionRequiredAuthError extends Error {}
  const account = { username: "amara@council.example" };
  return {
    InteractionRequiredAuthError,
    createNestablePublicClientApplication: (config: unknown) => {
      msal.config = config;
      return Promise.resolve({
        acquireTokenSilent: (request: unknown) => {
          msal.silent.push(request);
          if (msal.silentFails) {
            msal.silentFails = false;
            return Promise.reject(new InteractionRequiredAuthError("consent needed"));
          }
          return Promise.resolve({ accessToken: `silent-${msal.silent.length}`, account });
        },
        acquireTokenPopup: () => {
          msal.popups++;
          return Promise.resolve({ accessToken: "popup", account });
        },
        setActiveAccount: (a: unknown) => (msal.active = a),
        getActiveAccount: () => msal.active,
        getAllAccounts: () => (msal.active ? [msal.active] : []),
      });
    },
  };
});

const { createSession } = await import("./session.js");

const calls: { path: string; authorization: string | undefined }[] = [];

beforeEach(() => {
  Object.assign(msal, { config: null, silent: [], popups: 0, silentFails: false, active: null });
  vi.stubGlobal("fetch", (url: URL, init: RequestInit) => {
    const path = new URL(url).pathname;
    calls.push({ path, authorization: (init.headers as Record<string, string>).authorization });
    const body =
      path === "/auth/config"
        ? { mode: "entra", tenantId: "tenant-1", clientId: "client-1", scopes: ["api://toms/access"] }
        : path === "/auth/dev-token"
          ? { token: "dev-token" }
          : { userId: "amara", name: "Amara Okafor", roles: ["evaluator"], signIn: "entra" };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  calls.length = 0;
});

describe("signing in", () => {
  it("uses nested app authentication for the service's tenant, app and scopes", async () => {
    const session = createSession("https://toms.example.gov.uk");
    expect(session.signedIn()).toBe(false);
    expect((await session.signInWithMicrosoft()).name).toBe("Amara Okafor");
    expect(msal.config).toEqual({ auth: { clientId: "client-1", authority: "https://login.microsoftonline.com/tenant-1" } });
    expect(msal.popups).toBe(0);
    expect(session.signedIn()).toBe(true);
    expect(calls.at(-1)).toEqual({ path: "/api/me", authorization: expect.stringMatching(/^Bearer silent-\d$/) });
    expect(msal.silent.at(-1)).toMatchObject({ scopes: ["api://toms/access"] });
  });

  it("asks with a pop-up only when consent is needed", async () => {
    msal.silentFails = true;
    await createSession("https://toms.example.gov.uk").signInWithMicrosoft();
    expect(msal.popups).toBe(1);
  });

  it("uses the development token on a development service, and forgets it on sign-out", async () => {
    const session = createSession("https://toms.example.gov.uk");
    await session.signInForDevelopment("amara", "evaluator", "Amara Okafor");
    expect(calls.map((c) => [c.path, c.authorization])).toEqual([
      ["/auth/dev-token", undefined],
      ["/api/me", "Bearer dev-token"],
    ]);
    session.signOut();
    expect(session.signedIn()).toBe(false);
    await expect(session.api.me()).rejects.toThrow("Sign in first.");
  });
});

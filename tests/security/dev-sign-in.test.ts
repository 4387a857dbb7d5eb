// Development sign-in (POST /auth/dev-token, the demo's people on /auth/config) hands any local
// caller a token for anyone, and these machines are shared: it is off unless TOMS_DEV_SIGN_IN=on
// (npm start sets it), and even then only on loopback. Tokens from npm run token, signed with the
// key only the service's user can read, work either way.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback, loadConfig } from "@toms/api";
import { freePort } from "@toms/storage";
import { startAddinHost, type AddinHost } from "../support/addin-host.js";
import { startServiceProcess } from "../support/service-process.js";
import { startTestService, type TestService } from "../support/service.js";

const ROB = { userId: "rob.amor", roles: ["admin"], name: "Rob Amor" };

describe("development sign-in, not asked for", () => {
  let service: TestService;
  beforeAll(async () => {
    // With the demo data, so there are people it could list.
    service = await startTestService({ TOMS_SEED: "demo" });
  });
  afterAll(() => service.close());

  it("issues no token, and says how to turn it on", async () => {
    const response = await service.call("/auth/dev-token", { method: "POST", body: ROB });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as { title: string; detail: string; token?: string };
    expect(problem.token).toBeUndefined();
    expect(problem.title).toBe("Development sign-in is off");
    expect(problem.detail).toContain("npm start turns it on");
    expect(problem.detail).toContain("TOMS_DEV_SIGN_IN=on");
  });

  it("tells the sign-in pages it is off, and lists none of the demo's people", async () => {
    expect(await (await service.call("/auth/config")).json()).toEqual({ mode: "development", devSignIn: "off", demoUsers: [] });
  });

  it("still accepts a token from npm run token (signed with the data folder's key)", async () => {
    const response = await service.call("/api/me", { token: await service.token("rob.amor", "admin") });
    expect(response.status).toBe(200);
  });

  it("is off unless the setting says on, and the setting takes only on or off", () => {
    const signIn = (env: Record<string, string>) => loadConfig({ TOMS_DATA_DIR: tmpdir(), ...env }).signIn;
    expect(signIn({})).toEqual({ mode: "development", devSignIn: false });
    expect(signIn({ TOMS_DEV_SIGN_IN: "off" })).toEqual({ mode: "development", devSignIn: false });
    expect(signIn({ TOMS_DEV_SIGN_IN: "on" })).toEqual({ mode: "development", devSignIn: true });
    expect(() => signIn({ TOMS_DEV_SIGN_IN: "yes" })).toThrow(/TOMS_DEV_SIGN_IN.*must be on or off/);
    // With Microsoft Entra ID there is no development sign-in to turn on (npm start's "on" changes nothing).
    expect(signIn({ TOMS_DEV_SIGN_IN: "on", TOMS_ENTRA_TENANT_ID: "contoso.onmicrosoft.com", TOMS_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555" }).mode).toBe("entra");
  });
});

describe("the sign-in pages with development sign-in off, in a browser", () => {
  let host: AddinHost;
  beforeAll(async () => {
    host = await startAddinHost({ TOMS_DEV_SIGN_IN: "off", TOMS_SEED: "demo" });
  }, 180_000);
  afterAll(() => host?.close());

  it("the Teams tab, outside Teams, says it is off and how to turn it on, and offers nobody", async () => {
    const page = await host.open("/tab/");
    await page.getByText("signing in as someone else is turned off on it").waitFor({ timeout: 20_000 });
    expect(await page.getByText("npm start (which turns it on) or with TOMS_DEV_SIGN_IN=on").count()).toBe(1);
    expect(await page.getByRole("radiogroup", { name: "Demo person" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Sign in/ }).count()).toBe(0);
  });

  it("the Excel add-in's pane says it is off and how to turn it on, and has no sign-in form", async () => {
    const page = await host.open("/addin/test-host.html");
    await page.getByText("signing in as someone else is turned off on it").waitFor({ timeout: 20_000 });
    expect(await page.getByText("npm start (which turns it on) or with TOMS_DEV_SIGN_IN=on").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(0);
    expect(host.pageErrors).toEqual([]);
    expect(host.outside.filter((url) => !url.startsWith("https://res.cdn.office.net/teams-js/"))).toEqual([]);
  });
});

describe("development sign-in, asked for with TOMS_DEV_SIGN_IN=on", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ TOMS_DEV_SIGN_IN: "on" });
  });
  afterAll(() => service.close());

  it("gives the browser apps a token for the chosen person, and checks what they ask for", async () => {
    expect(await (await service.call("/auth/config")).json()).toEqual({ mode: "development", devSignIn: "on", demoUsers: [] });
    const response = await service.call("/auth/dev-token", { method: "POST", body: { userId: "eve", roles: ["evaluator"], name: "Eve Evans" } });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(await (await service.call("/api/me", { token })).json()).toMatchObject({ userId: "eve", roles: ["evaluator"] });
    const bad = await service.call("/auth/dev-token", { method: "POST", body: { userId: "eve", roles: ["superuser"] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("roles[0]");
  });

  it("answers only to loopback host names (no DNS rebinding)", async () => {
    // fetch will not send another Host header, so a raw request does what a rebinding page would.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(`${service.url}/auth/dev-token`, { method: "POST", headers: { host: "attacker.example", "content-type": "application/json" } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end(JSON.stringify(ROB));
    });
    expect(status).toBe(421);
    expect(isLoopback("127.example.com")).toBe(false);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("[::1]")).toBe(true);
  });

  it("will not start on an address other than loopback", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0", TOMS_DEV_SIGN_IN: "on" })).toThrow(/loopback/);
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/loopback/);
    expect(() => loadConfig({ HOST: "0.0.0.0", TOMS_ENTRA_TENANT_ID: "contoso.onmicrosoft.com", TOMS_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555" })).not.toThrow();
  });
});

describe("the service process", () => {
  it("says at its start that development sign-in is on, and says nothing of it when off", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "toms-dev-sign-in-"));
    // Its start is logged once it listens: wait for that line rather than a time.
    const started = async (service: ReturnType<typeof startServiceProcess>) => {
      await service.healthy();
      // Bounded, so a line that never comes fails with what the service did print.
      for (let waited = 0; !service.output().includes("TOMs Suite is running") && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(service.output()).toContain("TOMs Suite is running");
      return service.output();
    };
    const on = startServiceProcess({ port, dataDir, env: { TOMS_DEV_SIGN_IN: "on", TOMS_LOG_LEVEL: "info" } });
    try {
      expect(await started(on)).toContain("Development sign-in is on: anyone using this computer can sign in as anyone");
    } finally {
      on.child.kill("SIGTERM");
      await on.exited();
    }
    const off = startServiceProcess({ port, dataDir, env: { TOMS_LOG_LEVEL: "info" } });
    try {
      expect(await started(off)).not.toContain("Development sign-in is on");
    } finally {
      off.child.kill("SIGTERM");
      await off.exited();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

// What the Teams tab reads before and just after sign-in, against the real service: the money
// label on /api/me, and in development (with TOMS_DEV_SIGN_IN=on, as npm start has it) the demo's
// people on /auth/config only when the service loads the demo data; each of them signs in (through @toms/client, without a token) and sees
// what the demo gave them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, TomsClient, type AuthConfig, type DemoUser, type Me } from "@toms/client";
import { startTestService, type TestService } from "../support/service.js";

describe("without the demo data", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ TOMS_MONEY_LABEL: "Warwickshire £", TOMS_DEV_SIGN_IN: "on" });
  });
  afterAll(() => service.close());

  it("/api/me carries the configured money label beside who is signed in", async () => {
    const response = await service.call("/api/me", { token: await service.token("tom.brennan", "contract-manager", { name: "Tom Brennan" }) });
    expect(response.status).toBe(200);
    expect((await response.json()) as Me).toEqual({ userId: "tom.brennan", name: "Tom Brennan", roles: ["contract-manager"], signIn: "development", moneyLabel: "Warwickshire £" });
  });

  it("/auth/config lists no demo people", async () => {
    const client = new TomsClient({ baseUrl: service.url, token: () => Promise.reject(new Error("No token may be asked for before sign-in.")) });
    expect(await client.authConfig()).toEqual({ mode: "development", devSignIn: "on", demoUsers: [] });
  });
});

describe("with the demo data", () => {
  let service: TestService;
  let config: AuthConfig;
  /** A client that has no token: authConfig and developmentToken must not ask for one. */
  let anonymous: TomsClient;

  beforeAll(async () => {
    service = await startTestService({ TOMS_SEED: "demo", TOMS_DEV_SIGN_IN: "on" });
    anonymous = new TomsClient({ baseUrl: service.url, token: () => Promise.reject(new Error("No token may be asked for before sign-in.")) });
    config = await anonymous.authConfig();
  });
  afterAll(() => service.close());

  const users = () => (config.mode === "development" ? config.demoUsers : []);

  it("lists the procurement officer, the six contract managers, the EDI analyst and two suppliers' contacts, each described", () => {
    expect(config.mode).toBe("development");
    expect(users().map((u) => [u.userId, u.roles])).toEqual([
      ["rob.amor", ["admin"]],
      ["amara.okafor", ["contract-manager"]],
      ["james.whitfield", ["contract-manager"]],
      ["priya.sandhu", ["contract-manager"]],
      ["tom.brennan", ["contract-manager"]],
      ["grace.adeyemi", ["contract-manager"]],
      ["daniel.kowalski", ["contract-manager"]],
      ["nadia.bashir", ["edi-analyst"]],
      [expect.stringMatching(/@.+\.example$/) as string, ["supplier"]],
      [expect.stringMatching(/@.+\.example$/) as string, ["supplier"]],
    ]);
    expect(users().find((u) => u.userId === "tom.brennan")).toEqual({ userId: "tom.brennan", name: "Tom Brennan", roles: ["contract-manager"], description: "Contract manager, Streetscene and Regulatory Services: their own contracts." });
    for (const user of users()) expect(user.description.length, user.userId).toBeGreaterThan(20);
  });

  it("each signs in without a token of their own, and sees what the demo gave them", async () => {
    for (const user of users()) {
      const token = await anonymous.developmentToken({ userId: user.userId, roles: user.roles, name: user.name, ...(user.supplierId ? { supplierId: user.supplierId } : {}) });
      const client = new TomsClient({ baseUrl: service.url, token: async () => token });
      expect(await client.me(), user.userId).toMatchObject({ userId: user.userId, name: user.name, roles: user.roles, moneyLabel: "Coventry £" });
      // The EDI analyst sees no contracts (docs/diversity.md, "Who sees what"): the diversity view is theirs.
      if (user.roles.includes("edi-analyst")) {
        await expect(client.portfolio()).rejects.toMatchObject({ status: 403 });
        continue;
      }
      const portfolio = await client.portfolio();
      expect(portfolio.contracts, `${user.userId}'s contracts`).toBeGreaterThan(0);
      if (user.supplierId) expect(portfolio.byContract.every((c) => c.supplierId === user.supplierId)).toBe(true);
      if (user.roles.includes("contract-manager")) expect(portfolio.byContract.every((c) => c.managerId === user.userId)).toBe(true);
    }
  });

  it("a supplier's contact is one the demo stores for that supplier", async () => {
    const contacts = users().filter((u): u is DemoUser & { supplierId: string } => u.supplierId !== undefined);
    expect(contacts).toHaveLength(2);
    for (const user of contacts) {
      const supplier = await service.storage.suppliers.get(user.supplierId);
      expect(user.description).toContain(supplier?.name);
      expect((await service.storage.suppliers.listContacts(user.supplierId)).map((c) => [c.email, c.name])).toContainEqual([user.userId, user.name]);
    }
  });

  it("a token for the supplier role needs its supplier", async () => {
    const refused = await anonymous.developmentToken({ userId: "someone", roles: ["supplier"] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).fields.map((f) => f.field)).toEqual(["supplierId"]);
  });
});

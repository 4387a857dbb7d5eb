import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTRA_CLIENT as CLIENT, ENTRA_TENANT as TENANT, startEntraStandIn, type EntraStandIn } from "../support/entra-stand-in.js";
import { startTestService, type TestService } from "../support/service.js";

// Entra ID's key set from a loopback stand-in (tests/support/entra-stand-in.ts): the production path runs for real.
let entra: EntraStandIn;
let authority: string;
let service: TestService;

beforeAll(async () => {
  entra = await startEntraStandIn();
  authority = entra.authority;
  service = await startTestService({
    TOMS_ENTRA_AUTHORITY: authority,
    TOMS_ENTRA_TENANT_ID: TENANT,
    TOMS_ENTRA_CLIENT_ID: CLIENT,
    TOMS_ENTRA_ROLES: "Procurement.Admin=admin,Supplier.Contact=supplier",
  });
});
afterAll(async () => {
  await service.close();
  await entra.close();
});

function entraToken(claims: Record<string, unknown>, audience = `api://${CLIENT}`) {
  return entra.token(claims, audience);
}

describe("Microsoft Entra ID sign-in", () => {
  it("takes the user from oid and maps the tenant's app roles", async () => {
    const oid = crypto.randomUUID();
    const response = await service.call("/api/me", { token: await entraToken({ oid, roles: ["Procurement.Admin", "Unrelated.Role"] }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: oid, name: "Rob Amor", roles: ["admin"], signIn: "entra" });
  });

  it("refuses a token without the suite's delegated permission (an app-only token, say)", async () => {
    expect((await service.call("/api/me", { token: await entraToken({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"], scp: undefined }) })).status).toBe(401);
    expect((await service.call("/api/me", { token: await entraToken({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"], scp: "User.Read" }) })).status).toBe(401);
  });

  // Development tokens, other audiences and every other bad token: tests/security/tokens.test.ts.

  it("scopes a supplier contact by the link made in the register", async () => {
    const admin = await entraToken({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"] });
    const supplier = (await (await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Binley Digital Ltd", postcode: "CV3 2TX", employees: 27, turnover: 2.9e6, balanceSheet: 1.1e6 } })).json()) as { id: string };
    const oid = crypto.randomUUID();
    const contactToken = await entraToken({ oid, roles: ["Supplier.Contact"] });
    // Not linked yet: a supplier contact of no supplier sees nothing.
    expect(((await (await service.call("/api/suppliers", { token: contactToken })).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await service.call(`/api/suppliers/${supplier.id}/contacts`, { method: "POST", token: admin, body: { email: "chen.wei@binley.example", name: "Chen Wei", aadObjectId: oid } })).status).toBe(201);
    const me = (await (await service.call("/api/me", { token: contactToken })).json()) as { supplierId: string };
    expect(me.supplierId).toBe(supplier.id);
  });

  it("offers no development sign-in", async () => {
    expect(await (await service.call("/auth/config")).json()).toMatchObject({ mode: "entra", tenantId: TENANT });
    expect((await service.call("/auth/dev-token", { method: "POST", body: { userId: "x", roles: ["admin"] } })).status).toBe(403);
  });
});

describe("Microsoft Entra ID sign-in for the Teams tab, on the service's public address", () => {
  let tabService: TestService;
  beforeAll(async () => {
    tabService = await startTestService({ TOMS_ENTRA_AUTHORITY: authority, TOMS_ENTRA_TENANT_ID: TENANT, TOMS_ENTRA_CLIENT_ID: CLIENT, TOMS_PUBLIC_URL: "https://toms.example.gov.uk" });
  });
  afterAll(() => tabService.close());

  it("offers the one scope of the Application ID URI Teams single sign-on needs, and accepts its tokens", async () => {
    expect(await (await tabService.call("/auth/config")).json()).toEqual({ mode: "entra", tenantId: TENANT, clientId: CLIENT, scopes: [`api://toms.example.gov.uk/${CLIENT}/access_as_user`] });
    const oid = crypto.randomUUID();
    expect((await tabService.call("/api/me", { token: await entraToken({ oid }, `api://toms.example.gov.uk/${CLIENT}`) })).status).toBe(200);
    // A v2 token names the client id itself; a URI on another host is another app's.
    expect((await tabService.call("/api/me", { token: await entraToken({ oid }, CLIENT) })).status).toBe(200);
    expect((await tabService.call("/api/me", { token: await entraToken({ oid }, `api://${CLIENT}`) })).status).toBe(401);
  });
});

describe("the Teams bot under Entra sign-in without a bot registration", () => {
  it("says it is not set up, rather than taking activities nobody signed", async () => {
    const messages = await service.call("/api/messages", { method: "POST", body: { type: "message", text: "status" } });
    expect(messages.status).toBe(503);
    expect(((await messages.json()) as { detail: string }).detail).toContain("MicrosoftAppId");
    const pass = await service.call("/api/admin/prompts/run", { method: "POST", token: await entraToken({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"] }) });
    expect(pass.status).toBe(503);
  });
});

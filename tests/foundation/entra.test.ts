import { createServer, type Server } from "node:http";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";

// Entra ID cannot be reached from here: a loopback authority serves a tenant's key set the way
// login.microsoftonline.com does, so the production path (JWKS, issuer, audience, oid, app roles,
// supplier identity lookup) runs for real.
const TENANT = "6d1f2b8e-0000-4000-8000-00000000c0c0";
const CLIENT = "9a7c3e21-1111-4111-8111-111111111111";
let authority: string;
let jwksServer: Server;
let service: TestService;
let privateKey: CryptoKeyLike;
type CryptoKeyLike = Parameters<SignJWT["sign"]>[0];

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "entra-key-1", alg: "RS256", use: "sig" };
  jwksServer = createServer((req, res) => {
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const address = jwksServer.address();
  authority = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  service = await startTestService({
    TOMS_ENTRA_AUTHORITY: authority,
    TOMS_ENTRA_TENANT_ID: TENANT,
    TOMS_ENTRA_CLIENT_ID: CLIENT,
    TOMS_ENTRA_ROLES: "Procurement.Admin=admin,Supplier.Contact=supplier",
  });
});
afterAll(async () => {
  await service.close();
  jwksServer.close();
});

function entraToken(claims: Record<string, unknown>, audience = `api://${CLIENT}`) {
  return new SignJWT({ name: "Rob Amor", scp: "access_as_user", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "entra-key-1" })
    .setIssuer(`${authority}/${TENANT}/v2.0`)
    .setAudience(audience)
    .setSubject("pairwise-subject")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
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

  it("refuses development tokens and tokens for another audience", async () => {
    expect((await service.call("/api/me", { token: await service.token("rob", "admin") })).status).toBe(401);
    expect((await service.call("/api/me", { token: await entraToken({ oid: crypto.randomUUID(), roles: ["Procurement.Admin"] }, "api://another-app") })).status).toBe(401);
  });

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

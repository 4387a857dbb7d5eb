// Sign-in tokens against the running service: a good one is accepted; every kind of bad one
// (missing, malformed, unsigned, HMAC with a guessed secret or the public key, another key,
// claims changed after signing, expired, not yet valid, issued in the future, another issuer or
// audience) gets 401 with a problem and WWW-Authenticate, never 500: for development tokens and,
// where they apply, for Microsoft Entra ID's (its key set from a loopback stand-in).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER, issueDevelopmentToken } from "@toms/api";
import { ENTRA_CLIENT, ENTRA_KID, ENTRA_TENANT, startEntraStandIn, type EntraStandIn, type SigningKey } from "../support/entra-stand-in.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let privateJwk: JWK;

beforeAll(async () => {
  service = await startTestService();
  await service.token("warm-up", "admin"); // creates the issuer's key
  privateJwk = (JSON.parse(readFileSync(join(service.dataDir, "dev-issuer-key.json"), "utf8")) as { privateJwk: JWK }).privateJwk;
});
afterAll(() => service.close());

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

interface SignOptions {
  /** Seconds from now, or jose's text ("1h"). */
  expires?: string | number;
  /** Seconds from now. */
  issuedAt?: number;
  notBefore?: number;
  audience?: string;
  issuer?: string;
  subject?: string;
  key?: SigningKey;
  kid?: string;
  alg?: string;
}

/** A token like a real issuer's, with what `options` changes. */
async function sign(claims: Record<string, unknown>, defaults: { key: SigningKey; kid: string; issuer: string; audience: string }, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? defaults.kid })
    .setIssuer(options.issuer ?? defaults.issuer)
    .setAudience(options.audience ?? defaults.audience)
    .setSubject(options.subject ?? "someone")
    .setIssuedAt(now + (options.issuedAt ?? 0))
    .setExpirationTime(typeof options.expires === "number" ? now + options.expires : (options.expires ?? "1h"));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(options.key ?? defaults.key);
}

/** A development token signed with the service's own key unless `options` says otherwise. */
async function signed(claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
  return sign(claims, { key: await importJWK(privateJwk, "RS256"), kid: privateJwk.kid as string, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }, options);
}

/** The token with its payload replaced after signing, the signature kept. */
function tampered(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split(".");
  return [header, base64url(change(JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>)), signature].join(".");
}

/** An unsigned token (alg: none) claiming `claims`, with and without the empty signature part. */
function unsigned(claims: Record<string, unknown>): [string, string] {
  const header = base64url({ alg: "none", typ: "JWT" });
  return [`${header}.${base64url(claims)}.`, `${header}.${base64url(claims)}`];
}

/** The public half of an RSA JWK, as JSON: what an attacker who read the key set would key HMAC with. */
function publicHalf(jwk: JWK): Uint8Array {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return new TextEncoder().encode(JSON.stringify(rest));
}

/** Asserts the refusal a user is meant to get (401, a problem, WWW-Authenticate) and returns its words. */
async function refusal(on: TestService, token: string | undefined, rawAuthorization?: string): Promise<string> {
  const response = await on.call("/api/me", { ...(token !== undefined ? { token } : {}), headers: rawAuthorization !== undefined ? { authorization: rawAuthorization } : {} });
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(response.headers.get("www-authenticate")).toBe('Bearer realm="toms"');
  const problem = (await response.json()) as { status: number; title: string; detail: string };
  expect(problem).toMatchObject({ status: 401, title: "Sign-in required" });
  expect(problem.detail.length).toBeGreaterThan(10);
  return problem.detail;
}

async function status(token: string): Promise<number> {
  return (await service.call("/api/me", { token })).status;
}

describe("development tokens", () => {
  it("accepts one and says who the caller is", async () => {
    const token = await service.token("amara.okafor", "contract-manager", { name: "Amara Okafor" });
    const response = await service.call("/api/me", { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: "amara.okafor", name: "Amara Okafor", roles: ["contract-manager"], signIn: "development" });
  });

  it("refuses a request without a token", async () => {
    expect(await refusal(service, undefined)).toContain("Authorization: Bearer");
  });

  it("refuses malformed tokens and authorization headers", async () => {
    for (const raw of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer two words", `Bearer ${"x".repeat(4000)}`]) await refusal(service, undefined, raw);
    for (const token of ["not-a-jwt", `${base64url({ alg: "RS256" })}.e30`, `${base64url({ alg: "RS256" })}.not-base64!.sig`, "a.b.c.d.e", `${base64url({ alg: "RS256" })}.${Buffer.from("[]").toString("base64url")}.c2ln`]) {
      await refusal(service, token);
    }
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const [withEmptySignature, withoutSignature] = unsigned({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: "mallory", roles: ["admin"], iat: now, exp: now + 3600 });
    expect(await refusal(service, withEmptySignature)).toBe("The sign-in token uses a signing method this service does not accept.");
    expect(await refusal(service, withoutSignature)).toBe("The sign-in token is not valid.");
  });

  it("refuses HMAC tokens: keyed with a guessed secret, or with the public key (algorithm confusion)", async () => {
    for (const secret of ["secret", "toms", "toms-api", "changeme", DEV_AUDIENCE]) {
      expect(await refusal(service, await signed({ roles: ["admin"] }, { key: new TextEncoder().encode(secret), alg: "HS256" }))).toContain("signing method");
    }
    expect(await refusal(service, await signed({ roles: ["admin"] }, { key: publicHalf(privateJwk), alg: "HS256" }))).toContain("signing method");
  });

  it("refuses a token signed with another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    await refusal(service, await signed({ roles: ["admin"] }, { key: privateKey }));
    await refusal(service, await signed({ roles: ["admin"] }, { key: privateKey, kid: "another-kid" }));
  });

  it("says where development tokens come from when one was made with another data folder's key", async () => {
    const otherFolder = mkdtempSync(join(tmpdir(), "toms-other-key-"));
    try {
      const detail = await refusal(service, await issueDevelopmentToken(otherFolder, { userId: "rob.amor", roles: ["admin"] }));
      expect(detail).toContain("Development tokens come from the key in the service's data folder");
      expect(detail).toContain(`(${service.dataDir})`);
      expect(detail).toContain("npm run token");
      expect(detail).toContain("TOMS_DATA_DIR");
      // Same key id, other key: the signature check, not the key lookup, refuses it; same words.
      const { privateKey } = await generateKeyPair("RS256");
      expect(await refusal(service, await signed({ roles: ["admin"] }, { key: privateKey }))).toBe(detail);
    } finally {
      rmSync(otherFolder, { recursive: true, force: true });
    }
  });

  it("refuses a token whose claims were changed after signing", async () => {
    const token = await signed({ roles: ["evaluator"] });
    expect(await status(token)).toBe(200);
    await refusal(service, tampered(token, (p) => ({ ...p, roles: ["admin"] })));
    await refusal(service, tampered(token, (p) => ({ ...p, sub: "rob.amor" })));
    await refusal(service, tampered(token, (p) => ({ ...p, exp: Number(p.exp) + 86_400 })));
  });

  it("allows a few minutes of clock skew and no more: expired, not yet valid and issued in the future are refused", async () => {
    // Within the skew: issued and valid from 4 minutes ahead, or expired 4 minutes ago.
    expect(await status(await signed({ roles: ["admin"] }, { issuedAt: 240, notBefore: 240 }))).toBe(200);
    expect(await status(await signed({ roles: ["admin"] }, { issuedAt: -3600, expires: -240 }))).toBe(200);
    // Beyond it: issued an hour ahead, valid only from 10 minutes ahead, expired 10 minutes ago.
    expect(await refusal(service, await signed({ roles: ["admin"] }, { issuedAt: 3600, expires: 7200 }))).toContain("ahead of this service's clock");
    expect(await refusal(service, await signed({ roles: ["admin"] }, { notBefore: 600 }))).toContain("ahead of this service's clock");
    expect(await refusal(service, await signed({ roles: ["admin"] }, { issuedAt: -3600, expires: -600 }))).toContain("expired");
  });

  it("refuses a token for another audience or from another issuer", async () => {
    expect(await refusal(service, await signed({ roles: ["admin"] }, { audience: "someone-else" }))).toContain("not for this service (aud)");
    expect(await refusal(service, await signed({ roles: ["admin"] }, { issuer: "https://evil.example" }))).toContain("not for this service (iss)");
  });

  it("ignores roles the suite does not know", async () => {
    const response = await service.call("/api/me", { token: await signed({ roles: ["superuser", "evaluator"] }) });
    expect(((await response.json()) as { roles: string[] }).roles).toEqual(["evaluator"]);
  });
});

describe("Microsoft Entra ID tokens", () => {
  let entra: EntraStandIn;
  let entraService: TestService;
  beforeAll(async () => {
    entra = await startEntraStandIn();
    entraService = await startTestService({ TOMS_ENTRA_AUTHORITY: entra.authority, TOMS_ENTRA_TENANT_ID: ENTRA_TENANT, TOMS_ENTRA_CLIENT_ID: ENTRA_CLIENT });
  });
  afterAll(async () => {
    await entraService.close();
    await entra.close();
  });

  /** A delegated token of the tenant for the suite, with what `options` changes. */
  const entraSigned = (options: SignOptions = {}, claims: Record<string, unknown> = {}) =>
    sign({ scp: "access_as_user", oid: "4a1c0f2e-0000-4000-8000-000000000001", roles: ["admin"], ...claims }, { key: entra.privateKey, kid: ENTRA_KID, issuer: entra.issuer, audience: `api://${ENTRA_CLIENT}` }, options);

  it("accepts the tenant's token for the suite", async () => {
    expect((await entraService.call("/api/me", { token: await entraSigned() })).status).toBe(200);
  });

  it("refuses unsigned, HMAC, another key's and tampered tokens", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of unsigned({ iss: entra.issuer, aud: `api://${ENTRA_CLIENT}`, sub: "x", oid: "x", scp: "access_as_user", roles: ["admin"], iat: now, exp: now + 3600 })) await refusal(entraService, token);
    await refusal(entraService, await entraSigned({ alg: "HS256", key: new TextEncoder().encode("secret") }));
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    await refusal(entraService, await entraSigned({ alg: "HS256", key: publicHalf(await exportJWK(publicKey)) }));
    expect(await refusal(entraService, await entraSigned({ key: privateKey }))).toBe("The sign-in token's signature is not trusted.");
    expect(await refusal(entraService, await entraSigned({ key: privateKey, kid: "not-the-tenants" }))).toBe("The sign-in token's signature is not trusted.");
    await refusal(entraService, tampered(await entraSigned({}, { roles: [] }), (p) => ({ ...p, roles: ["admin"] })));
  });

  it("refuses expired, not yet valid and future tokens, another tenant's and another app's", async () => {
    expect(await refusal(entraService, await entraSigned({ issuedAt: -7200, expires: -600 }))).toContain("expired");
    expect(await refusal(entraService, await entraSigned({ notBefore: 600 }))).toContain("ahead");
    expect(await refusal(entraService, await entraSigned({ issuedAt: 3600, expires: 7200 }))).toContain("ahead");
    expect(await refusal(entraService, await entraSigned({ issuer: `${entra.authority}/another-tenant/v2.0` }))).toContain("(iss)");
    expect(await refusal(entraService, await entraSigned({ audience: "api://another-app" }))).toContain("(aud)");
  });

  it("refuses a development token (Entra's service trusts only the tenant's keys)", async () => {
    await refusal(entraService, await entraService.token("rob.amor", "admin"));
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { SignJWT, generateKeyPair, importJWK, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER, isLoopback, issueDevelopmentToken, loadConfig } from "@toms/api";
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

/** Times are seconds from now (`expires` may also be jose's text, "1h"). */
async function signed(claims: Record<string, unknown>, options: { expires?: string | number; issuedAt?: number; notBefore?: number; audience?: string; issuer?: string; key?: Parameters<SignJWT["sign"]>[0]; kid?: string; alg?: string } = {}) {
  const key = options.key ?? (await importJWK(privateJwk, "RS256"));
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? (privateJwk.kid as string) })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setSubject("someone")
    .setIssuedAt(now + (options.issuedAt ?? 0))
    .setExpirationTime(typeof options.expires === "number" ? now + options.expires : (options.expires ?? "1h"));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key);
}

async function refusal(token: string): Promise<string> {
  const response = await service.call("/api/me", { token });
  expect(response.status).toBe(401);
  return ((await response.json()) as { detail: string }).detail;
}

async function status(token: string | undefined, raw?: string): Promise<number> {
  const headers: Record<string, string> = raw !== undefined ? { authorization: raw } : {};
  const response = await service.call("/api/me", { ...(token ? { token } : {}), headers });
  if (response.status === 401) {
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
  }
  return response.status;
}

describe("sign-in", () => {
  it("accepts a development token and says who the caller is", async () => {
    const token = await service.token("amara.okafor", "contract-manager", { name: "Amara Okafor" });
    const response = await service.call("/api/me", { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ userId: "amara.okafor", name: "Amara Okafor", roles: ["contract-manager"], signIn: "development" });
  });

  it("refuses a request without a token", async () => {
    expect(await status(undefined)).toBe(401);
  });

  it("refuses malformed tokens and authorization headers", async () => {
    expect(await status("not-a-jwt")).toBe(401);
    expect(await status(undefined, "Basic dXNlcjpwYXNz")).toBe(401);
    expect(await status(undefined, "Bearer")).toBe(401);
    expect(await status(`${base64url({ alg: "RS256" })}.e30`)).toBe(401);
  });

  it("refuses an expired token", async () => {
    expect(await status(await signed({ roles: ["admin"] }, { expires: "-5m" }))).toBe(401);
  });

  it("refuses a token signed with another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    expect(await status(await signed({ roles: ["admin"] }, { key: privateKey }))).toBe(401);
  });

  it("says where development tokens come from when one was made with another data folder's key", async () => {
    const otherFolder = mkdtempSync(join(tmpdir(), "toms-other-key-"));
    try {
      const detail = await refusal(await issueDevelopmentToken(otherFolder, { userId: "rob.amor", roles: ["admin"] }));
      expect(detail).toContain("Development tokens come from the key in the service's data folder");
      expect(detail).toContain(`(${service.dataDir})`);
      expect(detail).toContain("npm run token");
      expect(detail).toContain("TOMS_DATA_DIR");
      // Same key id, other key: the signature check, not the key lookup, refuses it; same words.
      const { privateKey } = await generateKeyPair("RS256");
      expect(await refusal(await signed({ roles: ["admin"] }, { key: privateKey }))).toBe(detail);
    } finally {
      rmSync(otherFolder, { recursive: true, force: true });
    }
  });

  it("allows a few minutes of clock skew and no more", async () => {
    // Within the skew: issued and valid from 4 minutes ahead, or expired 4 minutes ago.
    expect(await status(await signed({ roles: ["admin"] }, { issuedAt: 240, notBefore: 240 }))).toBe(200);
    expect(await status(await signed({ roles: ["admin"] }, { issuedAt: -3600, expires: -240 }))).toBe(200);
    // Beyond it: issued an hour ahead, valid only from 10 minutes ahead, expired 10 minutes ago.
    expect(await refusal(await signed({ roles: ["admin"] }, { issuedAt: 3600, expires: 7200 }))).toContain("ahead of this service's clock");
    expect(await refusal(await signed({ roles: ["admin"] }, { notBefore: 600 }))).toContain("ahead of this service's clock");
    expect(await refusal(await signed({ roles: ["admin"] }, { issuedAt: -3600, expires: -600 }))).toContain("expired");
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const header = base64url({ alg: "none", typ: "JWT" });
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: "mallory", roles: ["admin"], iat: now, exp: now + 3600 });
    expect(await status(`${header}.${payload}.`)).toBe(401);
    expect(await status(`${header}.${payload}`)).toBe(401);
  });

  it("refuses an HMAC token keyed with the public key (algorithm confusion)", async () => {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    expect(await status(await signed({ roles: ["admin"] }, { key: secret, alg: "HS256" }))).toBe(401);
  });

  it("refuses a token for another audience or from another issuer", async () => {
    expect(await status(await signed({ roles: ["admin"] }, { audience: "someone-else" }))).toBe(401);
    expect(await status(await signed({ roles: ["admin"] }, { issuer: "https://evil.example" }))).toBe(401);
  });

  it("ignores roles the suite does not know", async () => {
    const response = await service.call("/api/me", { token: await signed({ roles: ["superuser", "evaluator"] }) });
    expect(((await response.json()) as { roles: string[] }).roles).toEqual(["evaluator"]);
  });

  it("gives the browser apps a development token on loopback", async () => {
    expect(await (await service.call("/auth/config")).json()).toEqual({ mode: "development", demoUsers: [] });
    const response = await service.call("/auth/dev-token", { method: "POST", body: { userId: "eve", roles: ["evaluator"], name: "Eve Evans" } });
    const { token } = (await response.json()) as { token: string };
    expect(await (await service.call("/api/me", { token })).json()).toMatchObject({ userId: "eve", roles: ["evaluator"] });
    const bad = await service.call("/auth/dev-token", { method: "POST", body: { userId: "eve", roles: ["superuser"] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("roles[0]");
  });

  it("answers only to loopback host names in development (no DNS rebinding)", async () => {
    // fetch will not send another Host header, so a raw request does what a rebinding page would.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(`${service.url}/auth/dev-token`, { method: "POST", headers: { host: "attacker.example", "content-type": "application/json" } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end(JSON.stringify({ userId: "x", roles: ["admin"] }));
    });
    expect(status).toBe(421);
    expect(isLoopback("127.example.com")).toBe(false);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("[::1]")).toBe(true);
  });

  it("will not start development sign-in on an address other than loopback", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/loopback/);
    expect(() => loadConfig({ HOST: "0.0.0.0", TOMS_ENTRA_TENANT_ID: "contoso.onmicrosoft.com", TOMS_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555" })).not.toThrow();
  });
});

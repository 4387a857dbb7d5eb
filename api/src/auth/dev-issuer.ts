import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { isRole, type Role } from "@toms/domain";

/** The development issuer: a key pair made on first use under the data folder, so tokens from
 * `npm run token` are checked by the same code path as Entra's. Never used off loopback. */
export const DEV_ISSUER = "urn:toms:development";
export const DEV_AUDIENCE = "toms-api";
const KEY_FILE = "dev-issuer-key.json";

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(dataDir: string): Promise<StoredKey> {
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const kid = crypto.randomUUID();
    const key: StoredKey = {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
    };
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      // "wx": if two processes race, the first key wins and the second reads it.
      writeFileSync(file, JSON.stringify(key), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return JSON.parse(readFileSync(file, "utf8")) as StoredKey;
}

/** The public key set the verifier trusts in development. */
export async function developmentKeySet(dataDir: string): Promise<{ keys: JWK[] }> {
  return { keys: [(await loadOrCreateKey(dataDir)).publicJwk] };
}

export interface DevelopmentTokenRequest {
  userId: string;
  roles: Role[];
  name?: string;
  supplierId?: string;
  /** Lifetime in seconds; 12 hours by default. */
  lifetime?: number;
}

export async function issueDevelopmentToken(dataDir: string, request: DevelopmentTokenRequest): Promise<string> {
  const invalid = request.roles.filter((role) => !isRole(role));
  if (invalid.length > 0) throw new Error(`Unknown role ${invalid.join(", ")}.`);
  const key = await loadOrCreateKey(dataDir);
  return new SignJWT({
    name: request.name ?? request.userId,
    roles: request.roles,
    ...(request.supplierId ? { supplier: request.supplierId } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid: key.privateJwk.kid as string, typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(request.userId)
    .setIssuedAt()
    .setExpirationTime(`${request.lifetime ?? 12 * 3600}s`)
    .sign(await importJWK(key.privateJwk, "RS256"));
}

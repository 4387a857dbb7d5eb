// Entra ID cannot be reached from tests: a loopback authority serves a tenant's key set the way
// login.microsoftonline.com does, so the production sign-in path (JWKS, issuer, audience, oid, app
// roles, supplier identity lookup) runs for real against tokens signed with the tenant's key.
import { createServer } from "node:http";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

export const ENTRA_TENANT = "6d1f2b8e-0000-4000-8000-00000000c0c0";
export const ENTRA_CLIENT = "9a7c3e21-1111-4111-8111-111111111111";
/** The key id the tenant's key set names. */
export const ENTRA_KID = "entra-key-1";

/** A signing key jose accepts. */
export type SigningKey = Parameters<SignJWT["sign"]>[0];

export interface EntraStandIn {
  /** TOMS_ENTRA_AUTHORITY for the service. */
  authority: string;
  /** The issuer of the tenant's v2.0 tokens. */
  issuer: string;
  /** The tenant's private key (its public half is in the key set). */
  privateKey: SigningKey;
  /** A delegated token of the tenant for the suite (scp access_as_user), for `audience` (default api://<client>). */
  token(claims: Record<string, unknown>, audience?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the tenant's key set on a free loopback port. */
export async function startEntraStandIn(): Promise<EntraStandIn> {
  const pair = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: ENTRA_KID, alg: "RS256", use: "sig" };
  const server = createServer((req, res) => {
    if (req.url === `/${ENTRA_TENANT}/discovery/v2.0/keys`) res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const authority = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const issuer = `${authority}/${ENTRA_TENANT}/v2.0`;
  return {
    authority,
    issuer,
    privateKey: pair.privateKey,
    token: (claims, audience = `api://${ENTRA_CLIENT}`) =>
      new SignJWT({ name: "Rob Amor", scp: "access_as_user", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: ENTRA_KID })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject("pairwise-subject")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(pair.privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

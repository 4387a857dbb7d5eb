import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { resolve } from "node:path";
import { isRole, type Principal } from "@toms/domain";
import type { Config } from "../config.js";
import { unavailable } from "../problems.js";
import { DEV_AUDIENCE, DEV_ISSUER, developmentKeySet } from "./dev-issuer.js";

export class SignInError extends Error {}

/** Where a signed-in supplier contact's supplier comes from in production. */
export type SupplierLookup = (userId: string) => Promise<string | undefined>;

export type Verifier = (token: string) => Promise<Principal>;

/** How far the issuer's clock and this service's may differ: a few minutes (Entra's own
 * allowance), so a token issued an hour ahead is refused. */
export const CLOCK_SKEW_SECONDS = 300;

/**
 * One code path for every issuer: jose checks the signature against the issuer's key set (JWKS),
 * the issuer, the audience, expiry and not-before within the clock skew, and the algorithm (RS256
 * only, so `alg: none` and HMAC confusion are refused); an issue time ahead of the clock by more
 * than the skew is refused too. Then claims become a Principal.
 */
export async function createVerifier(config: Config, supplierOf: SupplierLookup, now: () => Date = () => new Date()): Promise<Verifier> {
  const settings =
    config.signIn.mode === "entra"
      ? {
          keys: createRemoteJWKSet(new URL(`${config.signIn.authority}/${config.signIn.tenantId}/discovery/v2.0/keys`)),
          // v2.0 tokens name the authority; v1.0 tokens (still issued to some clients) name sts.windows.net.
          issuer: [`${config.signIn.authority}/${config.signIn.tenantId}/v2.0`, `https://sts.windows.net/${config.signIn.tenantId}/`],
          audience: config.signIn.audiences,
          roleMap: config.signIn.roleMap,
          entra: true,
        }
      : { keys: createLocalJWKSet(await developmentKeySet(config.dataDir)), issuer: DEV_ISSUER, audience: DEV_AUDIENCE, roleMap: undefined, entra: false };
  // A development token made with another data folder's key is the usual mistake: say where the key is.
  const untrusted = settings.entra
    ? "The sign-in token's signature is not trusted."
    : `The sign-in token was not signed by this service's development key. Development tokens come from the key in the service's data folder (${resolve(config.dataDir)}): make one with npm run token and the same TOMS_DATA_DIR.`;

  return async (token) => {
    let payload: JWTPayload;
    const currentDate = now();
    try {
      ({ payload } = await jwtVerify(token, settings.keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      // The issuer's keys could not be fetched: sign-in cannot be checked, which is not the user's fault.
      if (error instanceof errors.JWKSTimeout || (error instanceof Error && !(error instanceof errors.JOSEError))) {
        throw unavailable("Sign-in cannot be checked", "The service cannot reach Microsoft Entra ID to check sign-ins just now.");
      }
      throw new SignInError(describeFailure(error, untrusted));
    }
    if (typeof payload.iat === "number" && payload.iat > currentDate.getTime() / 1000 + CLOCK_SKEW_SECONDS) throw new SignInError(AHEAD);
    // A person signed in to the suite's own API (Teams SSO, the add-in): the delegated scope it exposes.
    if (settings.entra && !String(payload.scp ?? "").split(" ").includes("access_as_user")) {
      throw new SignInError("The sign-in token was not issued for the TOMs Suite (it lacks the access_as_user permission).");
    }
    // Entra's stable user id is the object id; sub is pairwise per application.
    const userId = settings.entra ? stringClaim(payload, "oid") : payload.sub;
    if (!userId) throw new SignInError("The sign-in token does not say who you are.");
    const claimed: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
    const roles = [...new Set(claimed.map((value) => (settings.roleMap && typeof value === "string" ? settings.roleMap[value] : value)).filter(isRole))];
    const principal: Principal = { userId, name: stringClaim(payload, "name") ?? userId, roles };
    if (roles.includes("supplier")) {
      const supplierId = settings.entra ? await supplierOf(userId) : stringClaim(payload, "supplier");
      if (supplierId) principal.supplierId = supplierId;
    }
    return principal;
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value ? value : undefined;
}

const AHEAD = `The sign-in token's times are ahead of this service's clock by more than ${CLOCK_SKEW_SECONDS / 60} minutes: check the clock of this machine and of the one that issued the token.`;

function describeFailure(error: unknown, untrusted: string): string {
  if (error instanceof errors.JWTExpired) return "Your sign-in has expired. Sign in again.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf" && error.reason === "check_failed") return AHEAD;
    if (error.claim === "iss" || error.claim === "aud") return `The sign-in token is not for this service (${error.claim}).`;
    return `The sign-in token is not valid (its ${error.claim} claim).`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return untrusted;
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return "The sign-in token uses a signing method this service does not accept.";
  return "The sign-in token is not valid.";
}

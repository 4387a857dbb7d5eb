// Microsoft Entra sign-in for the tab opened in a browser outside Teams (a pop-up, so the tab's
// hash routes are untouched), the silent sign-in again when the page is refreshed, and signing
// out. Loaded on demand by the session.
import { InteractionRequiredAuthError, PublicClientApplication, type IPublicClientApplication } from "@azure/msal-browser";
import type { AuthConfig } from "@toms/client";

type EntraConfig = Extract<AuthConfig, { mode: "entra" }>;

/** A fresh access token for the service, asked for before each call. */
export type TokenSource = () => Promise<string>;

let application: Promise<IPublicClientApplication> | null = null;

/** The one MSAL application of the page (its account cache is the browser tab's session storage). */
function msalFor(auth: EntraConfig): Promise<IPublicClientApplication> {
  return (application ??= PublicClientApplication.createPublicClientApplication({
    auth: { clientId: auth.clientId, authority: `https://login.microsoftonline.com/${auth.tenantId}`, redirectUri: new URL(".", window.location.href).href },
    cache: { cacheLocation: "sessionStorage" },
  }));
}

function tokenSource(msal: IPublicClientApplication, auth: EntraConfig): TokenSource {
  const request = { scopes: auth.scopes };
  return async () => {
    const account = msal.getActiveAccount();
    if (!account) throw new Error("Your Microsoft 365 sign-in has ended. Sign in again.");
    try {
      return (await msal.acquireTokenSilent({ ...request, account })).accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) return (await msal.acquireTokenPopup(request)).accessToken;
      throw error;
    }
  };
}

/** Signs in (silently with the account MSAL holds, else with a pop-up) and answers the token source. */
export async function signInWithMsal(auth: EntraConfig): Promise<TokenSource> {
  const msal = await msalFor(auth);
  const request = { scopes: auth.scopes };
  const existing = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  const result = existing ? await msal.acquireTokenSilent({ ...request, account: existing }).catch(() => msal.acquireTokenPopup(request)) : await msal.acquireTokenPopup(request);
  msal.setActiveAccount(result.account);
  return tokenSource(msal, auth);
}

/**
 * Signs in again without a pop-up with the account MSAL holds from an earlier sign-in in this
 * browser tab; null when it holds none, or the account needs the person to sign in again.
 */
export async function resumeMsal(auth: EntraConfig): Promise<TokenSource | null> {
  const msal = await msalFor(auth);
  const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  if (!account) return null;
  try {
    const result = await msal.acquireTokenSilent({ scopes: auth.scopes, account });
    msal.setActiveAccount(result.account);
    return tokenSource(msal, auth);
  } catch {
    return null;
  }
}

/** Forgets the account in this browser tab (MSAL's cache), without signing out of Microsoft 365 itself. */
export async function signOutOfMsal(): Promise<void> {
  if (!application) return;
  const msal = await application;
  msal.setActiveAccount(null);
  await msal.clearCache();
}

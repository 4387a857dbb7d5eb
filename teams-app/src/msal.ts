// Microsoft Entra sign-in for the tab opened in a browser outside Teams (a pop-up, so the tab's
// hash routes are untouched). Loaded on demand by the session.
import { InteractionRequiredAuthError, PublicClientApplication } from "@azure/msal-browser";
import type { AuthConfig } from "@toms/client";

/** Signs in and answers the function that gives a fresh access token for the service before each call. */
export async function signInWithMsal(auth: Extract<AuthConfig, { mode: "entra" }>): Promise<() => Promise<string>> {
  const msal = await PublicClientApplication.createPublicClientApplication({
    auth: { clientId: auth.clientId, authority: `https://login.microsoftonline.com/${auth.tenantId}`, redirectUri: new URL(".", window.location.href).href },
    cache: { cacheLocation: "sessionStorage" },
  });
  const request = { scopes: auth.scopes };
  const existing = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  const result = existing ? await msal.acquireTokenSilent({ ...request, account: existing }).catch(() => msal.acquireTokenPopup(request)) : await msal.acquireTokenPopup(request);
  msal.setActiveAccount(result.account);
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

// Who is signed in, and the token every API call carries. In development the service issues a
// token for a chosen user and role; with Microsoft Entra the add-in uses nested app
// authentication (MSAL), so Excel's own sign-in is reused without a second prompt where it can be.
import { createNestablePublicClientApplication, InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import { createApiClient, type ApiClient, type AuthConfig, type Me, type Role } from "../api/client.js";

export interface Session {
  api: ApiClient;
  /** How this service signs people in. */
  config(): Promise<AuthConfig>;
  signInForDevelopment(userId: string, role: Role, name?: string): Promise<Me>;
  signInWithMicrosoft(): Promise<Me>;
  signOut(): void;
  signedIn(): boolean;
}

export function createSession(base: string): Session {
  let token: string | null = null;
  let msal: { app: IPublicClientApplication; scopes: string[] } | null = null;
  let config: Promise<AuthConfig> | null = null;

  async function currentToken(): Promise<string | null> {
    if (!msal) return token;
    // MSAL keeps the token fresh; a silent call is cheap when it is still valid.
    const account = msal.app.getActiveAccount() ?? msal.app.getAllAccounts()[0];
    if (!account) return null;
    const result = await msal.app.acquireTokenSilent({ scopes: msal.scopes, account });
    return result.accessToken;
  }

  const api = createApiClient(base, currentToken);
  const session: Session = {
    api,
    config: () => (config ??= api.authConfig()),
    async signInForDevelopment(userId, role, name) {
      token = await api.developmentToken(userId, [role], name);
      msal = null;
      return api.me();
    },
    async signInWithMicrosoft() {
      const auth = await session.config();
      if (auth.mode !== "entra") throw new Error("This service does not use Microsoft 365 sign-in.");
      const app = await createNestablePublicClientApplication({
        auth: { clientId: auth.clientId, authority: `https://login.microsoftonline.com/${auth.tenantId}` },
      });
      const request = { scopes: auth.scopes };
      let result;
      try {
        result = await app.acquireTokenSilent(request);
      } catch (error) {
        if (!(error instanceof InteractionRequiredAuthError)) throw error;
        result = await app.acquireTokenPopup(request);
      }
      app.setActiveAccount(result.account);
      msal = { app, scopes: auth.scopes };
      token = null;
      return api.me();
    },
    signOut() {
      token = null;
      msal = null;
    },
    signedIn: () => token !== null || msal !== null,
  };
  return session;
}

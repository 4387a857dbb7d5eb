// Who is signed in, and the token each call to the service carries: Teams single sign-on in
// Teams; outside it, MSAL with Microsoft Entra, or on a development service a chosen demo user.
import { TomsClient, type AuthConfig, type Me } from "@toms/client";
import type { TabHost } from "./host/index.js";

export type { AuthConfig, Me };

/** The signed-in state the tab's shell renders from. */
export interface Session {
  readonly client: TomsClient;
  /** How this service signs people in (asked once). */
  config(): Promise<AuthConfig>;
  /** In Teams: signs in with Teams SSO, without a prompt. */
  signInWithTeams(): Promise<Me>;
  /** Outside Teams, with Entra: a Microsoft 365 pop-up (MSAL). */
  signInWithMicrosoft(): Promise<Me>;
  /** On a development service: a token for the chosen demo user. */
  signInForDevelopment(user: { userId: string; roles: Me["roles"]; name?: string; supplierId?: string }): Promise<Me>;
  signOut(): void;
}

/** Raised by `token()` when nobody is signed in, so the shell shows the sign-in page. */
export class SignedOut extends Error {
  constructor() {
    super("You are not signed in.");
  }
}

export function createSession(host: TabHost, baseUrl = ""): Session {
  let token: (() => Promise<string>) | null = null;
  let config: Promise<AuthConfig> | null = null;
  const client = new TomsClient({
    baseUrl,
    token: () => (token ? token() : Promise.reject(new SignedOut())),
  });

  const session: Session = {
    client,
    config: () => (config ??= client.authConfig()),
    async signInWithTeams() {
      token = () => host.ssoToken();
      return client.me();
    },
    async signInWithMicrosoft() {
      const auth = await session.config();
      if (auth.mode !== "entra") throw new Error("This service does not use Microsoft 365 sign-in.");
      // MSAL is loaded only where it is used: Entra sign-in in a browser outside Teams.
      const { signInWithMsal } = await import("./msal.js");
      token = await signInWithMsal(auth);
      return client.me();
    },
    async signInForDevelopment(user) {
      const issued = await client.developmentToken(user);
      token = () => Promise.resolve(issued);
      return client.me();
    },
    signOut() {
      token = null;
    },
  };
  return session;
}

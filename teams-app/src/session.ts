// Who is signed in, and the token each call to the service carries: Teams single sign-on in
// Teams; outside it, MSAL with Microsoft Entra, or on a development service a chosen demo user.
// A refresh of the page signs the same person in again without asking: Teams and MSAL hold their
// own sign-in; for a development sign-in this browser tab keeps who was chosen (never the token).
import { TomsClient, type AuthConfig, type DevelopmentTokenRequest, type Me } from "@toms/client";
import type { TabHost } from "./host/index.js";

export type { AuthConfig, Me };

/** The signed-in state the tab's shell renders from. */
export interface Session {
  readonly client: TomsClient;
  /** How this service signs people in (asked once). */
  config(): Promise<AuthConfig>;
  /**
   * On opening the tab: signs in without asking, if it can. In Teams with single sign-on; outside
   * it as the development person chosen before in this browser tab, or with the Microsoft 365
   * account MSAL holds. Null when there is nobody to sign in as (or that sign-in no longer works):
   * the sign-in page is shown. Rejects only in Teams, or when the service cannot be asked.
   */
  resume(): Promise<Me | null>;
  /** In Teams: signs in with Teams SSO, without a prompt. */
  signInWithTeams(): Promise<Me>;
  /** Outside Teams, with Entra: a Microsoft 365 pop-up (MSAL). */
  signInWithMicrosoft(): Promise<Me>;
  /** On a development service: a token for the chosen demo user, who is remembered for a refresh. */
  signInForDevelopment(user: DevelopmentTokenRequest): Promise<Me>;
  /** Forgets the sign-in: the person remembered, and MSAL's account in this browser. */
  signOut(): void;
}

/** Raised by `token()` when nobody is signed in, so the shell shows the sign-in page. */
export class SignedOut extends Error {
  constructor() {
    super("You are not signed in.");
  }
}

/** Where the development person is kept: the browser tab's session storage, or a test's. */
export type PersonStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PERSON_KEY = "toms-tab.development-person";

/** The browser tab's session storage; null where the browser refuses it (a locked-down frame). */
function sessionStore(): PersonStore | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** The development person kept in `store`, or null when there is none or it is not one (then it is forgotten). */
export function rememberedPerson(store: PersonStore | null): DevelopmentTokenRequest | null {
  const text = store?.getItem(PERSON_KEY);
  if (!text) return null;
  try {
    const person = JSON.parse(text) as Partial<Record<keyof DevelopmentTokenRequest, unknown>>;
    const roles = Array.isArray(person.roles) ? person.roles : [];
    // The roles are checked by the service when it issues the token; here only their shape.
    if (typeof person.userId === "string" && person.userId && roles.length > 0 && roles.every((r) => typeof r === "string")) {
      return {
        userId: person.userId,
        roles: roles as DevelopmentTokenRequest["roles"],
        ...(typeof person.name === "string" ? { name: person.name } : {}),
        ...(typeof person.supplierId === "string" ? { supplierId: person.supplierId } : {}),
      };
    }
  } catch {
    // Not JSON: forgotten below, as anything else that is not a person.
  }
  store?.removeItem(PERSON_KEY);
  return null;
}

export interface SessionOptions {
  /** Where the service is; "" for the page's own origin. */
  baseUrl?: string;
  /** Where a development sign-in's person is kept; the browser tab's session storage unless given. */
  store?: PersonStore | null;
  /** The fetch the client calls (a test's). */
  fetch?: typeof globalThis.fetch;
}

export function createSession(host: TabHost, options: SessionOptions = {}): Session {
  const store = options.store === undefined ? sessionStore() : options.store;
  let token: (() => Promise<string>) | null = null;
  let config: Promise<AuthConfig> | null = null;
  // MSAL's account is cleared as the page signs out; a sign-in on the way waits for that.
  let signingOut: Promise<void> = Promise.resolve();
  let usedMsal = false;
  const client = new TomsClient({
    baseUrl: options.baseUrl ?? "",
    token: () => (token ? token() : Promise.reject(new SignedOut())),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // MSAL is loaded only where it is used: Entra sign-in in a browser outside Teams.
  const msal = () => {
    usedMsal = true;
    return import("./msal.js");
  };
  const entraConfig = async () => {
    const auth = await session.config();
    if (auth.mode !== "entra") throw new Error("This service does not use Microsoft 365 sign-in.");
    return auth;
  };

  const session: Session = {
    client,
    config: () => (config ??= client.authConfig()),
    async resume() {
      if (host.inTeams) return session.signInWithTeams();
      await signingOut;
      const auth = await session.config();
      if (auth.mode === "entra") {
        // A development person means nothing to a service that signs in with Microsoft 365.
        store?.removeItem(PERSON_KEY);
        const silent = await (await msal()).resumeMsal(auth);
        if (!silent) return null;
        token = silent;
        return client.me().catch(() => {
          token = null;
          return null;
        });
      }
      const person = rememberedPerson(store);
      if (!person) return null;
      // The same person again, with a new token; if the service will not have them, they choose again.
      return session.signInForDevelopment(person).catch(() => {
        session.signOut();
        return null;
      });
    },
    async signInWithTeams() {
      token = () => host.ssoToken();
      return client.me();
    },
    async signInWithMicrosoft() {
      const auth = await entraConfig();
      token = await (await msal()).signInWithMsal(auth);
      return client.me();
    },
    async signInForDevelopment(user) {
      const issued = await client.developmentToken(user);
      token = () => Promise.resolve(issued);
      const me = await client.me();
      store?.setItem(PERSON_KEY, JSON.stringify(user));
      return me;
    },
    signOut() {
      token = null;
      store?.removeItem(PERSON_KEY);
      if (usedMsal) signingOut = msal().then((m) => m.signOutOfMsal()).catch(() => undefined);
    },
  };
  return session;
}

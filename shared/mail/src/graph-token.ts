// The Graph access token of the council's mailbox sender: a client secret when one is set, else the
// service's managed identity (@azure/identity); the scope is Graph's own origin + "/.default".
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";

export interface GraphTokenSettings {
  tenantId: string;
  clientId?: string;
  clientSecret?: string;
  /** https://graph.microsoft.com or a national cloud's: the scope is its origin's /.default. */
  graphUrl: string;
  /** https://login.microsoftonline.com or a national cloud's. */
  authorityHost: string;
}

/**
 * A function that answers a current Graph token (the credential caches and renews it).
 * @example const token = graphToken({ tenantId, clientId, clientSecret, graphUrl: "https://graph.microsoft.com", authorityHost: "https://login.microsoftonline.com" });
 */
export function graphToken(settings: GraphTokenSettings, credential?: TokenCredential): () => Promise<string> {
  const scope = `${new URL(settings.graphUrl).origin}/.default`;
  const chosen =
    credential ??
    (settings.clientId && settings.clientSecret
      ? new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, { authorityHost: settings.authorityHost })
      : settings.clientId
        ? new ManagedIdentityCredential({ clientId: settings.clientId })
        : new ManagedIdentityCredential());
  return async () => {
    const token = await chosen.getToken(scope);
    if (!token) throw new Error(`no token was issued for ${scope}`);
    return token.token;
  };
}

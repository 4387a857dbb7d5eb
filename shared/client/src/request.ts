// How every client of the service sends a call and reads its answer: the caller's token, the
// service's problem thrown as ApiError, JSON read safely, and a download's file name. Shared by
// TomsClient and DiversityClient so the two answer failures alike.
import { problemError, unreadable, unreachable } from "./api-error.js";
import type { DownloadedFile } from "./wire.js";

/** What a client is built with: where the service is, the caller's token, and the fetch to call. */
export interface ClientOptions {
  /** Where the service is, e.g. "https://toms.coventry.gov.uk"; "" for the page's own origin. */
  baseUrl: string;
  /** The caller's bearer token, asked for before each call (Teams SSO, MSAL or a development token). */
  token: () => Promise<string>;
  /** The fetch to call; globalThis.fetch unless given (a test's, or one that adds telemetry). */
  fetch?: typeof globalThis.fetch;
}

export interface Call {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  accept?: string;
  /** Sent without the caller's token: the calls made before sign-in. */
  anonymous?: boolean;
}

/** A list route's answer. */
export interface Items<T> {
  items: T[];
}

/** The parts of a path, each encoded: `path("c 1", "kpis")` is "c%201/kpis". */
export const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

/**
 * The service at `baseUrl`, called with the caller's token.
 *
 * @example
 * const transport = new Transport({ baseUrl: "", token: () => authentication.getAuthToken() });
 * const me = await transport.json<Me>("/api/me");
 */
export class Transport {
  readonly #baseUrl: string;
  readonly #token: () => Promise<string>;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: ClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#token = options.token;
    // Called through a closure, never as a method: a browser's fetch called on another object throws.
    const chosen = options.fetch;
    this.#fetch = chosen ? (input, init) => chosen(input, init) : (input, init) => globalThis.fetch(input, init);
  }

  /**
   * The answer's JSON.
   *
   * @example
   * const { items } = await transport.json<Items<string>>("/api/service-areas");
   */
  async json<T>(url: string, call: Call = {}): Promise<T> {
    return readJson<T>(await this.send(url, call));
  }

  /**
   * Sends the call with the caller's token (unless anonymous); an answer that is not 2xx is thrown as ApiError.
   *
   * @example
   * const response = await transport.send("/api/contracts/c1");
   */
  async send(url: string, call: Call = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: call.accept ?? "application/json", ...(call.anonymous ? {} : { authorization: `Bearer ${await this.#token()}` }), ...call.headers };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${url}`, {
        method: call.method ?? "GET",
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
    } catch (cause) {
      throw unreachable(cause);
    }
    if (!response.ok) throw await problemError(response, Date.now());
    return response;
  }

  /**
   * A file the service answers with, named as the service named it (`fallbackName` when it did not).
   *
   * @example
   * const { blob, fileName } = await transport.file("/api/reports/social-value?format=csv", "social-value.csv");
   */
  async file(url: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await this.send(url, { accept: "*/*" });
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch (cause) {
      throw unreachable(cause);
    }
    return { blob, fileName: attachmentName(response.headers.get("content-disposition")) ?? fallbackName };
  }
}

/**
 * The answer's JSON; an answer cut off or not JSON (a proxy's page) is thrown as ApiError.
 *
 * @example
 * const update = await readJson<KpiUpdate>(response);
 */
export async function readJson<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw unreadable(response.status, "The service's answer could not be read.", cause);
  }
}

/**
 * The file name of a Content-Disposition header: filename* (RFC 6266, UTF-8) before filename.
 *
 * @example
 * attachmentName('attachment; filename="diversity-links-2026.csv"'); // "diversity-links-2026.csv"
 */
export function attachmentName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A badly encoded name: fall back to the plain filename.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2]?.trim();
  return name || undefined;
}

// Each client's transport, by the client: so a DiversityClient can call over a TomsClient's
// sign-in without TomsClient showing its transport to its callers.
const transports = new WeakMap<object, Transport>();

/**
 * Records `transport` as `client`'s, for {@link transportOf}.
 *
 * @example
 * constructor(options: ClientOptions) { this.#transport = shareTransport(this, new Transport(options)); }
 */
export function shareTransport(client: object, transport: Transport): Transport {
  transports.set(client, transport);
  return transport;
}

/**
 * The transport a client was built with. Throws for an object that is not such a client: a bug.
 *
 * @example
 * const diversity = new DiversityClient(transportOf(tomsClient));
 */
export function transportOf(client: object): Transport {
  const transport = transports.get(client);
  if (!transport) throw new TypeError("This is not a client of the TOMs service: build the DiversityClient from the tab's TomsClient.");
  return transport;
}

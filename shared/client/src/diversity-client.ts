// The calls the Teams tab makes to the supplier diversity API (/api/diversity, docs/diversity.md),
// one method per JSON route, each answering the route's type or throwing ApiError. Kept apart from
// TomsClient: diversity answers are special category data, reached only through these calls.
import type { BaselineView, CampaignView, EngagementFilters, EngagementRow, ReminderRow, TeamsInvitationsSent, auditLog } from "@toms/app/diversity";
import { Transport, path, transportOf, type ClientOptions, type Items } from "./request.js";
import type { TomsClient } from "./toms-client.js";
import type { DownloadedFile } from "./wire.js";

/** An entry of the audit log: who read or exported diversity data, when, of which suppliers, and why. */
export type AuditEntry = Extract<Awaited<ReturnType<typeof auditLog>>, { ok: true }>["value"][number];

/** What a DiversityClient is built with: the same as a TomsClient's. */
export type DiversityClientOptions = ClientOptions;

/** POST /api/diversity/campaigns: the year asked about, and when its questionnaire closes (an ISO instant or date). */
export interface OpenCampaignRequest {
  year: number;
  closesAt: string;
}

/** Which suppliers' form links to make: every SME invited, or those who have not answered yet. */
export type FormLinksFor = "all" | "unanswered";

/** The span of the audit log to read, as ISO instants or dates; all of it when neither is given. */
export interface AuditQuery {
  from?: string;
  to?: string;
}

const BASE = "/api/diversity";

function engagementParams(filters: EngagementFilters, purpose: string, format: "json" | "csv"): URLSearchParams {
  const params = new URLSearchParams({ purpose, format });
  if (filters.year !== undefined) params.set("year", String(filters.year));
  for (const key of ["barrier", "sector", "size", "characteristic"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, value);
  }
  return params;
}

/**
 * The supplier diversity API, as the Teams tab calls it. Every method throws {@link ApiError} when
 * the service refuses (403 for a role that may not, 422 for a rule that refuses) or cannot be
 * reached (status 0).
 *
 * @example
 * const diversity = new DiversityClient({ baseUrl: "", token: () => authentication.getAuthToken() });
 * const campaigns = await diversity.campaigns();
 */
export class DiversityClient {
  readonly #transport: Transport;

  constructor(options: DiversityClientOptions | Transport) {
    this.#transport = options instanceof Transport ? options : new Transport(options);
  }

  /**
   * The diversity calls over a TomsClient's service and sign-in: the same address, the same token
   * each call, the same fetch. So a view reaches them from the client it already has.
   *
   * @example
   * const { client } = useTab();
   * const diversity = DiversityClient.sharing(client);
   */
  static sharing(client: TomsClient): DiversityClient {
    return new DiversityClient(transportOf(client));
  }

  /**
   * Every year's campaign, with how many were invited and answered, and whether its baseline is
   * published (procurement officers and EDI analysts).
   *
   * @example
   * const open = (await diversity.campaigns()).find((c) => c.status === "open");
   */
  async campaigns(): Promise<CampaignView[]> {
    return (await this.#transport.json<Items<CampaignView>>(`${BASE}/campaigns`)).items;
  }

  /**
   * Opens a year's campaign, inviting the SMEs of the register in the council's area (procurement
   * officers). Throws ApiError 409 when that year's campaign exists.
   *
   * @example
   * const campaign = await diversity.openCampaign({ year: 2026, closesAt: "2026-12-31T23:59:59Z" });
   */
  openCampaign(request: OpenCampaignRequest): Promise<CampaignView> {
    return this.#transport.json(`${BASE}/campaigns`, { method: "POST", body: request });
  }

  /**
   * Closes a year's campaign: its form links stop working (procurement officers).
   *
   * @example
   * const closed = await diversity.closeCampaign(2026);
   */
  closeCampaign(year: number): Promise<CampaignView> {
    return this.#transport.json(`${BASE}/campaigns/${path(String(year))}/close`, { method: "POST" });
  }

  /**
   * The mail-merge CSV of new form links (Supplier, Contact name, Contact email, Link, Closes) for
   * an open campaign (procurement officers). Links issued before stay valid until it closes.
   *
   * @example
   * const { blob, fileName } = await diversity.formLinks(2026, "unanswered"); // "diversity-links-2026.csv"
   */
  formLinks(year: number, only: FormLinksFor = "unanswered"): Promise<DownloadedFile> {
    return this.#transport.file(`${BASE}/campaigns/${path(String(year))}/links.csv?${new URLSearchParams({ only })}`, `diversity-links-${year}.csv`);
  }

  /**
   * Sends the year's questionnaire as a Teams card to every contact of an invited business that
   * has not answered and has a chat with the bot, once each (procurement officers). Run again, it
   * sends only the cards that failed. Throws ApiError 503 when the service has no Teams bot, 422
   * when the campaign has closed, 404 when there is no such campaign.
   *
   * @example
   * const { sent, failed, alreadySent, withoutTeams } = await diversity.sendTeamsInvitations(2026);
   * // withoutTeams: businesses with no Teams chat, to send the links by e-mail
   */
  sendTeamsInvitations(year: number): Promise<TeamsInvitationsSent> {
    return this.#transport.json(`${BASE}/campaigns/${path(String(year))}/teams-invitations`, { method: "POST" });
  }

  /**
   * The suppliers invited in a year who have not answered yet, to remind (procurement officers and EDI analysts).
   *
   * @example
   * const names = (await diversity.reminders(2026)).map((r) => r.supplierName);
   */
  async reminders(year: number): Promise<ReminderRow[]> {
    return (await this.#transport.json<Items<ReminderRow>>(`${BASE}/campaigns/${path(String(year))}/reminders`)).items;
  }

  /**
   * A year's baseline, every count through disclosure control (a suppressed count is null), with
   * the change since the previous published year. EDI analysts always; other council staff once
   * it is published (ApiError 403 before); suppliers never.
   *
   * @example
   * const baseline = await diversity.baseline(2026);
   * baseline.characteristics.womenOwned?.counts.yes; // a number, or null when not shown
   */
  baseline(year: number): Promise<BaselineView> {
    return this.#transport.json(`${BASE}/baseline?${new URLSearchParams({ year: String(year) })}`);
  }

  /**
   * Publishes a closed year's baseline to council staff (EDI analysts). Throws ApiError 422 while
   * the campaign is open; publishing again keeps the first publication.
   *
   * @example
   * const published = await diversity.publishBaseline(2026); // published.published?.at
   */
  publishBaseline(year: number): Promise<BaselineView> {
    return this.#transport.json(`${BASE}/baseline/publish`, { method: "POST", body: { year } });
  }

  /**
   * The businesses that agreed to be contacted, filtered, for targeted engagement (EDI analysts).
   * The `purpose` (at least 5 characters) is recorded in the audit log with the suppliers listed.
   *
   * @example
   * const rows = await diversity.engagement({ barrier: "payment-terms", size: "micro" }, "Invitations to the March Meet the Buyer event");
   */
  async engagement(filters: EngagementFilters, purpose: string): Promise<EngagementRow[]> {
    return (await this.#transport.json<Items<EngagementRow>>(`${BASE}/engagement?${engagementParams(filters, purpose, "json")}`)).items;
  }

  /**
   * The same list as a CSV file (formula-leading cells escaped), audited as an export.
   *
   * @example
   * const { blob, fileName } = await diversity.engagementCsv({ characteristic: "womenOwned" }, "Mailing for the women in construction event");
   */
  engagementCsv(filters: EngagementFilters, purpose: string): Promise<DownloadedFile> {
    return this.#transport.file(`${BASE}/engagement?${engagementParams(filters, purpose, "csv")}`, `diversity-engagement${filters.year === undefined ? "" : `-${filters.year}`}.csv`);
  }

  /**
   * Who read or exported diversity data, when and why (procurement officers and EDI analysts).
   *
   * @example
   * const lastMonth = await diversity.audit({ from: "2026-11-01", to: "2026-11-30" });
   */
  async audit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const params = new URLSearchParams();
    if (query.from !== undefined) params.set("from", query.from);
    if (query.to !== undefined) params.set("to", query.to);
    const search = params.size > 0 ? `?${params}` : "";
    return (await this.#transport.json<Items<AuditEntry>>(`${BASE}/audit${search}`)).items;
  }
}

// The calls the browser apps make to the TOMs service, one method per route (docs/delivery.md),
// each answering the route's type or throwing ApiError. Browser-safe: fetch and the token are
// passed in, nothing of Node is imported.
import type { AssessmentView, ContactChannelChoice, ContactView, ContractSocialValue, KpiView, OwedItem, RecordedUpdate, RemindedOwed, UpdateLinkSummary } from "@toms/app";
import type {
  AssessmentInput,
  AssessmentRecord,
  ConfirmInput,
  EnteredCommitment,
  KpiInput,
  KpiPatch,
  KpiTemplate,
  KpiUpdate,
  KpiUpdateInput,
  NoticePublication,
  OcdsRelease,
  PortfolioDashboard,
  ReminderInput,
  ReminderRecord,
  ReviewInput,
  SocialValueReport,
  SupplierScorecard,
} from "@toms/domain";
import { unreadable } from "./api-error.js";
import { Transport, path, readJson, shareTransport, type Call, type ClientOptions, type Items } from "./request.js";
import type { AuthConfig, ContractDashboard, ContractDetail, DevelopmentTokenRequest, DownloadedFile, Me, NoticePublished, ReportFileQuery, ReportQuery } from "./wire.js";

/** What a TomsClient is built with (the same as every client of the service). */
export type TomsClientOptions = ClientOptions;

/**
 * The TOMs service, as the Teams tab and the Excel add-in call it. Every method throws
 * {@link ApiError} when the service refuses (its status, detail and the fields at fault) or cannot
 * be reached (status 0).
 *
 * @example
 * const client = new TomsClient({ baseUrl: "", token: () => authentication.getAuthToken() });
 * const dashboard = await client.portfolio();
 */
export class TomsClient {
  readonly #transport: Transport;

  constructor(options: TomsClientOptions) {
    this.#transport = shareTransport(this, new Transport(options));
  }

  /**
   * How to sign in, asked before anyone is signed in (no token is sent): in development the demo's
   * people to choose from, with Microsoft Entra ID the tenant, app and scopes.
   *
   * @example
   * const config = await client.authConfig();
   * if (config.mode === "development") console.log(config.demoUsers.map((u) => u.name));
   */
  authConfig(): Promise<AuthConfig> {
    return this.#json("/auth/config", { anonymous: true });
  }

  /**
   * A development token for someone (no token is sent): only from the computer the service runs
   * on, when it signs people in without Microsoft Entra ID; refused (403) otherwise.
   *
   * @example
   * const token = await client.developmentToken({ userId: "tom.brennan", roles: ["contract-manager"], name: "Tom Brennan" });
   */
  async developmentToken(input: DevelopmentTokenRequest): Promise<string> {
    return (await this.#json<{ token: string }>("/auth/dev-token", { method: "POST", body: input, anonymous: true })).token;
  }

  /**
   * Who is signed in: their id, name, roles (and supplier), how the service signs people in, and
   * the money label amounts are shown in.
   *
   * @example
   * const { name, roles, moneyLabel } = await client.me();
   */
  me(): Promise<Me> {
    return this.#json("/api/me");
  }

  /**
   * A contract with its Procurement Act findings (`compliance`) and its ETag.
   *
   * @example
   * const contract = await client.contract(contractId);
   * const errors = contract.compliance.filter((f) => f.severity === "error");
   */
  async contract(id: string): Promise<ContractDetail> {
    const response = await this.#send(`/api/contracts/${path(id)}`);
    const etag = response.headers.get("etag");
    // Without it no change could be sent; a cross-origin page sees it only if the service exposes it.
    if (!etag) throw unreadable(response.status, "The contract came without its ETag, so it could not be changed from here.");
    return { ...(await readJson<Omit<ContractDetail, "etag">>(response)), etag };
  }

  /**
   * A contract's KPIs and tracked commitments, each with its periods, current rating and ETag.
   *
   * @example
   * const kpis = await client.kpis(contractId);
   */
  async kpis(contractId: string): Promise<KpiView[]> {
    return (await this.#json<Items<KpiView>>(`/api/contracts/${path(contractId)}/kpis`)).items;
  }

  /**
   * Sets a KPI on a contract (procurement officers and the contract's manager).
   *
   * @example
   * const kpi = await client.createKpi(contractId, { title: "Bins collected on the scheduled day", unit: "%", target: 98, tolerance: 1, direction: "higher", frequency: "monthly", reporter: "supplier" });
   */
  createKpi(contractId: string, input: KpiInput): Promise<KpiView> {
    return this.#json(`/api/contracts/${path(contractId)}/kpis`, { method: "POST", body: input });
  }

  /**
   * Changes a KPI, as it was when read: `etag` is the KPI's (`kpi.etag`). A new target needs
   * `fromPeriod`. Throws ApiError 412 when someone changed it since: read it again.
   *
   * @example
   * const changed = await client.editKpi(contractId, kpi.id, kpi.etag, { target: 55, fromPeriod: "2026-04" });
   */
  editKpi(contractId: string, kpiId: string, etag: string, patch: KpiPatch): Promise<KpiView> {
    return this.#json(`/api/contracts/${path(contractId, "kpis", kpiId)}`, { method: "PATCH", body: patch, headers: { "if-match": etag } });
  }

  /**
   * Adds a template's KPIs to a contract, all or none; titles already there are not added twice.
   * Answers the KPIs added.
   *
   * @example
   * const added = await client.applyTemplate(contractId, "waste-collection");
   */
  async applyTemplate(contractId: string, templateId: string): Promise<KpiView[]> {
    return (await this.#json<Items<KpiView>>(`/api/contracts/${path(contractId)}/kpis/from-template`, { method: "POST", body: { templateId } })).items;
  }

  /**
   * The KPI template library, the built-in templates first.
   *
   * @example
   * const waste = (await client.kpiTemplates()).filter((t) => t.sector === "waste");
   */
  async kpiTemplates(): Promise<KpiTemplate[]> {
    return (await this.#json<Items<KpiTemplate>>("/api/kpi-templates")).items;
  }

  /**
   * Every revision of a KPI's updates, by period then revision, with its review and whether it counts.
   *
   * @example
   * const waiting = (await client.updates(contractId, kpiId)).filter((u) => u.status === "pending");
   */
  async updates(contractId: string, kpiId: string): Promise<KpiUpdate[]> {
    return (await this.#json<Items<KpiUpdate>>(`/api/contracts/${path(contractId, "kpis", kpiId)}/updates`)).items;
  }

  /**
   * Reports a value for a period. Send the same `idempotencyKey` again to retry safely (after a
   * lost connection): the answer is the update already stored, with `replayed` true. Without a key
   * a new one is made, so the call is sent once.
   *
   * @example
   * const key = crypto.randomUUID(); // kept until the update is acknowledged
   * const { update, replayed } = await client.recordUpdate(contractId, kpiId, { period: "2026-03", value: 97.5 }, key);
   */
  async recordUpdate(contractId: string, kpiId: string, input: KpiUpdateInput, idempotencyKey: string = crypto.randomUUID()): Promise<RecordedUpdate> {
    const response = await this.#send(`/api/contracts/${path(contractId, "kpis", kpiId)}/updates`, { method: "POST", body: input, headers: { "idempotency-key": idempotencyKey } });
    return { update: await readJson<KpiUpdate>(response), replayed: response.headers.get("idempotent-replayed") === "true" };
  }

  /**
   * Approves or rejects a supplier's update (a rejection needs a reason). Throws ApiError 409 when
   * it was reviewed already or a later revision has been sent.
   *
   * @example
   * await client.review(contractId, kpiId, update.id, { decision: "reject", reason: "The evidence is for February, not March." });
   */
  review(contractId: string, kpiId: string, updateId: string, input: ReviewInput): Promise<KpiUpdate> {
    return this.#json(`/api/contracts/${path(contractId, "kpis", kpiId, "updates", updateId)}/review`, { method: "POST", body: input });
  }

  /**
   * Asks that whoever owes an item of the overdue list (an update, a correction or a review of a
   * KPI's period) be reminded (procurement officers and the contract's manager). Once a UK day per
   * item: asked again that day, by anyone, the answer is the reminder already stored, with
   * `replayed` true. Throws ApiError 409 (naming `period` or `what`) when the item is not owed now.
   *
   * @example
   * const { reminder, replayed } = await client.remind(item.contractId, { kpiId: item.kpiId, period: item.period, what: item.what });
   */
  async remind(contractId: string, input: ReminderInput): Promise<RemindedOwed> {
    const response = await this.#send(`/api/contracts/${path(contractId)}/reminders`, { method: "POST", body: input });
    return { reminder: await readJson<ReminderRecord>(response), replayed: response.headers.get("idempotent-replayed") === "true" };
  }

  /**
   * The social value delivered, line by line (commitment and period), with the sums of the lines.
   *
   * @example
   * const { committed, delivered, moneyLabel } = await client.socialValue(contractId);
   */
  socialValue(contractId: string): Promise<ContractSocialValue> {
    return this.#json(`/api/contracts/${path(contractId)}/social-value`);
  }

  /**
   * Enters the commitments of a contract signed without an award in the suite (procurement
   * officers). Answers the commitments, tracked as KPIs.
   *
   * @example
   * const tracked = await client.enterCommitments(contractId, [{ measure: "CCC-EC03", quantity: 12 }]);
   */
  async enterCommitments(contractId: string, commitments: EnteredCommitment[]): Promise<KpiView[]> {
    return (await this.#json<Items<KpiView>>(`/api/contracts/${path(contractId)}/commitments`, { method: "POST", body: { commitments } })).items;
  }

  /**
   * A contract's assessments, newest first, with what replaced each and its notice publication.
   *
   * @example
   * const drafts = (await client.assessments(contractId)).filter((a) => a.status === "draft");
   */
  async assessments(contractId: string): Promise<AssessmentView[]> {
    return (await this.#json<Items<AssessmentView>>(`/api/contracts/${path(contractId)}/assessments`)).items;
  }

  /**
   * Drafts an assessment over a date range, with a suggested rating per KPI.
   *
   * @example
   * const draft = await client.createAssessment(contractId, { from: "2025-04-01", to: "2026-03-31", kind: "annual" });
   */
  createAssessment(contractId: string, input: AssessmentInput): Promise<AssessmentRecord> {
    return this.#json(`/api/contracts/${path(contractId)}/assessments`, { method: "POST", body: input });
  }

  /**
   * Confirms a draft with its suggestions, or overrides (each with a reason). Throws ApiError 409
   * when it was confirmed already.
   *
   * @example
   * await client.confirmAssessment(contractId, draft.id, { overrides: [{ kpiId, rating: "approachingTarget", reason: "Two months were lost to the depot fire." }] });
   */
  confirmAssessment(contractId: string, assessmentId: string, input: ConfirmInput = {}): Promise<AssessmentRecord> {
    return this.#json(`/api/contracts/${path(contractId, "assessments", assessmentId)}/confirm`, { method: "POST", body: input });
  }

  /**
   * Marks a confirmed assessment's UK9 notice published (now, unless `publishedAt` says when).
   * Throws ApiError 409 when it was marked already.
   *
   * @example
   * await client.markNoticePublished(contractId, assessmentId, { url: "https://www.find-tender.service.gov.uk/Notice/012345-2026" });
   */
  markNoticePublished(contractId: string, assessmentId: string, publication: NoticePublished = {}): Promise<NoticePublication> {
    return this.#json(`/api/contracts/${path(contractId, "assessments", assessmentId)}/notice`, { method: "POST", body: publication });
  }

  /**
   * A confirmed assessment's UK9 contract performance notice: the OCDS 1.1 release for Find a
   * Tender. Throws ApiError 422 (naming `assessmentId`) for a draft.
   *
   * @example
   * const release = await client.performanceNotice(contractId, assessmentId);
   * const file = new Blob([JSON.stringify(release, null, 2)], { type: "application/json" });
   */
  performanceNotice(contractId: string, assessmentId: string): Promise<OcdsRelease> {
    return this.#json(`/api/contracts/${path(contractId)}/performance-notice?${new URLSearchParams({ assessmentId })}`);
  }

  /**
   * The caller's contracts in sum: KPIs by current rating and their periods' ratings quarter by
   * quarter (`ratingsOverTime`), updates overdue, assessments due, social value committed and
   * delivered, the same by service area, and a row per contract (`byContract`).
   *
   * @example
   * const { contracts, overdueUpdates, byContract } = await client.portfolio();
   */
  portfolio(): Promise<PortfolioDashboard> {
    return this.#json("/api/dashboard/portfolio");
  }

  /**
   * One contract's dashboard: the contract, its counts, and every KPI and commitment with its periods.
   *
   * @example
   * const { contract, kpis } = await client.contractDashboard(contractId);
   */
  contractDashboard(id: string): Promise<ContractDashboard> {
    return this.#json(`/api/dashboard/contracts/${path(id)}`);
  }

  /**
   * A supplier's scorecard across its contracts.
   *
   * @example
   * const scorecard = await client.supplierScorecard(supplierId);
   */
  supplierScorecard(id: string): Promise<SupplierScorecard> {
    return this.#json(`/api/dashboard/suppliers/${path(id)}`);
  }

  /**
   * Who owes what (updates, corrections, reviews) across the caller's contracts, longest owed
   * first, each with the latest reminder asked for of it (`reminded`, or null).
   *
   * @example
   * const suppliersOwing = (await client.overdue()).filter((item) => item.owedBy === "supplier");
   */
  async overdue(): Promise<OwedItem[]> {
    return (await this.#json<Items<OwedItem>>("/api/dashboard/overdue")).items;
  }

  /**
   * A supplier's contacts, each with the channel chosen for them (`channel`, absent: automatic),
   * whether the bot has a Teams chat with them (`teamsChat`), and how prompts reach them now, as
   * the service works it out (`reach`: "teams", "email" or "none").
   *
   * @example
   * const contacts = await client.contactsOf(contract.supplierId);
   * const byEmail = contacts.filter((c) => c.reach === "email");
   */
  async contactsOf(supplierId: string): Promise<ContactView[]> {
    return (await this.#json<Items<ContactView>>(`/api/suppliers/${path(supplierId)}/contacts`)).items;
  }

  /**
   * Chooses how prompts reach a supplier's contact: "teams", "email", or "automatic" (Teams when
   * the bot has a chat with them, else e-mail). For procurement officers and the manager of a
   * current contract with the supplier (ApiError 403 otherwise). Answers the contact as it now is.
   *
   * @example
   * const contact = await client.setContactChannel(supplierId, contactId, "email");
   */
  setContactChannel(supplierId: string, contactId: string, channel: ContactChannelChoice): Promise<ContactView> {
    return this.#json(`/api/suppliers/${path(supplierId, "contacts", contactId)}/channel`, { method: "PUT", body: { channel } });
  }

  /**
   * A contract's signed update links, newest first, each with its state now (never its token).
   * For procurement officers and the contract's manager.
   *
   * @example
   * const active = (await client.updateLinksOf(contractId)).filter((l) => l.state === "active");
   */
  async updateLinksOf(contractId: string): Promise<UpdateLinkSummary[]> {
    return (await this.#json<Items<UpdateLinkSummary>>(`/api/contracts/${path(contractId)}/update-links`)).items;
  }

  /**
   * Revokes a contract's update link: it stops working at once. Revoking one revoked already
   * answers it as it is. Answers the link as it now is.
   *
   * @example
   * const revoked = await client.revokeUpdateLink(contractId, link.id); // revoked.state === "revoked"
   */
  revokeUpdateLink(contractId: string, linkId: string): Promise<UpdateLinkSummary> {
    return this.#json(`/api/contracts/${path(contractId, "update-links", linkId)}/revoke`, { method: "POST" });
  }

  /**
   * The annual social value report, by theme, outcome, measure, contract, supplier and service
   * area, with the year before beside it.
   *
   * @example
   * const report = await client.report({ year: 2025 }); // 2025/26
   */
  report(query: ReportQuery = {}): Promise<SocialValueReport> {
    return this.#json(`/api/reports/social-value?${reportParams(query, "json")}`);
  }

  /**
   * The annual report as a file (the Cabinet workbook, or CSV), with the name the service gave it.
   *
   * @example
   * const { blob, fileName } = await client.reportFile({ format: "xlsx", year: 2025 });
   * const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: fileName });
   * link.click();
   */
  reportFile(query: ReportFileQuery): Promise<DownloadedFile> {
    return this.#transport.file(`/api/reports/social-value?${reportParams(query, query.format)}`, `social-value.${query.format}`);
  }

  /**
   * The council's service areas, the list a contract's service area is chosen from.
   *
   * @example
   * const areas = await client.serviceAreas();
   */
  async serviceAreas(): Promise<string[]> {
    return (await this.#json<Items<string>>("/api/service-areas")).items;
  }

  #json<T>(url: string, call: Call = {}): Promise<T> {
    return this.#transport.json<T>(url, call);
  }

  #send(url: string, call: Call = {}): Promise<Response> {
    return this.#transport.send(url, call);
  }
}

function reportParams(query: ReportQuery, format: "json" | "csv" | "xlsx"): URLSearchParams {
  const params = new URLSearchParams({ format });
  if (query.year !== undefined) params.set("year", String(query.year));
  if (query.yearType !== undefined) params.set("yearType", query.yearType);
  return params;
}

// What the diversity API tests set up and read (issue 11): local suppliers and a campaign made through the API, answers to send, the links CSV, the form page's text, and what an EDI analyst reads back.
import { expect } from "vitest";
import type { BaselineView, CampaignView, IdentifiedResponse, OwnAnswersExport } from "@toms/app/diversity";
import type { AuditEntry } from "@toms/storage/diversity";
import type { TestService } from "./service.js";

/** Who the tests act as, as the council's staff. */
export const STAFF = { admin: "rob.amor", evaluator: "eve.evaluator", manager: "tom.brennan", edi: "eddie.analyst" } as const;

export interface StaffTokens {
  admin: string;
  evaluator: string;
  manager: string;
  edi: string;
}

export async function staffTokens(service: TestService): Promise<StaffTokens> {
  return {
    admin: await service.token(STAFF.admin, "admin", { name: "Rob Amor" }),
    evaluator: await service.token(STAFF.evaluator, "evaluator"),
    manager: await service.token(STAFF.manager, "contract-manager"),
    edi: await service.token(STAFF.edi, "edi-analyst", { name: "Eddie Analyst" }),
  };
}

/** A local supplier the tests made, its contact, and a token of that contact. */
export interface LocalSupplier {
  id: string;
  name: string;
  contactEmail: string;
  token: string;
}

const POSTCODES = ["CV1 2GT", "CV2 4EG", "CV3 1FP", "CV4 8DY", "CV5 6FN", "CV6 5NX"];

/** `count` micro suppliers in Coventry's districts (so a campaign invites them), each with one contact, made by the admin through the API. */
export async function addLocalSuppliers(service: TestService, admin: string, count: number, label = "Diversity"): Promise<LocalSupplier[]> {
  const run = crypto.randomUUID().slice(0, 6);
  const made: LocalSupplier[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${label} ${run} ${String(i + 1).padStart(2, "0")} Ltd`;
    const created = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name, postcode: POSTCODES[i % POSTCODES.length], employees: 4 + (i % 5), turnover: 250_000 + 10_000 * i, balanceSheet: 90_000 } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const contactEmail = `contact${i + 1}-${run}@diversity-test.example`;
    const contact = await service.call(`/api/suppliers/${id}/contacts`, { method: "POST", token: admin, body: { email: contactEmail, name: `Contact ${i + 1}` } });
    expect(contact.status).toBe(201);
    made.push({ id, name, contactEmail, token: await service.token(contactEmail, "supplier", { supplierId: id, name: `Contact ${i + 1}` }) });
  }
  return made;
}

/** A large supplier and one outside the area: a campaign invites neither. */
export async function addSuppliersNotInvited(service: TestService, admin: string): Promise<string[]> {
  const bodies = [
    { name: `Large ${crypto.randomUUID().slice(0, 6)} plc`, postcode: "CV1 3BH", employees: 900, turnover: 120_000_000, balanceSheet: 80_000_000 },
    { name: `Elsewhere ${crypto.randomUUID().slice(0, 6)} Ltd`, postcode: "M1 4BT", employees: 5, turnover: 300_000, balanceSheet: 90_000 },
  ];
  const ids: string[] = [];
  for (const body of bodies) {
    const created = await service.call("/api/suppliers", { method: "POST", token: admin, body });
    expect(created.status).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  return ids;
}

/** A moment `days` from now, as the API takes it. */
export function daysFromNow(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString();
}

/** What the API answers, as the use cases type it: a campaign, a baseline, an answer an EDI analyst reads, a business's own download. */
export type { BaselineView, CampaignView, IdentifiedResponse, OwnAnswersExport };

export interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** The privacy notice every answer carries (questionnaire 2026.1). */
export const PRIVACY_NOTICE = "diversity-2026.1";

/** A set of answers, varied by `n` so that counts differ between businesses. */
export function answersOf(n: number): Record<string, unknown> {
  return {
    privacyNoticeVersion: PRIVACY_NOTICE,
    legalForm: "limited-company",
    sector: n % 3 === 0 ? "construction" : "it-and-digital",
    employeesBand: "under-10",
    turnoverBand: "up-to-2m",
    ethnicMinorityOwned: n % 4 === 0 ? "yes" : "no",
    womenOwned: n % 2 === 0 ? "yes" : "no",
    disabledOwned: n % 5 === 0 ? "prefer-not-to-say" : "no",
    barriers: n % 2 === 0 ? ["tender-complexity", "payment-terms"] : ["finding-opportunities"],
    consentToContact: n % 3 === 2 ? "no" : "yes",
  };
}

/** Opens the year's campaign as the admin; 201 expected. */
export async function openCampaign(service: TestService, admin: string, year: number, closesAt = daysFromNow(60)): Promise<CampaignView> {
  const response = await service.call("/api/diversity/campaigns", { method: "POST", token: admin, body: { year, closesAt } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as CampaignView;
}

/** Sends a business's answers as its contact (POST /api/diversity/responses). */
export function sendAnswers(service: TestService, supplier: LocalSupplier, year: number, answers: Record<string, unknown>, idempotencyKey?: string): Promise<Response> {
  return service.call("/api/diversity/responses", { method: "POST", token: supplier.token, body: { year, supplierId: supplier.id, ...answers }, ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}) });
}

/** The answers that count, as an EDI analyst reads them for a purpose. */
export async function readAnswers(service: TestService, edi: string, query: { year?: number; supplierId?: string } = {}): Promise<IdentifiedResponse[]> {
  const params = new URLSearchParams({ purpose: "Check what the diversity tests stored", ...(query.year !== undefined ? { year: String(query.year) } : {}), ...(query.supplierId ? { supplierId: query.supplierId } : {}) });
  const response = await service.call(`/api/diversity/responses?${params}`, { token: edi });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: IdentifiedResponse[] }).items;
}

export async function baselineOf(service: TestService, token: string, year: number): Promise<BaselineView> {
  const response = await service.call(`/api/diversity/baseline?year=${year}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BaselineView;
}

export async function auditLog(service: TestService, token: string): Promise<AuditEntry[]> {
  const response = await service.call("/api/diversity/audit", { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: AuditEntry[] }).items;
}

/** Reads CSV as RFC 4180 writes it: quoted cells, doubled quotes, CRLF or LF between rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((value) => value !== ""));
}

/** The year's form links by supplier name, from the mail-merge CSV (GET links.csv). */
export async function formLinks(service: TestService, admin: string, year: number, only: "all" | "unanswered" = "all"): Promise<Map<string, string>> {
  const response = await service.call(`/api/diversity/campaigns/${year}/links.csv?only=${only}`, { token: admin });
  expect(response.status, await response.clone().text()).toBe(200);
  const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toEqual(["Supplier", "Contact name", "Contact email", "Link", "Closes"]);
  return new Map(rows.map((r) => [r[0] as string, r[3] as string]));
}

/** HTML's character references as a browser reads them: named (the few a page escapes with), decimal and hex. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** The page's words, without its markup: what a person reads. */
export function pageText(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** What the form page shows as chosen or typed, by field: checked boxes and radios, text inputs and textareas with a value. */
export function formValues(html: string): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string, multiple: boolean) => {
    const unescaped = decodeEntities(value);
    if (multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), unescaped];
    else values[name] = unescaped;
  };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];
    const flag = (name: string) => new RegExp(`\\s${name}(\\s|>|=|/)`, "i").test(tag);
    const type = attribute("type") ?? "text";
    const name = attribute("name");
    if (!name) continue;
    if ((type === "checkbox" || type === "radio") && flag("checked")) add(name, attribute("value") ?? "", type === "checkbox");
    if (type === "text" && attribute("value")) add(name, attribute("value") as string, false);
  }
  for (const [, name, text] of html.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/gi)) if (text) add(name as string, text, false);
  return values;
}

/** A form post as a browser sends it: application/x-www-form-urlencoded, a multiple choice as the same name repeated. */
export function formPost(fields: Record<string, string | readonly string[]>): RequestInit {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of typeof value === "string" ? [value] : value) body.append(name, v);
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString(), redirect: "manual" };
}

/** A token of the form link's shape that no link has: 32 random bytes, base64url. */
export function guessedToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/** The token of a form link (its last path segment). */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split("/").pop() as string;
}

// What the contract delivery API tests set up and read: the people, suppliers, contracts (with a
// service area), KPIs, updates and reviews, and a calendar worked out here, apart from the service,
// so that expected periods and due dates are the tests' own.
import { expect } from "vitest";
import type { AssessmentRecord, KpiPeriod, KpiRecord, KpiUpdate, RatingId } from "@toms/domain";
import { publishTestCatalogue, tenderSubmission } from "./award-fixtures.js";
import type { TestService } from "./service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "./service-areas.js";

/** The directorate every test contract is in unless a test says otherwise. */
export const SERVICE_AREA = TEST_SERVICE_AREA;

/** Who the tests act as. The manager manages the contracts the tests make, unless told otherwise. */
export const PEOPLE = { admin: "rob.amor", evaluator: "eve.evaluator", manager: "tom.brennan", otherManager: "mia.khan", edi: "eddie.analyst" } as const;

export interface People {
  admin: string;
  evaluator: string;
  manager: string;
  otherManager: string;
  edi: string;
}

export interface KpiView extends KpiRecord {
  periods: KpiPeriod[];
  currentRating: RatingId | null;
  etag: string;
}

export interface AssessmentView extends AssessmentRecord {
  supersededBy?: string;
  notice: { assessmentId: string; publishedAt: string; publishedBy: string; url?: string } | null;
}

export interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Tokens for the council's people, and the service area the contracts are in. */
export async function deliveryPeople(service: TestService): Promise<People> {
  const people: People = {
    admin: await service.token(PEOPLE.admin, "admin"),
    evaluator: await service.token(PEOPLE.evaluator, "evaluator"),
    manager: await service.token(PEOPLE.manager, "contract-manager"),
    otherManager: await service.token(PEOPLE.otherManager, "contract-manager"),
    edi: await service.token(PEOPLE.edi, "edi-analyst"),
  };
  await ensureServiceArea(service, people.admin, SERVICE_AREA);
  return people;
}

/** A token for one of the supplier's contacts. */
export function supplierContact(service: TestService, supplierId: string, userId = `contact-${supplierId.slice(0, 6)}`): Promise<string> {
  return service.token(userId, "supplier", { supplierId });
}

export const unique = () => crypto.randomUUID().slice(0, 8);

/** A micro supplier (9 staff, £1m turnover) with a Companies House number. */
export async function addSupplier(service: TestService, admin: string, name = `Supplier ${unique()} Ltd`): Promise<string> {
  const response = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name, postcode: "CV3 1FP", employees: 9, turnover: 1e6, balanceSheet: 4e5, companyNumber: "01234567" } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

export interface ContractFields {
  supplierId: string;
  reference?: string;
  title?: string;
  value?: number;
  startDate: string;
  endDate: string;
  managerId?: string;
  serviceArea?: string;
  kpiExemptionReason?: string;
}

export interface ContractMade {
  id: string;
  reference: string;
  title: string;
  supplierId: string;
  managerId: string;
  startDate: string;
  endDate: string;
}

/** A services contract managed by the tests' manager, in the tests' service area, unless told otherwise. */
export async function addContract(service: TestService, admin: string, fields: ContractFields): Promise<ContractMade> {
  const body = { reference: `CCC-D-${unique()}`, title: "Street cleansing", category: "services", value: 2000, managerId: PEOPLE.manager, serviceArea: SERVICE_AREA, ...fields };
  const response = await service.call("/api/contracts", { method: "POST", token: admin, body });
  expect(response.status).toBe(201);
  const made = (await response.json()) as { id: string };
  return { id: made.id, reference: body.reference, title: body.title, supplierId: body.supplierId, managerId: body.managerId, startDate: body.startDate, endDate: body.endDate };
}

export interface KpiFields {
  title?: string;
  unit?: string;
  target?: number;
  tolerance?: number;
  direction?: "higher" | "lower";
  frequency?: "monthly" | "quarterly" | "annual";
  reporter?: "supplier" | "manager";
  description?: string;
}

/** Creates a KPI (monthly, higher is better, target 90 with tolerance 5, reported by the supplier unless told otherwise). */
export async function addKpi(service: TestService, token: string, contractId: string, fields: KpiFields = {}): Promise<KpiView> {
  const response = await service.call(`/api/contracts/${contractId}/kpis`, {
    method: "POST",
    token,
    body: { title: `Streets cleansed on time ${unique()}`, unit: "%", target: 90, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "supplier", ...fields },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as KpiView;
}

/** Posts an update with an idempotency key (a fresh one unless given). */
export function postUpdate(service: TestService, token: string, contractId: string, kpiId: string, body: unknown, key: string | null = crypto.randomUUID()): Promise<Response> {
  return service.call(`/api/contracts/${contractId}/kpis/${kpiId}/updates`, { method: "POST", token, body, headers: key === null ? {} : { "idempotency-key": key } });
}

/** Sends an update that must be taken (201). */
export async function sendUpdate(service: TestService, token: string, contractId: string, kpiId: string, period: string, value: number): Promise<KpiUpdate> {
  const response = await postUpdate(service, token, contractId, kpiId, { period, value });
  expect(response.status, `update for ${period}`).toBe(201);
  return (await response.json()) as KpiUpdate;
}

export function postReview(service: TestService, token: string, contractId: string, kpiId: string, updateId: string, body: unknown): Promise<Response> {
  return service.call(`/api/contracts/${contractId}/kpis/${kpiId}/updates/${updateId}/review`, { method: "POST", token, body });
}

/** Approves or rejects an update; the review must be taken (200). */
export async function review(service: TestService, token: string, contractId: string, kpiId: string, updateId: string, body: { decision: "approve" | "reject"; reason?: string }): Promise<KpiUpdate> {
  const response = await postReview(service, token, contractId, kpiId, updateId, body);
  expect(response.status).toBe(200);
  return (await response.json()) as KpiUpdate;
}

export async function readKpis(service: TestService, token: string, contractId: string): Promise<KpiView[]> {
  const response = await service.call(`/api/contracts/${contractId}/kpis`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: KpiView[] }).items;
}

export async function readKpi(service: TestService, token: string, contractId: string, kpiId: string): Promise<KpiView> {
  const kpi = (await readKpis(service, token, contractId)).find((k) => k.id === kpiId);
  if (!kpi) throw new Error(`KPI ${kpiId} is not listed on contract ${contractId}`);
  return kpi;
}

export async function readUpdates(service: TestService, token: string, contractId: string, kpiId: string): Promise<KpiUpdate[]> {
  const response = await service.call(`/api/contracts/${contractId}/kpis/${kpiId}/updates`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: KpiUpdate[] }).items;
}

export async function readAssessments(service: TestService, token: string, contractId: string): Promise<AssessmentView[]> {
  const response = await service.call(`/api/contracts/${contractId}/assessments`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: AssessmentView[] }).items;
}

/** Drafts an assessment (201) and confirms it without overrides (200). */
export async function confirmedAssessment(service: TestService, token: string, contractId: string, body: { from: string; to: string; kind: "annual" | "termination"; replaces?: string }): Promise<AssessmentRecord> {
  const draft = await service.call(`/api/contracts/${contractId}/assessments`, { method: "POST", token, body });
  expect(draft.status).toBe(201);
  const { id } = (await draft.json()) as AssessmentRecord;
  const confirmed = await service.call(`/api/contracts/${contractId}/assessments/${id}/confirm`, { method: "POST", token, body: {} });
  expect(confirmed.status).toBe(200);
  return (await confirmed.json()) as AssessmentRecord;
}

export async function problemOf(response: Response): Promise<Problem> {
  return { ...((await response.json()) as Omit<Problem, "status">), status: response.status };
}

/** The fields a problem names. */
export async function fieldsOf(response: Response): Promise<string[]> {
  return ((await problemOf(response)).errors ?? []).map((e) => e.field);
}

/** An awarded contract: Beta Ltd wins the fixtures' tender (T-1: 1 FTE year at £100, T-2: 50 hours x 50% at £10 = £250). */
export async function awardedContract(service: TestService, people: People, fields: Omit<ContractFields, "supplierId">): Promise<ContractMade & { catalogueVersion: string }> {
  const { version } = await publishTestCatalogue(service, people.admin);
  const supplierId = await addSupplier(service, people.admin, "Beta Ltd");
  const contract = await addContract(service, people.admin, { title: "Parks maintenance", ...fields, supplierId });
  const evaluation = await service.call("/api/evaluations", { method: "POST", token: people.evaluator, body: tenderSubmission(version, { reference: `CCC-T-${unique()}` }) });
  expect(evaluation.status).toBe(201);
  const { id: evaluationId } = (await evaluation.json()) as { id: string };
  const award = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: people.evaluator, body: { bidder: "Beta Ltd", contractId: contract.id } });
  expect(award.status).toBe(200);
  return { ...contract, catalogueVersion: version };
}

// The calendar, worked out here on plain dates (YYYY-MM-DD) so the tests' expectations are their own.

/** Today's date in the UK. */
export function todayUk(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

/** The month `months` after the one the date is in, as YYYY-MM. */
export function monthAfter(date: string, months: number): string {
  const d = utc(`${date.slice(0, 7)}-01`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return iso(d).slice(0, 7);
}

export const monthStart = (month: string) => `${month}-01`;

export function monthEnd(month: string): string {
  return addDays(monthStart(monthAfter(monthStart(month), 1)), -1);
}

/** Months from `first` to `last` (YYYY-MM), in order. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = monthAfter(monthStart(m), 1)) months.push(m);
  return months;
}

export function quarterStart(quarter: string): string {
  return `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, "0")}-01`;
}

export function quarterEnd(quarter: string): string {
  return monthEnd(monthAfter(quarterStart(quarter), 2));
}

/** The same day a year later (29 February → 28 February). */
export function sameDayNextYear(date: string): string {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return next.endsWith("-02-29") ? next.replace("-02-29", "-02-28") : next;
}

/** The same day a year earlier (29 February → 28 February). */
export function sameDayLastYear(date: string): string {
  const previous = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return previous.endsWith("-02-29") ? previous.replace("-02-29", "-02-28") : previous;
}

/** The default number of days after a period's end that its update is due. */
export const DUE_DAYS = 14;

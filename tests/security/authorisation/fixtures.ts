// What the authorisation matrix's calls are about, made through the API as the council would:
// "this" supplier (Beta Ltd, local, with a contact) and another, "this" contract (this manager's,
// with this supplier, awarded from an evaluation) and another manager's, KPIs, updates,
// assessments, evaluations, a KPI template, and diversity campaigns with answers.
import { expect } from "vitest";
import type { Role } from "@toms/domain";
import { publishTestCatalogue, tenderSubmission } from "../../support/award-fixtures.js";
import { addContract, addKpi, deliveryPeople, monthAfter, monthEnd, monthStart, PEOPLE, sendUpdate, todayUk, unique, type ContractMade, type KpiView } from "../../support/delivery-fixtures.js";
import { addLocalSuppliers, answersOf, daysFromNow, openCampaign, sendAnswers, type LocalSupplier } from "../../support/diversity.js";
import type { TestService } from "../../support/service.js";
import type { Caller } from "./matrix.js";

/** The months the tests report on, counted from this one. */
export const month = (n: number) => monthAfter(todayUk(), n);
const term = { startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) };
/** The assessments' period: the year to two months ago. */
export const ASSESSED = { from: monthStart(month(-13)), to: monthEnd(month(-2)), kind: "annual" as const };
/** This year's diversity campaign stays open; last year's is closed and its baseline published. */
export const YEAR = new Date().getUTCFullYear();
export const PAST = YEAR - 1;
/** A campaign opened for the admin to close, and the year the admin opens. */
export const TO_CLOSE = YEAR + 2;
export const TO_OPEN = YEAR + 1;

export interface Fixture {
  tokens: Record<Caller, string | undefined>;
  catalogueVersion: string;
  /** This supplier, its contact's address, and another supplier. */
  supplier: LocalSupplier;
  otherSupplier: LocalSupplier;
  /** Businesses that answer the questionnaire besides this supplier; the EDI analyst erases the last one's answers. */
  answering: LocalSupplier[];
  /** This contract: this manager's, with this supplier, awarded from `awarded`. */
  contract: ContractMade;
  /** Another of this manager's contracts with this supplier, without an award. */
  second: ContractMade;
  /** The other manager's contract, with the other supplier. */
  others: ContractMade;
  supplierKpi: KpiView;
  /** A KPI for the admin to change (this manager changes `supplierKpi`), and one on `second`. */
  adminKpi: KpiView;
  secondKpi: KpiView;
  /** Pending updates for the admin and the manager to review. */
  pending: { admin: string; manager: string };
  templateId: string;
  /** Drafts for the admin and the manager to confirm, and confirmed assessments whose notice each marks published. */
  drafts: { admin: string; manager: string };
  confirmed: { admin: string; manager: string };
  /** The evaluation `contract` was awarded from; unawarded ones for the admin and the evaluator to award, with a contract each; one awarded, for the admin to withdraw. */
  awarded: string;
  toAward: { admin: { evaluationId: string; contractId: string }; evaluator: { evaluationId: string; contractId: string } };
  toWithdraw: string;
  /** Last year's publication, as the EDI analyst first made it. */
  published: { at: string; by: string };
}

async function created(response: Response, what: string): Promise<{ id: string }> {
  expect(response.status, `${what}: ${await response.clone().text()}`).toBe(201);
  return (await response.json()) as { id: string };
}

export async function setUp(service: TestService): Promise<Fixture> {
  const people = await deliveryPeople(service);
  const { version: catalogueVersion } = await publishTestCatalogue(service, people.admin);
  // Local micro businesses, so that the campaigns invite them; this supplier is the tender's winner.
  const [supplier, otherSupplier, ...answering] = await addLocalSuppliers(service, people.admin, 5, "Matrix");
  if (!supplier || !otherSupplier) throw new Error("the suppliers were not made");
  const renamed = await service.call(`/api/suppliers/${supplier.id}`, { token: people.admin });
  const patched = await service.call(`/api/suppliers/${supplier.id}`, { method: "PATCH", token: people.admin, body: { name: "Beta Ltd" }, headers: { "if-match": renamed.headers.get("etag") ?? "" } });
  expect(patched.status).toBe(200);
  supplier.name = "Beta Ltd";
  const noRole = await service.token("nobody.in.particular", [] as Role[]);
  const tokens: Fixture["tokens"] = { anonymous: undefined, admin: people.admin, evaluator: people.evaluator, manager: people.manager, otherManager: people.otherManager, supplier: supplier.token, otherSupplier: otherSupplier.token, edi: people.edi, noRole };

  const contract = await addContract(service, people.admin, { supplierId: supplier.id, title: "Street cleansing", ...term });
  const second = await addContract(service, people.admin, { supplierId: supplier.id, title: "Gully cleansing", ...term });
  const others = await addContract(service, people.admin, { supplierId: otherSupplier.id, managerId: PEOPLE.otherManager, title: "School kitchens", ...term });
  const supplierKpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier", title: "Streets swept on schedule" });
  const adminKpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier", title: "Bins emptied" });
  const secondKpi = await addKpi(service, people.manager, second.id, { reporter: "supplier", title: "Gullies cleared" });
  const pending = {
    admin: (await sendUpdate(service, supplier.token, contract.id, supplierKpi.id, month(-8), 90)).id,
    manager: (await sendUpdate(service, supplier.token, contract.id, supplierKpi.id, month(-9), 91)).id,
  };
  const template = await created(
    await service.call("/api/kpi-templates", { method: "POST", token: people.admin, body: { name: `Matrix basics ${unique()}`, sector: "waste", kpis: [{ title: "Streets at grade A", unit: "%", target: 90, direction: "higher", frequency: "monthly", reporter: "supplier" }] } }),
    "the KPI template",
  );

  const assessment = async () => (await created(await service.call(`/api/contracts/${contract.id}/assessments`, { method: "POST", token: people.manager, body: ASSESSED }), "a draft assessment")).id;
  const confirm = async (id: string) => expect((await service.call(`/api/contracts/${contract.id}/assessments/${id}/confirm`, { method: "POST", token: people.manager, body: {} })).status).toBe(200);
  const confirmed = { admin: await assessment(), manager: await assessment() };
  await confirm(confirmed.admin);
  await confirm(confirmed.manager);
  const drafts = { admin: await assessment(), manager: await assessment() };

  const evaluation = async () => (await created(await service.call("/api/evaluations", { method: "POST", token: people.evaluator, body: tenderSubmission(catalogueVersion, { reference: `CCC-T-${unique()}` }) }), "an evaluation")).id;
  const award = async (evaluationId: string, contractId: string) => {
    const response = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: people.evaluator, body: { bidder: "Beta Ltd", contractId } });
    expect(response.status, await response.clone().text()).toBe(200);
  };
  const awardable = async () => ({ evaluationId: await evaluation(), contractId: (await addContract(service, people.admin, { supplierId: supplier.id, title: "Parks maintenance", ...term })).id });
  const awarded = await evaluation();
  await award(awarded, contract.id);
  const toWithdraw = await awardable();
  await award(toWithdraw.evaluationId, toWithdraw.contractId);
  const toAward = { admin: await awardable(), evaluator: await awardable() };

  // Last year's answers are published; this year's campaign is open, with answers.
  await openCampaign(service, people.admin, PAST, daysFromNow(30));
  await openCampaign(service, people.admin, YEAR, daysFromNow(60));
  await openCampaign(service, people.admin, TO_CLOSE, daysFromNow(90));
  for (const [n, business] of [supplier, ...answering].entries()) {
    for (const year of [PAST, YEAR]) expect((await sendAnswers(service, business, year, answersOf(n))).status).toBe(201);
  }
  expect((await service.call(`/api/diversity/campaigns/${PAST}/close`, { method: "POST", token: people.admin, body: {} })).status).toBe(200);
  const published = await service.call("/api/diversity/baseline/publish", { method: "POST", token: people.edi, body: { year: PAST } });
  expect(published.status, await published.clone().text()).toBe(200);
  const publication = ((await published.json()) as { published: { at: string; by: string } }).published;

  return { tokens, catalogueVersion, supplier, otherSupplier, answering, contract, second, others, supplierKpi, adminKpi, secondKpi, pending, templateId: template.id, drafts, confirmed, awarded, toAward, toWithdraw: toWithdraw.evaluationId, published: publication };
}

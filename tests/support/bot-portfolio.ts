// A contract whose supplier owes KPI updates, with the supplier's contacts and the contract
// manager as Teams users the bot can know, for the bot's tests.
import { expect } from "vitest";
import type { TestService } from "./service.js";
import { addContract, addDays, addKpi, addSupplier, deliveryPeople, DUE_DAYS, monthAfter, monthEnd, monthsBetween, monthStart, todayUk, type ContractMade, type KpiView, type People } from "./delivery-fixtures.js";
import { chatPerson, type ChatPerson } from "./teams-chat.js";

export interface BotPortfolio {
  people: People;
  supplierId: string;
  contract: ContractMade;
  kpis: KpiView[];
  /** The supplier's contacts in Teams (linked by their Entra object id). */
  contacts: ChatPerson[];
  /** The contract manager in Teams (the contract's managerId is their Entra object id). */
  manager: ChatPerson;
  managerToken: string;
}

/** Links a Teams user to the supplier as one of its contacts. */
export async function addContact(service: TestService, adminToken: string, supplierId: string, person: ChatPerson): Promise<void> {
  const response = await service.call(`/api/suppliers/${supplierId}/contacts`, { method: "POST", token: adminToken, body: { name: person.name, email: person.email ?? `${person.aadObjectId}@example.org`, aadObjectId: person.aadObjectId } });
  expect(response.status).toBe(201);
}

/**
 * A contract that began three months ago, with `kpiCount` monthly KPIs reported by the supplier, so
 * that the supplier owes updates for the months that have ended and are due; `contactCount`
 * contacts, each a Teams user.
 */
export async function botPortfolio(service: TestService, options: { kpiCount?: number; contactCount?: number; people?: People } = {}): Promise<BotPortfolio> {
  const people = options.people ?? (await deliveryPeople(service));
  const supplierId = await addSupplier(service, people.admin);
  const manager = chatPerson("Tom Brennan");
  const managerToken = await service.token(manager.aadObjectId, "contract-manager", { name: manager.name });
  const startDate = monthStart(monthAfter(todayUk(), -3));
  const contract = await addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31`, managerId: manager.aadObjectId, title: "Street cleansing" });
  const kpis: KpiView[] = [];
  for (let i = 0; i < (options.kpiCount ?? 1); i++) kpis.push(await addKpi(service, people.admin, contract.id, { title: `Streets cleansed on time ${i + 1}`, target: 90, tolerance: 5 }));
  const contacts: ChatPerson[] = [];
  for (let i = 0; i < (options.contactCount ?? 1); i++) {
    const person = chatPerson(i === 0 ? "Ana Silva" : `Contact ${i + 1}`, `contact${i + 1}.${crypto.randomUUID().slice(0, 6)}@supplier.example`);
    await addContact(service, people.admin, supplierId, person);
    contacts.push(person);
  }
  return { people, supplierId, contract, kpis, contacts, manager, managerToken };
}

/** What the Overdue view says the contract owes (its manager's view). */
export interface OverdueItem {
  contractId: string;
  kpiId: string;
  period: string;
  since: string;
  owedBy: "supplier" | "manager";
  what: "update" | "correction" | "review";
  prompted: { kind: string; state: string; at: string; recipients: number; error?: string } | null;
}

export async function overdueOf(service: TestService, token: string, contractId: string): Promise<OverdueItem[]> {
  const response = await service.call("/api/dashboard/overdue", { token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: OverdueItem[] };
  return body.items.filter((i) => i.contractId === contractId);
}

/**
 * What the supplier is asked for in a new portfolio, worked out from the calendar: each KPI for
 * each month that has ended (nothing is answered yet), with the day its update is due.
 */
export function askedFor(portfolio: BotPortfolio): { kpiId: string; period: string; due: string }[] {
  const months = monthsBetween(portfolio.contract.startDate.slice(0, 7), monthAfter(todayUk(), -1));
  return portfolio.kpis.flatMap((kpi) => months.map((period) => ({ kpiId: kpi.id, period, due: addDays(monthEnd(period), DUE_DAYS) })));
}

// Items in the demo contract manager's Overdue view that the bot has prompted in Teams chat, for
// the tab's tests: a contract whose supplier's contact was sent its prompts, and one whose
// contact's prompts Teams refused (403), each run by the admin's prompt pass.
import { expect } from "vitest";
import { addContact } from "./bot-portfolio.js";
import type { BotConnector } from "./bot-connector.js";
import { addContract, addKpi, addSupplier, deliveryPeople, monthAfter, monthStart, todayUk, type ContractMade } from "./delivery-fixtures.js";
import type { TestService } from "./service.js";
import { chatPerson, install } from "./teams-chat.js";

/** The two contracts, both managed by the demo's Tom Brennan (delivery-fixtures' PEOPLE.manager). */
export interface PromptedContracts {
  sent: ContractMade;
  failed: ContractMade;
}

/** A contract begun three months ago with one monthly KPI its supplier owes, and a contact in Teams who has installed the bot. */
async function contractWithContact(service: TestService, connector: BotConnector, admin: string, title: string, contactName: string): Promise<ContractMade> {
  const supplierId = await addSupplier(service, admin);
  const startDate = monthStart(monthAfter(todayUk(), -3));
  const contract = await addContract(service, admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31`, title });
  await addKpi(service, admin, contract.id, { title: `${title}: streets cleansed on time` });
  const person = chatPerson(contactName, `${crypto.randomUUID().slice(0, 8)}@supplier.example`);
  await addContact(service, admin, supplierId, person);
  await install(service, connector, person);
  return contract;
}

async function runPass(service: TestService, admin: string): Promise<{ claimed: number; sent: number; failed: number }> {
  const response = await service.call("/api/admin/prompts/run", { method: "POST", token: admin });
  expect(response.status).toBe(200);
  return (await response.json()) as { claimed: number; sent: number; failed: number };
}

/**
 * Makes the two contracts and runs a pass for each: the first contract's prompts are delivered,
 * then (with only the second contract's left to send) Teams refuses every send of the second's.
 * The service must run no scheduled passes (TOMS_BOT_PASS_MINUTES=0), so that only these send.
 */
export async function promptedContracts(service: TestService, connector: BotConnector): Promise<PromptedContracts> {
  const { admin } = await deliveryPeople(service);
  const sent = await contractWithContact(service, connector, admin, "Litter picking", "Ana Silva");
  const delivered = await runPass(service, admin);
  expect(delivered.sent).toBeGreaterThan(0);
  const failed = await contractWithContact(service, connector, admin, "Gully cleaning", "Ben Okafor");
  connector.failNext(1_000, 403);
  try {
    const refused = await runPass(service, admin);
    expect(refused.failed).toBeGreaterThan(0);
  } finally {
    connector.failNext(0, 200);
  }
  return { sent, failed };
}

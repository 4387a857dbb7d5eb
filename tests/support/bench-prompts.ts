// The data set of the prompts benchmark (`npm run bench -- prompts`): suppliers each with one
// contract, begun on the first of last month, and one monthly KPI the supplier reports; each
// supplier's contacts are Teams users whose chats with the bot are stored as an install stores
// them, written straight into storage (5,000 installs through the bot would each send a greeting).
import { stableId } from "@toms/app";
import { deliveryDigest, newKpi, summarise, ukDate, type BotConversation, type ContractRecord } from "@toms/domain";
import type { Storage } from "@toms/storage";
import { TENANT_ID } from "./teams-chat.js";

/**
 * What the service runs with: the update of a month due on its last day, so that on any day
 * exactly last month's update is owed (this month's is not due until its end); reminders and
 * escalations to the manager far off, so that every prompt is one card to one contact; no
 * scheduled passes, only the admin's.
 */
export const PROMPT_BENCH_ENV = {
  TOMS_UPDATE_DUE_DAYS: "0",
  TOMS_BOT_REMIND_AFTER_DAYS: "90",
  TOMS_BOT_ESCALATE_AFTER_DAYS: "180",
  TOMS_BOT_PASS_MINUTES: "0",
} as const;

/** A contact with a chat: the chat is where their one card must arrive. */
export interface BenchContact {
  aadObjectId: string;
  conversationId: string;
}

/** A GUID made from a label: the same data on every run (contacts' Entra object ids are GUIDs). */
const benchId = (label: string) => stableId(`toms-bench-prompts:${label}`);

/** Runs `work` on each of `count` items, `atOnce` at a time. */
async function eachAtOnce(count: number, atOnce: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: atOnce }, async () => {
    while (next < count) await work(next++);
  }));
}

/**
 * Loads `suppliers` suppliers with `contactsEach` contacts each (and a stored chat for every
 * contact whose reference's serviceUrl is `serviceUrl`) into empty storage; answers the contacts.
 */
export async function loadPromptBench(storage: Storage, serviceUrl: string, suppliers: number, contactsEach: number): Promise<BenchContact[]> {
  const today = ukDate(new Date());
  const lastMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const startDate = lastMonth.toISOString().slice(0, 10);
  const endDate = `${Number(startDate.slice(0, 4)) + 2}-${startDate.slice(5, 7)}-01`;
  const at = new Date().toISOString();
  const contacts: BenchContact[] = [];

  await eachAtOnce(suppliers, 8, async (s) => {
    const supplierId = benchId(`supplier:${s}`);
    await storage.suppliers.create({ name: `Prompt Bench Supplier ${s + 1} Ltd`, postcode: "CV1 5RR", employees: 40, turnover: 4_000_000, balanceSheet: 2_000_000, vcse: false }, supplierId);
    const contractId = benchId(`contract:${s}`);
    const stored = await storage.contracts.create({ reference: `PROMPTS-${String(s + 1).padStart(4, "0")}`, title: `Grounds maintenance ${s + 1}`, supplierId, category: "services", value: 250_000, startDate, endDate, managerId: "tom.brennan", serviceArea: "Streetscene and Regulatory Services" }, contractId);
    const contract: ContractRecord = { ...stored };
    const kpi = newKpi(contract, { title: "Grass verges cut on schedule", unit: "%", target: 95, tolerance: 3, direction: "higher", frequency: "monthly", reporter: "supplier" }, { id: benchId(`kpi:${s}`), by: "rob.amor", at });
    const records = { kpis: [kpi], updates: [], reviews: [], assessments: [], publications: [] };
    const summary = summarise({ contractId, ...records }, 1, at);
    await storage.delivery.load(contractId, records, summary, deliveryDigest(summary));
  });

  await eachAtOnce(suppliers * contactsEach, 32, async (n) => {
    const s = Math.floor(n / contactsEach);
    const supplierId = benchId(`supplier:${s}`);
    const aadObjectId = benchId(`person:${n}`);
    const conversationId = `a:chat-${aadObjectId}`;
    const email = `contact${n + 1}@supplier${s + 1}.example`;
    const name = `Contact ${n + 1}`;
    const contact = await storage.suppliers.addContact(supplierId, { aadObjectId, email, name }, benchId(`contact:${n}`));
    const conversation: BotConversation = {
      tenantId: TENANT_ID,
      userId: aadObjectId,
      name,
      email,
      // What botbuilder's TurnContext.getConversationReference gives for a personal chat in Teams.
      reference: { channelId: "msteams", serviceUrl, conversation: { id: conversationId, conversationType: "personal", tenantId: TENANT_ID }, user: { id: `29:${aadObjectId}`, aadObjectId, name }, bot: { id: "28:toms-bot", name: "TOMs" }, locale: "en-GB" },
      supplierId,
      contactId: contact.id,
      installedAt: at,
      updatedAt: at,
    };
    await storage.conversations.save(conversation);
    contacts.push({ aadObjectId, conversationId });
  });
  return contacts;
}

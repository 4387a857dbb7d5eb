// How prompts reach each of a supplier's contacts, as the contact list answers it (`reach`): the
// domain's promptChannel with their Teams chat and whether the service sends e-mail (deps.mail).
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_MONEY_LABEL, type Principal } from "@toms/domain";
import { connectStorage, type Storage } from "@toms/storage";
import { createAppDeps, type AppDeps } from "../deps.js";
import { recordInstall } from "../prompts/record-install.js";
import { listSupplierContacts, setContactChannel } from "./supplier-contacts.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const opened: Storage[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };

/** A supplier with Ana (who has a Teams chat with the bot) and Bo (known only by e-mail), and deps with mail on or off. */
async function supplierWithContacts() {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `r${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
  opened.push(storage);
  const withMail = (on: boolean | undefined): AppDeps => createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, ...(on === undefined ? {} : { mail: { on } }) });
  const supplier = await storage.suppliers.create({ name: "Delta Ltd", vcse: false });
  const aad = crypto.randomUUID();
  const ana = await storage.suppliers.addContact(supplier.id, { email: "ana@delta.example", name: "Ana Silva", aadObjectId: aad });
  const bo = await storage.suppliers.addContact(supplier.id, { email: "bo@delta.example", name: "Bo Li" });
  await recordInstall(withMail(true), { tenantId: "tenant-1", userId: aad, name: "Ana Silva", reference: { conversation: { id: "a:ana" } } });
  return { withMail, supplierId: supplier.id, ana, bo };
}

async function reachOf(deps: AppDeps, supplierId: string): Promise<Record<string, string>> {
  const listed = await listSupplierContacts(deps, supplierId);
  if (!listed.ok) throw new Error(listed.message);
  return Object.fromEntries(listed.value.map((c) => [c.name, c.reach]));
}

describe("how prompts reach a supplier's contacts, as listed", () => {
  it("automatic: Teams where the bot has a chat, else e-mail when the service sends it, else nobody", async () => {
    const { withMail, supplierId } = await supplierWithContacts();
    expect(await reachOf(withMail(true), supplierId)).toEqual({ "Ana Silva": "teams", "Bo Li": "email" });
    expect(await reachOf(withMail(false), supplierId)).toEqual({ "Ana Silva": "teams", "Bo Li": "none" });
    // Deps that do not say are a service that sends no e-mail.
    expect(await reachOf(withMail(undefined), supplierId)).toEqual({ "Ana Silva": "teams", "Bo Li": "none" });
  });

  it("a chosen channel wins: e-mail only when it is sent, Teams only with a chat, and the change answers the new reach", async () => {
    const { withMail, supplierId, ana, bo } = await supplierWithContacts();
    const on = withMail(true);
    expect(await setContactChannel(on, admin, supplierId, ana.id, "email")).toMatchObject({ ok: true, value: { channel: "email", teamsChat: true, reach: "email" } });
    expect(await setContactChannel(on, admin, supplierId, bo.id, "teams")).toMatchObject({ ok: true, value: { channel: "teams", teamsChat: false, reach: "none" } });
    expect(await reachOf(withMail(false), supplierId)).toEqual({ "Ana Silva": "none", "Bo Li": "none" });
    expect(await setContactChannel(withMail(false), admin, supplierId, ana.id, "automatic")).toMatchObject({ ok: true, value: { teamsChat: true, reach: "teams" } });
  });
});

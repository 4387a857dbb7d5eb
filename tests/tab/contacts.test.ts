// The contract page's Supplier contacts section inside the Teams stand-in (issue 13): the contract
// manager changes how prompts reach a supplier's contact and the service stores the choice; and
// revokes a signed update link after a confirmation, after which the service lists it revoked and
// the link no longer opens. Each checks what the service then holds, not only what the page says.
//
// How prompts reach each contact is the service's answer (`reach`); the page only words it.
import type { Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDeps, issueUpdateLink } from "@toms/app";
import type { ContactView, OwedItem, UpdateLinkSummary } from "@toms/client";
import type { PortfolioDashboard } from "@toms/domain";
import { MANAGER, requestsOffTheMachine, startTabBrowser, WAIT, type TabBrowser } from "../support/tab-browser.js";
import { exactly } from "../support/tab-views.js";

let tab: TabBrowser;
/** A current contract of the manager's whose supplier owes an update now, and that supplier's contact. */
let contract: PortfolioDashboard["byContract"][number];
let contact: ContactView;

/** A link issued to the contact as a prompt by e-mail would issue it (the page lists it whether or not it was mailed). */
async function issueLink(): Promise<{ token: string; id: string }> {
  const deps = createAppDeps(tab.service.storage, { moneyLabel: "Coventry £", updateLinks: { publicUrl: tab.service.url, days: 30 } });
  const issued = await issueUpdateLink(deps, { contractId: contract.contractId, contactId: contact.id });
  if (!issued.ok) throw new Error(`No update link was issued: ${issued.message}`);
  return { token: issued.value.token, id: issued.value.record.id };
}

beforeAll(async () => {
  tab = await startTabBrowser();
  const portfolio = await tab.api<PortfolioDashboard>(MANAGER, "/api/dashboard/portfolio");
  const owed = (await tab.api<{ items: OwedItem[] }>(MANAGER, "/api/dashboard/overdue")).items;
  const owing = new Set(owed.filter((o) => o.owedBy === "supplier" && o.what === "update").map((o) => o.contractId));
  const found = portfolio.byContract.find((c) => c.status === "active" && owing.has(c.contractId));
  if (!found) throw new Error(`The demo data has no current contract of ${MANAGER.userId}'s whose supplier owes an update.`);
  contract = found;
  const contacts = (await tab.api<{ items: ContactView[] }>(MANAGER, `/api/suppliers/${encodeURIComponent(contract.supplierId)}/contacts`)).items;
  const first = contacts[0];
  if (!first) throw new Error(`The demo's supplier ${contract.supplierId} has no contact.`);
  contact = first;
}, 180_000);

afterAll(() => tab?.close());

/** The contract's page in the stand-in, at its Supplier contacts section once loaded. */
async function openContacts(): Promise<Frame> {
  const host = await tab.openInTeams({ frameContext: "content", url: `#/contracts/${encodeURIComponent(contract.contractId)}`, entityId: "portfolio", theme: "default" });
  const frame = await host.tab();
  await frame.getByRole("heading", { level: 1, name: exactly(contract.title) }).waitFor(WAIT);
  await frame.getByRole("heading", { level: 2, name: "Supplier contacts" }).waitFor(WAIT);
  await frame.getByTestId(`contact-${contact.id}`).waitFor(WAIT);
  return frame;
}

describe("a supplier's contacts on the contract page", () => {
  it("shows each contact with their Teams chat and how prompts reach them, as the service lists them", async () => {
    const frame = await openContacts();
    const row = frame.getByTestId(`contact-${contact.id}`);
    expect(await row.getAttribute("data-teams-chat")).toBe(String(contact.teamsChat));
    expect(await row.getAttribute("data-channel")).toBe(contact.channel ?? "automatic");
    await row.getByText(contact.email, { exact: true }).waitFor(WAIT);
    await row.getByText(contact.teamsChat ? "Has the app in Teams" : "No Teams chat", { exact: true }).waitFor(WAIT);
    // The test service sends e-mail (its development mailbox), so every contact is reached one way or the other.
    expect(["teams", "email"]).toContain(contact.reach);
    expect(await row.getAttribute("data-reach")).toBe(contact.reach);
    expect(await row.getByTestId("contact-reach").textContent()).toBe(contact.reach === "teams" ? "Prompts: In Teams" : `Prompts: By e-mail to ${contact.email}`);
  });

  it("chooses e-mail for a contact, then automatic again, and the service stores each choice", async () => {
    const frame = await openContacts();
    const row = frame.getByTestId(`contact-${contact.id}`);
    const choice = row.getByRole("combobox", { name: `How prompts reach ${contact.name}` });
    const save = row.getByRole("button", { name: "Save" });
    expect(await save.isDisabled()).toBe(true);

    await choice.selectOption("email");
    await save.click();
    await row.getByTestId("contact-saved").getByText(`Saved. Prompts to ${contact.name}: by e-mail to ${contact.email}.`, { exact: true }).waitFor(WAIT);
    expect(await row.getAttribute("data-channel")).toBe("email");
    expect(await row.getAttribute("data-reach")).toBe("email");
    const stored = (await tab.api<{ items: ContactView[] }>(MANAGER, `/api/suppliers/${encodeURIComponent(contract.supplierId)}/contacts`)).items.find((c) => c.id === contact.id);
    expect(stored).toMatchObject({ channel: "email", reach: "email" });

    await choice.selectOption("automatic");
    await save.click();
    await frame.locator(`[data-testid="contact-${contact.id}"][data-channel="automatic"]`).waitFor(WAIT);
    const again = (await tab.api<{ items: ContactView[] }>(MANAGER, `/api/suppliers/${encodeURIComponent(contract.supplierId)}/contacts`)).items.find((c) => c.id === contact.id);
    expect(again?.channel).toBeUndefined();
    // Automatic: Teams when the bot has a chat with them, else e-mail (which the test service sends).
    expect(again?.reach).toBe(contact.teamsChat ? "teams" : "email");
    await row.getByTestId("contact-saved").getByText(`Saved. Prompts to ${contact.name}: ${again?.reach === "teams" ? "in Teams" : `by e-mail to ${contact.email}`}.`, { exact: true }).waitFor(WAIT);
  });
});

describe("the contract's update links", () => {
  it("lists a link issued to the contact, and revokes it after a confirmation: the service lists it revoked and it no longer opens", async () => {
    const { token, id } = await issueLink();
    expect((await fetch(`${tab.service.url}/update/${token}`)).status).toBe(200);

    const frame = await openContacts();
    const row = frame.getByTestId(`update-link-${id}`);
    await row.waitFor(WAIT);
    expect(await row.getAttribute("data-state")).toBe("active");
    await row.getByText(`For ${contact.email}`, { exact: true }).waitFor(WAIT);

    // Keeping it changes nothing.
    await row.getByRole("button", { name: `Revoke the link for ${contact.name}` }).click();
    const dialog = frame.getByRole("dialog", { name: `Revoke the link for ${contact.name}?` });
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await dialog.waitFor({ state: "hidden", ...WAIT });
    expect((await tab.api<{ items: UpdateLinkSummary[] }>(MANAGER, `/api/contracts/${encodeURIComponent(contract.contractId)}/update-links`)).items.find((l) => l.id === id)?.state).toBe("active");

    await row.getByRole("button", { name: `Revoke the link for ${contact.name}` }).click();
    await dialog.getByRole("button", { name: "Revoke the link" }).click();
    await frame.locator(`[data-testid="update-link-${id}"][data-state="revoked"]`).waitFor(WAIT);
    await row.getByText(/^Revoked \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/).waitFor(WAIT);
    expect(await row.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);

    const listed = (await tab.api<{ items: UpdateLinkSummary[] }>(MANAGER, `/api/contracts/${encodeURIComponent(contract.contractId)}/update-links`)).items.find((l) => l.id === id);
    expect(listed).toMatchObject({ state: "revoked", revokedBy: MANAGER.userId, contactId: contact.id, address: contact.email });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await fetch(`${tab.service.url}/update/${token}`)).status).toBe(404);
  });
});

describe("the page", () => {
  it("threw no error, and sent nothing off the machine", () => {
    expect(tab.pageErrors).toEqual([]);
    expect(requestsOffTheMachine(tab.requests)).toEqual([]);
  });
});

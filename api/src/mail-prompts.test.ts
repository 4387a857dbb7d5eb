// The bot's mail options over an issueUpdateLink-shaped function: what a refusal, a changed address and a link become.
import { describe, expect, it } from "vitest";
import { createAppDeps, notFound, succeeded, unprocessable, type Outcome } from "@toms/app";
import { LinkRefused } from "@toms/bot";
import type { DispatchRecord } from "@toms/domain";
import type { MailTransport } from "@toms/mail";
import type { Storage } from "@toms/storage";
import { mailPromptOptions, type IssueLink } from "./mail-prompts.js";

const deps = createAppDeps({} as Storage, { moneyLabel: "Coventry £" });
const transport: MailTransport = { kind: "smtp", send: (m) => Promise.resolve({ messageId: m.messageId }), close: () => Promise.resolve() };
const record: DispatchRecord = {
  key: "k",
  id: "d-1",
  prompt: { kind: "update-due", contractId: "c-1", contractReference: "CCC-1", contractTitle: "Cleaning", recipient: { userId: "contact:p-1", as: "supplier-contact", contactId: "p-1", email: "ana@delta.example" }, round: "" },
  state: "sending",
  owner: "i",
  leaseUntil: "",
  claimedAt: "",
  attempts: 1,
  channel: "email",
  address: "ana@delta.example",
};

function options(answer: Outcome<{ link: string; record: { expiresAt: string; address?: string } }>, asked: unknown[] = []) {
  const issue: IssueLink = (_deps, request) => (asked.push(request), Promise.resolve(answer));
  return mailPromptOptions(deps, { transport, from: { address: "contracts@coventry.gov.uk" }, perMinute: 30, issue });
}

describe("mailPromptOptions", () => {
  it("issues the contact's link for the dispatch before each attempt", async () => {
    const asked: unknown[] = [];
    const mail = options(succeeded({ link: "https://toms.example/update/t", record: { expiresAt: "2027-01-01T00:00:00.000Z", address: "ana@delta.example" } }), asked);
    expect(await mail.link(record)).toEqual({ link: "https://toms.example/update/t", expiresAt: "2027-01-01T00:00:00.000Z" });
    expect(asked).toEqual([{ contractId: "c-1", contactId: "p-1", dispatchId: "d-1" }]);
  });

  it("refuses, without a mail, when nothing is owed, the contact is gone, or the address changed since the claim", async () => {
    await expect(options(unprocessable([{ field: "contractId", message: "owes nothing" }], "The update link")).link(record)).rejects.toBeInstanceOf(LinkRefused);
    await expect(options(notFound("The supplier's contact")).link(record)).rejects.toBeInstanceOf(LinkRefused);
    await expect(options(succeeded({ link: "l", record: { expiresAt: "x", address: "new@delta.example" } })).link(record)).rejects.toThrow(/changed to new@delta.example/);
    await expect(options(succeeded({ link: "l", record: { expiresAt: "x" } })).link({ ...record, prompt: { ...record.prompt, recipient: { userId: "m", as: "manager" } } })).rejects.toBeInstanceOf(LinkRefused);
  });
});

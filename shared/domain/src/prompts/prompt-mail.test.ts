// Channel choice and the prompt's e-mail: pure rules, no I/O.
import { describe, expect, it } from "vitest";
import { promptChannel, teamsUserOf } from "./prompt-channel.js";
import { freshLinkMail, promptMail } from "./prompt-mail.js";
import type { Prompt, PromptRecipient } from "./model.js";

const contact = (over: Partial<PromptRecipient> = {}): PromptRecipient => ({ userId: "contact:c-1", as: "supplier-contact", contactId: "c-1", email: "ana@beta.example", name: "Ana Silva", ...over });
const manager: PromptRecipient = { userId: "aad-manager", as: "manager", name: "Tom Brennan" };

describe("promptChannel", () => {
  it("finds Teams chats by a manager's id and a contact's Entra id", () => {
    expect(teamsUserOf(manager)).toBe("aad-manager");
    expect(teamsUserOf(contact({ aadObjectId: "aad-ana" }))).toBe("aad-ana");
    expect(teamsUserOf(contact())).toBeUndefined();
    // A row stored before contacts were keyed by contact id named them by Entra id.
    expect(teamsUserOf({ userId: "aad-old", as: "supplier-contact" })).toBe("aad-old");
  });

  it("chooses Teams when there is a chat, else e-mail when it is on; managers only in Teams", () => {
    expect(promptChannel(contact(), true, true)).toBe("teams");
    expect(promptChannel(contact(), false, true)).toBe("email");
    expect(promptChannel(contact(), false, false)).toBeUndefined();
    expect(promptChannel(contact({ email: undefined }), false, true)).toBeUndefined();
    expect(promptChannel(manager, true, true)).toBe("teams");
    expect(promptChannel(manager, false, true)).toBeUndefined();
  });

  it("keeps a chosen channel, and waits rather than switching when it cannot be used", () => {
    expect(promptChannel(contact({ channel: "email" }), true, true)).toBe("email");
    expect(promptChannel(contact({ channel: "email" }), true, false)).toBeUndefined();
    expect(promptChannel(contact({ channel: "teams" }), false, true)).toBeUndefined();
    expect(promptChannel(contact({ channel: "teams" }), true, true)).toBe("teams");
  });
});

const prompt = (over: Partial<Prompt> = {}): Prompt => ({
  kind: "update-due",
  contractId: "c",
  contractReference: "CCC-2026-004",
  contractTitle: "Waste <collection> & recycling",
  kpiId: "k",
  kpiTitle: 'Bins "collected" <b>on time</b>',
  period: "2026-11",
  due: "2026-12-14",
  recipient: contact(),
  round: "",
  kpi: { unit: "%", direction: "higher", target: 98, lastValue: { value: 96.5, period: "2026-10" } },
  ...over,
});
const context = { council: { name: "Coventry City Council", email: "procurement@coventry.gov.uk" }, sender: { address: "contracts@coventry.gov.uk" }, link: "https://toms.coventry.gov.uk/update/abc?x=1&y=2", linkExpiresAt: "2027-01-13T10:00:00.000Z" };

describe("promptMail", () => {
  it("says what is owed, when, the target, one button and the sender, in both parts", () => {
    const mail = promptMail(prompt(), context);
    expect(mail.subject).toBe("Coventry City Council: update due for CCC-2026-004 (November 2026)");
    for (const words of ["Coventry City Council", "November 2026", "14 December 2026", "98%", "96.5% for October 2026", "13 January 2027", "contracts@coventry.gov.uk", "We will never ask for a password"]) {
      expect(mail.text).toContain(words);
      expect(mail.html).toContain(words);
    }
    expect(mail.text).toContain(context.link);
    // One link, the button; no form, no script, no image, no stylesheet to fetch.
    expect(mail.html.match(/<a /g)).toHaveLength(1);
    expect(mail.html).toContain('href="https://toms.coventry.gov.uk/update/abc?x=1&amp;y=2"');
    expect(mail.html).not.toMatch(/<form|<script|<img|<link|<input|<style/i);
  });

  it("escapes every typed text in the HTML part", () => {
    const mail = promptMail(prompt({ kind: "correction", reason: '<a href="https://evil.example">pay here</a>' }), context);
    expect(mail.html).not.toContain("<b>on time</b>");
    expect(mail.html).toContain("&lt;b&gt;on time&lt;/b&gt;");
    expect(mail.html).toContain("Waste &lt;collection&gt; &amp; recycling");
    expect(mail.html).not.toContain("evil.example\">");
    expect(mail.html.match(/<a /g)).toHaveLength(1);
    expect(mail.text).toContain('<a href="https://evil.example">pay here</a>');
    expect(mail.subject).toBe("Coventry City Council: correction needed for CCC-2026-004 (November 2026)");
  });

  it("has its own words for a reminder and a requested reminder, and keeps the subject one line", () => {
    expect(promptMail(prompt({ kind: "reminder" }), context).text).toContain("was due on 14 December 2026");
    expect(promptMail(prompt({ kind: "requested-reminder", round: "2026-12-20" }), context).subject).toContain("reminder");
    expect(promptMail(prompt({ contractReference: "CCC-1\r\nBcc: x@example.com" }), context).subject).not.toMatch(/[\r\n]/);
  });

  it("writes a fresh link's mail with the same sender line", () => {
    const mail = freshLinkMail({ ...context, contractReference: "CCC-2026-004", contractTitle: "Waste", linkExpiresAt: context.linkExpiresAt });
    expect(mail.subject).toBe("Coventry City Council: your new update link for CCC-2026-004");
    expect(mail.text).toContain(context.link);
    expect(mail.html.match(/<a /g)).toHaveLength(1);
  });
});

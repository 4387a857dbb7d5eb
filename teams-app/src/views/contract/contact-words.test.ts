import { periodLabel } from "@toms/domain";
import { describe, expect, it } from "vitest";
import { CHANNEL_CHOICES, channelChangedWords, channelChoiceOf, linkCoversWords, linkDatesWords, linkStateWords, reachWords, revokeConfirmWords, teamsWords } from "./contact-words.js";

const ana = { name: "Ana Byrne", email: "ana@supplier.example" };

describe("what the Supplier contacts section says of a contact", () => {
  it("offers automatic first, then Teams and e-mail, and reads no stored channel as automatic", () => {
    expect(CHANNEL_CHOICES.map((c) => c.label)).toEqual(["Automatic (Teams if they have the app, else e-mail)", "Teams", "E-mail"]);
    expect(channelChoiceOf({})).toBe("automatic");
    expect(channelChoiceOf({ channel: "email" })).toBe("email");
  });

  it("says whether the bot has a Teams chat with them", () => {
    expect(teamsWords({ teamsChat: true })).toBe("Has the app in Teams");
    expect(teamsWords({ teamsChat: false })).toBe("No Teams chat");
  });

  it("automatic: Teams when they have the app, else e-mail to their address", () => {
    expect(reachWords({ ...ana, teamsChat: true })).toEqual({ reach: "teams", words: "In Teams chat (automatic: they have the app)" });
    expect(reachWords({ ...ana, teamsChat: false })).toEqual({ reach: "email", words: "By e-mail to ana@supplier.example (automatic: they have no Teams chat)" });
  });

  it("a chosen channel wins, and Teams chosen without a chat reaches nobody, saying what to do", () => {
    expect(reachWords({ ...ana, channel: "email", teamsChat: true })).toEqual({ reach: "email", words: "By e-mail to ana@supplier.example (chosen)" });
    expect(reachWords({ ...ana, channel: "teams", teamsChat: true })).toEqual({ reach: "teams", words: "In Teams chat (chosen)" });
    expect(reachWords({ ...ana, channel: "teams", teamsChat: false })).toEqual({ reach: "none", words: "Not reached: Teams is chosen, but they have no Teams chat with the bot. Choose Automatic or E-mail to reach them by e-mail." });
  });

  it("says what was saved, by name", () => {
    expect(channelChangedWords({ ...ana, channel: "email", teamsChat: true })).toBe("Saved. Prompts to Ana Byrne: by e-mail to ana@supplier.example (chosen).");
    expect(channelChangedWords({ ...ana, teamsChat: true })).toBe("Saved. Prompts to Ana Byrne: in Teams chat (automatic: they have the app).");
    expect(channelChangedWords({ ...ana, channel: "teams", teamsChat: false })).toBe("Saved. Prompts to Ana Byrne: not reached: Teams is chosen, but they have no Teams chat with the bot. Choose Automatic or E-mail to reach them by e-mail.");
  });
});

describe("what the section says of an update link", () => {
  it("names each state, and when a link was revoked, in UK time", () => {
    expect(linkStateWords({ state: "active" })).toBe("Active");
    expect(linkStateWords({ state: "expired" })).toBe("Expired");
    expect(linkStateWords({ state: "answered" })).toBe("Used: everything it covers was answered");
    expect(linkStateWords({ state: "revoked", revokedAt: "2026-12-02T10:12:00.000Z" })).toBe("Revoked 2 Dec 2026, 10:12");
    expect(linkStateWords({ state: "revoked" })).toBe("Revoked");
  });

  it("says when it was issued and when it stops (or stopped) working", () => {
    expect(linkDatesWords({ issuedAt: "2026-11-02T10:12:00.000Z", expiresAt: "2026-12-02T10:12:00.000Z", state: "active" })).toBe("Issued 2 Nov 2026, 10:12. Expires 2 Dec 2026, 10:12.");
    expect(linkDatesWords({ issuedAt: "2026-06-02T09:12:00.000Z", expiresAt: "2026-07-02T09:12:00.000Z", state: "expired" })).toBe("Issued 2 Jun 2026, 10:12. Expired 2 Jul 2026, 10:12.");
  });

  it("says what it covers by the KPI's title and the period in words", () => {
    const titles = new Map([["k1", "Bins collected on the scheduled day"]]);
    expect(linkCoversWords([{ kpiId: "k1", period: "2026-10" }, { kpiId: "k9", period: "2026-Q3" }], titles, periodLabel)).toBe(`Covers Bins collected on the scheduled day, ${periodLabel("2026-10")}; a KPI no longer on the contract, ${periodLabel("2026-Q3")}`);
    expect(linkCoversWords([], titles, periodLabel)).toBe("Covers nothing owed now");
  });

  it("says before revoking whose link stops working, and what stays", () => {
    expect(revokeConfirmWords({ contactName: "Ana Byrne", address: "ana@supplier.example" })).toBe("The link sent to Ana Byrne at ana@supplier.example stops working at once: it then opens a page saying it does not work any more. Updates already sent through it stay. A later prompt by e-mail brings them a new link.");
  });
});

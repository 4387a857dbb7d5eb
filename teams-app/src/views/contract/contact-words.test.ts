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

  it("words how the service says prompts reach them: in Teams, or by e-mail to their address", () => {
    expect(reachWords({ ...ana, teamsChat: true, reach: "teams" })).toEqual({ reach: "teams", words: "In Teams" });
    expect(reachWords({ ...ana, teamsChat: false, reach: "email" })).toEqual({ reach: "email", words: "By e-mail to ana@supplier.example" });
    // The service's answer is what is said, whatever the choice and chat: no rule is worked out here.
    expect(reachWords({ ...ana, channel: "email", teamsChat: true, reach: "email" })).toEqual({ reach: "email", words: "By e-mail to ana@supplier.example" });
    expect(reachWords({ ...ana, channel: "teams", teamsChat: true, reach: "teams" })).toEqual({ reach: "teams", words: "In Teams" });
  });

  it("says why a contact the service cannot reach now is not reached, and what to do where the page can", () => {
    expect(reachWords({ ...ana, teamsChat: false, reach: "none" })).toEqual({ reach: "none", words: "Not reached now: e-mail is not set up and they have no Teams chat." });
    expect(reachWords({ ...ana, channel: "email", teamsChat: true, reach: "none" })).toEqual({ reach: "none", words: "Not reached now: e-mail is chosen and e-mail is not set up." });
    expect(reachWords({ ...ana, channel: "teams", teamsChat: false, reach: "none" })).toEqual({ reach: "none", words: "Not reached now: Teams is chosen and they have no Teams chat with the bot. Choose Automatic or E-mail to reach them by e-mail, where e-mail is set up." });
  });

  it("says what was saved, by name", () => {
    expect(channelChangedWords({ ...ana, channel: "email", teamsChat: true, reach: "email" })).toBe("Saved. Prompts to Ana Byrne: by e-mail to ana@supplier.example.");
    expect(channelChangedWords({ ...ana, teamsChat: true, reach: "teams" })).toBe("Saved. Prompts to Ana Byrne: in Teams.");
    expect(channelChangedWords({ ...ana, channel: "teams", teamsChat: false, reach: "none" })).toBe("Saved. Prompts to Ana Byrne: not reached now: Teams is chosen and they have no Teams chat with the bot. Choose Automatic or E-mail to reach them by e-mail, where e-mail is set up.");
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

  it("says before revoking whose link stops working, and what stays, without saying it was e-mailed", () => {
    expect(revokeConfirmWords({ contactName: "Ana Byrne", address: "ana@supplier.example" })).toBe("The link for Ana Byrne at ana@supplier.example stops working at once: it then opens a page saying it does not work any more. Updates already sent through it stay. A later prompt by e-mail brings them a new link.");
  });
});

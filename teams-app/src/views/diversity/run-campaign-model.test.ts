import { describe, expect, it } from "vitest";
import { ApiError, type CampaignView } from "@toms/client";
import {
  campaignState,
  closeConfirmWords,
  closesAtOf,
  closesWords,
  closingDateProblem,
  closingDateRange,
  isAdmin,
  nextCampaignYear,
  openCampaigns,
  openConfirmWords,
  teamsFailureWords,
  teamsSentHeadline,
  teamsSentLines,
} from "./run-campaign-model.js";

const campaign = (year: number, extra: Partial<CampaignView> = {}): CampaignView => ({ year, questionnaireVersion: "2026.1", status: "closed", openedAt: `${year}-10-01T09:00:00Z`, closesAt: `${year}-12-31T23:59:59Z`, closedAt: `${year + 1}-01-05T10:00:00Z`, invited: 400, answered: 58, published: null, ...extra });
const problem = (status: number, title: string, detail: string) => new ApiError(status, title, detail);

describe("who runs the questionnaire", () => {
  it("is an admin, whatever other role they have", () => {
    expect(isAdmin({ roles: ["admin"] })).toBe(true);
    expect(isAdmin({ roles: ["edi-analyst", "admin"] })).toBe(true);
    expect(isAdmin({ roles: ["edi-analyst"] })).toBe(false);
    expect(isAdmin({ roles: ["contract-manager"] })).toBe(false);
  });
});

describe("the campaigns", () => {
  it("open ones, newest first", () => {
    expect(openCampaigns([campaign(2025, { status: "open" }), campaign(2024), campaign(2026, { status: "open" })]).map((c) => c.year)).toEqual([2026, 2025]);
    expect(openCampaigns([campaign(2024)])).toEqual([]);
  });

  it("the year to open next: this year's when there is none, else the year after the newest", () => {
    expect(nextCampaignYear([], "2026-12-03")).toBe(2026);
    expect(nextCampaignYear([campaign(2025)], "2026-12-03")).toBe(2026);
    expect(nextCampaignYear([campaign(2025), campaign(2026, { status: "open" })], "2026-12-03")).toBe(2027);
    expect(nextCampaignYear([campaign(2027)], "2026-12-03")).toBe(2028);
  });

  it("in words: state and closing day", () => {
    expect(campaignState(campaign(2026, { status: "open", closedAt: undefined }))).toBe("Open");
    expect(campaignState(campaign(2025))).toBe("Closed on 5 January 2026");
    expect(campaignState(campaign(2025, { closedAt: undefined }))).toBe("Closed");
    expect(closesWords(campaign(2026, { status: "open", closedAt: undefined }))).toBe("31 December 2026");
    expect(closesWords(campaign(2025))).toBe("5 January 2026");
  });
});

describe("the closing date", () => {
  it("is offered from tomorrow to the day before 12 months on", () => {
    expect(closingDateRange("2026-12-03")).toEqual({ min: "2026-12-04", max: "2027-12-02" });
    expect(closingDateRange("2026-12-31")).toEqual({ min: "2027-01-01", max: "2027-12-30" });
  });

  it("says what is wrong in words", () => {
    expect(closingDateProblem("", "2026-12-03")).toBe("Choose the day the questionnaire closes.");
    expect(closingDateProblem("2026-12-03", "2026-12-03")).toMatch(/^Choose a day after today/);
    expect(closingDateProblem("2027-12-03", "2026-12-03")).toBe("Choose a day within 12 months, on or before 2 December 2027.");
    expect(closingDateProblem("2027-02-28", "2026-12-03")).toBeUndefined();
  });

  it("closes at the end of the day in UK time, summer time too", () => {
    expect(closesAtOf("2027-02-28")).toBe("2027-02-28T23:59:59+00:00");
    expect(closesAtOf("2027-07-31")).toBe("2027-07-31T23:59:59+01:00");
    expect(new Date(closesAtOf("2027-07-31")).toISOString()).toBe("2027-07-31T22:59:59.000Z");
  });
});

describe("the confirmations", () => {
  it("to open: who is invited, when it closes, and that nothing is sent yet", () => {
    const words = openConfirmWords(2027, "2027-02-28");
    expect(words).toContain("The SMEs in the council's supplier register that are in the council's area will be invited to the 2027 questionnaire");
    expect(words).toContain("It closes at the end of 28 February 2027.");
    expect(words).toContain("Opening it sends nothing");
  });

  it("to close: the links stop working, and who cannot answer then", () => {
    expect(closeConfirmWords({ year: 2026, invited: 400, answered: 58 })).toBe(
      "Every link to the 2026 questionnaire stops working at once, the ones in e-mails and in Teams too. 342 businesses have not answered yet and will not be able to. The answers given stay, and the EDI analysts can then publish the 2026 baseline. A closed questionnaire cannot be opened again.",
    );
    expect(closeConfirmWords({ year: 2026, invited: 2, answered: 1 })).toContain(" 1 business has not answered yet");
    expect(closeConfirmWords({ year: 2026, invited: 3, answered: 3 })).not.toContain("not answered");
  });
});

describe("the bot's answer in words", () => {
  it("a line for each count there is, and always the businesses with no Teams chat", () => {
    expect(teamsSentLines({ sent: 3, failed: 1, alreadySent: 2, withoutTeams: 40 }).map((l) => [l.kind, l.count, l.text])).toEqual([
      ["sent", 3, "3 cards were sent in Teams."],
      ["failed", 1, "1 card could not be sent. Press Send in Teams again later to try it again."],
      ["alreadySent", 2, "2 cards were sent before, so not sent again."],
      ["withoutTeams", 40, "40 businesses have no Teams chat with the TOMs Suite: send them their links by e-mail instead (Download links for a mail merge)."],
    ]);
    expect(teamsSentLines({ sent: 0, failed: 0, alreadySent: 0, withoutTeams: 1 }).map((l) => l.text)).toEqual(["1 business has no Teams chat with the TOMs Suite: send it its link by e-mail instead (Download links for a mail merge)."]);
    expect(teamsSentLines({ sent: 1, failed: 0, alreadySent: 0, withoutTeams: 0 }).map((l) => l.text)).toEqual(["1 card was sent in Teams.", "Every business that has not answered has a Teams chat with the TOMs Suite."]);
  });

  it("a headline: sent, nothing could go, or nothing new", () => {
    expect(teamsSentHeadline({ sent: 1, failed: 2, alreadySent: 0, withoutTeams: 0 })).toBe("The questionnaire was sent in Teams");
    expect(teamsSentHeadline({ sent: 0, failed: 2, alreadySent: 0, withoutTeams: 0 })).toBe("Nothing could be sent in Teams this time");
    expect(teamsSentHeadline({ sent: 0, failed: 0, alreadySent: 3, withoutTeams: 9 })).toBe("Nothing new to send in Teams");
  });

  it("a 503 says the bot is not set up; any other refusal is the service's words", () => {
    expect(teamsFailureWords(problem(503, "The bot is not set up", "This service has no Teams bot registration, so it cannot send the questionnaire in Teams: send the links by e-mail (links.csv), or set MicrosoftAppId and MicrosoftAppPassword (docs/bot.md)."))).toMatchObject({ title: "The Teams bot is not set up", detail: expect.stringContaining("Send the links by e-mail instead") });
    expect(teamsFailureWords(problem(422, "The Teams invitations are not valid", "year: is a campaign that has closed"))).toMatchObject({ title: "The Teams invitations are not valid", detail: "year: is a campaign that has closed" });
  });
});

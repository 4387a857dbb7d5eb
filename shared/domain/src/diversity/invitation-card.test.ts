import { describe, expect, it } from "vitest";
import { diversityInvitationCard } from "./invitation-card.js";

const input = { councilName: "Coventry City Council", supplierName: "Spon End Print Co", year: 2026, closesAt: "2027-01-31", link: "https://toms.example/diversity/abc" };
const texts = (card: Record<string, unknown>) => JSON.stringify(card.body);

describe("the Teams invitation to the diversity questionnaire", () => {
  it("opens the supplier's own link, and says when it closes, that it is optional, and what the answers are never used for", () => {
    const card = diversityInvitationCard(input);
    expect(card.version).toBe("1.5");
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Answer the questionnaire", url: input.link }]);
    expect(texts(card)).toContain("31 January 2027");
    expect(texts(card)).toContain("every question is optional");
    expect(texts(card)).toContain("never used to score a tender, award a contract or manage one");
  });

  it("keeps a supplier's name as text, even one written like a link", () => {
    const card = diversityInvitationCard({ ...input, supplierName: "[Claim](https://evil.example) Ltd" });
    const facts = (card.body as { type: string; facts?: { title: string; value: string }[] }[]).find((element) => element.type === "FactSet")?.facts;
    expect(facts?.find((fact) => fact.title === "For")?.value).toBe("\\[Claim\\]\\(https://evil.example\\) Ltd");
  });
});

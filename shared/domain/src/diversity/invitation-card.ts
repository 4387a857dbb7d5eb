// The Teams card that invites a supplier's contact to the year's diversity questionnaire: what it
// is, that it is optional and how long it takes, and one button to the supplier's own form link.
import { longDate } from "../delivery/words.js";
import { plainText } from "../prompts/plain-text.js";

/** What the invitation says. */
export interface InvitationCardInput {
  councilName: string;
  supplierName: string;
  year: number;
  /** The day the questionnaire closes (YYYY-MM-DD). */
  closesAt: string;
  /** The supplier's form link (/diversity/{token}). */
  link: string;
}

/**
 * An Adaptive Card 1.5 with an Action.OpenUrl to the form. Names are passed through `plainText`,
 * so a supplier named like a Markdown link stays text.
 *
 * @example
 * diversityInvitationCard({ councilName: "Coventry City Council", supplierName: "Spon End Print Co", year: 2026, closesAt: "2027-01-31", link });
 */
export function diversityInvitationCard(input: InvitationCardInput): Record<string, unknown> {
  const council = plainText(input.councilName);
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: [
      { type: "TextBlock", text: `Supplier diversity questionnaire ${input.year}`, weight: "bolder", size: "medium", wrap: true },
      {
        type: "TextBlock",
        text: `${council} asks the small businesses it could buy from, once a year, who owns them and what gets in their way when they bid for council work. It takes about five minutes, and every question is optional.`,
        wrap: true,
      },
      {
        type: "FactSet",
        facts: [
          { title: "For", value: plainText(input.supplierName) },
          { title: "Closes", value: longDate(input.closesAt) },
        ],
      },
      {
        type: "TextBlock",
        text: `Your answers are used only to understand and improve equality of opportunity in the council's supply chain. They are never used to score a tender, award a contract or manage one. The link is for your business only: please do not forward it.`,
        wrap: true,
        isSubtle: true,
        size: "small",
      },
    ],
    actions: [{ type: "Action.OpenUrl", title: "Answer the questionnaire", url: input.link }],
  };
}

// The bot's Adaptive Cards 1.5, as templates for adaptivecards-templating. Kept as TypeScript
// modules exporting the JSON (not *.json files) so tsc carries them into dist with the code.
// Every text a person typed reaches a template already through plainText (cards.ts).

const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/** The refresh every card about one dispatch carries: Teams asks again when the card is shown. */
const refresh = { action: { type: "Action.Execute", verb: "refreshUpdate", data: "${refreshData}" }, userIds: "${userIds}" };

/** One input's error, shown beside it (only when there is one). */
const errorOf = (field: string) => ({ $when: `\${errors.${field} != null}`, type: "TextBlock", text: `\${errors.${field}}`, color: "attention", wrap: true, spacing: "none", size: "small" });

const heading = [
  { type: "TextBlock", text: "${heading}", weight: "bolder", size: "medium", wrap: true },
  { type: "TextBlock", text: "${contract}", isSubtle: true, wrap: true, spacing: "none" },
];

/** The update card: contract, KPI, target, last value, period and due date, and the inputs to report. */
export const UPDATE_CARD = {
  type: "AdaptiveCard",
  $schema: SCHEMA,
  version: "1.5",
  refresh,
  body: [
    ...heading,
    { $when: "${intro != null}", type: "TextBlock", text: "${intro}", wrap: true },
    { type: "FactSet", facts: [{ $data: "${facts}", title: "${title}", value: "${value}" }] },
    { $when: "${formError != null}", type: "TextBlock", text: "${formError}", color: "attention", wrap: true },
    { type: "Input.Number", id: "value", label: "${valueLabel}", isRequired: true, errorMessage: "Enter the value for the period, as a number.", value: "${values.value}" },
    errorOf("value"),
    { type: "Input.Text", id: "note", label: "Note (optional)", isMultiline: true, maxLength: 2000, value: "${values.note}" },
    errorOf("note"),
    { type: "Input.Text", id: "evidenceUrl", label: "Link to evidence (optional)", style: "url", maxLength: 2000, value: "${values.evidenceUrl}" },
    errorOf("evidenceUrl"),
  ],
  actions: [{ type: "Action.Execute", title: "Send update", verb: "submitUpdate", style: "positive", data: "${submitData}" }],
};

/** A card that only tells (submitted, answered elsewhere, reviewed, reminders, escalations, the assessment). */
export const NOTICE_CARD = {
  type: "AdaptiveCard",
  $schema: SCHEMA,
  version: "1.5",
  refresh,
  body: [
    ...heading,
    { type: "TextBlock", text: "${message}", wrap: true },
    // No FactSet without facts (the 1.5 object model drops an empty one's facts).
    { $when: "${count(facts) > 0}", type: "FactSet", facts: [{ $data: "${facts}", title: "${title}", value: "${value}" }] },
  ],
};

/** The review card: the update as sent, and approve or reject with a reason. */
export const REVIEW_CARD = {
  type: "AdaptiveCard",
  $schema: SCHEMA,
  version: "1.5",
  refresh,
  body: [
    ...heading,
    { type: "TextBlock", text: "${message}", wrap: true },
    { type: "FactSet", facts: [{ $data: "${facts}", title: "${title}", value: "${value}" }] },
    { $when: "${formError != null}", type: "TextBlock", text: "${formError}", color: "attention", wrap: true },
    { type: "Input.Text", id: "reason", label: "Reason (needed to reject)", isMultiline: true, maxLength: 2000, value: "${values.reason}" },
    errorOf("reason"),
  ],
  actions: [
    { type: "Action.Execute", title: "Approve", verb: "approveUpdate", style: "positive", data: "${reviewData}" },
    { type: "Action.Execute", title: "Reject", verb: "rejectUpdate", style: "destructive", data: "${reviewData}" },
  ],
};

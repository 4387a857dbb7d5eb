// Every card the bot builds, checked by the Adaptive Cards 1.5 object model (Microsoft's
// adaptivecards library, v3: it drops what 1.5 does not define, so a card must come back from it
// unchanged), and for what Teams needs that the model does not check.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import MarkdownIt from "markdown-it";
import { PROMPT_KINDS, type Prompt } from "@toms/domain";
import { promptActivity } from "../prompt-activity.js";
import { answeredElsewhereCard, kpiFacts, noticeCard, reviewCard, reviewedCard, submittedCard, updateCard, type Card } from "./cards.js";

/** The parts of the adaptivecards object model used here (its ESM build does not load in Node: the UMD one does). */
interface ParseContext {
  eventCount: number;
  getEventAt(i: number): { message: string };
}
interface AdaptiveCards {
  AdaptiveCard: new () => { parse(json: unknown, context: ParseContext): void; toJSON(): unknown; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new (version: unknown) => ParseContext;
  Versions: { v1_5: unknown };
}
const AC = createRequire(import.meta.url)("adaptivecards-v1-5/dist/adaptivecards.js") as AdaptiveCards;

/** What the 1.5 object model finds wrong with a card: parse and validation events, and what it would not keep. */
function problems(card: Card): { events: string[]; kept: unknown } {
  const model = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  model.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  events.push(...model.validateProperties().validationEvents.map((e) => e.message));
  return { events, kept: model.toJSON() };
}

// The model writes enumerations capitalised ("Bolder"); Adaptive Cards reads them in any case.
const ENUMS = new Set(["size", "weight", "spacing", "style", "color", "horizontalAlignment", "height"]);
function canonical(node: unknown, key = ""): unknown {
  if (Array.isArray(node)) return node.map((n) => canonical(n));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v, k)]));
  return ENUMS.has(key) && typeof node === "string" ? node.toLowerCase() : node;
}

const IDS = { contractId: "c-1", kpiId: "k-1", period: "2026-03" };
const NASTY = "[x](http://evil) <at>Tom</at> **bold** @Tom";
const names = { contractReference: "CCC-1", contractTitle: "Waste collection", kpiTitle: "Bins collected on the scheduled day" };

function prompt(kind: Prompt["kind"]): Prompt {
  return { kind, ...names, ...IDS, due: "2026-04-14", recipient: { userId: "aad-ana", as: "supplier-contact" }, round: "", reason: NASTY, updateId: "u-1" };
}

/** Every card the bot builds, named. */
const CARDS: [string, Card][] = [
  ["update", updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", refreshFor: ["aad-ana"] })],
  ["update with all facts", updateCard({ ...names, ...IDS, periodLabel: "March 2026", due: "2026-04-14", target: "98 %", lastValue: "97 %", unit: "%", key: "k", dispatchId: "d-1", intro: "The update is due.", refreshFor: ["aad-ana"] })],
  // A KPI's unit is typed by the council (60 characters): its facts show it as typed, never as a link.
  ["update with a typed unit", updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", ...kpiFacts({ unit: "[x](http://evil) **u**", direction: "higher", target: 90, lastValue: { value: 88, period: "2026-02" } }) })],
  ["update with errors", updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", values: { value: "lots", note: NASTY, evidenceUrl: "ftp://x" }, errors: [{ field: "value", message: "must be a number" }, { field: "evidenceUrl", message: "must be a web address starting https://" }], refreshFor: ["aad-ana"] })],
  ["update with a value", updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", values: { value: "96.5" }, formError: "The period is closed.", refreshFor: ["aad-ana"] })],
  ["submitted", submittedCard({ ...names, value: 96.5, periodLabel: "March 2026", by: NASTY, at: "2026-04-20T10:00:00.000Z", status: "pending", refresh: { userIds: ["aad-ana"], ...IDS, submissionKey: "k" } })],
  ["answered elsewhere", answeredElsewhereCard({ ...names, value: 97, periodLabel: "March 2026", by: "Bo Li", at: "2026-04-20T10:00:00.000Z", refresh: { userIds: ["aad-ana"], ...IDS } })],
  ["review", reviewCard({ ...names, contractId: "c-1", kpiId: "k-1", updateId: "u-1", periodLabel: "March 2026", value: 96.5, by: NASTY, at: "2026-04-20T10:00:00.000Z", note: NASTY, evidenceUrl: "https://example.org/e", dispatchId: "d-1", refreshFor: ["aad-tom"] })],
  ["review with an error", reviewCard({ ...names, contractId: "c-1", kpiId: "k-1", updateId: "u-1", periodLabel: "March 2026", values: { reason: "" }, errors: [{ field: "reason", message: "is needed to reject an update" }] })],
  ["reviewed", reviewedCard({ ...names, periodLabel: "March 2026", decision: "reject", by: "Tom Brennan", at: "2026-04-20T10:00:00.000Z", reason: NASTY })],
  ["notice", noticeCard({ heading: "Annual assessment due", contract: "CCC-1 Waste collection", message: "Record it in the TOMs tab.", facts: [{ title: "Due", value: "1 May 2026" }] })],
  ...PROMPT_KINDS.map((kind): [string, Card] => {
    const activity = promptActivity(prompt(kind), "d-1", "29:chat-user");
    if (!("card" in activity)) throw new Error(`The ${kind} prompt is not a card.`);
    return [`prompt: ${kind}`, activity.card];
  }),
];

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === "object") {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

const texts = (card: Card): string[] => {
  const found: string[] = [];
  walk(card, (o) => {
    if (o["type"] === "TextBlock" && typeof o["text"] === "string") found.push(o["text"]);
    if (o["type"] === undefined && typeof o["title"] === "string" && typeof o["value"] === "string") found.push(o["value"]);
  });
  return found;
};

describe.each(CARDS)("the %s card", (_name, card) => {
  it("is an Adaptive Card 1.5 that the 1.5 object model keeps whole", () => {
    const { events, kept } = problems(card);
    expect(events).toEqual([]);
    expect(canonical(kept)).toEqual(canonical(card));
  });

  it("has version 1.5, a verb on every Action.Execute, and unique input ids", () => {
    expect(card["version"]).toBe("1.5");
    const ids: string[] = [];
    walk(card, (o) => {
      if (o["type"] === "Action.Execute") expect(o["verb"]).toMatch(/^[a-z][A-Za-z]+$/);
      if (typeof o["type"] === "string" && o["type"].startsWith("Input.")) ids.push(String(o["id"]));
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id !== "undefined" && id !== "")).toBe(true);
  });

  it("shows what people typed as plain text", () => {
    const markdown = new MarkdownIt();
    for (const text of texts(card)) {
      expect(markdown.renderInline(text)).not.toMatch(/<a |<strong>|<em>/);
      expect(text).not.toMatch(/<at>/);
    }
  });

  it("leaves no template expression unexpanded", () => {
    expect(JSON.stringify(card)).not.toContain("${");
  });
});

describe("the notice card", () => {
  it("shows its facts, and no FactSet when it has none", () => {
    const factSets = (card: Card) => (card["body"] as Record<string, unknown>[]).filter((e) => e["type"] === "FactSet");
    expect(factSets(noticeCard({ heading: "H", contract: "C", message: "M", facts: [{ title: "Due", value: "1 May 2026" }] }))).toEqual([{ type: "FactSet", facts: [{ title: "Due", value: "1 May 2026" }] }]);
    expect(factSets(noticeCard({ heading: "H", contract: "C", message: "M" }))).toEqual([]);
  });
});

describe("the update card", () => {
  it("asks for the value in an Input.Number named value, and refreshes for its recipients", () => {
    const card = updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", dispatchId: "d-1", refreshFor: ["aad-ana"] });
    const body = card["body"] as Record<string, unknown>[];
    expect(body.filter((e) => e["id"] === "value")).toMatchObject([{ type: "Input.Number", isRequired: true, label: "Value for March 2026" }]);
    expect(card["refresh"]).toEqual({ action: { type: "Action.Execute", verb: "refreshUpdate", data: { ...IDS, submissionKey: "k", dispatchId: "d-1" } }, userIds: ["aad-ana"] });
    expect(card["actions"]).toEqual([{ type: "Action.Execute", title: "Send update", verb: "submitUpdate", style: "positive", data: { verb: "submitUpdate", ...IDS, submissionKey: "k", dispatchId: "d-1" } }]);
  });

  it("keeps a typed value that is a number, and drops one that is not (Input.Number holds numbers only)", () => {
    const value = (typed: string) => (updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", values: { value: typed } })["body"] as Record<string, unknown>[]).find((e) => e["id"] === "value")?.["value"];
    expect(value("96.5")).toBe(96.5);
    expect(value("lots")).toBeUndefined();
  });

  it("gives back what was typed in the text inputs as typed, even text that looks like a template", () => {
    const card = updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", values: { note: "${heading} [x](http://evil)", evidenceUrl: "https://example.org/${x}" } });
    const inputs = (card["body"] as Record<string, unknown>[]).filter((e) => e["type"] === "Input.Text");
    expect(inputs.map((i) => [i["id"], i["value"]])).toEqual([["note", "${heading} [x](http://evil)"], ["evidenceUrl", "https://example.org/${x}"]]);
  });

  it("has no refresh when it is for nobody, and at most 60 recipients", () => {
    expect(updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k" })["refresh"]).toBeUndefined();
    const many = Array.from({ length: 70 }, (_, i) => `aad-${i}`);
    expect((updateCard({ ...names, ...IDS, periodLabel: "March 2026", key: "k", refreshFor: many })["refresh"] as { userIds: string[] }).userIds).toHaveLength(60);
  });
});

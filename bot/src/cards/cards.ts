// The bot's cards: the templates (templates.ts) expanded with adaptivecards-templating. Whatever a
// person typed (notes, reasons, names) goes through plainText first, so it shows as typed.
import { Template } from "adaptivecards-templating";
import { longDate, periodLabel, plainText, withUnit, type FieldError, type PromptKpi } from "@toms/domain";
import { NOTICE_CARD, REVIEW_CARD, UPDATE_CARD } from "./templates.js";

/** An Adaptive Card as sent (JSON). */
export type Card = Record<string, unknown>;

/** Who and what a card's refresh is for; absent: the card is not refreshed. */
export interface CardRefresh {
  /** The recipients' user MRIs (activity.from.id in Teams, not the Entra object id): at most 60. */
  userIds: string[];
  dispatchId?: string;
  /**
   * The update card's submission key: a refreshed card must send the same one. Not named "key":
   * the Adaptive Cards SDK gives every object a "key" property, and the Playground's renderer
   * fails on an action whose data has one.
   */
  submissionKey?: string;
  contractId: string;
  kpiId?: string;
  period?: string;
  updateId?: string;
}

const UK_SHORT = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "3 Apr 10:12" (UK time). */
export function shortMoment(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : UK_SHORT.format(at).replace(",", "");
}

// Each template parsed once: parsing its expressions took about 3 ms a card, most of the CPU a
// pass of thousands of prompts spends (a Template is documented to be bound to data again and again).
const parsed = new WeakMap<object, Template>();

function templateOf(template: object): Template {
  let prepared = parsed.get(template);
  if (!prepared) parsed.set(template, (prepared = new Template(template)));
  return prepared;
}

function expand(template: object, data: Record<string, unknown>, refresh: CardRefresh | undefined): Card {
  const card = templateOf(template).expand({ $root: { errors: {}, values: {}, facts: [], ...data, refreshData: refresh ? refreshDataOf(refresh) : {}, userIds: refresh?.userIds.slice(0, 60) ?? [] } }) as Card;
  if (!refresh || refresh.userIds.length === 0) delete card["refresh"];
  tidy(card);
  return card;
}

function refreshDataOf(refresh: CardRefresh): Record<string, string> {
  const { userIds: _ids, ...data } = refresh;
  return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === "string"));
}

// An input with nothing to show carries no value. (Every card's data has all its inputs' values,
// so a value that looks like a template is what someone typed: it stays.)
function tidy(node: unknown): void {
  if (Array.isArray(node)) node.forEach(tidy);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o["type"] === "string" && (o["type"] as string).startsWith("Input.") && (o["value"] === "" || o["value"] === undefined)) delete o["value"];
    Object.values(o).forEach(tidy);
  }
}

type Fact = { title: string; value: string };

/** A KPI's target and last value in words, for an update card: "at least 95%", "92% (February 2026)". */
export function kpiFacts(kpi: PromptKpi): Pick<UpdateCardData, "target" | "lastValue" | "unit"> {
  return {
    unit: kpi.unit,
    // The unit is typed by the council and these are facts, whose markdown Teams renders: plain text.
    target: plainText(`${kpi.direction === "higher" ? "at least" : "at most"} ${withUnit(kpi.target, kpi.unit)}`),
    ...(kpi.lastValue ? { lastValue: plainText(`${withUnit(kpi.lastValue.value, kpi.unit)} (${periodLabel(kpi.lastValue.period)})`) } : {}),
  };
}

/** What an update card shows and acts on. */
export interface UpdateCardData {
  contractReference: string;
  contractTitle: string;
  kpiTitle: string;
  contractId: string;
  kpiId: string;
  period: string;
  /** "March 2026". */
  periodLabel: string;
  /** YYYY-MM-DD. */
  due?: string;
  /** "98 %" (higher is better). */
  target?: string;
  lastValue?: string;
  unit?: string;
  /** The submission's idempotency key: the same for every press of this card. */
  key: string;
  dispatchId?: string;
  intro?: string;
  /** What was typed (shown again beside errors). */
  values?: { value?: string | number; note?: string; evidenceUrl?: string };
  errors?: readonly FieldError[];
  /** An error not about one field (e.g. the period is closed). */
  formError?: string;
  refreshFor?: string[];
}

/**
 * The card asking for a KPI's update for one period.
 *
 * @example
 * const card = updateCard({ contractReference: "CCC-1", contractTitle: "Waste", kpiTitle: "Bins", contractId, kpiId, period: "2026-03", periodLabel: "March 2026", key });
 */
export function updateCard(data: UpdateCardData): Card {
  const facts: Fact[] = [{ title: "Period", value: data.periodLabel }];
  if (data.due) facts.push({ title: "Due", value: longDate(data.due) });
  if (data.target) facts.push({ title: "Target", value: data.target });
  if (data.lastValue) facts.push({ title: "Last value", value: data.lastValue });
  const errors = Object.fromEntries((data.errors ?? []).map((e) => [e.field, `${labelOf(e.field)} ${e.message}.`]));
  const submitData = { verb: "submitUpdate", contractId: data.contractId, kpiId: data.kpiId, period: data.period, submissionKey: data.key, ...(data.dispatchId ? { dispatchId: data.dispatchId } : {}) };
  return expand(
    UPDATE_CARD,
    {
      heading: plainText(data.kpiTitle),
      contract: plainText(`${data.contractReference} ${data.contractTitle}`),
      // A correction's intro quotes the manager's reason.
      intro: data.intro ? plainText(data.intro) : null,
      facts,
      formError: data.formError ? plainText(data.formError) : null,
      valueLabel: data.unit ? `Value for ${data.periodLabel} (${data.unit})` : `Value for ${data.periodLabel}`,
      values: { value: numberOf(data.values?.value), note: data.values?.note ?? "", evidenceUrl: data.values?.evidenceUrl ?? "" },
      errors,
      submitData,
    },
    data.refreshFor ? { userIds: data.refreshFor, contractId: data.contractId, kpiId: data.kpiId, period: data.period, submissionKey: data.key, ...(data.dispatchId ? { dispatchId: data.dispatchId } : {}) } : undefined,
  );
}

// Input.Number holds a number only: a typed value that is not one is left out (its error says why).
function numberOf(value: string | number | undefined): number | "" {
  const n = typeof value === "number" ? value : value?.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : "";
}

function labelOf(field: string): string {
  return field === "value" ? "The value" : field === "note" ? "The note" : field === "evidenceUrl" ? "The link to evidence" : field === "reason" ? "The reason" : "This";
}

/** What a card that only tells shows. */
export interface NoticeCardData {
  heading: string;
  contract: string;
  message: string;
  facts?: Fact[];
  refresh?: CardRefresh;
}

/** A card that tells (submitted, answered elsewhere, reviewed, reminder, escalation, assessment due). All text is made plain here. */
export function noticeCard(data: NoticeCardData): Card {
  return expand(NOTICE_CARD, { heading: plainText(data.heading), contract: plainText(data.contract), message: plainText(data.message), facts: (data.facts ?? []).map((f) => ({ title: f.title, value: plainText(f.value) })) }, data.refresh);
}

/** "Submitted: 96.5 for March 2026, by Ana Silva, 3 Apr 10:12". */
export function submittedCard(data: { contractReference: string; contractTitle: string; kpiTitle: string; value: number; periodLabel: string; by: string; at: string; status?: string; refresh?: CardRefresh }): Card {
  const waits = data.status === "pending" ? " It now waits for the contract manager's review." : "";
  return noticeCard({ heading: data.kpiTitle, contract: `${data.contractReference} ${data.contractTitle}`, message: `Submitted: ${data.value} for ${data.periodLabel}, by ${data.by}, ${shortMoment(data.at)}.${waits}`, refresh: data.refresh });
}

/** The update was already sent by someone else (another contact, or the tab). */
export function answeredElsewhereCard(data: { contractReference: string; contractTitle: string; kpiTitle: string; value: number; periodLabel: string; by: string; at: string; refresh?: CardRefresh }): Card {
  return noticeCard({ heading: data.kpiTitle, contract: `${data.contractReference} ${data.contractTitle}`, message: `Answered by ${data.by}: ${data.value} for ${data.periodLabel}, ${shortMoment(data.at)}. Nothing more is needed.`, refresh: data.refresh });
}

/** What a review card shows and acts on. */
export interface ReviewCardData {
  contractReference: string;
  contractTitle: string;
  kpiTitle: string;
  contractId: string;
  kpiId: string;
  updateId: string;
  periodLabel: string;
  /** The update as sent; absent when only its id is known (the prompt), and the refresh fills it in. */
  value?: number;
  by?: string;
  at?: string;
  note?: string;
  evidenceUrl?: string;
  dispatchId?: string;
  values?: { reason?: string };
  errors?: readonly FieldError[];
  formError?: string;
  refreshFor?: string[];
}

/** The card asking the contract manager to approve or reject a supplier's update. */
export function reviewCard(data: ReviewCardData): Card {
  const facts: Fact[] = [{ title: "Period", value: data.periodLabel }];
  if (data.value !== undefined) facts.push({ title: "Value", value: String(data.value) });
  if (data.by) facts.push({ title: "Sent by", value: plainText(data.by) });
  if (data.at) facts.push({ title: "Sent", value: shortMoment(data.at) });
  if (data.note) facts.push({ title: "Note", value: plainText(data.note) });
  if (data.evidenceUrl) facts.push({ title: "Evidence", value: plainText(data.evidenceUrl) });
  const ids = { contractId: data.contractId, kpiId: data.kpiId, updateId: data.updateId, ...(data.dispatchId ? { dispatchId: data.dispatchId } : {}) };
  const errors = Object.fromEntries((data.errors ?? []).map((e) => [e.field, `${labelOf(e.field)} ${e.message}.`]));
  return expand(
    REVIEW_CARD,
    {
      heading: plainText(`Review: ${data.kpiTitle}`),
      contract: plainText(`${data.contractReference} ${data.contractTitle}`),
      message: "The supplier has sent this update. Approve it, or reject it with a reason they can act on.",
      facts,
      formError: data.formError ? plainText(data.formError) : null,
      values: { reason: data.values?.reason ?? "" },
      errors,
      reviewData: ids,
    },
    data.refreshFor ? { userIds: data.refreshFor, ...ids } : undefined,
  );
}

/** The review as recorded: approved, or rejected with the reason. */
export function reviewedCard(data: { contractReference: string; contractTitle: string; kpiTitle: string; periodLabel: string; decision: "approve" | "reject"; by: string; at: string; reason?: string }): Card {
  const what = data.decision === "approve" ? "Approved" : "Rejected";
  const reason = data.reason ? ` Reason: ${data.reason}` : "";
  return noticeCard({ heading: data.kpiTitle, contract: `${data.contractReference} ${data.contractTitle}`, message: `${what} by ${data.by}, ${shortMoment(data.at)}, for ${data.periodLabel}.${reason}` });
}

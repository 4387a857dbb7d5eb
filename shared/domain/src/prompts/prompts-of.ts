// The prompts a contract owes today: which card goes to whom, for which KPI and period, and why.
import { nextAssessment } from "../delivery/compliance.js";
import type { ContractRecord } from "../register/contract.js";
import type { SupplierContact } from "../register/supplier.js";
import type { DeliveryDigest, KpiRecord, KpiReview, KpiUpdateRecord, OwedUpdate } from "../delivery/model.js";
import type { ReminderRecord } from "../delivery/reminders.js";
import { deliveryCounts } from "../delivery/status.js";
import { periodStatus } from "../delivery/owed.js";
import { contractPeriods, daysBetween } from "../delivery/periods.js";
import { readMarks } from "../delivery/summary.js";
import type { Prompt, PromptRecipient, PromptSettings } from "./model.js";
import { promptKpi } from "./prompt-kpi.js";

/** What the prompts of a contract depend on beside its record and digest. */
export interface PromptContext {
  /** The UK day (YYYY-MM-DD). */
  today: string;
  settings: PromptSettings;
  /** Days after a period's end that its update is due. */
  dueDays: number;
  /** The contacts of the contract's supplier: every one is a recipient (by Teams or by e-mail, promptChannel). */
  contacts: readonly SupplierContact[];
  /** The contract's reminders not sent yet. */
  reminders: readonly ReminderRecord[];
  /** The contract's KPIs, updates and reviews: what the cards show, and the update a review or correction is about. */
  partition?: { kpis: readonly KpiRecord[]; updates: readonly KpiUpdateRecord[]; reviews: readonly KpiReview[] };
}


/**
 * A supplier's contact as a prompt's recipient, keyed by contact id ("contact:<id>") so that the
 * dispatch key is the same whichever channel the prompt goes by, and a change of channel never asks
 * twice. What promptChannel decides the channel from.
 *
 * @example
 * promptChannel(contactRecipient(contact), hasTeamsChat, mailOn); // "teams", "email" or undefined
 */
export function contactRecipient(c: SupplierContact): PromptRecipient {
  return {
    userId: `contact:${c.id}`,
    as: "supplier-contact",
    name: c.name,
    contactId: c.id,
    email: c.email,
    ...(c.aadObjectId ? { aadObjectId: c.aadObjectId } : {}),
    ...(c.channel ? { channel: c.channel } : {}),
  };
}

/** Every contact of the supplier (contactRecipient). */
function supplierRecipients(context: PromptContext): PromptRecipient[] {
  return context.contacts.map(contactRecipient);
}

function managerRecipient(contract: ContractRecord): PromptRecipient {
  return { userId: contract.managerId, as: "manager", ...(contract.managerName ? { name: contract.managerName } : {}) };
}

/** What the card shows of the KPI, when the contract's partition was read. */
function kpiOf(context: PromptContext, kpiId: string, period: string): Pick<Prompt, "kpi"> {
  const kpi = context.partition?.kpis.find((k) => k.id === kpiId);
  return kpi && context.partition ? { kpi: promptKpi(kpi, period, context.partition.updates, context.partition.reviews) } : {};
}

/** The latest update of a KPI's period, and its review. */
function latestUpdate(context: PromptContext, owed: OwedUpdate): { update: KpiUpdateRecord; review?: KpiReview } | undefined {
  const updates = (context.partition?.updates ?? []).filter((u) => u.kpiId === owed.kpiId && u.period === owed.period);
  const update = updates.sort((a, b) => b.revision - a.revision)[0];
  if (!update) return undefined;
  const review = context.partition?.reviews.find((r) => r.updateId === update.id);
  return { update, ...(review ? { review } : {}) };
}

/**
 * What is asked for before it is owed: a period that has ended and is not due yet, with nothing
 * sent (its reporter is asked as it ends, so they can answer before the due date), or whose update
 * was rejected (the supplier is asked at once for a correction). After the due date these are
 * owed items (deliveryCounts), and their prompts keep the same keys.
 */
export function askedBeforeDue(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): OwedUpdate[] {
  const asked: OwedUpdate[] = [];
  for (const kpi of digest?.kpis ?? []) {
    const marks = readMarks(kpi.marks);
    for (const info of contractPeriods(contract, kpi.frequency, dueDays)) {
      if (info.endDate >= today || today > info.due) continue;
      const mark = marks.get(info.period);
      const status = periodStatus(info, mark?.latest, today);
      const item = { contractId: contract.id, kpiId: kpi.id, kpiTitle: kpi.title, period: info.period };
      if (status === "open") asked.push({ ...item, since: info.due, owedBy: kpi.reporter, what: "update" });
      else if (status === "rejected") asked.push({ ...item, since: mark?.rejectedOn ?? today, owedBy: "supplier", what: "correction" });
    }
  }
  return asked;
}

/** The prompts the contract owes today. */
export function promptsOf(contract: ContractRecord, digest: DeliveryDigest | undefined, context: PromptContext): Prompt[] {
  const base = { contractId: contract.id, contractReference: contract.reference, contractTitle: contract.title };
  const prompts: Prompt[] = [];
  const { owed } = deliveryCounts(contract, digest, context.today, context.dueDays);
  for (const item of [...askedBeforeDue(contract, digest, context.today, context.dueDays), ...owed]) {
    const about = { ...base, kpiId: item.kpiId, kpiTitle: item.kpiTitle, period: item.period, due: item.since, owed: { what: item.what, owedBy: item.owedBy }, ...kpiOf(context, item.kpiId, item.period) };
    const reporters = item.owedBy === "supplier" ? supplierRecipients(context) : [managerRecipient(contract)];
    if (item.what === "update") {
      // Days past the due date: negative while the period has ended and is not due yet.
      const late = daysBetween(item.since, context.today);
      const kind = late >= context.settings.reminderAfterDays ? "reminder" : "update-due";
      for (const recipient of reporters) prompts.push({ ...about, kind, recipient, round: "" });
      if (late >= context.settings.escalateAfterDays && item.owedBy === "supplier") prompts.push({ ...about, kind: "escalation", recipient: managerRecipient(contract), round: "" });
    } else if (item.what === "correction") {
      const latest = latestUpdate(context, item);
      if (!latest) continue;
      for (const recipient of reporters) prompts.push({ ...about, kind: "correction", recipient, round: latest.update.id, updateId: latest.update.id, ...(latest.review?.reason ? { reason: latest.review.reason } : {}) });
    } else {
      const latest = latestUpdate(context, item);
      if (!latest) continue;
      const { update } = latest;
      const sent = { value: update.value, by: update.submittedByName ?? update.submittedBy, at: update.submittedAt, ...(update.note ? { note: update.note } : {}), ...(update.evidenceUrl ? { evidenceUrl: update.evidenceUrl } : {}) };
      prompts.push({ ...about, kind: "review-request", recipient: managerRecipient(contract), round: update.id, updateId: update.id, update: sent });
    }
  }
  // Only once it falls due (30 days ahead of the 12-month mark, or later), as the compliance check says.
  const assessment = nextAssessment(contract, digest, context.today);
  if (assessment?.isDue) prompts.push({ ...base, kind: "assessment-due", period: assessment.due, due: assessment.due, recipient: managerRecipient(contract), round: "" });
  for (const reminder of context.reminders) {
    if (reminder.contractId !== contract.id || reminder.sentAt) continue;
    const item = owed.find((o) => o.kpiId === reminder.kpiId && o.period === reminder.period && o.what === reminder.what);
    const recipients = reminder.owedBy === "supplier" ? supplierRecipients(context) : [managerRecipient(contract)];
    for (const recipient of recipients) {
      prompts.push({ ...base, ...kpiOf(context, reminder.kpiId, reminder.period), kind: "requested-reminder", kpiId: reminder.kpiId, ...(item ? { kpiTitle: item.kpiTitle, due: item.since } : {}), period: reminder.period, recipient, round: reminder.day, reminderId: reminder.id, owed: { what: reminder.what, owedBy: reminder.owedBy } });
    }
  }
  return prompts;
}

/** The item an owed-item prompt is about, as owedItemKey reads it; undefined for assessments. */
export function owedItemOf(prompt: Prompt): { contractId: string; kpiId: string; period: string; what: OwedUpdate["what"] } | undefined {
  if (!prompt.kpiId || !prompt.period || !prompt.owed) return undefined;
  return { contractId: prompt.contractId, kpiId: prompt.kpiId, period: prompt.period, what: prompt.owed.what };
}


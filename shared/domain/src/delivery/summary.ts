// A contract's delivery summary, worked out from everything in its partition: written with every
// write, so that dashboards never read the updates (docs/storage.md).
import { ukDate } from "../register/dates.js";
import { targetFor } from "./kpis.js";
import type { AssessmentDigest, AssessmentRecord, DeliveryDigest, DeliverySummary, KpiRecord, KpiReview, KpiUpdate, KpiUpdateRecord, NoticePublication, PeriodEntry, RatingId, UpdateStatus } from "./model.js";
import { addMoney, roundToPence } from "./money.js";
import { periodStartDate } from "./periods.js";
import { rate } from "./ratings.js";
import { updateViews } from "./updates.js";

export interface DeliveryRecords {
  contractId: string;
  /** The KPIs, and the commitments tracked like KPIs. */
  kpis: readonly KpiRecord[];
  updates: readonly KpiUpdateRecord[];
  reviews: readonly KpiReview[];
  assessments: readonly AssessmentRecord[];
  publications: readonly NoticePublication[];
}

/** The summary of these records, as version `version` (one more than the stored one). */
export function summarise(records: DeliveryRecords, version: number, at: string): DeliverySummary {
  const byPeriod = new Map<string, KpiUpdate[]>();
  for (const view of updateViews(records.updates, records.reviews)) {
    const key = `${view.kpiId}\n${view.period}`;
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), view]);
  }
  const periods: Record<string, Record<string, PeriodEntry>> = {};
  // updateViews sorts each period's updates by revision: the last is the latest.
  for (const updates of byPeriod.values()) {
    const latest = updates.at(-1);
    if (!latest) continue;
    const accepted = updates.findLast((u) => u.status === "accepted");
    (periods[latest.kpiId] ??= {})[latest.period] = {
      latest: {
        updateId: latest.id,
        revision: latest.revision,
        status: latest.status,
        value: latest.value,
        submittedAs: latest.submittedAs,
        submittedAt: latest.submittedAt,
        submittedBy: latest.submittedBy,
        ...(latest.review ? { reviewedAt: latest.review.reviewedAt } : {}),
      },
      ...(accepted ? { accepted: { updateId: accepted.id, revision: accepted.revision, value: accepted.value, submittedAt: accepted.submittedAt } } : {}),
    };
  }
  const publishedAt = new Map(records.publications.map((p) => [p.assessmentId, p.publishedAt]));
  const assessments = [...records.assessments]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((a): AssessmentDigest => {
      const published = publishedAt.get(a.id);
      return {
        id: a.id,
        kind: a.kind,
        from: a.from,
        to: a.to,
        status: a.status,
        ...(a.replaces ? { replaces: a.replaces } : {}),
        ...(a.confirmedAt ? { confirmedAt: a.confirmedAt } : {}),
        ...(published ? { publishedAt: published } : {}),
      };
    });
  return { contractId: records.contractId, version, kpis: [...records.kpis], periods, assessments, updatedAt: at };
}

const RATING_MARKS: Record<Exclude<RatingId, "other">, string> = { good: "g", approachingTarget: "a", requiresImprovement: "r", inadequate: "i" };
const MARK_RATINGS = new Map(Object.entries(RATING_MARKS).map(([rating, mark]) => [mark, rating as RatingId]));

/** What a digest's mark says of a period: the rating of the value that counts, and the latest update's status. */
export interface PeriodMark {
  /** The rating of the accepted value, when one is accepted. */
  rating?: RatingId;
  latest: UpdateStatus;
  /** The UK day a pending update was sent (YYYY-MM-DD). */
  sentOn?: string;
  /** The UK day a rejected update was reviewed (YYYY-MM-DD); absent in a mark written before the day was kept. */
  rejectedOn?: string;
}

/** A KPI's periods with updates, in order of their first day: the order the social value lines are summed in. */
function inOrder(entries: Readonly<Record<string, PeriodEntry>>): [string, PeriodEntry][] {
  return Object.entries(entries).sort(([a], [b]) => (periodStartDate(a) < periodStartDate(b) ? -1 : 1));
}

/**
 * A period's mark: the rating letter of the accepted value (g, a, r, i) if any, then p and the
 * day sent while the latest update waits for review, or x and the day of the review when it was
 * rejected: "g", "p2026-04-03", "gp2026-04-03", "x2026-05-03", "ax2026-05-03".
 */
function markOf(kpi: KpiRecord, period: string, entry: PeriodEntry): string {
  let mark = "";
  if (entry.accepted) {
    const { target, tolerance } = targetFor(kpi, period);
    const rating = rate(kpi.direction, target, tolerance, entry.accepted.value);
    mark += rating === "other" ? "" : RATING_MARKS[rating];
  }
  if (entry.latest.status === "pending") mark += `p${ukDate(new Date(entry.latest.submittedAt))}`;
  if (entry.latest.status === "rejected") mark += `x${entry.latest.reviewedAt ? ukDate(new Date(entry.latest.reviewedAt)) : ""}`;
  return mark;
}

/** The mark written from `from` up to `to` in a KPI's marks (after the period's colon). */
function markAt(marks: string, from: number, to: number): PeriodMark {
  const rating = MARK_RATINGS.get(marks.charAt(from));
  const flagAt = rating ? from + 1 : from;
  const flag = marks.charAt(flagAt);
  const mark: PeriodMark = { latest: flag === "p" ? "pending" : flag === "x" ? "rejected" : "accepted" };
  if (rating) mark.rating = rating;
  const day = marks.slice(flagAt + 1, to);
  if (flag === "p") mark.sentOn = day;
  // A bare x was written before the day of the review was kept.
  if (flag === "x" && day) mark.rejectedOn = day;
  return mark;
}

/** The marks of a digest's KPI, by period. */
export function readMarks(marks: string): Map<string, PeriodMark> {
  const read = new Map<string, PeriodMark>();
  for (let at = 0; at < marks.length; ) {
    const colon = marks.indexOf(":", at);
    const space = marks.indexOf(" ", colon);
    const end = space < 0 ? marks.length : space;
    read.set(marks.slice(at, colon), markAt(marks, colon + 1, end));
    at = end + 1;
  }
  return read;
}

/** What the portfolio keeps of a summary. */
export function deliveryDigest(summary: DeliverySummary): DeliveryDigest {
  let committed = 0;
  let delivered = 0;
  const kpis = summary.kpis.map((kpi) => {
    const entries = inOrder(summary.periods[kpi.id] ?? {});
    if (kpi.commitment) {
      // As the lines add them up (social-value.ts): the term's value, and each period's to the penny.
      committed = addMoney(committed, kpi.commitment.committedValue);
      const proxy = kpi.commitment.proxyValue ?? 0;
      for (const [, entry] of entries) delivered = addMoney(delivered, roundToPence((entry.accepted?.value ?? 0) * proxy));
    }
    const marks = entries.map(([period, entry]) => `${period}:${markOf(kpi, period, entry)}`).join(" ");
    return { id: kpi.id, kind: kpi.kind, title: kpi.title, reporter: kpi.reporter, frequency: kpi.frequency, marks };
  });
  return { contractId: summary.contractId, version: summary.version, kpis, assessments: summary.assessments, socialValue: { committed, delivered } };
}

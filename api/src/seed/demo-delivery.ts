// The demo portfolio's delivery: KPIs from the built-in templates, updates since each contract's start (some late,
// some missing, some rejected and corrected, a few waiting for review), social value awarded through
// the real award and partly delivered, and annual assessments with their UK9 notices.
import { createHash } from "node:crypto";
import { awardEvaluation, createAppDeps, listKpis, submitEvaluation } from "@toms/app";
import {
  BUILT_IN_KPI_TEMPLATES,
  DEFAULT_CATALOGUE,
  addDays,
  confirmAssessment,
  contractPeriods,
  deliveryDigest,
  draftAssessment,
  evaluationSubmissionSchema,
  newKpi,
  requestDigest,
  summarise,
  targetFor,
  ukDate,
  type AssessmentRecord,
  type ContractRecord,
  type DeliveryRecords,
  type KpiRecord,
  type KpiReview,
  type KpiTemplate,
  type KpiUpdateInput,
  type KpiUpdateRecord,
  type NoticePublication,
  type Principal,
} from "@toms/domain";
import type { Storage } from "@toms/storage";
import { demoId } from "./demo.js";

/** Changing it changes every figure of the demo: screenshots rest on it. */
const SEED = "toms-demo-delivery-1";
/** Days after a period's end that its update is due (the service's default). */
/** The procurement officer who awards the demo's evaluations. */
/** The procurement officer who awards the demo's evaluations and publishes its notices. */
export const DEMO_ADMIN: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };
/** The contract whose latest assessment's notice is not published, over 30 days on. */
const UNPUBLISHED_TITLE = "Integrated facilities management, civic estate";
/** The contract over £5m that records why it has fewer than 3 KPIs. */
const EXEMPT_TITLE = "District heating network operation";
const EXEMPTION_REASON = "The heat network's performance is monitored by the regulator under the Heat Networks (Market Framework) Regulations; the council reads the operator's regulatory returns and keeps two KPIs of its own.";

/** A small seeded generator (mulberry32): the same seed gives the same numbers everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A label's number under a seed: the same seed and label give the same number everywhere (the diversity demo's too). */
export function seededHash(seed: string, label: string): number {
  return createHash("sha256").update(`${seed}:${label}`).digest().readUInt32LE(0);
}

/** The generator for one purpose under a seed, so that what each label draws stands alone (the diversity demo's too). */
export function seededRandom(seed: string, label: string): () => number {
  return mulberry32(seededHash(seed, label));
}

/** The generator for one purpose of one contract, so that each contract's numbers stand alone. */
function randomFor(label: string): () => number {
  return seededRandom(SEED, label);
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** A date (YYYY-MM-DD) moved by whole months, keeping its day. */
function addMonths(date: string, months: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  return moved.toISOString().slice(0, 10);
}

/** A moment of a day, as stored (ISO, UTC). */
const moment = (date: string, hour: number, minute: number): string => new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`).toISOString();

// Which built-in template suits a contract, by what its title says; facilities management otherwise.
const SECTOR_BY_TITLE: [RegExp, string][] = [
  [/waste|recycling/i, "waste"],
  [/care|meals|aids for daily living|protective equipment|supported living|interpreting/i, "social-care"],
  [/resurfacing|street lighting|road|bridge|gully|gritting|flood|charge points|transport vehicles/i, "highways"],
  [/system|laptops|phones|kiosks|print|stationery/i, "ict"],
  [/refurbishment|school, canley|scaffolding|adaptations|window|repairs|playground|tree works/i, "construction"],
];

function templateFor(contract: ContractRecord): KpiTemplate {
  const sector = SECTOR_BY_TITLE.find(([pattern]) => pattern.test(contract.title))?.[1] ?? "fm";
  const template = BUILT_IN_KPI_TEMPLATES.find((t) => t.sector === sector);
  if (!template) throw new Error(`The built-in KPI templates have none for the sector "${sector}".`);
  return template;
}

/** The contract's KPIs: a few of its template's monthly and quarterly ones, more on larger contracts. */
function demoKpis(contract: ContractRecord, index: number): KpiRecord[] {
  const template = templateFor(contract);
  const candidates = template.kpis.filter((k) => k.frequency !== "annual");
  const count = contract.title === EXEMPT_TITLE ? 2 : contract.value > 5_000_000 ? 4 : contract.value >= 1_000_000 ? 3 : 2;
  const at = moment(contract.startDate, 9, 0);
  return Array.from({ length: Math.min(count, candidates.length) }, (_, k) => {
    const { tolerance, description, ...input } = candidates[(index + k) % candidates.length] as KpiTemplate["kpis"][number];
    return newKpi(contract, { ...input, ...(tolerance !== undefined ? { tolerance } : {}), ...(description ? { description } : {}) }, { id: demoId(`kpi:${contract.id}:${k}`), by: contract.managerId, at, templateId: template.id });
  });
}

// Contracts awarded from an evaluation in the demo: priced measures of the council's catalogue
// (quantities over the term), one record-only, and two other suppliers bidding against the winner.
const AWARDS: Record<string, { commitments: [measure: string, quantity: number, accepted: number][]; rivals: [number, number] }> = {
  "Corporate building cleaning": { commitments: [["CCC-EC03", 4, 1], ["CCC-EC11", 300, 1], ["CCC-SO11", 6_000, 1], ["CCC-EN04", 20_000, 0.5]], rivals: [0, 5] },
  "Carriageway resurfacing programme": { commitments: [["CCC-EC04", 24, 1], ["CCC-EC09", 300, 1], ["CCC-EN07", 1_500, 0.8], ["CCC-SO11", 25_000, 1]], rivals: [11, 17] },
  "Domiciliary care (north locality)": { commitments: [["CCC-EC03", 30, 1], ["CCC-EC02", 120, 1], ["CCC-SO11", 15_000, 1], ["CCC-EN04", 60_000, 0.5]], rivals: [13, 4] },
  "Trade waste and recycling processing": { commitments: [["CCC-EN07", 6_000, 1], ["CCC-EC03", 18, 1], ["CCC-EN06", 900, 0.8], ["CCC-EC11", 600, 1]], rivals: [16, 19] },
  "Case management system support": { commitments: [["CCC-EC11", 400, 1], ["CCC-SO11", 5_000, 1], ["CCC-EC02", 40, 1], ["CCC-EN18", 1, 1]], rivals: [10, 1] },
  "Council House refurbishment": { commitments: [["CCC-EC04", 30, 1], ["CCC-EC09", 400, 1], ["CCC-EN06", 350, 0.8], ["CCC-EN07", 2_500, 1]], rivals: [2, 18] },
  "Integrated facilities management, civic estate": { commitments: [["CCC-EC03", 60, 1], ["CCC-EC09", 500, 1], ["CCC-EN06", 1_400, 0.8], ["CCC-SO11", 70_000, 1]], rivals: [0, 20] },
  "Cemetery and crematorium grounds care": { commitments: [["CCC-EC11", 200, 1], ["CCC-EN04", 15_000, 1], ["CCC-SO11", 4_000, 1], ["CCC-EN18", 1, 1]], rivals: [15, 5] },
};

const REJECTIONS = [
  "The evidence covers the previous month: send the figure for this period with its report.",
  "The figure does not match the report attached: check the calculation and send it again.",
  "No evidence is attached: add the link to the report the figure comes from.",
];

/** Who reports and reviews on one contract, and how it is going. */
interface Setting {
  contract: ContractRecord;
  supplier: { id: string; name: string; site: string };
  /** How far above (positive) or below the target its values run, in tolerances. */
  tendency: number;
  /** The share of the pro-rata social value committed that it delivers. */
  delivering: number;
  /** The first day of the month the seed runs in: periods end before it. */
  until: string;
  /** Now, as stored: nothing later happens. */
  now: string;
  /** Days after a period's end that its update is due, as the service is configured. */
  dueDays: number;
}

/** A KPI's value for a period, around its target as the contract's tendency has it. */
function valueFor(kpi: KpiRecord, period: string, setting: Setting, random: () => number): number {
  const { target, tolerance } = targetFor(kpi, period);
  if (kpi.kind === "social-value") {
    const quantity = target * setting.delivering * (0.6 + 0.8 * random());
    return round(quantity, target >= 20 ? 0 : target >= 1 ? 1 : 2);
  }
  const better = kpi.direction === "higher" ? 1 : -1;
  const value = target + better * tolerance * (setting.tendency + (random() - 0.5) * 2.4);
  const bounded = Math.max(0, kpi.unit === "%" ? Math.min(100, value) : value);
  return round(bounded, tolerance >= 1 ? 0 : tolerance >= 0.1 ? 1 : 2);
}

/**
 * A KPI's updates since the contract's start: the supplier's reviewed by the manager (most approved, some
 * rejected and then corrected, the latest few still waiting), the manager's accepted as sent;
 * some late, some never sent (more on a struggling contract, most of all in recent periods).
 */
function kpiHistory(kpi: KpiRecord, setting: Setting): { updates: KpiUpdateRecord[]; reviews: KpiReview[] } {
  const { contract, supplier } = setting;
  const random = randomFor(`history:${kpi.id}`);
  const struggling = setting.tendency < -0.5 ? 1 : 0;
  const bySupplier = kpi.reporter === "supplier";
  const sender = bySupplier ? { submittedAs: "supplier" as const, submittedBy: supplier.id, submittedByName: supplier.name } : { submittedAs: "council" as const, submittedBy: contract.managerId, ...(contract.managerName ? { submittedByName: contract.managerName } : {}) };
  const updates: KpiUpdateRecord[] = [];
  const reviews: KpiReview[] = [];
  // From the contract's start: a period left unreported would be overdue.
  const periods = contractPeriods(contract, kpi.frequency, setting.dueDays).filter((p) => p.endDate < setting.until);
  const send = (period: string, revision: number, value: number, day: string): KpiUpdateRecord | undefined => {
    const submittedAt = moment(day, between(random, 8, 17), between(random, 0, 59));
    if (submittedAt > setting.now) return undefined;
    const input: KpiUpdateInput = {
      period,
      value,
      ...(bySupplier ? { evidenceUrl: `https://${supplier.site}/reports/${kpi.id.slice(0, 8)}/${period}` } : { note: "From the council's own monitoring." }),
    };
    const idempotencyKey = `demo-${period}-r${revision}`;
    const update: KpiUpdateRecord = { id: demoId(`update:${kpi.id}:${period}:${revision}`), contractId: contract.id, kpiId: kpi.id, ...input, revision, ...sender, submittedAt, idempotencyKey, requestDigest: requestDigest(kpi.id, input) };
    updates.push(update);
    return update;
  };
  const review = (update: KpiUpdateRecord, day: string, decision: KpiReview["decision"], reason?: string): boolean => {
    const reviewedAt = moment(day, between(random, 9, 16), between(random, 0, 59));
    if (reviewedAt > setting.now) return false;
    reviews.push({ updateId: update.id, decision, ...(reason ? { reason } : {}), reviewedBy: contract.managerId, ...(contract.managerName ? { reviewedByName: contract.managerName } : {}), reviewedAt });
    return true;
  };
  periods.forEach((p, i) => {
    const recent = periods.length - i <= 3;
    const value = valueFor(kpi, p.period, setting, random);
    if (random() < (recent ? 0.05 + 0.12 * struggling : 0.01 + 0.03 * struggling)) return;
    const late = random() < 0.08 + 0.15 * struggling;
    const sentOn = late ? addDays(p.due, between(random, 1, 20)) : addDays(p.endDate, between(random, 1, Math.max(1, setting.dueDays)));
    const first = random() < 0.07 && bySupplier;
    const sent = send(p.period, 1, first ? round(value * 1.5 + 1, 2) : value, sentOn);
    if (!sent || !bySupplier) return;
    const reviewedOn = addDays(sentOn, between(random, 1, 6));
    if (recent && random() < 0.2) return;
    if (!first) {
      review(sent, reviewedOn, "approve");
      return;
    }
    if (!review(sent, reviewedOn, "reject", pick(random, REJECTIONS)) || (recent && random() < 0.4)) return;
    const correctedOn = addDays(reviewedOn, between(random, 1, 5));
    const corrected = send(p.period, 2, value, correctedOn);
    if (corrected) review(corrected, addDays(correctedOn, between(random, 1, 4)), "approve");
  });
  return { updates, reviews };
}

/**
 * Annual assessments of each contract year ended a month or more ago (a termination assessment
 * for the last year of an ended contract), on about half the contracts; the rest have one due. Each notice is published a few days after
 * confirmation, except the latest one of UNPUBLISHED_TITLE.
 */
function demoAssessments(records: DeliveryRecords, setting: Setting, version: number): { assessments: AssessmentRecord[]; publications: NoticePublication[] } {
  const { contract } = setting;
  const random = randomFor(`assessments:${contract.id}`);
  const unpublished = contract.title === UNPUBLISHED_TITLE;
  if ((random() < 0.45 && !unpublished) || !records.kpis.some((k) => k.kind === "kpi")) return { assessments: [], publications: [] };
  const summary = summarise(records, version, setting.now);
  const assessments: AssessmentRecord[] = [];
  const publications: NoticePublication[] = [];
  for (let year = 0; ; year++) {
    const from = addMonths(contract.startDate, 12 * year);
    const end = addDays(addMonths(contract.startDate, 12 * (year + 1)), -1);
    const to = end < contract.endDate ? end : contract.endDate;
    if (from > contract.endDate || addDays(to, 35) >= setting.until) break;
    const createdOn = addDays(to, between(random, 10, 20));
    const draft = draftAssessment(contract, summary, { from, to, kind: to === contract.endDate ? "termination" : "annual" }, { id: demoId(`assessment:${contract.id}:${year}`), by: contract.managerId, at: moment(createdOn, 10, 0), dueDays: setting.dueDays });
    if (!draft.ok) throw new Error(`The demo's assessment of ${contract.reference} for ${from} to ${to} is refused: ${draft.errors.map((e) => `${e.field} ${e.message}`).join("; ")}`);
    const confirmedOn = addDays(createdOn, between(random, 2, 10));
    const confirmed = confirmAssessment(draft.assessment, {}, { by: contract.managerId, at: moment(confirmedOn, 15, 0) });
    if (!confirmed.ok) throw new Error(`The demo's assessment of ${contract.reference} cannot be confirmed: ${confirmed.errors.map((e) => `${e.field} ${e.message}`).join("; ")}`);
    assessments.push(confirmed.assessment);
    const publishedAt = moment(addDays(confirmedOn, between(random, 2, 10)), 11, 0);
    if (publishedAt <= setting.now) publications.push({ assessmentId: confirmed.assessment.id, publishedAt, publishedBy: DEMO_ADMIN.userId, url: `https://www.find-tender.service.gov.uk/Notice/demo-${contract.reference}-${year + 1}` });
  }
  const latest = assessments.at(-1);
  return { assessments, publications: unpublished && latest ? publications.filter((p) => p.assessmentId !== latest.id) : publications };
}

/** The demo tender for a contract awarded through the real award: its supplier wins. */
function demoTender(contract: ContractRecord, winner: string, rivals: string[], commitments: [string, number, number][]) {
  return evaluationSubmissionSchema.parse({
    tender: { reference: `${contract.reference}-T`, title: contract.title, catalogueVersion: DEFAULT_CATALOGUE.version, weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 },
    bidders: [
      { name: winner, price: Math.round(contract.value), qualitativeScore: 4 },
      ...rivals.map((name, i) => ({ name, price: Math.round(contract.value * (1.04 + 0.05 * i)), qualitativeScore: 3 - i })),
    ],
    commitments: commitments.map(([measure, quantity, accepted]) => ({ measure, quantities: [quantity, round(quantity * 0.6, 2), round(quantity * 0.3, 2)], accepted: [accepted, 1, 1] })),
  });
}

/**
 * Awards the contract's demo evaluation as the add-in would (the evaluation scored and stored, then
 * awardEvaluation), and answers the commitments the award tracks like KPIs. Awarding again answers
 * the award as it was made.
 */
async function awardDemo(storage: Storage, contract: ContractRecord, supplierName: string, names: string[], now: Date, dueDays: number): Promise<KpiRecord[]> {
  const plan = AWARDS[contract.title];
  if (!plan) return [];
  const submission = demoTender(contract, supplierName, plan.rivals.map((i) => names[i] as string), plan.commitments);
  const evaluationId = demoId(`evaluation:${contract.id}`);
  let ids = 0;
  const deps = createAppDeps(storage, { moneyLabel: DEFAULT_CATALOGUE.moneyLabel ?? "Coventry £", now: () => now, newId: () => demoId(`award:${contract.id}:${ids++}`), delivery: { dueDays } });
  const submitted = await submitEvaluation(deps, DEMO_ADMIN, { submission, id: evaluationId });
  if (!submitted.ok) throw new Error(`The demo evaluation of ${contract.reference} was refused: ${submitted.message}`);
  const awarded = await awardEvaluation(deps, DEMO_ADMIN, { evaluationId, bidder: supplierName, contractId: contract.id, issuesReviewed: true });
  if (!awarded.ok) throw new Error(`The demo award of ${contract.reference} was refused: ${awarded.message}`);
  // The commitments as the app tracks them (listKpis), not worked out again here.
  const tracked = await listKpis(deps, DEMO_ADMIN, contract.id);
  if (!tracked.ok) throw new Error(`The demo award of ${contract.reference} has no KPIs to read: ${tracked.message}`);
  return tracked.value.filter((k) => k.commitment?.source === "award").map(({ periods: _periods, currentRating: _rating, etag: _etag, ...kpi }) => kpi);
}

/** The latest day, up to today, that is `dueDays` after the first of a month (YYYY-MM-DD). */
function latestDueDay(today: string, dueDays: number): string {
  const thisMonth = addDays(`${today.slice(0, 7)}-01`, dueDays);
  if (thisMonth <= today) return thisMonth;
  const [year, month] = today.split("-").map(Number) as [number, number];
  const previous = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
  return addDays(previous, dueDays);
}

/**
 * Loads the demo contracts' delivery, each contract's in one bulk load; a contract whose
 * partition already holds its demo KPIs is left as it is. Answers how many contracts it loaded.
 */
export async function seedDemoDelivery(storage: Storage, contractIds: readonly string[], now: Date = new Date(), dueDays = 14): Promise<number> {
  if (!(await storage.catalogues.get(DEFAULT_CATALOGUE.version))) await storage.catalogues.publish(DEFAULT_CATALOGUE, "toms");
  // Everything is as it stood on the latest day a month's updates fell due (the month before's
  // are then in), so the demo is the same from one due day to the next.
  const cut = latestDueDay(ukDate(now), dueDays);
  const until = `${cut.slice(0, 7)}-01`;
  const at = new Date(`${cut}T00:00:00Z`);
  const suppliers = await storage.suppliers.all();
  const names = suppliers.map((s) => s.name);
  let loaded = 0;
  for (const [index, id] of contractIds.entries()) {
    let contract = await storage.contracts.get(id);
    if (!contract) continue;
    if (contract.title === EXEMPT_TITLE && !contract.kpiExemptionReason) contract = await storage.contracts.update(contract, { kpiExemptionReason: EXEMPTION_REASON }, contract.etag);
    const { etag: _etag, ...record } = contract;
    const kpis = demoKpis(record, index);
    const before = await storage.delivery.summary(id);
    if (before?.summary.kpis.some((k) => k.id === kpis[0]?.id)) continue;
    const supplier = suppliers.find((s) => s.id === record.supplierId);
    if (!supplier) throw new Error(`The demo contract ${record.reference} has no supplier in the register.`);
    const contact = (await storage.suppliers.listContacts(supplier.id))[0];
    const commitments = await awardDemo(storage, record, supplier.name, names, at, dueDays);
    const random = randomFor(`contract:${id}`);
    const setting: Setting = {
      contract: record,
      supplier: { id: contact?.email ?? supplier.id, name: contact?.name ?? supplier.name, site: (contact?.email ?? supplier.email ?? "supplier.example").split("@").at(-1) as string },
      tendency: random() * 2.3 - 1.5,
      delivering: 0.45 + random() * 0.5,
      until,
      now: at.toISOString(),
      dueDays,
    };
    const tracked = [...kpis, ...commitments];
    const histories = tracked.map((kpi) => kpiHistory(kpi, setting));
    const version = ((await storage.delivery.summary(id))?.summary.version ?? 0) + 1;
    const updates = histories.flatMap((h) => h.updates);
    const reviews = histories.flatMap((h) => h.reviews);
    const assessed = demoAssessments({ contractId: id, kpis: tracked, updates, reviews, assessments: [], publications: [] }, setting, version);
    const summary = summarise({ contractId: id, kpis: tracked, updates, reviews, ...assessed }, version, setting.now);
    // Awarded commitments stay the award's (tracked from it); only the contract's own KPIs are stored.
    await storage.delivery.load(id, { kpis, updates, reviews, ...assessed }, summary, deliveryDigest(summary));
    loaded++;
  }
  return loaded;
}

// The UK9 contract performance notice of a confirmed assessment, as an OCDS 1.1 release with the
// Cabinet Office UK extension (docs/delivery.md, "The UK9 notice").
import type { ContractAwardRef, ContractRecord } from "../register/contract.js";
import type { SupplierRecord } from "../register/supplier.js";
import { targetFor } from "./kpis.js";
import type { AssessmentKpi, AssessmentRecord, KpiRecord, RatingId } from "./model.js";
import { addDays, periodStartDate, ukDayEnd, ukDayStart } from "./periods.js";
import { ratingLabel, ratingOcdsId } from "./ratings.js";
import { longDate, withUnit } from "./words.js";

/** The contracting authority as the notice names it. */
export interface NoticeBuyer {
  name: string;
  /** e.g. { scheme: "GB-PPON", id: "PXXX-1234-XXXX" }. */
  identifier?: { scheme: string; id: string };
  email?: string;
  address?: { streetAddress?: string; locality?: string; postalCode?: string; countryName?: string };
}

export interface PerformanceNoticeInput {
  buyer: NoticeBuyer;
  contract: ContractRecord & { award?: ContractAwardRef | null };
  supplier: SupplierRecord & { sizeBand?: string };
  assessment: AssessmentRecord;
  /** Every KPI of the contract (kind "kpi"). */
  kpis: readonly KpiRecord[];
  /** The release's date (ISO with offset). */
  date: string;
  /** The council's OCDS prefix, e.g. "ocds-h6vhtk". */
  ocidPrefix: string;
}

/** An OCDS release: a JSON object. */
export type OcdsRelease = Record<string, unknown>;

/**
 * The scheme of a supplier's identifier when the register has no Companies House number: the
 * suite's own supplier id. Regulation 39(4) asks for each supplier's unique identifier, and the
 * suite's id is unique and stable; a scheme of its own keeps it from passing for a public
 * register's number (GB-COH, GB-PPON). A reader who needs a registered number sees that the
 * supplier's record lacks one.
 */
export const SUITE_SUPPLIER_SCHEME = "GB-TOMS";

// The council's size bands are partyScale codes as they stand; "unknown" has no code, so the notice says nothing.
const PARTY_SCALE: Readonly<Record<string, string>> = { micro: "micro", small: "small", medium: "medium", large: "large" };


function withoutEmpty<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as Partial<T>;
}

function buyerParty(buyer: NoticeBuyer): { id: string; party: Record<string, unknown> } {
  const id = buyer.identifier ? `${buyer.identifier.scheme}-${buyer.identifier.id}` : "buyer";
  const address = buyer.address ? withoutEmpty(buyer.address) : {};
  const party = withoutEmpty({
    id,
    name: buyer.name,
    roles: ["buyer"],
    identifier: buyer.identifier ? { scheme: buyer.identifier.scheme, id: buyer.identifier.id, legalName: buyer.name } : undefined,
    address: Object.keys(address).length > 0 ? address : undefined,
    contactPoint: buyer.email ? { email: buyer.email } : undefined,
  });
  return { id, party };
}

function supplierParty(supplier: PerformanceNoticeInput["supplier"]): { id: string; party: Record<string, unknown> } {
  const identifier = supplier.companyNumber
    ? { scheme: "GB-COH", id: supplier.companyNumber.toUpperCase(), legalName: supplier.name }
    : { scheme: SUITE_SUPPLIER_SCHEME, id: supplier.id, legalName: supplier.name };
  const id = `${identifier.scheme}-${identifier.id}`;
  // The register's postcodes are UK postcodes, so the country is known even when the address text is not.
  const address = supplier.address || supplier.postcode ? withoutEmpty({ streetAddress: supplier.address, postalCode: supplier.postcode, countryName: "United Kingdom" }) : undefined;
  const scale = supplier.sizeBand === undefined ? undefined : PARTY_SCALE[supplier.sizeBand];
  const party = withoutEmpty({
    id,
    name: supplier.name,
    roles: ["supplier"],
    identifier,
    address,
    contactPoint: supplier.email ? { email: supplier.email } : undefined,
    details: withoutEmpty({ scale, vcse: supplier.vcse }),
  });
  return { id, party };
}

/** The period an OCDS observation covers: from the first moment of one UK day to the last of another. */
function ocdsPeriod(from: string, to: string): { startDate: string; endDate: string } {
  return { startDate: ukDayStart(from), endDate: ukDayEnd(to) };
}

/**
 * The targets in force at some time in the assessed range, each with the days it applied to
 * (within the contract), so that a reader sees what the supplier was held to.
 */
function agreedTargets(kpi: KpiRecord, contract: ContractRecord, range: { from: string; to: string }): Record<string, unknown>[] {
  const starts = kpi.versions.map((v) => periodStartDate(v.fromPeriod));
  const applied = kpi.versions.map((version, i) => {
    const next = starts[i + 1];
    const from = starts[i] as string;
    const start = from < contract.startDate ? contract.startDate : from;
    const end = next === undefined || next > contract.endDate ? contract.endDate : addDays(next, -1);
    return { version, start, end };
  });
  const inRange = applied.filter((a) => a.start <= range.to && a.end >= range.from);
  // A range wholly outside the contract still shows the target the KPI was set with.
  const shown = inRange.length > 0 ? inRange : applied.slice(0, 1);
  return shown.map(({ version, start, end }) => {
    const { target, tolerance } = targetFor(kpi, version.fromPeriod);
    const better = kpi.direction === "higher" ? "higher is better" : "lower is better";
    const approaching = tolerance > 0 ? `; within ${withUnit(tolerance, kpi.unit)} of it counts as approaching target` : "";
    return {
      id: `${kpi.id}-target-${version.fromPeriod}`,
      period: ocdsPeriod(start, end),
      measure: target,
      unit: { name: kpi.unit },
      notes: `Target from ${version.fromPeriod}: ${withUnit(target, kpi.unit)} (${better}${approaching}).`,
    };
  });
}

/** The latest value accepted for a period of the range, if any: what the KPI stood at when assessed. */
function lastAcceptedValue(assessed: AssessmentKpi): number | undefined {
  let latest: { endDate: string; value: number } | undefined;
  for (const p of assessed.periods) {
    if (p.value !== undefined && (latest === undefined || p.endDate > latest.endDate)) latest = { endDate: p.endDate, value: p.value };
  }
  return latest?.value;
}

function classification(rating: RatingId): { id: string; description: string } {
  return { id: ratingOcdsId(rating), description: ratingLabel(rating) };
}

/** One KPI of the notice: the record (when the contract still has it) and its part of the assessment (when it was assessed). */
interface NoticeKpi {
  id: string;
  title: string;
  unit: string;
  record?: KpiRecord;
  assessed?: AssessmentKpi;
}

/** The contract's KPIs in their order, then any assessed KPI the contract no longer lists, so that no rating is lost. */
function noticeKpis(kpis: readonly KpiRecord[], assessment: AssessmentRecord): NoticeKpi[] {
  const assessedById = new Map(assessment.kpis.map((a) => [a.kpiId, a]));
  const listed = kpis.filter((k) => k.kind === "kpi");
  const fromRecords = listed.map((record): NoticeKpi => {
    const assessed = assessedById.get(record.id);
    // The assessment is immutable: the notice names the KPI as it was assessed.
    return { id: record.id, title: assessed?.title ?? record.title, unit: assessed?.unit ?? record.unit, record, assessed };
  });
  const listedIds = new Set(listed.map((k) => k.id));
  const unlisted = assessment.kpis.filter((a) => !listedIds.has(a.kpiId)).map((assessed): NoticeKpi => ({ id: assessed.kpiId, title: assessed.title, unit: assessed.unit, assessed }));
  return [...fromRecords, ...unlisted];
}

function agreedMetric(kpi: NoticeKpi, contract: ContractRecord, assessment: AssessmentRecord): Record<string, unknown> {
  const observations = kpi.record
    ? agreedTargets(kpi.record, contract, assessment)
    : [{ id: `${kpi.id}-target`, measure: kpi.assessed?.target, unit: { name: kpi.unit } }];
  return withoutEmpty({ id: kpi.id, title: kpi.title, description: kpi.record?.description, observations });
}

function assessedMetric(kpi: NoticeKpi, assessment: AssessmentRecord): Record<string, unknown> {
  const rating: RatingId = kpi.assessed?.rating ?? "other";
  const notes = kpi.assessed ? kpi.assessed.override?.reason : "Not assessed: this KPI was set after the assessment was made, so it is rated Other.";
  const observation = withoutEmpty({
    id: `${kpi.id}-${assessment.id}`,
    period: ocdsPeriod(assessment.from, assessment.to),
    measure: kpi.assessed ? lastAcceptedValue(kpi.assessed) : undefined,
    unit: { name: kpi.unit },
    notes,
    measureClassification: classification(rating),
  });
  return { id: kpi.id, title: kpi.title, observations: [observation] };
}

/**
 * The UK9 contract performance notice (Procurement Act 2023 s.71; Procurement Regulations 2024
 * reg 39) of an assessment, as an OCDS 1.1 release with the Cabinet Office UK extension: the
 * buyer and supplier, the KPIs with their targets, and each KPI's rating over the assessed range.
 * Every KPI of the contract appears: one set after the assessment is rated Other, with a note.
 *
 * @example performanceNotice({ buyer, contract, supplier, assessment, kpis, date: "2026-04-20T10:00:00+01:00", ocidPrefix: "ocds-h6vhtk" }).ocid // "ocds-h6vhtk-<contract id>"
 */
export function performanceNotice(input: PerformanceNoticeInput): OcdsRelease {
  const { contract, assessment, date } = input;
  const ocid = `${input.ocidPrefix}-${contract.id}`;
  const id = `${ocid}-UK9-${assessment.id}`;
  const buyer = buyerParty(input.buyer);
  const supplier = supplierParty(input.supplier);
  const awardId = `${contract.id}-award`;
  const kpis = noticeKpis(input.kpis, assessment);
  const onTermination = assessment.kind === "termination" ? ", assessed on the contract's termination" : "";
  const notice = {
    id: `${id}-notice`,
    documentType: "implementationNotice",
    noticeType: "UK9",
    title: `Contract performance notice: ${contract.title}`,
    description:
      `This notice sets out the assessment of the supplier's performance against the key performance indicators of the contract ` +
      `from ${longDate(assessment.from)} to ${longDate(assessment.to)}${onTermination} (Procurement Act 2023, section 71).`,
    datePublished: date,
  };
  return {
    ocid,
    id,
    date,
    tag: ["implementation"],
    initiationType: "tender",
    language: "en",
    parties: [buyer.party, supplier.party],
    buyer: { id: buyer.id, name: input.buyer.name },
    // The procurement's own reference is the evaluation's when the suite made the award; the contract's otherwise.
    tender: { id: contract.award?.evaluationReference ?? contract.reference, title: contract.title },
    awards: [{ id: awardId, suppliers: [{ id: supplier.id, name: input.supplier.name }] }],
    contracts: [
      {
        id: contract.id,
        awardID: awardId,
        title: contract.title,
        period: ocdsPeriod(contract.startDate, contract.endDate),
        agreedMetrics: kpis.map((k) => agreedMetric(k, contract, assessment)),
        implementation: {
          metrics: kpis.map((k) => assessedMetric(k, assessment)),
          documents: [notice],
        },
      },
    ],
  };
}

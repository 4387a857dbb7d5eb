// The demo's supplier diversity (issue 11): 140 more local SMEs in the register, and two years of campaigns answered by a share of them.
import {
  AGE_BANDS,
  BALANCE_SHEET_BANDS,
  EMPLOYEE_BANDS,
  ETHNIC_GROUPS,
  PREFER_NOT_TO_SAY,
  QUESTIONNAIRE_V1,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
  TURNOVER_BANDS,
  type BandOption,
  type Principal,
  type SupplierInput,
} from "@toms/domain";
import { closeCampaign, openCampaign, publishBaseline, submitResponse, type DiversityDeps } from "@toms/app/diversity";
import type { Storage } from "@toms/storage";
import type { InvitationRecord } from "@toms/storage/diversity";
import { DEMO_EDI_ANALYST, demoId, demoSuppliers, ignoreExisting } from "./demo.js";
import { DEMO_ADMIN, seededHash, seededRandom } from "./demo-delivery.js";

/** Changing it changes every figure of the demo's diversity: screenshots rest on it. */
const SEED = "toms-demo-diversity-1";

/** How many local SMEs the diversity demo adds to the register, so that a baseline with a threshold of 10 has something to show. */
export const DEMO_DIVERSITY_SUPPLIER_COUNT = 140;

/** The share of the invited businesses that answer: last year's closed campaign, and this year's so far. */
export const DEMO_RESPONSE_SHARE = { lastYear: 0.75, thisYear: 0.55 } as const;

/** The generator for one purpose of one supplier, so that each supplier's answers stand alone. */
function randomFor(label: string): () => number {
  return seededRandom(SEED, label);
}

function hashOf(label: string): number {
  return seededHash(SEED, label);
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** One of the values, each as likely as its weight. */
function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

// ---------------------------------------------------------------------------------------------
// The register: local businesses named after their neighbourhood and trade.

/** Coventry's neighbourhoods in the council's postcode districts. */
const NEIGHBOURHOODS: readonly (readonly [place: string, district: string])[] = [
  ["Spon End", "CV1"], ["Hillfields", "CV1"], ["Swanswell", "CV1"], ["Naul's Mill", "CV1"], ["Gosford Green", "CV1"], ["Greyfriars", "CV1"],
  ["Wyken", "CV2"], ["Walsgrave", "CV2"], ["Bell Green", "CV2"], ["Ball Hill", "CV2"], ["Stoke Heath", "CV2"], ["Potters Green", "CV2"], ["Henley Green", "CV2"], ["Clifford Park", "CV2"],
  ["Cheylesmore", "CV3"], ["Binley", "CV3"], ["Willenhall", "CV3"], ["Styvechale", "CV3"], ["Finham", "CV3"], ["Whitley", "CV3"], ["Green Lane", "CV3"], ["Ernesford Grange", "CV3"],
  ["Canley", "CV4"], ["Tile Hill", "CV4"], ["Westwood Heath", "CV4"], ["Cannon Park", "CV4"], ["Fletchamstead", "CV4"], ["Gibbet Hill", "CV4"],
  ["Earlsdon", "CV5"], ["Allesley", "CV5"], ["Chapelfields", "CV5"], ["Whoberley", "CV5"], ["Eastern Green", "CV5"], ["Mount Nod", "CV5"],
  ["Foleshill", "CV6"], ["Radford", "CV6"], ["Longford", "CV6"], ["Holbrooks", "CV6"], ["Coundon", "CV6"], ["Keresley", "CV6"], ["Edgwick", "CV6"], ["Courthouse Green", "CV6"],
];

type LegalForm = "sole-trader" | "partnership" | "limited-company" | "community-interest-company" | "charity" | "co-operative";
type Size = "micro" | "small" | "medium";

interface Trade {
  trade: string;
  sector: string;
  /** The sector as the business would write it, when it answers "other". */
  sectorOther?: string;
  forms: readonly (readonly [LegalForm, number])[];
  sizes: readonly (readonly [Size, number])[];
}

const COMPANY: Trade["forms"] = [["limited-company", 70], ["sole-trader", 20], ["partnership", 10]];
const TRADESPEOPLE: Trade["forms"] = [["limited-company", 55], ["sole-trader", 40], ["partnership", 5]];
const SOCIAL: Trade["forms"] = [["community-interest-company", 40], ["charity", 25], ["co-operative", 15], ["limited-company", 20]];
const PROFESSIONS: Trade["forms"] = [["partnership", 45], ["limited-company", 45], ["sole-trader", 10]];
const MOSTLY_MICRO: Trade["sizes"] = [["micro", 75], ["small", 22], ["medium", 3]];
const SPREAD: Trade["sizes"] = [["micro", 50], ["small", 35], ["medium", 15]];
const LARGER: Trade["sizes"] = [["micro", 25], ["small", 45], ["medium", 30]];

const TRADES: readonly Trade[] = [
  { trade: "Plumbing and Heating", sector: "construction", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Joinery", sector: "construction", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Roofing", sector: "construction", forms: TRADESPEOPLE, sizes: SPREAD },
  { trade: "Electrical Contractors", sector: "construction", forms: COMPANY, sizes: SPREAD },
  { trade: "Decorators", sector: "construction", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Building Services", sector: "construction", forms: COMPANY, sizes: LARGER },
  { trade: "Precision Engineering", sector: "manufacturing", forms: COMPANY, sizes: LARGER },
  { trade: "Fabrications", sector: "manufacturing", forms: COMPANY, sizes: SPREAD },
  { trade: "Signs and Graphics", sector: "manufacturing", forms: COMPANY, sizes: MOSTLY_MICRO },
  { trade: "Accountants", sector: "professional-services", forms: PROFESSIONS, sizes: SPREAD },
  { trade: "Solicitors", sector: "professional-services", forms: PROFESSIONS, sizes: SPREAD },
  { trade: "HR Consulting", sector: "professional-services", forms: COMPANY, sizes: MOSTLY_MICRO },
  { trade: "IT Support", sector: "it-and-digital", forms: COMPANY, sizes: SPREAD },
  { trade: "Web Design", sector: "it-and-digital", forms: COMPANY, sizes: MOSTLY_MICRO },
  { trade: "Software", sector: "it-and-digital", forms: COMPANY, sizes: LARGER },
  { trade: "Home Care", sector: "health-and-social-care", forms: [["limited-company", 60], ["community-interest-company", 30], ["charity", 10]], sizes: LARGER },
  { trade: "Physiotherapy", sector: "health-and-social-care", forms: PROFESSIONS, sizes: MOSTLY_MICRO },
  { trade: "Community Support", sector: "health-and-social-care", forms: SOCIAL, sizes: SPREAD },
  { trade: "Training", sector: "education-and-training", forms: COMPANY, sizes: SPREAD },
  { trade: "Tutoring", sector: "education-and-training", forms: [["sole-trader", 50], ["limited-company", 40], ["community-interest-company", 10]], sizes: MOSTLY_MICRO },
  { trade: "Cleaning Services", sector: "facilities-and-cleaning", forms: [["limited-company", 60], ["sole-trader", 20], ["co-operative", 10], ["community-interest-company", 10]], sizes: LARGER },
  { trade: "Security", sector: "facilities-and-cleaning", forms: COMPANY, sizes: LARGER },
  { trade: "Couriers", sector: "transport-and-logistics", forms: TRADESPEOPLE, sizes: SPREAD },
  { trade: "Removals", sector: "transport-and-logistics", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Minibus Hire", sector: "transport-and-logistics", forms: [["limited-company", 50], ["community-interest-company", 30], ["sole-trader", 20]], sizes: SPREAD },
  { trade: "Catering", sector: "hospitality-and-catering", forms: [["limited-company", 55], ["sole-trader", 25], ["community-interest-company", 20]], sizes: SPREAD },
  { trade: "Bakery", sector: "hospitality-and-catering", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Events", sector: "creative-and-media", forms: COMPANY, sizes: MOSTLY_MICRO },
  { trade: "Video and Photography", sector: "creative-and-media", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Arts", sector: "creative-and-media", forms: SOCIAL, sizes: MOSTLY_MICRO },
  { trade: "Workwear", sector: "retail-and-wholesale", forms: COMPANY, sizes: SPREAD },
  { trade: "Wholesale Foods", sector: "retail-and-wholesale", forms: COMPANY, sizes: LARGER },
  { trade: "Landscapes", sector: "other", sectorOther: "Grounds maintenance and landscaping", forms: TRADESPEOPLE, sizes: SPREAD },
  { trade: "Pest Control", sector: "other", sectorOther: "Pest control", forms: TRADESPEOPLE, sizes: MOSTLY_MICRO },
  { trade: "Recycling", sector: "other", sectorOther: "Waste and recycling", forms: [["limited-company", 50], ["community-interest-company", 30], ["co-operative", 20]], sizes: SPREAD },
];

/** How the name ends for each kind of organisation. */
const SUFFIX: Record<LegalForm, readonly string[]> = {
  "sole-trader": [""],
  partnership: [" LLP", " Partnership"],
  "limited-company": [" Ltd"],
  "community-interest-company": [" CIC"],
  charity: [" Trust"],
  "co-operative": [" Co-operative"],
};

/** Contacts' names: first and family names that go together, as Coventry's mix of people has them. */
const NAME_POOLS: readonly (readonly [first: readonly string[], last: readonly string[], weight: number])[] = [
  [["Ben", "Chloe", "Darren", "Hannah", "Ian", "Laura", "Nicola", "Paul", "Rachel", "Tom", "Zoe", "Craig", "Emma", "Gemma", "Liam", "Karen", "Rhys", "Nathan"], ["Bennett", "Clarke", "Evans", "Foster", "Lewis", "Quinn", "Thompson", "Turner", "Walker", "Williams", "Wright", "Brown", "Edwards", "Hall", "Jones", "Murphy", "Taylor", "O'Connor"], 55],
  [["Gurpreet", "Jaspreet", "Harpreet", "Parminder", "Amandeep", "Sanjay", "Deepak", "Usha", "Priya", "Ravi"], ["Atwal", "Chauhan", "Dhillon", "Gill", "Johal", "Kaur", "Mistry", "Patel", "Rai", "Sandhu", "Singh", "Dosanjh", "Shah"], 15],
  [["Aisha", "Farah", "Mohammed", "Tariq", "Yasmin", "Faisal", "Jamal", "Sadia", "Imran", "Zainab"], ["Ahmed", "Begum", "Hussain", "Iqbal", "Khan", "Mahmood", "Uddin", "Yusuf"], 10],
  [["Kwame", "Oluwaseun", "Adebayo", "Bukola", "Grace", "Chiamaka", "Delroy", "Marcia"], ["Obi", "Adeyemi", "Nwosu", "Mensah", "Campbell", "Grant", "Okafor", "Boateng"], 10],
  [["Ewa", "Wojciech", "Bogdan", "Irena", "Elena", "Marek", "Andrei", "Katarzyna"], ["Kowalczyk", "Nowak", "Popescu", "Varga", "Wisniewski", "Ionescu"], 8],
  [["Mei", "Wei", "Li", "Jun"], ["Chen", "Wong", "Zhang", "Liu"], 2],
];

function contactNameFor(random: () => number): string {
  const [first, last] = weighted(random, NAME_POOLS.map(([f, l, weight]) => [[f, l] as const, weight] as const));
  return `${pick(random, first)} ${pick(random, last)}`;
}

/** A supplier the diversity demo adds: what the register stores, and its one contact. */
export interface DemoDiversitySupplier {
  id: string;
  input: SupplierInput;
  contact: { name: string; email: string; id: string };
}

const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

function slugOf(name: string): string {
  return name.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function figuresOf(random: () => number, size: Size, form: LegalForm): { employees: number; turnover: number; balanceSheet: number } {
  const round = (value: number) => Math.round(value / 10_000) * 10_000;
  if (form === "sole-trader") {
    const turnover = round(30_000 + random() * 250_000);
    return { employees: between(random, 1, 3), turnover, balanceSheet: round(turnover * (0.1 + random() * 0.3)) };
  }
  if (size === "micro") {
    const turnover = round(80_000 + random() * 1_700_000);
    return { employees: between(random, 2, 9), turnover, balanceSheet: round(turnover * (0.15 + random() * 0.4)) };
  }
  if (size === "small") {
    const turnover = round(900_000 + random() * 8_500_000);
    return { employees: between(random, 10, 49), turnover, balanceSheet: round(turnover * (0.2 + random() * 0.5)) };
  }
  const turnover = round(9_000_000 + random() * 32_000_000);
  return { employees: between(random, 50, 240), turnover, balanceSheet: round(turnover * (0.2 + random() * 0.5)) };
}

/**
 * The 140 local SMEs the diversity demo adds to the register: each named after a neighbourhood of
 * Coventry and its trade, with a postcode in that neighbourhood's district (CV1 to CV6), micro,
 * small or medium figures, and one contact. Names never repeat, nor take a name in `taken` (the
 * demo portfolio's suppliers); ids come from the name, as the portfolio's do.
 */
export function demoDiversitySuppliers(taken: readonly string[] = []): DemoDiversitySupplier[] {
  const random = randomFor("register");
  const names = new Set(taken);
  const suppliers: DemoDiversitySupplier[] = [];
  while (suppliers.length < DEMO_DIVERSITY_SUPPLIER_COUNT) {
    const [place, district] = pick(random, NEIGHBOURHOODS);
    const trade = pick(random, TRADES);
    const form = weighted(random, trade.forms);
    const name = `${place} ${trade.trade}${pick(random, SUFFIX[form])}`;
    const size = weighted(random, trade.sizes);
    const figures = figuresOf(random, size, form);
    const postcode = `${district} ${between(random, 1, 9)}${pick(random, [...INWARD_LETTERS])}${pick(random, [...INWARD_LETTERS])}`;
    const contactName = contactNameFor(random);
    if (names.has(name)) continue;
    names.add(name);
    const slug = slugOf(name);
    const email = `contracts@${slug}.example`;
    const contactEmail = `${slugOf(contactName.split(" ")[0] ?? "contact")}@${slug}.example`;
    const companyNumber = form === "limited-company" || form === "community-interest-company" ? { companyNumber: String(hashOf(`company:${name}`) % 100_000_000).padStart(8, "0") } : {};
    suppliers.push({
      id: demoId(`supplier:${name}`),
      input: { name, postcode, ...figures, vcse: form === "community-interest-company" || form === "charity" || form === "co-operative", email, ...companyNumber },
      contact: { name: contactName, email: contactEmail, id: demoId(`contact:${email}`) },
    });
  }
  return suppliers;
}

// ---------------------------------------------------------------------------------------------
// The campaigns: last year's, closed and published; this year's, open.

/** When one year's campaign opened, closes, and (last year's) closed and was published; ISO moments. */
export interface DemoCampaignPlan {
  year: number;
  openedAt: string;
  closesAt: string;
  closedAt?: string;
  publishedAt?: string;
  /** The share of the invited businesses that answer. */
  share: number;
  /** No answer is given after this moment: the close, or today for an open campaign. */
  answersUntil: string;
}

const DAY = 86_400_000;

/**
 * The demo's two campaigns as of `today`: last year's ran from mid-September to the end of
 * November, was closed the next morning and its baseline published two weeks later; this year's
 * opened five weeks ago (not before 1 January) and closes in about two months.
 */
export function demoDiversityCampaigns(today: Date): { lastYear: DemoCampaignPlan; thisYear: DemoCampaignPlan } {
  const year = today.getUTCFullYear();
  const last = year - 1;
  const opened = new Date(Math.max(Date.UTC(year, 0, 1, 9), today.getTime() - 35 * DAY));
  const openedAt = opened.getTime() > today.getTime() ? today : opened;
  const closes = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 61, 17));
  return {
    lastYear: {
      year: last,
      openedAt: new Date(Date.UTC(last, 8, 15, 9)).toISOString(),
      closesAt: new Date(Date.UTC(last, 10, 28, 17)).toISOString(),
      closedAt: new Date(Date.UTC(last, 10, 29, 9, 30)).toISOString(),
      publishedAt: new Date(Date.UTC(last, 11, 12, 11)).toISOString(),
      share: DEMO_RESPONSE_SHARE.lastYear,
      answersUntil: new Date(Date.UTC(last, 10, 28, 17)).toISOString(),
    },
    thisYear: { year, openedAt: openedAt.toISOString(), closesAt: closes.toISOString(), share: DEMO_RESPONSE_SHARE.thisYear, answersUntil: today.toISOString() },
  };
}

/** What the answers are drawn from: the supplier as the register has it. */
export interface DemoRespondent {
  id: string;
  name: string;
  employees?: number;
  turnover?: number;
  balanceSheet?: number;
}

/**
 * The businesses that answer among those invited: exactly `share` of them (rounded), chosen by a
 * hash of the year and the supplier's id, so that the same ones answer on every load.
 */
export function demoDiversityRespondents<T extends { id: string }>(invited: readonly T[], year: number, share: number): T[] {
  const ranked = invited.map((item) => ({ item, rank: hashOf(`respond:${year}:${item.id}`) })).sort((a, b) => a.rank - b.rank || a.item.id.localeCompare(b.item.id));
  return ranked.slice(0, Math.round(share * invited.length)).map(({ item }) => item);
}

// ---------------------------------------------------------------------------------------------
// The answers: realistic but synthetic, the same owners each year, barriers and consent varying.

/** A set of answers as a supplier sends them (without year and supplierId). */
export type DemoAnswers = Record<string, string | string[]>;

/** What the business's name says of its legal form, and its trade of the sector. */
const FORM_BY_NAME: readonly (readonly [RegExp, LegalForm])[] = [
  [/\bCIC$/, "community-interest-company"],
  [/Co-operative$/, "co-operative"],
  [/\b(Trust|Charity)$/, "charity"],
  [/\b(LLP|& Co|Partnership)$/, "partnership"],
  [/\b(Ltd|plc)$/, "limited-company"],
];

/** The portfolio's suppliers' trades (demo.ts), where the trades above do not name them. */
const SECTOR_BY_NAME: readonly (readonly [RegExp, string])[] = [
  [/Facilities|Cleaning|Security/, "facilities-and-cleaning"],
  [/Print|Translation/, "professional-services"],
  [/Civil Engineering|Building|Electrical|Scaffolding/, "construction"],
  [/Care|Home Support|Medical/, "health-and-social-care"],
  [/Catering/, "hospitality-and-catering"],
  [/Digital/, "it-and-digital"],
  [/Youth/, "education-and-training"],
  [/Office Supplies/, "retail-and-wholesale"],
  [/Legal|Consulting/, "professional-services"],
  [/Fleet/, "transport-and-logistics"],
];

function sectorOf(name: string): { sector: string; sectorOther?: string } {
  const trade = TRADES.find((t) => name.includes(` ${t.trade}`));
  if (trade) return { sector: trade.sector, ...(trade.sectorOther ? { sectorOther: trade.sectorOther } : {}) };
  const known = SECTOR_BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
  if (known) return { sector: known };
  if (/Grounds|Landscapes/.test(name)) return { sector: "other", sectorOther: "Grounds maintenance and landscaping" };
  if (/Waste/.test(name)) return { sector: "other", sectorOther: "Waste and recycling" };
  if (/Energy/.test(name)) return { sector: "other", sectorOther: "Energy" };
  return { sector: "other", sectorOther: "Services to businesses" };
}

function legalFormOf(name: string): LegalForm {
  return FORM_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? "sole-trader";
}

/** The band a figure falls in, (over, atMost]. */
function bandFor(bands: readonly BandOption[], figure: number): string {
  return (bands.find((band) => (band.over === undefined || figure > band.over) && (band.atMost === undefined || figure <= band.atMost)) ?? (bands[bands.length - 1] as BandOption)).value;
}

type EthnicGroup = (typeof ETHNIC_GROUPS)[number]["value"];

// The owners of Coventry's small businesses, roughly: most White British, then Indian, other White, African, Pakistani...
const ETHNIC_WEIGHTS: readonly (readonly [EthnicGroup, number])[] = [
  ["white-british", 58], ["indian", 9.5], ["other-white", 6], ["african", 5], ["pakistani", 3.5], ["irish", 1.5], ["caribbean", 1.5], ["white-and-black-caribbean", 1.5],
  ["other-asian", 2], ["chinese", 1.5], ["arab", 1.5], ["bangladeshi", 1], ["other-ethnic-group", 1], ["white-and-asian", 0.7], ["other-mixed", 0.7],
  ["white-and-black-african", 0.5], ["other-black", 0.5], ["roma", 0.3], ["gypsy-or-irish-traveller", 0.2],
];

type Religion = (typeof RELIGIONS)[number]["value"];

function religionFor(random: () => number, group: EthnicGroup): Religion {
  const byGroup: Partial<Record<EthnicGroup, readonly (readonly [Religion, number])[]>> = {
    "white-british": [["no-religion", 55], ["christian", 41], ["buddhist", 1], ["jewish", 1], ["other", 2]],
    indian: [["sikh", 45], ["hindu", 38], ["muslim", 6], ["christian", 3], ["no-religion", 8]],
    pakistani: [["muslim", 95], ["no-religion", 5]],
    bangladeshi: [["muslim", 95], ["no-religion", 5]],
    arab: [["muslim", 85], ["christian", 10], ["no-religion", 5]],
    african: [["christian", 68], ["muslim", 22], ["no-religion", 10]],
    caribbean: [["christian", 60], ["no-religion", 35], ["other", 5]],
    chinese: [["no-religion", 60], ["buddhist", 20], ["christian", 20]],
    "other-white": [["christian", 72], ["no-religion", 28]],
    irish: [["christian", 70], ["no-religion", 30]],
  };
  return weighted(random, byGroup[group] ?? [["no-religion", 40], ["christian", 35], ["muslim", 15], ["other", 10]]);
}

const RELIGION_OTHER = ["Rastafarian", "Pagan", "Spiritualist"];
const ORIENTATION_OTHER = ["Asexual", "Pansexual"];

const BARRIER_WEIGHTS: readonly (readonly [string, number])[] = [
  ["finding-opportunities", 0.45],
  ["tender-complexity", 0.5],
  ["time-and-cost-of-bidding", 0.48],
  ["insurance-or-accreditation-demands", 0.25],
  ["contract-size", 0.3],
  ["payment-terms", 0.15],
  ["social-value-requirements", 0.12],
  ["other", 0.04],
];

const BARRIERS_OTHER = [
  "We have to register on a different portal for every buyer.",
  "The framework we need was closed when we started trading and has not reopened.",
  "The minimum turnover asked for is more than ours.",
  "Being asked for three years of accounts when we are newer than that.",
];

const COUNCIL_COULD_DO = [
  "Split larger contracts into lots that a small business can deliver.",
  "Publish a forward plan of what the council will buy in the next year.",
  "Shorter questionnaires for low-value quotes.",
  "Pay within 30 days, and tell us who to ask when a payment is late.",
  "Give feedback on bids we lose, so we can do better next time.",
  "Run Meet the Buyer sessions in the evening, when sole traders can come.",
  "Accept our public liability cover for small jobs instead of asking for £10 million.",
  "Explain what social value means for a business of five people.",
  "Let us team up with other local firms on one bid.",
  "Advertise quotes under £25,000 on Contracts Finder as well as the council's portal.",
  "A named contact in procurement we can ring with questions.",
  "Plain English in tender documents.",
];

/** The owners of one business: who they are does not change from one year to the next. */
interface Owners {
  groups: EthnicGroup[];
  women: number;
  disabled: number;
  ages: string[];
  religions: Religion[];
  orientations: string[];
  /** Whether the business prefers not to say anything about its owners. */
  private: boolean;
}

function ownersOf(respondent: DemoRespondent): Owners {
  const random = randomFor(`owners:${respondent.id}`);
  const form = legalFormOf(respondent.name);
  const count = form === "sole-trader" ? 1 : form === "partnership" ? between(random, 2, 3) : weighted(random, [[1, 50], [2, 38], [3, 12]]);
  // Business partners often share a background: the second and third owner follow the first more often than not.
  const first = weighted(random, ETHNIC_WEIGHTS);
  const groups = Array.from({ length: count }, (_, i) => (i === 0 || random() < 0.6 ? first : weighted(random, ETHNIC_WEIGHTS)));
  let women = 0;
  let disabled = 0;
  for (let i = 0; i < count; i++) {
    if (random() < 0.38) women++;
    if (random() < 0.09) disabled++;
  }
  const ages = groups.map(() => weighted(random, [["16-to-24", 3], ["25-to-34", 17], ["35-to-49", 38], ["50-to-64", 32], ["65-or-over", 10]] as const));
  const religions = groups.map((group) => religionFor(random, group));
  const orientations = groups.map(() => weighted(random, [["straight-or-heterosexual", 93], ["gay-or-lesbian", 4], ["bisexual", 2.5], ["other", 0.5]] as const));
  return { groups, women, disabled, ages, religions, orientations, private: random() < 0.07 };
}

/** Values in the order the question offers them, each once. */
function inOrder(options: readonly { value: string }[], chosen: readonly string[]): string[] {
  return options.map((o) => o.value).filter((value) => chosen.includes(value));
}

/** More than half of the owners. */
const majority = (count: number, of: number): "yes" | "no" => (count * 2 > of ? "yes" : "no");

/**
 * One business's answers to questionnaire 2026.1 for `year`, as it would send them: its size bands
 * from its figures in the register, its legal form and sector from its name, its owners the same
 * every year (drawn from its id), and its barriers, suggestions and consent to contact drawn anew
 * each year. Some questions are skipped and some answered "Prefer not to say"; about 60% consent to
 * contact. Without `withOwners`, the owners' questions are left out: a first answer that the
 * business comes back to complete.
 */
export function demoDiversityAnswers(respondent: DemoRespondent, year: number, withOwners = true): DemoAnswers {
  const random = randomFor(`answers:${year}:${respondent.id}`);
  const answers: DemoAnswers = { privacyNoticeVersion: QUESTIONNAIRE_V1.privacyNoticeVersion };
  const skip = (share: number) => random() < share;

  if (!skip(0.03)) answers.legalForm = legalFormOf(respondent.name);
  if (!skip(0.03)) Object.assign(answers, sectorOf(respondent.name));
  const { employees, turnover, balanceSheet } = respondent;
  // Every business gives its headcount; one that prefers not to give its turnover gives its balance
  // sheet, so its size is still known (an "unknown" size of a few businesses would hide the others' counts).
  if (employees !== undefined) answers.employeesBand = bandFor(EMPLOYEE_BANDS, employees);
  const turnoverPrivate = skip(0.05);
  if (turnover !== undefined) answers.turnoverBand = turnoverPrivate ? PREFER_NOT_TO_SAY : bandFor(TURNOVER_BANDS, turnover);
  // The form asks for the balance sheet only when turnover is over £2m; some answer it anyway.
  if (balanceSheet !== undefined && turnover !== undefined && (turnoverPrivate || random() < (turnover > 2_000_000 ? 0.8 : 0.25))) answers.balanceSheetBand = bandFor(BALANCE_SHEET_BANDS, balanceSheet);

  const owners = ownersOf(respondent);
  // A business answering about its owners answers the three yes-or-no questions and, now and then,
  // leaves a detailed one blank; some prefer not to say one, some (owners.private) every one.
  const person = (answer: () => string | string[], detailed = true): string | string[] | undefined => {
    if (owners.private) return PREFER_NOT_TO_SAY;
    if (detailed && skip(0.03)) return undefined;
    if (skip(0.04)) return PREFER_NOT_TO_SAY;
    return answer();
  };
  const asList = (value: string | string[] | undefined): string[] | undefined => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
  if (withOwners) {
    const minority = owners.groups.filter((group) => group !== "white-british").length;
    const ownership: Record<string, string | string[] | undefined> = {
      ethnicMinorityOwned: person(() => majority(minority, owners.groups.length), false),
      ownersEthnicGroup: asList(person(() => inOrder(ETHNIC_GROUPS, owners.groups))),
      womenOwned: person(() => majority(owners.women, owners.groups.length), false),
      disabledOwned: person(() => majority(owners.disabled, owners.groups.length), false),
      ownersSexualOrientation: asList(person(() => inOrder(SEXUAL_ORIENTATIONS, owners.orientations))),
      ownersReligion: asList(person(() => inOrder(RELIGIONS, owners.religions))),
      ownersAgeBand: asList(person(() => inOrder(AGE_BANDS, owners.ages))),
    };
    for (const [field, value] of Object.entries(ownership)) if (value !== undefined) answers[field] = value;
    const own = randomFor(`write-ins:${respondent.id}`);
    if (asList(answers.ownersReligion)?.includes("other")) answers.ownersReligionOther = pick(own, RELIGION_OTHER);
    if (asList(answers.ownersSexualOrientation)?.includes("other") && own() < 0.5) answers.ownersSexualOrientationOther = pick(own, ORIENTATION_OTHER);
  }

  if (skip(0.04)) answers.barriers = [PREFER_NOT_TO_SAY];
  else if (!skip(0.05)) {
    const ticked = BARRIER_WEIGHTS.filter(([, share]) => random() < share).map(([value]) => value);
    const barriers = ticked.length > 0 ? ticked : [weighted(random, BARRIER_WEIGHTS)];
    answers.barriers = inOrder(BARRIER_WEIGHTS.map(([value]) => ({ value })), barriers);
    if (barriers.includes("other")) answers.barriersOther = pick(random, BARRIERS_OTHER);
  }
  if (random() < 0.35) answers.councilCouldDo = pick(random, COUNCIL_COULD_DO);
  const consent = random();
  if (consent < 0.6) answers.consentToContact = "yes";
  else if (consent < 0.93) answers.consentToContact = "no";
  return answers;
}

/** One submission the demo makes, as the supplier's contact, at a moment of the campaign. */
export interface DemoSubmission {
  year: number;
  supplierId: string;
  /** The supplier's first submission of the year is 1, its second 2. */
  step: 1 | 2;
  /** When it is sent (ISO): within the campaign, never after `answersUntil`. */
  at: string;
  answers: DemoAnswers;
  /** The same on every load, so that a load that stopped half way sends no answer twice. */
  idempotencyKey: string;
}

/** The share of respondents that send a first, shorter answer and come back to complete it. */
const RESUBMITTING = 0.08;

/**
 * Every submission of one campaign: the respondents among `invited` (`demoDiversityRespondents`),
 * each answering once at a moment of the campaign (more of them in its first week and before it
 * closes), and a few twice: a first answer without the owners' questions, replaced later by a full one.
 * In order of time.
 */
export function demoDiversitySubmissions(invited: readonly DemoRespondent[], campaign: DemoCampaignPlan): DemoSubmission[] {
  const start = Date.parse(campaign.openedAt);
  const span = Math.max(0, Date.parse(campaign.answersUntil) - start);
  const submissions: DemoSubmission[] = [];
  for (const respondent of demoDiversityRespondents(invited, campaign.year, campaign.share)) {
    const random = randomFor(`when:${campaign.year}:${respondent.id}`);
    // Early answers, steady ones, and a rush before the deadline (after the reminders).
    const shape = weighted(random, [[() => random() * 0.15, 35], [() => 0.15 + random() * 0.7, 45], [() => 0.85 + random() * 0.15, 20]] as const);
    const first = start + Math.floor(shape() * span * 0.9);
    const make = (step: 1 | 2, at: number, withOwners: boolean): DemoSubmission => ({
      year: campaign.year,
      supplierId: respondent.id,
      step,
      at: new Date(at).toISOString(),
      answers: demoDiversityAnswers(respondent, campaign.year, withOwners),
      idempotencyKey: `demo-diversity:${campaign.year}:${respondent.id}:${step}`,
    });
    if (random() < RESUBMITTING) submissions.push(make(1, first, false), make(2, first + Math.floor(random() * (start + span - first)), true));
    else submissions.push(make(1, first, true));
  }
  return submissions.sort((a, b) => a.at.localeCompare(b.at) || a.supplierId.localeCompare(b.supplierId) || a.step - b.step);
}

// ---------------------------------------------------------------------------------------------
// Loading it.

/** The use cases' deps with the clock stopped at `at`: what happened last year is stored with last year's dates. */
function at(d: DiversityDeps, moment: string): DiversityDeps {
  return { ...d, app: { ...d.app, now: () => new Date(moment) } };
}

/** A seed that cannot do what the demo needs is a bug of the seed: it stops, saying what was refused. */
function valueOf<T>(outcome: { ok: true; value: T } | { ok: false; message: string }, doing: string): T {
  if (!outcome.ok) throw new Error(`The diversity demo could not ${doing}: ${outcome.message}`);
  return outcome.value;
}

/** The contact an invited business answers as: signed in, with the supplier role for its business. */
function contactOf(invitation: InvitationRecord): Principal {
  return { userId: invitation.contactEmail ?? `demo-contact:${invitation.supplierId}`, name: invitation.contactName ?? invitation.supplierName, roles: ["supplier"], supplierId: invitation.supplierId };
}

/** How many businesses' answers are sent at once: enough to load in seconds, few enough for the embedded storage. */
const CONCURRENT_SUPPLIERS = 8;

/** What the diversity demo added on one load. */
export interface SeededDiversity {
  suppliers: number;
  campaigns: number;
  responses: number;
}

/**
 * Loads whatever part of the diversity demo is missing, as of `today`: the 140 local SMEs and their
 * contacts, last year's campaign (opened, 75% answered, closed, its baseline published by the demo's
 * EDI analyst) and this year's (open, closing in about two months, 55% answered so far). Everything
 * goes through the use cases of @toms/app/diversity, with their clock set to the moment each step
 * happened, so every rule applies and last year's answers carry last year's dates. Loading it again
 * changes nothing: a campaign already opened is not opened again, an answer is sent with an
 * idempotency key of its own and not at all once the business has that answer, and a closed or
 * published campaign stays as it is.
 */
export async function seedDemoDiversity(storage: Storage, d: DiversityDeps, today: Date = new Date()): Promise<SeededDiversity> {
  let suppliers = 0;
  let campaigns = 0;
  let responses = 0;
  for (const { id, input, contact } of demoDiversitySuppliers(demoSuppliers().map((s) => s.name))) {
    if (!(await storage.suppliers.get(id)) && (await ignoreExisting(() => storage.suppliers.create(input, id)))) suppliers++;
    // Also when the supplier was there already: a load that stopped half way gets its contact.
    await ignoreExisting(() => storage.suppliers.addContact(id, { email: contact.email, name: contact.name }, contact.id));
  }

  const plans = demoDiversityCampaigns(today);
  for (const plan of [plans.lastYear, plans.thisYear]) {
    const { year } = plan;
    let campaign = await d.diversity.campaigns.get(year);
    if (!campaign) {
      valueOf(await openCampaign(at(d, plan.openedAt), DEMO_ADMIN, { year, closesAt: plan.closesAt }), `open the ${year} campaign`);
      campaign = await d.diversity.campaigns.get(year);
      campaigns++;
    }
    // A campaign closed already has all the answers it will get.
    if (campaign && !campaign.closedAt) {
      const register = new Map((await storage.suppliers.all()).map((s) => [s.id, s]));
      const invitations = new Map((await d.diversity.invitations.list(year)).map((i) => [i.supplierId, i]));
      const invited: DemoRespondent[] = [...invitations.keys()].flatMap((id) => {
        const supplier = register.get(id);
        return supplier ? [{ id, name: supplier.name, ...(supplier.employees !== undefined ? { employees: supplier.employees } : {}), ...(supplier.turnover !== undefined ? { turnover: supplier.turnover } : {}), ...(supplier.balanceSheet !== undefined ? { balanceSheet: supplier.balanceSheet } : {}) }] : [];
      });
      // Each business's answers in turn, several businesses at once.
      const bySupplier = new Map<string, DemoSubmission[]>();
      for (const s of demoDiversitySubmissions(invited, plan)) bySupplier.set(s.supplierId, [...(bySupplier.get(s.supplierId) ?? []), s]);
      const queue = [...bySupplier.values()];
      const send = async (planned: DemoSubmission[]) => {
        const keys = planned.map((s) => s.idempotencyKey);
        const current = await d.diversity.responses.currentOf(planned[0]?.supplierId as string, year);
        // Answered by the business itself (no key of the demo's): left as it is. Otherwise the steps after the one stored.
        const done = current ? (current.idempotencyKey === undefined ? keys.length : keys.indexOf(current.idempotencyKey)) : -1;
        if (current && done === -1) return;
        for (const submission of planned.slice(done + 1)) {
          const invitation = invitations.get(submission.supplierId) as InvitationRecord;
          const body = { year, supplierId: submission.supplierId, ...submission.answers };
          const sent = valueOf(await submitResponse(at(d, submission.at), { kind: "user", caller: contactOf(invitation) }, body, submission.idempotencyKey), `send the answers of ${invitation.supplierName} for ${year}`);
          if (!sent.replayed) responses++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENT_SUPPLIERS }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await send(next);
      }));
      if (plan.closedAt) valueOf(await closeCampaign(at(d, plan.closedAt), DEMO_ADMIN, { year }), `close the ${year} campaign`);
    }
    if (plan.publishedAt && !(await d.diversity.campaigns.get(year))?.publishedAt) {
      valueOf(await publishBaseline(at(d, plan.publishedAt), DEMO_EDI_ANALYST, { year }), `publish the ${year} baseline`);
    }
  }
  return { suppliers, campaigns, responses };
}

// The supplier diversity questionnaire as versioned data: its model, and version 2026.1 (issue 11).
// Screens, cards and the form page are drawn from this data; no question is written into a screen.

/** How a question is answered. */
export const QUESTION_KINDS = ["single-choice", "multiple-choice", "free-text", "yes-no", "number-band"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The answer every question about a person offers, and which excludes every other choice. */
export const PREFER_NOT_TO_SAY = "prefer-not-to-say";

/** One choice: `value` is what the API carries, `label` what people read. */
export interface QuestionOption {
  value: string;
  label: string;
  /** The heading the option sits under (the five Census groups of ethnic group). */
  group?: string;
}

/** A band of a count or an amount in pounds, the range (over, atMost]: either end may be open.
 * Asked as bands so nobody types figures. */
export interface BandOption extends QuestionOption {
  over?: number;
  atMost?: number;
}

/** The write-in that goes with an "other" option, sent as its own field (`barriersOther`). */
export interface OtherText {
  /** The option that opens the write-in. */
  option: string;
  /** The field the text comes in. */
  field: string;
  maxLength: number;
}

interface QuestionBase {
  /** Stable, and the API's field name: never reused for another meaning. */
  id: string;
  /** Plain English; the ONS/GSS harmonised wording where there is one. */
  text: string;
  help?: string;
  /** About the owners as people: such a question must offer "Prefer not to say". */
  aboutAPerson: boolean;
  /** The questionnaire version that first asked it. */
  since: string;
  /** The version that stopped asking it; answers given before stay readable. */
  retiredIn?: string;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: "single-choice" | "multiple-choice" | "yes-no";
  options: readonly QuestionOption[];
  other?: OtherText;
}

export interface FreeTextQuestion extends QuestionBase {
  kind: "free-text";
  maxLength: number;
}

export interface NumberBandQuestion extends QuestionBase {
  kind: "number-band";
  options: readonly BandOption[];
}

/** Every question is optional: no question has a "required" flag, on purpose. */
export type Question = ChoiceQuestion | FreeTextQuestion | NumberBandQuestion;

export interface QuestionnaireSection {
  id: string;
  title: string;
  questions: readonly Question[];
}

/** One version of the questionnaire. Its sections hold every question defined up to it, retired
 * ones included (marked `retiredIn`), so answers given under an older version can still be read. */
export interface Questionnaire {
  version: string;
  /** The privacy notice the person accepts by answering; answers record it. */
  privacyNoticeVersion: string;
  sections: readonly QuestionnaireSection[];
}

// "2026.1" is year and issue: both compared as numbers, so "2026.10" follows "2026.9".
function versionKey(version: string): [number, number] {
  const [year, issue] = version.split(".").map(Number);
  return [year ?? 0, issue ?? 0];
}

/** Negative when `a` came before `b`, 0 when they are the same version. */
export function compareVersions(a: string, b: string): number {
  const [ay, ai] = versionKey(a);
  const [by, bi] = versionKey(b);
  return ay !== by ? ay - by : ai - bi;
}

/** Whether the questionnaire's version asks the question (added by then, not yet retired). */
export function isAsked(question: Question, version: string): boolean {
  return compareVersions(question.since, version) <= 0 && (question.retiredIn === undefined || compareVersions(version, question.retiredIn) < 0);
}

/** Every question defined up to the questionnaire's version, retired ones included. */
export function allQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.sections.flatMap((section) => section.questions).filter((q) => compareVersions(q.since, questionnaire.version) <= 0);
}

/** The questions the questionnaire's version asks, in order. */
export function questionsAsked(questionnaire: Questionnaire): Question[] {
  return allQuestions(questionnaire).filter((q) => isAsked(q, questionnaire.version));
}

/** Fields every set of answers carries besides the questions; no question may take these ids. */
export const ANSWER_VERSION_FIELDS: readonly string[] = ["questionnaireVersion", "privacyNoticeVersion"];

/** What is wrong with a questionnaire's data, in words (empty when nothing is): ids and write-in
 * fields used once, "Prefer not to say" on every question about a person, an "other" write-in tied to
 * one of its options, and no question retired before it was added. Run on every new version. */
export function questionnaireProblems(questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const fields = new Set(ANSWER_VERSION_FIELDS);
  const use = (field: string, what: string) => {
    if (fields.has(field)) problems.push(`${what} "${field}" is used twice; give it a field of its own.`);
    fields.add(field);
  };
  for (const question of questionnaire.sections.flatMap((section) => section.questions)) {
    use(question.id, "Question");
    if (question.retiredIn !== undefined && compareVersions(question.retiredIn, question.since) <= 0) {
      problems.push(`Question "${question.id}" is retired in ${question.retiredIn}, no later than it was added (${question.since}).`);
    }
    if (question.kind === "free-text") {
      if (question.aboutAPerson) problems.push(`Question "${question.id}" is about a person, so it must be a choice that offers "Prefer not to say", not free text.`);
      continue;
    }
    const values = question.options.map((o) => o.value);
    if (new Set(values).size !== values.length) problems.push(`Question "${question.id}" offers the same value twice.`);
    if (question.aboutAPerson && !values.includes(PREFER_NOT_TO_SAY)) problems.push(`Question "${question.id}" is about a person, so it must offer "${PREFER_NOT_TO_SAY}".`);
    if (question.kind !== "number-band" && question.other) {
      use(question.other.field, "Write-in field");
      if (!values.includes(question.other.option)) problems.push(`Question "${question.id}" has a write-in for "${question.other.option}", which is not one of its options.`);
    }
  }
  return problems;
}

const V1 = "2026.1";

const preferNotToSay: QuestionOption = { value: PREFER_NOT_TO_SAY, label: "Prefer not to say" };

/** Yes, No and Prefer not to say, for questions about the owners. */
export const YES_NO_PREFER_NOT_TO_SAY = [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }, preferNotToSay] as const satisfies readonly QuestionOption[];

/** Census 2021 (England and Wales): 19 ethnic groups in 5 headings, worded as the Census words them. */
export const ETHNIC_GROUPS = [
  { value: "bangladeshi", label: "Bangladeshi", group: "Asian, Asian British or Asian Welsh" },
  { value: "chinese", label: "Chinese", group: "Asian, Asian British or Asian Welsh" },
  { value: "indian", label: "Indian", group: "Asian, Asian British or Asian Welsh" },
  { value: "pakistani", label: "Pakistani", group: "Asian, Asian British or Asian Welsh" },
  { value: "other-asian", label: "Any other Asian background", group: "Asian, Asian British or Asian Welsh" },
  { value: "african", label: "African", group: "Black, Black British, Black Welsh, Caribbean or African" },
  { value: "caribbean", label: "Caribbean", group: "Black, Black British, Black Welsh, Caribbean or African" },
  { value: "other-black", label: "Any other Black, Black British or Caribbean background", group: "Black, Black British, Black Welsh, Caribbean or African" },
  { value: "white-and-asian", label: "White and Asian", group: "Mixed or Multiple ethnic groups" },
  { value: "white-and-black-african", label: "White and Black African", group: "Mixed or Multiple ethnic groups" },
  { value: "white-and-black-caribbean", label: "White and Black Caribbean", group: "Mixed or Multiple ethnic groups" },
  { value: "other-mixed", label: "Any other Mixed or Multiple background", group: "Mixed or Multiple ethnic groups" },
  { value: "white-british", label: "English, Welsh, Scottish, Northern Irish or British", group: "White" },
  { value: "irish", label: "Irish", group: "White" },
  { value: "gypsy-or-irish-traveller", label: "Gypsy or Irish Traveller", group: "White" },
  { value: "roma", label: "Roma", group: "White" },
  { value: "other-white", label: "Any other White background", group: "White" },
  { value: "arab", label: "Arab", group: "Other ethnic group" },
  { value: "other-ethnic-group", label: "Any other ethnic group", group: "Other ethnic group" },
] as const satisfies readonly QuestionOption[];

/** The barriers to bidding the council asks about (seed 3.2); `other` opens `barriersOther`. */
export const BARRIERS = [
  { value: "finding-opportunities", label: "Finding opportunities" },
  { value: "tender-complexity", label: "Tender complexity" },
  { value: "time-and-cost-of-bidding", label: "Time and cost of bidding" },
  { value: "insurance-or-accreditation-demands", label: "Insurance or accreditation demands" },
  { value: "contract-size", label: "Contract size" },
  { value: "payment-terms", label: "Payment terms" },
  { value: "social-value-requirements", label: "Social value requirements" },
  { value: "other", label: "Other" },
] as const satisfies readonly QuestionOption[];

/** Headcount bands. Their edges are the council's size bands (10, 50, 250 staff: DEFAULT_SIZE_THRESHOLDS),
 * and 250 is also the Procurement Act's SME limit. */
export const EMPLOYEE_BANDS = [
  { value: "under-10", label: "Fewer than 10", atMost: 9 },
  { value: "10-to-49", label: "10 to 49", over: 9, atMost: 49 },
  { value: "50-to-249", label: "50 to 249", over: 49, atMost: 249 },
  { value: "250-or-more", label: "250 or more", over: 249 },
] as const satisfies readonly BandOption[];

/** Turnover bands: the council's limits (£2m, £10m, £50m) and the Procurement Act's £44m. */
export const TURNOVER_BANDS = [
  { value: "up-to-2m", label: "£2 million or less", atMost: 2_000_000 },
  { value: "2m-to-10m", label: "More than £2 million, up to £10 million", over: 2_000_000, atMost: 10_000_000 },
  { value: "10m-to-44m", label: "More than £10 million, up to £44 million", over: 10_000_000, atMost: 44_000_000 },
  { value: "44m-to-50m", label: "More than £44 million, up to £50 million", over: 44_000_000, atMost: 50_000_000 },
  { value: "over-50m", label: "More than £50 million", over: 50_000_000 },
] as const satisfies readonly BandOption[];

/** Balance sheet bands: the council's limits (£2m, £10m, £43m) and the Procurement Act's £38m. Needed
 * only when turnover alone does not settle the size, so the form may show it after turnover. */
export const BALANCE_SHEET_BANDS = [
  { value: "up-to-2m", label: "£2 million or less", atMost: 2_000_000 },
  { value: "2m-to-10m", label: "More than £2 million, up to £10 million", over: 2_000_000, atMost: 10_000_000 },
  { value: "10m-to-38m", label: "More than £10 million, up to £38 million", over: 10_000_000, atMost: 38_000_000 },
  { value: "38m-to-43m", label: "More than £38 million, up to £43 million", over: 38_000_000, atMost: 43_000_000 },
  { value: "over-43m", label: "More than £43 million", over: 43_000_000 },
] as const satisfies readonly BandOption[];

/** A short list of sectors; `other` opens `sectorOther`. */
export const SECTORS = [
  { value: "construction", label: "Construction and building maintenance" },
  { value: "manufacturing", label: "Manufacturing and engineering" },
  { value: "professional-services", label: "Professional services (legal, financial, consultancy)" },
  { value: "it-and-digital", label: "IT and digital" },
  { value: "health-and-social-care", label: "Health and social care" },
  { value: "education-and-training", label: "Education and training" },
  { value: "facilities-and-cleaning", label: "Facilities, cleaning and security" },
  { value: "transport-and-logistics", label: "Transport and logistics" },
  { value: "hospitality-and-catering", label: "Hospitality and catering" },
  { value: "creative-and-media", label: "Creative, media and events" },
  { value: "retail-and-wholesale", label: "Retail and wholesale" },
  { value: "other", label: "Other" },
] as const satisfies readonly QuestionOption[];

/** The kinds of organisation a supplier may be (`legalForm`). */
export const ORGANISATION_FORMS = [
  { value: "sole-trader", label: "Sole trader" },
  { value: "partnership", label: "Partnership" },
  { value: "limited-company", label: "Limited company" },
  { value: "community-interest-company", label: "Community interest company" },
  { value: "charity", label: "Charity" },
  { value: "co-operative", label: "Co-operative or mutual" },
  { value: "other", label: "Other" },
] as const satisfies readonly QuestionOption[];

/** GSS harmonised sexual orientation categories. */
export const SEXUAL_ORIENTATIONS = [
  { value: "straight-or-heterosexual", label: "Straight or Heterosexual" },
  { value: "gay-or-lesbian", label: "Gay or Lesbian" },
  { value: "bisexual", label: "Bisexual" },
  { value: "other", label: "Other sexual orientation" },
] as const satisfies readonly QuestionOption[];

/** GSS harmonised religion categories. */
export const RELIGIONS = [
  { value: "no-religion", label: "No religion" },
  { value: "christian", label: "Christian" },
  { value: "buddhist", label: "Buddhist" },
  { value: "hindu", label: "Hindu" },
  { value: "jewish", label: "Jewish" },
  { value: "muslim", label: "Muslim" },
  { value: "sikh", label: "Sikh" },
  { value: "other", label: "Any other religion" },
] as const satisfies readonly QuestionOption[];

/** Owners' age bands. No harmonised bands exist; these are wide, so that an owner is hard to pick out. */
export const AGE_BANDS = [
  { value: "16-to-24", label: "16 to 24" },
  { value: "25-to-34", label: "25 to 34" },
  { value: "35-to-49", label: "35 to 49" },
  { value: "50-to-64", label: "50 to 64" },
  { value: "65-or-over", label: "65 or over" },
] as const satisfies readonly QuestionOption[];

// GSS guidance for online forms: "Prefer not to say" on every question if on any. Consent to
// contact is the exception: only a clear "Yes" is consent, and no answer means no contact.
const ownersHelp = "Answer for the owner or owners of the business. If the owners differ, choose each answer that applies.";

/** Questionnaire version 2026.1, the first. */
export const QUESTIONNAIRE_V1: Questionnaire = {
  version: V1,
  privacyNoticeVersion: "diversity-2026.1",
  sections: [
    {
      id: "business",
      title: "About the business",
      questions: [
        { id: "legalForm", kind: "single-choice", text: "What kind of organisation is the business?", options: [...ORGANISATION_FORMS, preferNotToSay], aboutAPerson: false, since: V1 },
        {
          id: "sector",
          kind: "single-choice",
          text: "Which sector does the business mainly work in?",
          options: [...SECTORS, preferNotToSay],
          other: { option: "other", field: "sectorOther", maxLength: 100 },
          aboutAPerson: false,
          since: V1,
        },
        {
          id: "employeesBand",
          kind: "number-band",
          text: "How many people does the business employ?",
          help: "Count everyone on the payroll, full-time and part-time, including the owners if they work in the business.",
          options: [...EMPLOYEE_BANDS, preferNotToSay],
          aboutAPerson: false,
          since: V1,
        },
        {
          id: "turnoverBand",
          kind: "number-band",
          text: "What was the business's turnover in its last financial year?",
          options: [...TURNOVER_BANDS, preferNotToSay],
          aboutAPerson: false,
          since: V1,
        },
        {
          id: "balanceSheetBand",
          kind: "number-band",
          text: "What was the total of the business's balance sheet at the end of its last financial year?",
          help: "Total assets, as on the balance sheet. You only need to answer if turnover was more than £2 million.",
          options: [...BALANCE_SHEET_BANDS, preferNotToSay],
          aboutAPerson: false,
          since: V1,
        },
      ],
    },
    {
      id: "ownership",
      title: "Who owns the business",
      questions: [
        {
          id: "ethnicMinorityOwned",
          kind: "yes-no",
          text: "Is the business majority-owned by people from ethnic minority groups?",
          help: "Majority-owned means they own more than half of it. Ethnic minority groups are all groups other than White British, so they include Irish, Gypsy or Irish Traveller and Roma.",
          options: YES_NO_PREFER_NOT_TO_SAY,
          aboutAPerson: true,
          since: V1,
        },
        {
          id: "ownersEthnicGroup",
          kind: "multiple-choice",
          text: "What is your ethnic group? Choose one option that best describes your ethnic group or background.",
          help: `${ownersHelp} Choose one option for each owner.`,
          options: [...ETHNIC_GROUPS, preferNotToSay],
          aboutAPerson: true,
          since: V1,
        },
        // No harmonised question on sex is current (new guidance awaited in 2026), so the question is
        // about majority ownership, as for ethnic minority ownership.
        {
          id: "womenOwned",
          kind: "yes-no",
          text: "Is the business majority-owned by women?",
          help: "Majority-owned means they own more than half of it.",
          options: YES_NO_PREFER_NOT_TO_SAY,
          aboutAPerson: true,
          since: V1,
        },
        {
          id: "disabledOwned",
          kind: "yes-no",
          text: "Is the business majority-owned by disabled people?",
          help: "A person counts as disabled if they have a physical or mental health condition or illness lasting or expected to last 12 months or more, and it reduces their ability to carry out day-to-day activities a little or a lot (the Equality Act measure). Majority-owned means they own more than half of it.",
          options: YES_NO_PREFER_NOT_TO_SAY,
          aboutAPerson: true,
          since: V1,
        },
        {
          id: "ownersSexualOrientation",
          kind: "multiple-choice",
          text: "Which of the following best describes your sexual orientation?",
          help: ownersHelp,
          options: [...SEXUAL_ORIENTATIONS, preferNotToSay],
          other: { option: "other", field: "ownersSexualOrientationOther", maxLength: 100 },
          aboutAPerson: true,
          since: V1,
        },
        {
          id: "ownersReligion",
          kind: "multiple-choice",
          text: "What is your religion?",
          help: ownersHelp,
          options: [...RELIGIONS, preferNotToSay],
          other: { option: "other", field: "ownersReligionOther", maxLength: 100 },
          aboutAPerson: true,
          since: V1,
        },
        {
          id: "ownersAgeBand",
          kind: "multiple-choice",
          text: "What is your age?",
          help: ownersHelp,
          options: [...AGE_BANDS, preferNotToSay],
          aboutAPerson: true,
          since: V1,
        },
      ],
    },
    {
      id: "bidding",
      title: "Bidding for council work",
      questions: [
        {
          id: "barriers",
          kind: "multiple-choice",
          text: "What makes it hard for the business to bid for council contracts?",
          help: "Choose all that apply.",
          options: [...BARRIERS, preferNotToSay],
          other: { option: "other", field: "barriersOther", maxLength: 500 },
          aboutAPerson: false,
          since: V1,
        },
        {
          id: "councilCouldDo",
          kind: "free-text",
          text: "What could the council do to make it easier for the business to win council work?",
          maxLength: 2000,
          aboutAPerson: false,
          since: V1,
        },
      ],
    },
    {
      id: "contact",
      title: "Keeping in touch",
      questions: [
        {
          id: "consentToContact",
          kind: "yes-no",
          text: "May the council contact the business about opportunities for businesses like it?",
          help: "This means targeted engagement, such as invitations to Meet the Buyer events and news of tenders that suit the business. The council uses your answers to choose whom to invite; they are never used to score a tender or award a contract. You can withdraw at any time.",
          options: [
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ],
          aboutAPerson: false,
          since: V1,
        },
      ],
    },
  ],
};

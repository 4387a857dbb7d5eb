// Reading a supplier's diversity answers against one version of the questionnaire: every question
// optional, and every refusal naming the field and saying how to put it right.
import type { FieldError } from "../field-error.js";
import { allQuestions, ANSWER_VERSION_FIELDS, isAsked, PREFER_NOT_TO_SAY, type ChoiceQuestion, type OtherText, type Question, type QuestionOption, type Questionnaire } from "./questionnaire.js";

/** One answer: a choice's value, a write-in, or the values of a multiple choice (in the options' order). */
export type DiversityAnswer = string | readonly string[];

/** Answers as given, flat and keyed by question id (and write-in field), keeping the version they were given under. */
export interface DiversityAnswers {
  readonly questionnaireVersion: string;
  /** The privacy notice accepted; present whenever anything is answered. */
  readonly privacyNoticeVersion?: string;
  readonly [field: string]: DiversityAnswer | undefined;
}

export type DiversityAnswersResult = { ok: true; answers: DiversityAnswers } | { ok: false; errors: FieldError[] };

function allowed(options: readonly QuestionOption[]): string {
  return options.map((o) => `"${o.value}" (${o.label})`).join(", ");
}

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

// Not answered: missing, null, an empty text or an empty list. Such a field is left out.
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

function readText(field: string, value: unknown, maxLength: number, errors: FieldError[]): string | undefined {
  if (typeof value !== "string") {
    errors.push({ field, message: "must be text" });
    return undefined;
  }
  const text = value.trim();
  if (text.length > maxLength) {
    errors.push({ field, message: `must be at most ${maxLength} characters (it has ${text.length}); please shorten it` });
    return undefined;
  }
  return text;
}

function readChoice(question: Question & { options: readonly QuestionOption[] }, value: unknown, errors: FieldError[]): DiversityAnswer | undefined {
  const values = question.options.map((o) => o.value);
  if (question.kind !== "multiple-choice") {
    if (typeof value === "string" && values.includes(value)) return value;
    errors.push({ field: question.id, message: `must be one of ${allowed(question.options)}` });
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    errors.push({ field: question.id, message: `must be a list of choices from ${allowed(question.options)}` });
    return undefined;
  }
  const unknown = value.filter((v) => !values.includes(v));
  if (unknown.length > 0) {
    errors.push({ field: question.id, message: `has ${unknown.map((v) => `"${v}"`).join(", ")}, which is not a choice; the choices are ${allowed(question.options)}` });
    return undefined;
  }
  if (value.includes(PREFER_NOT_TO_SAY) && new Set(value).size > 1) {
    errors.push({ field: question.id, message: `"${PREFER_NOT_TO_SAY}" (Prefer not to say) cannot be chosen with other answers; choose either it or the others` });
    return undefined;
  }
  // Duplicates are dropped and the options' order kept, so equal answers compare equal.
  return values.filter((v) => value.includes(v));
}

function chose(answer: DiversityAnswer | undefined, option: string): boolean {
  return typeof answer === "string" ? answer === option : (answer?.includes(option) ?? false);
}

/**
 * Reads answers given under `questionnaire` (a request body, a form, or answers stored earlier under
 * the same version). Every question is optional; the privacy notice's version is needed once
 * anything is answered. Unknown or retired fields, values not among the choices, a write-in without
 * its "other" choice, over-long text and "Prefer not to say" with other choices are refused.
 * @example
 * readDiversityAnswers(QUESTIONNAIRE_V1, { privacyNoticeVersion: "diversity-2026.1", ethnicMinorityOwned: "yes", barriers: ["payment-terms"] });
 * // { ok: true, answers: { questionnaireVersion: "2026.1", privacyNoticeVersion: "diversity-2026.1", ethnicMinorityOwned: "yes", barriers: ["payment-terms"] } }
 */
export function readDiversityAnswers(questionnaire: Questionnaire, input: unknown): DiversityAnswersResult {
  const { version } = questionnaire;
  if (!isRecord(input)) return { ok: false, errors: [{ field: "answers", message: "must be an object of answers keyed by question id" }] };
  const errors: FieldError[] = [];
  const questions = new Map(allQuestions(questionnaire).map((q) => [q.id, q]));
  const writeIns = new Map<string, { question: ChoiceQuestion; other: OtherText }>();
  for (const question of questions.values()) {
    if (question.kind !== "free-text" && question.kind !== "number-band" && question.other) writeIns.set(question.other.field, { question, other: question.other });
  }

  for (const field of Object.keys(input)) {
    if (ANSWER_VERSION_FIELDS.includes(field)) continue;
    const question = questions.get(field) ?? writeIns.get(field)?.question;
    if (!question) errors.push({ field, message: `is not a question of questionnaire ${version}; remove it` });
    else if (!isAsked(question, version) && !isBlank(input[field])) errors.push({ field, message: `was retired in questionnaire ${question.retiredIn}, so questionnaire ${version} does not ask it; remove it` });
  }

  const given = input.questionnaireVersion;
  if (given !== undefined && given !== version) {
    errors.push({ field: "questionnaireVersion", message: `is "${String(given)}", but these answers are being read as questionnaire ${version}; read them with the questionnaire they were given under` });
  }

  const answers: Record<string, DiversityAnswer> = {};
  for (const question of questions.values()) {
    const value = input[question.id];
    if (isBlank(value)) continue;
    // Retired by this version: refused above. One retired only in a later version is still read.
    if (!isAsked(question, version)) continue;
    const answer = question.kind === "free-text" ? readText(question.id, value, question.maxLength, errors) : readChoice(question, value, errors);
    if (answer !== undefined) answers[question.id] = answer;
  }

  for (const [field, { question, other }] of writeIns) {
    const value = input[field];
    if (isBlank(value) || !isAsked(question, version)) continue;
    // A refused choice is reported once, not again through its write-in.
    if (errors.some((e) => e.field === question.id)) continue;
    if (!chose(answers[question.id], other.option)) {
      const label = question.options.find((o) => o.value === other.option)?.label ?? other.option;
      errors.push({ field, message: `is only for when "${other.option}" (${label}) is chosen in ${question.id}; choose it there or remove this text` });
      continue;
    }
    const text = readText(field, value, other.maxLength, errors);
    if (text !== undefined) answers[field] = text;
  }

  const answered = Object.entries(input).some(([field, value]) => !ANSWER_VERSION_FIELDS.includes(field) && !isBlank(value));
  const notice = input.privacyNoticeVersion;
  if (!isBlank(notice) && notice !== questionnaire.privacyNoticeVersion) {
    errors.push({ field: "privacyNoticeVersion", message: `must be "${questionnaire.privacyNoticeVersion}", the version of the privacy notice shown with questionnaire ${version}` });
  } else if (answered && isBlank(notice)) {
    errors.push({ field: "privacyNoticeVersion", message: `is required when anything is answered: it must be "${questionnaire.privacyNoticeVersion}", the privacy notice the person accepted` });
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answers: { questionnaireVersion: version, ...(isBlank(notice) ? {} : { privacyNoticeVersion: questionnaire.privacyNoticeVersion }), ...answers } };
}

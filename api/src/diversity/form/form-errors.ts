// What is wrong with a posted form, in the words of the person filling it in: each fault names the
// question and says how to put it right, and knows which field on the page it points to.
import { PREFER_NOT_TO_SAY, questionsAsked, type FieldError, type Question, type Questionnaire } from "@toms/domain";
import { PRIVACY_NOTICE_FIELD, writeInOf, type FormFields } from "./form-body.js";

/** One fault on the page: the field it belongs to, the question it is about, and what to do. */
export interface FormError {
  /** A question id, a write-in field, `privacyNoticeVersion`, `confirm`, or "" for the whole form. */
  field: string;
  /** The question in words, as the summary at the top names it. */
  question: string;
  /** A sentence saying what is wrong and how to fix it. */
  message: string;
}

const COUNT = new Intl.NumberFormat("en-GB");

function tooLong(text: string | string[] | undefined, maxLength: number): string | undefined {
  const length = typeof text === "string" ? text.trim().length : 0;
  return length > maxLength ? `Your answer has ${COUNT.format(length)} characters. Shorten it to ${COUNT.format(maxLength)} characters or fewer.` : undefined;
}

function optionLabel(question: Question, value: string): string {
  return question.kind === "free-text" ? value : (question.options.find((o) => o.value === value)?.label ?? value);
}

/**
 * The faults the answers' reader (or the use case that ran it) found, for the page. The reasons are
 * worked out again from the fields themselves rather than from the reader's wording, which is
 * written for the API: too long, a write-in without its "other" choice, "Prefer not to say" beside
 * other choices, or a choice that is not offered (a page changed since it was loaded).
 */
export function formErrors(questionnaire: Questionnaire, fields: FormFields, errors: readonly FieldError[]): FormError[] {
  const questions = questionsAsked(questionnaire);
  const result: FormError[] = [];
  for (const error of errors) {
    if (result.some((r) => r.field === error.field)) continue;
    const question = questions.find((q) => q.id === error.field);
    const writeIn = questions.find((q) => writeInOf(q)?.field === error.field);
    const other = writeIn && writeInOf(writeIn);
    if (error.field === PRIVACY_NOTICE_FIELD) {
      result.push({ field: error.field, question: "How your answers are used", message: "The privacy notice has changed since this page was opened. Read “How your answers are used” again, then send your answers." });
    } else if (writeIn && other) {
      const { option, maxLength } = other;
      const label = optionLabel(writeIn, option);
      result.push({ field: error.field, question: writeIn.text, message: tooLong(fields[error.field], maxLength) ?? `You described “${label}” but did not choose it. Choose “${label}”, or clear the description.` });
    } else if (question?.kind === "free-text") {
      result.push({ field: error.field, question: question.text, message: tooLong(fields[error.field], question.maxLength) ?? "Write your answer as text." });
    } else if (question) {
      const chosen = fields[question.id];
      const preferNot = optionLabel(question, PREFER_NOT_TO_SAY);
      const message =
        Array.isArray(chosen) && chosen.includes(PREFER_NOT_TO_SAY) && chosen.length > 1
          ? `You chose “${preferNot}” and other answers. Choose either “${preferNot}” or the other answers.`
          : question.kind === "multiple-choice"
            ? "Choose from the answers shown, or leave the question blank."
            : "Choose one of the answers shown, or leave the question blank.";
      result.push({ field: error.field, question: question.text, message });
    } else {
      // A field the page does not show (it cannot come from the page): said as the service said it.
      result.push({ field: "", question: "Your answers", message: `${error.field} ${error.message}.` });
    }
  }
  return result;
}

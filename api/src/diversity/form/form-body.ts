// Reading the form page's posted body (application/x-www-form-urlencoded) into the fields that
// readDiversityAnswers reads: a multiple choice arrives as the same name repeated and becomes a
// list, a blank answer is left out, and anything the questionnaire does not ask is dropped.
import { questionsAsked, type OtherText, type Question, type Questionnaire } from "@toms/domain";

/** What the person pressed: "Send my answers" or "Save and finish later". */
export type FormAction = "submit" | "draft";

/** The fields of the questionnaire as the person filled them in, keyed by question id or write-in field. */
export type FormFields = Record<string, string | string[]>;

export interface FormBody {
  action: FormAction;
  /** Question answers, write-ins and `privacyNoticeVersion`, each only when not blank. */
  fields: FormFields;
}

/** The field that carries the privacy notice's version shown with the form. */
export const PRIVACY_NOTICE_FIELD = "privacyNoticeVersion";

/** The write-in that goes with a question's "other" choice, if it has one. */
export function writeInOf(question: Question): OtherText | undefined {
  return question.kind === "free-text" || question.kind === "number-band" ? undefined : question.other;
}

function values(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === "string" && v.trim() !== "");
}

/**
 * The fields of a posted form, for `questionnaire`. Texts are kept as typed (the answers' reader
 * trims them), so a page drawn again shows what the person wrote. A single answer posted twice,
 * which the page cannot do, keeps the first. Only "submit" sends: anything else saves a draft, so
 * nothing is sent that the person did not choose to send.
 * @example
 * readFormBody(QUESTIONNAIRE_V1, { action: "submit", barriers: ["contract-size", "other"], barriersOther: "Lots", sector: "" });
 * // { action: "submit", fields: { barriers: ["contract-size", "other"], barriersOther: "Lots" } }
 */
export function readFormBody(questionnaire: Questionnaire, body: unknown): FormBody {
  const posted = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  // Own fields only: a name such as "__proto__" or "constructor" is never read from the prototype.
  const at = (field: string): unknown => (Object.prototype.hasOwnProperty.call(posted, field) ? posted[field] : undefined);
  const fields: FormFields = {};
  const single = (field: string) => {
    const [first] = values(at(field));
    if (first !== undefined) fields[field] = first;
  };
  for (const question of questionsAsked(questionnaire)) {
    if (question.kind === "multiple-choice") {
      const chosen = values(at(question.id));
      if (chosen.length > 0) fields[question.id] = chosen;
    } else {
      single(question.id);
    }
    const writeIn = writeInOf(question);
    if (writeIn) single(writeIn.field);
  }
  single(PRIVACY_NOTICE_FIELD);
  return { action: values(at("action"))[0] === "submit" ? "submit" : "draft", fields };
}

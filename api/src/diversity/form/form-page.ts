// The supplier's diversity form at /diversity/{token}, drawn from the questionnaire's data: each
// section a fieldset with its heading, each question a fieldset with a legend (radios for one
// answer, checkboxes for several, a text box for free text), the person's entries kept, and faults
// summarised at the top with a link to each field.
import { PREFER_NOT_TO_SAY, questionsAsked, type Question, type QuestionOption, type Questionnaire, type QuestionnaireSection } from "@toms/domain";
import { escapeHtml } from "../../pages/html-page.js";
import { PRIVACY_NOTICE_FIELD, writeInOf, type FormFields } from "./form-body.js";
import { closingText, dayText } from "../../pages/form-dates.js";
import type { FormError } from "./form-errors.js";
import { formPageHtml } from "../../pages/form-frame.js";

/** The council as the pages name it, and where a supplier writes about their data or a new link. */
export interface FormCouncil {
  name: string;
  email: string;
}

/** Everything the form page shows. */
export interface FormPageView {
  council: FormCouncil;
  /** The form's address relative to the page being answered ("./TOKEN" or "../TOKEN"): links and forms lead from it. */
  formUrl: string;
  year: number;
  supplierName: string;
  closesAt: string;
  questionnaire: Questionnaire;
  /** What is shown chosen or typed: a draft, the answers that count, or what was just posted. */
  entries: FormFields;
  retentionYears: number;
  submittedAt?: string;
  draftSavedAt?: string;
  errors?: readonly FormError[];
}

/** The id of the element a fault's link leads to: the first choice of a question, its text box or write-in. */
export function fieldTarget(field: string): string | undefined {
  if (field === "") return undefined;
  return field === PRIVACY_NOTICE_FIELD ? "privacy" : field;
}

function choiceId(question: Question, index: number): string {
  return index === 0 ? question.id : `${question.id}-${index + 1}`;
}

function years(count: number): string {
  return count === 1 ? "1 year" : `${count} years`;
}

function errorHtml(id: string, error: FormError | undefined): string {
  return error ? `<p class="error-message" id="${id}-error"><span class="visually-hidden">Error: </span>${escapeHtml(error.message)}</p>` : "";
}

function describedBy(...ids: (string | false | undefined)[]): string {
  const list = ids.filter((id): id is string => typeof id === "string");
  return list.length > 0 ? ` aria-describedby="${list.join(" ")}"` : "";
}

function chosen(entry: string | string[] | undefined, value: string): boolean {
  return Array.isArray(entry) ? entry.includes(value) : entry === value;
}

function writeInHtml(question: Question, view: FormPageView, errors: ReadonlyMap<string, FormError>): string {
  const writeIn = writeInOf(question);
  if (!writeIn) return "";
  const label = question.kind === "free-text" ? "" : (question.options.find((o) => o.value === writeIn.option)?.label ?? writeIn.option);
  const error = errors.get(writeIn.field);
  const value = view.entries[writeIn.field];
  return `<div class="write-in">
<label class="field" for="${writeIn.field}">If you chose “${escapeHtml(label)}”, tell us more (optional)</label>
${errorHtml(writeIn.field, error)}<input type="text" id="${writeIn.field}" name="${writeIn.field}" maxlength="${writeIn.maxLength}" autocomplete="off" spellcheck="true" value="${escapeHtml(typeof value === "string" ? value : "")}"${describedBy(error && `${writeIn.field}-error`)}${error ? ' aria-invalid="true"' : ""}>
</div>`;
}

function choicesHtml(question: Question & { options: readonly QuestionOption[] }, view: FormPageView, errors: ReadonlyMap<string, FormError>): string {
  const type = question.kind === "multiple-choice" ? "checkbox" : "radio";
  const entry = view.entries[question.id];
  const other = writeInOf(question);
  const choice = (option: QuestionOption, index: number) => {
    const id = choiceId(question, index);
    const input = `<div class="choice"><input type="${type}" id="${id}" name="${question.id}" value="${escapeHtml(option.value)}"${chosen(entry, option.value) ? " checked" : ""}><label for="${id}">${escapeHtml(option.label)}</label></div>`;
    return option.value === other?.option ? `${input}\n${writeInHtml(question, view, errors)}` : input;
  };
  const parts: string[] = [];
  let group: string | undefined;
  question.options.forEach((option, index) => {
    if (option.group !== group) {
      if (group !== undefined) parts.push("</fieldset>");
      group = option.group;
      if (group !== undefined) parts.push(`<fieldset class="group"><legend><h4>${escapeHtml(group)}</h4></legend>`);
    }
    // "Prefer not to say" excludes every other box: set apart, as the answers' reader refuses both.
    if (type === "checkbox" && option.value === PREFER_NOT_TO_SAY && index > 0) parts.push(`<p class="or">or</p>`);
    parts.push(choice(option, index));
  });
  if (group !== undefined) parts.push("</fieldset>");
  return parts.join("\n");
}

function questionHtml(question: Question, view: FormPageView, errors: ReadonlyMap<string, FormError>): string {
  const error = errors.get(question.id);
  const hintId = `${question.id}-hint`;
  const errorId = error && `${question.id}-error`;
  if (question.kind === "free-text") {
    const value = view.entries[question.id];
    const hint = [question.help, `Up to ${new Intl.NumberFormat("en-GB").format(question.maxLength)} characters.`].filter(Boolean).join(" ");
    return `<div class="question${error ? " has-error" : ""}">
<h3><label class="field" for="${question.id}">${escapeHtml(question.text)}</label></h3>
<p class="hint" id="${hintId}">${escapeHtml(hint)}</p>
${errorHtml(question.id, error)}<textarea id="${question.id}" name="${question.id}" rows="6" maxlength="${question.maxLength}" spellcheck="true"${describedBy(hintId, errorId)}${error ? ' aria-invalid="true"' : ""}>${escapeHtml(typeof value === "string" ? value : "")}</textarea>
</div>`;
  }
  const help = [question.help, question.kind === "multiple-choice" && !/choose/i.test(question.help ?? "") ? "Choose all that apply." : undefined].filter(Boolean).join(" ");
  return `<fieldset class="question${error ? " has-error" : ""}"${describedBy(help && hintId, errorId)}>
<legend><h3>${escapeHtml(question.text)}</h3></legend>
${help ? `<p class="hint" id="${hintId}">${escapeHtml(help)}</p>\n` : ""}${errorHtml(question.id, error)}${choicesHtml(question, view, errors)}
</fieldset>`;
}

function sectionHtml(section: QuestionnaireSection, asked: ReadonlySet<Question>, view: FormPageView, errors: ReadonlyMap<string, FormError>): string {
  const questions = section.questions.filter((q) => asked.has(q));
  if (questions.length === 0) return "";
  return `<fieldset class="section" id="section-${section.id}">
<legend><h2>${escapeHtml(section.title)}</h2></legend>
${questions.map((q) => questionHtml(q, view, errors)).join("\n")}
</fieldset>`;
}

function errorSummaryHtml(errors: readonly FormError[]): string {
  if (errors.length === 0) return "";
  const items = errors.map((e) => {
    const target = fieldTarget(e.field);
    // "What is your religion? You chose…", "How your answers are used: The privacy notice…"
    const text = `${escapeHtml(e.question)}${/[?.]$/.test(e.question) ? " " : ": "}${escapeHtml(e.message)}`;
    return `<li>${target ? `<a href="#${target}">${text}</a>` : text}</li>`;
  });
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${items.join("\n")}
</ul>
</div>`;
}

function statusHtml(view: FormPageView): string {
  const until = escapeHtml(closingText(view.closesAt));
  if (view.draftSavedAt) {
    return `<p class="notice">Your answers saved on ${escapeHtml(dayText(view.draftSavedAt))} are filled in below. They have not been sent yet: press “Send my answers” when you are ready, by ${until}.</p>`;
  }
  if (view.submittedAt) {
    return `<p class="notice">You sent your answers on ${escapeHtml(dayText(view.submittedAt))}. They are filled in below. You can change any of them and send them again until ${until}; the answers you send last are the ones that count.</p>`;
  }
  return "";
}

/** The questionnaire page for one supplier (status 200, or 422 with `errors`). */
export function renderFormPage(view: FormPageView): string {
  const { council, questionnaire } = view;
  const errors = view.errors ?? [];
  const byField = new Map(errors.map((e) => [e.field, e]));
  const asked = new Set(questionsAsked(questionnaire));
  const url = escapeHtml(view.formUrl);
  const until = escapeHtml(closingText(view.closesAt));
  const councilName = escapeHtml(council.name);
  const email = escapeHtml(council.email);
  const supplier = escapeHtml(view.supplierName);
  const confirmError = byField.get("confirm");
  const title = `Supplier diversity questionnaire ${view.year}: ${view.supplierName}`;
  const body = `<h1>Supplier diversity questionnaire ${view.year}</h1>
<p class="for">For ${supplier}</p>
<p>From ${councilName}. Please answer by ${until}.</p>
${errorSummaryHtml(errors)}
${statusHtml(view)}
<h2>About this questionnaire</h2>
<p>${councilName} asks the small and medium-sized businesses in its area who owns them and what makes it hard to bid for council work. The answers show how diverse the businesses it buys from are, and where it should do more to help businesses that are under-represented.</p>
<p><strong>Every question is optional.</strong> Answer what you are comfortable with, choose “Prefer not to say”, or leave a question blank.</p>
<p>It takes about 5 minutes. You can save your answers and finish later with the same link, until ${until}.</p>
<h2 id="privacy">How your answers are used</h2>
<ul>
<li>Some questions ask about the owners’ ethnic group, religion, sexual orientation, disability and age. Under UK data protection law that is <strong>special category data</strong>, which is protected more strictly.</li>
<li>${councilName} uses your answers <strong>only for equality of opportunity</strong>: to understand who it buys from, to publish counts that identify nobody, and, if you agree below, to invite the business to events and tell it about tenders that suit it.</li>
<li>Your answers are <strong>never used to score a tender or award a contract</strong>, or to manage one. The people who evaluate tenders cannot see them.</li>
<li><strong>Who sees them:</strong> only the council’s equality, diversity and inclusion (EDI) analysts see answers with the business’s name, and each time they do is recorded. Everyone else sees only counts, with small counts hidden so that no business can be picked out.</li>
<li><strong>How long they are kept:</strong> ${years(view.retentionYears)} from when you send them, then they are deleted.</li>
<li><strong>Your rights:</strong> you can download a copy of your answers, or delete them at once, at the end of this page. For anything else about your data, email <a href="mailto:${email}">${email}</a>.</li>
</ul>
<p>Privacy notice version ${escapeHtml(questionnaire.privacyNoticeVersion)}. Sending your answers means you have read it.</p>
<form method="post" action="${url}">
<input type="hidden" name="${PRIVACY_NOTICE_FIELD}" value="${escapeHtml(questionnaire.privacyNoticeVersion)}">
${questionnaire.sections.map((s) => sectionHtml(s, asked, view, byField)).join("\n")}
<div class="buttons">
<button type="submit" class="primary" name="action" value="submit">Send my answers</button>
<button type="submit" class="secondary" name="action" value="draft">Save and finish later</button>
</div>
</form>
<h2 id="your-answers">Your answers</h2>
<p><a href="${url}/answers.json" download="answers.json">Download my answers (answers.json)</a>: a copy of every answer ${supplier} has sent, with the dates.</p>
<h3>Delete my answers</h3>
<p>This deletes every diversity answer of ${supplier} at once, sent or saved, this year and earlier. The council’s counts are worked out again without them.</p>
<form method="post" action="${url}/erase">
${errorHtml("confirm", confirmError)}<div class="choice"><input type="checkbox" id="confirm" name="confirm" value="yes"${describedBy(confirmError && "confirm-error")}><label for="confirm">Yes, delete all our answers. I understand this cannot be undone.</label></div>
<div class="buttons"><button type="submit" class="warning">Delete my answers</button></div>
</form>`;
  return formPageHtml({ title: errors.length > 0 ? `Error: ${title}` : title, body, council: council.name });
}

// The form page and the pages around it, read as HTML: every question drawn from the data with a
// label, entries kept, text escaped, faults linked to their fields, and nothing that could run.
import { describe, expect, it } from "vitest";
import { ETHNIC_GROUPS, QUESTIONNAIRE_V1, questionsAsked, readDiversityAnswers, type Question, type Questionnaire } from "@toms/domain";
import { escapeHtml } from "../../pages/html-page.js";
import { writeInOf } from "./form-body.js";
import { formErrors } from "./form-errors.js";
import { renderFormPage, type FormPageView } from "./form-page.js";
import { renderDraftSavedPage, renderErasedPage, renderLinkNotValidPage, renderThanksPage, renderTooManyAttemptsPage } from "./notice-pages.js";

const council = { name: "Coventry City Council", email: "diversity@coventry.gov.uk" };

function view(overrides: Partial<FormPageView> = {}): FormPageView {
  return {
    council,
    formUrl: "./tok_abc-123",
    year: 2026,
    supplierName: "Beta Ltd",
    closesAt: "2027-01-31T23:59:00.000Z",
    questionnaire: QUESTIONNAIRE_V1,
    entries: {},
    retentionYears: 3,
    ...overrides,
  };
}

/** Every element with the tag, as its opening tag's text. */
function tags(html: string, tag: string): string[] {
  return html.match(new RegExp(`<${tag}\\b[^>]*>`, "g")) ?? [];
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The text of the label for the element with `id`. */
function labelFor(html: string, id: string): string | undefined {
  const match = new RegExp(`<label[^>]*\\sfor="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(html);
  return match?.[1];
}

function inputOf(html: string, id: string): string | undefined {
  return [...tags(html, "input"), ...tags(html, "textarea")].find((t) => attribute(t, "id") === id);
}

function optionsOf(question: Question) {
  return question.kind === "free-text" ? [] : question.options;
}

describe("the form page", () => {
  const html = renderFormPage(view());

  it("draws every question of QUESTIONNAIRE_V1 from its data, each choice with an input and a label", () => {
    const questions = questionsAsked(QUESTIONNAIRE_V1);
    expect(questions.length).toBe(15);
    for (const question of questions) {
      expect(html, question.id).toContain(escapeHtml(question.text));
      if (question.kind === "free-text") {
        const box = inputOf(html, question.id);
        expect(box, question.id).toMatch(/^<textarea/);
        expect(attribute(box ?? "", "name")).toBe(question.id);
        expect(attribute(box ?? "", "maxlength")).toBe(String(question.maxLength));
        expect(labelFor(html, question.id)).toBe(escapeHtml(question.text));
        continue;
      }
      const type = question.kind === "multiple-choice" ? "checkbox" : "radio";
      const inputs = tags(html, "input").filter((t) => attribute(t, "name") === question.id);
      expect(inputs.map((t) => attribute(t, "value")), question.id).toEqual(optionsOf(question).map((o) => escapeHtml(o.value)));
      for (const [index, input] of inputs.entries()) {
        expect(attribute(input, "type")).toBe(type);
        expect(labelFor(html, attribute(input, "id") ?? "-"), `${question.id} option ${index}`).toBe(escapeHtml(optionsOf(question)[index]?.label ?? ""));
      }
      // The question is its group's legend.
      expect(html).toMatch(new RegExp(`<fieldset class="question"[^>]*>\\s*<legend><h3>${escapeHtml(question.text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</h3></legend>`));
      const other = writeInOf(question);
      if (other) {
        const writeIn = inputOf(html, other.field);
        expect(attribute(writeIn ?? "", "type"), other.field).toBe("text");
        expect(attribute(writeIn ?? "", "maxlength")).toBe(String(other.maxLength));
        expect(labelFor(html, other.field)).toMatch(/tell us more \(optional\)/);
      }
    }
  });

  it("draws a question added to the data without any change to the page, and leaves out one retired", () => {
    const [first, ...rest] = QUESTIONNAIRE_V1.sections;
    const later: Questionnaire = {
      version: "2027.1",
      privacyNoticeVersion: "diversity-2027.1",
      sections: [
        { ...first!, questions: first!.questions.map((q) => (q.id === "legalForm" ? { ...q, retiredIn: "2027.1" } : q)) },
        ...rest,
        { id: "new", title: "Something new", questions: [{ id: "hasApprentices", kind: "yes-no", text: "Does the business employ apprentices?", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }], aboutAPerson: false, since: "2027.1" }] },
      ],
    };
    const page = renderFormPage(view({ questionnaire: later }));
    expect(page).toContain("<legend><h2>Something new</h2></legend>");
    expect(labelFor(page, "hasApprentices")).toBe("Yes");
    expect(page).not.toContain('name="legalForm"');
    expect(page).toContain('name="privacyNoticeVersion" value="diversity-2027.1"');
  });

  it("puts the 19 ethnic groups under their 5 Census headings", () => {
    const headings = [...new Set(ETHNIC_GROUPS.map((g) => g.group))];
    expect(headings).toHaveLength(5);
    for (const heading of headings) expect(html).toContain(`<fieldset class="group"><legend><h4>${escapeHtml(heading)}</h4></legend>`);
    const black = html.slice(html.indexOf(escapeHtml(headings[1]!)), html.indexOf(escapeHtml(headings[2]!)));
    expect(black).toContain('value="african"');
    expect(black).not.toContain('value="indian"');
  });

  it("says at the top who it is for, the council, the closing date, that every question is optional and the privacy notice's key facts", () => {
    const top = html.slice(0, html.indexOf("<form"));
    expect(top).toContain("<h1>Supplier diversity questionnaire 2026</h1>");
    expect(top).toContain("For Beta Ltd");
    expect(top).toContain("Coventry City Council");
    expect(top).toContain("Please answer by the end of 31 January 2027");
    expect(top).toContain("Every question is optional.");
    expect(top).toContain("special category data");
    expect(top).toContain("only for equality of opportunity");
    expect(top).toContain("never used to score a tender or award a contract");
    expect(top).toContain("equality, diversity and inclusion (EDI) analysts");
    expect(top).toContain("3 years");
    expect(top).toMatch(/download a copy of your answers, or delete them/);
    expect(top).toContain("Privacy notice version diversity-2026.1");
    expect(html).toContain('<input type="hidden" name="privacyNoticeVersion" value="diversity-2026.1">');
  });

  it("has the two buttons, the download link and the delete form with its confirm box, all relative to the form's address", () => {
    expect(html).toContain('<form method="post" action="./tok_abc-123">');
    expect(html).toContain('<button type="submit" class="primary" name="action" value="submit">Send my answers</button>');
    expect(html).toContain('<button type="submit" class="secondary" name="action" value="draft">Save and finish later</button>');
    expect(html).toContain('<a href="./tok_abc-123/answers.json" download="answers.json">');
    expect(html).toContain('<form method="post" action="./tok_abc-123/erase">');
    expect(labelFor(html, "confirm")).toMatch(/delete all our answers/);
    expect(attribute(inputOf(html, "confirm") ?? "", "value")).toBe("yes");
  });

  it("is lang en-GB, has no script, no handler, nothing fetched from elsewhere, unique ids and headings in order", () => {
    for (const page of [html, renderFormPage(view({ errors: [{ field: "sector", question: "Sector", message: "Choose one." }] }))]) {
      expect(page).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(page).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=|javascript:|src=|https?:\/\//i);
      const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), `heading ${i}`).toBeLessThanOrEqual(1));
      // Every link inside the page leads to an element that is there.
      for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
    }
  });

  it("keeps a person's entries when drawn again, escaped", () => {
    const page = renderFormPage(
      view({
        entries: { sector: "other", sectorOther: 'Bees & "honey" <b>', barriers: ["contract-size", "payment-terms"], councilCouldDo: "Pay </textarea><script>x</script> faster", consentToContact: "no" },
      }),
    );
    const checked = tags(page, "input").filter((t) => / checked\b/.test(t));
    expect(checked.map((t) => `${attribute(t, "name")}=${attribute(t, "value")}`)).toEqual(["sector=other", "barriers=contract-size", "barriers=payment-terms", "consentToContact=no"]);
    expect(attribute(inputOf(page, "sectorOther") ?? "", "value")).toBe("Bees &#38; &#34;honey&#34; &#60;b&#62;");
    expect(page).toContain(">Pay &#60;/textarea&#62;&#60;script&#62;x&#60;/script&#62; faster</textarea>");
    expect(page).not.toContain("<script>");
  });

  it("escapes HTML in the supplier's name, the council's and their email", () => {
    const page = renderFormPage(view({ supplierName: `<script>alert("x")</script> & Sons`, council: { name: "<i>Council</i>", email: 'a"b@example.org' } }));
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<i>Council</i>");
    expect(page).toContain("For &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Sons");
    expect(page).toContain("<title>Supplier diversity questionnaire 2026: &#60;script&#62;");
    expect(page).toContain('href="mailto:a&#34;b@example.org"');
    for (const render of [renderThanksPage, renderDraftSavedPage]) {
      const after = render({ council, formUrl: "./t", year: 2026, supplierName: "<b>Beta</b>", closesAt: "2027-01-31" });
      expect(after).toContain("&#60;b&#62;Beta&#60;/b&#62;");
      expect(after).not.toContain("<b>Beta");
    }
  });

  it("summarises faults at the top, each naming its question and linking to its field, which is described by its message", () => {
    const fields = { privacyNoticeVersion: "diversity-2026.1", ownersReligion: ["christian", "prefer-not-to-say"], barriersOther: "Late payment", councilCouldDo: "x".repeat(2001), sector: "fishing" };
    const read = readDiversityAnswers(QUESTIONNAIRE_V1, fields);
    expect(read.ok).toBe(false);
    const errors = formErrors(QUESTIONNAIRE_V1, fields, read.ok ? [] : read.errors);
    expect(errors.map((e) => e.field).sort()).toEqual(["barriersOther", "councilCouldDo", "ownersReligion", "sector"]);
    const page = renderFormPage(view({ entries: fields, errors }));
    expect(page).toMatch(/<title>Error: /);
    const summary = page.slice(page.indexOf('<div class="error-summary"'), page.indexOf("</div>", page.indexOf('<div class="error-summary"')));
    expect(page.indexOf('<div class="error-summary"')).toBeLessThan(page.indexOf("<h2>About this questionnaire</h2>"));
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('<a href="#ownersReligion">What is your religion? You chose “Prefer not to say” and other answers. Choose either “Prefer not to say” or the other answers.</a>');
    expect(summary).toContain('<a href="#barriersOther">What makes it hard for the business to bid for council contracts? You described “Other” but did not choose it. Choose “Other”, or clear the description.</a>');
    expect(summary).toContain("Your answer has 2,001 characters. Shorten it to 2,000 characters or fewer.");
    expect(summary).toContain('<a href="#sector">Which sector does the business mainly work in? Choose one of the answers shown, or leave the question blank.</a>');
    // The fieldset of a choice, and a text box, are described by their message.
    expect(page).toMatch(/<fieldset class="question has-error" aria-describedby="ownersReligion-hint ownersReligion-error">/);
    expect(page).toContain('<p class="error-message" id="ownersReligion-error"><span class="visually-hidden">Error: </span>You chose');
    expect(attribute(inputOf(page, "councilCouldDo") ?? "", "aria-describedby")).toBe("councilCouldDo-hint councilCouldDo-error");
    expect(attribute(inputOf(page, "barriersOther") ?? "", "aria-describedby")).toBe("barriersOther-error");
    // What was posted is still there to correct.
    expect(tags(page, "input").filter((t) => / checked\b/.test(t) && attribute(t, "name") === "ownersReligion").map((t) => attribute(t, "value"))).toEqual(["christian", "prefer-not-to-say"]);
  });

  it("names a changed privacy notice and links to it", () => {
    const errors = formErrors(QUESTIONNAIRE_V1, { privacyNoticeVersion: "diversity-2025.1", womenOwned: "yes" }, [{ field: "privacyNoticeVersion", message: "must be ..." }]);
    const page = renderFormPage(view({ errors }));
    expect(page).toContain('<a href="#privacy">How your answers are used: The privacy notice has changed');
    expect(page).toContain('<h2 id="privacy">');
  });

  it("says when a draft or sent answers are filled in", () => {
    expect(renderFormPage(view({ draftSavedAt: "2026-12-03T10:00:00Z" }))).toContain("Your answers saved on 3 December 2026 are filled in below. They have not been sent yet");
    expect(renderFormPage(view({ submittedAt: "2026-12-01T10:00:00Z" }))).toContain("You sent your answers on 1 December 2026.");
    expect(html).not.toContain('class="notice"');
  });
});

describe("the pages around the form", () => {
  it("thanks: what happens next and how to change the answers until the closing date", () => {
    const page = renderThanksPage({ council, formUrl: "../tok", year: 2026, supplierName: "Beta Ltd", closesAt: "2027-01-31T17:00:00Z" });
    expect(page).toContain("<h1>Your answers have been sent</h1>");
    expect(page).toContain("<h2>What happens next</h2>");
    expect(page).toContain("You can change your answers until 5:00pm on 31 January 2027");
    expect(page).toContain('<a href="../tok">Change my answers</a>');
  });

  it("draft saved: the link keeps working until the closing date", () => {
    const page = renderDraftSavedPage({ council, formUrl: "./tok", year: 2026, supplierName: "Beta Ltd", closesAt: "2027-02-01T00:00:00Z" });
    expect(page).toContain("Your link keeps working until the end of 31 January 2027.");
    expect(page).toContain("have not been sent");
  });

  it("erased, not valid and too many attempts name the council's address and nothing of the link", () => {
    expect(renderErasedPage(council)).toContain("<h1>Your answers are deleted</h1>");
    const notValid = renderLinkNotValidPage(council);
    expect(notValid).toContain("<h1>This link is not valid</h1>");
    expect(notValid).toContain("mailto:diversity@coventry.gov.uk");
    expect(renderTooManyAttemptsPage(council, 840)).toContain("Wait 14 minutes, then try your link again.");
    expect(renderTooManyAttemptsPage(council, 30)).toContain("Wait 1 minute,");
  });
});

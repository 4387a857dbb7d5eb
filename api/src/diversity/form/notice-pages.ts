// The short pages around the diversity form: answers sent, draft saved, answers deleted, a link
// that is not valid, and too many attempts. Each says what happened and what the person can do next.
import { escapeHtml } from "../../pages/html-page.js";
import { closingText } from "../../pages/form-dates.js";
import { formPageHtml } from "../../pages/form-frame.js";
import type { FormCouncil } from "./form-page.js";

/** What the pages after a send or a save name: the council, the supplier, the form's address and its closing date. */
export interface AfterFormView {
  council: FormCouncil;
  /** The form's address relative to the page shown ("./TOKEN" or "../TOKEN"). */
  formUrl: string;
  year: number;
  supplierName: string;
  closesAt: string;
}

/** After "Send my answers": what happens next, and how to change the answers until the closing date. */
export function renderThanksPage(view: AfterFormView): string {
  const councilName = escapeHtml(view.council.name);
  const until = escapeHtml(closingText(view.closesAt));
  const url = escapeHtml(view.formUrl);
  return formPageHtml({
    title: "Your answers have been sent",
    council: view.council.name,
    body: `<h1>Your answers have been sent</h1>
<p class="notice">Thank you. ${councilName} has received the diversity answers of ${escapeHtml(view.supplierName)} for ${view.year}.</p>
<h2>What happens next</h2>
<p>After the questionnaire closes, the council publishes counts of the answers that identify no business, and uses them to plan how it helps under-represented businesses win council work. If you agreed to be contacted, it may invite the business to events such as Meet the Buyer and tell it about tenders that suit it.</p>
<p>Your answers are never used to score a tender or award a contract.</p>
<h2>Changing your answers</h2>
<p>You can change your answers until ${until}: open your link again, change them and send them again. The answers you send last are the ones that count.</p>
<p><a href="${url}">Change my answers</a></p>
<p><a href="${url}/answers.json" download="answers.json">Download my answers (answers.json)</a></p>`,
  });
}

/** After "Save and finish later": nothing is sent yet, and the link keeps working until the closing date. */
export function renderDraftSavedPage(view: AfterFormView): string {
  const until = escapeHtml(closingText(view.closesAt));
  return formPageHtml({
    title: "Your answers are saved, not sent",
    council: view.council.name,
    body: `<h1>Your answers are saved, not sent</h1>
<p class="notice">The answers of ${escapeHtml(view.supplierName)} are saved. They have not been sent to ${escapeHtml(view.council.name)} yet.</p>
<h2>Finishing later</h2>
<p>Your link keeps working until ${until}. Open it again to finish, then press “Send my answers”.</p>
<p>Keep the link to yourself: anyone who has it can see and change these answers.</p>
<p><a href="${escapeHtml(view.formUrl)}">Go back to the questionnaire</a></p>`,
  });
}

/** After "Delete my answers". */
export function renderErasedPage(council: FormCouncil): string {
  return formPageHtml({
    title: "Your answers are deleted",
    council: council.name,
    body: `<h1>Your answers are deleted</h1>
<p class="notice">Every diversity answer of the business, sent or saved, has been deleted. ${escapeHtml(council.name)}’s counts are worked out again without them.</p>
<p>While the questionnaire is open you can still answer again with your link, if you change your mind.</p>
<p>Questions about your data: email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a>.</p>`,
  });
}

/** The one page for every link that does not open a form (unknown, altered, expired, closed): it never says which. */
export function renderLinkNotValidPage(council: FormCouncil): string {
  return formPageHtml({
    title: "This link is not valid",
    council: council.name,
    body: `<h1>This link is not valid</h1>
<p>It may have expired, the questionnaire may have closed, or the link may have been copied wrongly.</p>
<p>Check that you copied the whole link from the email. To get a new link, email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a> and say which business it is for.</p>`,
  });
}

/** Too many links that were not valid from one address in a short time. */
export function renderTooManyAttemptsPage(council: FormCouncil, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return formPageHtml({
    title: "Too many attempts",
    council: council.name,
    body: `<h1>Too many attempts</h1>
<p>Too many links that are not valid have been tried from your internet connection. Wait ${minutes === 1 ? "1 minute" : `${minutes} minutes`}, then try your link again.</p>
<p>If your link does not work, email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a> for a new one.</p>`,
  });
}

/** A posted form larger than any filled-in form can be. */
export function renderTooLargePage(council: FormCouncil): string {
  return formPageHtml({
    title: "Your answers are too long to send",
    council: council.name,
    body: `<h1>Your answers are too long to send</h1>
<p>What was sent is longer than the questionnaire takes. Go back, shorten your written answers, and send them again.</p>`,
  });
}

/** The service failed (storage down, a bug): nothing of the link or the answers is shown. */
export function renderServiceProblemPage(council: FormCouncil): string {
  return formPageHtml({
    title: "Sorry, there is a problem with the service",
    council: council.name,
    body: `<h1>Sorry, there is a problem with the service</h1>
<p>Your answers may not have been saved or sent. Try again in a few minutes with the same link.</p>
<p>If it keeps happening, email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a>.</p>`,
  });
}

/** Something other than the page's own form was posted (a script, another program). */
export function renderFormOnlyPage(council: FormCouncil): string {
  return formPageHtml({
    title: "Answer on the questionnaire page",
    council: council.name,
    body: `<h1>Answer on the questionnaire page</h1>
<p>This address takes only the questionnaire's own form. Open your link in a web browser, fill in the questionnaire there, and press “Send my answers” or “Save and finish later”.</p>
<p>Nothing was saved or sent.</p>`,
  });
}

// The pages of a signed update link (/update/{token}): the updates owed with an input each, the
// thanks after sending, and the one page for every link that does not work. Plain HTML, no script.
import { longDate, periodLabel, withUnit, type KpiUpdate, type LinkItemView } from "@toms/domain";
import type { UpdateLinkView } from "@toms/app";
import { dayText } from "../pages/form-dates.js";
import { formPageHtml } from "../pages/form-frame.js";
import { escapeHtml } from "../pages/html-page.js";

/** The council as these pages name it, and where a supplier writes. */
export interface LinkCouncil {
  name: string;
  email: string;
}

/** What the person typed for one item, kept when the page is drawn again. */
export interface ItemEntry {
  value: string;
  note: string;
  evidenceUrl: string;
}

/** One fault on the page: the field's id ("item-0-value"), what it is about, and what to do. */
export interface PageError {
  field: string;
  label: string;
  message: string;
}

export interface UpdatePageView {
  council: LinkCouncil;
  /** The page's own address relative to itself ("./TOKEN"). */
  formUrl: string;
  view: UpdateLinkView;
  /** A new random key per page drawn: the same page sent twice records its updates once. */
  formKey: string;
  /** By item index. */
  entries?: ReadonlyMap<number, ItemEntry>;
  errors?: readonly PageError[];
}

const itemName = (item: LinkItemView) => `${item.title} (${item.periodLabel})`;

function stateText(item: LinkItemView): string {
  switch (item.state) {
    case "owed":
      return `Due by ${longDate(item.due)}.`;
    case "correction":
      return `The contract manager asked for a correction${item.reason ? `: “${item.reason}”` : "."}`;
    case "awaiting-review":
      return `Sent${item.sent ? ` (${withUnit(item.sent.value, item.unit)}, ${dayText(item.sent.at)})` : ""}. It waits for the contract manager's review.`;
    case "accepted":
      return `Accepted${item.sent ? ` (${withUnit(item.sent.value, item.unit)})` : ""}. Nothing more is needed.`;
  }
}

function factsHtml(item: LinkItemView): string {
  const rows: [string, string][] = [
    ["Target", `${withUnit(item.target, item.unit)} (${item.direction === "higher" ? "higher is better" : "lower is better"})`],
    ["Last value", item.lastValue ? `${withUnit(item.lastValue.value, item.unit)} for ${periodLabel(item.lastValue.period)}` : "None sent yet"],
    ["Due", longDate(item.due)],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`;
}

function errorText(id: string, error: PageError | undefined): string {
  return error ? `<p class="error-message" id="${id}-error"><span class="visually-hidden">Error: </span>${escapeHtml(error.message)}</p>` : "";
}

function described(...ids: (string | undefined | false)[]): string {
  const list = ids.filter((id): id is string => typeof id === "string");
  return list.length > 0 ? ` aria-describedby="${list.join(" ")}"` : "";
}

function inputsHtml(index: number, item: LinkItemView, entry: ItemEntry | undefined, errors: ReadonlyMap<string, PageError>): string {
  const id = (field: string) => `item-${index}-${field}`;
  const field = (name: "value" | "note" | "evidenceUrl", label: string, hint: string, control: (attrs: string) => string) => {
    const error = errors.get(id(name));
    const attrs = ` id="${id(name)}" name="${id(name)}"${described(`${id(name)}-hint`, error && `${id(name)}-error`)}${error ? ' aria-invalid="true"' : ""}`;
    return `<div class="${error ? "has-error" : ""}">
<label class="field" for="${id(name)}">${escapeHtml(label)}</label>
<p class="hint" id="${id(name)}-hint">${escapeHtml(hint)}</p>
${errorText(id(name), error)}${control(attrs)}
</div>`;
  };
  const unit = item.unit ? ` in ${item.unit}` : "";
  return `<input type="hidden" name="${id("kpiId")}" value="${escapeHtml(item.kpiId)}">
<input type="hidden" name="${id("period")}" value="${escapeHtml(item.period)}">
${field("value", `Value for ${item.periodLabel}${unit}`, "A number, such as 97.5. Leave every box of this item blank to answer it later.", (a) => `<input type="text" class="short" inputmode="decimal" autocomplete="off"${a} value="${escapeHtml(entry?.value ?? "")}">`)}
${field("note", "Note (optional)", "Anything the contract manager should know. Up to 2,000 characters.", (a) => `<textarea rows="4" maxlength="2000"${a}>${escapeHtml(entry?.note ?? "")}</textarea>`)}
${field("evidenceUrl", "Link to evidence (optional)", "A web address starting https://, such as a shared document.", (a) => `<input type="url" autocomplete="off" spellcheck="false"${a} value="${escapeHtml(entry?.evidenceUrl ?? "")}">`)}`;
}

function errorSummary(errors: readonly PageError[]): string {
  if (errors.length === 0) return "";
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${errors.map((e) => `<li>${e.field ? `<a href="#${e.field}">${escapeHtml(e.label)}: ${escapeHtml(e.message)}</a>` : `${escapeHtml(e.label)}: ${escapeHtml(e.message)}`}</li>`).join("\n")}
</ul>
</div>`;
}

/** The updates a link covers: each item with its facts and state, and inputs for those still owed. */
export function renderUpdatePage(page: UpdatePageView): string {
  const { view, council } = page;
  const errors = page.errors ?? [];
  const byField = new Map(errors.map((e) => [e.field, e]));
  const title = `Updates for ${view.contract.reference}: ${view.contract.title}`;
  const items = view.items
    .map((item, index) => {
      const answerable = item.state === "owed" || item.state === "correction";
      return `<fieldset class="item" id="item-${index}">
<legend><h2>${escapeHtml(itemName(item))}</h2></legend>
<p class="${item.state === "correction" ? "notice" : "hint"}">${escapeHtml(stateText(item))}</p>
${factsHtml(item)}
${answerable ? inputsHtml(index, item, page.entries?.get(index), byField) : ""}
</fieldset>`;
    })
    .join("\n");
  const owedCount = view.items.filter((i) => i.state === "owed" || i.state === "correction").length;
  const body = `<h1>Updates for ${escapeHtml(view.contract.reference)}</h1>
<p class="for">${escapeHtml(view.contract.title)}</p>
<p>For ${escapeHtml(view.supplierName)}, from ${escapeHtml(council.name)}. This page is for ${escapeHtml(view.contactName)}; the link works until ${escapeHtml(dayText(view.expiresAt))}.</p>
${errorSummary(errors)}
${
  view.answerable
    ? `<p>${owedCount === 1 ? "One update is" : `${owedCount} updates are`} owed. Write each value, then press “Send the updates”. The contract manager reviews what you send.</p>
<form method="post" action="${escapeHtml(page.formUrl)}" novalidate>
<input type="hidden" name="formKey" value="${escapeHtml(page.formKey)}">
${items}
<div class="buttons"><button type="submit" class="primary">Send the updates</button></div>
</form>`
    : `<p class="notice">Nothing more is owed through this link. Thank you.</p>
${items}`
}
<p>Questions: email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a>. The council will never ask you for a password.</p>`;
  return formPageHtml({ title: errors.length > 0 ? `Error: ${title}` : title, council: council.name, body });
}

/** After sending: what was recorded, and that it waits for review. */
export function renderSentPage(council: LinkCouncil, view: UpdateLinkView, updates: readonly KpiUpdate[], formUrl: string): string {
  const lines = updates.map((u) => {
    const item = view.items.find((i) => i.kpiId === u.kpiId && i.period === u.period);
    return `<li>${escapeHtml(item ? itemName(item) : u.period)}: ${escapeHtml(withUnit(u.value, item?.unit ?? ""))}</li>`;
  });
  return formPageHtml({
    title: "Your updates have been sent",
    council: council.name,
    body: `<h1>Your updates have been sent</h1>
<p class="notice">Thank you. ${escapeHtml(council.name)} has recorded ${updates.length === 1 ? "this update" : "these updates"} for ${escapeHtml(view.contract.reference)}:</p>
<ul>
${lines.join("\n")}
</ul>
<p>It now waits for the contract manager's review. If they ask for a correction, you will be told.</p>
<p><a href="${escapeHtml(formUrl)}">See what else this link covers</a></p>`,
  });
}

/** The one page for every link that does not work (unknown, altered, expired, revoked): it never says which. */
export function renderLinkGonePage(council: LinkCouncil, freshUrl?: string): string {
  return formPageHtml({
    title: "This link does not work any more",
    council: council.name,
    body: `<h1>This link does not work any more</h1>
<p>It may have expired, been replaced by a newer link, or been copied wrongly. Check that you copied the whole link from the e-mail.</p>
${freshUrl ? `<form method="post" action="${escapeHtml(freshUrl)}"><div class="buttons"><button type="submit" class="primary">Send me a new link</button></div></form>\n` : ""}<p>Or email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a> and say which contract it is for.</p>`,
  });
}

/**
 * After "Send me a new link": the same words whatever the link and whatever happened. Without mail
 * (`mailed` false) no link is sent, so the page says to write to the council, again for every link.
 */
export function renderFreshLinkPage(council: LinkCouncil, mailed = true): string {
  if (!mailed)
    return formPageHtml({
      title: "Ask the council for a new link",
      council: council.name,
      body: `<h1>Ask the council for a new link</h1>
<p class="notice">New links are not sent by e-mail from this page at the moment.</p>
<p>Email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a> and say which contract it is for. They will send you a new link or take your updates another way.</p>`,
    });
  return formPageHtml({
    title: "A new link is on its way",
    council: council.name,
    body: `<h1>A new link is on its way</h1>
<p class="notice">If this link was sent to you, a new one is on its way to the same address.</p>
<p>It can take a few minutes. If nothing arrives, email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a> and say which contract it is for.</p>`,
  });
}

/** Too many links that do not work, or too many new links asked for, from one address. */
export function renderTooManyPage(council: LinkCouncil, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return formPageHtml({
    title: "Too many attempts",
    council: council.name,
    body: `<h1>Too many attempts</h1>
<p>Too many tries have come from your internet connection. Wait ${minutes === 1 ? "1 minute" : `${minutes} minutes`}, then open your link again.</p>
<p>If your link does not work, email <a href="mailto:${escapeHtml(council.email)}">${escapeHtml(council.email)}</a>.</p>`,
  });
}

/** The service failed, a body too large, or not the page's form: nothing of the link is shown. */
export function renderProblemPage(council: LinkCouncil, heading: string, text: string): string {
  return formPageHtml({ title: heading, council: council.name, body: `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(text)}</p>` });
}

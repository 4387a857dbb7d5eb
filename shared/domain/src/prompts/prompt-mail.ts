// The e-mail a supplier's contact gets instead of a Teams card (docs/suppliers.md): what is owed,
// for which contract and period, the due date and one button to the signed update link. Nothing a
// phisher could imitate easily: no attachment, no form, no log-in, and the sender named in words.
import { longDate, withUnit } from "../delivery/words.js";
import { periodLabel } from "../delivery/periods.js";
import type { Prompt } from "./model.js";

/** The parts of a prompt's e-mail: the transport adds the addresses and headers. */
export interface PromptMailContent {
  subject: string;
  text: string;
  html: string;
}

export interface PromptMailContext {
  /** The council, as the mail names it. */
  council: { name: string; email: string };
  /** The address the mail is sent from, named in its text. */
  sender: { address: string; name?: string };
  /** The signed update link (absolute). */
  link: string;
  /** When the link stops working (ISO). */
  linkExpiresAt: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** A subject is one line: a line break in a title must not start a header of its own. */
const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ").trim();

const dayOf = (iso: string) => longDate(iso.slice(0, 10));

/** What the mail asks, in a heading, an opening sentence and its subject's words. */
function askOf(prompt: Prompt, period: string): { heading: string; opening: string; subjectWords: string } {
  const what = prompt.kpiTitle ? `"${prompt.kpiTitle}"` : "the contract's update";
  const correction = prompt.kind === "correction" || prompt.owed?.what === "correction";
  const due = prompt.due ? dayOf(prompt.due) : undefined;
  if (correction)
    return {
      heading: "A correction is needed",
      opening: `The contract manager could not accept the update for ${what}, ${period}, and asks you to send it again.`,
      subjectWords: "correction needed",
    };
  if (prompt.kind === "reminder")
    return { heading: "Reminder: an update is late", opening: `The update for ${what}, ${period}, ${due ? `was due on ${due}` : "is late"}. Please send it now.`, subjectWords: "update overdue" };
  if (prompt.kind === "requested-reminder")
    return { heading: "The contract manager asks for an update", opening: `The contract manager asks you to send the update for ${what}, ${period}${due ? ` (due ${due})` : ""}.`, subjectWords: "reminder, update" };
  return { heading: "An update is due", opening: `Please send the update for ${what}, ${period}${due ? `. It is due on ${due}` : ""}.`, subjectWords: "update due" };
}

/**
 * The e-mail of a prompt to a supplier's contact: a plain-text part and an HTML part with the same
 * words (inline styles only, every typed text escaped), one button to the link, and the link
 * written out in the text part.
 *
 * @example
 * const mail = promptMail(record.prompt, { council: { name: "Coventry City Council", email: "procurement@coventry.gov.uk" }, sender: { address: "contracts@coventry.gov.uk" }, link, linkExpiresAt });
 * // mail.subject: "Coventry City Council: update due for CCC-2026-004 (November 2026)"
 */
export function promptMail(prompt: Prompt, context: PromptMailContext): PromptMailContent {
  const period = prompt.period ? periodLabel(prompt.period) : "this period";
  const ask = askOf(prompt, period);
  const council = context.council.name;
  const subject = oneLine(`${council}: ${ask.subjectWords} for ${prompt.contractReference} (${period})`);
  const facts: [string, string][] = [
    ["Contract", `${prompt.contractReference} ${prompt.contractTitle}`],
    ...(prompt.kpiTitle ? [["What", prompt.kpiTitle] as [string, string]] : []),
    ["Period", period],
    ...(prompt.due ? [["Due", dayOf(prompt.due)] as [string, string]] : []),
    ...(prompt.kpi ? [["Target", withUnit(prompt.kpi.target, prompt.kpi.unit)] as [string, string]] : []),
    ...(prompt.kpi?.lastValue ? [["Last value sent", `${withUnit(prompt.kpi.lastValue.value, prompt.kpi.unit)} for ${periodLabel(prompt.kpi.lastValue.period)}`] as [string, string]] : []),
    ...(prompt.reason ? [["The manager's reason", prompt.reason] as [string, string]] : []),
  ];
  const greeting = prompt.recipient.name ? `Dear ${prompt.recipient.name},` : "Hello,";
  const expires = dayOf(context.linkExpiresAt);
  const linkWords = `The link is for you only and works until ${expires}. It needs no account and no password.`;
  const sender = `This e-mail was sent by ${council} contract management from ${context.sender.address}. We will never ask for a password. If in doubt, write to ${context.council.email}.`;

  const text = [
    greeting,
    "",
    ask.opening,
    "",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    "Send the update:",
    context.link,
    "",
    linkWords,
    "",
    sender,
    "",
  ].join("\n");

  const e = escapeHtml;
  const cell = "padding:4px 12px 4px 0;vertical-align:top;font-size:15px;";
  const rows = facts.map(([label, value]) => `<tr><th scope="row" style="${cell}text-align:left;color:#424242;font-weight:600;">${e(label)}</th><td style="${cell}">${e(value)}</td></tr>`).join("");
  const html = [
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#ffffff;color:#242424;font-family:Segoe UI,Helvetica,Arial,sans-serif;">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px 16px;">`,
    `<p style="margin:0 0 4px;font-size:14px;color:#424242;">${e(council)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:22px;">${e(ask.heading)}</h1>`,
    `<p style="margin:0 0 8px;font-size:15px;">${e(greeting)}</p>`,
    `<p style="margin:0 0 16px;font-size:15px;">${e(ask.opening)}</p>`,
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 20px;">${rows}</table>`,
    `<p style="margin:0 0 20px;"><a href="${e(context.link)}" style="display:inline-block;background:#0f6cbd;color:#ffffff;text-decoration:none;font-size:16px;font-weight:600;padding:12px 24px;border-radius:4px;">Send the update</a></p>`,
    `<p style="margin:0 0 16px;font-size:14px;color:#424242;">${e(linkWords)}</p>`,
    `<p style="margin:0;font-size:13px;color:#616161;">${e(sender)}</p>`,
    `</div></body></html>`,
  ].join("");
  return { subject, text, html };
}

export interface FreshLinkMailContext {
  council: { name: string; email: string };
  sender: { address: string; name?: string };
  contactName?: string;
  contractReference: string;
  contractTitle: string;
  link: string;
  linkExpiresAt: string;
}

/**
 * The e-mail with a new link, sent when someone opened an expired one and asked for another.
 *
 * @example
 * const mail = freshLinkMail({ council, sender, contractReference: "CCC-2026-004", contractTitle: "Waste collection", link, linkExpiresAt });
 */
export function freshLinkMail(context: FreshLinkMailContext): PromptMailContent {
  const council = context.council.name;
  const subject = oneLine(`${council}: your new update link for ${context.contractReference}`);
  const greeting = context.contactName ? `Dear ${context.contactName},` : "Hello,";
  const opening = `You asked for a new link to send the updates you owe on contract ${context.contractReference} ${context.contractTitle}. The old link no longer works.`;
  const linkWords = `The link is for you only and works until ${dayOf(context.linkExpiresAt)}. It needs no account and no password. If you did not ask for it, you can ignore this e-mail.`;
  const sender = `This e-mail was sent by ${council} contract management from ${context.sender.address}. We will never ask for a password. If in doubt, write to ${context.council.email}.`;
  const text = [greeting, "", opening, "", "Send the update:", context.link, "", linkWords, "", sender, ""].join("\n");
  const e = escapeHtml;
  const html = [
    `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#ffffff;color:#242424;font-family:Segoe UI,Helvetica,Arial,sans-serif;">`,
    `<div style="max-width:560px;margin:0 auto;padding:24px 16px;">`,
    `<p style="margin:0 0 4px;font-size:14px;color:#424242;">${e(council)}</p>`,
    `<h1 style="margin:0 0 16px;font-size:22px;">Your new update link</h1>`,
    `<p style="margin:0 0 8px;font-size:15px;">${e(greeting)}</p>`,
    `<p style="margin:0 0 16px;font-size:15px;">${e(opening)}</p>`,
    `<p style="margin:0 0 20px;"><a href="${e(context.link)}" style="display:inline-block;background:#0f6cbd;color:#ffffff;text-decoration:none;font-size:16px;font-weight:600;padding:12px 24px;border-radius:4px;">Send the update</a></p>`,
    `<p style="margin:0 0 16px;font-size:14px;color:#424242;">${e(linkWords)}</p>`,
    `<p style="margin:0;font-size:13px;color:#616161;">${e(sender)}</p>`,
    `</div></body></html>`,
  ].join("");
  return { subject, text, html };
}

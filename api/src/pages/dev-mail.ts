// `/dev/mail`: the mail the service sent to its development mailbox, on this computer only. The
// mail holds update links, which are keys to a supplier's form, so the page shows only with
// development sign-in on (TOMS_DEV_SIGN_IN=on, as npm start sets it) and only to loopback callers;
// everything shown is escaped text (no message's HTML runs here).
import { Router, type Request } from "express";
import type { CapturedMail, DevMailbox } from "@toms/mail";
import { isLoopback, type Config } from "../config.js";
import { Problem } from "../problems.js";
import { escapeHtml, sendPage } from "./html-page.js";

const INTRO = "Mail the service has sent on this computer. Nothing here left the computer.";

/** When the page is not shown: why, and how to see it. */
function refusal(config: Config, req: Request): Problem | undefined {
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "";
  if (config.signIn.mode !== "development" || !isLoopback(remote)) return new Problem(404, "Not found", "The development mailbox is shown only on this computer, in development.");
  if (!config.signIn.devSignIn) return new Problem(404, "The development mailbox is hidden", "The development mailbox is shown only with development sign-in on: the mail holds update links, which open a supplier's form. npm start turns it on; or start the service with TOMS_DEV_SIGN_IN=on.");
  return undefined;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "medium" });

/** The http(s) links of a message's HTML part, so a developer can follow one. */
function linksOf(mail: CapturedMail): string[] {
  const found = [...mail.html.matchAll(/href\s*=\s*"([^"]+)"/gi)].map((m) => (m[1] ?? "").replace(/&amp;/g, "&"));
  return [...new Set(found.filter((href) => /^https?:\/\//i.test(href)))];
}

function listPage(mailbox: DevMailbox): string {
  const mails = mailbox.messages();
  const rows = mails
    .map((m) => `<tr><td>${escapeHtml(m.to.join(", "))}</td><td><a href="mail/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || "(no subject)")}</a></td><td>${escapeHtml(when(m.receivedAt))}</td></tr>`)
    .join("\n");
  return `<h1>Development mailbox</h1>
<p>${INTRO}</p>
<p>Newest first, at most 500 are kept until the service stops. A recipient at a <code>.invalid</code> domain is refused, so a failed e-mail can be tried.</p>
${mails.length ? `<table><thead><tr><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : "<p>No mail yet.</p>"}`;
}

function messagePage(mail: CapturedMail): string {
  const headers = Object.entries(mail.headers).map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join("\n");
  const links = linksOf(mail);
  return `<p><a href="../mail">All mail</a></p>
<h1>${escapeHtml(mail.subject || "(no subject)")}</h1>
<p>${INTRO}</p>
<dl><dt>From</dt><dd>${escapeHtml(mail.from)}</dd><dt>To</dt><dd>${escapeHtml(mail.to.join(", "))}</dd><dt>Received</dt><dd>${escapeHtml(when(mail.receivedAt))}</dd><dt>Message-ID</dt><dd><code>${escapeHtml(mail.messageId)}</code></dd></dl>
${links.length ? `<h2>Links in the message</h2><ul>${links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join("")}</ul>` : ""}
<h2>Plain-text part</h2>
<pre>${escapeHtml(mail.text)}</pre>
<h2>HTML part (its source)</h2>
<pre>${escapeHtml(mail.html)}</pre>
<h2>Headers</h2>
<table><tbody>
${headers}
</tbody></table>`;
}

/** GET /dev/mail and GET /dev/mail/:id, over the development mailbox. */
export function devMailRoutes(config: Config, mailbox: DevMailbox): Router {
  const router = Router();
  router.get("/dev/mail", (req, res) => {
    const refused = refusal(config, req);
    if (refused) throw refused;
    res.set("cache-control", "no-store");
    sendPage(res, { title: "Development mailbox", root: "../", body: listPage(mailbox) });
  });
  router.get("/dev/mail/:id", (req, res) => {
    const refused = refusal(config, req);
    if (refused) throw refused;
    const mail = mailbox.message(req.params.id);
    if (!mail) throw new Problem(404, "No such message", "The development mailbox holds no such message: it keeps mail only until the service stops. See /dev/mail for what it holds.");
    res.set("cache-control", "no-store");
    sendPage(res, { title: `Mail: ${mail.subject}`, root: "../../", body: messagePage(mail) });
  });
  return router;
}

// Mail for tests: a message to send, and the service's development mailbox (the same class the
// tests use as their SMTP server, @toms/mail's startDevMailbox).
import type { MailMessage } from "@toms/mail";
export { startDevMailbox, type CapturedMail, type DevMailbox } from "@toms/mail";

/** A prompt-like message to `to`, with the dispatch header and a Message-ID as the prompts make them. */
export function testMessage(to: string, dispatch = `d${crypto.randomUUID().slice(0, 8)}`, attempt = 1): MailMessage {
  return {
    from: { address: "procurement@coventry.gov.uk", name: "Coventry City Council" },
    to: { address: to, name: "Ana Supplier" },
    replyTo: { address: "contracts@coventry.gov.uk" },
    subject: "Coventry City Council: update due for CCC-2026-004 (November 2026)",
    text: "Plain words. Send the update: https://toms.example/update/abc\n",
    html: '<p>Plain words.</p><p><a href="https://toms.example/update/abc">Send the update</a></p>',
    messageId: `<${dispatch}.${attempt}@coventry.gov.uk>`,
    headers: { "X-TOMs-Dispatch": dispatch },
  };
}

// A MailMessage as one RFC 5322 message (nodemailer's MailComposer): multipart/alternative with the
// plain-text and HTML parts, our Message-ID and our X- headers, exactly as SMTP and Graph's MIME
// sendMail carry it.
import MailComposer from "nodemailer/lib/mail-composer";
import type { MailAddress, MailMessage } from "./mail.js";

function named(address: MailAddress): { name: string; address: string } | string {
  return address.name ? { name: address.name, address: address.address } : address.address;
}

/** The nodemailer fields of a message (shared by the SMTP transport and `composeMime`). */
export function nodemailerFields(message: MailMessage) {
  return {
    from: named(message.from),
    to: named(message.to),
    ...(message.replyTo ? { replyTo: named(message.replyTo) } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { ...message.headers },
  };
}

/** The whole message as MIME bytes. */
export function composeMime(message: MailMessage): Promise<Buffer> {
  return new MailComposer(nodemailerFields(message)).compile().build();
}

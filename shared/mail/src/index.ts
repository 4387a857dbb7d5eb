export { MailFailure, MAIL_OUTCOME_UNKNOWN, type MailAddress, type MailMessage, type MailReceipt, type MailTransport } from "./mail.js";
export { composeMime } from "./compose.js";
export { createSmtpTransport, smtpFailure } from "./smtp-transport.js";
export { createGraphTransport, type GraphTransportOptions } from "./graph-transport.js";
export { graphToken, type GraphTokenSettings } from "./graph-token.js";
export { startDevMailbox, refusesInvalidDomain, type CapturedMail, type DevMailbox, type DevMailboxOptions } from "./dev-mailbox.js";
export { readBounce, type Bounce, type BounceRecipient } from "./bounce.js";

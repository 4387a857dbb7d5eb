export { MailFailure, MAIL_OUTCOME_UNKNOWN, type MailAddress, type MailMessage, type MailReceipt, type MailTransport } from "./mail.js";

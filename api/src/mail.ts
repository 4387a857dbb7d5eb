// Opens the mail seam the config names: Microsoft Graph, SMTP, the development mailbox (started
// here, on loopback, with an SMTP transport to it), or nothing (e-mail prompts off).
import type { Logger } from "pino";
import { createGraphTransport, createSmtpTransport, graphToken, startDevMailbox, type DevMailbox, type MailTransport } from "@toms/mail";
import type { Config } from "./config.js";

export interface OpenMail {
  /** Absent when mail is off. */
  transport?: MailTransport;
  /** The development mailbox, when it runs (development sign-in, neither SMTP nor Graph set). */
  mailbox?: DevMailbox;
  close(): Promise<void>;
}

/** What a test may give instead of the real thing. */
export interface MailOptions {
  /** Graph's token, instead of @azure/identity's (a test against a loopback Graph stand-in: nothing may reach Entra). */
  graphToken?: () => Promise<string>;
}

/** What the start says when mail is off. */
export const MAIL_OFF_WARNING = "E-mail prompts are off: set TOMS_SMTP_URL or TOMS_MAIL_GRAPH_MAILBOX (docs/suppliers.md)";

/**
 * Builds the transport of `config.mail` and logs which it is.
 * @example const mail = await openMail(config, log); ... await mail.close();
 */
export async function openMail(config: Config, log: Logger, options: MailOptions = {}): Promise<OpenMail> {
  const { transport } = config.mail;
  switch (transport.mode) {
    case "off":
      log.warn(transport.byTomsMail ? "E-mail prompts are off: TOMS_MAIL is off" : MAIL_OFF_WARNING);
      return { close: async () => {} };
    case "smtp": {
      const smtp = createSmtpTransport({ url: transport.url });
      // The address without its password, if it holds one.
      const shown = new URL(transport.url);
      shown.password = "";
      log.info({ server: `${shown.protocol}//${shown.host}` }, "e-mail is sent through the SMTP server TOMS_SMTP_URL names");
      return { transport: smtp, close: () => smtp.close() };
    }
    case "graph": {
      const graph = createGraphTransport({ mailbox: transport.mailbox, graphUrl: transport.graphUrl, token: options.graphToken ?? graphToken(transport) });
      log.info({ mailbox: transport.mailbox, credential: transport.clientSecret ? "client secret" : "managed identity" }, "e-mail is sent through Microsoft Graph from the council's mailbox");
      return { transport: graph, close: () => graph.close() };
    }
    case "development": {
      const mailbox = await startDevMailbox({ host: "127.0.0.1" });
      const smtp = createSmtpTransport({ url: mailbox.url, kind: "development" });
      log.info({ mailbox: mailbox.url }, "e-mail goes to the development mailbox on this computer (read it at /dev/mail); nothing leaves the computer");
      return {
        transport: smtp,
        mailbox,
        close: async () => {
          await smtp.close();
          await mailbox.close();
        },
      };
    }
  }
}

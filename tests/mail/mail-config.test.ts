// The mail settings: read once from the environment, each bad one named; which transport each
// combination gives; and what the start logs.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, loadConfig, openMail } from "@toms/api";
import { startGraphStandIn } from "../support/graph-stand-in.js";
import { testMessage } from "../support/mailbox.js";

const ENTRA = { HOST: "0.0.0.0", TOMS_ENTRA_TENANT_ID: "6d1f2b8e-0000-4000-8000-00000000c0c0", TOMS_ENTRA_CLIENT_ID: "9a7c3e21-1111-4111-8111-111111111111" };

describe("the mail settings", () => {
  it("use the development mailbox with development sign-in, and are off under Entra with neither set", () => {
    expect(loadConfig({}).mail).toEqual({ transport: { mode: "development" }, from: { address: "procurement@coventry.gov.uk", name: "Coventry City Council" }, perMinute: 30 });
    expect(loadConfig(ENTRA).mail.transport).toEqual({ mode: "off" });
    // TOMS_MAIL=off wins over everything else.
    expect(loadConfig({ TOMS_MAIL: "off", TOMS_SMTP_URL: "smtp://127.0.0.1:2525" }).mail.transport).toEqual({ mode: "off", byTomsMail: true });
  });

  it("send through SMTP with TOMS_SMTP_URL, from TOMS_MAIL_FROM", () => {
    expect(loadConfig({ TOMS_SMTP_URL: "smtp://127.0.0.1:2525", TOMS_MAIL_FROM: "contracts@coventry.gov.uk", TOMS_MAIL_FROM_NAME: "Coventry contracts", TOMS_MAIL_PER_MINUTE: "120" }).mail).toEqual({
      transport: { mode: "smtp", url: "smtp://127.0.0.1:2525" },
      from: { address: "contracts@coventry.gov.uk", name: "Coventry contracts" },
      perMinute: 120,
    });
  });

  it("send through Graph with TOMS_MAIL_GRAPH_MAILBOX, as that mailbox, in the sign-in tenant by default", () => {
    expect(loadConfig({ ...ENTRA, TOMS_MAIL_GRAPH_MAILBOX: "toms@coventry.gov.uk", TOMS_MAIL_GRAPH_CLIENT_ID: "c1", TOMS_MAIL_GRAPH_CLIENT_SECRET: "s1" }).mail).toEqual({
      transport: { mode: "graph", mailbox: "toms@coventry.gov.uk", tenantId: ENTRA.TOMS_ENTRA_TENANT_ID, clientId: "c1", clientSecret: "s1", graphUrl: "https://graph.microsoft.com", authorityHost: "https://login.microsoftonline.com" },
      from: { address: "toms@coventry.gov.uk", name: "Coventry City Council" },
      perMinute: 30,
    });
    // No secret: the managed identity; a national cloud's Graph and authority.
    expect(loadConfig({ TOMS_MAIL_GRAPH_MAILBOX: "toms@council.gov.uk", TOMS_MAIL_GRAPH_TENANT_ID: "t2", TOMS_GRAPH_URL: "https://graph.microsoft.us/", TOMS_ENTRA_AUTHORITY: "https://login.microsoftonline.us" }).mail.transport).toEqual({
      mode: "graph",
      mailbox: "toms@council.gov.uk",
      tenantId: "t2",
      graphUrl: "https://graph.microsoft.us",
      authorityHost: "https://login.microsoftonline.us",
    });
  });

  it("name the setting at fault", () => {
    expect(() => loadConfig({ TOMS_SMTP_URL: "smtp://127.0.0.1:2525", TOMS_MAIL_GRAPH_MAILBOX: "toms@coventry.gov.uk", TOMS_MAIL_GRAPH_TENANT_ID: "t" })).toThrow(/TOMS_SMTP_URL and TOMS_MAIL_GRAPH_MAILBOX are both set/);
    expect(() => loadConfig({ TOMS_SMTP_URL: "mail.example.org" })).toThrow(/TOMS_SMTP_URL.*smtp:\/\/mail\.example\.org:587/);
    expect(() => loadConfig({ TOMS_MAIL_GRAPH_MAILBOX: "toms@coventry.gov.uk" })).toThrow(/TOMS_MAIL_GRAPH_TENANT_ID/);
    expect(() => loadConfig({ TOMS_MAIL_GRAPH_MAILBOX: "toms@coventry.gov.uk", TOMS_MAIL_GRAPH_TENANT_ID: "t", TOMS_MAIL_GRAPH_CLIENT_SECRET: "s" })).toThrow(/TOMS_MAIL_GRAPH_CLIENT_ID/);
    expect(() => loadConfig({ TOMS_MAIL_FROM: "not an address" })).toThrow(/TOMS_MAIL_FROM.*email address/);
    expect(() => loadConfig({ TOMS_MAIL: "no" })).toThrow(/TOMS_MAIL.*on or off/);
    expect(() => loadConfig({ TOMS_MAIL_PER_MINUTE: "0" })).toThrow(/TOMS_MAIL_PER_MINUTE.*at least 1/);
    expect(() => loadConfig({ TOMS_MAIL_PER_MINUTE: "10001" })).toThrow(/TOMS_MAIL_PER_MINUTE.*at most 10000/);
  });
});

describe("openMail", () => {
  it("warns that e-mail prompts are off under Entra with neither set", async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString("utf8")); done(); } });
    const log = createLogger("info", { destination });
    const mail = await openMail(loadConfig(ENTRA), log);
    expect(mail.transport).toBeUndefined();
    expect(mail.mailbox).toBeUndefined();
    expect(lines.join("")).toContain("E-mail prompts are off: set TOMS_SMTP_URL or TOMS_MAIL_GRAPH_MAILBOX (docs/suppliers.md)");
    await mail.close();
  });

  it("starts the development mailbox on loopback, with an SMTP transport to it", async () => {
    const mail = await openMail(loadConfig({}), createLogger("silent"));
    try {
      expect(mail.transport?.kind).toBe("development");
      expect(mail.mailbox?.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await mail.close();
    }
  });

  it("sends through Graph at TOMS_GRAPH_URL with the token it is given (a test's stand-in: nothing reaches Entra)", async () => {
    const graph = await startGraphStandIn();
    const mail = await openMail(loadConfig({ TOMS_MAIL_GRAPH_MAILBOX: "toms@coventry.gov.uk", TOMS_MAIL_GRAPH_TENANT_ID: "t", TOMS_GRAPH_URL: graph.url }), createLogger("silent"), { graphToken: async () => "stand-in-token" });
    try {
      expect(mail.transport?.kind).toBe("graph");
      expect(mail.mailbox).toBeUndefined();
      await mail.transport?.send(testMessage("ana@supplier.example"));
      expect(graph.requests.map((r) => [r.path, r.authorization])).toEqual([["/v1.0/users/toms%40coventry.gov.uk/sendMail", "Bearer stand-in-token"]]);
    } finally {
      await mail.close();
      await graph.close();
    }
  });
});

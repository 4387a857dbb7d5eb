// `/dev/mail` over the running service: the mail sent to its development mailbox is listed and
// shown, as escaped text under a policy that runs no script; hidden without development sign-in;
// a probed id is a 404, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpTransport } from "@toms/mail";
import { startTestService, type TestService } from "../support/service.js";
import { testMessage } from "../support/mailbox.js";

let service: TestService;

beforeAll(async () => {
  service = await startTestService({ TOMS_DEV_SIGN_IN: "on" });
}, 60_000);
afterAll(() => service?.close());

describe("/dev/mail", () => {
  it("lists the mail the service sent, newest first, and shows one with its headers and both parts", async () => {
    expect(service.mailbox).toBeDefined();
    const transport = createSmtpTransport({ url: service.mailbox?.url as string });
    const first = testMessage("ana@supplier.example");
    const second = { ...testMessage("bo@supplier.example"), subject: "Second <script>alert(1)</script>" };
    try {
      await transport.send(first);
      await transport.send(second);
    } finally {
      await transport.close();
    }
    const list = await fetch(`${service.url}/dev/mail`);
    expect(list.status).toBe(200);
    expect(list.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(list.headers.get("cache-control")).toBe("no-store");
    const page = await list.text();
    expect(page).toContain("Mail the service has sent on this computer. Nothing here left the computer.");
    expect(page).not.toContain("<script>");
    expect(page.indexOf("bo@supplier.example")).toBeLessThan(page.indexOf("ana@supplier.example"));
    const id = service.mailbox?.messages().find((m) => m.messageId === first.messageId)?.id as string;
    expect(page).toContain(`href="mail/${id}"`);

    const shown = await fetch(`${service.url}/dev/mail/${id}`);
    expect(shown.status).toBe(200);
    const body = await shown.text();
    expect(body).toContain(first.subject);
    expect(body).toContain("Plain-text part");
    expect(body).toContain("Send the update: https://toms.example/update/abc");
    expect(body).toContain("&#60;a href=&#34;https://toms.example/update/abc&#34;&#62;Send the update&#60;/a&#62;");
    expect(body).toContain('<a href="https://toms.example/update/abc">');
    expect(body).toContain(first.headers?.["X-TOMs-Dispatch"] as string);
    expect(body).toContain("x-toms-dispatch");
  });

  it("answers a probed or unknown id with a 404 in words, never a 500", async () => {
    for (const probe of ["no-such-id", "..%2F..%2Fetc%2Fpasswd", "' or 1 eq 1", "%00", "a".repeat(3000)]) {
      const answer = await fetch(`${service.url}/dev/mail/${probe}`);
      expect([400, 404]).toContain(answer.status);
      expect(((await answer.json()) as { detail: string }).detail).toMatch(/\w+ \w+/);
    }
  });

  it("is hidden, in words, when development sign-in is off", async () => {
    const quiet = await startTestService({});
    try {
      expect(quiet.mailbox).toBeDefined();
      const answer = await fetch(`${quiet.url}/dev/mail`);
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { detail: string }).detail).toMatch(/TOMS_DEV_SIGN_IN=on/);
    } finally {
      await quiet.close();
    }
  });

  it("is not there when the service sends through an SMTP server of its own", async () => {
    const elsewhere = await startTestService({ TOMS_DEV_SIGN_IN: "on", TOMS_SMTP_URL: "smtp://127.0.0.1:9" });
    try {
      expect(elsewhere.mailbox).toBeUndefined();
      expect((await fetch(`${elsewhere.url}/dev/mail`)).status).toBe(404);
    } finally {
      await elsewhere.close();
    }
  });
});

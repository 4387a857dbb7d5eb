// The service's HTTP headers, as a browser receives them from the running service: helmet's on
// every answer, a Content-Security-Policy per user interface whose frame-ancestors name only the
// hosts that load it, HSTS only over HTTPS, and headers too large for the server answered with a
// problem in words rather than Node's empty 431.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

/** The policy's directives by name: "a b c; d e" -> { a: ["b", "c"], d: ["e"] }. */
function directives(response: Response): Record<string, string[]> {
  const policy = response.headers.get("content-security-policy") ?? "";
  return Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...values]) => [name as string, values]));
}

function expectCommonHeaders(response: Response): void {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-powered-by")).toBeNull();
  // Plain http on loopback: HSTS would make the browser refuse http://localhost for a year.
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

/** Sends `request` as raw bytes and reads everything the server answers until it closes. */
function raw(request: string): Promise<string> {
  const { port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.write(request);
  });
}

describe("security headers", () => {
  it("sends the API's answers with nothing allowed to load or frame them", async () => {
    for (const response of [await service.call("/api/me"), await service.call("/healthz"), await service.call("/auth/config"), await service.call("/nowhere")]) {
      expectCommonHeaders(response);
      expect(directives(response)).toMatchObject({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  it("lets only Teams and Microsoft 365 hosts frame the tab, and the tab load only its own scripts", async () => {
    const response = await service.call("/tab/");
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    const policy = directives(response);
    expect(policy["frame-ancestors"]).toEqual(expect.arrayContaining(["'self'", "https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://*.cloud.microsoft"]));
    expect(policy["frame-ancestors"]).not.toContain("https://*.officeapps.live.com");
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    // This service, MSAL's sign-in, and the one file of Teams' origins teams-js asks for.
    expect(policy["connect-src"]).toEqual(["'self'", "https://login.microsoftonline.com", "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json"]);
    // frame-ancestors names the hosts; X-Frame-Options, which can name none, would stop Teams.
    expect(response.headers.get("x-frame-options")).toBeNull();
    // The tab's scripts get the same policy (a worker or a module keeps its own).
    const html = await response.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(directives(await service.call(`/tab/${script}`))["frame-ancestors"]).toEqual(policy["frame-ancestors"]);
  });

  it("lets only Excel on the web's hosts frame the add-in, which loads Office.js from this service", async () => {
    const response = await service.call("/addin/taskpane.html");
    expect(response.status).toBe(200);
    expectCommonHeaders(response);
    const policy = directives(response);
    expect(policy["frame-ancestors"]).toEqual(["'self'", "https://*.officeapps.live.com", "https://*.sharepoint.com", "https://onedrive.live.com", "https://*.office.com", "https://*.office365.com", "https://*.cloud.microsoft"]);
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'", "https://login.microsoftonline.com"]);
    expect(await response.text()).toContain('<script src="./office/office.js"></script>');
    expect(response.headers.get("x-frame-options")).toBeNull();
  });

  it("keeps the pages' own stricter policies: the home page, the docs and the diversity form", async () => {
    for (const path of ["/", "/docs/security.md"]) {
      const response = await service.call(path);
      expect(response.status, path).toBe(200);
      expectCommonHeaders(response);
      // No script at all, not the tab's 'self'.
      expect(directives(response), path).toMatchObject({ "default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "frame-ancestors": ["'none'"] });
      expect(directives(response)["script-src"], path).toBeUndefined();
    }
    const form = await service.call("/diversity/not-a-link");
    expect(form.status).toBe(404);
    expectCommonHeaders(form);
    expect(directives(form)).toMatchObject({ "default-src": ["'none'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"] });
  });

  it("sends HSTS when a proxy on this machine says the request came over HTTPS", async () => {
    const response = await service.call("/healthz", { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("sends HSTS on every answer when the service's public address is https", async () => {
    const behindTls = await startTestService({ TOMS_PUBLIC_URL: "https://toms.example.gov.uk" });
    try {
      for (const path of ["/healthz", "/tab/", "/addin/taskpane.html"]) {
        expect((await behindTls.call(path)).headers.get("strict-transport-security"), path).toBe("max-age=31536000");
      }
    } finally {
      await behindTls.close();
    }
  });
});

describe("requests the server cannot read", () => {
  it("answers headers too large with a problem in words, not an empty 431", async () => {
    const answer = await raw(`GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${"a".repeat(20 * 1024)}\r\n\r\n`);
    const [head, body] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head?.toLowerCase()).toContain("content-type: application/problem+json");
    // Answered before Express, so without helmet: the same policy as every other API answer.
    expect(head?.toLowerCase()).toContain("x-content-type-options: nosniff");
    expect(head?.toLowerCase()).toContain("content-security-policy: default-src 'none'; frame-ancestors 'none'");
    expect(JSON.parse(body ?? "")).toEqual({ type: "about:blank", title: "Request headers too large", status: 431, detail: expect.stringContaining("clear this site's cookies") });
  });

  it("answers a request that is not HTTP with a 400 problem", async () => {
    const answer = await raw("HELLO THERE\r\n\r\n");
    const [head, body] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(body ?? "")).toMatchObject({ status: 400, title: "The request is not valid" });
  });
});

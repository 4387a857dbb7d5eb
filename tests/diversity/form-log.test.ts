// The form link is a supplier's only key to its answers: the real service, its log captured, is asked for a form every way a browser or a mistype could, and no log line holds the link's token.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@toms/api";
import { addLocalSuppliers, daysFromNow, formLinks, formPost, openCampaign, PRIVACY_NOTICE, staffTokens, tokenOf, type LocalSupplier } from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

const YEAR = new Date().getUTCFullYear();

let service: TestService;
let token: string;
let text = "";
const stream = new PassThrough();
stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
const lines = () => text.split("\n").filter(Boolean);

beforeAll(async () => {
  service = await startTestService({}, createLogger("info", { destination: stream }));
  const staff = await staffTokens(service);
  const [supplier] = await addLocalSuppliers(service, staff.admin, 1, "Log");
  await openCampaign(service, staff.admin, YEAR, daysFromNow(30));
  token = tokenOf((await formLinks(service, staff.admin, YEAR)).get((supplier as LocalSupplier).name) as string);
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
});
afterAll(() => service.close());

/** Waits until the service has written the request line of `count` form requests (pino-http logs when the answer is finished). */
async function formLinesAtLeast(count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const found = lines().filter((l) => /\/diversity\//i.test(l));
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return lines().filter((l) => /\/diversity\//i.test(l));
}

describe("the service's log and a form link", () => {
  it("every request to the form is logged as /diversity/[link], and no line holds the token", async () => {
    const at = (path: string, init?: RequestInit) => fetch(`${service.url}${path}`, { redirect: "manual", ...init });
    const before = lines().filter((l) => /\/diversity\//i.test(l)).length;
    const requests: [string, RequestInit | undefined, number][] = [
      [`/diversity/${token}`, undefined, 200],
      [`/diversity/${token}?utm_source=email`, undefined, 200],
      [`/diversity/${token}/`, undefined, 200],
      // Express matches routes whatever their case: a link typed in capitals still opens the form.
      [`/DIVERSITY/${token}`, undefined, 200],
      [`/diversity/${token}`, formPost({ privacyNoticeVersion: PRIVACY_NOTICE, womenOwned: "yes", action: "draft" }), 200],
      [`/diversity/${token}`, formPost({ privacyNoticeVersion: PRIVACY_NOTICE, barriers: ["prefer-not-to-say", "payment-terms"], action: "submit" }), 422],
      [`/diversity/${token}/answers.json`, undefined, 200],
      [`/diversity/${token.slice(0, 42)}`, undefined, 404],
    ];
    for (const [path, init, status] of requests) {
      const response = await at(path, init);
      await response.arrayBuffer();
      expect(response.status, `${init?.method ?? "GET"} ${path}`).toBe(status);
    }
    const logged = (await formLinesAtLeast(before + requests.length)).slice(before);
    console.log(`The form's request lines:\n${logged.join("\n")}`);
    expect(logged).toHaveLength(requests.length);
    for (const line of logged) {
      const entry = JSON.parse(line) as { req?: { method?: string; url?: string }; res?: { status?: number } };
      expect(entry.req?.url).toMatch(/^\/diversity\/\[link\]/i);
    }
    // Not the token, nor any long piece of it (a log that cut it short would still give most of the key away).
    for (const line of lines()) {
      expect(line).not.toContain(token);
      expect(line).not.toContain(token.slice(0, 16));
      expect(line).not.toContain(token.slice(-16));
    }
    expect(lines().length).toBeGreaterThan(requests.length);
  });
});

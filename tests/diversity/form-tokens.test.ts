// The form links against the real service: links.csv gives a working link per business, the form over plain HTTP (a draft saved then shown again, an answer stored once, a second one replacing it with the first kept), every misused link answered by the one same 404 page, and guessing stopped at 20 tries from an address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addLocalSuppliers,
  daysFromNow,
  formLinks,
  formPost,
  formValues,
  guessedToken,
  openCampaign,
  pageText,
  PRIVACY_NOTICE,
  readAnswers,
  staffTokens,
  tokenOf,
  type LocalSupplier,
  type OwnAnswersExport,
  type StaffTokens,
} from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

const YEAR = new Date().getUTCFullYear();

let service: TestService;
let staff: StaffTokens;
let suppliers: LocalSupplier[];
/** The business that answers through its link, and another one. */
let first: LocalSupplier;
let second: LocalSupplier;
let links: Map<string, string>;
/** A business whose name a spreadsheet would run as a formula. */
const FORMULA_NAME = `=HYPERLINK("https://evil.example","Click") ${crypto.randomUUID().slice(0, 6)} Ltd`;
let formulaSupplierId: string;
/** The page every link that does not work shows, as read first. */
let notValidText: string;

beforeAll(async () => {
  service = await startTestService({ TOMS_DIVERSITY_THRESHOLD: "3" });
  staff = await staffTokens(service);
  suppliers = await addLocalSuppliers(service, staff.admin, 4, "Form");
  [first, second] = suppliers as [LocalSupplier, LocalSupplier];
  const made = await service.call("/api/suppliers", { method: "POST", token: staff.admin, body: { name: FORMULA_NAME, postcode: "CV1 5RR", employees: 3, turnover: 200_000, balanceSheet: 50_000 } });
  expect(made.status).toBe(201);
  formulaSupplierId = ((await made.json()) as { id: string }).id;
  await openCampaign(service, staff.admin, YEAR, daysFromNow(60));
  links = await formLinks(service, staff.admin, YEAR);
});
afterAll(() => service.close());

const linkOf = (supplier: LocalSupplier) => links.get(supplier.name) as string;
/** The link's path on this service (the CSV's origin is checked once, below). */
const pathOf = (link: string) => new URL(link).pathname;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers, redirect: "manual" });
const post = (path: string, fields: Record<string, string | readonly string[]>, headers: Record<string, string> = {}) => {
  const init = formPost(fields);
  return fetch(`${service.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
};

/** The hidden fields of the form page, which a browser sends back (the privacy notice's version). */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*type="hidden"[^>]*>/gi)) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[name] = /\svalue="([^"]*)"/.exec(tag)?.[1] ?? "";
  }
  return fields;
}

async function ownExport(link: string): Promise<OwnAnswersExport> {
  const response = await get(`${pathOf(link)}/answers.json`);
  expect(response.status).toBe(200);
  return JSON.parse(await response.text()) as OwnAnswersExport;
}

/** A refused link: 404, the one page, no hint of why. */
async function expectNotValid(response: Response): Promise<string> {
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  const text = pageText(await response.text());
  expect(text).toMatch(/not valid/i);
  return text;
}

describe("the links CSV", () => {
  it("has one link per invited business, on this service's address, each a 43-character token", () => {
    expect([...links.keys()].sort()).toEqual([...suppliers.map((s) => s.name), `'${FORMULA_NAME}`].sort());
    for (const link of links.values()) {
      expect(link.startsWith(`${service.url}/diversity/`)).toBe(true);
      expect(tokenOf(link)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(new Set(links.values()).size).toBe(links.size);
  });

  it("escapes a cell a spreadsheet would run as a formula: the name starts with a quote, and its link still opens its form", async () => {
    const link = links.get(`'${FORMULA_NAME}`) as string;
    expect(link).toBeDefined();
    const html = await (await get(pathOf(link))).text();
    expect(pageText(html)).toContain(FORMULA_NAME);
    expect(formulaSupplierId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("each link opens its business's form: no sign-in, no script, nothing from elsewhere", async () => {
    for (const supplier of suppliers) {
      const response = await get(pathOf(linkOf(supplier)));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      const csp = response.headers.get("content-security-policy") ?? "";
      for (const directive of ["default-src 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
      const html = await response.text();
      expect(html).not.toMatch(/<script/i);
      expect(pageText(html)).toContain(supplier.name);
      expect(hiddenFields(html).privacyNoticeVersion).toBe(PRIVACY_NOTICE);
    }
  });
});

describe("answering through the form", () => {
  const draft = { womenOwned: "yes", barriers: ["tender-complexity", "payment-terms"], councilCouldDo: "Smaller lots, please & thank you" } as const;

  it("a draft is saved, nothing is sent, and the form shows it again", async () => {
    const page = await (await get(pathOf(linkOf(first)))).text();
    const saved = await post(pathOf(linkOf(first)), { ...hiddenFields(page), ...draft, action: "draft" });
    expect(saved.status).toBe(200);
    expect(pageText(await saved.text())).toMatch(/saved/i);
    expect(await readAnswers(service, staff.edi, { supplierId: first.id })).toEqual([]);
    const exported = await ownExport(linkOf(first));
    expect(exported.responses).toEqual([]);
    const again = formValues(await (await get(pathOf(linkOf(first)))).text());
    expect(again).toMatchObject({ womenOwned: "yes", barriers: ["tender-complexity", "payment-terms"], councilCouldDo: draft.councilCouldDo });
  });

  it("sent, the answers are stored once, as the one that counts, and the draft is gone", async () => {
    const page = await (await get(pathOf(linkOf(first)))).text();
    const sent = await post(pathOf(linkOf(first)), { ...hiddenFields(page), ...draft, ethnicMinorityOwned: "no", consentToContact: "yes", action: "submit" });
    expect(sent.status).toBe(200);
    expect(pageText(await sent.text())).toMatch(/sent/i);
    const stored = await readAnswers(service, staff.edi, { supplierId: first.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ year: YEAR, revision: 1, supplierName: first.name });
    expect(stored[0]?.answers).toEqual({
      questionnaireVersion: "2026.1",
      privacyNoticeVersion: PRIVACY_NOTICE,
      womenOwned: "yes",
      ethnicMinorityOwned: "no",
      barriers: ["tender-complexity", "payment-terms"],
      councilCouldDo: draft.councilCouldDo,
      consentToContact: "yes",
    });
    const exported = await ownExport(linkOf(first));
    expect(exported.responses.map((r) => r.revision)).toEqual([1]);
    expect(exported.history.map((r) => r.revision)).toEqual([1]);
    expect(exported.drafts).toEqual([]);
    // The form now shows the answer that counts.
    expect(formValues(await (await get(pathOf(linkOf(first)))).text())).toMatchObject({ womenOwned: "yes", ethnicMinorityOwned: "no", consentToContact: "yes" });
  });

  it("a wrong answer comes back with the form (422), the field named, and nothing stored", async () => {
    const page = await (await get(pathOf(linkOf(first)))).text();
    const refused = await post(pathOf(linkOf(first)), { ...hiddenFields(page), barriers: ["prefer-not-to-say", "payment-terms"], action: "submit" });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(pageText(html)).toMatch(/Prefer not to say/);
    expect(html).toContain('href="#barriers');
    expect((await readAnswers(service, staff.edi, { supplierId: first.id })).map((r) => r.revision)).toEqual([1]);
  });

  it("sent again, the new answers replace the first, which is kept in the history", async () => {
    const page = await (await get(pathOf(linkOf(first)))).text();
    const sent = await post(pathOf(linkOf(first)), { ...hiddenFields(page), womenOwned: "no", sector: "construction", action: "submit" });
    expect(sent.status).toBe(200);
    const stored = await readAnswers(service, staff.edi, { supplierId: first.id });
    expect(stored.map((r) => [r.revision, r.answers.womenOwned, r.answers.sector, r.answers.ethnicMinorityOwned])).toEqual([[2, "no", "construction", undefined]]);
    const exported = await ownExport(linkOf(first));
    expect(exported.responses.map((r) => r.revision)).toEqual([2]);
    expect(exported.history.map((r) => [r.revision, r.answers.womenOwned]).sort()).toEqual([[1, "yes"], [2, "no"]]);
  });

  it("another business's link shows only that business: none of the first one's answers", async () => {
    const html = await (await get(pathOf(linkOf(second)))).text();
    expect(pageText(html)).toContain(second.name);
    expect(pageText(html)).not.toContain(first.name);
    expect(formValues(html)).toEqual({});
    const exported = await ownExport(linkOf(second));
    expect(exported.supplierId).toBe(second.id);
    expect(JSON.stringify(exported)).not.toContain(first.id);
    // Naming the first business in the second's form changes nothing of the first's.
    const page = await (await get(pathOf(linkOf(second)))).text();
    const sent = await post(pathOf(linkOf(second)), { ...hiddenFields(page), supplierId: first.id, year: String(YEAR), womenOwned: "yes", action: "submit" });
    expect([200, 422]).toContain(sent.status);
    expect((await readAnswers(service, staff.edi, { supplierId: first.id })).map((r) => [r.revision, r.answers.womenOwned])).toEqual([[2, "no"]]);
  });
});

describe("a link misused reads as the one same 404 page", () => {
  it("a guessed token of the right shape", async () => {
    notValidText = await expectNotValid(await get(`/diversity/${guessedToken()}`));
  });

  it("a real token with one character changed, or cut short", async () => {
    const token = tokenOf(linkOf(first));
    const altered = `${token.slice(0, 20)}${token[20] === "A" ? "B" : "A"}${token.slice(21)}`;
    expect(await expectNotValid(await get(`/diversity/${altered}`))).toBe(notValidText);
    expect(await expectNotValid(await get(`/diversity/${token.slice(0, 42)}`))).toBe(notValidText);
  });

  it("a guessed token posting answers, downloading or erasing them", async () => {
    const token = guessedToken();
    expect(await expectNotValid(await post(`/diversity/${token}`, { privacyNoticeVersion: PRIVACY_NOTICE, womenOwned: "yes", action: "submit" }))).toBe(notValidText);
    expect(await expectNotValid(await get(`/diversity/${token}/answers.json`))).toBe(notValidText);
    expect(await expectNotValid(await post(`/diversity/${token}/erase`, { confirm: "yes" }))).toBe(notValidText);
  });

  it("a link whose campaign's closing time has passed (expired)", async () => {
    // A campaign of its own that closes in a few seconds, for businesses of its own.
    const year = YEAR + 1;
    const closesAt = new Date(Date.now() + 4000).toISOString();
    const opened = await service.call("/api/diversity/campaigns", { method: "POST", token: staff.admin, body: { year, closesAt } });
    expect(opened.status).toBe(201);
    const expiring = await formLinks(service, staff.admin, year);
    const link = expiring.get(first.name) as string;
    expect((await get(pathOf(link))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(closesAt) - Date.now()) + 500));
    expect(await expectNotValid(await get(pathOf(link)))).toBe(notValidText);
    expect(await expectNotValid(await post(pathOf(link), { privacyNoticeVersion: PRIVACY_NOTICE, womenOwned: "yes", action: "submit" }))).toBe(notValidText);
  });

  it("a link that worked, used again after the admin closed the campaign; and what it stored stays", async () => {
    const link = linkOf(first);
    const closed = await service.call(`/api/diversity/campaigns/${YEAR}/close`, { method: "POST", token: staff.admin, body: {} });
    expect(closed.status).toBe(200);
    expect(await expectNotValid(await get(pathOf(link)))).toBe(notValidText);
    expect(await expectNotValid(await post(pathOf(link), { privacyNoticeVersion: PRIVACY_NOTICE, womenOwned: "yes", action: "submit" }))).toBe(notValidText);
    expect(await expectNotValid(await get(`${pathOf(link)}/answers.json`))).toBe(notValidText);
    expect(await expectNotValid(await post(`${pathOf(link)}/erase`, { confirm: "yes" }))).toBe(notValidText);
    expect((await readAnswers(service, staff.edi, { supplierId: first.id })).map((r) => r.revision)).toEqual([2]);
  });
});

describe("guessing links", () => {
  let guarded: TestService;
  let link: string;
  beforeAll(async () => {
    // A service of its own, so that the misuse above does not count here.
    guarded = await startTestService();
    const admin = await guarded.token("rob.amor", "admin");
    const [supplier] = await addLocalSuppliers(guarded, admin, 1, "Guard");
    const opened = await guarded.call("/api/diversity/campaigns", { method: "POST", token: admin, body: { year: YEAR, closesAt: daysFromNow(30) } });
    expect(opened.status).toBe(201);
    link = (await formLinks(guarded, admin, YEAR)).get((supplier as LocalSupplier).name) as string;
  });
  afterAll(() => guarded.close());

  const at = (path: string, headers: Record<string, string> = {}) => fetch(`${guarded.url}${path}`, { headers, redirect: "manual" });

  it("25 guessed tokens from one address: 20 are not valid (404), then 429 with Retry-After and a plain page", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 25; i++) {
      const response = await at(`/diversity/${guessedToken()}`);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    const retryAfter = Number(limited?.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited?.headers.get("content-type")).toMatch(/^text\/html/);
    const text = pageText((await limited?.text()) ?? "");
    expect(text).toMatch(/too many/i);
    expect(text).not.toMatch(/not valid\. It may have expired/);
  });

  it("the address is limited for a valid link too (429), so guessing cannot carry on through one", async () => {
    const response = await at(pathOf(link));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("another address is not limited: its valid link opens the form", async () => {
    // The service trusts the loopback proxy's X-Forwarded-For, as it does behind the council's front door.
    const response = await at(pathOf(link), { "x-forwarded-for": "203.0.113.7" });
    expect(response.status).toBe(200);
  });
});

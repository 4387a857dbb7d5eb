// The form's routes over a real Azurite, through HTTP: open, save a draft, refuse and keep entries,
// send (once for a double tap), download, erase, one page for every link that does not work, and
// "too many attempts" for an address that tries many.
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAppDeps } from "@toms/app";
import { createDiversityDeps, type DiversityDeps } from "@toms/app/diversity";
import { DEFAULT_MONEY_LABEL } from "@toms/domain";
import { connectStorage, StorageError, type Storage } from "@toms/storage";
import { openDiversityStorage, type DiversityStorage } from "@toms/storage/diversity";
import { FORM_CONTENT_SECURITY_POLICY } from "../../pages/form-frame.js";
import { diversityFormRoutes, type DiversityFormOptions } from "./form-routes.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const YEAR = 2026;
const CLOSES = "2027-01-31T23:59:00.000Z";
let clock = new Date("2026-12-03T10:00:00.000Z");
let storage: Storage;
let diversity: DiversityStorage;
let d: DiversityDeps;
const servers: { close(): void }[] = [];

const newToken = () => randomBytes(32).toString("base64url");
const hashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** A business invited this year, with a working link. */
async function invited(supplierId: string, supplierName: string, expiresAt = CLOSES): Promise<string> {
  const token = newToken();
  await diversity.invitations.saveAll([{ year: YEAR, supplierId, supplierName, invitedAt: "2026-12-01T09:00:00.000Z" }]);
  await diversity.tokens.saveAll([{ tokenHash: hashOf(token), year: YEAR, supplierId, issuedAt: "2026-12-01T09:00:00.000Z", expiresAt }]);
  return token;
}

async function serve(options?: DiversityFormOptions): Promise<string> {
  const app = express();
  app.use(diversityFormRoutes(d, options));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((done) => server.once("listening", done));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base = "";

beforeAll(async () => {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `df${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
  diversity = await openDiversityStorage(storage.store);
  d = createDiversityDeps(createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => clock }), diversity, { publicUrl: "http://127.0.0.1:3000" });
  await diversity.campaigns.create({ year: YEAR, questionnaireVersion: "2026.1", openedAt: "2026-12-01T09:00:00.000Z", openedBy: "rob.amor", closesAt: CLOSES, invited: 3 });
  // The functional tests try many links that do not work; the limit itself is tested on routers of its own.
  base = await serve({ attempts: { limit: 10_000, windowMs: 60_000 } });
});

afterAll(async () => {
  for (const server of servers) server.close();
  await storage?.close();
});

function post(url: string, pairs: [string, string][]): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(pairs).toString(), redirect: "manual" });
}

const notice: [string, string] = ["privacyNoticeVersion", "diversity-2026.1"];

function expectFormHeaders(response: Response): void {
  expect(response.headers.get("content-security-policy")).toBe(FORM_CONTENT_SECURITY_POLICY);
  expect(FORM_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("cache-control")).toBe("no-store");
}

describe("the form by its link", () => {
  it("opens with no sign-in, for the business it was sent to, with the form's headers", async () => {
    const token = await invited("s-open", "Beta <Ltd>");
    const response = await fetch(`${base}/diversity/${token}`);
    expect(response.status).toBe(200);
    expectFormHeaders(response);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("For Beta &#60;Ltd&#62;");
    expect(html).toContain(`<form method="post" action="./${token}">`);
    expect(html).not.toContain("<script");
  });

  it("leads back from a page below the link: a trailing slash or the erase page", async () => {
    const token = await invited("s-slash", "Slash Ltd");
    const html = await (await fetch(`${base}/diversity/${token}/`)).text();
    expect(html).toContain(`<form method="post" action="../${token}">`);
    expect(html).toContain(`<form method="post" action="../${token}/erase">`);
  });

  it("saves a draft, which fills the form in next time and is not sent", async () => {
    const token = await invited("s-draft", "Draft Ltd");
    const saved = await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "yes"], ["barriers", "contract-size"], ["barriers", "payment-terms"], ["councilCouldDo", "Smaller lots"], ["action", "draft"]]);
    expect(saved.status).toBe(200);
    expectFormHeaders(saved);
    const page = await saved.text();
    expect(page).toContain("<h1>Your answers are saved, not sent</h1>");
    expect(page).toContain("Your link keeps working until the end of 31 January 2027.");
    expect(await diversity.responses.draftOf("s-draft", YEAR)).toMatchObject({ fields: { womenOwned: "yes", barriers: ["contract-size", "payment-terms"], councilCouldDo: "Smaller lots" } });
    expect(await diversity.responses.currentOf("s-draft", YEAR)).toBeUndefined();
    const again = await (await fetch(`${base}/diversity/${token}`)).text();
    expect(again).toContain('name="womenOwned" value="yes" checked>');
    expect(again).toContain('name="barriers" value="payment-terms" checked>');
    expect(again).toContain(">Smaller lots</textarea>");
    expect(again).toContain("They have not been sent yet");
  });

  it("refuses answers that do not read, with the entries kept and each fault named (422), and stores nothing", async () => {
    const token = await invited("s-wrong", "Wrong Ltd");
    const response = await post(`${base}/diversity/${token}`, [notice, ["ownersAgeBand", "25-to-34"], ["ownersAgeBand", "prefer-not-to-say"], ["barriersOther", "Late payment"], ["legalForm", "charity"], ["action", "submit"]]);
    expect(response.status).toBe(422);
    expectFormHeaders(response);
    const html = await response.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('<a href="#ownersAgeBand">What is your age? You chose “Prefer not to say” and other answers.');
    expect(html).toContain('<a href="#barriersOther">What makes it hard for the business to bid for council contracts? You described “Other” but did not choose it.');
    expect(html).toContain('name="legalForm" value="charity" checked>');
    expect(html).toContain('name="ownersAgeBand" value="25-to-34" checked>');
    expect(html).toMatch(/id="barriersOther" name="barriersOther" [^>]*value="Late payment"/);
    expect(await diversity.responses.currentOf("s-wrong", YEAR)).toBeUndefined();
  });

  it("sends the answers: the thanks page, the answer that counts, the draft gone; a double tap stores one revision, a change another", async () => {
    const token = await invited("s-send", "Send Ltd");
    await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "no"], ["action", "draft"]]);
    const answers: [string, string][] = [notice, ["sector", "other"], ["sectorOther", " Beekeeping "], ["ownersEthnicGroup", "indian"], ["consentToContact", "yes"], ["action", "submit"]];
    const sent = await post(`${base}/diversity/${token}`, answers);
    expect(sent.status).toBe(200);
    const thanks = await sent.text();
    expect(thanks).toContain("<h1>Your answers have been sent</h1>");
    expect(thanks).toContain("<h2>What happens next</h2>");
    expect(thanks).toContain("You can change your answers until the end of 31 January 2027");
    const current = await diversity.responses.currentOf("s-send", YEAR);
    expect(current).toMatchObject({ revision: 1, submittedBy: { kind: "form" }, answers: { questionnaireVersion: "2026.1", privacyNoticeVersion: "diversity-2026.1", sector: "other", sectorOther: "Beekeeping", ownersEthnicGroup: ["indian"], consentToContact: "yes" } });
    expect(current?.answers.womenOwned).toBeUndefined();
    expect(await diversity.responses.draftOf("s-send", YEAR)).toBeUndefined();
    expect((await diversity.invitations.get(YEAR, "s-send"))?.answeredAt).toBeDefined();

    expect((await post(`${base}/diversity/${token}`, answers)).status).toBe(200);
    expect((await diversity.responses.currentOf("s-send", YEAR))?.revision).toBe(1);
    expect((await post(`${base}/diversity/${token}`, [...answers, ["womenOwned", "yes"]])).status).toBe(200);
    expect((await diversity.responses.currentOf("s-send", YEAR))?.revision).toBe(2);
    const page = await (await fetch(`${base}/diversity/${token}`)).text();
    expect(page).toContain("You sent your answers on 3 December 2026.");
    expect(page).toContain('name="womenOwned" value="yes" checked>');
  });

  it("downloads the business's own answers as answers.json", async () => {
    const token = await invited("s-export", "Export Ltd");
    await post(`${base}/diversity/${token}`, [notice, ["disabledOwned", "prefer-not-to-say"], ["action", "submit"]]);
    const response = await fetch(`${base}/diversity/${token}/answers.json`);
    expect(response.status).toBe(200);
    expectFormHeaders(response);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="?answers\.json"?$/);
    const exported = (await response.json()) as { supplierId: string; supplierName: string; responses: { answers: Record<string, unknown> }[] };
    expect(exported.supplierId).toBe("s-export");
    expect(exported.supplierName).toBe("Export Ltd");
    expect(exported.responses.map((r) => r.answers.disabledOwned)).toEqual(["prefer-not-to-say"]);
  });

  it("deletes the answers only when confirmed", async () => {
    const token = await invited("s-erase", "Erase Ltd");
    await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "yes"], ["action", "submit"]]);
    const unconfirmed = await post(`${base}/diversity/${token}/erase`, []);
    expect(unconfirmed.status).toBe(422);
    const html = await unconfirmed.text();
    expect(html).toContain('<a href="#confirm">Delete my answers: Tick “Yes, delete all our answers” to confirm');
    expect(html).toContain('aria-describedby="confirm-error"');
    expect(html).toContain(`action="../${token}/erase"`);
    expect(await diversity.responses.currentOf("s-erase", YEAR)).toBeDefined();

    const erased = await post(`${base}/diversity/${token}/erase`, [["confirm", "yes"]]);
    expect(erased.status).toBe(200);
    expectFormHeaders(erased);
    expect(await erased.text()).toContain("<h1>Your answers are deleted</h1>");
    expect(await diversity.responses.allOf("s-erase")).toEqual({ current: [], history: [], drafts: [] });
  });

  it("answers every link that does not work with the one 404 page, whatever the reason, on every route", async () => {
    const expired = await invited("s-expired", "Expired Ltd", "2026-12-02T00:00:00.000Z");
    const good = await invited("s-good", "Good Ltd");
    const altered = `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`;
    const pages = new Set<string>();
    for (const token of [newToken(), altered, expired, "short", "..%2F..%2Fetc", "%3Cscript%3E"]) {
      for (const response of [
        await fetch(`${base}/diversity/${token}`),
        await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "yes"], ["action", "submit"]]),
        await fetch(`${base}/diversity/${token}/answers.json`),
        await post(`${base}/diversity/${token}/erase`, [["confirm", "yes"]]),
      ]) {
        expect(response.status, token).toBe(404);
        expectFormHeaders(response);
        pages.add(await response.text());
      }
    }
    expect(pages.size).toBe(1);
    const [page] = [...pages];
    expect(page).toContain("<h1>This link is not valid</h1>");
    expect(page).not.toMatch(/expired Ltd|Good Ltd/i);
    expect(await diversity.responses.currentOf("s-good", YEAR)).toBeUndefined();
  });

  it("answers any other address under /diversity with the same 404 page and headers, never the service's own 404 that echoes the address", async () => {
    // Behind the form, a fallback like the service's, which names the address it was asked for.
    const app = express();
    app.use(diversityFormRoutes(d, { attempts: { limit: 10_000, windowMs: 60_000 } }));
    app.use((req, res) => {
      res.status(404).json({ title: "Not found", detail: `Nothing is served at ${req.path}.` });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((done) => server.once("listening", done));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = await invited("s-other", "Other Ltd");
    const notValid = await (await fetch(`${url}/diversity/${newToken()}`)).text();
    expect(notValid).toContain("<h1>This link is not valid</h1>");
    for (const [method, path] of [
      ["GET", `/diversity/${token}/erase`],
      ["GET", `/diversity/${token}/x`],
      ["GET", `/diversity/${token}/answers.json/x`],
      ["POST", `/diversity/${token}/answers.json`],
      ["PUT", `/diversity/${token}`],
      ["DELETE", `/diversity/${token}`],
      ["PATCH", `/diversity/${token}/erase`],
      ["OPTIONS", `/diversity/${token}`],
      ["GET", `/DIVERSITY/${token}/x`],
      ["GET", "/diversity/"],
      ["GET", "/diversity"],
      ["POST", "/diversity"],
    ]) {
      const response = await fetch(`${url}${path}`, { method, redirect: "manual" });
      expect(response.status, `${method} ${path}`).toBe(404);
      expectFormHeaders(response);
      expect(response.headers.get("content-type"), `${method} ${path}`).toMatch(/^text\/html/);
      expect([...response.headers.values()].join("\n")).not.toContain(token);
      const page = await response.text();
      expect(page, `${method} ${path}`).toBe(notValid);
      expect(page).not.toContain(token);
    }
    expect(await diversity.responses.allOf("s-other")).toEqual({ current: [], history: [], drafts: [] });
  });

  it("answers a closed questionnaire's link with the same page, and refuses a send after it closed", async () => {
    const token = await invited("s-late", "Late Ltd");
    const open = await (await fetch(`${base}/diversity/${token}`)).text();
    expect(open).toContain("For Late Ltd");
    const notValid = await (await fetch(`${base}/diversity/${newToken()}`)).text();
    clock = new Date("2027-02-01T09:00:00.000Z");
    try {
      const closed = await fetch(`${base}/diversity/${token}`);
      expect(closed.status).toBe(404);
      expect(await closed.text()).toBe(notValid);
      expect((await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "yes"], ["action", "submit"]])).status).toBe(404);
      expect(await diversity.responses.currentOf("s-late", YEAR)).toBeUndefined();
    } finally {
      clock = new Date("2026-12-03T10:00:00.000Z");
    }
  });

  it("refuses a body larger than any form with a page (413)", async () => {
    const token = await invited("s-large", "Large Ltd");
    const response = await post(`${base}/diversity/${token}`, [["councilCouldDo", "x".repeat(70_000)], ["action", "draft"]]);
    expect(response.status).toBe(413);
    expectFormHeaders(response);
    expect(await response.text()).toContain("Your answers are too long to send");
    expect(await diversity.responses.draftOf("s-large", YEAR)).toBeUndefined();
  });
});

describe("when something fails", () => {
  it("answers too many fields as too large (413)", async () => {
    const token = await invited("s-many", "Many Ltd");
    const pairs: [string, string][] = Array.from({ length: 600 }, (_, i) => ["barriers", `b${i}`]);
    const response = await post(`${base}/diversity/${token}`, pairs);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Your answers are too long to send");
  });

  it("reads only the page's own form: another body is refused (415) and the saved draft stays", async () => {
    const token = await invited("s-json", "Json Ltd");
    await post(`${base}/diversity/${token}`, [notice, ["womenOwned", "yes"], ["action", "draft"]]);
    for (const init of [
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "draft" }) },
      { method: "POST" },
    ]) {
      const response = await fetch(`${base}/diversity/${token}`, init);
      expect(response.status).toBe(415);
      expectFormHeaders(response);
      expect(await response.text()).toContain("Nothing was saved or sent.");
    }
    expect((await fetch(`${base}/diversity/${token}/erase`, { method: "POST", headers: { "content-type": "text/plain" }, body: "confirm=yes" })).status).toBe(415);
    expect(await diversity.responses.draftOf("s-json", YEAR)).toMatchObject({ fields: { womenOwned: "yes" } });
  });

  it("answers a storage failure with a page that shows nothing of the link (503 while storage is unavailable, 507 while the disk is full, else 500)", async () => {
    const token = await invited("s-broken", "Broken Ltd");
    const failing = (error: Error): DiversityDeps => ({ ...d, diversity: { ...diversity, tokens: { ...diversity.tokens, get: () => Promise.reject(error) } } });
    for (const [error, status, retryAfter] of [
      [new Error("Bug: boom"), 500, null],
      [new StorageError("unavailable", "Storage did not answer."), 503, "30"],
      [new StorageError("disk-full", "The journal could not be written: no space left."), 507, "300"],
    ] as const) {
      const app = express();
      app.use(diversityFormRoutes(failing(error), { attempts: { limit: 100, windowMs: 60_000 } }));
      app.use(() => {
        throw new Error("The form's router passed a failure on instead of answering it.");
      });
      const server = app.listen(0, "127.0.0.1");
      await new Promise((done) => server.once("listening", done));
      servers.push(server);
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/diversity/${token}`);
      expect(response.status).toBe(status);
      expect(response.headers.get("retry-after")).toBe(retryAfter);
      expectFormHeaders(response);
      const page = await response.text();
      expect(page).toContain("<h1>Sorry, there is a problem with the service</h1>");
      expect(page).not.toContain(token);
      expect(page).not.toContain("boom");
    }
  });
});

describe("attempts per address", () => {
  const settle = () => new Promise((done) => setTimeout(done, 20));

  it("counts only links that do not work, and after the limit answers 429 with Retry-After and a page", async () => {
    const limited = await serve({ attempts: { limit: 3, windowMs: 10 * 60 * 1000 } });
    const token = await invited("s-limit", "Limit Ltd");
    // Opening, saving and correcting with a working link use up nothing.
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${limited}/diversity/${token}`)).status).toBe(200);
      expect((await post(`${limited}/diversity/${token}`, [notice, ["ownersAgeBand", "25-to-34"], ["ownersAgeBand", "prefer-not-to-say"], ["action", "submit"]])).status).toBe(422);
      await settle();
    }
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${limited}/diversity/${newToken()}`);
      expect(response.status).toBe(404);
      await response.text();
      await settle();
    }
    const blocked = await fetch(`${limited}/diversity/${newToken()}`);
    expect(blocked.status).toBe(429);
    expectFormHeaders(blocked);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const page = await blocked.text();
    expect(page).toContain("<h1>Too many attempts</h1>");
    expect(page).toContain(`Wait ${Math.ceil(retryAfter / 60)} minutes`);
    // The address is held off on every route until the window ends, a working link included.
    await settle();
    expect((await fetch(`${limited}/diversity/${token}`)).status).toBe(429);
    expect((await post(`${limited}/diversity/${token}/erase`, [["confirm", "yes"]])).status).toBe(429);
    expect((await diversity.invitations.get(YEAR, "s-limit"))?.answeredAt).toBeUndefined();
  });

  it("counts any other address under /diversity as a link that does not work", async () => {
    const limited = await serve({ attempts: { limit: 3, windowMs: 10 * 60 * 1000 } });
    const token = await invited("s-limit-other", "Limit Other Ltd");
    for (const path of [`/diversity/${token}/erase`, `/diversity/${token}/x`, "/diversity/"]) {
      const response = await fetch(`${limited}${path}`);
      expect(response.status, path).toBe(404);
      await response.text();
      await settle();
    }
    for (const path of [`/diversity/${token}/y`, `/diversity/${token}`]) {
      const blocked = await fetch(`${limited}${path}`);
      expect(blocked.status, path).toBe(429);
      expectFormHeaders(blocked);
      const page = await blocked.text();
      expect(page).toContain("<h1>Too many attempts</h1>");
      expect(page).not.toContain(token);
      await settle();
    }
  });

  it("keeps each router's count its own, and the default is 20 in 15 minutes", async () => {
    const fresh = await serve();
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${fresh}/diversity/${newToken()}`);
      expect(response.status, `attempt ${i + 1}`).toBe(404);
      await response.text();
      await settle();
    }
    const blocked = await fetch(`${fresh}/diversity/${newToken()}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
  });
});

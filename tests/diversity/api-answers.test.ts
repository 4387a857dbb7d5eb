// Answers over HTTP, past who may send and read them (that is the authorisation matrix's,
// tests/security/authorisation/matrix.test.ts): a closed year takes no more answers, a send
// repeated with its Idempotency-Key is stored once, and an EDI analyst must say why they read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLocalSuppliers, answersOf, daysFromNow, openCampaign, readAnswers, sendAnswers, staffTokens, type LocalSupplier, type StaffTokens } from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

/** This year's campaign stays open; last year's is closed once its answers are in. */
const YEAR = new Date().getUTCFullYear();
const PAST = YEAR - 1;

let service: TestService;
let staff: StaffTokens;
let own: LocalSupplier;

beforeAll(async () => {
  service = await startTestService({ TOMS_DIVERSITY_THRESHOLD: "3" });
  staff = await staffTokens(service);
  [own] = (await addLocalSuppliers(service, staff.admin, 1, "Answers")) as [LocalSupplier];
  await openCampaign(service, staff.admin, PAST, daysFromNow(30));
  await openCampaign(service, staff.admin, YEAR, daysFromNow(60));
  for (const year of [PAST, YEAR]) expect((await sendAnswers(service, own, year, answersOf(0))).status).toBe(201);
  expect((await service.call(`/api/diversity/campaigns/${PAST}/close`, { method: "POST", token: staff.admin, body: {} })).status).toBe(200);
});
afterAll(() => service.close());

describe("answers over HTTP", () => {
  it("a supplier's contact cannot answer last year's closed campaign any more (422), and nothing is stored", async () => {
    const before = await readAnswers(service, staff.edi, { supplierId: own.id, year: PAST });
    const response = await sendAnswers(service, own, PAST, answersOf(3));
    expect(response.status).toBe(422);
    expect(await readAnswers(service, staff.edi, { supplierId: own.id, year: PAST })).toEqual(before);
  });

  it("answers sent again with the same Idempotency-Key are answered 200 with the first, and stored once", async () => {
    const revision = async () => (await readAnswers(service, staff.edi, { supplierId: own.id, year: YEAR }))[0]?.revision ?? 0;
    const before = await revision();
    const key = `answers-${crypto.randomUUID()}`;
    const sent = await sendAnswers(service, own, YEAR, answersOf(0), key);
    expect(sent.status).toBe(201);
    const first = (await sent.json()) as { revision: number; submittedAt: string };
    expect(first.revision).toBe(before + 1);
    const again = await sendAnswers(service, own, YEAR, answersOf(0), key);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ revision: first.revision, submittedAt: first.submittedAt });
    expect(await revision()).toBe(before + 1);
  });

  it("an EDI analyst reading answers without a purpose is refused, naming the purpose (400)", async () => {
    const response = await service.call(`/api/diversity/responses?year=${YEAR}`, { token: staff.edi });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toContain("purpose");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CATALOGUE, issue, type Evaluation } from "@toms/domain";
import { ApiError, createApiClient } from "./client.js";

const requests: { url: string; init: RequestInit }[] = [];

function answer(status: number, body: unknown, contentType = "application/json") {
  vi.stubGlobal("fetch", (url: URL, init: RequestInit) => {
    requests.push({ url: String(url), init });
    return Promise.resolve(new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": contentType } }));
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  requests.length = 0;
});

const client = (token: string | null = "t0k3n") => createApiClient("https://toms.example.gov.uk", () => Promise.resolve(token));

describe("the API client", () => {
  it("sends the bearer token and the idempotency key, and the evaluation with measures by code", async () => {
    answer(201, { id: "e1", result: { tender: {}, bidders: [], issues: [] } });
    const measure = DEFAULT_CATALOGUE.measures[2];
    if (!measure) throw new Error("no measure");
    const evaluation: Evaluation = {
      tender: { reference: "T-1", title: null, catalogueVersion: "2026.1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 },
      bidders: [{ name: "Acme", price: 100, qualitativeScore: 3 }],
      commitments: [{ measure, quantities: [2], accepted: [0.5] }],
      themes: ["Economic"],
    };
    const typedAsText = issue("NUMBER_AS_TEXT", 'Commitments!F2 holds "1,200" typed as text.', { sheet: "Commitments", cell: "F2" });
    expect((await client().saveEvaluation(evaluation, [typedAsText], "key-12345678")).id).toBe("e1");
    const [request] = requests;
    expect(request?.url).toBe("https://toms.example.gov.uk/api/evaluations");
    expect(request?.init.headers).toMatchObject({ authorization: "Bearer t0k3n", "idempotency-key": "key-12345678", "content-type": "application/json" });
    const body = JSON.parse(String(request?.init.body)) as { commitments: unknown; workbookIssues: unknown };
    expect(body.commitments).toEqual([{ measure: measure.code, quantities: [2], accepted: [0.5] }]);
    expect(body.workbookIssues).toEqual([typedAsText]);
  });

  it("shows the service's problem detail and field messages, and keeps the fields for their controls", async () => {
    const errors = [{ field: "contractId", message: "is held by Alpha Ltd, not Acme" }];
    answer(422, { title: "Cannot be done as asked", detail: "The award: contractId is held by Alpha Ltd, not Acme.", errors }, "application/problem+json");
    const error = await client().award("e1", { bidder: "Acme", contractId: "c1", issuesReviewed: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("The award: contractId is held by Alpha Ltd, not Acme. contractId: is held by Alpha Ltd, not Acme");
    expect((error as ApiError).fields).toEqual(errors);
    expect(requests[0]?.url).toBe("https://toms.example.gov.uk/api/evaluations/e1/award");
    expect(JSON.parse(String(requests[0]?.init.body))).toEqual({ bidder: "Acme", contractId: "c1", issuesReviewed: false });
  });

  it("reads the whole supplier register, page by page", async () => {
    const pages = [
      { items: [{ id: "s1", name: "Acme Ltd", detailsToComplete: [], postcode: "CV1 2GT" }], nextCursor: "next page" },
      { items: [{ id: "s2", name: "Beta plc", detailsToComplete: ["postcode"] }] },
    ];
    vi.stubGlobal("fetch", (url: URL, init: RequestInit) => {
      requests.push({ url: String(url), init });
      return Promise.resolve(new Response(JSON.stringify(pages[requests.length - 1]), { status: 200 }));
    });
    expect(await client().suppliers()).toEqual([{ id: "s1", name: "Acme Ltd", detailsToComplete: [] }, { id: "s2", name: "Beta plc", detailsToComplete: ["postcode"] }]);
    expect(requests.map((r) => r.url)).toEqual(["https://toms.example.gov.uk/api/suppliers?limit=500", "https://toms.example.gov.uk/api/suppliers?limit=500&cursor=next%20page"]);
  });

  it("reads the council's service areas", async () => {
    vi.stubGlobal("fetch", (url: URL, init: RequestInit) => {
      requests.push({ url: String(url), init });
      return Promise.resolve(new Response(JSON.stringify({ items: ["Adult Services", "ICT and Digital"] }), { status: 200 }));
    });
    expect(await client().serviceAreas()).toEqual(["Adult Services", "ICT and Digital"]);
    expect(requests.map((r) => r.url)).toEqual(["https://toms.example.gov.uk/api/service-areas"]);
  });

  it("reads every contract of a status, page by page, beyond the first page", async () => {
    const contract = (n: number) => ({ id: `c${n}`, reference: `CCC-${n}`, title: "Parks", supplierId: "s1", category: "services", value: 1, startDate: "2026-01-01", endDate: "2027-01-01", managerName: "Tom", status: "active", award: null });
    const pages = [{ items: Array.from({ length: 500 }, (_, i) => contract(i)), nextCursor: "page 2" }, { items: [contract(500)] }];
    vi.stubGlobal("fetch", (url: URL, init: RequestInit) => {
      requests.push({ url: String(url), init });
      return Promise.resolve(new Response(JSON.stringify(pages[requests.length - 1]), { status: 200 }));
    });
    const contracts = await client().contracts("active");
    expect(contracts).toHaveLength(501);
    expect(contracts[500]?.reference).toBe("CCC-500");
    expect(requests.map((r) => r.url)).toEqual(["https://toms.example.gov.uk/api/contracts?status=active&limit=500", "https://toms.example.gov.uk/api/contracts?status=active&limit=500&cursor=page%202"]);
  });

  it("explains a refusal without a problem body in plain words", async () => {
    answer(403, "Forbidden", "text/plain");
    const error = await client().contracts("active").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("Your role does not allow this. Ask an administrator for the evaluator role.");
  });

  it("answers null for a catalogue version that does not exist", async () => {
    answer(404, { detail: "Catalogue version 9 was not found." });
    expect(await client().catalogue("9")).toBeNull();
    expect(requests[0]?.url).toBe("https://toms.example.gov.uk/api/catalogue/9");
  });

  it("asks to sign in before calling, and says when the service cannot be reached", async () => {
    await expect(client(null).me()).rejects.toThrow("Sign in first.");
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(client().me()).rejects.toThrow("The TOMs service cannot be reached (toms.example.gov.uk).");
  });

  it("gets a development token without a bearer", async () => {
    answer(200, { token: "dev" });
    expect(await client(null).developmentToken("amara", ["evaluator"], "Amara")).toBe("dev");
    expect(requests[0]?.init.headers).not.toHaveProperty("authorization");
    expect(JSON.parse(String(requests[0]?.init.body))).toEqual({ userId: "amara", roles: ["evaluator"], name: "Amara" });
  });
});

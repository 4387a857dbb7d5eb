// The diversity calls as the service sees them: each route's path and query, the token, the lists
// unwrapped, a CSV saved under the service's name, and a refusal thrown with the service's words.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error.js";
import { DiversityClient } from "./diversity-client.js";
import { TomsClient } from "./toms-client.js";

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

function answering(answer: (seen: Seen) => Response): { client: DiversityClient; seen: Seen[] } {
  const seen: Seen[] = [];
  const client = new DiversityClient({
    baseUrl: "https://toms.example.gov.uk/",
    token: async () => "token-1",
    fetch: async (input, init) => {
      const call = { url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined };
      seen.push(call);
      return answer(call);
    },
  });
  return { client, seen };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const campaign = { year: 2026, questionnaireVersion: "2026.1", status: "open", openedAt: "2026-10-01T09:00:00Z", closesAt: "2026-12-31T23:59:59Z", invited: 420, answered: 61, published: null };

describe("DiversityClient", () => {
  it("lists the campaigns and the reminder list from their items, with the token", async () => {
    const { client, seen } = answering((call) => json({ items: call.url.endsWith("/reminders") ? [{ supplierId: "s1", supplierName: "Foleshill Bakery", invitedAt: "2026-10-01T09:00:00Z" }] : [campaign] }));
    expect(await client.campaigns()).toEqual([campaign]);
    expect((await client.reminders(2026)).map((r) => r.supplierName)).toEqual(["Foleshill Bakery"]);
    expect(seen.map((s) => [s.method, s.url, s.headers.get("authorization")])).toEqual([
      ["GET", "https://toms.example.gov.uk/api/diversity/campaigns", "Bearer token-1"],
      ["GET", "https://toms.example.gov.uk/api/diversity/campaigns/2026/reminders", "Bearer token-1"],
    ]);
  });

  it("opens and closes a campaign, and publishes a baseline, with their bodies", async () => {
    const { client, seen } = answering(() => json(campaign, 201));
    await client.openCampaign({ year: 2026, closesAt: "2026-12-31T23:59:59Z" });
    await client.closeCampaign(2026);
    await client.publishBaseline(2026);
    expect(seen.map((s) => [s.method, s.url.replace("https://toms.example.gov.uk", ""), s.body])).toEqual([
      ["POST", "/api/diversity/campaigns", { year: 2026, closesAt: "2026-12-31T23:59:59Z" }],
      ["POST", "/api/diversity/campaigns/2026/close", undefined],
      ["POST", "/api/diversity/baseline/publish", { year: 2026 }],
    ]);
    expect(seen[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("sends the year's Teams invitations with a POST, and answers the service's counts", async () => {
    const { client, seen } = answering(() => json({ sent: 3, failed: 1, alreadySent: 2, withoutTeams: 40 }));
    expect(await client.sendTeamsInvitations(2026)).toEqual({ sent: 3, failed: 1, alreadySent: 2, withoutTeams: 40 });
    expect(seen.map((s) => [s.method, s.url.replace("https://toms.example.gov.uk", ""), s.body])).toEqual([["POST", "/api/diversity/campaigns/2026/teams-invitations", undefined]]);
  });

  it("throws the service's 503 when the bot is not set up", async () => {
    const { client } = answering(() => new Response(JSON.stringify({ title: "The bot is not set up", detail: "This service has no Teams bot registration.", status: 503 }), { status: 503, headers: { "content-type": "application/problem+json" } }));
    await expect(client.sendTeamsInvitations(2026)).rejects.toMatchObject({ status: 503, title: "The bot is not set up" });
  });

  it("asks for a year's baseline by its year", async () => {
    const { client, seen } = answering(() => json({ year: 2025, total: 80 }));
    expect((await client.baseline(2025)).total).toBe(80);
    expect(seen[0]?.url).toBe("https://toms.example.gov.uk/api/diversity/baseline?year=2025");
  });

  it("sends the engagement list's purpose and only the filters chosen, as JSON or as a CSV file", async () => {
    const row = { supplierId: "s1", supplierName: "Foleshill Bakery", year: 2026, sizeBand: "micro", barriers: ["payment-terms"] };
    const { client, seen } = answering((call) =>
      call.url.includes("format=csv") ? new Response("Supplier\r\nFoleshill Bakery\r\n", { status: 200, headers: { "content-type": "text/csv", "content-disposition": 'attachment; filename="diversity-engagement-2026.csv"' } }) : json({ items: [row] }),
    );
    expect(await client.engagement({ barrier: "payment-terms", size: "micro" }, "Invitations to Meet the Buyer")).toEqual([row]);
    const file = await client.engagementCsv({ year: 2026, characteristic: "womenOwned", sector: "" }, "Mailing for the event");
    expect(file.fileName).toBe("diversity-engagement-2026.csv");
    expect(await file.blob.text()).toBe("Supplier\r\nFoleshill Bakery\r\n");
    const queries = seen.map((s) => Object.fromEntries(new URL(s.url).searchParams));
    expect(queries).toEqual([
      { purpose: "Invitations to Meet the Buyer", format: "json", barrier: "payment-terms", size: "micro" },
      { purpose: "Mailing for the event", format: "csv", year: "2026", characteristic: "womenOwned" },
    ]);
    expect(seen[1]?.headers.get("accept")).toBe("*/*");
  });

  it("downloads the form links of the unanswered by default, named for the year when the service gives no name", async () => {
    const { client, seen } = answering(() => new Response("Supplier,Contact name,Contact email,Link,Closes\r\n", { status: 200, headers: { "content-type": "text/csv" } }));
    expect((await client.formLinks(2026)).fileName).toBe("diversity-links-2026.csv");
    await client.formLinks(2026, "all");
    expect(seen.map((s) => s.url.replace("https://toms.example.gov.uk", ""))).toEqual(["/api/diversity/campaigns/2026/links.csv?only=unanswered", "/api/diversity/campaigns/2026/links.csv?only=all"]);
  });

  it("reads the audit log over a span, or all of it", async () => {
    const { client, seen } = answering(() => json({ items: [] }));
    await client.audit({ from: "2026-11-01", to: "2026-11-30" });
    await client.audit();
    expect(seen.map((s) => s.url.replace("https://toms.example.gov.uk", ""))).toEqual(["/api/diversity/audit?from=2026-11-01&to=2026-11-30", "/api/diversity/audit"]);
  });

  it("throws the service's refusal in its words", async () => {
    const { client } = answering(() => new Response(JSON.stringify({ title: "Forbidden", detail: "Only EDI analysts can see the 2026 baseline until it is published.", status: 403 }), { status: 403, headers: { "content-type": "application/problem+json" } }));
    const error = await client.baseline(2026).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect([(error as ApiError).status, (error as ApiError).detail]).toEqual([403, "Only EDI analysts can see the 2026 baseline until it is published."]);
  });

  it("calls over a TomsClient's address, token and fetch when made from it", async () => {
    const seen: string[] = [];
    let token = "token-1";
    const client = new TomsClient({
      baseUrl: "https://toms.example.gov.uk",
      token: async () => token,
      fetch: async (input, init) => {
        seen.push(`${String(input)} ${new Headers(init?.headers).get("authorization")}`);
        return json({ items: [] });
      },
    });
    const diversity = DiversityClient.sharing(client);
    await diversity.campaigns();
    token = "token-2";
    await diversity.audit();
    expect(seen).toEqual(["https://toms.example.gov.uk/api/diversity/campaigns Bearer token-1", "https://toms.example.gov.uk/api/diversity/audit Bearer token-2"]);
    expect(() => DiversityClient.sharing({} as TomsClient)).toThrow(TypeError);
  });
});

// The council's default catalogue version, as GET /api/catalogues answers it over HTTP: flagged
// among the published versions whatever was imported since, configurable with
// TOMS_DEFAULT_CATALOGUE_VERSION, and named even while it is not published.
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE } from "@toms/domain";
import { loadConfig } from "@toms/api";
import { startTestService, type TestService } from "../support/service.js";

interface Listed {
  defaultVersion: string;
  items: { version: string; publishedAt: string; publishedBy: string; measureCount: number; default: boolean }[];
}

const services: TestService[] = [];
afterAll(() => Promise.all(services.map((s) => s.close())));

async function started(env: Record<string, string> = {}, logged?: string[]): Promise<TestService> {
  const log = pino({ level: "warn" }, { write: (line: string) => void logged?.push(line) });
  const service = await startTestService(env, log);
  services.push(service);
  return service;
}

async function publish(service: TestService, version: string): Promise<void> {
  const admin = await service.token("rob.amor", "admin");
  const csv = ["Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source", `${version},N-1,Economic,Jobs,Local people employed,FTE years,100,Test value`].join("\r\n");
  const response = await service.call("/api/catalogue", { method: "POST", token: admin, body: csv, headers: { "content-type": "text/csv" } });
  expect(response.status).toBe(201);
}

async function listed(service: TestService): Promise<Listed> {
  const response = await service.call("/api/catalogues", { token: await service.token("eve.evaluator", "evaluator") });
  expect(response.status).toBe(200);
  return (await response.json()) as Listed;
}

const flagged = (list: Listed) => list.items.filter((v) => v.default).map((v) => v.version);

describe("the default catalogue version", () => {
  it("is the council's built-in version unless configured, and stays so when a newer version is imported", async () => {
    const service = await started();
    await publish(service, "2099.1");
    const list = await listed(service);
    expect(list.items[0]?.version).toBe("2099.1");
    expect(list.defaultVersion).toBe(DEFAULT_CATALOGUE.version);
    expect(flagged(list)).toEqual([DEFAULT_CATALOGUE.version]);
    expect(list.items.find((v) => v.version === DEFAULT_CATALOGUE.version)).toMatchObject({ measureCount: DEFAULT_CATALOGUE.measures.length, publishedBy: "toms", default: true });
  });

  it("is the configured version; one not yet published is named at start and in the answer, and flagged once published", async () => {
    const logged: string[] = [];
    const service = await started({ TOMS_DEFAULT_CATALOGUE_VERSION: "2030.2" }, logged);
    expect(logged.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContainEqual(expect.stringContaining("TOMS_DEFAULT_CATALOGUE_VERSION is 2030.2, which is not published"));
    const before = await listed(service);
    expect(before.defaultVersion).toBe("2030.2");
    expect(flagged(before)).toEqual([]);
    await publish(service, "2030.2");
    await publish(service, "2030.3");
    const after = await listed(service);
    expect(after.defaultVersion).toBe("2030.2");
    expect(flagged(after)).toEqual(["2030.2"]);
  });

  it("is a setting that must name a version", () => {
    expect(() => loadConfig({ TOMS_DEFAULT_CATALOGUE_VERSION: "   " })).toThrow("TOMS_DEFAULT_CATALOGUE_VERSION: must name a catalogue version, e.g. 2026.1");
    expect(loadConfig({ TOMS_DEFAULT_CATALOGUE_VERSION: " 2030.2 " }).defaultCatalogueVersion).toBe("2030.2");
    expect(loadConfig({ TOMS_DEFAULT_CATALOGUE_VERSION: "" }).defaultCatalogueVersion).toBe(DEFAULT_CATALOGUE.version);
  });
});

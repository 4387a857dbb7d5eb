// Which proxies the service believes about who the client is (TOMS_TRUST_PROXY). Behind a
// council's ingress the form's per-address limit and HSTS depend on X-Forwarded-For and
// X-Forwarded-Proto; from anyone else those headers must count for nothing, or a guesser could
// pick a new address for every guess.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@toms/api";
import { startTestService, type TestService } from "../support/service.js";

/** A form link nobody was given: each one is a failed attempt for the form's per-address limit. */
const guess = () => `/diversity/${crypto.randomUUID().replace(/-/g, "")}`;

async function statusesOf(service: TestService, addresses: string[]): Promise<number[]> {
  const statuses: number[] = [];
  // One after another: the limiter counts in order, and the 21st must be the first refused.
  for (const address of addresses) statuses.push((await service.call(guess(), { headers: { "x-forwarded-for": address } })).status);
  return statuses;
}

const manyAddresses = Array.from({ length: 25 }, (_, i) => `203.0.113.${i + 1}`);

describe("TOMS_TRUST_PROXY", () => {
  let byDefault: TestService;
  let elsewhere: TestService;
  beforeAll(async () => {
    [byDefault, elsewhere] = await Promise.all([startTestService(), startTestService({ TOMS_TRUST_PROXY: "10.1.2.3" })]);
  });
  afterAll(() => Promise.all([byDefault.close(), elsewhere.close()]));

  it("by default believes a proxy on this machine: 25 clients it names each get their own attempts", async () => {
    expect(await statusesOf(byDefault, manyAddresses)).toEqual(Array(25).fill(404));
  });

  it("set to the ingress's address, ignores X-Forwarded-For from anyone else: the same 25 guesses are one address, limited after 20", async () => {
    const statuses = await statusesOf(elsewhere, manyAddresses);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
  });

  it("set to the ingress's address, sends no HSTS when someone else says the request came over HTTPS", async () => {
    const response = await elsewhere.call("/healthz", { headers: { "x-forwarded-proto": "https" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("takes hops, addresses, ranges and Express's names, and refuses anything else naming the setting", () => {
    const base = { HOST: "127.0.0.1", TOMS_DATA_DIR: "/tmp/toms-trust-proxy" };
    expect(loadConfig({ ...base }).trustProxy).toEqual(["loopback"]);
    expect(loadConfig({ ...base, TOMS_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ ...base, TOMS_TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8, 192.0.2.10" }).trustProxy).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "192.0.2.10"]);
    for (const bad of ["0", "11", "everyone", "10.0.0.0/33", "10.0.0/8", "*"]) {
      expect(() => loadConfig({ ...base, TOMS_TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, TOMS_TRUST_PROXY: bad }), bad).toThrow(/TOMS_TRUST_PROXY/);
    }
  });
});

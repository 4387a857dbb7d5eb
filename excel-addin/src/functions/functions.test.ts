import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, type Catalogue } from "@toms/domain";
import { builtInLookup, proxy, setCatalogueLookup, value } from "./functions.js";

const published: Catalogue = {
  version: "2027.1",
  measures: [{ code: "X-01", theme: "Social", outcomes: [], name: "Volunteering", unit: "hours", proxyValue: 20, source: "test" }],
};

afterEach(() => setCatalogueLookup(builtInLookup));

describe("=TOMS.PROXY and =TOMS.VALUE", () => {
  it("use the council's built-in version before the pane signs in, when it is named", async () => {
    expect(await proxy("CCC-EC03", DEFAULT_CATALOGUE.version)).toBe(37_430);
    expect(await proxy(" ccc-ec03 ", DEFAULT_CATALOGUE.version)).toBe(37_430);
    expect(await value("CCC-EN06", 2, DEFAULT_CATALOGUE.version)).toBeCloseTo(2 * 268.97, 10);
    // "The latest" waits for sign-in, so the same formula cannot give two values.
    await expect(proxy("CCC-EC03")).rejects.toThrow("Sign in in the TOMs pane");
    await expect(proxy("CCC-EC03", "2027.1")).rejects.toThrow("Catalogue version 2027.1 is not available.");
  });

  it("say a record-only measure has no proxy value, and value it at 0", async () => {
    await expect(proxy("CCC-EC01", DEFAULT_CATALOGUE.version)).rejects.toThrow("CCC-EC01 is record only");
    expect(await value("CCC-EC01", 12, DEFAULT_CATALOGUE.version)).toBe(0);
  });

  it("name a code the catalogue does not have", async () => {
    await expect(value("NOPE", 1, DEFAULT_CATALOGUE.version)).rejects.toThrow(`Catalogue version ${DEFAULT_CATALOGUE.version} has no measure NOPE.`);
  });

  it("use the signed-in session's catalogues, the latest when no version is given", async () => {
    const asked: (string | undefined)[] = [];
    setCatalogueLookup((version) => {
      asked.push(version);
      return Promise.resolve(version === undefined || version === "2027.1" ? published : null);
    });
    expect(await proxy("x-01")).toBe(20);
    expect(await value("X-01", 3, "2027.1")).toBe(60);
    expect(await value("X-01", 3, "  ")).toBe(60);
    expect(asked).toEqual([undefined, "2027.1", undefined]);
  });
});

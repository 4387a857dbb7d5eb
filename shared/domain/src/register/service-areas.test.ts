import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_AREAS, serviceAreaInputSchema } from "./service-areas.js";

describe("the default service areas", () => {
  it("are sorted and distinct, ignoring case, as the list shows them", () => {
    const sorted = [...DEFAULT_SERVICE_AREAS].sort((a, b) => a.localeCompare(b, "en-GB"));
    expect(DEFAULT_SERVICE_AREAS).toEqual(sorted);
    expect(new Set(DEFAULT_SERVICE_AREAS.map((a) => a.toUpperCase())).size).toBe(DEFAULT_SERVICE_AREAS.length);
  });

  it("would each be accepted from an admin", () => {
    for (const name of DEFAULT_SERVICE_AREAS) expect(serviceAreaInputSchema.safeParse({ name }).success, name).toBe(true);
  });
});

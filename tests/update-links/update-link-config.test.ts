// How long a signed update link works: TOMS_UPDATE_LINK_DAYS, read once, a bad value named.
import { describe, expect, it } from "vitest";
import { loadConfig } from "@toms/api";

describe("TOMS_UPDATE_LINK_DAYS", () => {
  it("is 30 days unless set, and takes 1 to 365", () => {
    expect(loadConfig({}).updateLinkDays).toBe(30);
    expect(loadConfig({ TOMS_UPDATE_LINK_DAYS: "7" }).updateLinkDays).toBe(7);
    expect(loadConfig({ TOMS_UPDATE_LINK_DAYS: "365" }).updateLinkDays).toBe(365);
  });

  it("names the setting at fault", () => {
    for (const value of ["0", "366", "1.5", "a week"]) expect(() => loadConfig({ TOMS_UPDATE_LINK_DAYS: value }), value).toThrow(/TOMS_UPDATE_LINK_DAYS/);
  });
});

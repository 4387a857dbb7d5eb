import { describe, expect, it } from "vitest";
import { organisationNameKey, sameOrganisationName } from "./organisation-name.js";

describe("organisation names", () => {
  it("ignores case, spacing, punctuation and the forms Ltd, Limited and plc", () => {
    expect(sameOrganisationName("ACME Limited", "Acme Ltd.")).toBe(true);
    expect(sameOrganisationName("Acme plc", "acme")).toBe(true);
    expect(sameOrganisationName("A.C.M.E.  Ltd", "Acme")).toBe(true);
    expect(sameOrganisationName("Tile Hill Grounds Maintenance Ltd", "tile-hill grounds maintenance limited")).toBe(true);
    expect(sameOrganisationName("Acme Public Limited Company", "ACME PLC")).toBe(true);
    expect(sameOrganisationName("Café Nero Ltd", "Cafe Nero")).toBe(true);
  });

  it("tells different organisations apart", () => {
    expect(sameOrganisationName("Acme Ltd", "Acme Holdings Ltd")).toBe(false);
    expect(sameOrganisationName("Beta Ltd", "Alpha Ltd")).toBe(false);
    expect(sameOrganisationName("Acme LLP", "Acme Ltd")).toBe(false);
  });

  it("drops the legal form only at the end, and never the whole name", () => {
    expect(organisationNameKey("Limited Edition Prints Ltd")).toBe("limitededitionprints");
    expect(organisationNameKey("Limited")).toBe("limited");
    expect(organisationNameKey("Acme Ltd Ltd")).toBe("acme");
  });

  it("matches nothing with a name that has no letters or digits", () => {
    expect(sameOrganisationName("!!!", "...")).toBe(false);
    expect(sameOrganisationName("", "")).toBe(false);
  });
});

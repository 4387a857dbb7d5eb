import { describe, expect, it } from "vitest";
import { listedServiceArea, serviceAreaError, serviceAreaList } from "./service-area-list.js";

describe("serviceAreaList", () => {
  it("sorts the defaults and the added areas together, each name once ignoring case, a default's spelling first", () => {
    expect(serviceAreaList(["Transportation and Highways", "Adult Services"], ["ICT and digital", "adult services", " Public Health "])).toEqual([
      "Adult Services",
      "ICT and digital",
      "Public Health",
      "Transportation and Highways",
    ]);
  });

  it("is empty when nothing is set up", () => {
    expect(serviceAreaList([], [])).toEqual([]);
  });
});

describe("listedServiceArea", () => {
  const list = ["Adult Services", "Children's Services"];

  it("answers the list's spelling of a name written in another case", () => {
    expect(listedServiceArea("  children's SERVICES ", list)).toBe("Children's Services");
  });

  it("answers nothing for a name not in the list", () => {
    expect(listedServiceArea("Adult Social Care", list)).toBeUndefined();
  });
});

describe("serviceAreaError", () => {
  it("names the field and lists the choices", () => {
    expect(serviceAreaError("contract.serviceArea", ["Adult Services", "Children's Services"])).toEqual({
      field: "contract.serviceArea",
      message: "must be one of the council's service areas: Adult Services, Children's Services; a procurement officer can add one",
    });
  });

  it("says when none is set up", () => {
    expect(serviceAreaError("serviceArea", []).message).toBe("must be one of the council's service areas, and none is set up yet; a procurement officer can add one");
  });
});

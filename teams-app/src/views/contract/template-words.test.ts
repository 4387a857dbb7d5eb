import { describe, expect, it } from "vitest";
import { sectorLabel, templateAppliedWords } from "./template-words.js";

describe("the template library in words", () => {
  it("names each sector as people say it", () => {
    expect(sectorLabel("fm")).toBe("Facilities management");
    expect(sectorLabel("social-care")).toBe("Social care");
    expect(sectorLabel("ict")).toBe("ICT");
    expect(sectorLabel("grounds-maintenance")).toBe("Grounds maintenance");
  });

  it("says how many KPIs were added, and how many were there already", () => {
    expect(templateAppliedWords("Waste collection", 4, 4)).toBe('4 KPIs added from "Waste collection".');
    expect(templateAppliedWords("Waste collection", 4, 3)).toBe('3 KPIs added from "Waste collection". 1 was already on the contract by the same title, so not added twice.');
    expect(templateAppliedWords("Waste collection", 4, 1)).toBe('1 KPI added from "Waste collection". 3 were already on the contract by the same title, so not added twice.');
    expect(templateAppliedWords("Waste collection", 4, 0)).toBe('No KPI was added from "Waste collection": the contract already has a KPI of each of its titles.');
  });
});

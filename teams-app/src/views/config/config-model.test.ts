import { describe, expect, it } from "vitest";
import { choiceOf, configurationOf, contractText, matchContracts, serviceAreaChoices } from "./config-model.js";

const cemetery = { contractId: "a4502ec4-f57e-47be-af39-2d6b478dad1f", reference: "CCC-2024-037", title: "Cemetery and crematorium grounds care" };
const depot = { contractId: "854363f0", reference: "CCC-2024-025", title: "Depot security and CCTV monitoring" };

describe("what the channel tab saves", () => {
  it("opens the whole portfolio", () => {
    expect(configurationOf({ kind: "portfolio" })).toEqual({ route: "#/", entityId: "portfolio", displayName: "Contract portfolio" });
  });

  it("opens the portfolio filtered to one service area, its name encoded in the address", () => {
    const saved = configurationOf({ kind: "service-area", serviceArea: "Streetscene and Regulatory Services" });
    expect(saved).toEqual({ route: "#/?serviceArea=Streetscene%20and%20Regulatory%20Services", entityId: "service-area:Streetscene and Regulatory Services", displayName: "Streetscene and Regulatory Services contracts" });
    expect(new URLSearchParams(saved?.route.split("?")[1]).get("serviceArea")).toBe("Streetscene and Regulatory Services");
    expect(configurationOf({ kind: "service-area", serviceArea: "Adults & Children" })?.route).toBe("#/?serviceArea=Adults%20%26%20Children");
  });

  it("opens one contract", () => {
    expect(configurationOf({ kind: "contract", contract: cemetery })).toEqual({ route: "#/contracts/a4502ec4-f57e-47be-af39-2d6b478dad1f", entityId: "contract:a4502ec4-f57e-47be-af39-2d6b478dad1f", displayName: "CCC-2024-037 contract" });
  });

  it("saves nothing until the area or contract is picked", () => {
    expect(configurationOf(choiceOf("service-area"))).toBeNull();
    expect(configurationOf({ kind: "service-area", serviceArea: "  " })).toBeNull();
    expect(configurationOf(choiceOf("contract"))).toBeNull();
    expect(configurationOf(choiceOf("portfolio"))).not.toBeNull();
  });
});

describe("finding a contract", () => {
  it("names a contract by reference and title", () => {
    expect(contractText(cemetery)).toBe("CCC-2024-037 Cemetery and crematorium grounds care");
  });

  it("keeps contracts with every word typed, in any order and case", () => {
    expect(matchContracts([cemetery, depot], "grounds CEMETERY")).toEqual([cemetery]);
    expect(matchContracts([cemetery, depot], "2024-025")).toEqual([depot]);
    expect(matchContracts([cemetery, depot], "ccc")).toEqual([cemetery, depot]);
    expect(matchContracts([cemetery, depot], "cctv cemetery")).toEqual([]);
    expect(matchContracts([cemetery, depot], "  ")).toEqual([cemetery, depot]);
  });
});

describe("the service areas offered", () => {
  it("joins the council's list and the portfolio's, by name, without Not recorded", () => {
    expect(serviceAreaChoices(["Highways", "Adult Social Care"], ["Streetscene and Regulatory Services", "Highways", "Not recorded"])).toEqual(["Adult Social Care", "Highways", "Streetscene and Regulatory Services"]);
  });
});

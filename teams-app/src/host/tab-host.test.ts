import { describe, expect, it } from "vitest";
import { portfolioRouteOf, routeOfSubPage } from "./tab-host.js";

describe("the routes Teams' context opens", () => {
  it("keeps a channel tab pinned to a service area to that area's portfolio, and every other tab to the whole", () => {
    expect(portfolioRouteOf("service-area:Streetscene and Regulatory Services")).toBe("/?serviceArea=Streetscene+and+Regulatory+Services");
    expect(portfolioRouteOf("portfolio")).toBe("/");
    expect(portfolioRouteOf("contract:0b5e")).toBe("/");
    expect(portfolioRouteOf(undefined)).toBe("/");
  });

  it("opens the contract a deep link names, and nothing for what it does not know", () => {
    expect(routeOfSubPage("contract:a b/c")).toBe("/contracts/a%20b%2Fc");
    expect(routeOfSubPage("supplier:1")).toBeUndefined();
    expect(routeOfSubPage(undefined)).toBeUndefined();
  });
});

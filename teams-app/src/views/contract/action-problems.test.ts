import { describe, expect, it } from "vitest";
import { ApiError } from "@toms/client";
import { actionProblem, canManage } from "./action-problems.js";

describe("the manager's actions", () => {
  it("are offered to contract managers and procurement officers only", () => {
    expect(canManage(["contract-manager"])).toBe(true);
    expect(canManage(["admin"])).toBe(true);
    expect(canManage(["evaluator"])).toBe(false);
    expect(canManage(["supplier"])).toBe(false);
    expect(canManage([])).toBe(false);
  });

  it("say a conflict happened meanwhile, in the service's words, and ask for a reload", () => {
    const problem = actionProblem("review", new ApiError(409, "Conflict", "This update was reviewed already, by amara.okafor on 2 Dec 2026, 09:00."));
    expect(problem).toEqual({ message: "Someone reviewed this update meanwhile. This update was reviewed already, by amara.okafor on 2 Dec 2026, 09:00. The page now shows where it stands.", reload: true });
    expect(actionProblem("review", new ApiError(409, "Conflict", "This update was already approved by Tom Brennan on 2026-12-02 05:05 (UK time).")).message).toBe(
      "Someone reviewed this update meanwhile. This update was already approved by Tom Brennan on 2 December 2026 05:05 (UK time). The page now shows where it stands.",
    );
  });

  it("show the service's words when it refuses", () => {
    expect(actionProblem("confirm", new ApiError(403, "Forbidden", "Only the contract's manager or a procurement officer may confirm its assessments."))).toEqual({ message: "Only the contract's manager or a procurement officer may confirm its assessments.", reload: false });
    expect(actionProblem("publish", new ApiError(422, "Invalid", "The notice is not valid: url must be a web address."))).toEqual({ message: "The notice is not valid: url must be a web address.", reload: false });
    expect(actionProblem("start", new Error("boom")).message).toBe("It did not work: boom Try again.");
  });
});

describe("changing a KPI", () => {
  it("says someone changed it meanwhile when its ETag is stale, and asks for a reload", () => {
    const problem = actionProblem("change-target", new ApiError(412, "Changed by someone else", 'The KPI "Bins collected" has changed since it was read. Reload it and make your change again.'));
    expect(problem).toEqual({ message: "Someone changed this KPI meanwhile. The page now shows it as it stands: check it, then try again.", reload: true });
  });

  it("shows the service's words when the role does not allow it", () => {
    expect(actionProblem("add-kpi", new ApiError(403, "Not allowed", "Only procurement officers and the contract's manager can set its KPIs."))).toEqual({ message: "Only procurement officers and the contract's manager can set its KPIs.", reload: false });
  });
});

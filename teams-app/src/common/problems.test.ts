import { describe, expect, it } from "vitest";
import { ApiError } from "@toms/client";
import { SignedOut } from "../session.js";
import { fieldProblem, problemWords } from "./problems.js";

describe("a failure in words", () => {
  it("gives the service's words with their dates and periods in UK words", () => {
    const refused = new ApiError(409, "Conflicts with what is stored", '2026-03 of "Bins collected" is not owed by anyone just now, since 2026-04-14.');
    expect(problemWords(refused)).toEqual({ title: "Conflicts with what is stored", detail: 'March 2026 of "Bins collected" is not owed by anyone just now, since 14 April 2026.', action: "none" });
  });

  it("asks to sign in again when the sign-in has ended", () => {
    expect(problemWords(new ApiError(401, "Unauthorised", "The token has expired.")).action).toBe("sign-in");
    expect(problemWords(new SignedOut()).action).toBe("sign-in");
  });
});

describe("a field's problem", () => {
  const refused = new ApiError(422, "Cannot be done as asked", "The assessment is not valid.", [{ field: "from", message: "must be on or after the contract's start, 2024-09-01" }]);

  it("reads as a sentence under its field, its dates in UK words", () => {
    expect(fieldProblem(refused, "from")).toBe("Must be on or after the contract's start, 1 September 2024");
  });

  it("is nothing for a field the service did not name", () => {
    expect(fieldProblem(refused, "to")).toBeUndefined();
    expect(fieldProblem(undefined, "from")).toBeUndefined();
  });
});

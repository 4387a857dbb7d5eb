import { describe, expect, it } from "vitest";
import { issue } from "@toms/domain";
import { issueGroups } from "./issue-groups.js";

describe("the pane's issue groups", () => {
  it("puts errors first, then warnings, then notes, each keeping the order found, titled with its count", () => {
    const note1 = issue("RECORD_ONLY", "note 1");
    const warning = issue("NUMBER_AS_TEXT", "warning");
    const error1 = issue("NEGATIVE", "error 1");
    const note2 = issue("RECORD_ONLY", "note 2");
    const error2 = issue("CELL_ERROR", "error 2");
    expect(issueGroups([note1, warning, error1, note2, error2])).toEqual([
      { severity: "error", title: "2 errors", issues: [error1, error2] },
      { severity: "warning", title: "1 warning", issues: [warning] },
      { severity: "info", title: "2 notes", issues: [note1, note2] },
    ]);
  });

  it("leaves out groups with no issues", () => {
    expect(issueGroups([issue("RECORD_ONLY", "a note")]).map((g) => g.title)).toEqual(["1 note"]);
    expect(issueGroups([])).toEqual([]);
  });
});

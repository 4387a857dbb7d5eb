import { describe, expect, it } from "vitest";
import { blocker, issue, refusalOf } from "@toms/domain";
import { refusalHeadings } from "./refusal-headings.js";

const inCell = blocker('Tender!B5: "Social value weighting" is "high"', { sheet: "Tender", field: "Social value weighting", cell: "B5" });
const noCell = blocker('The workbook has no "Bidders" sheet', { sheet: "Bidders" });

describe("the headings of a refusal in the pane", () => {
  it("count the problems and the other issues, and say how to reach their cells", () => {
    expect(refusalHeadings(refusalOf([inCell, noCell], [issue("NEGATIVE", "a", { sheet: "Commitments", cell: "F2" }), issue("RECORD_ONLY", "b")]))).toEqual({
      problems: "The workbook cannot be scored until these 2 problems are fixed:",
      selectHint: "Select a problem to show its cell in the workbook.",
      others: { title: "Also found: 2 other issues", hint: "They count once the workbook can be scored. Select an issue to show its cell." },
    });
  });

  it("speak of one problem and one issue in the singular", () => {
    expect(refusalHeadings(refusalOf([inCell], [issue("NEGATIVE", "a", { sheet: "Commitments", cell: "F2" })]))).toEqual({
      problems: "The workbook cannot be scored until this problem is fixed:",
      selectHint: "Select it to show its cell in the workbook.",
      others: { title: "Also found: 1 other issue", hint: "It counts once the workbook can be scored. Select it to show its cell." },
    });
  });

  it("offer no selection when nothing is in a cell, and no heading when nothing else was found", () => {
    expect(refusalHeadings(refusalOf([noCell], [issue("MISSING_BIDDER_COLUMN", "c", { sheet: "Commitments" })]))).toEqual({
      problems: "The workbook cannot be scored until this problem is fixed:",
      selectHint: null,
      others: { title: "Also found: 1 other issue", hint: "It counts once the workbook can be scored." },
    });
    expect(refusalHeadings(refusalOf([noCell])).others).toBeNull();
  });
});

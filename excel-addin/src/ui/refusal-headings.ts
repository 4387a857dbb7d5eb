// What the Score step says around a refusal's lists, in the evaluator's words: how many problems
// stop the scoring, how to go to one, and how many other issues were found beside them.
import type { Refusal } from "@toms/domain";
import type { CellMessage } from "./CellMessages.js";

export interface RefusalHeadings {
  /** "The workbook cannot be scored until this problem is fixed:", or "these 3 problems". */
  problems: string;
  /** How to go to a problem's cell; null when no problem is in one cell. */
  selectHint: string | null;
  /** The heading of the other issues, and what they mean; null when there are none. */
  others: { title: string; hint: string } | null;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);
const inACell = (places: CellMessage[]) => places.some((p) => p.sheet && p.cell);

/** The headings of a refusal's blockers and of its other issues. */
export function refusalHeadings(refusal: Refusal): RefusalHeadings {
  const blockers = refusal.blockers.length;
  const issues = refusal.issues.length;
  return {
    problems: `The workbook cannot be scored until ${plural(blockers, "this problem is", `these ${blockers} problems are`)} fixed:`,
    selectHint: inACell(refusal.blockers) ? `Select ${plural(blockers, "it", "a problem")} to show its cell in the workbook.` : null,
    others:
      issues === 0
        ? null
        : {
            title: `Also found: ${issues} other ${plural(issues, "issue", "issues")}`,
            hint: `${plural(issues, "It counts", "They count")} once the workbook can be scored.${inACell(refusal.issues) ? ` Select ${plural(issues, "it", "an issue")} to show its cell.` : ""}`,
          },
  };
}

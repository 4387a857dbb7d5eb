// Scoring issues as the pane lists them: errors first, then warnings, then notes, each group
// titled with its count ("12 notes").
import type { Issue, Severity } from "@toms/domain";

/** The order of the groups: what stops a fair score first. */
export const SEVERITY_ORDER = ["error", "warning", "info"] as const satisfies readonly Severity[];

const NOUNS = { error: ["error", "errors"], warning: ["warning", "warnings"], info: ["note", "notes"] } as const satisfies Record<Severity, readonly [string, string]>;

export interface IssueGroup {
  severity: Severity;
  /** "1 error", "3 warnings", "12 notes". */
  title: string;
  /** In the order the scoring found them (sheet by sheet). */
  issues: Issue[];
}

/** The groups that have issues, in SEVERITY_ORDER. */
export function issueGroups(issues: Issue[]): IssueGroup[] {
  return SEVERITY_ORDER.map((severity) => {
    const found = issues.filter((i) => i.severity === severity);
    return { severity, title: `${found.length} ${NOUNS[severity][found.length === 1 ? 0 : 1]}`, issues: found };
  }).filter((group) => group.issues.length > 0);
}

// Scoring issues as the Score step lists them, after a scoring or beside a refusal: grouped by
// severity (issue-groups.ts), errors and warnings open, notes folded behind their count; selecting
// an issue selects its cell.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, InfoButton } from "@fluentui/react-components";
import type { Issue } from "@toms/domain";
import { CellMessages } from "./CellMessages.js";
import { issueGroups } from "./issue-groups.js";
import { paneInfo } from "./layout.js";

const SEVERITY_COLOUR = { error: "danger", warning: "warning", info: "brand" } as const;
/** Issues whose message uses the term get its explanation beside them. */
const MENTIONS_SV_ADD = /\bSV add\b/;

/**
 * The issues in their groups. `svAdd` explains "SV add" beside the issues that use the term (a
 * refusal has none: SV add is flagged only by a scoring).
 */
export function IssueList({ issues, onShow, svAdd }: { issues: Issue[]; onShow: (sheet: string, cell: string) => void; svAdd?: string }) {
  return (
    // Notes say what was recorded as typed; they start folded behind their count.
    <Accordion multiple collapsible defaultOpenItems={["error", "warning"]}>
      {issueGroups(issues).map((group) => (
        <AccordionItem key={group.severity} value={group.severity} data-testid="issue-group">
          <AccordionHeader size="small" icon={<Badge size="extra-small" color={SEVERITY_COLOUR[group.severity]} aria-hidden />}>
            {group.title}
          </AccordionHeader>
          <AccordionPanel>
            <CellMessages
              label={group.title}
              items={group.issues}
              onShow={onShow}
              aside={(issue) => svAdd && MENTIONS_SV_ADD.test(issue.message) && <InfoButton size="small" {...paneInfo(svAdd)} aria-label="What SV add is" />}
            />
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}

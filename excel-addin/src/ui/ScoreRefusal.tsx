// Why the open workbook could not be scored: every problem that stops the scoring, each selecting
// its cell where it has one, then every other issue found, grouped as after a scoring, so that the
// evaluator can fix them all before scoring again.
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { Refusal } from "@toms/domain";
import { CellMessages } from "./CellMessages.js";
import { IssueList } from "./IssueList.js";
import { refusalHeadings } from "./refusal-headings.js";
import { stack } from "./layout.js";

export function ScoreRefusal({ refusal, onShow }: { refusal: Refusal; onShow: (sheet: string, cell: string) => void }) {
  const headings = refusalHeadings(refusal);
  return (
    <div style={stack(8)} data-testid="refusal">
      <MessageBar layout="multiline" intent="error">
        <MessageBarBody>{headings.problems}</MessageBarBody>
      </MessageBar>
      <CellMessages label="What stops the scoring" items={refusal.blockers} onShow={onShow} />
      {headings.selectHint && <Text size={200}>{headings.selectHint}</Text>}
      {headings.others && (
        <>
          <Text weight="semibold" as="h2">
            {headings.others.title}
          </Text>
          <Text size={200}>{headings.others.hint}</Text>
          <IssueList issues={refusal.issues} onShow={onShow} />
        </>
      )}
    </div>
  );
}

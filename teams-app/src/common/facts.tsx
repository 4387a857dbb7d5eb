// A few facts about one thing (a contract, an item owed), each a term and its value, side by side
// where there is room and one under another in a narrow pane.
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 12rem), 1fr))", gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, margin: 0 },
  fact: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0 },
});

/** The list of facts: Fact elements. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className={useStyles().facts}>{children}</dl>;
}

/** One fact: its `term` and its value (`children`). */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{children}</dd>
    </div>
  );
}

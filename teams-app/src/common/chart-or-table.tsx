// Every chart has a table of the same figures beside it: one switch shows either, so a screen
// reader or keyboard user reads the numbers the chart draws.
import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState, type ReactNode } from "react";

const useStyles = makeStyles({
  frame: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/** The heading levels a chart's title may take: one below the section it sits in. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/**
 * A chart and its table under one title, with a Chart / Table switch. The title is an h3 unless
 * `level` says otherwise: one below the heading of the section the chart sits in (an h4 in a
 * section whose own heading is an h3).
 */
export function ChartOrTable({ title, chart, table, description, level = 3 }: { title: string; chart: ReactNode; table: ReactNode; description?: string; level?: HeadingLevel }) {
  const styles = useStyles();
  const [shown, setShown] = useState<"chart" | "table">("chart");
  const heading = useId();
  return (
    <section className={styles.frame} aria-labelledby={heading}>
      <div className={styles.head}>
        <Text as={`h${level}`} id={heading} weight="semibold" size={level === 2 ? 500 : level === 3 ? 400 : 300}>
          {title}
        </Text>
        <TabList size="small" selectedValue={shown} onTabSelect={(_, data) => setShown(data.value as "chart" | "table")} aria-label={`${title}: show as`}>
          <Tab value="chart">Chart</Tab>
          <Tab value="table">Table</Tab>
        </TabList>
      </div>
      {description && <Text size={200}>{description}</Text>}
      {shown === "chart" ? <div>{chart}</div> : table}
    </section>
  );
}

// Every chart has a table of the same figures beside it: one switch shows either, so a screen
// reader or keyboard user reads the numbers the chart draws.
import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState, type ReactNode } from "react";

const useStyles = makeStyles({
  frame: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
});

export function ChartOrTable({ title, chart, table, description }: { title: string; chart: ReactNode; table: ReactNode; description?: string }) {
  const styles = useStyles();
  const [shown, setShown] = useState<"chart" | "table">("chart");
  const heading = useId();
  return (
    <section className={styles.frame} aria-labelledby={heading}>
      <div className={styles.head}>
        <Text as="h3" id={heading} weight="semibold" size={400}>
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

// Social value committed against delivered by theme, from the annual report (the last complete
// financial year). The report is slower than the portfolio, so it loads on its own, after it.
import { GroupedVerticalBarChart, ResponsiveContainer, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SocialValueReport } from "@toms/domain";
import { useId, useMemo } from "react";
import { ROUTES } from "../../app/routes.js";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatMoney, formatNumber } from "../../common/format.js";
import { Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { SOCIAL_VALUE_COLOURS } from "./chart-colours.js";
import { percentDelivered, reportYearWords, socialValueByTheme } from "./portfolio-summary.js";
import { useChartTheme } from "./use-chart-theme.js";

const useStyles = makeStyles({
  frame: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  scroller: { overflowX: "auto", maxWidth: "100%" },
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
});

const TITLE = "Social value by theme";
const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

function ThemeChart({ report, serviceArea }: { report: SocialValueReport; serviceArea: string | null }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const colours = SOCIAL_VALUE_COLOURS[useChartTheme()];
  const rows = useMemo(() => socialValueByTheme(report, serviceArea), [report, serviceArea]);
  const data = useMemo<GroupedVerticalBarChartData[]>(
    () =>
      rows.map((r) => ({
        name: r.theme,
        series: [
          { key: "committed", legend: "Committed", data: r.committed, color: colours.committed, xAxisCalloutData: r.theme, yAxisCalloutData: formatMoney(r.committed, moneyLabel) },
          { key: "delivered", legend: "Delivered", data: r.delivered, color: colours.delivered, xAxisCalloutData: r.theme, yAxisCalloutData: formatMoney(r.delivered, moneyLabel) },
        ],
      })),
    [rows, colours, moneyLabel],
  );
  const whose = serviceArea === null ? "your contracts" : `your contracts in ${serviceArea}`;
  const description = `Committed against delivered for ${whose}, ${reportYearWords(report)}, the last complete year.`;
  const reportLink = (
    <Link href={`#${ROUTES.socialValue}?${new URLSearchParams({ year: String(report.year) })}`}>Open the {report.yearLabel} social value report</Link>
  );

  if (rows.length === 0) {
    return (
      <div className={styles.frame}>
        <Text as="h3" weight="semibold" size={400}>
          {TITLE}
        </Text>
        <Text>No social value was committed or delivered for {whose} in {reportYearWords(report)}.</Text>
        {reportLink}
      </div>
    );
  }

  const table = (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label={`${TITLE}, as a table`}>
      <Table size="small" aria-label={`Social value by theme, ${report.yearLabel}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Theme</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Committed</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered of committed</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => {
            const percent = percentDelivered(r);
            return (
              <TableRow key={r.theme} data-theme-name={r.theme}>
                <TableCell>{r.theme}</TableCell>
                <TableCell className={styles.number} data-field="committed" data-value={r.committed}>
                  {formatMoney(r.committed, moneyLabel)}
                </TableCell>
                <TableCell className={styles.number} data-field="delivered" data-value={r.delivered}>
                  {formatMoney(r.delivered, moneyLabel)}
                </TableCell>
                <TableCell className={styles.number}>{percent === null ? "Nothing committed" : `${formatNumber(percent)}%`}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );

  const chart = (
    <ResponsiveContainer height={360}>
      <GroupedVerticalBarChart
        data={data}
        chartTitle={`${TITLE}, ${report.yearLabel}: committed against delivered`}
        yAxisTitle={`Amount (${moneyLabel.trim()})`}
        yAxisTickFormat={(value: number) => compact.format(value)}
        hideLabels
        enabledLegendsWrapLines
        barWidth="auto"
        maxBarWidth={48}
        culture="en-GB"
        legendProps={{ allowFocusOnLegends: true }}
      />
    </ResponsiveContainer>
  );

  return (
    <div className={styles.frame}>
      <ChartOrTable title={TITLE} description={description} chart={chart} table={table} />
      {reportLink}
    </div>
  );
}

/** Loads the annual report once the portfolio is shown, with its own skeleton and its own failure. */
export function SocialValueByTheme({ serviceArea }: { serviceArea: string | null }) {
  const { client } = useTab();
  const heading = useId();
  const report = useLoad(() => client.report({}), [client]);
  if (report.state === "loading") {
    return (
      <section aria-labelledby={heading}>
        <Text as="h3" id={heading} weight="semibold" size={400}>
          {TITLE}
        </Text>
        <Loading label="Loading social value by theme from the annual report" lines={8} />
      </section>
    );
  }
  if (report.state === "failed") {
    return (
      <section aria-labelledby={heading}>
        <Text as="h3" id={heading} weight="semibold" size={400}>
          {TITLE}
        </Text>
        <Failed error={report.error} onRetry={report.retry} />
      </section>
    );
  }
  return <ThemeChart report={report.data} serviceArea={serviceArea} />;
}

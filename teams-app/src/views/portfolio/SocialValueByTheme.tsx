// Social value committed against delivered by theme, from the annual report (the last complete
// financial year). The report is slower than the portfolio, so it loads on its own, after it.
import { Link, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SocialValueReport } from "@toms/domain";
import { useId, useMemo, type ReactNode } from "react";
import { ROUTES } from "../../app/routes.js";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatMoney, formatNumber, percentDelivered } from "../../common/format.js";
import { Failed, Loading } from "../../common/states.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { MoneyBarChart, type MoneySeries } from "../shared/MoneyBarChart.js";
import { reportYearWords, socialValueByTheme } from "./portfolio-summary.js";

const useStyles = makeStyles({
  frame: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

const TITLE = "Social value by theme";
const SERIES: MoneySeries = [
  { key: "committed", legend: "Committed" },
  { key: "delivered", legend: "Delivered" },
];

function ThemeChart({ report, serviceArea }: { report: SocialValueReport; serviceArea: string | null }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const rows = useMemo(() => socialValueByTheme(report, serviceArea), [report, serviceArea]);
  const groups = useMemo(() => rows.map((r) => ({ name: r.theme, amounts: { committed: r.committed, delivered: r.delivered } })), [rows]);
  const whose = serviceArea === null ? "your contracts" : `your contracts in ${serviceArea}`;
  const reportLink = <Link href={`#${ROUTES.socialValue}?${new URLSearchParams({ year: String(report.year) })}`}>Open the {report.yearLabel} social value report</Link>;

  if (rows.length === 0) {
    return (
      <InPlaceOfTheChart>
        <Text>
          No social value was committed or delivered for {whose} in {reportYearWords(report)}.
        </Text>
        {reportLink}
      </InPlaceOfTheChart>
    );
  }

  const table = (
    <FigureTable label={`Social value by theme, ${report.yearLabel}`} columns={["Theme", { label: "Committed", numeric: true }, { label: "Delivered", numeric: true }, { label: "Delivered of committed", numeric: true }]}>
      {rows.map((r) => {
        const percent = percentDelivered(r);
        return (
          <TableRow key={r.theme} data-theme-name={r.theme}>
            <TableCell>{r.theme}</TableCell>
            <NumberCell data-field="committed" value={r.committed}>
              {formatMoney(r.committed, moneyLabel)}
            </NumberCell>
            <NumberCell data-field="delivered" value={r.delivered}>
              {formatMoney(r.delivered, moneyLabel)}
            </NumberCell>
            <NumberCell>{percent === null ? "Nothing committed" : `${formatNumber(percent)}%`}</NumberCell>
          </TableRow>
        );
      })}
    </FigureTable>
  );

  return (
    <div className={styles.frame}>
      <ChartOrTable
        title={TITLE}
        description={`Committed against delivered for ${whose}, ${reportYearWords(report)}, the last complete year.`}
        chart={<MoneyBarChart title={`${TITLE}, ${report.yearLabel}: committed against delivered`} groups={groups} series={SERIES} />}
        table={table}
      />
      {reportLink}
    </div>
  );
}

/** The chart's title and what stands in the chart's place: while the report loads, if it fails, or if it has nothing to draw. */
function InPlaceOfTheChart({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const heading = useId();
  return (
    <section className={styles.frame} aria-labelledby={heading}>
      <Text as="h3" id={heading} weight="semibold" size={400}>
        {TITLE}
      </Text>
      {children}
    </section>
  );
}

/** Loads the annual report once the portfolio is shown, with its own skeleton and its own failure. */
export function SocialValueByTheme({ serviceArea }: { serviceArea: string | null }) {
  const { client } = useTab();
  const report = useLoad(() => client.report({}), [client]);
  if (report.state === "ready") return <ThemeChart report={report.data} serviceArea={serviceArea} />;
  return <InPlaceOfTheChart>{report.state === "loading" ? <Loading label="Loading social value by theme from the annual report" lines={8} /> : <Failed error={report.error} onRetry={report.retry} />}</InPlaceOfTheChart>;
}

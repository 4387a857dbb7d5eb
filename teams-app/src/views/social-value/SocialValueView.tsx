// The annual social value report for the Cabinet Member: committed against delivered in a year,
// with the year before beside it, by theme, outcome, measure, contract, supplier or service area;
// and the report to download as the Cabinet workbook or as CSV.
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { GroupedVerticalBarChart, ResponsiveContainer, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { REPORT_GROUPS, ukDate, type ReportRow, type SocialValueReport, type YearType } from "@toms/domain";
import { useId, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatDateTime, formatMoney } from "../../common/format.js";
import { problemWords } from "../../common/problems.js";
import { Empty, Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { GROUP_NAMES, chartRows, deliveredShare, hasFigures, readQuery, writeQuery, yearOnYear, yearOptions, type ReportGroupKey, type SocialValueQuery } from "./social-value-model.js";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  controls: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  field: { minWidth: "140px", flex: "0 1 220px" },
  downloads: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  tiles: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(190px, 1fr))", gap: tokens.spacingHorizontalM },
  tile: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  scroll: { overflowX: "auto", minWidth: 0 },
  // Auto layout: the name column takes the room the figures leave, never squeezed to a sliver.
  table: { tableLayout: "auto", minWidth: "760px" },
  name: { minWidth: "220px" },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  // The charts' legends capitalise every word; the labels are written as they should read.
  legend: { textTransform: "none" },
});

const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

export default function SocialValueView() {
  const styles = useStyles();
  const { client } = useTab();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const report = useLoad(() => client.report({ yearType: query.yearType, ...(query.year !== undefined ? { year: query.year } : {}) }), [client, query.year, query.yearType]);
  const today = ukDate(new Date());
  // Without a year in the address the service chose one (the last complete year): the picker says which.
  const shownYear = query.year ?? (report.state === "ready" ? report.data.year : undefined);
  const change = (next: Partial<SocialValueQuery>) => setParams(writeQuery({ ...query, year: shownYear, ...next }), { replace: true });

  return (
    <div className={styles.page}>
      <Text as="h1" size={600} weight="semibold">
        Social value delivered
      </Text>
      <div className={styles.controls}>
        <Field label="Year" className={styles.field}>
          <Select value={shownYear === undefined ? "" : String(shownYear)} disabled={shownYear === undefined} onChange={(_, data) => change({ year: Number(data.value) })}>
            {shownYear === undefined && <option value="">The last complete year</option>}
            {yearOptions(today, query.yearType, shownYear).map((o) => (
              <option key={o.year} value={o.year}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Year runs" className={styles.field}>
          <Select value={query.yearType} onChange={(_, data) => change({ yearType: data.value as YearType })}>
            <option value="financial">April to March (financial year)</option>
            <option value="calendar">January to December</option>
          </Select>
        </Field>
      </div>
      {report.state === "loading" && <Loading label="Loading the social value report" tiles={4} lines={8} />}
      {report.state === "failed" && <Failed error={report.error} onRetry={report.retry} />}
      {report.state === "ready" && <Report report={report.data} group={query.group} onGroup={(group) => change({ group })} />}
    </div>
  );
}

function Report({ report, group, onGroup }: { report: SocialValueReport; group: ReportGroupKey; onGroup: (group: ReportGroupKey) => void }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const money = (amount: number) => formatMoney(amount, moneyLabel);
  const share = deliveredShare(report.totals.committed, report.totals.delivered);
  const previousShare = deliveredShare(report.totals.previousCommitted, report.totals.previousDelivered);
  return (
    <>
      <Text>
        {report.title}, with {report.previousYearLabel} beside it. Worked out {formatDateTime(report.generatedAt)}.
      </Text>
      {!hasFigures(report) ? (
        <Empty title={`No social value was reported for ${report.yearLabel} or ${report.previousYearLabel}`}>
          Pick another year above. Social value appears here once suppliers' updates on their commitments are accepted.
        </Empty>
      ) : (
        <>
          <Downloads report={report} />
          <section aria-label="Totals" className={styles.tiles}>
            <Tile label={`Committed ${report.yearLabel}`} value={report.totals.committed} testId="report-total-committed" shown={money(report.totals.committed)} />
            <Tile label={`Delivered ${report.yearLabel}`} value={report.totals.delivered} testId="report-total-delivered" shown={money(report.totals.delivered)} note={share === null ? undefined : `${share}% of committed`} />
            <Tile label={`Committed ${report.previousYearLabel}`} value={report.totals.previousCommitted} testId="report-total-previous-committed" shown={money(report.totals.previousCommitted)} />
            <Tile
              label={`Delivered ${report.previousYearLabel}`}
              value={report.totals.previousDelivered}
              testId="report-total-previous-delivered"
              shown={money(report.totals.previousDelivered)}
              note={previousShare === null ? undefined : `${previousShare}% of committed`}
            />
          </section>
          <Group report={report} group={group} onGroup={onGroup} />
        </>
      )}
    </>
  );
}

function Tile({ label, value, shown, testId, note }: { label: string; value: number; shown: string; testId: string; note?: string | undefined }) {
  const styles = useStyles();
  return (
    <div className={styles.tile}>
      <Text size={200}>{label}</Text>
      <Text size={500} weight="semibold" data-testid={testId} data-value={value}>
        {shown}
      </Text>
      {note && <Text size={200}>{note}</Text>}
    </div>
  );
}

function Downloads({ report }: { report: SocialValueReport }) {
  const styles = useStyles();
  const { client } = useTab();
  const [busy, setBusy] = useState<"xlsx" | "csv" | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function download(format: "xlsx" | "csv") {
    setBusy(format);
    setError(null);
    try {
      const { blob, fileName } = await client.reportFile({ format, year: report.year, yearType: report.yearType });
      const href = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement("a"), { href, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has the file once the click is handled; the address is freed after it.
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }
  const words = error ? problemWords(error) : null;
  return (
    <div className={styles.downloads}>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy !== null} onClick={() => void download("xlsx")}>
          {busy === "xlsx" ? "Preparing the workbook..." : `Download the Cabinet report (Excel, ${report.yearLabel})`}
        </Button>
        <Button disabled={busy !== null} onClick={() => void download("csv")}>
          {busy === "csv" ? "Preparing the CSV..." : "Download as CSV"}
        </Button>
      </div>
      {words && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            The report could not be downloaded. {words.title}: {words.detail}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function Group({ report, group, onGroup }: { report: SocialValueReport; group: ReportGroupKey; onGroup: (group: ReportGroupKey) => void }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const heading = useId();
  const rows = report[group];
  const names = GROUP_NAMES[group];
  const { shown, left } = useMemo(() => chartRows(rows), [rows]);
  const chartData = useMemo<GroupedVerticalBarChartData[]>(
    () =>
      shown.map((row) => ({
        name: row.label,
        series: [
          { key: "committed", legend: `Committed ${report.yearLabel}`, data: row.committed, yAxisCalloutData: formatMoney(row.committed, moneyLabel) },
          { key: "delivered", legend: `Delivered ${report.yearLabel}`, data: row.delivered, yAxisCalloutData: formatMoney(row.delivered, moneyLabel) },
          { key: "previousCommitted", legend: `Committed ${report.previousYearLabel}`, data: row.previousCommitted, yAxisCalloutData: formatMoney(row.previousCommitted, moneyLabel) },
          { key: "previousDelivered", legend: `Delivered ${report.previousYearLabel}`, data: row.previousDelivered, yAxisCalloutData: formatMoney(row.previousDelivered, moneyLabel) },
        ],
      })),
    [shown, report.yearLabel, report.previousYearLabel, moneyLabel],
  );
  const description = [
    `Amounts in ${moneyLabel.trim()}.`,
    left > 0 ? `The chart shows the ${shown.length} largest by committed value; the table has all ${rows.length}.` : "",
    group === "byOutcome" ? "A measure that serves several outcomes counts under each, so these rows can add up to more than the total." : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <section className={styles.panel} aria-labelledby={heading} data-testid="report-group" data-group={group}>
      <div className={styles.controls}>
        <Text as="h2" id={heading} size={500} weight="semibold">
          {names.heading}
        </Text>
        <Field label="Group by" className={styles.field}>
          <Select value={group} onChange={(_, data) => onGroup(data.value as ReportGroupKey)}>
            {REPORT_GROUPS.map((g) => (
              <option key={g.key} value={g.key}>
                {g.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {rows.length === 0 ? (
        <Empty title={`Nothing to show ${names.heading.toLowerCase()}`}>Pick another grouping or another year above.</Empty>
      ) : (
        <ChartOrTable
          title={`Committed and delivered ${names.heading.toLowerCase()}, ${report.yearLabel} and ${report.previousYearLabel}`}
          description={description}
          chart={
            <ResponsiveContainer height={340}>
              <GroupedVerticalBarChart
                data={chartData}
                culture="en-GB"
                yAxisTickFormat={(value: number) => compact.format(value)}
                hideLabels
                roundCorners
                barWidth="auto"
                maxBarWidth={32}
                margins={{ top: 20, bottom: 35, left: 56, right: 20 }}
                xAxis={{ tickLayout: "auto" }}
                legendProps={{ styles: { legend: styles.legend } }}
                chartTitle={`Committed and delivered ${names.heading.toLowerCase()}`}
              />
            </ResponsiveContainer>
          }
          table={<GroupTable report={report} rows={rows} column={names.column} />}
        />
      )}
    </section>
  );
}

function GroupTable({ report, rows, column }: { report: SocialValueReport; rows: ReportRow[]; column: string }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const money = (amount: number) => formatMoney(amount, moneyLabel);
  const label = `${column}: committed and delivered, ${report.yearLabel} and ${report.previousYearLabel}`;
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label={label}>
      <Table className={styles.table} aria-label={label} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.name}>{column}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Committed {report.yearLabel}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered {report.yearLabel}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered of committed</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Committed {report.previousYearLabel}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered {report.previousYearLabel}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Delivered, change on {report.previousYearLabel}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const share = deliveredShare(row.committed, row.delivered);
            const { change, percent } = yearOnYear(row);
            return (
              <TableRow key={row.key} data-testid="report-row" data-key={row.key}>
                <TableCell>{row.label}</TableCell>
                <TableCell className={styles.number} data-value={row.committed}>
                  {money(row.committed)}
                </TableCell>
                <TableCell className={styles.number} data-value={row.delivered}>
                  {money(row.delivered)}
                </TableCell>
                <TableCell className={styles.number}>{share === null ? "Nothing committed" : `${share}%`}</TableCell>
                <TableCell className={styles.number} data-value={row.previousCommitted}>
                  {money(row.previousCommitted)}
                </TableCell>
                <TableCell className={styles.number} data-value={row.previousDelivered}>
                  {money(row.previousDelivered)}
                </TableCell>
                <TableCell className={styles.number}>
                  {change === 0 ? "No change" : `${change > 0 ? "+" : ""}${money(change)}`}
                  {percent !== null && change !== 0 ? ` (${percent > 0 ? "+" : "−"}${Math.abs(percent)}%)` : ""}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

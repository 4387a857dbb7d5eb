// The annual social value report for the Cabinet Member: committed against delivered in a year,
// with the year before beside it, by theme, outcome, measure, contract, supplier or service area;
// and the report to download as the Cabinet workbook or as CSV.
import { Button, Field, MessageBar, MessageBarBody, Select, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { REPORT_GROUPS, ukDate, type ReportRow, type SocialValueReport, type YearType } from "@toms/domain";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatDateTime, formatMoney, formatNumber, percentDelivered } from "../../common/format.js";
import { Page, PageSection } from "../../common/page.js";
import { problemWords } from "../../common/problems.js";
import { saveFile } from "../../common/save-file.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useTab } from "../../common/tab-context.js";
import { Figure, Tile, TileNote, Tiles } from "../../common/tiles.js";
import { useLoad } from "../../common/use-load.js";
import { MoneyBarChart, type MoneySeries } from "../shared/MoneyBarChart.js";
import { GROUP_NAMES, chartRows, hasFigures, readQuery, writeQuery, yearOnYear, yearOptions, type ReportGroupKey, type SocialValueQuery } from "./social-value-model.js";

const useStyles = makeStyles({
  controls: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  field: { minWidth: "140px", flex: "0 1 220px" },
  downloads: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

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
    <Page title="Social value delivered">
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
      <WhenLoaded loaded={report} label="Loading the social value report" tiles={4} lines={8}>
        {(data) => <Report report={data} group={query.group} onGroup={(group) => change({ group })} />}
      </WhenLoaded>
    </Page>
  );
}

function Report({ report, group, onGroup }: { report: SocialValueReport; group: ReportGroupKey; onGroup: (group: ReportGroupKey) => void }) {
  const { moneyLabel } = useTab();
  const { totals } = report;
  const tiles = [
    { title: `Committed ${report.yearLabel}`, testId: "report-total-committed", amount: totals.committed },
    { title: `Delivered ${report.yearLabel}`, testId: "report-total-delivered", amount: totals.delivered, share: percentDelivered(totals) },
    { title: `Committed ${report.previousYearLabel}`, testId: "report-total-previous-committed", amount: totals.previousCommitted },
    { title: `Delivered ${report.previousYearLabel}`, testId: "report-total-previous-delivered", amount: totals.previousDelivered, share: percentDelivered({ committed: totals.previousCommitted, delivered: totals.previousDelivered }) },
  ];
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
          <Tiles label="Totals">
            {tiles.map((t) => (
              <Tile key={t.testId} title={t.title}>
                <Figure kind="money" testId={t.testId} value={t.amount}>
                  {formatMoney(t.amount, moneyLabel)}
                </Figure>
                {t.share !== undefined && t.share !== null && <TileNote>{formatNumber(t.share)}% of committed</TileNote>}
              </Tile>
            ))}
          </Tiles>
          <Group report={report} group={group} onGroup={onGroup} />
        </>
      )}
    </>
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
      saveFile(href, fileName);
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
  const rows = report[group];
  const names = GROUP_NAMES[group];
  const { shown, left } = useMemo(() => chartRows(rows), [rows]);
  const groups = useMemo(() => shown.map((row) => ({ name: row.label, amounts: row })), [shown]);
  const series = useMemo<MoneySeries>(
    () => [
      { key: "committed", legend: `Committed ${report.yearLabel}` },
      { key: "delivered", legend: `Delivered ${report.yearLabel}` },
      { key: "previousCommitted", legend: `Committed ${report.previousYearLabel}` },
      { key: "previousDelivered", legend: `Delivered ${report.previousYearLabel}` },
    ],
    [report.yearLabel, report.previousYearLabel],
  );
  const heading = names.heading.toLowerCase();
  const description = [
    `Amounts in ${moneyLabel.trim()}.`,
    left > 0 ? `The chart shows the ${shown.length} largest by committed value; the table has all ${rows.length}.` : "",
    group === "byOutcome" ? "A measure that serves several outcomes counts under each, so these rows can add up to more than the total." : "",
  ]
    .filter(Boolean)
    .join(" ");
  const choice = (
    <Field label="Group by" className={styles.field}>
      <Select value={group} onChange={(_, data) => onGroup(data.value as ReportGroupKey)}>
        {REPORT_GROUPS.map((g) => (
          <option key={g.key} value={g.key}>
            {g.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <PageSection title={names.heading} actions={choice} data-testid="report-group" data-group={group}>
      {rows.length === 0 ? (
        <Empty title={`Nothing to show ${heading}`}>Pick another grouping or another year above.</Empty>
      ) : (
        <ChartOrTable
          title={`Committed and delivered ${heading}, ${report.yearLabel} and ${report.previousYearLabel}`}
          description={description}
          chart={<MoneyBarChart title={`Committed and delivered ${heading}`} groups={groups} series={series} />}
          table={<GroupTable report={report} rows={rows} column={names.column} />}
        />
      )}
    </PageSection>
  );
}

function GroupTable({ report, rows, column }: { report: SocialValueReport; rows: ReportRow[]; column: string }) {
  const { moneyLabel } = useTab();
  const money = (amount: number) => formatMoney(amount, moneyLabel);
  return (
    <FigureTable
      label={`${column}: committed and delivered, ${report.yearLabel} and ${report.previousYearLabel}`}
      minWidth="760px"
      columns={[
        { label: column, wide: true },
        { label: `Committed ${report.yearLabel}`, numeric: true },
        { label: `Delivered ${report.yearLabel}`, numeric: true },
        { label: "Delivered of committed", numeric: true },
        { label: `Committed ${report.previousYearLabel}`, numeric: true },
        { label: `Delivered ${report.previousYearLabel}`, numeric: true },
        { label: `Delivered, change on ${report.previousYearLabel}`, numeric: true },
      ]}
    >
      {rows.map((row) => {
        const share = percentDelivered(row);
        const { change, percent } = yearOnYear(row);
        return (
          <TableRow key={row.key} data-testid="report-row" data-key={row.key}>
            <TableCell>{row.label}</TableCell>
            <NumberCell value={row.committed}>{money(row.committed)}</NumberCell>
            <NumberCell value={row.delivered}>{money(row.delivered)}</NumberCell>
            <NumberCell>{share === null ? "Nothing committed" : `${formatNumber(share)}%`}</NumberCell>
            <NumberCell value={row.previousCommitted}>{money(row.previousCommitted)}</NumberCell>
            <NumberCell value={row.previousDelivered}>{money(row.previousDelivered)}</NumberCell>
            <NumberCell>
              {change === 0 ? "No change" : `${change > 0 ? "+" : ""}${money(change)}`}
              {percent !== null && change !== 0 ? ` (${percent > 0 ? "+" : "−"}${Math.abs(percent)}%)` : ""}
            </NumberCell>
          </TableRow>
        );
      })}
    </FigureTable>
  );
}

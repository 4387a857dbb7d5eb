// Section 1: each KPI (and each social value commitment tracked like one) against its target over
// time, with its current rating, as a chart with a table of the same figures.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useId } from "react";
import type { ContractDashboard } from "@toms/client";
import type { KpiRecord, OwedUpdate } from "@toms/domain";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { Empty } from "../../common/states.js";
import { KpiChart } from "./KpiChart.js";
import { begunPeriods, directionWords, owedFor, periodStatusWords, toleranceBandWords, withUnit } from "./kpi-words.js";
import { periodLabel } from "./period-label.js";
import { RatingBadge, ScrollTable } from "./parts.js";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  kpi: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  table: { minWidth: "640px" },
});

type DashboardKpi = ContractDashboard["kpis"][number];

const FREQUENCY = { monthly: "monthly", quarterly: "quarterly", annual: "yearly" } as const;

function reporterWords(kpi: KpiRecord): string {
  return kpi.reporter === "supplier" ? "reported by the supplier, reviewed by the contract manager" : "reported by the council";
}

export function KpisSection({ dashboard }: { dashboard: ContractDashboard }) {
  const styles = useStyles();
  const kpis = dashboard.kpis.filter((k) => k.kpi.kind === "kpi");
  const commitments = dashboard.kpis.filter((k) => k.kpi.kind === "social-value");
  return (
    <div className={styles.list}>
      {kpis.length === 0 && (
        <Empty title="No KPIs yet">
          You or a procurement officer can add this contract's KPIs, one by one or from the KPI template library (waste, facilities management, social care, construction, highways, ICT).
          {dashboard.contract.kpisRequired ? " The contract is worth over £5m, so the Procurement Act 2023 (s.52) needs at least 3." : ""}
        </Empty>
      )}
      {kpis.map((k) => (
        <KpiCard key={k.kpi.id} item={k} owed={dashboard.owed} />
      ))}
      {commitments.length > 0 && (
        <Text>
          Social value commitments are tracked like KPIs: the target of each period is the committed quantity spread evenly over the contract's periods.
        </Text>
      )}
      {commitments.map((k) => (
        <KpiCard key={k.kpi.id} item={k} owed={dashboard.owed} />
      ))}
    </div>
  );
}

function KpiCard({ item, owed }: { item: DashboardKpi; owed: readonly OwedUpdate[] }) {
  const styles = useStyles();
  const heading = useId();
  const { kpi, currentRating } = item;
  const shown = begunPeriods(item.periods);
  const now = shown.at(-1) ?? item.periods[0];
  const toCome = item.periods.length - shown.length;
  const kind = kpi.kind === "social-value" ? `Social value commitment${kpi.commitment ? ` (${kpi.commitment.measure})` : ""}` : "KPI";
  return (
    <section className={styles.kpi} aria-labelledby={heading} data-testid={`kpi-${kpi.id}`}>
      <Text as="h3" id={heading} size={400} weight="semibold">
        {kpi.title}
      </Text>
      <div className={styles.line}>
        <Text>Current rating:</Text>
        <span data-testid="kpi-rating" data-rating={currentRating ?? "none"}>
          <RatingBadge rating={currentRating} />
        </span>
      </div>
      <Text>
        {kind}, {FREQUENCY[kpi.frequency]}, {reporterWords(kpi)}. <strong>{directionWords(kpi.direction)}.</strong>
        {now && (
          <>
            {" "}
            Target <span data-value={now.target}>{withUnit(now.target, kpi.unit)}</span>; within one tolerance ({withUnit(now.tolerance, kpi.unit)}) of it, from{" "}
            {toleranceBandWords(kpi.direction, now.target, now.tolerance, kpi.unit)}, is "Approaching target".
          </>
        )}
      </Text>
      {kpi.description && <Text size={200}>{kpi.description}</Text>}
      {shown.length === 0 ? (
        <Text>{item.periods[0] ? `Its first period, ${periodLabel(item.periods[0].period)}, has not begun yet.` : "It has no periods within the contract's term."}</Text>
      ) : (
        <ChartOrTable
          title={`${kpi.title}: value against target`}
          description={`${directionWords(kpi.direction)}. ${shown.length} ${shown.length === 1 ? "period has" : "periods have"} begun${toCome > 0 ? `; ${toCome} more to come by the end of the contract` : ""}.`}
          chart={<KpiChart title={`${kpi.title}: accepted value, target and tolerance by period`} periods={shown} direction={kpi.direction} unit={kpi.unit} />}
          table={<PeriodTable item={item} owed={owed} />}
        />
      )}
    </section>
  );
}

function PeriodTable({ item, owed }: { item: DashboardKpi; owed: readonly OwedUpdate[] }) {
  const styles = useStyles();
  const { kpi } = item;
  const rows = [...begunPeriods(item.periods)].reverse();
  return (
    <ScrollTable label={`${kpi.title}: periods, newest first`} tall>
      <Table size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Period</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Approaching target</TableHeaderCell>
            <TableHeaderCell>Accepted value</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Rating</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((p) => (
            <TableRow key={p.period}>
              <TableCell>{periodLabel(p.period)}</TableCell>
              <TableCell data-value={p.target}>{withUnit(p.target, kpi.unit)}</TableCell>
              <TableCell>{toleranceBandWords(kpi.direction, p.target, p.tolerance, kpi.unit)}</TableCell>
              <TableCell data-value={p.value ?? ""}>{p.value === undefined ? "None" : withUnit(p.value, kpi.unit)}</TableCell>
              <TableCell>{periodStatusWords(p, owedFor(owed, kpi.id, p.period))}</TableCell>
              <TableCell data-rating={p.rating}>
                <RatingBadge rating={p.rating} size="small" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

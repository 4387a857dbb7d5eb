// Section 1: each KPI (and each social value commitment tracked like one) against its target over
// time, with its current rating, as a chart with a table of the same figures; for the contract
// manager, the buttons to add KPIs (one, or a template's) and to change each KPI's target.
import { TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ContractDashboard } from "@toms/client";
import { KPI_MINIMUM, periodLabel, type KpiRecord, type OwedUpdate } from "@toms/domain";
import { useId, useState } from "react";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { RatingBadge } from "../../common/rating-parts.js";
import { Empty } from "../../common/states.js";
import { FigureTable } from "../../common/table.js";
import { ChangeTarget } from "./ChangeTarget.js";
import { KpiActions } from "./KpiActions.js";
import { KpiChart } from "./KpiChart.js";
import { begunPeriods, directionWords, frequencyWords, KPI_THRESHOLD_WORDS, owedFor, periodStatusWords, toleranceBandWords, withUnit } from "./kpi-words.js";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  kpi: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, paddingTop: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

type DashboardKpi = ContractDashboard["kpis"][number];

function reporterWords(kpi: KpiRecord): string {
  return kpi.reporter === "supplier" ? "reported by the supplier, reviewed by the contract manager" : "reported by the council";
}

interface SectionProps {
  dashboard: ContractDashboard;
  /** Offered the buttons that set KPIs (the service decides anyway). */
  manager: boolean;
  /** Reads the contract again after a change, so that its charts, ratings and findings follow. */
  onChanged: () => void;
  announce: (words: string) => void;
}

export function KpisSection({ dashboard, manager, onChanged, announce }: SectionProps) {
  const styles = useStyles();
  const kpis = dashboard.kpis.filter((k) => k.kpi.kind === "kpi");
  const commitments = dashboard.kpis.filter((k) => k.kpi.kind === "social-value");
  return (
    <div className={styles.list}>
      {manager && <KpiActions contractId={dashboard.contract.id} onChanged={onChanged} announce={announce} />}
      {kpis.length === 0 && (
        <Empty title="No KPIs yet">
          {manager
            ? 'Add this contract\'s KPIs with "Add a KPI", one by one, or with "Add KPIs from a template", a set from the library (waste, facilities management, social care, construction, highways, ICT). You can change each target afterwards.'
            : "The contract manager or a procurement officer adds this contract's KPIs, one by one or from the KPI template library."}
          {dashboard.contract.kpisRequired ? ` The contract is worth over ${KPI_THRESHOLD_WORDS}, so the Procurement Act 2023 (s.52) needs at least ${KPI_MINIMUM}.` : ""}
        </Empty>
      )}
      {kpis.map((k) => (
        <KpiCard key={k.kpi.id} item={k} owed={dashboard.owed} manager={manager} onChanged={onChanged} announce={announce} />
      ))}
      {commitments.length > 0 && (
        <Text>
          Social value commitments are tracked like KPIs: the target of each period is the committed quantity spread evenly over the contract's periods.
        </Text>
      )}
      {commitments.map((k) => (
        <KpiCard key={k.kpi.id} item={k} owed={dashboard.owed} manager={false} onChanged={onChanged} announce={announce} />
      ))}
    </div>
  );
}

interface CardProps {
  item: DashboardKpi;
  owed: readonly OwedUpdate[];
  /** Offered "Change the target" (never on a commitment: its target is the commitment spread over the term). */
  manager: boolean;
  onChanged: () => void;
  announce: (words: string) => void;
}

function KpiCard({ item, owed, manager, onChanged, announce }: CardProps) {
  const styles = useStyles();
  const [done, setDone] = useState<string>();
  const heading = useId();
  const { kpi, currentRating } = item;
  const shown = begunPeriods(item.periods);
  const now = shown.at(-1) ?? item.periods[0];
  const toCome = item.periods.length - shown.length;
  const kind = kpi.kind === "social-value" ? `Social value commitment${kpi.commitment ? ` (${kpi.commitment.measure})` : ""}` : "KPI";
  return (
    <section className={styles.kpi} aria-labelledby={heading} data-testid={`kpi-${kpi.id}`}>
      <div className={styles.head}>
        <Text as="h3" id={heading} size={400} weight="semibold">
          {kpi.title}
        </Text>
        {manager && kpi.kind === "kpi" && (
          <ChangeTarget
            item={item}
            onChanged={onChanged}
            onDone={(words) => {
              setDone(words);
              announce(words);
              onChanged();
            }}
          />
        )}
      </div>
      {manager && kpi.kind === "kpi" && <div role="status">{done && <Text>{done}</Text>}</div>}
      <div className={styles.line}>
        <Text>Current rating:</Text>
        <span data-testid="kpi-rating" data-rating={currentRating ?? "none"}>
          <RatingBadge rating={currentRating} />
        </span>
      </div>
      <Text>
        {kind}, {frequencyWords(kpi.frequency).toLowerCase()}, {reporterWords(kpi)}. <strong>{directionWords(kpi.direction)}.</strong>
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
          level={4}
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
  const { kpi } = item;
  const rows = [...begunPeriods(item.periods)].reverse();
  return (
    <FigureTable label={`${kpi.title}: periods, newest first`} tall minWidth="640px" columns={["Period", "Target", "Approaching target", "Accepted value", "Status", "Rating"]}>
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
    </FigureTable>
  );
}

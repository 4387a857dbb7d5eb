// A supplier's scorecard across the contracts the manager may see: how many, their KPIs by current
// rating, updates overdue, social value committed against delivered, the ratings quarter by
// quarter, and each contract.
import {
  Link,
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
import { DataVizPalette, ResponsiveContainer, VerticalStackedBarChart, getColorFromToken, type VerticalStackedChartProps } from "@fluentui/react-charts";
import { RATINGS, periodLabel, type RatingId, type SupplierScorecard } from "@toms/domain";
import { useId, useMemo, type ReactNode } from "react";
import { useParams } from "react-router";
import { ROUTES } from "../../app/routes.js";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatMoney, formatNumber, ratingLabel } from "../../common/format.js";
import { Empty, Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { hasRatingsOverTime, ratingStacks, ratingSummary, supplierNameOf, totalOf } from "./supplier-model.js";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, minWidth: 0 },
  heading: { margin: 0, overflowWrap: "anywhere" },
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
  ratingList: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", fontSize: tokens.fontSizeBase200 },
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
  table: { tableLayout: "auto", minWidth: "720px" },
  wide: { minWidth: "200px" },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  // The charts' legends capitalise every word; the ratings' statutory names are in sentence case.
  legend: { textTransform: "none" },
});

/** Each rating's colour in the charts: Teams' data-visualisation palette, good to inadequate from green to dark red. */
const RATING_COLOURS: Record<RatingId, string> = {
  good: DataVizPalette.success,
  approachingTarget: DataVizPalette.warning,
  requiresImprovement: DataVizPalette.error,
  inadequate: DataVizPalette.highError,
  other: DataVizPalette.disabled,
};

export default function SupplierView() {
  const styles = useStyles();
  const { supplierId = "" } = useParams();
  const { client } = useTab();
  const scorecard = useLoad(() => client.supplierScorecard(supplierId), [client, supplierId]);
  const name = scorecard.state === "ready" ? supplierNameOf(scorecard.data) : null;
  return (
    <div className={styles.page}>
      <Text as="h1" size={600} weight="semibold" className={styles.heading}>
        {name ?? "Supplier scorecard"}
      </Text>
      {scorecard.state === "loading" && <Loading label="Loading the supplier's scorecard" tiles={5} lines={8} />}
      {scorecard.state === "failed" && <Failed error={scorecard.error} onRetry={scorecard.retry} />}
      {scorecard.state === "ready" && <Scorecard scorecard={scorecard.data} named={name !== null} />}
    </div>
  );
}

function Scorecard({ scorecard, named }: { scorecard: SupplierScorecard; named: boolean }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const money = (amount: number) => formatMoney(amount, moneyLabel);
  const kpis = totalOf(scorecard.ratings);
  const { committed, delivered } = scorecard.socialValue;
  // Its name comes with its contracts: with none to show, the page names no one.
  if (scorecard.contracts === 0) {
    return (
      <Empty title="You have no contracts with this supplier">
        A supplier's scorecard covers the contracts of theirs you can see. <Link href={`#${ROUTES.portfolio}`}>Open your portfolio</Link> to find a contract and its supplier.
      </Empty>
    );
  }
  return (
    <>
      <Text>
        {named ? "" : `Supplier ${scorecard.supplierId}. `}Across the {scorecard.contracts === 1 ? "contract" : `${scorecard.contracts} contracts`} with this supplier that you can see.
      </Text>
      <section aria-label="Scorecard" className={styles.tiles}>
        <Tile label="Contracts" testId="scorecard-contracts" value={scorecard.contracts} shown={formatNumber(scorecard.contracts)} />
        <Tile label="KPIs by current rating" testId="scorecard-ratings" value={kpis} shown={kpis === 0 ? "None yet" : `${formatNumber(kpis)} ${kpis === 1 ? "KPI" : "KPIs"}`}>
          {kpis > 0 && (
            <ul className={styles.ratingList}>
              {RATINGS.filter((r) => scorecard.ratings[r.id] > 0).map((r) => (
                <li key={r.id}>
                  <span data-rating={r.id} data-value={scorecard.ratings[r.id]}>
                    {scorecard.ratings[r.id]}
                  </span>{" "}
                  {r.label}
                </li>
              ))}
            </ul>
          )}
        </Tile>
        <Tile label="Updates overdue" testId="scorecard-overdue" value={scorecard.overdueUpdates} shown={formatNumber(scorecard.overdueUpdates)} />
        <Tile label="Assessments due" testId="scorecard-assessments-due" value={scorecard.assessmentsDue} shown={formatNumber(scorecard.assessmentsDue)} />
        <Tile label="Social value committed" testId="scorecard-committed" value={committed} shown={money(committed)} />
        <Tile label="Social value delivered" testId="scorecard-delivered" value={delivered} shown={money(delivered)}>
          {committed > 0 && <Text size={200}>{Math.round((delivered / committed) * 100)}% of committed</Text>}
        </Tile>
      </section>
      <RatingsOverTime scorecard={scorecard} />
      <Contracts scorecard={scorecard} />
    </>
  );
}

function Tile({ label, value, shown, testId, children }: { label: string; value: number; shown: string; testId: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.tile} data-testid={testId}>
      <Text size={200}>{label}</Text>
      <Text size={500} weight="semibold" data-value={value}>
        {shown}
      </Text>
      {children}
    </div>
  );
}

function RatingsOverTime({ scorecard }: { scorecard: SupplierScorecard }) {
  const styles = useStyles();
  const { host } = useTab();
  const heading = useId();
  const stacks = useMemo(() => ratingStacks(scorecard.ratingsOverTime), [scorecard.ratingsOverTime]);
  const dark = host.theme() === "dark";
  const data = useMemo<VerticalStackedChartProps[]>(
    () =>
      stacks.map((stack) => ({
        xAxisPoint: stack.label,
        xAxisCalloutData: periodLabel(stack.quarter),
        chartData: stack.parts.map((part) => ({ legend: part.label, data: part.count, color: getColorFromToken(RATING_COLOURS[part.rating], dark) })),
      })),
    [stacks, dark],
  );
  const first = scorecard.ratingsOverTime[0]?.quarter;
  const last = scorecard.ratingsOverTime.at(-1)?.quarter;
  return (
    <section className={styles.panel} aria-labelledby={heading}>
      <Text as="h2" id={heading} size={500} weight="semibold">
        Ratings over time
      </Text>
      {!hasRatingsOverTime(scorecard.ratingsOverTime) ? (
        <Empty title="No KPI period has been rated in the last two years">Ratings appear here once the supplier's updates are accepted, or their periods fall due.</Empty>
      ) : (
        <ChartOrTable
          title="KPI periods by rating, quarter by quarter"
          description={`Each KPI period is counted in the quarter it ended in, ${first ? periodLabel(first) : ""} to ${last ? periodLabel(last) : ""}.`}
          chart={
            <ResponsiveContainer height={320}>
              <VerticalStackedBarChart data={data} culture="en-GB" hideLabels roundCorners barWidth="auto" maxBarWidth={40} xAxis={{ tickLayout: "auto" }} legendProps={{ styles: { legend: styles.legend } }} chartTitle="KPI periods by rating, quarter by quarter" />
            </ResponsiveContainer>
          }
          table={
            <div className={styles.scroll} tabIndex={0} role="region" aria-label="KPI periods by rating, quarter by quarter">
              <Table size="small" className={styles.table} aria-label="KPI periods by rating, quarter by quarter">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell className={styles.wide}>Quarter</TableHeaderCell>
                    {RATINGS.map((r) => (
                      <TableHeaderCell key={r.id} className={styles.number}>
                        {r.label}
                      </TableHeaderCell>
                    ))}
                    <TableHeaderCell className={styles.number}>All periods</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {scorecard.ratingsOverTime.map((q) => (
                    <TableRow key={q.quarter} data-quarter={q.quarter}>
                      <TableCell>{periodLabel(q.quarter)}</TableCell>
                      {RATINGS.map((r) => (
                        <TableCell key={r.id} className={styles.number} data-rating={r.id} data-value={q.ratings[r.id]}>
                          {q.ratings[r.id]}
                        </TableCell>
                      ))}
                      <TableCell className={styles.number}>{totalOf(q.ratings)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          }
        />
      )}
    </section>
  );
}

function Contracts({ scorecard }: { scorecard: SupplierScorecard }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const heading = useId();
  return (
    <section className={styles.panel} aria-labelledby={heading}>
      <Text as="h2" id={heading} size={500} weight="semibold">
        Contracts
      </Text>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="The supplier's contracts">
        <Table size="small" className={styles.table} aria-label="The supplier's contracts" data-testid="scorecard-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.wide}>Contract</TableHeaderCell>
              <TableHeaderCell>Service area</TableHeaderCell>
              <TableHeaderCell>Worst current rating</TableHeaderCell>
              <TableHeaderCell>KPIs by rating</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Updates overdue</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Reviews waiting</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Committed</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Delivered</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {scorecard.byContract.map((c) => (
              <TableRow key={c.contractId} data-contract-id={c.contractId}>
                <TableCell>
                  <Link href={`#${ROUTES.contract(c.contractId)}`}>
                    {c.reference} {c.title}
                  </Link>
                </TableCell>
                <TableCell>{c.serviceArea}</TableCell>
                <TableCell data-value={c.rating ?? ""}>{ratingLabel(c.rating)}</TableCell>
                <TableCell>{ratingSummary(c.ratings)}</TableCell>
                <TableCell className={styles.number} data-value={c.overdueUpdates}>
                  {formatNumber(c.overdueUpdates)}
                </TableCell>
                <TableCell className={styles.number} data-value={c.reviewsWaiting}>
                  {formatNumber(c.reviewsWaiting)}
                </TableCell>
                <TableCell className={styles.number} data-value={c.socialValue.committed}>
                  {formatMoney(c.socialValue.committed, moneyLabel)}
                </TableCell>
                <TableCell className={styles.number} data-value={c.socialValue.delivered}>
                  {formatMoney(c.socialValue.delivered, moneyLabel)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

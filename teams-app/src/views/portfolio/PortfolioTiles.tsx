// The portfolio's tiles: contracts, KPIs by rating, updates overdue, assessments due, and social
// value delivered against committed. Each figure carries the service's own number in data-value.
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ASSESSMENT_WARNING_DAYS, RATINGS, type PortfolioTotals } from "@toms/domain";
import type { ReactNode } from "react";
import { ROUTES } from "../../app/routes.js";
import { formatMoney, formatNumber } from "../../common/format.js";
import { useTab } from "../../common/tab-context.js";
import { RATING_COLOURS } from "./chart-colours.js";
import { percentDelivered, ratedCount } from "./portfolio-summary.js";
import { useChartTheme } from "./use-chart-theme.js";

const useStyles = makeStyles({
  // One column at Teams' 320 px side panel; as many as fit beside each other above that.
  tiles: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 13rem), 1fr))", gap: tokens.spacingHorizontalM, margin: 0, padding: 0 },
  tile: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  figure: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  ratings: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  rating: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  ratingName: { flexGrow: 1 },
  swatch: { width: "10px", height: "10px", borderRadius: tokens.borderRadiusCircular, flexShrink: 0, outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  count: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  money: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
});

function Tile({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <li className={styles.tile} data-tile={name}>
      <Text as="h3" size={300} weight="semibold">
        {title}
      </Text>
      {children}
    </li>
  );
}

export function PortfolioTiles({ totals }: { totals: PortfolioTotals }) {
  const styles = useStyles();
  const { moneyLabel } = useTab();
  const colours = RATING_COLOURS[useChartTheme()];
  const percent = percentDelivered(totals.socialValue);
  const kpis = ratedCount(totals.ratings);
  return (
    <ul className={styles.tiles} data-testid="portfolio-tiles">
      <Tile name="contracts" title="Contracts">
        <span className={styles.figure} data-value={totals.contracts}>
          {formatNumber(totals.contracts)}
        </span>
      </Tile>

      <Tile name="ratings" title="KPIs by current rating">
        <ul className={styles.ratings} aria-label={`${formatNumber(kpis)} ${kpis === 1 ? "KPI" : "KPIs"} by current rating`}>
          {RATINGS.map((r) => (
            <li key={r.id} className={styles.rating}>
              <span aria-hidden className={styles.swatch} style={{ backgroundColor: colours[r.id] }} />
              <Text className={styles.ratingName}>{r.label}</Text>
              <span className={styles.count} data-rating={r.id} data-value={totals.ratings[r.id]}>
                {formatNumber(totals.ratings[r.id])}
              </span>
            </li>
          ))}
        </ul>
      </Tile>

      <Tile name="overdueUpdates" title="Updates overdue">
        <span className={styles.figure} data-value={totals.overdueUpdates}>
          {formatNumber(totals.overdueUpdates)}
        </span>
        <Text size={200}>Not sent by their due date.</Text>
        {totals.overdueUpdates > 0 && <Link href={`#${ROUTES.overdue}`}>See who owes what</Link>}
      </Tile>

      <Tile name="assessmentsDue" title="Assessments due">
        <span className={styles.figure} data-value={totals.assessmentsDue}>
          {formatNumber(totals.assessmentsDue)}
        </span>
        <Text size={200}>Due within {ASSESSMENT_WARNING_DAYS} days, or past their due date.</Text>
      </Tile>

      <Tile name="socialValue" title="Social value">
        <span className={styles.money} data-field="delivered" data-value={totals.socialValue.delivered}>
          {formatMoney(totals.socialValue.delivered, moneyLabel)}
        </span>
        <Text size={200}>
          delivered of <span data-field="committed" data-value={totals.socialValue.committed}>{formatMoney(totals.socialValue.committed, moneyLabel)}</span> committed over the contracts&rsquo; terms
        </Text>
        <Text weight="semibold">{percent === null ? "Nothing committed yet" : `${formatNumber(percent)}% delivered`}</Text>
      </Tile>
    </ul>
  );
}

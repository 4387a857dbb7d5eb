// A statutory rating as the views show it: as a badge, as its name beside its chart colour, and
// the KPIs counted by rating. The name, never the colour alone, carries the meaning.
import { Badge, Text, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import { RATINGS, type RatingCounts, type RatingId } from "@toms/domain";
import { formatNumber } from "./format.js";
import { kpiWords, ratedCount, ratingLabel } from "./ratings.js";
import { useChartColours } from "./use-chart-theme.js";

const useStyles = makeStyles({
  name: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS, whiteSpace: "nowrap" },
  swatch: { width: "10px", height: "10px", borderRadius: tokens.borderRadiusCircular, flexShrink: 0, outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  label: { flexGrow: 1 },
  count: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
});

const BADGE_COLOURS: Record<RatingId, BadgeProps["color"]> = {
  good: "success",
  approachingTarget: "warning",
  requiresImprovement: "severe",
  inadequate: "danger",
  other: "informative",
};

/** A rating as a badge with its label. */
export function RatingBadge({ rating, size = "medium" }: { rating: RatingId | null | undefined; size?: BadgeProps["size"] }) {
  return (
    <Badge appearance="tint" shape="rounded" size={size} color={rating ? BADGE_COLOURS[rating] : "subtle"}>
      {ratingLabel(rating)}
    </Badge>
  );
}

/** A rating's colour in the charts, as a small dot beside its name. */
function Swatch({ rating }: { rating: RatingId }) {
  const styles = useStyles();
  const { ratings } = useChartColours();
  return <span aria-hidden className={styles.swatch} style={{ backgroundColor: ratings[rating] }} />;
}

/** A rating's name with its chart colour beside it (as a table cell shows it); "Not yet rated" for none. */
export function RatingName({ rating }: { rating: RatingId | null | undefined }) {
  const styles = useStyles();
  return (
    <span className={styles.name}>
      {rating && <Swatch rating={rating} />}
      {ratingLabel(rating)}
    </span>
  );
}

/**
 * The KPIs counted by rating, best first, each count with its raw number in data-value and its
 * rating in data-rating: every rating, or (`onlyRated`) those with a KPI.
 */
export function RatingCountList({ ratings, onlyRated = false }: { ratings: Readonly<RatingCounts>; onlyRated?: boolean }) {
  const styles = useStyles();
  const shown = onlyRated ? RATINGS.filter((r) => ratings[r.id] > 0) : RATINGS;
  return (
    <ul className={styles.list} aria-label={`${kpiWords(ratedCount(ratings))} by current rating`}>
      {shown.map((r) => (
        <li key={r.id} className={styles.item}>
          <Swatch rating={r.id} />
          <Text className={styles.label}>{r.label}</Text>
          <span className={styles.count} data-rating={r.id} data-value={ratings[r.id]}>
            {formatNumber(ratings[r.id])}
          </span>
        </li>
      ))}
    </ul>
  );
}

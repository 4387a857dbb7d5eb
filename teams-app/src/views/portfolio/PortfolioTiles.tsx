// The portfolio's tiles: contracts, KPIs by rating, updates overdue, assessments due, and social
// value delivered against committed. Each figure carries the service's own number in data-value.
import { Link, Text } from "@fluentui/react-components";
import { ASSESSMENT_WARNING_DAYS, type PortfolioTotals } from "@toms/domain";
import { ROUTES } from "../../app/routes.js";
import { formatMoney, formatNumber, percentDelivered } from "../../common/format.js";
import { RatingCountList } from "../../common/rating-parts.js";
import { useTab } from "../../common/tab-context.js";
import { Figure, Tile, TileNote, Tiles } from "../../common/tiles.js";

export function PortfolioTiles({ totals }: { totals: PortfolioTotals }) {
  const { moneyLabel } = useTab();
  const percent = percentDelivered(totals.socialValue);
  return (
    <Tiles label="The portfolio at a glance" testId="portfolio-tiles">
      <Tile name="contracts" title="Contracts">
        <Figure value={totals.contracts}>{formatNumber(totals.contracts)}</Figure>
      </Tile>

      <Tile name="ratings" title="KPIs by current rating">
        <RatingCountList ratings={totals.ratings} />
      </Tile>

      <Tile name="overdueUpdates" title="Updates overdue">
        <Figure value={totals.overdueUpdates}>{formatNumber(totals.overdueUpdates)}</Figure>
        <TileNote>Not sent by their due date.</TileNote>
        {totals.overdueUpdates > 0 && <Link href={`#${ROUTES.overdue}`}>See who owes what</Link>}
      </Tile>

      <Tile name="assessmentsDue" title="Assessments due">
        <Figure value={totals.assessmentsDue}>{formatNumber(totals.assessmentsDue)}</Figure>
        <TileNote>Due within {ASSESSMENT_WARNING_DAYS} days, or past their due date.</TileNote>
      </Tile>

      <Tile name="socialValue" title="Social value">
        <Figure kind="money" field="delivered" value={totals.socialValue.delivered}>
          {formatMoney(totals.socialValue.delivered, moneyLabel)}
        </Figure>
        <TileNote>
          delivered of <span data-field="committed" data-value={totals.socialValue.committed}>{formatMoney(totals.socialValue.committed, moneyLabel)}</span> committed over the contracts&rsquo; terms
        </TileNote>
        <Text weight="semibold">{percent === null ? "Nothing committed yet" : `${formatNumber(percent)}% delivered`}</Text>
      </Tile>
    </Tiles>
  );
}

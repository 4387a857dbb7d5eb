// A supplier's scorecard across the contracts the manager may see: how many, their KPIs by current
// rating, updates overdue, social value committed against delivered, the ratings quarter by
// quarter, and each contract.
import { Link, TableCell, TableRow, Text } from "@fluentui/react-components";
import type { SupplierScorecard } from "@toms/domain";
import { useParams } from "react-router";
import { ROUTES } from "../../app/routes.js";
import { formatMoney, formatNumber, percentDelivered } from "../../common/format.js";
import { Page, PageSection } from "../../common/page.js";
import { RatingCountList, RatingName } from "../../common/rating-parts.js";
import { kpiWords, ratedCount, ratingSummary } from "../../common/ratings.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useTab } from "../../common/tab-context.js";
import { Figure, Tile, TileNote, Tiles } from "../../common/tiles.js";
import { useLoad } from "../../common/use-load.js";
import { RatingsChart } from "../shared/RatingsChart.js";

export default function SupplierView() {
  const { supplierId = "" } = useParams();
  const { client } = useTab();
  const scorecard = useLoad(() => client.supplierScorecard(supplierId), [client, supplierId]);
  return (
    <Page title={(scorecard.state === "ready" && scorecard.data.supplierName) || "Supplier scorecard"}>
      <WhenLoaded loaded={scorecard} label="Loading the supplier's scorecard" tiles={5} lines={8}>
        {(data) => <Scorecard scorecard={data} />}
      </WhenLoaded>
    </Page>
  );
}

function Scorecard({ scorecard }: { scorecard: SupplierScorecard }) {
  const { moneyLabel } = useTab();
  const kpis = ratedCount(scorecard.ratings);
  const { committed, delivered } = scorecard.socialValue;
  const percent = percentDelivered(scorecard.socialValue);
  if (scorecard.contracts === 0) {
    return (
      <Empty title="You have no contracts with this supplier">
        A supplier's scorecard covers the contracts of theirs you can see. <Link href={`#${ROUTES.portfolio}`}>Open your portfolio</Link> to find a contract and its supplier.
      </Empty>
    );
  }
  return (
    <>
      <Text>Across the {scorecard.contracts === 1 ? "contract" : `${formatNumber(scorecard.contracts)} contracts`} with this supplier that you can see.</Text>
      <Tiles label="Scorecard">
        <Tile title="Contracts" testId="scorecard-contracts">
          <Figure value={scorecard.contracts}>{formatNumber(scorecard.contracts)}</Figure>
        </Tile>
        <Tile title="KPIs by current rating" testId="scorecard-ratings">
          <Figure value={kpis}>{kpis === 0 ? "None yet" : kpiWords(kpis)}</Figure>
          {kpis > 0 && <RatingCountList ratings={scorecard.ratings} onlyRated />}
        </Tile>
        <Tile title="Updates overdue" testId="scorecard-overdue">
          <Figure value={scorecard.overdueUpdates}>{formatNumber(scorecard.overdueUpdates)}</Figure>
        </Tile>
        <Tile title="Assessments due" testId="scorecard-assessments-due">
          <Figure value={scorecard.assessmentsDue}>{formatNumber(scorecard.assessmentsDue)}</Figure>
        </Tile>
        <Tile title="Social value committed" testId="scorecard-committed">
          <Figure kind="money" value={committed}>
            {formatMoney(committed, moneyLabel)}
          </Figure>
        </Tile>
        <Tile title="Social value delivered" testId="scorecard-delivered">
          <Figure kind="money" value={delivered}>
            {formatMoney(delivered, moneyLabel)}
          </Figure>
          {percent !== null && <TileNote>{formatNumber(percent)}% of committed</TileNote>}
        </Tile>
      </Tiles>
      <PageSection title="Ratings over time">
        <RatingsChart ratingsOverTime={scorecard.ratingsOverTime} />
      </PageSection>
      <PageSection title="Contracts">
        <Contracts scorecard={scorecard} />
      </PageSection>
    </>
  );
}

function Contracts({ scorecard }: { scorecard: SupplierScorecard }) {
  const { moneyLabel } = useTab();
  return (
    <FigureTable
      label="The supplier's contracts"
      testId="scorecard-table"
      minWidth="720px"
      columns={[
        { label: "Contract", wide: true },
        "Service area",
        "Rating (worst)",
        "KPIs by rating",
        { label: "Overdue updates", numeric: true },
        { label: "Reviews waiting", numeric: true },
        { label: "Committed", numeric: true },
        { label: "Delivered", numeric: true },
      ]}
    >
      {scorecard.byContract.map((c) => (
        <TableRow key={c.contractId} data-contract-id={c.contractId}>
          <TableCell>
            <Link href={`#${ROUTES.contract(c.contractId)}`}>
              {c.reference} {c.title}
            </Link>
          </TableCell>
          <TableCell>{c.serviceArea}</TableCell>
          <TableCell data-value={c.rating ?? ""}>
            <RatingName rating={c.rating} />
          </TableCell>
          <TableCell>{ratingSummary(c.ratings)}</TableCell>
          <NumberCell value={c.overdueUpdates}>{formatNumber(c.overdueUpdates)}</NumberCell>
          <NumberCell value={c.reviewsWaiting}>{formatNumber(c.reviewsWaiting)}</NumberCell>
          <NumberCell value={c.socialValue.committed}>{formatMoney(c.socialValue.committed, moneyLabel)}</NumberCell>
          <NumberCell value={c.socialValue.delivered}>{formatMoney(c.socialValue.delivered, moneyLabel)}</NumberCell>
        </TableRow>
      ))}
    </FigureTable>
  );
}

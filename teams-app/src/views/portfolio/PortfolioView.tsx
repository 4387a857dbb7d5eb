// The portfolio: the caller's contracts in sum (tiles), KPI ratings by quarter and social value by
// theme (charts with their tables), and every contract in a table to search, filter and sort.
// With `?serviceArea=Highways` (a channel's tab pinned to one service area) the tiles and the
// charts are that service area's.
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useId, useMemo } from "react";
import { useSearchParams } from "react-router";
import { ROUTES } from "../../app/routes.js";
import { Empty, Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { ContractTable } from "./ContractTable.js";
import { PortfolioTiles } from "./PortfolioTiles.js";
import { portfolioScope } from "./portfolio-summary.js";
import { changeTable, readTableState, writeTableState, type TableState } from "./portfolio-table.js";

// The charts' code (most of this page's) comes in its own chunk, fetched while the portfolio loads,
// so the tiles and the table never wait for it.
const loadRatingsChart = () => import("./RatingsChart.js");
const loadSocialValueByTheme = () => import("./SocialValueByTheme.js");
const RatingsChart = lazy(() => loadRatingsChart().then((m) => ({ default: m.RatingsChart })));
const SocialValueByTheme = lazy(() => loadSocialValueByTheme().then((m) => ({ default: m.SocialValueByTheme })));

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, minWidth: 0 },
  intro: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  // Side by side where there is room, one above the other in a narrow tab.
  charts: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 26rem), 1fr))", gap: tokens.spacingHorizontalXL },
  panel: {
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
});

export default function PortfolioView() {
  const styles = useStyles();
  const { client } = useTab();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readTableState(params), [params]);
  const portfolio = useLoad(() => client.portfolio(), [client]);
  const summaryHeading = useId();
  const chartsHeading = useId();
  const contractsHeading = useId();
  useEffect(() => {
    // Only a head start: a failure shows where the charts are drawn, not here.
    loadRatingsChart().catch(() => undefined);
    loadSocialValueByTheme().catch(() => undefined);
  }, []);

  const show = useCallback((next: TableState, options: { replace?: boolean } = {}) => setParams((current) => writeTableState(next, current), { replace: options.replace ?? false }), [setParams]);
  const wholeParams = writeTableState(changeTable(state, { serviceArea: null }), params).toString();
  const wholePortfolio = wholeParams ? `?${wholeParams}` : "";

  if (portfolio.state === "loading") {
    return (
      <>
        <Text as="h1" size={600}>
          {state.serviceArea ?? "Portfolio"}
        </Text>
        <Loading label="Loading your portfolio" tiles={5} lines={10} />
      </>
    );
  }
  if (portfolio.state === "failed") {
    return (
      <>
        <Text as="h1" size={600}>
          {state.serviceArea ?? "Portfolio"}
        </Text>
        <Failed error={portfolio.error} onRetry={portfolio.retry} />
      </>
    );
  }

  const data = portfolio.data;
  if (data.contracts === 0) {
    return (
      <>
        <Text as="h1" size={600}>
          Portfolio
        </Text>
        <Empty title="You have no contracts yet">
          Contracts are added by the procurement team when a tender is awarded, and you see the ones you manage here. If you expected a contract, ask the procurement team to check that you are named as its contract manager.
        </Empty>
      </>
    );
  }

  const scope = portfolioScope(data, state.serviceArea);
  const back = <Link href={`#${ROUTES.portfolio}${wholePortfolio}`}>Show the whole portfolio</Link>;

  return (
    <div className={styles.page}>
      <div className={styles.intro}>
        <Text as="h1" size={600}>
          {scope.kind === "whole" ? "Portfolio" : scope.serviceArea}
        </Text>
        {scope.kind === "whole" ? (
          <Text>Your contracts: KPI ratings, updates owed, assessments due and social value.</Text>
        ) : (
          <Text>
            Service area{scope.kind === "serviceArea" ? <>: {scope.totals.contracts} of your {data.contracts} contracts. {back}</> : "."}
          </Text>
        )}
      </div>

      {scope.kind === "missing" ? (
        <Empty title={`None of your contracts is in ${scope.serviceArea}`}>
          This page is set to show one service area, and no contract you can see is in it. {back}
        </Empty>
      ) : (
        <>
          <section className={styles.section} aria-labelledby={summaryHeading}>
            <Text as="h2" id={summaryHeading} size={500} weight="semibold">
              At a glance
            </Text>
            <PortfolioTiles totals={scope.totals} />
          </section>

          <section className={styles.section} aria-labelledby={chartsHeading}>
            <Text as="h2" id={chartsHeading} size={500} weight="semibold">
              Over time and by theme
            </Text>
            <div className={styles.charts}>
              <div className={styles.panel}>
                <Suspense fallback={<Loading label="Loading the ratings chart" lines={8} />}>
                  <RatingsChart ratingsOverTime={scope.totals.ratingsOverTime} />
                </Suspense>
              </div>
              <div className={styles.panel}>
                <Suspense fallback={<Loading label="Loading social value by theme" lines={8} />}>
                  <SocialValueByTheme serviceArea={scope.kind === "serviceArea" ? scope.serviceArea : null} />
                </Suspense>
              </div>
            </div>
          </section>
        </>
      )}

      {scope.kind !== "missing" && (
        <section className={styles.section} aria-labelledby={contractsHeading}>
          <Text as="h2" id={contractsHeading} size={500} weight="semibold">
            Contracts
          </Text>
          <ContractTable contracts={data.byContract} serviceAreas={data.byServiceArea.map((r) => r.serviceArea)} state={state} onChange={show} />
        </section>
      )}
    </div>
  );
}

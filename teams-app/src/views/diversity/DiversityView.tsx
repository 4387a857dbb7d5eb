// Supplier diversity (issue 11). For EDI analysts: the year's questionnaire and who has not
// answered, the baseline with every count through disclosure control, publishing it to
// colleagues, and the engagement list. For other council staff: the newest published baseline,
// read only, or word that none is published yet. For procurement officers (admin), besides that
// published baseline: running the year's questionnaire (RunCampaign).
import { Text } from "@fluentui/react-components";
import { ApiError, type BaselineView, type DiversityClient } from "@toms/client";
import { ukDate } from "@toms/domain";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Page } from "../../common/page.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { BaselineSection } from "./BaselineSection.js";
import { CampaignSection } from "./CampaignSection.js";
import { chosenCampaign, isCouncilStaff, isEdiAnalyst, newestPublished, readYear, staffYears } from "./campaign-model.js";
import { EngagementSection } from "./EngagementSection.js";
import { RunCampaign } from "./RunCampaign.js";
import { isAdmin } from "./run-campaign-model.js";
import { useDiversity } from "./use-diversity.js";

const TITLE = "Supplier diversity";

export default function DiversityView() {
  const { me } = useTab();
  if (isEdiAnalyst(me)) return <AnalystView admin={isAdmin(me)} />;
  if (isCouncilStaff(me)) return <ColleagueView admin={isAdmin(me)} />;
  return (
    <Page title={TITLE}>
      <Empty title="This page is for council staff">The council publishes its supplier diversity baseline to its own staff. Your answers to the questionnaire are kept apart, and never used to score a tender or award a contract.</Empty>
    </Page>
  );
}

function AnalystView({ admin }: { admin: boolean }) {
  const diversity = useDiversity();
  const [params, setParams] = useSearchParams();
  const year = readYear(params);
  // Raised once the baseline is published, so the campaign and the baseline are read again.
  const [published, setPublished] = useState(0);
  const campaigns = useLoad(() => diversity.campaigns(), [diversity], published);
  return (
    <Page title={TITLE}>
      <Text>Who owns the SMEs that answered the council's questionnaire, and what gets in their way when they bid. Counts that could pick a business out are not shown.</Text>
      {admin && <RunCampaign />}
      <WhenLoaded loaded={campaigns} label="Loading the questionnaire's years" tiles={4} lines={4}>
        {(list) => {
          const campaign = chosenCampaign(list, year);
          if (!campaign)
            return (
              <Empty title="No questionnaire has been sent yet">
                A procurement officer opens the year's questionnaire for the SMEs in the council's area. Its progress and baseline appear here once it is open.
              </Empty>
            );
          return (
            <>
              <CampaignSection campaigns={list} campaign={campaign} onYear={(next) => setParams({ year: String(next) }, { replace: true })} />
              <AnalystBaseline year={campaign.year} refreshed={published} onPublished={() => setPublished((n) => n + 1)} />
              <EngagementSection key={campaign.year} year={campaign.year} questionnaireVersion={campaign.questionnaireVersion} />
            </>
          );
        }}
      </WhenLoaded>
    </Page>
  );
}

function AnalystBaseline({ year, refreshed, onPublished }: { year: number; refreshed: number; onPublished: () => void }) {
  const diversity = useDiversity();
  const baseline = useLoad(() => diversity.baseline(year), [diversity, year], refreshed);
  return (
    <WhenLoaded loaded={baseline} label={`Loading the ${year} baseline`} lines={10}>
      {(data) => <BaselineSection baseline={data} onPublished={onPublished} />}
    </WhenLoaded>
  );
}

/** A year's baseline for a colleague: null when it is not theirs to see yet (not published) or there is none. */
async function publishedOrNull(diversity: DiversityClient, year: number): Promise<BaselineView | null> {
  try {
    return await diversity.baseline(year);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

function ColleagueView({ admin }: { admin: boolean }) {
  const diversity = useDiversity();
  const today = ukDate(new Date());
  const baselines = useLoad(() => Promise.all(staffYears(today).map((year) => publishedOrNull(diversity, year))), [diversity, today]);
  return (
    <Page title={TITLE}>
      {admin && <RunCampaign />}
      <Text>Who owns the SMEs that answered the council's questionnaire, and what gets in their way when they bid, as the council's EDI analysts have published it. No business is named, and counts that could pick one out are not shown.</Text>
      <WhenLoaded loaded={baselines} label="Loading the published baseline" lines={10}>
        {(loaded) => {
          const baseline = newestPublished(loaded);
          return baseline ? (
            <BaselineSection baseline={baseline} />
          ) : (
            <Empty title="The supplier diversity baseline is not published yet">The council's EDI analysts publish it once the year's questionnaire has closed. It will appear here then.</Empty>
          );
        }}
      </WhenLoaded>
    </Page>
  );
}

// The year's campaign for an EDI analyst: the year to look at, how many were asked and answered,
// its state, and the businesses that have not answered yet, by name, to remind.
import { Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CampaignView } from "@toms/client";
import { useId } from "react";
import { Fact, Facts } from "../../common/facts.js";
import { formatNumber } from "../../common/format.js";
import { PageSection } from "../../common/page.js";
import { WhenLoaded } from "../../common/states.js";
import { useLoad } from "../../common/use-load.js";
import { newestFirst, reminderLine, remindersHeadline, responseRate, statusWords } from "./campaign-model.js";
import { useDiversity } from "./use-diversity.js";

const useStyles = makeStyles({
  field: { minWidth: "140px", maxWidth: "220px" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: "16rem", overflowY: "auto", overflowWrap: "anywhere" },
});

export function CampaignSection({ campaigns, campaign, onYear }: { campaigns: readonly CampaignView[]; campaign: CampaignView; onYear: (year: number) => void }) {
  const styles = useStyles();
  const rate = responseRate(campaign);
  const year = (
    <Field label="Year" className={styles.field}>
      <Select value={String(campaign.year)} onChange={(_, data) => onYear(Number(data.value))}>
        {newestFirst(campaigns).map((c) => (
          <option key={c.year} value={c.year}>
            {c.year}
            {c.status === "open" ? " (open)" : ""}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <PageSection title={`The ${campaign.year} questionnaire`} actions={year} data-testid="campaign" data-year={campaign.year}>
      <Facts>
        <Fact term="Businesses asked">
          <span data-value={campaign.invited}>{formatNumber(campaign.invited)}</span>
        </Fact>
        <Fact term="Answered">
          <span data-value={campaign.answered}>{formatNumber(campaign.answered)}</span>
        </Fact>
        <Fact term="Response rate">{rate === null ? "Nobody was asked" : `${formatNumber(rate)}%`}</Fact>
        <Fact term="Status">{statusWords(campaign)}</Fact>
      </Facts>
      <Reminders year={campaign.year} />
    </PageSection>
  );
}

/** Who has not answered the year's questionnaire, by name with their contact, to remind (EDI analysts and admins). */
export function Reminders({ year }: { year: number }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const reminders = useLoad(() => diversity.reminders(year), [diversity, year]);
  const heading = useId();
  return (
    <WhenLoaded loaded={reminders} label="Loading who has not answered" lines={3}>
      {(rows) => (
        <>
          <Text id={heading} weight="semibold" data-testid="reminder-count" data-value={rows.length}>
            {remindersHeadline(rows)}
          </Text>
          {rows.length > 0 && (
            <ul className={styles.list} aria-labelledby={heading} tabIndex={0} data-testid="reminder-list">
              {rows.map((row) => (
                <li key={row.supplierId}>{reminderLine(row)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </WhenLoaded>
  );
}

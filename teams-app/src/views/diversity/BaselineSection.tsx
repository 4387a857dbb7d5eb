// A year's baseline: how many answered, then one chart (and table) per ownership question, the
// size bands, the SME test and the sectors, and the barriers ranked, each with its change since
// the last published year. An EDI analyst may publish it from here once the year has closed.
import { MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { BaselineView } from "@toms/client";
import { useMemo } from "react";
import { formatDate } from "../../common/format.js";
import { PageSection } from "../../common/page.js";
import { barrierRanking, baselineQuestions, headingOf, notShownNote, questionnaireFor, responseWords, tooFewWords } from "./baseline-model.js";
import { CountsChart } from "./CountsChart.js";
import { PublishBaseline } from "./PublishBaseline.js";

// Worked out from the bands or about the business, not who owns it: charted in a section of their own.
const ABOUT_THE_BUSINESS = ["sizeBands", "statutorySme", "sectors"];

export function BaselineSection({ baseline, onPublished }: { baseline: BaselineView; onPublished?: (published: BaselineView) => void }) {
  const questionnaire = questionnaireFor(baseline.questionnaireVersion);
  const questions = useMemo(() => baselineQuestions(baseline, questionnaire), [baseline, questionnaire]);
  const barriers = useMemo(() => barrierRanking(baseline, questionnaire), [baseline, questionnaire]);
  const threshold = baseline.suppressionThreshold;
  const previousYear = baseline.previousYear?.year;
  const tooFew = tooFewWords(baseline);
  const chart = (id: string) => {
    const question = questions.find((q) => q.id === id);
    return question && <CountsChart key={id} title={question.title} {...(question.asked ? { description: `Asked: "${question.asked}"` } : {})} rows={question.rows} threshold={threshold} {...(previousYear !== undefined ? { previousYear } : {})} testId={`baseline-${id}`} />;
  };

  return (
    <>
      <PageSection title={`The ${baseline.year} baseline`} data-testid="baseline" data-year={baseline.year}>
        <Text>{responseWords(baseline)}</Text>
        <Text>
          {baseline.published ? `Published to colleagues on ${formatDate(baseline.published.at)} by ${baseline.published.by}.` : "Not published: only EDI analysts can see it."}
          {baseline.status === "open" ? " The questionnaire is still open, so these counts will change as businesses answer." : ""}
        </Text>
        {previousYear !== undefined && <Text>Each table has the change since {previousYear}, the last year published, where both years' counts are shown.</Text>}
        <Text size={200}>{notShownNote(threshold)}</Text>
        {tooFew && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{tooFew}</MessageBarBody>
          </MessageBar>
        )}
        {onPublished && <PublishBaseline baseline={baseline} onPublished={onPublished} />}
      </PageSection>
      <PageSection title="Who owns the businesses">{questions.filter((q) => !ABOUT_THE_BUSINESS.includes(q.id)).map((q) => chart(q.id))}</PageSection>
      <PageSection title="Size and sector">{ABOUT_THE_BUSINESS.map(chart)}</PageSection>
      <PageSection title="Barriers to bidding">
        <CountsChart
          title={headingOf(questionnaire, "barriers")}
          description="Most named first; businesses could name several. Barriers whose count is not shown are listed last, since their place is not known."
          rows={barriers}
          threshold={threshold}
          {...(previousYear !== undefined ? { previousYear } : {})}
          testId="baseline-barriers"
        />
      </PageSection>
    </>
  );
}

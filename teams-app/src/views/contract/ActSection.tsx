// Section 4: the Procurement Act 2023 duties on this contract: its findings (KPI minimum,
// assessment due, updates overdue, notices unpublished), the next assessment's due date, and the
// assessments themselves, started, confirmed and published from here.
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { AssessmentView, ContractDashboard, ContractDetail } from "@toms/client";
import { ASSESSMENT_WARNING_DAYS, KPI_MINIMUM, ukDate, type AssessmentKind } from "@toms/domain";
import { formatDate, inUkWords } from "../../common/format.js";
import { fieldProblem } from "../../common/problems.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import type { Loaded } from "../../common/use-load.js";
import { AssessmentCard } from "./AssessmentCard.js";
import { KPI_THRESHOLD_WORDS } from "./kpi-words.js";
import { offeredAssessment } from "./assessment-words.js";
import { findingDueWords, findingTitle } from "./compliance-words.js";
import { useAction } from "./use-action.js";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  findings: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  form: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

export function ActSection({ dashboard, detail, assessments, manager, onChanged, announce }: { dashboard: ContractDashboard; detail: Loaded<ContractDetail>; assessments: Loaded<AssessmentView[]>; manager: boolean; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const kpiCount = dashboard.kpis.filter((k) => k.kpi.kind === "kpi").length;
  return (
    <div className={styles.column}>
      <Text as="h3" size={400} weight="semibold">
        Findings today
      </Text>
      <WhenLoaded loaded={detail} label="Loading the contract's findings" lines={2}>
        {({ compliance }) =>
          compliance.length === 0 ? (
            <Text>No Procurement Act duty is due or missed on this contract today.</Text>
          ) : (
            <ul className={styles.findings}>
              {compliance.map((finding) => (
                <li key={`${finding.code}-${finding.due ?? ""}`} data-testid={`finding-${finding.code}`} data-severity={finding.severity} data-due={finding.due ?? ""}>
                  <MessageBar intent={finding.severity === "error" ? "error" : "warning"} layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{findingTitle(finding.code)}</MessageBarTitle>
                      <div>
                        {findingDueWords(finding) && <strong>{findingDueWords(finding)}. </strong>}
                        {inUkWords(finding.message)}
                      </div>
                    </MessageBarBody>
                  </MessageBar>
                </li>
              ))}
            </ul>
          )
        }
      </WhenLoaded>
      <Text as="h3" size={400} weight="semibold">
        KPI minimum
      </Text>
      <Text>
        {dashboard.contract.kpisRequired
          ? `The contract is worth over ${KPI_THRESHOLD_WORDS}, so the Procurement Act 2023 (s.52) needs at least ${KPI_MINIMUM} KPIs. It has ${kpiCount}.`
          : `The contract is worth ${KPI_THRESHOLD_WORDS} or less, so no minimum number of KPIs applies. It has ${kpiCount}.`}
        {dashboard.contract.kpiExemptionReason ? ` Exempt from the minimum: ${dashboard.contract.kpiExemptionReason}` : ""}
      </Text>
      <Text as="h3" size={400} weight="semibold">
        The assessment
      </Text>
      <Text data-testid="assessment-due" data-value={dashboard.assessment?.due ?? ""}>
        {dashboard.assessment
          ? `The next assessment of this contract's KPIs is due by ${formatDate(dashboard.assessment.due)}${dashboard.assessment.isDue ? `: it is due now (within ${ASSESSMENT_WARNING_DAYS} days, or past).` : "."} The Procurement Act 2023 (s.71) needs one at least every 12 months, and one when the contract ends.`
          : "No assessment is owed on this contract now."}
      </Text>
      {manager && <StartAssessment key={owedKey(dashboard)} dashboard={dashboard} onChanged={onChanged} announce={announce} />}
      <WhenLoaded loaded={assessments} label="Loading the assessments" lines={3}>
        {(all) =>
          all.length === 0 ? (
            <Empty title="No assessments yet">
              {manager ? "Start the annual assessment above: it suggests a rating for each KPI from its periods, which you confirm or override." : "The contract manager starts the annual assessment from this page."}
            </Empty>
          ) : (
            all.map((a) => <AssessmentCard key={a.id} assessment={a} all={all} contract={dashboard.contract} manager={manager} onChanged={onChanged} announce={announce} />)
          )
        }
      </WhenLoaded>
    </div>
  );
}

/** The range offered now: a new one (after a confirm, say) gives the form afresh, not the range just assessed. */
function owedKey(dashboard: ContractDashboard): string {
  const offered = offeredAssessment(dashboard.assessmentOwed, dashboard.contract, ukDate(new Date()));
  return `${offered.kind}:${offered.from}:${offered.to}`;
}

function StartAssessment({ dashboard, onChanged, announce }: { dashboard: ContractDashboard; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const offered = offeredAssessment(dashboard.assessmentOwed, dashboard.contract, ukDate(new Date()));
  const [kind, setKind] = useState<AssessmentKind>(offered.kind);
  const [from, setFrom] = useState(offered.from);
  const [to, setTo] = useState(offered.to);
  const starting = useAction("start", onChanged);
  const words = kind === "annual" ? "Start the annual assessment" : "Start the termination assessment";

  function start() {
    void starting.run(async () => {
      const draft = await client.createAssessment(dashboard.contract.id, { kind, from, to });
      announce(`The draft assessment of ${formatDate(draft.from)} to ${formatDate(draft.to)} is ready: check its suggested ratings, then confirm it.`);
      onChanged();
    });
  }

  return (
    <form
      noValidate
      className={styles.column}
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
      aria-label="Start an assessment"
    >
      <Text>
        {dashboard.assessmentOwed ? "The dates offered are those of the assessment owed next." : "No assessment is owed now: the dates offered are the contract's term so far."} Change them if the assessment covers another range: each KPI is assessed on the
        periods that end in it.
      </Text>
      <div className={styles.form}>
        <Field label="Kind" validationMessage={fieldProblem(starting.refusal, "kind")}>
          <Select value={kind} onChange={(_, data) => setKind(data.value as AssessmentKind)}>
            <option value="annual">Annual</option>
            <option value="termination">On termination</option>
          </Select>
        </Field>
        <Field label="From" required validationMessage={fieldProblem(starting.refusal, "from")}>
          <Input type="date" value={from} onChange={(_, data) => setFrom(data.value)} required />
        </Field>
        <Field label="To" required validationMessage={fieldProblem(starting.refusal, "to")}>
          <Input type="date" value={to} onChange={(_, data) => setTo(data.value)} required />
        </Field>
        <Button appearance="primary" type="submit" disabled={starting.busy || !from || !to}>
          {words}
        </Button>
      </div>
      {starting.problem && (
        <Text role="alert" className={styles.problem}>
          {starting.problem}
        </Text>
      )}
    </form>
  );
}

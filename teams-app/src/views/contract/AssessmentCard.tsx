// One assessment: a draft with a suggested rating per KPI and why, which the manager confirms or
// overrides (each override with its reason); once confirmed, its UK9 notice to download and to
// mark published.
import { Badge, Button, Checkbox, Field, Input, Link, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useId, useState } from "react";
import { ApiError, type AssessmentView, type Contract } from "@toms/client";
import { RATINGS, ukDate, type AssessmentKpi, type RatingId } from "@toms/domain";
import { formatDate, formatDateTime } from "../../common/format.js";
import { useTab } from "../../common/tab-context.js";
import { actionProblem } from "./action-problems.js";
import { assessmentTitle, confirmationOf, noticeFileName, overrideFieldErrors, overrideProblems, publishedAtOf, suggestionReason, type OverrideChoice, type OverrideProblems } from "./assessment-words.js";
import { directionWords, withUnit } from "./kpi-words.js";
import { RatingBadge } from "./parts.js";
import { safeLink } from "./update-history.js";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  kpis: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: "none" },
  kpi: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  override: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingLeft: tokens.spacingHorizontalL },
  form: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  grow: { flexGrow: 1, minWidth: "12rem" },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

interface CardProps {
  assessment: AssessmentView;
  all: readonly AssessmentView[];
  contract: Contract;
  manager: boolean;
  onChanged: () => void;
  announce: (words: string) => void;
}

export function AssessmentCard({ assessment, all, contract, manager, onChanged, announce }: CardProps) {
  const styles = useStyles();
  const { me } = useTab();
  const heading = useId();
  const who = (id: string | undefined) => (!id ? "someone" : id === me.userId ? `you (${me.name ?? id})` : id);
  const titleOf = (id: string) => {
    const other = all.find((a) => a.id === id);
    return other ? assessmentTitle(other).replace(/^\w/, (c) => c.toLowerCase()) : `assessment ${id}`;
  };
  const draft = assessment.status === "draft";
  const [choices, setChoices] = useState<Record<string, OverrideChoice>>({});
  const [problems, setProblems] = useState<Record<string, OverrideProblems>>({});
  return (
    <section className={styles.card} aria-labelledby={heading} data-testid={`assessment-${assessment.id}`} data-status={assessment.status}>
      <div className={styles.head}>
        <Text as="h4" id={heading} size={400} weight="semibold">
          {assessmentTitle(assessment)}
        </Text>
        <Badge appearance="tint" color={draft ? "warning" : "success"}>
          {draft ? "Draft" : "Confirmed"}
        </Badge>
        {assessment.supersededBy && (
          <Badge appearance="outline" color="subtle">
            Replaced
          </Badge>
        )}
      </div>
      <Text size={200}>
        Started by {who(assessment.createdBy)} on {formatDateTime(assessment.createdAt)}.
        {assessment.confirmedAt && ` Confirmed by ${who(assessment.confirmedBy)} on ${formatDateTime(assessment.confirmedAt)}.`}
        {assessment.replaces && ` It corrects the ${titleOf(assessment.replaces)}.`}
        {assessment.supersededBy && ` Replaced by the ${titleOf(assessment.supersededBy)}, which is the one that stands.`}
      </Text>
      {assessment.kpis.length === 0 ? (
        <Text>The contract had no KPIs when this assessment was started, so it rates none.</Text>
      ) : (
        <ul className={styles.kpis}>
          {assessment.kpis.map((k) => (
            <AssessedKpi
              key={k.kpiId}
              kpi={k}
              editable={draft && manager}
              choice={choices[k.kpiId] ?? { override: false, reason: "" }}
              problems={problems[k.kpiId]}
              onChoice={(choice) => setChoices({ ...choices, [k.kpiId]: choice })}
            />
          ))}
        </ul>
      )}
      {draft && manager && <Confirm assessment={assessment} choices={choices} setProblems={setProblems} onChanged={onChanged} announce={announce} />}
      {!draft && <Notice assessment={assessment} contract={contract} manager={manager} who={who} onChanged={onChanged} announce={announce} />}
    </section>
  );
}

function AssessedKpi({ kpi, editable, choice, problems, onChoice }: { kpi: AssessmentKpi; editable: boolean; choice: OverrideChoice; problems: OverrideProblems | undefined; onChoice: (choice: OverrideChoice) => void }) {
  const styles = useStyles();
  const reported = kpi.periods.filter((p) => p.value !== undefined).length;
  return (
    <li className={styles.kpi} data-testid={`assessed-${kpi.kpiId}`} data-suggested={kpi.suggested} data-rating={kpi.rating}>
      <Text weight="semibold">{kpi.title}</Text>
      <Text size={200}>
        {directionWords(kpi.direction)}; target {withUnit(kpi.target, kpi.unit)} at the end of the range; {reported} of {kpi.periods.length} {kpi.periods.length === 1 ? "period" : "periods"} reported.
      </Text>
      <div className={styles.line}>
        <Text>Suggested:</Text>
        <RatingBadge rating={kpi.suggested} />
      </div>
      <Text size={200}>{suggestionReason(kpi)}</Text>
      {!editable && (
        <div className={styles.line}>
          <Text>{kpi.override ? "Rating confirmed instead:" : "Rating:"}</Text>
          <RatingBadge rating={kpi.rating} />
          {kpi.override && <Text className={styles.text}>Reason: {kpi.override.reason}</Text>}
        </div>
      )}
      {editable && (
        <>
          <Checkbox checked={choice.override} onChange={(_, data) => onChoice({ ...choice, override: data.checked === true })} label={`Override the suggested rating of "${kpi.title}"`} />
          {choice.override && (
            <div className={styles.override}>
              <Field label="Rating that stands" required validationMessage={problems?.rating}>
                <Select value={choice.rating ?? ""} onChange={(_, data) => onChoice({ ...choice, rating: (data.value || undefined) as RatingId | undefined })}>
                  <option value="">Choose a rating</option>
                  {RATINGS.filter((r) => r.id !== kpi.suggested).map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Why it differs from the suggestion" required validationMessage={problems?.reason} hint="Kept with the assessment and its notice.">
                <Textarea value={choice.reason} onChange={(_, data) => onChoice({ ...choice, reason: data.value })} maxLength={2000} resize="vertical" />
              </Field>
            </div>
          )}
        </>
      )}
    </li>
  );
}

function Confirm({ assessment, choices, setProblems, onChanged, announce }: { assessment: AssessmentView; choices: Record<string, OverrideChoice>; setProblems: (problems: Record<string, OverrideProblems>) => void; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const overriding = assessment.kpis.filter((k) => choices[k.kpiId]?.override).length;

  async function confirm() {
    setProblem(undefined);
    const missing = overrideProblems(choices);
    setProblems(missing);
    if (Object.keys(missing).length > 0) {
      setProblem("Each override needs a rating and a reason: see the KPIs marked above.");
      return;
    }
    const sent = confirmationOf(assessment.kpis, choices);
    setBusy(true);
    try {
      await client.confirmAssessment(assessment.contractId, assessment.id, sent);
      announce(`The ${assessmentTitle(assessment).replace(/^\w/, (c) => c.toLowerCase())} is confirmed. Download its UK9 notice and publish it on Find a Tender.`);
      onChanged();
    } catch (error) {
      const refused = actionProblem("confirm", error);
      if (error instanceof ApiError) setProblems(overrideFieldErrors(sent, error.fields));
      setProblem(refused.message);
      if (refused.reload) onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.line}>
      <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
        Confirm the assessment
      </Button>
      <Text size={200}>{overriding === 0 ? "Confirms every suggested rating as it stands." : `Confirms the suggestions, with ${overriding} ${overriding === 1 ? "override" : "overrides"}.`} A confirmed assessment never changes.</Text>
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
    </div>
  );
}

function Notice({ assessment, contract, manager, who, onChanged, announce }: { assessment: AssessmentView; contract: Contract; manager: boolean; who: (id: string | undefined) => string; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const [file, setFile] = useState<{ url: string; name: string }>();
  const [busy, setBusy] = useState<"download" | "publish" | null>(null);
  const [problem, setProblem] = useState<string>();
  const [url, setUrl] = useState("");
  const [date, setDate] = useState(() => ukDate(new Date()));
  const [fields, setFields] = useState<ApiError>();
  // The file's address lives as long as the link to it.
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  async function download() {
    setBusy("download");
    setProblem(undefined);
    try {
      const release = await client.performanceNotice(assessment.contractId, assessment.id);
      const name = noticeFileName(contract.reference, assessment.to);
      const address = URL.createObjectURL(new Blob([JSON.stringify(release, null, 2)], { type: "application/json" }));
      setFile({ url: address, name });
      const link = Object.assign(document.createElement("a"), { href: address, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      announce(`The UK9 notice is saved as ${name}.`);
    } catch (error) {
      setProblem(actionProblem("download", error).message);
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    setBusy("publish");
    setProblem(undefined);
    setFields(undefined);
    try {
      const publishedAt = publishedAtOf(date, ukDate(new Date()));
      await client.markNoticePublished(assessment.contractId, assessment.id, { ...(url.trim() ? { url: url.trim() } : {}), ...(publishedAt ? { publishedAt } : {}) });
      announce("The UK9 notice is marked published.");
      onChanged();
    } catch (error) {
      const refused = actionProblem("publish", error);
      setProblem(refused.message);
      if (error instanceof ApiError) setFields(error);
      if (refused.reload) onChanged();
    } finally {
      setBusy(null);
    }
  }

  const published = assessment.notice;
  const publishedLink = safeLink(published?.url);
  return (
    <div className={styles.kpis}>
      <Text weight="semibold">The UK9 contract performance notice</Text>
      <div className={styles.line}>
        <Button disabled={busy !== null} onClick={() => void download()}>
          Download the UK9 notice
        </Button>
        {file && (
          <Link href={file.url} download={file.name}>
            Save {file.name} again
          </Link>
        )}
      </div>
      {published ? (
        <Text data-testid="notice-published" data-value={published.publishedAt}>
          Published on {formatDate(published.publishedAt)}, marked by {who(published.publishedBy)}
          {published.url && (
            <>
              {" at "}
              {publishedLink ? (
                <Link href={publishedLink} target="_blank" rel="noopener noreferrer">
                  {published.url}
                </Link>
              ) : (
                <span className={styles.text}>{published.url}</span>
              )}
            </>
          )}
          .
        </Text>
      ) : assessment.supersededBy ? (
        <Text>Its correction's notice is the one to publish.</Text>
      ) : manager ? (
        <form
          noValidate
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
          aria-label="Mark the UK9 notice published"
        >
          <Field label="Its address on Find a Tender (optional)" className={styles.grow} validationMessage={fields?.fieldMessage("url")}>
            <Input type="url" value={url} onChange={(_, data) => setUrl(data.value)} placeholder="https://www.find-tender.service.gov.uk/Notice/…" />
          </Field>
          <Field label="Published on" required validationMessage={fields?.fieldMessage("publishedAt")}>
            <Input type="date" value={date} max={ukDate(new Date())} onChange={(_, data) => setDate(data.value)} required />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy !== null || !date}>
            Mark as published
          </Button>
        </form>
      ) : (
        <Text>Not marked published yet.</Text>
      )}
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
    </div>
  );
}


// Score and moderate: score the open workbook, list its issues by severity (selecting one shows
// its cell), or, when it cannot be scored, every problem that stops it and the other issues found;
// and set the accepted % and reason for a selected commitment, then score again.
// Each message shows beside the control whose action it is about.
import {
  Button,
  Field,
  InfoLabel,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { Issue, Refusal, ScoreJsonTender } from "@toms/domain";
import { scoreOpenWorkbook, selectedCommitment, type ScoringRun } from "../evaluation.js";
import { selectCell, writeModeration } from "../office/workbook-adapter.js";
import type { CatalogueCache } from "./catalogues.js";
import { userMessage } from "./errors.js";
import { IssueList } from "./IssueList.js";
import { oneLine, paneInfo, stack } from "./layout.js";
import { ScoreRefusal } from "./ScoreRefusal.js";

type Scored = Extract<ScoringRun, { ok: true }>;
/** The control an action started from: its progress and its failure show there. */
type Place = "score" | "refusal" | "issues" | "selection" | "moderation";
interface Target {
  bidder: string;
  measure: string;
  name: string;
  unit: string;
  quantity: number;
  accepted: number;
}

const marks = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quantityText = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const percentText = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });
/** Column widths that leave the bidder's name the rest of a 300 px pane (padding included). */
const column = (width: number) => ({ width, boxSizing: "border-box" as const });

/** What "SV add" means and when it is flagged, in this tender's settings. */
function svAddExplanation(tender: ScoreJsonTender): string {
  const marking = tender.basis === "percent" ? " This tender's quantitative marks follow SV add." : "";
  return `SV add (social value add) is a bidder's social value as a share of its tender price. An SV add above the tender's deliverability threshold, ${tender.deliverabilityThreshold}% (on the Tender sheet), is flagged so that you check the offer can be delivered.${marking}`;
}

export function Score({ catalogues, scored, onScored }: { catalogues: CatalogueCache; scored: Scored | null; onScored: (run: Scored | null) => void }) {
  const [busy, setBusy] = useState<{ at: Place; label: string } | null>(null);
  const [error, setError] = useState<{ at: Place; message: string } | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [accepted, setAccepted] = useState("100");
  const [reason, setReason] = useState("");

  async function act(at: Place, label: string, work: () => Promise<void>) {
    setBusy({ at, label });
    setError(null);
    try {
      await work();
    } catch (e) {
      setError({ at, message: userMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  /** The progress and the failure of the action started at `at`. */
  function notice(at: Place): ReactNode {
    return (
      <>
        {busy?.at === at && <Spinner size="tiny" label={busy.label} />}
        {error?.at === at && (
          <MessageBar layout="multiline" intent="error">
            <MessageBarBody>{error.message}</MessageBarBody>
          </MessageBar>
        )}
      </>
    );
  }

  /** Scores the open workbook; true when it could be scored. */
  const rescore = async (): Promise<boolean> => {
    const run = await scoreOpenWorkbook((version) => catalogues.get(version));
    if (!run.ok) {
      setRefused(run.refusal);
      // The earlier result no longer stands for the workbook: nothing may be awarded from it.
      onScored(null);
      return false;
    }
    setRefused(null);
    onScored(run);
    return true;
  };

  const score = () => act("score", "Scoring the workbook...", async () => void (await rescore()));

  const show = (at: Place, sheet: string, cell: string) => act(at, "Selecting the cell...", () => selectCell(sheet, cell));

  const useSelection = () =>
    act("selection", "Reading the selected cell...", async () => {
      if (!scored) return;
      const found = await selectedCommitment(scored.scored);
      if (!found) {
        setTarget(null);
        setError({ at: "selection", message: "Select a bidder's quantity on the Commitments sheet (under the bidder's name, on a measure's row), then choose Use the selected cell." });
        return;
      }
      const b = scored.scored.evaluation.bidders.findIndex((x) => x.name === found.bidder);
      const commitment = scored.scored.evaluation.commitments.find((c) => c.measure.code === found.measure);
      const current = commitment?.accepted[b] ?? 1;
      setTarget({ ...found, name: commitment?.measure.name ?? "", unit: commitment?.measure.unit ?? "", quantity: commitment?.quantities[b] ?? 0, accepted: current });
      setAccepted(String(Math.round(current * 10_000) / 100));
    });

  const percent = Number(accepted);
  const validPercent = accepted.trim() !== "" && Number.isFinite(percent) && percent >= 0 && percent <= 100;

  const moderate = () =>
    act("moderation", "Saving the moderation and scoring again...", async () => {
      if (!target) return;
      await writeModeration({ bidder: target.bidder, measure: target.measure, accepted: percent / 100, reason: reason.trim() });
      if (await rescore()) {
        setTarget(null);
        setReason("");
      }
    });

  const issues: Issue[] = scored?.json.issues ?? [];
  const svAdd = scored ? svAddExplanation(scored.json.tender) : "";
  return (
    <section style={stack(12)} aria-label="Score and moderate">
      <Text>Score the open workbook with its catalogue version. Results and Breakdown sheets are written; your other sheets are left as they are.</Text>
      <Button appearance="primary" disabled={busy !== null} onClick={() => void score()}>
        Score the workbook
      </Button>
      {notice("score")}
      {refused && (
        <>
          <ScoreRefusal refusal={refused} onShow={(sheet, cell) => void show("refusal", sheet, cell)} />
          {notice("refusal")}
        </>
      )}
      {scored && !refused && (
        <>
          <Table size="small" aria-label="Results" data-testid="results">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={column(48)}>Rank</TableHeaderCell>
                <TableHeaderCell>Bidder</TableHeaderCell>
                <TableHeaderCell style={column(84)}>
                  <InfoLabel size="small" infoButton={paneInfo(svAdd)}>SV add</InfoLabel>
                </TableHeaderCell>
                <TableHeaderCell style={column(60)}>Total marks</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {scored.json.bidders.map((b) => (
                <TableRow key={b.bidder}>
                  <TableCell>{b.rank}</TableCell>
                  <TableCell title={b.bidder}>
                    <span style={oneLine}>{b.bidder}</span>
                  </TableCell>
                  <TableCell>{b.socialValueAdd === null ? "none" : percentText.format(b.socialValueAdd)}</TableCell>
                  <TableCell>{marks.format(b.totalMarks)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text weight="semibold" as="h2">
            {issues.length === 0 ? "No issues found." : `${issues.length} ${issues.length === 1 ? "issue" : "issues"} to check`}
          </Text>
          {issues.length > 0 && <Text size={200}>Select an issue to show its cell in the workbook.</Text>}
          <IssueList issues={issues} onShow={(sheet, cell) => void show("issues", sheet, cell)} svAdd={svAdd} />
          {notice("issues")}
          <Text weight="semibold" as="h2">Moderate a commitment</Text>
          <Text size={200}>Select a bidder's quantity on the Commitments sheet, then set how much of it you accept and why. It is recorded on the Moderation sheet.</Text>
          <Button disabled={busy !== null} onClick={() => void useSelection()}>
            Use the selected cell
          </Button>
          {notice("selection")}
          {target && (
            <div style={stack(8)} data-testid="moderation">
              <div style={stack(2)}>
                <Text weight="semibold" style={oneLine} title={`${target.bidder}: ${target.measure} ${target.name}`}>
                  {target.bidder}: {target.measure} {target.name}
                </Text>
                <Text size={200}>
                  Committed: {quantityText.format(target.quantity)} {target.unit}
                  {target.accepted < 1 ? ` (${percentText.format(target.accepted)} accepted so far)` : ""}
                </Text>
              </div>
              <Field
                label="Accepted %"
                validationMessage={validPercent ? undefined : "A percentage from 0 to 100."}
                hint={validPercent ? `Counts ${quantityText.format((target.quantity * percent) / 100)} ${target.unit}.` : undefined}
              >
                <Input type="number" min={0} max={100} value={accepted} onChange={(_, d) => setAccepted(d.value)} />
              </Field>
              <Field label="Reason" required hint="Why only part is accepted, for the audit trail.">
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
              </Field>
              <Button appearance="primary" disabled={busy !== null || !validPercent || reason.trim() === ""} onClick={() => void moderate()}>
                Save and score again
              </Button>
              {notice("moderation")}
            </div>
          )}
        </>
      )}
    </section>
  );
}

// Score and moderate: score the open workbook, list every issue (selecting one shows its cell),
// and set the accepted % and reason for a selected commitment, then score again.
import { Badge, Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import type { Issue, Refusal } from "@toms/domain";
import { scoreOpenWorkbook, selectedCommitment, type ScoringRun } from "../evaluation.js";
import { selectCell, writeModeration } from "../office/workbook-adapter.js";
import type { CatalogueCache } from "./catalogues.js";
import { userMessage } from "./errors.js";
import { stack } from "./layout.js";

type Scored = Extract<ScoringRun, { ok: true }>;
const marks = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SEVERITY = { error: { label: "Error", color: "danger" }, warning: { label: "Warning", color: "warning" }, info: { label: "Note", color: "informative" } } as const;

export function Score({ catalogues, scored, onScored }: { catalogues: CatalogueCache; scored: Scored | null; onScored: (run: Scored) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [target, setTarget] = useState<{ bidder: string; measure: string; name: string; accepted: number } | null>(null);
  const [accepted, setAccepted] = useState("100");
  const [reason, setReason] = useState("");

  async function act(label: string, work: () => Promise<void>) {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(null);
    }
  }

  /** Scores the open workbook; true when it could be scored. */
  const rescore = async (): Promise<boolean> => {
    const run = await scoreOpenWorkbook((version) => catalogues.get(version));
    if (!run.ok) {
      setRefused(run.refusal);
      return false;
    }
    setRefused(null);
    onScored(run);
    return true;
  };

  const score = () => act("Scoring the workbook...", async () => void (await rescore()));

  const show = (sheet: string, cell: string) => act("Selecting the cell...", () => selectCell(sheet, cell));

  const useSelection = () =>
    act("Reading the selected cell...", async () => {
      if (!scored) return;
      const found = await selectedCommitment(scored.scored);
      if (!found) {
        setTarget(null);
        setError("Select a bidder's quantity on the Commitments sheet (under the bidder's name, on a measure's row), then choose Use the selected cell.");
        return;
      }
      const b = scored.scored.evaluation.bidders.findIndex((x) => x.name === found.bidder);
      const commitment = scored.scored.evaluation.commitments.find((c) => c.measure.code === found.measure);
      const current = commitment?.accepted[b] ?? 1;
      setTarget({ ...found, name: commitment?.measure.name ?? "", accepted: current });
      setAccepted(String(Math.round(current * 10_000) / 100));
    });

  const percent = Number(accepted);
  const validPercent = accepted.trim() !== "" && Number.isFinite(percent) && percent >= 0 && percent <= 100;

  const moderate = () =>
    act("Saving the moderation and scoring again...", async () => {
      if (!target) return;
      await writeModeration({ bidder: target.bidder, measure: target.measure, accepted: percent / 100, reason: reason.trim() });
      if (await rescore()) {
        setTarget(null);
        setReason("");
      }
    });

  const issues: Issue[] = scored?.json.issues ?? [];
  return (
    <section style={stack(12)} aria-label="Score and moderate">
      <Text>Score the open workbook with its catalogue version. Results and Breakdown sheets are written; your other sheets are left as they are.</Text>
      <Button appearance="primary" disabled={busy !== null} onClick={() => void score()}>
        Score the workbook
      </Button>
      {busy && <Spinner size="tiny" label={busy} />}
      {error && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {refused && (
        <MessageBar layout="multiline" intent="error" data-testid="refusal">
          <MessageBarBody>{refused.message}</MessageBarBody>
          {refused.sheet && refused.cell && (
            <MessageBarActions>
              <Button size="small" onClick={() => void show(refused.sheet ?? "", refused.cell ?? "A1")}>Show the cell</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {scored && !refused && (
        <>
          <Table size="small" aria-label="Results" data-testid="results">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: 40 }}>Rank</TableHeaderCell>
                <TableHeaderCell>Bidder</TableHeaderCell>
                <TableHeaderCell>Total marks</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {scored.json.bidders.map((b) => (
                <TableRow key={b.bidder}>
                  <TableCell>{b.rank}</TableCell>
                  <TableCell>{b.bidder}</TableCell>
                  <TableCell>{marks.format(b.totalMarks)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text weight="semibold" as="h2">
            {issues.length === 0 ? "No issues found." : `${issues.length} ${issues.length === 1 ? "issue" : "issues"} to check`}
          </Text>
          <ul style={stack(6, { listStyle: "none", margin: 0, padding: 0, maxHeight: 280, overflowY: "auto" })} aria-label="Issues">
            {issues.map((issue, i) => (
              <li key={i}>
                <Button
                  appearance="subtle"
                  style={{ justifyContent: "flex-start", textAlign: "left", width: "100%", height: "auto", padding: 4 }}
                  disabled={!issue.sheet || !issue.cell}
                  onClick={() => void show(issue.sheet ?? "", issue.cell ?? "A1")}
                  title={issue.cell ? "Select this cell in the workbook" : undefined}
                >
                  <span style={stack(2)}>
                    <Badge appearance="tint" color={SEVERITY[issue.severity].color} size="small" style={{ justifySelf: "start" }}>
                      {SEVERITY[issue.severity].label}
                    </Badge>
                    <Text size={200}>{issue.message}</Text>
                  </span>
                </Button>
              </li>
            ))}
          </ul>
          <Text weight="semibold" as="h2">Moderate a commitment</Text>
          <Text size={200}>Select a bidder's quantity on the Commitments sheet, then set how much of it you accept and why. It is recorded on the Moderation sheet.</Text>
          <Button disabled={busy !== null} onClick={() => void useSelection()}>
            Use the selected cell
          </Button>
          {target && (
            <div style={stack(8)} data-testid="moderation">
              <Text>
                {target.bidder}: {target.measure} {target.name}
              </Text>
              <Field label="Accepted %" validationMessage={validPercent ? undefined : "A percentage from 0 to 100."}>
                <Input type="number" min={0} max={100} value={accepted} onChange={(_, d) => setAccepted(d.value)} />
              </Field>
              <Field label="Reason" required hint="Why only part is accepted, for the audit trail.">
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} />
              </Field>
              <Button appearance="primary" disabled={busy !== null || !validPercent || reason.trim() === ""} onClick={() => void moderate()}>
                Save and score again
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

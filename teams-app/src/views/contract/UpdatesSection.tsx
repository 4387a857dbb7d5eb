// Section 2: every revision of every KPI's updates, by period then revision, with who sent and
// reviewed it; the contract manager approves or rejects the updates waiting for review.
import { Badge, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Link, TableCell, TableRow, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { ApiError, type ContractDashboard, type KpiUpdate } from "@toms/client";
import { useEffect, useId, useRef, useState } from "react";
import { inUkWords } from "../../common/format.js";
import { Failed } from "../../common/states.js";
import { FigureTable } from "../../common/table.js";
import { useTab } from "../../common/tab-context.js";
import { VisuallyHidden } from "../../common/visually-hidden.js";
import { actionProblem } from "./action-problems.js";
import { withUnit } from "./kpi-words.js";
import { SendUpdate } from "./SendUpdate.js";
import { pendingCount, reviewWords, safeLink, sentWords, updatesByPeriod, updateStatusWords } from "./update-history.js";
import type { KpiUpdates, LoadedUpdates } from "./use-contract.js";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  kpi: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  cell: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  text: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type DashboardKpi = ContractDashboard["kpis"][number];

export function UpdatesSection({ kpis, updates, manager, onChanged, announce }: { kpis: readonly DashboardKpi[]; updates: KpiUpdates; manager: boolean; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const waiting = kpis.reduce((sum, k) => {
    const own = updates.get(k.kpi.id);
    return sum + (own?.ok ? pendingCount(own.updates) : 0);
  }, 0);
  return (
    <div className={styles.list}>
      <Text>
        {waiting === 0 ? "No update is waiting for review." : `${waiting} ${waiting === 1 ? "update is" : "updates are"} waiting for ${manager ? "your" : "the contract manager's"} review.`} Nothing is overwritten: a correction is a new revision of its period, and the
        latest accepted revision is the value that counts.
      </Text>
      {kpis.map((k) => (
        <KpiUpdateHistory key={k.kpi.id} item={k} loaded={updates.get(k.kpi.id)} manager={manager} onChanged={onChanged} announce={announce} />
      ))}
    </div>
  );
}

function KpiUpdateHistory({ item, loaded, manager, onChanged, announce }: { item: DashboardKpi; loaded: LoadedUpdates | undefined; manager: boolean; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const heading = useId();
  const { kpi } = item;
  const pending = loaded?.ok ? pendingCount(loaded.updates) : 0;
  // The council's own KPI: the manager sends its values, for any period owed, and again for one overdue or rejected.
  const sends = manager && kpi.reporter === "manager";
  const late = sends ? item.periods.filter((p) => p.status === "overdue" || p.status === "rejected") : [];
  return (
    <section className={styles.kpi} aria-labelledby={heading} data-testid={`updates-${kpi.id}`}>
      <div className={styles.head}>
        <Text as="h3" id={heading} size={400} weight="semibold">
          {kpi.title}
        </Text>
        {pending > 0 && (
          <Badge appearance="filled" color="important">
            {pending} waiting for review
          </Badge>
        )}
        {sends && <SendUpdate item={item} onChanged={onChanged} announce={announce} />}
      </div>
      {late.length > 0 && (
        <div className={styles.actions} role="group" aria-label={`${kpi.title}: periods overdue or rejected`}>
          {late.map((p) => (
            <SendUpdate key={p.period} item={item} period={p.period} onChanged={onChanged} announce={announce} />
          ))}
        </div>
      )}
      {!loaded ? null : !loaded.ok ? (
        <Failed error={loaded.error} onRetry={onChanged} />
      ) : loaded.updates.length === 0 ? (
        <Text>{kpi.reporter === "supplier" ? "No update sent yet: the supplier's contacts report this KPI." : "No update sent yet: the council reports this KPI."}</Text>
      ) : (
        <FigureTable
          label={`${kpi.title}: updates by period and revision`}
          tall
          minWidth="760px"
          columns={[...(manager ? ["Review"] : []), "Period and revision", "Value", "Sent by", "Note and evidence", "Status and review"]}
        >
          {updatesByPeriod(loaded.updates).flatMap((group) =>
            group.revisions.map((u) => (
              <TableRow key={u.id} data-testid={`update-${u.id}`} data-status={u.status}>
                {/* First, so that at 320 px Approve and Reject are reached without scrolling sideways. */}
                {manager && (
                  <TableCell>
                    <ReviewActions contractId={kpi.contractId} kpiId={kpi.id} update={u} period={group.label} unit={kpi.unit} onChanged={onChanged} announce={announce} />
                  </TableCell>
                )}
                <TableCell>
                  <div className={styles.cell}>
                    <Text weight="semibold">{group.label}</Text>
                    <Text size={200}>Revision {u.revision}</Text>
                  </div>
                </TableCell>
                <TableCell data-value={u.value}>{withUnit(u.value, kpi.unit)}</TableCell>
                <TableCell>{sentWords(u)}</TableCell>
                <TableCell>
                  <Evidence update={u} period={group.label} />
                </TableCell>
                <TableCell>
                  <div className={styles.cell}>
                    <Text>{updateStatusWords(u)}</Text>
                    {u.review && <Text size={200}>{reviewWords(u)}</Text>}
                    {u.review?.reason && <Text size={200} className={styles.text}>Reason: {u.review.reason}</Text>}
                  </div>
                </TableCell>
              </TableRow>
            )),
          )}
        </FigureTable>
      )}
    </section>
  );
}

/** The supplier's note and evidence, as text: only a web address becomes a link, opened in a new tab. */
function Evidence({ update, period }: { update: KpiUpdate; period: string }) {
  const styles = useStyles();
  const link = safeLink(update.evidenceUrl);
  if (!update.note && !update.evidenceUrl) return <Text size={200}>None</Text>;
  return (
    <div className={styles.cell}>
      {update.note && <Text className={styles.text}>{update.note}</Text>}
      {link ? (
        <Link href={link} target="_blank" rel="noopener noreferrer" className={styles.text} aria-label={`Evidence (opens in a new tab) for ${period}, revision ${update.revision}`}>
          Evidence (opens in a new tab)
        </Link>
      ) : (
        update.evidenceUrl && <Text size={200} className={styles.text}>Evidence given as: {update.evidenceUrl}</Text>
      )}
    </div>
  );
}

function ReviewActions({ contractId, kpiId, update, period, unit, onChanged, announce }: { contractId: string; kpiId: string; update: KpiUpdate; period: string; unit: string; onChanged: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonProblem, setReasonProblem] = useState<string>();
  const [dialogProblem, setDialogProblem] = useState<string>();
  const messageRef = useRef<HTMLDivElement>(null);
  // Once the dialog has closed (the Reject button is gone with it), the focus goes to what was done.
  const [focusMessage, setFocusMessage] = useState(false);
  useEffect(() => {
    if (!focusMessage || rejecting) return;
    setFocusMessage(false);
    messageRef.current?.focus();
  }, [focusMessage, rejecting]);
  const described = useId();
  const what = `the update for ${period} (revision ${update.revision}, ${withUnit(update.value, unit)})`;

  async function send(decision: "approve" | "reject") {
    setBusy(true);
    setMessage(undefined);
    setDialogProblem(undefined);
    try {
      await client.review(contractId, kpiId, update.id, decision === "approve" ? { decision } : { decision, reason: reason.trim() });
      const done = decision === "approve" ? `You approved ${what}: it now counts.` : `You rejected ${what}. The supplier can now send a correction.`;
      setRejecting(false);
      setMessage(done);
      announce(done);
      onChanged();
      setFocusMessage(true);
    } catch (error) {
      const problem = actionProblem("review", error);
      const field = error instanceof ApiError ? error.fieldMessage("reason") : undefined;
      if (decision === "reject" && field && !problem.reload) setReasonProblem(`The reason ${inUkWords(field)}`);
      else if (decision === "reject" && !problem.reload) setDialogProblem(problem.message);
      else {
        setRejecting(false);
        setMessage(problem.message);
      }
      if (problem.reload) onChanged();
    } finally {
      setBusy(false);
    }
  }

  function reject() {
    if (!reason.trim()) {
      setReasonProblem("Give the reason: the supplier needs it to send a correction.");
      return;
    }
    void send("reject");
  }

  return (
    <div className={styles.cell}>
      {update.status === "pending" && (
        <div className={styles.actions}>
          <VisuallyHidden id={described}>{what}</VisuallyHidden>
          <Button appearance="primary" size="small" disabled={busy} onClick={() => void send("approve")} aria-describedby={described}>
            Approve
          </Button>
          {/* The trigger: cancelled or Escaped, the dialog gives the focus back to Reject. */}
          <Dialog
            open={rejecting}
            onOpenChange={(_, data) => {
              if (data.open) {
                setReasonProblem(undefined);
                setDialogProblem(undefined);
              }
              setRejecting(data.open);
            }}
          >
            <DialogTrigger disableButtonEnhancement>
              <Button size="small" disabled={busy} aria-describedby={described}>
                Reject
              </Button>
            </DialogTrigger>
            <DialogSurface>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              reject();
            }}
          >
            <DialogBody>
              <DialogTitle>Reject {what}</DialogTitle>
              <DialogContent>
                <Field label="Why is it rejected? The supplier sees this reason and sends a correction." required validationMessage={reasonProblem}>
                  <Textarea value={reason} onChange={(_, data) => setReason(data.value)} resize="vertical" rows={4} maxLength={2000} />
                </Field>
                {dialogProblem && (
                  <Text role="alert" className={styles.error}>
                    {dialogProblem}
                  </Text>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" type="button" onClick={() => setRejecting(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={busy}>
                  Reject the update
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
            </DialogSurface>
          </Dialog>
        </div>
      )}
      <div ref={messageRef} tabIndex={-1} role="status">
        {message && <Text size={200}>{message}</Text>}
      </div>
    </div>
  );
}

// "Send an update" of a KPI the council reports (reporter "manager"): the contract manager sends
// the value for a period that has begun and has no accepted value. It counts at once, with no
// review. One idempotency key per open of the dialog, so a retry after a lost answer is not
// stored twice.
import { Button, Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { ContractDashboard, KpiPeriod } from "@toms/client";
import { periodLabel } from "@toms/domain";
import { useState } from "react";
import { fieldProblem } from "../../common/problems.js";
import { useTab } from "../../common/tab-context.js";
import { parseFigure } from "./kpi-form.js";
import { withUnit } from "./kpi-words.js";
import { useAction } from "./use-action.js";
import { DialogFormActions } from "./DialogFormActions.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

type DashboardKpi = ContractDashboard["kpis"][number];

/** The periods an update can be sent for: begun, and with no accepted value; the oldest first. */
export function owedPeriods(periods: readonly Pick<KpiPeriod, "period" | "startDate" | "status">[]): string[] {
  return periods
    .filter((p) => p.status !== "not-started" && p.status !== "accepted")
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map((p) => p.period);
}

interface Props {
  item: DashboardKpi;
  /** The period chosen at first; the oldest owed when not given. */
  period?: string;
  onChanged: () => void;
  announce: (words: string) => void;
}

export function SendUpdate({ item, period, onChanged, announce }: Props) {
  const [open, setOpen] = useState(false);
  const choices = owedPeriods(item.periods);
  if (choices.length === 0) return null;
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">{period ? `Send an update for ${periodLabel(period)}` : "Send an update"}</Button>
      </DialogTrigger>
      <DialogSurface>
        {open && (
          <UpdateForm
            item={item}
            choices={choices}
            first={period && choices.includes(period) ? period : (choices[0] ?? "")}
            onChanged={onChanged}
            onDone={(words) => {
              setOpen(false);
              announce(words);
              onChanged();
            }}
          />
        )}
      </DialogSurface>
    </Dialog>
  );
}

function UpdateForm({ item, choices, first, onChanged, onDone }: { item: DashboardKpi; choices: string[]; first: string; onChanged: () => void; onDone: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const { kpi } = item;
  // Made as the dialog opens and kept for every try: a retry after a lost answer is the same request.
  const [key] = useState(() => crypto.randomUUID());
  const [period, setPeriod] = useState(first);
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [evidence, setEvidence] = useState("");
  const [valueProblem, setValueProblem] = useState<string>();
  const sending = useAction("send-update", onChanged);
  const unit = kpi.unit.trim();

  function send() {
    const figure = parseFigure(value);
    if (figure === null || figure === undefined) {
      setValueProblem(figure === null ? "Give the value." : "Must be a number, such as 98 or 97.5.");
      sending.say("The update was not sent: check the fields marked.");
      return;
    }
    setValueProblem(undefined);
    void sending.run(async () => {
      const { update } = await client.recordUpdate(kpi.contractId, kpi.id, { period, value: figure, ...(note.trim() ? { note: note.trim() } : {}), ...(evidence.trim() ? { evidenceUrl: evidence.trim() } : {}) }, key);
      onDone(`Sent: ${withUnit(update.value, kpi.unit)} for ${periodLabel(update.period)}`);
    });
  }

  return (
    <form
      noValidate
      aria-label={`Send an update of ${kpi.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <DialogBody>
        <DialogTitle>Send an update of {kpi.title}</DialogTitle>
        <DialogContent className={styles.form}>
          <Text>The council reports this KPI: the value you send counts at once, with no review. A correction is a new revision of its period.</Text>
          <Field label="Period" required validationMessage={fieldProblem(sending.refusal, "period")}>
            <Select value={period} onChange={(_, data) => setPeriod(data.value)}>
              {choices.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={`Value${unit ? ` (${unit})` : ""}`} required validationMessage={valueProblem ?? fieldProblem(sending.refusal, "value")}>
            <Input inputMode="decimal" value={value} onChange={(_, data) => setValue(data.value)} />
          </Field>
          <Field label="Note (optional)" validationMessage={fieldProblem(sending.refusal, "note")}>
            <Textarea value={note} onChange={(_, data) => setNote(data.value)} resize="vertical" rows={3} maxLength={2000} />
          </Field>
          <Field label="Evidence link (optional)" hint="A web address starting https://" validationMessage={fieldProblem(sending.refusal, "evidenceUrl")}>
            <Input type="url" value={evidence} onChange={(_, data) => setEvidence(data.value)} />
          </Field>
          {sending.problem && (
            <Text role="alert" className={styles.problem}>
              {sending.problem}
            </Text>
          )}
        </DialogContent>
        <DialogFormActions submit="Send the update" disabled={sending.busy} />
      </DialogBody>
    </form>
  );
}

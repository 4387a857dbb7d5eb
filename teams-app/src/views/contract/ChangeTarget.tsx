// "Change the target" of one KPI: a new target (and tolerance) from a chosen period on; earlier
// periods keep theirs, so their ratings stand. Sent with the KPI's ETag as read when the dialog
// opened, so that a change someone made meanwhile is not overwritten.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ApiError, type ContractDashboard, type KpiView } from "@toms/client";
import { periodLabel, ukDate } from "@toms/domain";
import { useEffect, useRef, useState } from "react";
import { fieldProblem } from "../../common/problems.js";
import { WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { figureText, targetChangeOf, type FormProblems } from "./kpi-form.js";
import { withUnit } from "./kpi-words.js";
import { currentVersion, offeredPeriod, targetPeriodChoices } from "./target-periods.js";
import { useAction } from "./use-action.js";
import { DialogFormActions } from "./DialogFormActions.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  pair: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalM, "> *": { flexGrow: 1, flexBasis: "10rem", minWidth: 0 } },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

type DashboardKpi = ContractDashboard["kpis"][number];

interface Props {
  item: DashboardKpi;
  onChanged: () => void;
  onDone: (words: string) => void;
}

export function ChangeTarget({ item, onChanged, onDone }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">Change the target</Button>
      </DialogTrigger>
      <DialogSurface>
        {open && (
          <TargetForm
            item={item}
            onChanged={onChanged}
            onDone={(words) => {
              setOpen(false);
              onDone(words);
            }}
          />
        )}
      </DialogSurface>
    </Dialog>
  );
}

/** The dialog's body: the KPI as stored now (for its ETag and targets), then the form. */
function TargetForm({ item, onChanged, onDone }: Props) {
  const { client } = useTab();
  const { kpi } = item;
  // The dashboard does not carry the KPI's ETag: the KPI is read as the dialog opens, and again after a refusal that finds it stale.
  const stored = useLoad(async () => {
    const found = (await client.kpis(kpi.contractId)).find((k) => k.id === kpi.id);
    if (!found) throw new Error(`The KPI "${kpi.title}" is no longer on this contract.`);
    return found;
  }, [client, kpi.contractId, kpi.id]);
  return (
    <DialogBody>
      <DialogTitle>Change the target of {kpi.title}</DialogTitle>
      {stored.state === "ready" ? (
        <TargetFields item={item} stored={stored.data} reread={stored.retry} onChanged={onChanged} onDone={onDone} />
      ) : (
        <>
          <DialogContent>
            <WhenLoaded loaded={stored} label="Loading the KPI's targets" lines={4} />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
          </DialogActions>
        </>
      )}
    </DialogBody>
  );
}

function TargetFields({ item, stored, reread, onChanged, onDone }: Props & { stored: KpiView; reread: () => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const now = currentVersion(stored.versions);
  const choices = targetPeriodChoices(item.periods, stored.versions);
  const [fromPeriod, setFromPeriod] = useState(() => offeredPeriod(choices, item.periods, ukDate(new Date())) ?? "");
  const [target, setTarget] = useState(() => figureText(now?.target));
  const [tolerance, setTolerance] = useState(() => figureText(now?.tolerance));
  const [problems, setProblems] = useState<FormProblems>({});
  // The ETag read again after a refusal that found the KPI changed meanwhile: the next try is made with it.
  const [etag, setEtag] = useState<string>();
  const changing = useAction("change-target", onChanged);
  const form = useRef<HTMLFormElement>(null);
  // The form replaces the loading state, and the Cancel button that had the focus with it: the
  // focus moves to its first field, so the keyboard (and Escape) stays in the dialog.
  useEffect(() => {
    if (!form.current?.contains(document.activeElement)) form.current?.querySelector<HTMLElement>("select, input, button")?.focus();
  }, []);
  const unit = stored.unit;
  const chosen = choices.find((c) => c.period === fromPeriod);

  function change() {
    const formed = targetChangeOf({ target, tolerance, fromPeriod });
    setProblems(formed.ok ? {} : formed.problems);
    if (!formed.ok) {
      changing.say("The target was not changed: check the fields marked.");
      return;
    }
    void changing.run(async () => {
      let changed: KpiView;
      try {
        changed = await client.editKpi(stored.contractId, stored.id, etag ?? stored.etag, formed.value);
      } catch (error) {
        // Changed meanwhile: useAction reads the page again; the KPI is read again here, before
        // the refusal is shown, so that the next try is made against what is stored now.
        if (error instanceof ApiError && error.status === 412) {
          const again = await client.kpis(stored.contractId).then(
            (all) => all.find((k) => k.id === stored.id),
            () => undefined,
          );
          if (again) setEtag(again.etag);
          reread();
        }
        throw error;
      }
      const label = chosen?.label ?? periodLabel(fromPeriod);
      onDone(`The target of "${changed.title}" is now ${withUnit(formed.value.target ?? 0, unit)} from ${label} on; earlier periods keep theirs.`);
    });
  }

  return (
    <form
      ref={form}
      noValidate
      aria-label={`Change the target of ${stored.title}`}
      onSubmit={(event) => {
        event.preventDefault();
        change();
      }}
    >
      <DialogContent className={styles.form}>
        <Text>
          {now
            ? `The target now is ${withUnit(now.target, unit)} from ${periodLabel(now.fromPeriod)} on, with a tolerance of ${now.tolerance === null ? "10% of the target" : withUnit(now.tolerance, unit)}.`
            : "The KPI has no target yet."}
        </Text>
        {choices.length === 0 ? (
          <Text>No period of this KPI can take a new target: it has no period within the contract's term from its current target on.</Text>
        ) : (
          <>
            <Field label="From" required hint="The first period the new target applies to." validationMessage={fieldProblem(changing.refusal, "fromPeriod")}>
              <Select value={fromPeriod} onChange={(_, data) => setFromPeriod(data.value)}>
                {choices.map((c) => (
                  <option key={c.period} value={c.period}>
                    {c.label}
                  </option>
                ))}
              </Select>
            </Field>
            <div className={styles.pair}>
              <Field label={`New target${unit.trim() ? ` (${unit.trim()})` : ""}`} required validationMessage={problems.target ?? fieldProblem(changing.refusal, "target")}>
                <Input inputMode="decimal" value={target} onChange={(_, data) => setTarget(data.value)} />
              </Field>
              <Field label="Tolerance (optional)" hint="Leave it blank for 10% of the target." validationMessage={problems.tolerance ?? fieldProblem(changing.refusal, "tolerance")}>
                <Input inputMode="decimal" value={tolerance} onChange={(_, data) => setTolerance(data.value)} />
              </Field>
            </div>
            <Text>{chosen && chosen.period !== choices[0]?.period ? `Periods before ${chosen.label} keep the target they had, so their ratings stand.` : "Earlier periods keep the target they had, so their ratings stand."}</Text>
          </>
        )}
        {changing.problem && (
          <Text role="alert" className={styles.problem}>
            {changing.problem}
          </Text>
        )}
      </DialogContent>
      <DialogFormActions submit="Save the new target" disabled={changing.busy || choices.length === 0} />
    </form>
  );
}

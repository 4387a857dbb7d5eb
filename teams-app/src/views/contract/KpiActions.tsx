// The contract manager's way to set the contract's KPIs: add one through a form, or a set of them
// from the KPI template library. The service decides who may (its refusal is shown in its words);
// after each change the page reads the contract again, so its charts, ratings and findings follow.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { KpiTemplate } from "@toms/client";
import type { KpiDirection, KpiFrequency, KpiReporter } from "@toms/domain";
import { useState } from "react";
import { fieldProblem } from "../../common/problems.js";
import { WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { EMPTY_KPI_FIELDS, kpiInputOf, type FormProblems, type KpiFields } from "./kpi-form.js";
import { directionWords, frequencyWords, withUnit } from "./kpi-words.js";
import { sectorLabel, templateAppliedWords } from "./template-words.js";
import { useAction } from "./use-action.js";
import { DialogFormActions } from "./DialogFormActions.js";

const useStyles = makeStyles({
  bar: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  pair: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalM, "> *": { flexGrow: 1, flexBasis: "10rem", minWidth: 0 } },
  templates: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, margin: 0, padding: 0, listStyleType: "none" },
  template: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  kpis: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

interface ActionsProps {
  contractId: string;
  onChanged: () => void;
  announce: (words: string) => void;
}

/** The section's two buttons, and what the last change did. */
export function KpiActions({ contractId, onChanged, announce }: ActionsProps) {
  const styles = useStyles();
  const [done, setDone] = useState<string>();
  const changed = (words: string) => {
    setDone(words);
    announce(words);
    onChanged();
  };
  return (
    <div className={styles.bar}>
      <div className={styles.buttons}>
        <AddKpi contractId={contractId} onChanged={onChanged} onDone={changed} />
        <AddFromTemplate contractId={contractId} onChanged={onChanged} onDone={changed} />
      </div>
      <div role="status" data-testid="kpi-change-done">
        {done && <Text>{done}</Text>}
      </div>
    </div>
  );
}

interface DialogProps {
  contractId: string;
  onChanged: () => void;
  onDone: (words: string) => void;
}

function AddKpi({ contractId, onChanged, onDone }: DialogProps) {
  const styles = useStyles();
  const { client } = useTab();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<KpiFields>(EMPTY_KPI_FIELDS);
  const [problems, setProblems] = useState<FormProblems>({});
  const adding = useAction("add-kpi", onChanged);
  const set = <K extends keyof KpiFields>(field: K, value: KpiFields[K]) => setFields((f) => ({ ...f, [field]: value }));
  // What the form found itself comes first; otherwise what the service said of the field.
  const message = (field: keyof KpiFields) => (field === "target" || field === "tolerance" ? problems[field] : undefined) ?? fieldProblem(adding.refusal, field);

  function add() {
    const formed = kpiInputOf(fields);
    setProblems(formed.ok ? {} : formed.problems);
    if (!formed.ok) {
      adding.say("The KPI was not added: check the fields marked.");
      return;
    }
    void adding.run(async () => {
      const kpi = await client.createKpi(contractId, formed.value);
      setOpen(false);
      setFields(EMPTY_KPI_FIELDS);
      onDone(`The KPI "${kpi.title}" is added: the page now shows it with its periods.`);
    });
  }

  const namesFields = (adding.refusal?.fields.length ?? 0) > 0;
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        setOpen(data.open);
        setProblems({});
        adding.say(undefined);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">Add a KPI</Button>
      </DialogTrigger>
      <DialogSurface>
        <form
          noValidate
          aria-label="Add a KPI"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <DialogBody>
            <DialogTitle>Add a KPI</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Title" required validationMessage={message("title")}>
                <Input value={fields.title} onChange={(_, data) => set("title", data.value)} />
              </Field>
              <Field label="Description (optional)" hint="How it is measured, and where the figure comes from." validationMessage={message("description")}>
                <Textarea value={fields.description} onChange={(_, data) => set("description", data.value)} resize="vertical" rows={3} />
              </Field>
              <div className={styles.pair}>
                <Field label="Unit" required hint='For example "%", "days" or "collections".' validationMessage={message("unit")}>
                  <Input value={fields.unit} onChange={(_, data) => set("unit", data.value)} />
                </Field>
                <Field label="Target" required validationMessage={message("target")}>
                  <Input inputMode="decimal" value={fields.target} onChange={(_, data) => set("target", data.value)} />
                </Field>
              </div>
              <Field
                label="Tolerance (optional)"
                hint={`How far on the wrong side of the target still counts as "Approaching target", in the KPI's unit. Leave it blank for 10% of the target.`}
                validationMessage={message("tolerance")}
              >
                <Input inputMode="decimal" value={fields.tolerance} onChange={(_, data) => set("tolerance", data.value)} />
              </Field>
              <Field label="Which is better?" required validationMessage={message("direction")}>
                <RadioGroup value={fields.direction} onChange={(_, data) => set("direction", data.value as KpiDirection)}>
                  <Radio value="higher" label={`${directionWords("higher")} (a share on time, say)`} />
                  <Radio value="lower" label={`${directionWords("lower")} (days to fix a fault, say)`} />
                </RadioGroup>
              </Field>
              <Field label="How often it is reported" required validationMessage={message("frequency")}>
                <Select value={fields.frequency} onChange={(_, data) => set("frequency", data.value as KpiFrequency)}>
                  <option value="monthly">{frequencyWords("monthly")}</option>
                  <option value="quarterly">{frequencyWords("quarterly")}</option>
                  <option value="annual">{frequencyWords("annual")}</option>
                </Select>
              </Field>
              <Field label="Who reports it" required validationMessage={message("reporter")}>
                <RadioGroup value={fields.reporter} onChange={(_, data) => set("reporter", data.value as KpiReporter)}>
                  <Radio value="supplier" label="The supplier: you review each update" />
                  <Radio value="manager" label="The council: you report it yourself" />
                </RadioGroup>
              </Field>
              {adding.problem && (
                <Text role="alert" className={styles.problem}>
                  {namesFields ? "The KPI was not added: check the fields marked." : adding.problem}
                </Text>
              )}
            </DialogContent>
            <DialogFormActions submit="Add the KPI" disabled={adding.busy} />
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function AddFromTemplate({ contractId, onChanged, onDone }: DialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button>Add KPIs from a template</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Add KPIs from a template</DialogTitle>
          <DialogContent>
            {open && (
              <TemplateLibrary
                contractId={contractId}
                onChanged={onChanged}
                onDone={(words) => {
                  setOpen(false);
                  onDone(words);
                }}
              />
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function TemplateLibrary({ contractId, onChanged, onDone }: DialogProps) {
  const styles = useStyles();
  const { client } = useTab();
  const templates = useLoad(() => client.kpiTemplates(), [client]);
  const applying = useAction("apply-template", onChanged);
  const [which, setWhich] = useState<string>();

  function apply(template: KpiTemplate) {
    setWhich(template.id);
    void applying.run(async () => {
      const added = await client.applyTemplate(contractId, template.id);
      onDone(templateAppliedWords(template.name, template.kpis.length, added.length));
    });
  }

  return (
    <div className={styles.form}>
      <Text>Each template adds all its KPIs together, or none. A KPI whose title the contract already has is not added twice. You can change each target afterwards.</Text>
      <WhenLoaded loaded={templates} label="Loading the KPI template library" lines={6}>
        {(all) => (
          <ul className={styles.templates}>
            {all.map((t) => (
              <Template key={t.id} template={t} busy={applying.busy} problem={which === t.id ? applying.problem : undefined} onApply={() => apply(t)} />
            ))}
          </ul>
        )}
      </WhenLoaded>
    </div>
  );
}

function Template({ template, busy, problem, onApply }: { template: KpiTemplate; busy: boolean; problem: string | undefined; onApply: () => void }) {
  const styles = useStyles();
  return (
    <li className={styles.template} data-testid={`template-${template.id}`}>
      <Text as="h3" size={400} weight="semibold">
        {template.name}
      </Text>
      <Text size={200}>
        {sectorLabel(template.sector)}
        {template.builtIn ? "" : ": added by a procurement officer"}
      </Text>
      {template.description && <Text>{template.description}</Text>}
      <ul className={styles.kpis} aria-label={`The KPIs of ${template.name}`}>
        {template.kpis.map((k) => (
          <li key={k.title}>
            <Text>
              <strong>{k.title}</strong>: target {withUnit(k.target, k.unit)}, tolerance {k.tolerance === undefined ? "10% of the target" : withUnit(k.tolerance, k.unit)}; {directionWords(k.direction).toLowerCase()}; {frequencyWords(k.frequency).toLowerCase()},
              reported by {k.reporter === "supplier" ? "the supplier" : "the council"}.
            </Text>
          </li>
        ))}
      </ul>
      <div>
        <Button appearance="primary" disabled={busy} onClick={onApply}>
          Add the {template.kpis.length} KPIs of {template.name}
        </Button>
      </div>
      {problem && (
        <Text role="alert" className={styles.problem}>
          {problem}
        </Text>
      )}
    </li>
  );
}

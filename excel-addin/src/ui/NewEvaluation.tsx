// New evaluation: choose the catalogue version, the measures and the bidders; the add-in lays out
// the workbook (format v1) from the domain's template.
import { Button, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Option, Spinner, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { PublishedCatalogue } from "../api/client.js";
import type { Session } from "../auth/session.js";
import { layOutEvaluation, SUGGESTED_SETS, suggestedMeasures, type ContractCategory } from "../evaluation.js";
import { versionPicker, type VersionPicker } from "./catalogue-versions.js";
import type { CatalogueCache } from "./catalogues.js";
import { userMessage } from "./errors.js";
import { oneLine, stack } from "./layout.js";
import { PaneDropdown, PaneOption } from "./PaneDropdown.js";

const ALL = "";
const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

type Outcome = { kind: "done" } | { kind: "error"; message: string; existing?: string[] };

export function NewEvaluation({ session, catalogues, onLaidOut }: { session: Session; catalogues: CatalogueCache; onLaidOut: () => void }) {
  const [picker, setPicker] = useState<VersionPicker | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  // Reading the versions or the chosen catalogue failed: said beside the version picker.
  const [loadError, setLoadError] = useState<string | null>(null);
  const [catalogue, setCatalogue] = useState<PublishedCatalogue | null>(null);
  const [search, setSearch] = useState("");
  const [theme, setTheme] = useState(ALL);
  const [outcome, setOutcome] = useState(ALL);
  const [selected, setSelected] = useState<string[]>([]);
  const [bidders, setBidders] = useState("");
  const [reference, setReference] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Outcome | null>(null);

  useEffect(() => {
    session.api.catalogues().then(
      (list) => {
        const read = versionPicker(list);
        setPicker(read);
        setVersion((v) => v ?? read.opening);
      },
      (e: unknown) => setLoadError(userMessage(e)),
    );
  }, [session]);

  useEffect(() => {
    if (version === null) return;
    setCatalogue(null);
    setLoadError(null);
    catalogues.get(version).then(
      (found) => {
        setCatalogue(found);
        if (!found) setLoadError(`Catalogue version ${version} is not published. Choose another version.`);
        setSelected((codes) => codes.filter((code) => found?.measures.some((m) => m.code === code)));
      },
      (e: unknown) => setLoadError(userMessage(e)),
    );
  }, [catalogues, version]);

  const themes = useMemo(() => [...new Set(catalogue?.measures.map((m) => m.theme))], [catalogue]);
  const outcomes = useMemo(() => [...new Set(catalogue?.measures.filter((m) => theme === ALL || m.theme === theme).flatMap((m) => m.outcomes))], [catalogue, theme]);
  const shown = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
    return (catalogue?.measures ?? []).filter(
      (m) =>
        (theme === ALL || m.theme === theme) &&
        (outcome === ALL || m.outcomes.includes(outcome)) &&
        words.every((w) => `${m.code} ${m.name} ${m.unit}`.toLowerCase().includes(w)),
    );
  }, [catalogue, search, theme, outcome]);

  const bidderNames = bidders.split(/\r?\n/).map((b) => b.trim()).filter((b) => b !== "");

  async function layOut(replace: boolean) {
    if (!catalogue) return;
    setBusy(true);
    setResult(null);
    try {
      const outcome = await layOutEvaluation({ catalogue, measures: selected, bidders: bidderNames, ...(reference.trim() ? { reference: reference.trim() } : {}) }, replace);
      if (outcome.ok) {
        setResult({ kind: "done" });
        onLaidOut();
      } else {
        setResult({ kind: "error", message: outcome.message, ...(outcome.existing ? { existing: outcome.existing } : {}) });
      }
    } catch (e) {
      setResult({ kind: "error", message: userMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const toggle = (code: string, on: boolean) => setSelected((codes) => (on ? [...codes, code] : codes.filter((c) => c !== code)));

  return (
    <section style={stack(12)} aria-label="New evaluation">
      <Text>Lay out this workbook for a tender: pick the measures bidders will commit to and name the bidders.</Text>
      <Field
        label="Catalogue version"
        validationState={loadError ? "error" : picker?.notice ? "warning" : "none"}
        validationMessage={loadError ?? picker?.notice ?? undefined}
      >
        <PaneDropdown
          value={picker?.choices.find((c) => c.version === version)?.text ?? version ?? ""}
          selectedOptions={version ? [version] : []}
          onOptionSelect={(_, d) => setVersion(d.optionValue ?? null)}
          placeholder={picker || loadError ? "Choose a version" : "Loading versions..."}
        >
          {picker?.choices.map((c) => (
            <Option key={c.version} value={c.version} text={c.text}>
              {c.label}
            </Option>
          ))}
        </PaneDropdown>
      </Field>
      {!catalogue && version && !loadError && <Spinner size="tiny" label="Loading the catalogue..." />}
      {catalogue && (
        <>
          <div style={{ display: "flex", flexWrap: "wrap", gap: 6, alignItems: "center" }}>
            <Text size={200}>Suggested measures for:</Text>
            {(Object.keys(SUGGESTED_SETS) as ContractCategory[]).map((category) => (
              <Button key={category} size="small" onClick={() => setSelected(suggestedMeasures(catalogue, category))}>
                {category === "goods" ? "Goods" : category === "services" ? "Services" : "Works"}
              </Button>
            ))}
          </div>
          <Field label="Search measures">
            <Input value={search} onChange={(_, d) => setSearch(d.value)} placeholder="Code, name or unit" />
          </Field>
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(140px, 1fr))", gap: 8 }}>
            <Field label="Theme">
              <PaneDropdown value={theme === ALL ? "All themes" : theme} selectedOptions={[theme]} onOptionSelect={(_, d) => { setTheme(d.optionValue ?? ALL); setOutcome(ALL); }}>
                <Option value={ALL}>All themes</Option>
                {themes.map((t) => (
                  <PaneOption key={t} value={t} text={t} />
                ))}
              </PaneDropdown>
            </Field>
            <Field label="Outcome">
              <PaneDropdown
                value={outcome === ALL ? "All outcomes" : outcome}
                selectedOptions={[outcome]}
                onOptionSelect={(_, d) => setOutcome(d.optionValue ?? ALL)}
              >
                <Option value={ALL}>All outcomes</Option>
                {outcomes.map((o) => (
                  <PaneOption key={o} value={o} text={o} />
                ))}
              </PaneDropdown>
            </Field>
          </div>
          <Text size={200}>
            {selected.length} of {catalogue.measures.length} measures chosen{shown.length < catalogue.measures.length ? `; ${shown.length} shown` : ""}.
          </Text>
          <div style={stack(0, { maxHeight: 260, overflowY: "auto" })} role="group" aria-label="Measures">
            {shown.map((m) => {
              const value = m.proxyValue === null ? "record only" : `${catalogue.moneyLabel ?? "£"} ${money.format(m.proxyValue)} per ${m.unit}`;
              return (
                <Checkbox
                  key={m.code}
                  checked={selected.includes(m.code)}
                  onChange={(_, d) => toggle(m.code, d.checked === true)}
                  style={{ minWidth: 0 }}
                  label={{
                    style: { minWidth: 0 },
                    title: `${m.code} ${m.name} (${value})`,
                    children: (
                      <>
                        <span style={oneLine}>{`${m.code} ${m.name}`}</span>
                        <Text size={200} style={oneLine}>{value}</Text>
                      </>
                    ),
                  }}
                />
              );
            })}
          </div>
        </>
      )}
      <Field label="Bidders" hint="One name per line, as they will head the Commitments columns.">
        <Textarea value={bidders} onChange={(_, d) => setBidders(d.value)} rows={4} />
      </Field>
      <Field label="Tender reference" hint="You can also fill it in later on the Tender sheet.">
        <Input value={reference} onChange={(_, d) => setReference(d.value)} />
      </Field>
      <Button appearance="primary" disabled={busy || !catalogue || selected.length === 0 || bidderNames.length === 0} onClick={() => void layOut(false)}>
        Lay out the workbook
      </Button>
      {busy && <Spinner size="tiny" label="Writing the sheets..." />}
      {result?.kind === "done" && (
        <MessageBar layout="multiline" intent="success">
          <MessageBarBody>The workbook is laid out. Check the Tender sheet, fill in the Bidders and Commitments sheets, then score it.</MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === "error" && (
        <MessageBar layout="multiline" intent={result.existing ? "warning" : "error"}>
          <MessageBarBody>{result.message}</MessageBarBody>
          {result.existing && (
            <MessageBarActions>
              <Button size="small" onClick={() => void layOut(true)}>
                Replace them
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </section>
  );
}

// New evaluation: choose the catalogue version, the measures and the bidders; the add-in lays out
// the workbook (format v1) from the domain's template.
import { Button, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Option, Spinner, Text, Textarea } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { CatalogueSummary, PublishedCatalogue } from "../api/client.js";
import type { Session } from "../auth/session.js";
import { layOutEvaluation, SUGGESTED_SETS, suggestedMeasures, type ContractCategory } from "../evaluation.js";
import type { CatalogueCache } from "./catalogues.js";
import { userMessage } from "./errors.js";
import { stack, narrowDropdown } from "./layout.js";

const ALL = "";
const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

type Outcome = { kind: "done" } | { kind: "error"; message: string; existing?: string[] };

export function NewEvaluation({ session, catalogues, onLaidOut }: { session: Session; catalogues: CatalogueCache; onLaidOut: () => void }) {
  const [versions, setVersions] = useState<CatalogueSummary[]>([]);
  const [version, setVersion] = useState<string | null>(null);
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
      (items) => {
        const newest = [...items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
        setVersions(newest);
        setVersion((v) => v ?? newest[0]?.version ?? null);
      },
      (e: unknown) => setResult({ kind: "error", message: userMessage(e) }),
    );
  }, [session]);

  useEffect(() => {
    if (version === null) return;
    setCatalogue(null);
    catalogues.get(version).then(
      (found) => {
        setCatalogue(found);
        setSelected((codes) => codes.filter((code) => found?.measures.some((m) => m.code === code)));
      },
      (e: unknown) => setResult({ kind: "error", message: userMessage(e) }),
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
      <Field label="Catalogue version">
        <Dropdown style={narrowDropdown} value={version ?? ""} selectedOptions={version ? [version] : []} onOptionSelect={(_, d) => setVersion(d.optionValue ?? null)} placeholder="Loading versions...">
          {versions.map((v) => (
            <Option key={v.version} value={v.version} text={v.version}>
              {`${v.version} (${v.measureCount} measures)`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {!catalogue && version && <Spinner size="tiny" label="Loading the catalogue..." />}
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
              <Dropdown style={narrowDropdown} value={theme === ALL ? "All themes" : theme} selectedOptions={[theme]} onOptionSelect={(_, d) => { setTheme(d.optionValue ?? ALL); setOutcome(ALL); }}>
                <Option value={ALL}>All themes</Option>
                {themes.map((t) => (
                  <Option key={t} value={t}>{t}</Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Outcome">
              <Dropdown style={narrowDropdown} value={outcome === ALL ? "All outcomes" : outcome} selectedOptions={[outcome]} onOptionSelect={(_, d) => setOutcome(d.optionValue ?? ALL)}>
                <Option value={ALL}>All outcomes</Option>
                {outcomes.map((o) => (
                  <Option key={o} value={o} text={o}>{o}</Option>
                ))}
              </Dropdown>
            </Field>
          </div>
          <Text size={200}>
            {selected.length} of {catalogue.measures.length} measures chosen{shown.length < catalogue.measures.length ? `; ${shown.length} shown` : ""}.
          </Text>
          <div style={stack(0, { maxHeight: 260, overflowY: "auto" })} role="group" aria-label="Measures">
            {shown.map((m) => (
              <Checkbox
                key={m.code}
                checked={selected.includes(m.code)}
                onChange={(_, d) => toggle(m.code, d.checked === true)}
                label={`${m.code} ${m.name} (${m.proxyValue === null ? "record only" : `${catalogue.moneyLabel ?? "£"} ${money.format(m.proxyValue)} per ${m.unit}`})`}
              />
            ))}
          </div>
        </>
      )}
      <Field label="Bidders" hint="One name per line, as they will head the Commitments columns.">
        <Textarea value={bidders} onChange={(_, d) => setBidders(d.value)} rows={4} />
      </Field>
      <Field label="Tender reference">
        <Input value={reference} onChange={(_, d) => setReference(d.value)} placeholder="You can also fill it in later on the Tender sheet" />
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

// The engagement list for an EDI analyst: the businesses that agreed to be contacted, chosen by
// barrier, sector, size or ownership. It names businesses, so it is loaded (or downloaded) only
// with a purpose, which the service records in the audit log with the businesses listed.
import { Button, Field, Link, MessageBar, MessageBarBody, Select, TableCell, TableRow, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { EngagementRow } from "@toms/client";
import { useRef, useState, type FormEvent } from "react";
import { PageSection } from "../../common/page.js";
import { problemWords } from "../../common/problems.js";
import { saveFile } from "../../common/save-file.js";
import { Empty, Failed, Loading } from "../../common/states.js";
import { FigureTable } from "../../common/table.js";
import { questionnaireFor } from "./baseline-model.js";
import { NO_FILTERS, engagementFilters, filterChoices, purposeProblem, rowWords, type EngagementForm } from "./engagement-model.js";
import { useDiversity } from "./use-diversity.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  filters: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  // A native select is as wide as its longest choice ("Majority-owned by people from ethnic minority
  // groups"): held to the field's width, so the filters fit Teams' 320 px side panel.
  field: { minWidth: "160px", maxWidth: "100%", flex: "0 1 260px", gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

const FILTER_LABELS: Record<keyof EngagementForm, { label: string; any: string }> = {
  barrier: { label: "Barrier named", any: "Any barrier" },
  sector: { label: "Sector", any: "Any sector" },
  size: { label: "Size", any: "Any size" },
  characteristic: { label: "Ownership", any: "Any ownership" },
};

type Listing = { state: "idle" } | { state: "loading" } | { state: "failed"; error: unknown } | { state: "ready"; rows: EngagementRow[] };

export function EngagementSection({ year, questionnaireVersion }: { year: number; questionnaireVersion: string }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const questionnaire = questionnaireFor(questionnaireVersion);
  const choices = filterChoices(questionnaire);
  const [form, setForm] = useState<EngagementForm>(NO_FILTERS);
  const [purpose, setPurpose] = useState("");
  const [checked, setChecked] = useState(false);
  const [listing, setListing] = useState<Listing>({ state: "idle" });
  const [downloading, setDownloading] = useState(false);
  // Which asking for the list is the latest: an answer to an earlier one (other filters) is dropped.
  const asked = useRef(0);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const problem = purposeProblem(purpose);
  const filters = engagementFilters(form, year);

  // A list shown under other filters would be read as this one's: it goes until it is asked for again.
  function changeFilter(key: keyof EngagementForm, value: string) {
    setForm({ ...form, [key]: value });
    asked.current += 1;
    setListing({ state: "idle" });
  }

  async function load(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problem) return;
    const mine = ++asked.current;
    setListing({ state: "loading" });
    try {
      const rows = await diversity.engagement(filters, purpose.trim());
      if (mine === asked.current) setListing({ state: "ready", rows });
    } catch (error) {
      if (mine === asked.current) setListing({ state: "failed", error });
    }
  }

  async function download() {
    setChecked(true);
    if (problem) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      const { blob, fileName } = await diversity.engagementCsv(filters, purpose.trim());
      const href = URL.createObjectURL(blob);
      saveFile(href, fileName);
      // The browser has the file once the click is handled; the address is freed after it.
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  }

  const downloadWords = downloadError ? problemWords(downloadError) : null;
  return (
    <PageSection title={`Businesses to engage, ${year}`} data-testid="engagement">
      <Text>Businesses that answered in {year} and agreed to be contacted about opportunities, such as Meet the Buyer events. The list is for engagement only: never for scoring a tender or awarding a contract.</Text>
      <form className={styles.form} onSubmit={(event) => void load(event)} noValidate>
        <div className={styles.filters} role="group" aria-label="Filters">
          {(Object.keys(FILTER_LABELS) as (keyof EngagementForm)[]).map((key) => (
            <Field key={key} label={FILTER_LABELS[key].label} className={styles.field}>
              <Select className={styles.select} value={form[key]} onChange={(_, data) => changeFilter(key, data.value)}>
                <option value="">{FILTER_LABELS[key].any}</option>
                {choices[key].map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </div>
        <Field label="Why do you need this list?" required hint="It is recorded in the audit log with the businesses listed, and with your name." validationMessage={checked ? problem : undefined}>
          <Textarea value={purpose} onChange={(_, data) => setPurpose(data.value)} resize="vertical" rows={2} maxLength={500} />
        </Field>
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" disabled={listing.state === "loading"}>
            {listing.state === "loading" ? "Loading the list..." : "Show the list"}
          </Button>
          <Button type="button" disabled={downloading} onClick={() => void download()}>
            {downloading ? "Preparing the CSV..." : "Download CSV"}
          </Button>
        </div>
        {downloadWords && (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              The list was not downloaded. {downloadWords.title}: {downloadWords.detail}
            </MessageBarBody>
          </MessageBar>
        )}
      </form>
      {listing.state === "loading" && <Loading label="Loading the businesses to engage" lines={4} />}
      {listing.state === "failed" && <Failed error={listing.error} />}
      {listing.state === "ready" &&
        (listing.rows.length === 0 ? (
          <Empty title="No business matches these filters">Choose "Any" in a filter to widen the list. Only businesses that agreed to be contacted are listed.</Empty>
        ) : (
          <EngagementTable rows={listing.rows} questionnaireVersion={questionnaireVersion} />
        ))}
    </PageSection>
  );
}

function EngagementTable({ rows, questionnaireVersion }: { rows: readonly EngagementRow[]; questionnaireVersion: string }) {
  const questionnaire = questionnaireFor(questionnaireVersion);
  const label = `${rows.length} ${rows.length === 1 ? "business" : "businesses"} to engage`;
  return (
    <>
      <Text role="status">{label}.</Text>
      <FigureTable label={label} minWidth="900px" tall testId="engagement-list" columns={[{ label: "Business", wide: true }, "Contact", "Sector", "Size", { label: "Barriers named", wide: true }, "Ownership"]}>
        {rows.map((row) => {
          const words = rowWords(row, questionnaire);
          return (
            <TableRow key={row.supplierId} data-supplier-id={row.supplierId}>
              <TableCell>{row.supplierName}</TableCell>
              <TableCell>
                {row.contactName ?? "No contact recorded"}
                {row.contactEmail && (
                  <>
                    {" "}
                    <Link href={`mailto:${row.contactEmail}`}>{row.contactEmail}</Link>
                  </>
                )}
              </TableCell>
              <TableCell>{words.sector}</TableCell>
              <TableCell>{words.size}</TableCell>
              <TableCell>{words.barriers}</TableCell>
              <TableCell>{words.ownership}</TableCell>
            </TableRow>
          );
        })}
      </FigureTable>
    </>
  );
}

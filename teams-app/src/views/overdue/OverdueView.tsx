// Who owes what across the manager's contracts: updates and corrections suppliers have not sent,
// and reviews and updates the manager owes, longest owed first; a supplier can be reminded from here.
import { Badge, Button, Field, Link, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { OwedItem } from "@toms/client";
import { periodLabel, ukDate } from "@toms/domain";
import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { ROUTES } from "../../app/routes.js";
import { Fact, Facts } from "../../common/facts.js";
import { formatDate } from "../../common/format.js";
import { Page } from "../../common/page.js";
import { problemWords } from "../../common/problems.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { VisuallyHidden } from "../../common/visually-hidden.js";
import { actionOf, filterCounts, filterOwed, owedFor, owedKey, readFilters, reminderWords, sinceWords, whatWords, whoOwes, writeFilters, type OwedByFilter, type OwedFilters, type WhatFilter } from "./overdue-model.js";
import { promptWords, undeliveredWords } from "./prompt-words.js";

const useStyles = makeStyles({
  filters: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  field: { minWidth: "160px", flex: "0 1 260px" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  heading: { margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  undelivered: { color: tokens.colorPaletteRedForeground1 },
  prompt: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, minWidth: 0 },
});

export default function OverdueView() {
  const { client } = useTab();
  const owed = useLoad(() => client.overdue(), [client]);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const change = (next: Partial<OwedFilters>) => setParams(writeFilters({ ...filters, ...next }), { replace: true });
  return (
    <Page title="Overdue updates and reviews">
      <Text>What suppliers and contract managers have not sent or reviewed by the due date, longest owed first.</Text>
      <WhenLoaded loaded={owed} label="Loading what is owed" lines={10}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="Nothing is overdue">Every update due has been sent and every update sent has been reviewed. Anything that falls overdue will appear here.</Empty>
          ) : (
            <OwedList items={items} filters={filters} onFilters={change} />
          )
        }
      </WhenLoaded>
    </Page>
  );
}

function OwedList({ items, filters, onFilters }: { items: OwedItem[]; filters: OwedFilters; onFilters: (next: Partial<OwedFilters>) => void }) {
  const styles = useStyles();
  const shown = filterOwed(items, filters);
  const counts = filterCounts(items, filters);
  const today = ukDate(new Date());
  const listLabel = useId();
  return (
    <>
      <div className={styles.filters} role="group" aria-label="Filters">
        <Field label="Owed by" className={styles.field}>
          <Select value={filters.owedBy} onChange={(_, data) => onFilters({ owedBy: data.value as OwedByFilter })}>
            <option value="all">Everyone ({counts.owedBy.all})</option>
            <option value="supplier">Suppliers ({counts.owedBy.supplier})</option>
            <option value="manager">Contract managers ({counts.owedBy.manager})</option>
          </Select>
        </Field>
        <Field label="What is owed" className={styles.field}>
          <Select value={filters.what} onChange={(_, data) => onFilters({ what: data.value as WhatFilter })}>
            <option value="all">Everything ({counts.what.all})</option>
            <option value="update">Updates ({counts.what.update})</option>
            <option value="correction">Corrected updates ({counts.what.correction})</option>
            <option value="review">Reviews ({counts.what.review})</option>
          </Select>
        </Field>
      </div>
      <Text id={listLabel} role="status">
        {shown.length === items.length ? `${items.length} ${items.length === 1 ? "item" : "items"} owed.` : `Showing ${shown.length} of the ${items.length} items owed.`}
      </Text>
      {shown.length === 0 ? (
        <Empty title="Nothing owed matches these filters">
          Choose "Everyone" and "Everything" above to see all {items.length} items owed.{" "}
          <Button size="small" onClick={() => onFilters({ owedBy: "all", what: "all" })}>
            Show everything
          </Button>
        </Empty>
      ) : (
        <ul className={styles.list} aria-labelledby={listLabel}>
          {shown.map((item) => (
            <OwedRow key={owedKey(item)} item={item} today={today} />
          ))}
        </ul>
      )}
    </>
  );
}

type Reminding = { state: "idle" } | { state: "sending" } | { state: "failed"; error: unknown } | { state: "done"; reminded: NonNullable<OwedItem["reminded"]>; replayed: boolean };

function OwedRow({ item, today }: { item: OwedItem; today: string }) {
  const styles = useStyles();
  const { client, me } = useTab();
  const [reminding, setReminding] = useState<Reminding>({ state: "idle" });
  const heading = useId();
  const action = actionOf(item);
  const contractHref = `#${ROUTES.contract(item.contractId)}`;

  async function remind() {
    setReminding({ state: "sending" });
    try {
      const { reminder, replayed } = await client.remind(item.contractId, { kpiId: item.kpiId, period: item.period, what: item.what });
      setReminding({ state: "done", replayed, reminded: { at: reminder.requestedAt, by: reminder.requestedBy, ...(reminder.requestedByName ? { byName: reminder.requestedByName } : {}) } });
    } catch (error) {
      setReminding({ state: "failed", error });
    }
  }

  const status = reminding.state === "done" ? reminderWords(reminding.reminded, reminding.replayed) : reminderWords(item.reminded);
  const failure = reminding.state === "failed" ? problemWords(reminding.error) : null;
  const prompt = promptWords(item.prompted);
  return (
    <li className={styles.item} aria-labelledby={heading} data-testid="owed-item" data-contract-id={item.contractId} data-kpi-id={item.kpiId} data-period={item.period} data-what={item.what}>
      <Text as="h2" id={heading} size={400} weight="semibold" className={styles.heading}>
        {item.kpiTitle}
      </Text>
      <Link href={contractHref}>
        {item.contractReference} {item.contractTitle}
      </Link>
      <Facts>
        <Fact term="Owed by">{whoOwes(item, me)}</Fact>
        <Fact term="What">{whatWords(item)}</Fact>
        <Fact term="Period">{periodLabel(item.period)}</Fact>
        <Fact term={sinceWords(item)}>
          <span data-value={item.since}>{formatDate(item.since)}</span>
        </Fact>
        <Fact term="Owed for">{owedFor(item.since, today)}</Fact>
      </Facts>
      <div className={styles.actions}>
        {action.kind === "remind" ? (
          <Button onClick={() => void remind()} disabled={reminding.state === "sending"} aria-describedby={`${heading}-status`}>
            {reminding.state === "sending" ? "Recording the reminder..." : "Remind them"}
          </Button>
        ) : (
          <Link href={contractHref}>{action.label}</Link>
        )}
        <Text size={200} id={`${heading}-status`} role="status" data-testid="reminder-status">
          {status}
        </Text>
      </div>
      <div className={styles.prompt} data-testid="prompt-status" data-state={item.prompted?.state ?? "none"} data-tone={prompt.tone}>
        {prompt.detail === undefined ? (
          <Text size={200}>{prompt.headline}</Text>
        ) : (
          <>
            {/* A problem is marked by the badge's colour and its words, so it reads in every theme. */}
            <Badge appearance="tint" shape="rounded" color={prompt.tone === "failed" ? "danger" : "warning"}>
              {prompt.headline}
            </Badge>
            <VisuallyHidden>: </VisuallyHidden>
            <Text size={200}>{prompt.detail}</Text>
          </>
        )}
      </div>
      {prompt.failedAddresses && (
        <Text size={200} className={styles.undelivered} data-testid="prompt-undelivered" data-addresses={prompt.failedAddresses.join(" ")}>
          {undeliveredWords(prompt.failedAddresses)}
        </Text>
      )}
      {failure && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            The reminder was not recorded. {failure.title}: {failure.detail}
          </MessageBarBody>
        </MessageBar>
      )}
    </li>
  );
}

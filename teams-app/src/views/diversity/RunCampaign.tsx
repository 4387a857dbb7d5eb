// "Run the questionnaire", for a procurement officer (admin): every year's questionnaire, how many
// were asked and answered; for one that is open, its links for a mail merge (the first mailing and each reminder),
// the questionnaire sent in Teams, who has not answered, and closing it; and opening the next
// year's. What it says and decides is in run-campaign-model.ts; the calls are the DiversityClient's.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ApiError, type CampaignView, type DownloadedFile, type TeamsInvitationsSent } from "@toms/client";
import { ukDate } from "@toms/domain";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { formatDate, formatNumber } from "../../common/format.js";
import { PageSection } from "../../common/page.js";
import { fieldProblem, problemWords } from "../../common/problems.js";
import { saveFile } from "../../common/save-file.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useLoad } from "../../common/use-load.js";
import { Reminders } from "./CampaignSection.js";
import {
  campaignState,
  closeConfirmWords,
  closesAtOf,
  closesWords,
  closingDateProblem,
  closingDateRange,
  nextCampaignYear,
  openCampaigns,
  openConfirmWords,
  teamsFailureWords,
  teamsSentHeadline,
  teamsSentLines,
} from "./run-campaign-model.js";
import { ConfirmDialog, useStep } from "../../common/confirm-dialog.js";
import { useDiversity } from "./use-diversity.js";

const useStyles = makeStyles({
  part: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0, paddingBlockStart: tokens.spacingVerticalM, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  heading: { margin: 0, overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  field: { minWidth: 0, maxWidth: "100%", flex: "0 1 220px" },
  lines: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** The part of the Supplier diversity view that runs the questionnaire: for admins only (the view decides). */
export function RunCampaign() {
  const diversity = useDiversity();
  // Raised after opening or closing one, so the list is read again.
  const [changed, setChanged] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const campaigns = useLoad(() => diversity.campaigns(), [diversity], changed);
  function done(words: string) {
    setNotice(words);
    setChanged((n) => n + 1);
  }
  return (
    <PageSection title="Run the questionnaire" data-testid="run-campaign">
      <Text>Once a year the council asks the SMEs in its area who owns them and what gets in their way when they bid. Here you open the year's questionnaire, send its links, remind those who have not answered, and close it. You see who has answered, never what they answered.</Text>
      {notice && (
        <MessageBar intent="success" layout="multiline" data-testid="run-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <WhenLoaded loaded={campaigns} label="Loading the questionnaire's years" lines={4}>
        {(list) => (
          <>
            <CampaignList campaigns={list} />
            {openCampaigns(list).map((campaign) => (
              <OpenCampaign key={campaign.year} campaign={campaign} onClosed={() => done(`The ${campaign.year} questionnaire is closed: its links no longer work. The EDI analysts can now publish its baseline.`)} />
            ))}
            <OpenNext campaigns={list} onOpened={(opened) => done(`The ${opened.year} questionnaire is open until ${formatDate(opened.closesAt)}: ${formatNumber(opened.invited)} ${opened.invited === 1 ? "business is" : "businesses are"} invited. Send them the links next.`)} />
          </>
        )}
      </WhenLoaded>
    </PageSection>
  );
}

function CampaignList({ campaigns }: { campaigns: readonly CampaignView[] }) {
  if (campaigns.length === 0) return <Empty title="No questionnaire has been opened yet">Open this year's below. The SMEs in the council's area are invited, and you then send them its links.</Empty>;
  const sorted = [...campaigns].sort((a, b) => b.year - a.year);
  return (
    <FigureTable label="Every year's questionnaire" testId="campaign-list" columns={["Year", "Status", { label: "Invited", numeric: true }, { label: "Answered", numeric: true }, "Closes"]}>
      {sorted.map((c) => (
        <TableRow key={c.year} data-year={c.year} data-status={c.status}>
          <TableCell>{c.year}</TableCell>
          <TableCell>{campaignState(c)}</TableCell>
          <NumberCell value={c.invited}>{formatNumber(c.invited)}</NumberCell>
          <NumberCell value={c.answered}>{formatNumber(c.answered)}</NumberCell>
          <TableCell>{closesWords(c)}</TableCell>
        </TableRow>
      ))}
    </FigureTable>
  );
}

/** A part of the section, headed by an h3. */
function Part({ title, children, ...attributes }: { title: string; children: ReactNode } & Record<`data-${string}`, string | number>) {
  const styles = useStyles();
  const heading = useId();
  return (
    <section className={styles.part} aria-labelledby={heading} {...attributes}>
      <Text as="h3" id={heading} size={400} weight="semibold" className={styles.heading}>
        {title}
      </Text>
      {children}
    </section>
  );
}

type Sending = { state: "idle" } | { state: "sending" } | { state: "sent"; sent: TeamsInvitationsSent } | { state: "failed"; error: unknown };

function OpenCampaign({ campaign, onClosed }: { campaign: CampaignView; onClosed: () => void }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [sending, setSending] = useState<Sending>({ state: "idle" });
  const { year } = campaign;

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const file: DownloadedFile = await diversity.formLinks(year, "unanswered");
      const href = URL.createObjectURL(file.blob);
      saveFile(href, file.fileName);
      // The browser has the file once the click is handled; the address is freed after it.
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  }

  async function sendInTeams() {
    setSending({ state: "sending" });
    try {
      setSending({ state: "sent", sent: await diversity.sendTeamsInvitations(year) });
    } catch (error) {
      setSending({ state: "failed", error });
    }
  }

  const downloadWords = downloadError ? problemWords(downloadError) : null;
  return (
    <Part title={`The ${year} questionnaire is open`} data-testid="open-campaign" data-year={year}>
      <Text>
        It closes at the end of {formatDate(campaign.closesAt)}. {formatNumber(campaign.answered)} of the {formatNumber(campaign.invited)} businesses invited have answered.
      </Text>
      <Text>
        A download has each business that has not answered yet, with its contact, e-mail address, own link and closing date, ready for a mail merge: use it for the first mailing and again for each reminder. Each download makes new links; links sent before keep working until the questionnaire closes. A business that has answered gets no new link, so that nobody else can open its answers.
      </Text>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={downloading} onClick={() => void download()}>
          {downloading ? "Preparing the links..." : "Download links for a mail merge"}
        </Button>
        <Button disabled={sending.state === "sending"} onClick={() => void sendInTeams()}>
          {sending.state === "sending" ? "Sending in Teams..." : "Send in Teams"}
        </Button>
      </div>
      {downloadWords && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            The links were not downloaded. {downloadWords.title}: {downloadWords.detail}
          </MessageBarBody>
        </MessageBar>
      )}
      <TeamsAnswer sending={sending} />
      <Reminders year={year} />
      <CloseCampaign campaign={campaign} onClosed={onClosed} />
    </Part>
  );
}

/** What the bot answered to Send in Teams, in words. */
function TeamsAnswer({ sending }: { sending: Sending }) {
  const styles = useStyles();
  if (sending.state === "sent") {
    const { sent } = sending;
    return (
      <MessageBar intent={sent.failed > 0 ? "warning" : "info"} layout="multiline" role="status" data-testid="teams-sent">
        <MessageBarBody>
          <MessageBarTitle>{teamsSentHeadline(sent)}</MessageBarTitle>
          <ul className={styles.lines}>
            {teamsSentLines(sent).map((line) => (
              <li key={line.kind} data-kind={line.kind} data-count={line.count}>
                {line.text}
              </li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (sending.state === "failed") {
    const words = teamsFailureWords(sending.error);
    return (
      <MessageBar intent="error" role="alert" layout="multiline" data-testid="teams-failed">
        <MessageBarBody>
          <MessageBarTitle>{words.title}</MessageBarTitle> {words.detail}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

function CloseCampaign({ campaign, onClosed }: { campaign: CampaignView; onClosed: () => void }) {
  const diversity = useDiversity();
  const [open, setOpen] = useState(false);
  const step = useStep();

  const close = () =>
    step.run(async () => {
      await diversity.closeCampaign(campaign.year);
      setOpen(false);
      onClosed();
    });

  return (
    <>
      <div>
        <Button
          onClick={() => {
            step.reset();
            setOpen(true);
          }}
        >
          Close the questionnaire
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Close the ${campaign.year} questionnaire now?`}
        text={closeConfirmWords(campaign)}
        failed="It was not closed."
        error={step.error}
        busy={step.busy}
        cancel="Keep it open"
        confirm="Close it"
        confirming="Closing..."
        onConfirm={() => void close()}
      />
    </>
  );
}

function OpenNext({ campaigns, onOpened }: { campaigns: readonly CampaignView[]; onOpened: (opened: CampaignView) => void }) {
  const styles = useStyles();
  const diversity = useDiversity();
  const today = ukDate(new Date());
  const year = nextCampaignYear(campaigns, today);
  const range = closingDateRange(today);
  const [date, setDate] = useState("");
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const step = useStep();
  const problem = closingDateProblem(date, today);
  const stillOpen = openCampaigns(campaigns);
  const refused = step.error instanceof ApiError ? step.error : undefined;
  const serviceSays = fieldProblem(refused, "closesAt");

  function ask(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    step.reset();
    if (!problem) setConfirming(true);
  }

  const openIt = () =>
    step.run(async () => {
      const opened = await diversity.openCampaign({ year, closesAt: closesAtOf(date) });
      setConfirming(false);
      setDate("");
      setChecked(false);
      onOpened(opened);
    });

  return (
    <Part title={`Open the ${year} questionnaire`} data-testid="open-next" data-year={year}>
      <Text>
        The SMEs in the council's supplier register that are in the council's area are invited, each through its first contact.
        {stillOpen.length > 0 && ` The ${stillOpen.map((c) => c.year).join(" and ")} questionnaire stays open until you close it or its closing day ends: each year's has its own links.`}
      </Text>
      <form className={styles.form} onSubmit={ask} noValidate>
        <Field label="Closes on" required className={styles.field} hint={`The end of the day, UK time. From ${formatDate(range.min)} to ${formatDate(range.max)}.`} validationMessage={(checked ? problem : undefined) ?? serviceSays}>
          <Input type="date" value={date} min={range.min} max={range.max} onChange={(_, data) => setDate(data.value)} />
        </Field>
        <Button appearance="primary" type="submit">
          Open the {year} questionnaire
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Open the ${year} questionnaire?`}
        text={openConfirmWords(year, date)}
        failed="It was not opened."
        error={step.error}
        busy={step.busy}
        cancel="Cancel"
        confirm="Open it"
        confirming="Opening..."
        onConfirm={() => void openIt()}
      />
    </Part>
  );
}

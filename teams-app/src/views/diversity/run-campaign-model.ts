// What "Run the questionnaire" says and decides, for a procurement officer (admin): which year
// opens next, the closing dates it may have, the closing time sent, what each confirmation says,
// the campaigns in words, and the bot's answer to Send in Teams in words.
import type { CampaignView, Me, TeamsInvitationsSent } from "@toms/client";
import { ApiError } from "@toms/client";
import { CAMPAIGN_MAX_MONTHS } from "@toms/domain";
import { formatDate, formatNumber } from "../../common/format.js";
import { problemWords, type ProblemWords } from "../../common/problems.js";

/** Whether the signed-in person is a procurement officer (admin): the one who runs the questionnaire. */
export function isAdmin(me: Pick<Me, "roles">): boolean {
  return me.roles.includes("admin");
}

/** The campaigns still open, newest first: those an admin can send links for, or close. */
export function openCampaigns(campaigns: readonly CampaignView[]): CampaignView[] {
  return campaigns.filter((c) => c.status === "open").sort((a, b) => b.year - a.year);
}

/** The year an admin opens next: this year's when there is none yet, else the year after the newest. */
export function nextCampaignYear(campaigns: readonly CampaignView[], today: string): number {
  const thisYear = Number(today.slice(0, 4));
  const newest = Math.max(...campaigns.map((c) => c.year), thisYear - 1);
  return Math.max(thisYear, newest + 1);
}

/** A YYYY-MM-DD date `days` and `months` on (in the calendar, not in time). */
function dateAfter(date: string, { days = 0, months = 0 }: { days?: number; months?: number }): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + months);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The closing dates the date picker offers: from tomorrow to the day before 12 months from today
 * (the service refuses a closing time more than 12 months away, and it closes at the end of its day).
 */
export function closingDateRange(today: string): { min: string; max: string } {
  return { min: dateAfter(today, { days: 1 }), max: dateAfter(today, { months: CAMPAIGN_MAX_MONTHS, days: -1 }) };
}

/** What is wrong with the chosen closing date (a YYYY-MM-DD from the picker), in words; undefined when nothing is. */
export function closingDateProblem(date: string, today: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return "Choose the day the questionnaire closes.";
  const { min, max } = closingDateRange(today);
  if (date < min) return "Choose a day after today: the questionnaire needs time for businesses to answer.";
  if (date > max) return `Choose a day within ${CAMPAIGN_MAX_MONTHS} months, on or before ${formatDate(max)}.`;
  return undefined;
}

/** The UK's offset from UTC on a day, as "+01:00" (summer time) or "+00:00". */
function ukOffset(date: string): string {
  const name = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" }).formatToParts(new Date(`${date}T23:00:00Z`)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = name.replace(/^GMT/, "");
  return offset === "" ? "+00:00" : offset;
}

/** The closing time sent for a closing date: the end of that day in UK time, "2027-02-28T23:59:59+00:00". */
export function closesAtOf(date: string): string {
  return `${date}T23:59:59${ukOffset(date)}`;
}

/** What the confirmation to open says: who is invited, when it closes, and that opening sends nothing yet. */
export function openConfirmWords(year: number, date: string): string {
  return `The SMEs in the council's supplier register that are in the council's area will be invited to the ${year} questionnaire, each through the first contact the register has for them. It closes at the end of ${formatDate(date)}. Opening it sends nothing: you send the links next, by mail merge or in Teams. There is one questionnaire a year, so the ${year} one cannot be opened twice.`;
}

/** What the confirmation to close says: the links stop working, and what stays. */
export function closeConfirmWords(campaign: Pick<CampaignView, "year" | "invited" | "answered">): string {
  const waiting = campaign.invited - campaign.answered;
  const left = waiting > 0 ? ` ${formatNumber(waiting)} ${waiting === 1 ? "business has" : "businesses have"} not answered yet and will not be able to.` : "";
  return `Every link to the ${campaign.year} questionnaire stops working at once, the ones in e-mails and in Teams too.${left} The answers given stay, and the EDI analysts can then publish the ${campaign.year} baseline. A closed questionnaire cannot be opened again.`;
}

/** A campaign's state in a word or two, for the list: "Open", "Closed on 5 January 2027", or "Closed". */
export function campaignState(campaign: Pick<CampaignView, "status" | "closedAt">): string {
  if (campaign.status === "open") return "Open";
  return campaign.closedAt ? `Closed on ${formatDate(campaign.closedAt)}` : "Closed";
}

/** When it closes, or closed, in words: "31 December 2026". */
export function closesWords(campaign: Pick<CampaignView, "closesAt" | "closedAt">): string {
  return formatDate(campaign.closedAt ?? campaign.closesAt);
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** One line of the bot's answer, with which count it says (for tests and for its colour). */
export interface SentLine {
  kind: keyof TeamsInvitationsSent;
  count: number;
  text: string;
}

/** The bot's answer to Send in Teams, a line for each count that is not 0 (and always the businesses without a chat). */
export function teamsSentLines(sent: TeamsInvitationsSent): SentLine[] {
  const lines: SentLine[] = [];
  if (sent.sent > 0) lines.push({ kind: "sent", count: sent.sent, text: `${plural(sent.sent, "card was", "cards were")} sent in Teams.` });
  if (sent.failed > 0) lines.push({ kind: "failed", count: sent.failed, text: `${plural(sent.failed, "card", "cards")} could not be sent. Press Send in Teams again later to try ${sent.failed === 1 ? "it" : "them"} again.` });
  if (sent.alreadySent > 0) lines.push({ kind: "alreadySent", count: sent.alreadySent, text: `${plural(sent.alreadySent, "card was", "cards were")} sent before, so not sent again.` });
  lines.push({
    kind: "withoutTeams",
    count: sent.withoutTeams,
    text: sent.withoutTeams > 0 ? `${plural(sent.withoutTeams, "business has", "businesses have")} no Teams chat with the TOMs Suite: send ${sent.withoutTeams === 1 ? "it its link" : "them their links"} by e-mail instead (Download links for a mail merge).` : "Every business that has not answered has a Teams chat with the TOMs Suite.",
  });
  return lines;
}

/** The headline of the bot's answer: whether anything went. */
export function teamsSentHeadline(sent: TeamsInvitationsSent): string {
  if (sent.sent > 0) return "The questionnaire was sent in Teams";
  if (sent.failed > 0) return "Nothing could be sent in Teams this time";
  return "Nothing new to send in Teams";
}

/** Why Send in Teams did not work, in words: a 503 is a service with no Teams bot set up. */
export function teamsFailureWords(error: unknown): ProblemWords {
  if (error instanceof ApiError && error.status === 503)
    return { title: "The Teams bot is not set up", detail: "The TOMs Suite has no Teams bot yet, so it cannot send the questionnaire in Teams. Send the links by e-mail instead (Download links for a mail merge), and ask your IT team to set up the bot.", action: "none" };
  return problemWords(error);
}

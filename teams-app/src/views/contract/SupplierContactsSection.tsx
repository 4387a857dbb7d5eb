// Section 5, for procurement officers and the contract manager: the supplier's contacts, whether
// the bot can reach each in Teams, how prompts reach them and the channel chosen for them; and the
// contract's signed update links (whom each is for, until when, its state), revoked from here.
import { Badge, Button, DialogTrigger, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ContactChannelChoice, ContactView, ContractDashboard, UpdateLinkSummary } from "@toms/client";
import { periodLabel } from "@toms/domain";
import { useId, useState } from "react";
import { ConfirmDialog, useStep } from "../../common/confirm-dialog.js";
import { Empty, WhenLoaded } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { actionProblem } from "./action-problems.js";
import { CHANNEL_CHOICES, channelChangedWords, channelChoiceOf, linkCoversWords, linkDatesWords, linkStateWords, reachWords, revokeConfirmWords, teamsWords } from "./contact-words.js";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  form: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  // A native select is as wide as its longest option unless told otherwise: it must fit a 320 px panel.
  field: { minWidth: 0, flex: "1 1 240px", maxWidth: "360px" },
  select: { minWidth: 0, maxWidth: "100%" },
  action: { alignSelf: "flex-start" },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

export function SupplierContactsSection({ dashboard, announce }: { dashboard: ContractDashboard; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const { contract } = dashboard;
  const contacts = useLoad(() => client.contactsOf(contract.supplierId), [client, contract.supplierId]);
  const links = useLoad(() => client.updateLinksOf(contract.id), [client, contract.id]);
  const titles = new Map(dashboard.kpis.map((k) => [k.kpi.id, k.kpi.title]));
  const supplier = dashboard.supplierName ?? "the supplier";
  return (
    <div className={styles.column}>
      <Text>
        Prompts reach each of {supplier}'s contacts in Teams chat when the bot has a chat with them, and by e-mail with a signed link otherwise, unless a channel is chosen for them here.
      </Text>
      <WhenLoaded loaded={contacts} label="Loading the supplier's contacts" lines={3}>
        {(all) =>
          all.length === 0 ? (
            <Empty title="No contacts yet">A procurement officer adds the supplier's contacts to the supplier register; prompts reach nobody until then.</Empty>
          ) : (
            <ul className={styles.list} aria-label={`${supplier}'s contacts`}>
              {all.map((contact) => (
                <ContactRow key={contact.id} contact={contact} announce={announce} />
              ))}
            </ul>
          )
        }
      </WhenLoaded>
      <Text as="h3" size={400} weight="semibold">
        Update links
      </Text>
      <Text>Each e-mail prompt carries a signed link that opens, without signing in, exactly what that contact owes on this contract. A link is made for each try at sending, so one listed here may not have been e-mailed if that try failed. Revoke one that went astray: it stops working at once.</Text>
      <WhenLoaded loaded={links} label="Loading the contract's update links" lines={3}>
        {(all) =>
          all.length === 0 ? (
            <Empty title="No update links yet">A link is made each time an e-mail prompt to one of the supplier's contacts is tried.</Empty>
          ) : (
            <ul className={styles.list} aria-label="Update links">
              {all.map((link) => (
                <LinkRow key={link.id} contractId={contract.id} link={link} titles={titles} onRevoked={links.retry} announce={announce} />
              ))}
            </ul>
          )
        }
      </WhenLoaded>
    </div>
  );
}

type Saving = { state: "idle" } | { state: "saving" } | { state: "saved"; words: string } | { state: "failed"; words: string };

function ContactRow({ contact: loaded, announce }: { contact: ContactView; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const heading = useId();
  const [contact, setContact] = useState(loaded);
  const [chosen, setChosen] = useState<ContactChannelChoice>(channelChoiceOf(loaded));
  const [saving, setSaving] = useState<Saving>({ state: "idle" });
  const reach = reachWords(contact);
  const unchanged = chosen === channelChoiceOf(contact);

  async function save() {
    setSaving({ state: "saving" });
    try {
      const saved = await client.setContactChannel(contact.supplierId, contact.id, chosen);
      setContact(saved);
      setChosen(channelChoiceOf(saved));
      const words = channelChangedWords(saved);
      setSaving({ state: "saved", words });
      announce(words);
    } catch (error) {
      setSaving({ state: "failed", words: `The channel was not changed. ${actionProblem("set-channel", error).message}` });
    }
  }

  return (
    <li className={styles.item} aria-labelledby={heading} data-testid={`contact-${contact.id}`} data-channel={channelChoiceOf(contact)} data-reach={reach.reach} data-teams-chat={String(contact.teamsChat)}>
      <div className={styles.head}>
        <Text id={heading} weight="semibold">
          {contact.name}
        </Text>
        <Badge appearance="outline" shape="rounded" color={contact.teamsChat ? "brand" : "informative"}>
          {teamsWords(contact)}
        </Badge>
      </div>
      <Text>{contact.email}</Text>
      <Text data-testid="contact-reach" className={reach.reach === "none" ? styles.problem : undefined}>
        Prompts: {reach.words}
      </Text>
      <form
        noValidate
        className={styles.form}
        aria-label={`How prompts reach ${contact.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={`How prompts reach ${contact.name}`} className={styles.field}>
          <Select className={styles.select} select={{ className: styles.select }} value={chosen} onChange={(_, data) => setChosen(data.value as ContactChannelChoice)}>
            {CHANNEL_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={unchanged || saving.state === "saving"}>
          {saving.state === "saving" ? "Saving..." : "Save"}
        </Button>
      </form>
      {saving.state === "saved" && (
        <Text role="status" data-testid="contact-saved">
          {saving.words}
        </Text>
      )}
      {saving.state === "failed" && (
        <Text role="alert" className={styles.problem}>
          {saving.words}
        </Text>
      )}
    </li>
  );
}

function LinkRow({ contractId, link, titles, onRevoked, announce }: { contractId: string; link: UpdateLinkSummary; titles: ReadonlyMap<string, string>; onRevoked: () => void; announce: (words: string) => void }) {
  const styles = useStyles();
  const { client } = useTab();
  const heading = useId();
  const [open, setOpen] = useState(false);
  const step = useStep();

  const revoke = () =>
    step.run(async () => {
      const revoked = await client.revokeUpdateLink(contractId, link.id);
      setOpen(false);
      announce(`The link for ${revoked.contactName} at ${revoked.address} is revoked: it no longer works.`);
      onRevoked();
    });

  return (
    <li className={styles.item} aria-labelledby={heading} data-testid={`update-link-${link.id}`} data-state={link.state}>
      <div className={styles.head}>
        <Text id={heading} weight="semibold">
          {link.contactName}
        </Text>
        <Badge appearance="tint" shape="rounded" color={link.state === "active" ? "success" : "informative"} data-testid="link-state">
          {linkStateWords(link)}
        </Badge>
      </div>
      <Text>For {link.address}</Text>
      <Text>{linkDatesWords(link)}</Text>
      <Text size={200}>{linkCoversWords(link.items, titles, periodLabel)}</Text>
      {link.state === "active" && (
        <ConfirmDialog
          open={open}
          onOpenChange={(next) => {
            if (next) step.reset();
            setOpen(next);
          }}
          trigger={
            <DialogTrigger key="trigger" disableButtonEnhancement>
              <Button className={styles.action} aria-label={`Revoke the link for ${link.contactName}`}>
                Revoke
              </Button>
            </DialogTrigger>
          }
          title={`Revoke the link for ${link.contactName}?`}
          text={revokeConfirmWords(link)}
          failed="It was not revoked."
          error={step.error}
          busy={step.busy}
          cancel="Keep it"
          confirm="Revoke the link"
          confirming="Revoking..."
          onConfirm={() => void revoke()}
        />
      )}
    </li>
  );
}

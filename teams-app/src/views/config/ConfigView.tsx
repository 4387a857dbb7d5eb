// The channel tab's settings page, in Teams' settings frame: what the tab pinned in the channel
// shows (the whole portfolio, one service area or one contract). Outside Teams it says what it is.
import { Combobox, Field, Link, Option, Radio, RadioGroup, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { TabConfigurationHost } from "../../host/index.js";
import { Failed, Loading } from "../../common/states.js";
import { useTab } from "../../common/tab-context.js";
import { useLoad } from "../../common/use-load.js";
import { choiceOf, configurationOf, contractText, matchContracts, serviceAreaChoices, type ChoiceKind, type ContractChoice, type TabChoice } from "./config-model.js";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    maxWidth: "640px",
    minWidth: 0,
    color: tokens.colorNeutralForeground1,
  },
  heading: { margin: 0 },
  field: { maxWidth: "100%" },
  combobox: { width: "100%", minWidth: 0 },
});

/** Options shown at once in the contract list; typing narrows the rest. */
const CONTRACTS_LISTED = 50;

export default function ConfigView() {
  const styles = useStyles();
  const { host } = useTab();
  return (
    <main className={styles.page}>
      <Text as="h1" size={600} weight="semibold" className={styles.heading}>
        Channel tab settings
      </Text>
      {host.configuration ? (
        <Settings configuration={host.configuration} />
      ) : (
        <>
          <Text>This page sets what the tab pinned in a Teams channel shows: your whole portfolio, one service area, or one contract. Teams opens it when you add the tab to a channel, or choose Settings on the tab.</Text>
          <Text>
            There is nothing to set here outside Teams. <Link href="#/">Go to your portfolio</Link>.
          </Text>
        </>
      )}
    </main>
  );
}

function Settings({ configuration }: { configuration: TabConfigurationHost }) {
  const { client } = useTab();
  const choices = useLoad(async () => {
    const [portfolio, areas] = await Promise.all([client.portfolio(), client.serviceAreas()]);
    return {
      contracts: portfolio.byContract.map(({ contractId, reference, title }) => ({ contractId, reference, title })),
      areas: serviceAreaChoices(
        areas,
        portfolio.byServiceArea.map((a) => a.serviceArea),
      ),
    };
  }, [client]);
  if (choices.state === "loading") return <Loading label="Loading your service areas and contracts" lines={5} />;
  if (choices.state === "failed") return <Failed error={choices.error} onRetry={choices.retry} />;
  return <Chooser configuration={configuration} contracts={choices.data.contracts} areas={choices.data.areas} />;
}

function Chooser({ configuration, contracts, areas }: { configuration: TabConfigurationHost; contracts: ContractChoice[]; areas: string[] }) {
  const styles = useStyles();
  const [choice, setChoice] = useState<TabChoice>({ kind: "portfolio" });
  const [typed, setTyped] = useState("");
  const saved = configurationOf(choice);
  // Teams asks for the configuration when Save is pressed: the handler, registered once, reads the choice then.
  const current = useRef(saved);
  current.current = saved;
  useEffect(() => {
    configuration.onSave(() => {
      if (!current.current) throw new Error("Choose what the tab shows first.");
      return current.current;
    });
  }, [configuration]);
  const valid = saved !== null;
  useEffect(() => {
    configuration.setValid(valid);
  }, [configuration, valid]);

  const matching = useMemo(() => matchContracts(contracts, typed), [contracts, typed]);
  const chosenContract = choice.kind === "contract" ? choice.contract : null;
  return (
    <>
      <Text>Choose what this channel's tab shows. Everyone in the channel sees the contracts their own role lets them see.</Text>
      <RadioGroup aria-label="The tab shows" value={choice.kind} onChange={(_, data) => setChoice(choiceOf(data.value as ChoiceKind))}>
        <Radio value="portfolio" data-testid="config-choice" label="The whole portfolio of contracts" />
        <Radio value="service-area" data-testid="config-choice" label="One service area's contracts" />
        <Radio value="contract" data-testid="config-choice" label="One contract" />
      </RadioGroup>
      {choice.kind === "service-area" && (
        <Field label="Service area" className={styles.field} hint={areas.length === 0 ? "The council has no service areas listed yet: ask the contracts team to add them." : undefined}>
          <Select value={choice.serviceArea ?? ""} onChange={(_, data) => setChoice({ kind: "service-area", serviceArea: data.value || null })}>
            <option value="">Choose a service area</option>
            {areas.map((area) => (
              <option key={area} value={area}>
                {area}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {choice.kind === "contract" && (
        <Field
          label="Contract"
          className={styles.field}
          hint={contracts.length === 0 ? "You have no contracts to choose from. Choose the portfolio instead, or ask the contracts team to make you a contract's manager." : "Type part of its reference or title."}
        >
          <Combobox
            className={styles.combobox}
            placeholder="e.g. CCC-2024-037 or grounds care"
            value={typed}
            selectedOptions={chosenContract ? [chosenContract.contractId] : []}
            onChange={(event) => {
              setTyped(event.target.value);
              // Typing again un-picks the contract until one is chosen from the list.
              if (chosenContract) setChoice({ kind: "contract", contract: null });
            }}
            onOptionSelect={(_, data) => {
              const contract = contracts.find((c) => c.contractId === data.optionValue) ?? null;
              setChoice({ kind: "contract", contract });
              setTyped(contract ? contractText(contract) : "");
            }}
          >
            {matching.slice(0, CONTRACTS_LISTED).map((c) => (
              <Option key={c.contractId} value={c.contractId} text={contractText(c)}>
                {contractText(c)}
              </Option>
            ))}
            {matching.length === 0 && (
              <Option value="" disabled text="">
                No contract matches "{typed}"
              </Option>
            )}
            {matching.length > CONTRACTS_LISTED && (
              <Option value="" disabled text="">
                {`${matching.length - CONTRACTS_LISTED} more: type more of the reference or title`}
              </Option>
            )}
          </Combobox>
        </Field>
      )}
      <Text role="status">{saved ? `The tab will be called "${saved.displayName}". Press Save to add it.` : choice.kind === "contract" ? "Choose a contract from the list to save." : "Choose a service area to save."}</Text>
    </>
  );
}

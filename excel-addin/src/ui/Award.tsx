// Award: save the scored evaluation to the TOMs service and turn the winning bidder's accepted
// commitments into a contract's social value commitments, after a summary the evaluator confirms.
// The contract is one of the register (the winner's first) or a new one created with the award.
import {
  Button,
  Caption1,
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { CONTRACT_CATEGORIES, sameOrganisationName, type AwardRequest, type AwardResult } from "@toms/domain";
import { ApiError, type Contract, type Me, type SupplierSummary } from "../api/client.js";
import type { Session } from "../auth/session.js";
import type { ScoringRun } from "../evaluation.js";
import {
  awardFigures,
  CONTRACT_FIELDS,
  contractChoices,
  contractDraft,
  contractFromDraft,
  detailsToCompleteText,
  filterChoices,
  moneyText,
  placeProblems,
  suppliersByName,
  suppliersNamed,
  workbookIssues,
  type AwardControl,
  type ContractChoice,
  type ContractDraft,
} from "./award-choices.js";
import { userMessage } from "./errors.js";
import { narrowDropdown, stack } from "./layout.js";
import { PaneDropdown, PaneOption } from "./PaneDropdown.js";
import { RetryMessage } from "./RetryMessage.js";

type Scored = Extract<ScoringRun, { ok: true }>;
type Mode = "existing" | "new";
const amount = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
/** Amounts under a heading that names the money unit. */
const money2 = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Marks closer than this are the same marks (the ranking's tolerance is 0.005). */
const SAME_MARKS = 1e-6;
/** A picker as wide as the pane, never wider. */
const wide = { ...narrowDropdown, width: "100%" };

interface Register {
  contracts: Contract[];
  suppliers: SupplierSummary[];
}

/** Where a message belongs: by a control, or under the Award button. */
interface Messages {
  byControl: Partial<Record<AwardControl, string>>;
  general: string | null;
}
const NO_MESSAGES: Messages = { byControl: {}, general: null };

const invalidAt = (message: string | undefined) => (message ? { validationState: "error" as const, validationMessage: message } : {});

export function Award({ session, me, scored, onScore }: { session: Session; me: Me; scored: Scored | null; onScore: () => void }) {
  const [register, setRegister] = useState<Register | null>(null);
  const [registerError, setRegisterError] = useState<string | null>(null);
  /** Counts the register's loads: "Try again" adds one, which loads it again. */
  const [registerLoads, setRegisterLoads] = useState(0);
  const [moneyLabel, setMoneyLabel] = useState<string | null>(null);
  const [labelError, setLabelError] = useState<string | null>(null);
  const [labelLoads, setLabelLoads] = useState(0);
  /** The council's service areas, which a new contract is chosen into. */
  const [serviceAreas, setServiceAreas] = useState<string[] | null>(null);
  const [areasError, setAreasError] = useState<string | null>(null);
  const [areasLoads, setAreasLoads] = useState(0);
  const [bidder, setBidder] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>("existing");
  const [contractId, setContractId] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [sameOrganisation, setSameOrganisation] = useState(false);
  const [draft, setDraft] = useState<ContractDraft | null>(null);
  const [newSupplierId, setNewSupplierId] = useState<string | null>(null);
  /** The service asked which supplier a new contract is with (one added at an earlier award was renamed): the whole register is offered. */
  const [pickSupplier, setPickSupplier] = useState(false);
  const [reviewed, setReviewed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [messages, setMessages] = useState<Messages>(NO_MESSAGES);
  const [warning, setWarning] = useState<string | null>(null);
  const [awarded, setAwarded] = useState<AwardResult | null>(null);
  // One key per scored evaluation, so pressing Award again never saves it twice.
  const idempotencyKey = useMemo(() => (scored ? crypto.randomUUID() : ""), [scored]);
  const allowed = me.roles.includes("evaluator") || me.roles.includes("admin");
  const version = scored?.json.tender.catalogueVersion;

  useEffect(() => {
    // An answer that comes after the step is left, or after a newer load began, is dropped.
    let current = true;
    Promise.all([session.api.contracts("not started"), session.api.contracts("active"), session.api.suppliers()]).then(
      ([later, now, suppliers]) => current && setRegister({ contracts: [...later, ...now], suppliers }),
      (e: unknown) => current && setRegisterError(`The contracts and suppliers could not be loaded. ${userMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [session, registerLoads]);

  useEffect(() => {
    if (!version) return;
    let current = true;
    session.api.catalogue(version).then(
      (catalogue) => {
        if (!current) return;
        if (catalogue?.moneyLabel) setMoneyLabel(catalogue.moneyLabel);
        else setLabelError(`Catalogue version ${version}, which this workbook is scored with, is not published in the TOMs service, so the award cannot be made: its money unit and values are not known there. Ask a procurement officer to publish it, then try again.`);
      },
      (e: unknown) => current && setLabelError(`The money unit of catalogue version ${version} could not be loaded. ${userMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [session, version, labelLoads]);

  useEffect(() => {
    let current = true;
    session.api.serviceAreas().then(
      (areas) => current && setServiceAreas(areas),
      (e: unknown) => current && setAreasError(`The council's service areas could not be loaded. ${userMessage(e)}`),
    );
    return () => {
      current = false;
    };
  }, [session, areasLoads]);

  const loadRegisterAgain = () => {
    setRegisterError(null);
    setRegisterLoads((n) => n + 1);
  };
  const loadLabelAgain = () => {
    setLabelError(null);
    setLabelLoads((n) => n + 1);
  };
  const loadAreasAgain = () => {
    setAreasError(null);
    setAreasLoads((n) => n + 1);
  };

  useEffect(() => {
    const top = scored?.json.bidders[0]?.bidder ?? null;
    setBidder(top);
    setDraft(scored && top ? contractDraft(scored.scored, top) : null);
    setReviewed(false);
    setAwarded(null);
    setMessages(NO_MESSAGES);
  }, [scored]);

  const choices = useMemo(() => (register && bidder ? contractChoices(register.contracts, register.suppliers, bidder) : { winners: [], others: [] }), [register, bidder]);
  const chosen: ContractChoice | undefined = [...choices.winners, ...choices.others].find((c) => c.contract.id === contractId);
  const named = useMemo(() => (register && bidder ? suppliersNamed(register.suppliers, bidder) : []), [register, bidder]);
  const everySupplier = useMemo(() => (register ? suppliersByName(register.suppliers) : []), [register]);
  const chosenSupplier = register?.suppliers.find((s) => s.id === newSupplierId);

  if (!scored) {
    return (
      <section style={stack(12)} aria-label="Award">
        <Text>Score the workbook first: the award uses the scored commitments.</Text>
        <Button onClick={onScore}>Go to Score and moderate</Button>
      </section>
    );
  }

  const figures = bidder ? awardFigures(scored.scored, bidder) : null;
  const errors = figures?.errors ?? [];
  const needsConfirmation = mode === "existing" && chosen !== undefined && !sameOrganisationName(chosen.supplierName, bidder ?? "");
  const filtering = query !== (chosen?.text ?? "");
  const shown = { winners: filtering ? filterChoices(choices.winners, query) : choices.winners, others: filtering ? filterChoices(choices.others, query) : choices.others };
  const blocked =
    !allowed ||
    !bidder ||
    busy ||
    awarded !== null ||
    moneyLabel === null ||
    register === null ||
    (errors.length > 0 && !reviewed) ||
    (mode === "existing" && (!chosen || chosen.contract.award !== null || (needsConfirmation && !sameOrganisation))) ||
    (mode === "new" && (named.length > 1 || pickSupplier) && !newSupplierId);

  function chooseBidder(name: string | null) {
    setBidder(name);
    setContractId(null);
    setQuery("");
    setSameOrganisation(false);
    setNewSupplierId(null);
    setPickSupplier(false);
    setMessages(NO_MESSAGES);
    if (scored && name) setDraft((previous) => ({ ...(previous ?? contractDraft(scored.scored, name)), value: contractDraft(scored.scored, name).value }));
  }

  function chooseContract(id: string | undefined, text: string) {
    setContractId(id ?? null);
    setQuery(text);
    setSameOrganisation(false);
    setMessages(NO_MESSAGES);
  }

  /** What the service is asked, or the messages by the fields still to fill in. */
  function request(): AwardRequest | Messages {
    if (!bidder) return { byControl: { bidder: "Choose the winning bidder." }, general: null };
    if (mode === "existing") {
      if (!chosen) return { byControl: { contract: "Choose the contract." }, general: null };
      return { bidder, contractId: chosen.contract.id, issuesReviewed: reviewed, ...(needsConfirmation ? { supplierId: chosen.contract.supplierId } : {}) };
    }
    const contract = draft ? contractFromDraft(draft) : { ok: false as const, missing: {} };
    if (!contract.ok) return { byControl: contract.missing, general: null };
    const supplierId = named.length > 1 || pickSupplier ? newSupplierId : null;
    return { bidder, contract: contract.contract, issuesReviewed: reviewed, ...(supplierId ? { supplierId } : {}) };
  }

  async function award() {
    if (!scored) return;
    const asked = request();
    if (!("bidder" in asked)) {
      setMessages(asked);
      return;
    }
    setBusy(true);
    setMessages(NO_MESSAGES);
    setWarning(null);
    try {
      const saved = await session.api.saveEvaluation(scored.scored.evaluation, workbookIssues(scored.scored), idempotencyKey);
      const differs = saved.result.bidders.some((b) => Math.abs(b.totalMarks - (scored.json.bidders.find((x) => x.bidder === b.bidder)?.totalMarks ?? NaN)) > SAME_MARKS);
      if (differs) {
        // Never award on numbers the evaluators did not see: the evaluation is saved, the award waits.
        setWarning("Not awarded: the service's marks differ from the workbook's (the workbook may have changed since it was scored). Score the workbook again, check the Results sheet, then award.");
        return;
      }
      setAwarded(await session.api.award(saved.id, asked));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length > 0) {
        if (mode === "new" && e.fields.some((f) => f.field === "supplierId")) setPickSupplier(true);
        const placed = placeProblems(e.fields);
        setMessages({ byControl: placed.byControl, general: placed.rest.length > 0 ? e.message : null });
      } else {
        setMessages({ byControl: {}, general: userMessage(e) });
      }
    } finally {
      setBusy(false);
    }
  }

  const at = messages.byControl;
  const money = (value: number) => (moneyLabel ? moneyText(moneyLabel, value) : "...");

  return (
    <section style={stack(12)} aria-label="Award">
      <Text>
        Tender {scored.json.tender.reference}: choose the winning bidder and the contract. Their accepted commitments become the contract's social value commitments,
        which contract managers track against delivery.
      </Text>
      {!allowed && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>Only evaluators and administrators can award. You can still score and moderate.</MessageBarBody>
        </MessageBar>
      )}

      {!awarded && (
        <>
          <Field label="Winning bidder" {...invalidAt(at.bidder)}>
            <Dropdown style={wide} value={bidder ?? ""} selectedOptions={bidder ? [bidder] : []} onOptionSelect={(_, d) => chooseBidder(d.optionValue ?? null)}>
              {scored.json.bidders.map((b) => (
                <Option key={b.bidder} value={b.bidder} text={b.bidder}>
                  {`${b.bidder} (rank ${b.rank}, ${amount.format(b.totalMarks)} marks)`}
                </Option>
              ))}
            </Dropdown>
          </Field>

          <RadioGroup value={mode} onChange={(_, d) => { setMode(d.value as Mode); setMessages(NO_MESSAGES); }} aria-label="Which contract">
            <Radio value="existing" label="A contract in the register" />
            <Radio value="new" label="Create a new contract" />
          </RadioGroup>

          {mode === "existing" && (
            <>
              <Field
                label="Contract"
                hint={
                  registerError
                    ? undefined // the failure shows right under the picker instead
                    : register && choices.winners.length === 0 && bidder
                      ? `${bidder} holds no unawarded contract that is active or about to start. Choose another, or create a new contract.`
                      : "Type to search by reference, title or supplier."
                }
                {...invalidAt(at.contract ?? (chosen?.contract.award ? `Already awarded from evaluation ${chosen.contract.award.evaluationReference}. Choose another contract.` : undefined))}
              >
                <Combobox
                  style={wide}
                  value={query}
                  selectedOptions={contractId ? [contractId] : []}
                  onChange={(e) => setQuery(e.target.value)}
                  onOptionSelect={(_, d) => chooseContract(d.optionValue, d.optionText ?? "")}
                  placeholder={register ? "Search or choose the contract" : registerError ? "Contracts not loaded" : "Loading contracts..."}
                >
                  {shown.winners.length > 0 && (
                    <OptionGroup label={`Unawarded, with ${bidder ?? "the winner"}`}>{shown.winners.map(contractOption)}</OptionGroup>
                  )}
                  {shown.others.length > 0 && <OptionGroup label="Other contracts">{shown.others.map(contractOption)}</OptionGroup>}
                  {shown.winners.length + shown.others.length === 0 && (
                    <Option value="" text="" disabled>
                      {register ? `No contract matches "${query}".` : registerError ? "The contracts could not be loaded." : "Loading contracts..."}
                    </Option>
                  )}
                </Combobox>
              </Field>
              {registerError && <RetryMessage message={registerError} onRetry={loadRegisterAgain} />}
              {needsConfirmation && chosen && (
                <Field
                  hint={`The contract is with ${chosen.supplierName}, not ${bidder ?? ""}. Tick only if they are the same organisation; otherwise choose ${bidder ?? "the winner"}'s contract.`}
                  {...invalidAt(at.supplier)}
                >
                  <Checkbox checked={sameOrganisation} onChange={(_, d) => setSameOrganisation(d.checked === true)} label={`${chosen.supplierName} is the same organisation as ${bidder ?? ""}`} />
                </Field>
              )}
        </>
      )}

      {mode === "new" && draft && (
        <div style={stack(8)} data-testid="new-contract">
          {CONTRACT_FIELDS.map(({ key, label }) =>
            key === "category" ? (
              <Field key={key} label={label} required {...invalidAt(at.category)}>
                <Dropdown style={wide} value={draft.category} selectedOptions={draft.category ? [draft.category] : []} placeholder="Goods, services or works" onOptionSelect={(_, d) => setDraft({ ...draft, category: d.optionValue ?? "" })}>
                  {CONTRACT_CATEGORIES.map((category) => (
                    <Option key={category} value={category}>
                      {category}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            ) : key === "serviceArea" ? (
              <div key={key} style={stack(4)}>
                <Field label={label} required hint={serviceAreas?.length === 0 ? "No service areas are set up yet: ask a procurement officer to add one." : undefined} {...invalidAt(at.serviceArea)}>
                  <PaneDropdown
                    style={wide}
                    value={draft.serviceArea}
                    selectedOptions={draft.serviceArea ? [draft.serviceArea] : []}
                    disabled={!serviceAreas?.length}
                    placeholder={serviceAreas ? "The contract's directorate" : areasError ? "Service areas not loaded" : "Loading service areas..."}
                    onOptionSelect={(_, d) => setDraft({ ...draft, serviceArea: d.optionValue ?? "" })}
                  >
                    {(serviceAreas ?? []).map((area) => (
                      <PaneOption key={area} value={area} text={area} />
                    ))}
                  </PaneDropdown>
                </Field>
                {areasError && <RetryMessage message={areasError} onRetry={loadAreasAgain} />}
              </div>
            ) : (
              <Field key={key} label={label} required hint={key === "value" ? `Prefilled with ${bidder ?? "the winner"}'s tender price.` : undefined} {...invalidAt(at[key])}>
                <Input
                  type={key === "startDate" || key === "endDate" ? "date" : "text"}
                  inputMode={key === "value" ? "decimal" : undefined}
                  value={draft[key]}
                  onChange={(_, d) => setDraft({ ...draft, [key]: d.value })}
                />
              </Field>
            ),
          )}
          {!register ? (
            // Which supplier the contract is with depends on the register: no guess while it is not loaded.
            registerError ? <RetryMessage message={registerError} onRetry={loadRegisterAgain} /> : <Spinner size="tiny" label="Loading the supplier register..." />
          ) : named.length > 1 || pickSupplier ? (
            <Field
              label="Supplier"
              required
              hint={
                named.length > 1
                  ? `The register has ${named.length} suppliers named like ${bidder ?? "the winner"}: choose the one that won.`
                  : `Choose which supplier of the register ${bidder ?? "the winner"} is.${chosenSupplier ? ` ${detailsToCompleteText(chosenSupplier)}` : ""}`.trim()
              }
              {...invalidAt(at.supplier)}
            >
              <Dropdown style={wide} value={chosenSupplier?.name ?? ""} selectedOptions={newSupplierId ? [newSupplierId] : []} onOptionSelect={(_, d) => setNewSupplierId(d.optionValue ?? null)}>
                {(named.length > 1 ? named : everySupplier).map((s) => (
                  <Option key={s.id} value={s.id} text={s.name}>
                    {`${s.name} (${s.id.slice(0, 8)})`}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          ) : (
            <Caption1 {...(at.supplier ? { role: "alert" } : {})}>
              {at.supplier ??
                (named[0]
                  ? `Supplier: ${named[0].name}, in the register. ${detailsToCompleteText(named[0])}`.trim()
                  : `${bidder ?? "The winner"} is not in the register: the award adds it with its name only, and procurement completes its details.`)}
            </Caption1>
          )}
        </div>
      )}

      {figures && bidder && (
        <div style={stack(8)} data-testid="award-summary" aria-label="Before you award">
          <Text weight="semibold">Before you award</Text>
          <Text>Winner: {bidder}</Text>
          <Text>
            Contract:{" "}
            {mode === "new" ? `a new contract, ${draft?.reference ?? ""} ${draft?.title ?? ""}` : chosen ? `${chosen.text}, with ${chosen.supplierName}` : "not chosen yet"}
          </Text>
          <Text>
            Committed social value: {money(figures.total)} over {figures.commitments} {figures.commitments === 1 ? "commitment" : "commitments"}
          </Text>
          {labelError && <RetryMessage message={labelError} onRetry={loadLabelAgain} />}
          {errors.length > 0 && (
            <Field {...invalidAt(at.issues)}>
              <MessageBar layout="multiline" intent="error">
                <MessageBarBody>
                  {errors.length === 1 ? "1 Error-level scoring issue is" : `${errors.length} Error-level scoring issues are`} still open:
                  <ul style={{ margin: "4px 0", paddingLeft: 16 }}>
                    {errors.map((issue, i) => (
                      <li key={i}>{issue.message}</li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
              <Checkbox checked={reviewed} onChange={(_, d) => setReviewed(d.checked === true)} label="I have reviewed these errors, and the award should go ahead" />
            </Field>
          )}
        </div>
      )}

      <Button appearance="primary" disabled={blocked} onClick={() => void award()}>
        Award
      </Button>
        </>
      )}
      {busy && <Spinner size="tiny" label="Saving the evaluation and the award..." />}
      {messages.general && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{messages.general}</MessageBarBody>
        </MessageBar>
      )}
      {warning && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      )}
      {awarded && (
        <div style={stack(8)} data-testid="awarded">
          <MessageBar layout="multiline" intent="success">
            <MessageBarBody>
              Awarded to {awarded.bidder} on contract {awarded.contractReference}. Committed social value: {moneyText(awarded.moneyLabel, awarded.totalCommittedValue)}.
              {awarded.created.contract && ` Contract ${awarded.contractReference} was added to the register.`}
              {awarded.created.supplier && ` ${awarded.bidder} was added to the register with its name only: procurement completes its details.`}
            </MessageBarBody>
          </MessageBar>
          <Table size="small" aria-label="Commitments awarded">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Measure</TableHeaderCell>
                <TableHeaderCell>Committed</TableHeaderCell>
                <TableHeaderCell>{`Value (${awarded.moneyLabel})`}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {awarded.commitments.map((c) => (
                <TableRow key={c.measure}>
                  <TableCell title={c.name}>{c.measure}</TableCell>
                  <TableCell>{`${amount.format(c.committedQuantity)} ${c.unit}${c.acceptedFraction < 1 ? ` (${amount.format(c.acceptedFraction * 100)}% accepted)` : ""}`}</TableCell>
                  <TableCell>{money2.format(c.committedValue)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

function contractOption(choice: ContractChoice) {
  return (
    <Option key={choice.contract.id} value={choice.contract.id} text={choice.text}>
      <span style={{ display: "grid", minWidth: 0 }}>
        <span style={{ overflowWrap: "anywhere" }}>{choice.text}</span>
        {choice.note && <Caption1>{choice.note}</Caption1>}
      </span>
    </Option>
  );
}

// Award: save the scored evaluation to the TOMs service and turn the chosen bidder's commitments
// into the contract's social value commitments.
import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { AwardResult, Contract, Me } from "../api/client.js";
import type { Session } from "../auth/session.js";
import type { ScoringRun } from "../evaluation.js";
import { userMessage } from "./errors.js";
import { stack, narrowDropdown } from "./layout.js";

type Scored = Extract<ScoringRun, { ok: true }>;
const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
const amount = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
/** Marks closer than this are the same marks (the ranking's tolerance is 0.005). */
const SAME_MARKS = 1e-6;

export function Award({ session, me, scored, onScore }: { session: Session; me: Me; scored: Scored | null; onScore: () => void }) {
  const [contracts, setContracts] = useState<Contract[] | null>(null);
  const [bidder, setBidder] = useState<string | null>(null);
  const [contractId, setContractId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [awarded, setAwarded] = useState<AwardResult | null>(null);
  // One key per scored evaluation, so pressing Award again never saves it twice.
  const idempotencyKey = useMemo(() => (scored ? crypto.randomUUID() : ""), [scored]);
  const allowed = me.roles.includes("evaluator") || me.roles.includes("admin");

  useEffect(() => {
    Promise.all([session.api.contracts("not started"), session.api.contracts("active")]).then(
      ([later, now]) => setContracts([...later, ...now]),
      (e: unknown) => setError(userMessage(e)),
    );
  }, [session]);

  useEffect(() => {
    setBidder(scored?.json.bidders[0]?.bidder ?? null);
    setAwarded(null);
  }, [scored]);

  if (!scored) {
    return (
      <section style={stack(12)} aria-label="Award">
        <Text>Score the workbook first: the award uses the scored commitments.</Text>
        <Button onClick={onScore}>Go to Score and moderate</Button>
      </section>
    );
  }

  const contract = contracts?.find((c) => c.id === contractId);

  async function award() {
    if (!scored || !bidder || !contractId) return;
    setBusy(true);
    setError(null);
    setWarning(null);
    try {
      const saved = await session.api.saveEvaluation(scored.scored.evaluation, idempotencyKey);
      const differs = saved.result.bidders.some((b) => Math.abs(b.totalMarks - (scored.json.bidders.find((x) => x.bidder === b.bidder)?.totalMarks ?? NaN)) > SAME_MARKS);
      if (differs) {
        // Never award on numbers the evaluators did not see: the evaluation is saved, the award waits.
        setWarning("Not awarded: the service's marks differ from the workbook's (the workbook may have changed since it was scored). Score the workbook again, check the Results sheet, then award.");
        return;
      }
      setAwarded(await session.api.award(saved.id, bidder, contractId));
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section style={stack(12)} aria-label="Award">
      <Text>
        Tender {scored.json.tender.reference}: choose the winning bidder and the contract. Their accepted commitments become the contract's social value
        commitments, which contract managers track against delivery.
      </Text>
      {!allowed && (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>Only evaluators and administrators can award. You can still score and moderate.</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Winning bidder">
        <Dropdown style={narrowDropdown} value={bidder ?? ""} selectedOptions={bidder ? [bidder] : []} onOptionSelect={(_, d) => setBidder(d.optionValue ?? null)}>
          {scored.json.bidders.map((b) => (
            <Option key={b.bidder} value={b.bidder} text={b.bidder}>
              {`${b.bidder} (rank ${b.rank}, ${amount.format(b.totalMarks)} marks)`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Contract" hint={contracts?.length === 0 ? "There are no contracts that are active or about to start." : undefined}>
        <Dropdown style={narrowDropdown}
          value={contract ? `${contract.reference} ${contract.title}` : ""}
          selectedOptions={contractId ? [contractId] : []}
          onOptionSelect={(_, d) => setContractId(d.optionValue ?? null)}
          placeholder={contracts ? "Choose the contract" : "Loading contracts..."}
        >
          {(contracts ?? []).map((c) => (
            <Option key={c.id} value={c.id} text={`${c.reference} ${c.title}`}>
              {`${c.reference} ${c.title} (${c.status})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button appearance="primary" disabled={busy || !allowed || !bidder || !contractId || awarded !== null} onClick={() => void award()}>
        Award
      </Button>
      {busy && <Spinner size="tiny" label="Saving the evaluation and the award..." />}
      {error && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>{error}</MessageBarBody>
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
              Awarded to {awarded.bidder}. Committed social value: {pounds.format(awarded.totalCommittedValue)}.
            </MessageBarBody>
          </MessageBar>
          <Table size="small" aria-label="Commitments awarded">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Measure</TableHeaderCell>
                <TableHeaderCell>Committed</TableHeaderCell>
                <TableHeaderCell>Value</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {awarded.commitments.map((c) => (
                <TableRow key={c.measure}>
                  <TableCell title={c.name}>{c.measure}</TableCell>
                  <TableCell>{`${amount.format(c.committedQuantity)} ${c.unit}${c.acceptedFraction < 1 ? ` (${amount.format(c.acceptedFraction * 100)}% accepted)` : ""}`}</TableCell>
                  <TableCell>{pounds.format(c.committedValue)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

// What a person owes now, for the bot's status and update commands and its greeting.
import { DEFAULT_PROMPT_SETTINGS, teamsUserOf, type Principal, type Prompt, type PromptSettings } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { countsOf, scopedContracts } from "../delivery/scoped-contracts.js";
import { contactsReader, contractPrompts } from "./run-prompt-pass.js";

/**
 * The prompts addressed to this Teams user now (a contact by their Entra id, a manager by theirs), across the contracts in their scope, without
 * claiming anything (the pass sends them; this only lists them). Nobody in scope: none.
 *
 * @example
 * const owed = await promptsForUser(deps, user.principal);
 * reply(owed.length === 0 ? "You owe nothing just now." : owed.map((p) => p.kpiTitle).join("\n"));
 */
export async function promptsForUser(deps: AppDeps, principal: Principal, settings: PromptSettings = DEFAULT_PROMPT_SETTINGS): Promise<Prompt[]> {
  const contracts = await scopedContracts(deps, principal);
  if (!contracts || contracts.length === 0) return [];
  const [counts, reminders, digests] = await Promise.all([countsOf(deps, contracts), deps.storage.reminders.unsent(), deps.storage.delivery.digests()]);
  const byContract = new Map(digests.map((d) => [d.contractId, d]));
  const contacts = contactsReader(deps);
  const prompts = await Promise.all(counts.map(({ contract, counts: today }) => contractPrompts(deps, contract, byContract.get(contract.id), today.owed, { settings, contacts, reminders })));
  return prompts.flat().filter((p) => teamsUserOf(p.recipient) === principal.userId);
}

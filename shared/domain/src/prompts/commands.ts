// The words the bot answers in chat, and the one a misspelt word was most likely meant to be.
import { distance } from "fastest-levenshtein";

/** The chat commands the bot answers. */
export const BOT_COMMANDS = ["help", "status", "update", "contracts"] as const;
export type BotCommand = (typeof BOT_COMMANDS)[number];

/**
 * The command a message starts with, or the nearest one when the first word is a near miss (two
 * letters added, removed or changed at most, so "stauts" finds "status"), or undefined when the
 * message is not recognisably a command. Case and surrounding spaces are ignored.
 */
export function nearestCommand(text: string): { command: BotCommand; exact: boolean } | undefined {
  const word = text.trim().toLowerCase().split(/\s+/)[0] ?? "";
  if (word === "") return undefined;
  const exact = BOT_COMMANDS.find((command) => command === word);
  if (exact) return { command: exact, exact: true };
  let best: { command: BotCommand; distance: number } | undefined;
  for (const command of BOT_COMMANDS) {
    const d = distance(word, command);
    if (!best || d < best.distance) best = { command, distance: d };
  }
  return best && best.distance <= 2 ? { command: best.command, exact: false } : undefined;
}

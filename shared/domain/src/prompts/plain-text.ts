// Text a user typed, made safe to show in a card's TextBlock.

/**
 * `text` with markdown and mentions neutralised: Teams renders a TextBlock's markdown, so a note
 * like "[pay here](https://…)" or "<at>Ana</at>" would otherwise become a link or a mention.
 * Markdown characters are escaped with a backslash, and "@" is followed by a zero-width space.
 */
export function plainText(text: string): string {
  return text.replace(/[\\[\]()*_`<>#~|]/g, (c) => `\\${c}`).replace(/@/g, "@\u200B");
}

// Layout helpers that keep the task pane usable at Excel's narrowest width (300 px).
import type { DropdownProps, InfoButtonProps } from "@fluentui/react-components";
import type { CSSProperties } from "react";

/** A vertical stack that never grows wider than the task pane: long labels wrap instead. */
export function stack(gap: number, extra: CSSProperties = {}): CSSProperties {
  return { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap, ...extra };
}

/** Fluent's Dropdown asks for 250px by default, more than half a narrow task pane. */
export const narrowDropdown: CSSProperties = { minWidth: 0 };

/** The pane's padding on each side (App.tsx): the width the pane leaves its content is 100vw less twice this. */
export const PANE_PADDING = 12;

/**
 * A dropdown's popup list as wide as the pane's content, whatever the width of its button (a
 * dropdown in half a row would otherwise get a half-width list that wraps every long option).
 * Spread it into the Dropdown: its height fits the room there is, and it is shifted sideways to
 * stay inside the pane rather than narrowed.
 */
export const paneDropdownList = {
  listbox: { style: { width: `calc(100vw - ${2 * PANE_PADDING}px)`, maxHeight: "60vh" } },
  // Below or above only: a list wider than its button would otherwise flip beside it, off the pane.
  positioning: { autoSize: "height", fallbackPositions: ["below-end", "above-start", "above-end"] },
} satisfies Pick<DropdownProps, "listbox" | "positioning">;

/** One line of text cut off with an ellipsis; give the element its full text as `title`. */
export const oneLine: CSSProperties = { display: "block", minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" };

/**
 * An InfoButton's (or InfoLabel's `infoButton`) explanation, in a popup as wide as the pane
 * allows: Fluent's default draws it inside the button's parent, a table cell here, a word a line.
 */
export function paneInfo(text: string): Pick<InfoButtonProps, "info" | "popover"> {
  return { info: { children: text, style: { width: `min(264px, calc(100vw - ${2 * PANE_PADDING}px))`, boxSizing: "border-box" } }, popover: { inline: false } };
}

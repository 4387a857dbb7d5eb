import type { CSSProperties } from "react";

/** A vertical stack that never grows wider than the task pane: long labels wrap instead. */
export function stack(gap: number, extra: CSSProperties = {}): CSSProperties {
  return { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap, ...extra };
}

/** Fluent's Dropdown asks for 250px by default, more than half a narrow task pane. */
export const narrowDropdown: CSSProperties = { minWidth: 0 };

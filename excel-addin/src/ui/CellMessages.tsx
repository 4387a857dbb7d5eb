// Messages about places in the workbook (scoring issues, what stops a scoring), as a list in which
// selecting a message selects its cell; a message about no one cell is shown as plain text.
import { Button, Text } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { stack } from "./layout.js";

/** A message and the cell it is about, when it is about one (an Issue or a Blocker of the domain). */
export interface CellMessage {
  message: string;
  sheet: string | null;
  cell: string | null;
}

const PADDING = 4;

/**
 * The messages in the order given, named `label` for screen readers. `onShow` selects a cell;
 * `aside` adds a control after a message (an explanation of a term it uses).
 */
export function CellMessages<T extends CellMessage>({ label, items, onShow, aside }: { label: string; items: T[]; onShow: (sheet: string, cell: string) => void; aside?: (item: T) => ReactNode }) {
  return (
    <ul style={stack(6, { listStyle: "none", margin: 0, padding: 0, maxHeight: 280, overflowY: "auto" })} aria-label={label}>
      {items.map((item, i) => {
        const { sheet, cell } = item;
        return (
          <li key={i} style={{ display: "flex", alignItems: "flex-start", gap: 2 }}>
            {sheet && cell ? (
              <Button
                appearance="subtle"
                style={{ justifyContent: "flex-start", textAlign: "left", flex: 1, minWidth: 0, height: "auto", padding: PADDING }}
                onClick={() => onShow(sheet, cell)}
                title="Select this cell in the workbook"
              >
                <Text size={200}>{item.message}</Text>
              </Button>
            ) : (
              // Not a disabled button, whose faded text is hard to read; padded and bordered as a button, to line up.
              <Text size={200} style={{ flex: 1, minWidth: 0, padding: PADDING, border: "1px solid transparent" }}>
                {item.message}
              </Text>
            )}
            {aside?.(item)}
          </li>
        );
      })}
    </ul>
  );
}

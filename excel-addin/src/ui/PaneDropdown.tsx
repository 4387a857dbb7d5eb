// A Dropdown for the task pane: no wider than its place, its list as wide as the pane, and its
// chosen text and its options' texts on one line, cut off with the full text on hover.
import { Dropdown, Option, type DropdownProps } from "@fluentui/react-components";
import { narrowDropdown, oneLine, paneDropdownList } from "./layout.js";

export function PaneDropdown({ value, placeholder, style, ...props }: DropdownProps) {
  return (
    <Dropdown
      {...paneDropdownList}
      {...props}
      style={{ ...narrowDropdown, ...style }}
      value={value}
      placeholder={placeholder}
      button={{ title: value || undefined, children: <span style={oneLine}>{value || placeholder}</span> }}
    />
  );
}

/** An option of a PaneDropdown whose text may be long (an outcome, a theme of an imported catalogue). */
export function PaneOption({ value, text }: { value: string; text: string }) {
  return (
    <Option value={value} text={text}>
      <span style={oneLine} title={text}>{text}</span>
    </Option>
  );
}

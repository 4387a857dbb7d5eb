// A Dropdown for the task pane: no wider than its place, its list as wide as the pane, and its
// chosen text on one line, cut off with the full text on hover.
import { Dropdown, type DropdownProps } from "@fluentui/react-components";
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

// What the pane shows when opened in a plain browser: where it runs and how to add it to Excel.
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Text, Title3, webLightTheme } from "@fluentui/react-components";
import { stack } from "./layout.js";

export function OutsideOffice() {
  return (
    <FluentProvider theme={webLightTheme} style={{ padding: 16, display: "flex", flexDirection: "column", gap: 12 }}>
      <Title3 as="h1">TOMs social value for Excel</Title3>
      <MessageBar layout="multiline" intent="info" data-testid="outside-office">
        <MessageBarBody>
          <MessageBarTitle>This add-in runs inside Excel.</MessageBarTitle>
          This page is the add-in's task pane, so it does nothing in a web browser on its own. Open it from Excel to lay out, score, moderate
          and award social value evaluations.
        </MessageBarBody>
      </MessageBar>
      <Text as="h2" weight="semibold">How to add it to Excel</Text>
      <ol style={stack(6, { margin: 0, paddingInlineStart: 20 })}>
        <li>
          <Text>Ask your TOMs administrator for the add-in's manifest file (manifest.xml).</Text>
        </li>
        <li>
          <Text>Excel on the web: open a workbook, choose Home, then Add-ins, then More Add-ins. Choose Upload My Add-in and pick the manifest
          file.</Text>
        </li>
        <li>
          <Text>Excel on Windows: put the manifest in a shared network folder, add that folder under File, Options, Trust Center, Trust Center
          Settings, Trusted Add-in Catalogs, restart Excel, then choose Home, Add-ins, Advanced, Shared Folder.</Text>
        </li>
        <li>
          <Text>Open the TOMs pane from the Home tab. Your organisation may already have deployed it for you: look for TOMs under Home,
          Add-ins.</Text>
        </li>
      </ol>
    </FluentProvider>
  );
}

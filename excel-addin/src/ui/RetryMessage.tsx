// Something the pane could not load, said by the control that needs it, with a way to try again.
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

/** The failure's message, and a "Try again" that starts the load again. */
export function RetryMessage({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <MessageBar layout="multiline" intent="error">
      <MessageBarBody>{message}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

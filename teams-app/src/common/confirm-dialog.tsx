// The confirmation every consequential step asks for (publish, close, open a questionnaire; revoke a
// link): what will happen, what the service refused if it did, and the two buttons; and the hook
// that runs the step, busy while it runs and keeping what it failed with.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { useState, type JSX } from "react";
import { problemWords } from "./problems.js";

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What opens the dialog (a DialogTrigger), when the dialog holds it. */
  trigger?: JSX.Element;
  title: string;
  text: string;
  /** Said before the service's words when it refused: "It was not published." */
  failed: string;
  error: unknown;
  busy: boolean;
  cancel: string;
  confirm: string;
  /** The confirm button's words while the step runs: "Publishing...". */
  confirming: string;
  onConfirm: () => void;
}

export function ConfirmDialog({ open, onOpenChange, trigger, title, text, failed, error, busy, cancel, confirm, confirming, onConfirm }: ConfirmDialogProps) {
  const words = error ? problemWords(error) : null;
  const surface = (
    <DialogSurface key="surface">
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Text block>{text}</Text>
          {words && (
            <MessageBar intent="error" role="alert" layout="multiline">
              <MessageBarBody>
                {failed} {words.title}: {words.detail}
              </MessageBarBody>
            </MessageBar>
          )}
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" disabled={busy} onClick={() => onOpenChange(false)}>
            {cancel}
          </Button>
          <Button appearance="primary" disabled={busy} onClick={onConfirm}>
            {busy ? confirming : confirm}
          </Button>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
  return (
    // A step under way is not dismissed half way by Escape or a click outside.
    <Dialog open={open} onOpenChange={(_, data) => !busy && onOpenChange(data.open)}>
      {trigger ? [trigger, surface] : surface}
    </Dialog>
  );
}

/** A step the view runs through the service: busy while it runs, and the error it failed with (cleared by `reset` or the next run). */
export function useStep(): { busy: boolean; error: unknown; reset: () => void; run: (step: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    error,
    reset: () => setError(null),
    run: async (step) => {
      setBusy(true);
      setError(null);
      try {
        await step();
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
  };
}

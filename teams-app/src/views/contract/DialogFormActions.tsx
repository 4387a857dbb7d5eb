// The foot of every form in a dialog on the contract page: Cancel closes it, the named button sends.
import { Button, DialogActions, DialogTrigger } from "@fluentui/react-components";

export function DialogFormActions({ submit, disabled }: { submit: string; disabled: boolean }) {
  return (
    <DialogActions>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="secondary" type="button">
          Cancel
        </Button>
      </DialogTrigger>
      <Button appearance="primary" type="submit" disabled={disabled}>
        {submit}
      </Button>
    </DialogActions>
  );
}

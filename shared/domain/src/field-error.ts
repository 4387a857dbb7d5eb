// One field at fault in a request, as the service answers it and every surface shows it.

/** One field at fault, named as the caller sent it ("contractId", "contract.reference"), and what is wrong with it in words. */
export interface FieldError {
  field: string;
  message: string;
}

// The part of the custom functions runtime (provided by Excel in the shared runtime) we use.
declare namespace CustomFunctions {
  function associate(id: string, fn: (...args: never[]) => unknown): void;
  const ErrorCode: { readonly notAvailable: "#N/A"; readonly invalidValue: "#VALUE!" };
  class Error extends globalThis.Error {
    constructor(code: (typeof ErrorCode)[keyof typeof ErrorCode], message?: string);
  }
}

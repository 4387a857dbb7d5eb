// Signed update links (docs/suppliers.md): issued for a contact's owed periods, opened and answered without an account, listed and revoked by the contract's manager.
export { UPDATE_LINK_NOT_VALID, updateTokenHash } from "./link-access.js";
export { issueUpdateLink, type IssueUpdateLinkRequest, type IssuedUpdateLink } from "./issue-update-link.js";
export { openUpdateLink, type UpdateLinkView } from "./open-update-link.js";
export { submitLinkUpdates, linkPrincipal, linkIdempotencyKey, type LinkEntry, type LinkSubmission } from "./submit-link-updates.js";
export { listUpdateLinks, revokeUpdateLink, type UpdateLinkSummary } from "./manage-update-links.js";
export { requestFreshLink, FreshLinkOutcomeUnknown, type FreshLink, type SendFreshLink, type FreshLinkRefusal, type FreshLinkOutcome } from "./request-fresh-link.js";

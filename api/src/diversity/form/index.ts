// The supplier's diversity form page (/diversity/{token}): its router, and the pages and reader it is made of.
export { diversityFormRoutes, FORM_ATTEMPTS, formUrlOf, withoutFormToken, type DiversityFormOptions } from "./form-routes.js";
export { FORM_CONTENT_SECURITY_POLICY, FORM_HEADERS } from "../../pages/form-frame.js";
export { readFormBody, PRIVACY_NOTICE_FIELD, type FormAction, type FormBody, type FormFields } from "./form-body.js";
export { formErrors, type FormError } from "./form-errors.js";
export { renderFormPage, type FormCouncil, type FormPageView } from "./form-page.js";
export { renderDraftSavedPage, renderErasedPage, renderFormOnlyPage, renderLinkNotValidPage, renderServiceProblemPage, renderThanksPage, renderTooLargePage, renderTooManyAttemptsPage, type AfterFormView } from "./notice-pages.js";

// office-addin-mock needs only this enum from office-addin-manifest, a Node package that cannot
// run in a browser; the test page's build puts this module in its place.
export const OfficeApp = {
  Excel: "excel",
  OneNote: "onenote",
  Outlook: "outlook",
  PowerPoint: "powerpoint",
  Project: "project",
  Word: "word",
} as const;

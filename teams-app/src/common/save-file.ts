// Saves a file the page has made (a report, a notice) the way a browser saves a download.

/** Saves what `href` (an object URL) holds as `fileName`, through a link clicked for the person. */
export function saveFile(href: string, fileName: string): void {
  const link = Object.assign(document.createElement("a"), { href, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}

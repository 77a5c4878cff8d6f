/** Starts a browser download of a URL or of text (through a short-lived Blob URL). */

/** Downloads a URL (data:, blob: or same-origin) under a file name. */
export function downloadUrl(href: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/** Downloads text as a file of the given MIME type. */
export function downloadText(text: string, mime: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  downloadUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

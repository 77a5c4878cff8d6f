/** Downloads built client-side: data: URLs for text, and file names that are safe on every OS. */

/** A data: URL holding text (CSV, SVG, GraphML, JSON); also how SVG figures are shown in an <img>. */
export function textDataUrl(text: string, mime: string): string {
  return `data:${mime};charset=utf-8,${encodeURIComponent(text)}`;
}

/** A file-name stem from free text: letters, digits, dot, dash and underscore only. */
export function safeFileStem(text: string): string {
  const clean = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
  return clean || 'download';
}

/** A safe file name with an extension. */
export function safeFileName(stem: string, extension: string): string {
  return `${safeFileStem(stem)}.${extension}`;
}

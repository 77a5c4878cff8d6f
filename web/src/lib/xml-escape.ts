/** Escaping for text and attribute values in generated XML (GraphML, SVG): W3C XML 1.0 §2.2 and §2.4. */

/** Drops the characters XML 1.0 forbids: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
function withoutForbiddenCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const isControl = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const isLoneSurrogate = code >= 0xd800 && code <= 0xdfff;
    if (isControl || isLoneSurrogate || code === 0xfffe || code === 0xffff) continue;
    out += ch;
  }
  return out;
}

/** Text safe inside an element or a double- or single-quoted attribute. */
export function escapeXml(value: string | number | boolean): string {
  return withoutForbiddenCharacters(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

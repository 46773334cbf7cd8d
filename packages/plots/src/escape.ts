/**
 * XML/HTML escaping. Every user-supplied string that reaches an SVG or HTML
 * document passes through {@link escapeXml}.
 */

/**
 * Escape `& < > " '` and drop characters that are not allowed in XML 1.0
 * (C0 controls other than tab/newline/carriage return, lone surrogates, U+FFFE/U+FFFF),
 * so that any input string yields a well-formed document.
 */
export function escapeXml(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 38:
        out += "&amp;";
        continue;
      case 60:
        out += "&lt;";
        continue;
      case 62:
        out += "&gt;";
        continue;
      case 34:
        out += "&quot;";
        continue;
      case 39:
        out += "&#39;";
        continue;
    }
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c === 0xfffe || c === 0xffff) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    out += s[i];
  }
  return out;
}

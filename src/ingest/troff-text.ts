// Man pages (troff source, usually gzip-compressed) -> readable text. Not a troff
// renderer: it drops comments and the request names, keeps their arguments (section
// titles, bold and italic runs) and removes inline font and size escapes, which is what
// matters for search: "\fBgrep\fR searches" becomes "grep searches".

/** True for troff source: a man page begins with comments (.\") or requests (.TH, .Dd). */
export function looksLikeTroff(text: string): boolean {
  const start = text.slice(0, 2000);
  return /^(?:\.\\"|'\\"|\.TH\s|\.Dd\s|\.so\s)/m.test(start) && /^\.(?:TH|SH|Dd|Sh|PP|LP|so)\b/m.test(start);
}

const ESCAPES: Array<[RegExp, string]> = [
  [/\\f(?:\[[^\]]*\]|\(..|.)/g, ''], // font changes: \fB \fR \f(CW \f[B]
  [/\\s[+-]?\d+/g, ''], // size changes
  [/\\\*(?:\[[^\]]*\]|\(..|.)/g, ''], // string registers (\*(lq etc.)
  [/\\\((?:em|en)/g, '-'],
  [/\\\((?:lq|rq|oq|cq|dq)/g, '"'],
  [/\\\(bu/g, '*'],
  [/\\\(co/g, '(c)'],
  [/\\\(../g, ''], // other special characters
  [/\\\[[^\]]*\]/g, ''],
  [/\\[&|^)c%:]/g, ''], // zero-width and break-control escapes
  [/\\-/g, '-'],
  [/\\e/g, '\\'],
  [/\\ /g, ' '],
  [/\\"/g, ''],
];

export function troffToText(source: string): string {
  const lines: string[] = [];
  for (const raw of source.split(/\r?\n/)) {
    if (/^[.']\s*\\"/.test(raw)) continue; // comment line
    let line = raw;
    const request = /^[.']\s*([A-Za-z]{1,3})\b\s*(.*)$/.exec(line);
    if (request) {
      // Requests with no text of their own (spacing, indentation, definitions) go.
      if (/^(?:PP|LP|P|br|sp|in|ti|ne|fi|nf|ad|na|hy|nh|ft|ps|vs|ll|de|ds|nr|if|ie|el|so|TP|IP|RS|RE|HP|PD|UC|Dd|Os|Nm)$/.test(request[1]!) && !/^(?:IP|TP|Nm)$/.test(request[1]!)) {
        lines.push('');
        continue;
      }
      line = request[2]!.replace(/"([^"]*)"/g, '$1');
    } else if (/^[.']/.test(line)) continue;
    for (const [pattern, replacement] of ESCAPES) line = line.replace(pattern, replacement);
    lines.push(line.replace(/\\(.)/g, '$1'));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

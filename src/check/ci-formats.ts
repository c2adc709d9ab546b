import { sortDiagnostics, type Diagnostic, type Severity } from '../shared/diagnostics.js';

/** GitHub workflow commands' levels: a finding becomes an annotation on the pull request. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's data: `%`, CR and LF escaped (as @actions/core's escapeData). */
export const escapeCommandData = (text: string) =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property value: also `:` and `,`, which delimit properties (escapeProperty). */
export const escapeCommandProperty = (text: string) =>
  escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=rule::message`, one line per finding.
 * `prefix` is the docs folder relative to the working folder (the repository root in Actions).
 */
export function formatGithub(list: Diagnostic[], prefix = ''): string {
  return sortDiagnostics(list)
    .map((d) => {
      const props: [string, string | number][] = [];
      if (d.file) {
        props.push(
          ['file', prefix ? `${prefix}/${d.file}` : d.file],
          ['line', d.line],
          ['col', d.column],
        );
        if (d.endLine) props.push(['endLine', d.endLine], ['endColumn', d.endColumn ?? d.column]);
      }
      props.push(['title', d.ruleId]);
      const properties = props
        .map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`)
        .join(',');
      return `::${COMMAND[d.severity]} ${properties}::${escapeCommandData(d.message)}`;
    })
    .join('\n');
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text for an XML attribute or element: markup characters as entities (line breaks and tabs too,
 * which attribute values would otherwise lose), and characters XML 1.0 cannot hold (other control
 * characters, lone surrogates, U+FFFE and U+FFFF) as U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]);
}

/** JUnit XML: one testsuite per file, one failing testcase per finding; a clean run is one passing case. */
export function formatJunit(list: Diagnostic[]): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(list)) {
    const group = byFile.get(d.file);
    if (group) group.push(d);
    else byFile.set(d.file, [d]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="docs2ts check" tests="${list.length || 1}" failures="${list.length}">`,
  ];
  if (!list.length)
    lines.push(
      '  <testsuite name="docs2ts check" tests="1" failures="0">',
      '    <testcase name="no findings" classname="docs2ts"/>',
      '  </testsuite>',
    );
  for (const [file, findings] of byFile) {
    const name = escapeXml(file || '(doc set)');
    lines.push(
      `  <testsuite name="${name}" tests="${findings.length}" failures="${findings.length}">`,
    );
    for (const d of findings) {
      const place = `${d.line}:${d.column}`;
      lines.push(
        `    <testcase name="${escapeXml(`${d.ruleId} at ${place}`)}" classname="${name}"${d.file ? ` file="${name}" line="${d.line}"` : ''}>`,
        `      <failure message="${escapeXml(d.message)}" type="${escapeXml(d.ruleId)}">${escapeXml(`${d.severity}: ${d.file || '(doc set)'}:${place}: ${d.message}`)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

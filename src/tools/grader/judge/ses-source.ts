/**
 * Making compiled cell code acceptable to SES's evaluator without changing what it does. SES refuses
 * any source text containing `<!--`, `-->` or `import(` (and, unless told otherwise, `eval(`), even
 * inside a string, because it cannot parse JavaScript. A cell that prints "a --> b" is ordinary code,
 * so inside string, template and regular-expression literals those sequences are rewritten with
 * escapes of the same value (`\x3C!--`), and inside comments they are blanked. Code outside literals
 * cannot contain them after tslab's CommonJS conversion (dynamic import becomes require).
 *
 * Left out on purpose: tagged templates whose raw text holds such a sequence (String.raw`-->`) would
 * see the escape in `raw`; no notebook does that.
 */
import type * as TS from 'typescript';

const RISKY = /<!--|-->|\bimport\s*(?:\(|\/[/*])|\beval\s*\(/;

const escapeLiteral = (s: string): string => s
  .replace(/<!--/g, '\\x3C!--')
  .replace(/-->/g, '--\\x3E')
  .replace(/\bimport(\s*[(/])/g, '\\x69mport$1')
  .replace(/\beval(\s*\()/g, '\\x65val$1');

/** `js` with the sequences SES rejects made harmless; the same text when it has none (the usual case). */
export function sesSafeSource(js: string, ts: typeof TS): string {
  if (!RISKY.test(js)) return js;
  const sf = ts.createSourceFile('cell.js', js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const edits = new Map<number, [number, string]>();
  const blank = (ranges: TS.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) edits.set(r.pos, [r.end, js.slice(r.pos, r.end).replace(/[^\n]/g, ' ')]);
  };
  const visit = (n: TS.Node): void => {
    blank(ts.getLeadingCommentRanges(js, n.pos));
    blank(ts.getTrailingCommentRanges(js, n.end));
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n) || ts.isRegularExpressionLiteral(n)) {
      const start = n.getStart(sf);
      edits.set(start, [n.end, escapeLiteral(js.slice(start, n.end))]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = js;
  for (const [start, [end, text]] of [...edits].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

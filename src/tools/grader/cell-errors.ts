/**
 * The error lines of an executed cell, for messages: error outputs' "Name: value", and from stderr only
 * the lines that are error messages or tslab's compile errors ("3:5 - Cannot find name 'f'."), never
 * code lines. Used by validate (cells of a kernel run) and the feedback run.
 *
 * Left out on purpose: tracebacks.
 */
import type { ICodeCell } from '@jupyterlab/nbformat';
import { joinMultiline } from '../notebook/notebook-io';

const cut = (s: string, n = 300): string => (s.length > n ? s.slice(0, n - 3) + '...' : s);

export function cellErrorText(cell: ICodeCell): string {
  const parts: string[] = [];
  for (const o of cell.outputs) {
    if (o.output_type === 'error') parts.push(`${o.ename}: ${o.evalue}`);
    else if (o.output_type === 'stream' && o.name === 'stderr') {
      parts.push(...joinMultiline(o.text).split('\n').map((l) => l.trim()).filter((l) => /^([\w.]*Error|Uncaught)\b.*:|^\d+:\d+ - /.test(l)).slice(0, 3));
    }
  }
  return cut([...new Set(parts)].join('; '));
}

/**
 * Reading the checks a cell declares from its code, the single source of truth for what a check cell
 * is worth: every call `check(id, points, ...)`, `rl.check(...)` or `runCheck(...)` (any callee named
 * `check` or `runCheck`, bare or as a property), found with the TypeScript parser, so calls in
 * comments and strings do not count. A call's id must be a string literal and its points a numeric
 * literal; a call written otherwise is reported as a problem naming the line, never silently skipped
 * (a check the tools cannot read would be ungraded).
 *
 * Release writes the cell metadata from this; validate and the grader read it. Left out on purpose:
 * evaluating constant expressions (`2 * 3` points): literals keep the declaration readable at a glance.
 */
import * as ts from 'typescript';

export interface DeclaredCheck { id: string; points: number; /** 0-based offset of the call in the source. */ index: number; /** 1-based line. */ line: number }

/** A check call whose id or points is not a literal, in the author's terms. */
export interface DeclarationProblem { line: number; message: string }

const CALLEES = new Set(['check', 'runCheck']);

function calleeName(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

/** Every check call in `source`, in order: the readable ones and the problems with the others. */
export function readCheckCalls(source: string): { checks: DeclaredCheck[]; problems: DeclarationProblem[] } {
  if (typeof source !== 'string') throw new TypeError(`readCheckCalls: source must be a string, got ${typeof source}`);
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const checks: DeclaredCheck[] = [];
  const problems: DeclarationProblem[] = [];
  const lineOf = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name !== null && CALLEES.has(name)) {
        const [idArg, pointsArg] = node.arguments;
        const callee = node.expression.getText(file);
        const line = lineOf(node);
        const idOk = idArg !== undefined && (ts.isStringLiteral(idArg) || ts.isNoSubstitutionTemplateLiteral(idArg));
        const pointsOk = pointsArg !== undefined && ts.isNumericLiteral(pointsArg);
        if (!idOk) problems.push({ line, message: `line ${line}: ${callee}(...): the check id must be a string literal, got ${idArg ? `\`${idArg.getText(file)}\`` : 'nothing'}` });
        if (!pointsOk) problems.push({ line, message: `line ${line}: ${callee}(...): the points must be a number literal, got ${pointsArg ? `\`${pointsArg.getText(file)}\`` : 'nothing'}` });
        if (idOk && pointsOk) {
          checks.push({ id: (idArg as ts.StringLiteral).text, points: Number((pointsArg as ts.NumericLiteral).text), index: node.getStart(file), line });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { checks, problems };
}

/** The readable check calls of `source`, in order (see readCheckCalls for the ones that are not). */
export function declaredChecks(source: string): DeclaredCheck[] {
  if (typeof source !== 'string') throw new TypeError(`declaredChecks: source must be a string, got ${typeof source}`);
  return readCheckCalls(source).checks;
}

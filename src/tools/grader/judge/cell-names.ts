/**
 * What a notebook cell declares at its top level (the names later cells can use, as tslab exports
 * them) and every identifier it mentions (a superset of what it reads: property names after a dot
 * are left out, everything else counts). Read with the TypeScript parser; a cell that does not parse
 * still gets the names of what did.
 *
 * Left out on purpose: scope analysis (a local variable that shadows a notebook name still counts as a
 * use); the superset only makes the judge run a cell it could have skipped.
 */
import * as ts from 'typescript';

export interface CellNames {
  declared: Set<string>;
  used: Set<string>;
  /** Identifiers the cell reads while it runs: all but those inside its top-level function and class declarations. */
  now: Set<string>;
  /** The identifiers inside each top-level function or class declaration (read when it is called). */
  bodies: Map<string, Set<string>>;
}

function bindingNames(n: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(n)) into.add(n.text);
  else for (const e of n.elements) if (ts.isBindingElement(e)) bindingNames(e.name, into);
}

export function cellNames(source: string): CellNames {
  const sf = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) st.declarationList.declarations.forEach((d) => bindingNames(d.name, declared));
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) declared.add(st.name.text);
    else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) declared.add(st.name.text);
    else if (ts.isImportEqualsDeclaration(st)) declared.add(st.name.text);
    else if (ts.isImportDeclaration(st) && st.importClause) {
      const ic = st.importClause;
      if (ic.name) declared.add(ic.name.text);
      const nb = ic.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) declared.add(nb.name.text);
      else if (nb) nb.elements.forEach((e) => declared.add(e.name.text));
    }
  }
  const used = new Set<string>();
  const now = new Set<string>();
  const bodies = new Map<string, Set<string>>();
  const collect = (into: Set<string>[]) => {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && !(n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) for (const s of into) s.add(n.text);
      ts.forEachChild(n, visit);
    };
    return visit;
  };
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      const body = new Set<string>();
      collect([used, body])(st);
      bodies.set(st.name.text, body);
    } else {
      collect([used, now])(st);
    }
  }
  return { declared, used, now, bodies };
}

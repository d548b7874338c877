// The layers of DESIGN.md, whose arrows only point down, checked on the source: every import of
// every file under src/ (static, `import type`, `export … from`, dynamic `import('…')`) may name
// its own folder or a folder ranked below it, never one above it or beside it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Each folder under src/ and its rank, top to bottom. Folders of one rank are siblings and must
 * not import each other. Files directly in src/ would be entry points, like action/ and cli/.
 */
const RANKS: Readonly<Record<string, number>> = {
  action: 8,
  cli: 8,
  app: 7,
  report: 6,
  github: 6,
  engine: 5,
  providers: 4,
  aws: 4,
  contract: 3,
  experiment: 2,
  python: 1,
};
const ENTRY_RANK = 8;

/**
 * Violations accepted for now, each a file and the specifier it imports, with why. Empty: app/'s
 * imports of action/ (the action's settings read by src/app/run-action.ts) were removed by the
 * settings model. An entry here that no longer occurs fails the test.
 */
const ALLOWED: readonly { readonly file: string; readonly specifier: string }[] = [];

interface ImportSite {
  readonly line: number;
  readonly specifier: string;
}

interface Violation extends ImportSite {
  readonly file: string;
  readonly reason: string;
}

/** Every module specifier `text` names, with its line, parsed (comments and strings are not imports). */
function importsOf(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, specifier: string): void => {
    sites.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, specifier });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node, node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      // A computed target cannot be checked: it is reported as such.
      add(node, argument && ts.isStringLiteralLike(argument) ? argument.text : `<computed: ${argument?.getText(source) ?? ''}>`);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The folder of a src/ path and its rank ('' and the entry rank for a file directly in src/). */
function layerOf(file: string): { layer: string; rank: number | undefined } {
  const parts = file.split('/');
  if (parts.length === 2) return { layer: '', rank: ENTRY_RANK };
  const layer = parts[1] as string;
  return { layer, rank: RANKS[layer] };
}

/** Why importing `specifier` from `file` (a path such as 'src/app/run-suite.ts') breaks the layers, or undefined. */
function layerViolation(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('<computed')) return 'a dynamic import of a computed path, which cannot be checked';
  if (!specifier.startsWith('.')) return undefined; // node: built-ins and packages
  const from = layerOf(file);
  if (from.rank === undefined) return `src/${from.layer}/ is not a known layer: give it a rank`;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  if (!target.startsWith('src/')) return target === 'package.json' ? undefined : `${target} is outside src/`;
  const to = layerOf(target);
  if (to.rank === undefined) return `src/${to.layer}/ is not a known layer: give it a rank`;
  if (to.layer === from.layer) return undefined;
  const name = (l: string): string => (l === '' ? 'src/' : `${l}/`);
  if (to.rank > from.rank) return `${name(from.layer)} imports ${name(to.layer)}, a layer above it`;
  if (to.rank === from.rank) return `${name(from.layer)} imports ${name(to.layer)}, a sibling layer`;
  return undefined;
}

function violationsIn(files: readonly { readonly file: string; readonly text: string }[]): Violation[] {
  const out: Violation[] = [];
  for (const { file, text } of files) {
    for (const site of importsOf(file, text)) {
      const reason = layerViolation(file, site.specifier);
      if (reason) out.push({ file, ...site, reason });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const show = (v: Violation): string => `${v.file}:${v.line}: '${v.specifier}': ${v.reason}`;

describe('the layers of src/', () => {
  const files = sourceFiles('src').map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
  const found = violationsIn(files);
  const isAllowed = (v: Violation): boolean => ALLOWED.some((a) => a.file === v.file && a.specifier === v.specifier);

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(100);
    const imports = files.flatMap(({ file, text }) => importsOf(file, text));
    expect(imports.filter((i) => i.specifier.startsWith('.')).length).toBeGreaterThan(500);
    // Dynamic and type-only imports are read too (the lazy loading of providers, for one).
    expect(files.some(({ file, text }) => file === 'src/providers/registry.ts' && importsOf(file, text).some((i) => i.specifier === './http/index.js'))).toBe(
      true,
    );
  });

  it('has no import that points up or sideways', () => {
    expect(found.filter((v) => !isAllowed(v)).map(show)).toEqual([]);
  });

  it('lists as allowed only violations that still occur', () => {
    expect(ALLOWED.filter((a) => !found.some((v) => v.file === a.file && v.specifier === a.specifier))).toEqual([]);
  });
});

describe('the layer check', () => {
  it('reports an upward import with its file, line and specifier', () => {
    const text = "// engine code\nimport { runSuite } from '../app/run-suite.js';\n";
    expect(violationsIn([{ file: 'src/engine/runner.ts', text }]).map(show)).toEqual([
      "src/engine/runner.ts:2: '../app/run-suite.js': engine/ imports app/, a layer above it",
    ]);
  });

  it('reads type-only imports, re-exports, dynamic imports and import types', () => {
    const text = [
      "import type { AwsScope } from '../aws/runtime.js';",
      "export { findAwsEntry } from '../aws/catalog/index.js';",
      'async function load() {',
      "  return (await import('../../src/aws/builtins.js')).registerAwsBuiltins;",
      '}',
      "type T = import('../aws/functions/types.js').AwsTarget;",
    ].join('\n');
    expect(violationsIn([{ file: 'src/providers/x.ts', text }]).map((v) => [v.line, v.reason])).toEqual([
      [1, 'providers/ imports aws/, a sibling layer'],
      [2, 'providers/ imports aws/, a sibling layer'],
      [4, 'providers/ imports aws/, a sibling layer'],
      [6, 'providers/ imports aws/, a sibling layer'],
    ]);
  });

  it('reports sideways imports between siblings, and between the entry points', () => {
    expect(layerViolation('src/aws/builtins.ts', '../providers/registry.js')).toBe('aws/ imports providers/, a sibling layer');
    expect(layerViolation('src/report/markdown.ts', '../github/annotations.js')).toBe('report/ imports github/, a sibling layer');
    expect(layerViolation('src/cli/main.ts', '../action/inputs.js')).toBe('cli/ imports action/, a sibling layer');
    expect(layerViolation('src/app/run-suite.ts', '../index.js')).toBe('app/ imports src/, a layer above it');
  });

  it('lets imports point down, within a layer, to packages and to package.json', () => {
    expect(layerViolation('src/app/run-suite.ts', '../engine/runner.js')).toBeUndefined();
    expect(layerViolation('src/cli/main.ts', '../python/values.js')).toBeUndefined();
    expect(layerViolation('src/python/regex/parser.ts', './tokenizer.js')).toBeUndefined();
    expect(layerViolation('src/python/jsonpath/evaluate.ts', '../values.js')).toBeUndefined();
    expect(layerViolation('src/engine/canary.ts', 'node:crypto')).toBeUndefined();
    expect(layerViolation('src/app/version.ts', '../../package.json')).toBeUndefined();
  });

  it('refuses what it cannot place: a new folder, a path outside src/, a computed dynamic import', () => {
    expect(layerViolation('src/app/x.ts', '../util/strings.js')).toBe('src/util/ is not a known layer: give it a rank');
    expect(layerViolation('src/app/x.ts', '../../test/support/cli.js')).toBe('test/support/cli.js is outside src/');
    const text = "const m = await import(`./${name}.js`);\n// import { x } from '../app/run-suite.js';\nconst s = \"import('../app/run-suite.js')\";\n";
    expect(violationsIn([{ file: 'src/engine/x.ts', text }]).map(show)).toEqual([
      "src/engine/x.ts:1: '<computed: `./${name}.js`>': a dynamic import of a computed path, which cannot be checked",
    ]);
  });
});

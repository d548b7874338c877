// YAML as PyYAML's safe_load reads it (YAML 1.1), keeping the position of every value.
// The `yaml` package parses the syntax; scalar meaning, tags, merge keys and aliases are ours.
//
// Bounded (limits.ts): the nesting of the syntax is measured on the `yaml` parser's token tree
// (built without recursion) before the composer, which recurses once per level, sees it; aliases
// are resolved through one table built once (the package's Alias.resolve walks the whole document
// on every call: a small file of merge keys took seconds); every value produced, aliases and merge
// keys expanded, counts against MAX_YAML_VALUES, and their expanded nesting against the depth.
import { type Alias, Composer, CST, type Document, isAlias, isMap, isScalar, isSeq, type Node, Parser, type Scalar, visit } from 'yaml';
import { defineKey } from '../python/values.js';
import { MAX_NESTING_DEPTH, MAX_YAML_VALUES } from './limits.js';
import { joinPointer, LineIndex, SourceMap } from './source-map.js';
import { constructScalar, implicitTag, pythonKeyString, TAG, YamlValueError } from '../python/yaml11.js';

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface ParsedYaml {
  readonly value: unknown;
  readonly map: SourceMap;
  readonly duplicateKeys: string[];
}

export function parseYaml(text: string): ParsedYaml {
  const tokens = Array.from(new Parser().parse(text));
  const tooDeep = firstTooDeep(tokens);
  if (tooDeep !== undefined) throw depthError(tooDeep);
  const docs = Array.from(new Composer({ version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false }).compose(tokens));
  const first = docs[0];
  if (first && first.errors.length > 0) {
    const e = first.errors[0]!;
    throw new YamlSyntaxError(cleanYamlMessage(e.message), e.pos[0], yamlHint(e.code));
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    throw new YamlSyntaxError(
      'expected a single document in the stream, but found another document',
      second.range[0],
      'keep one experiment per file; remove the second "---" document',
    );
  }
  if (!first) return { value: null, map: new SourceMap(), duplicateKeys: [] };
  return new Builder(text, first).build();
}

function depthError(offset: number): YamlSyntaxError {
  return new YamlSyntaxError(
    `the document nests deeper than ${MAX_NESTING_DEPTH} levels (mappings and lists, aliases expanded)`,
    offset,
    'an experiment needs only a few levels: flatten the structure (a recursive alias also nests without end)',
  );
}

/**
 * The offset of the first collection nested more than MAX_NESTING_DEPTH deep in the token tree,
 * found with an explicit stack (the tree can be as deep as the file is long).
 */
function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t): [CST.Token, number] => [t, 0]).reverse();
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (CST.isCollection(token)) {
      if (depth + 1 > MAX_NESTING_DEPTH) return token.offset;
      const children: CST.Token[] = [];
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      for (const child of children.reverse()) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends a code excerpt after the first line; we print our own position.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string | undefined {
  if (code === 'TAB_AS_INDENT') return 'indent with spaces; YAML does not allow tabs for indentation';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation of this line against its parent';
  return undefined;
}

class Builder {
  private readonly lines: LineIndex;
  private readonly map = new SourceMap();
  private readonly duplicateKeys: string[] = [];
  private readonly aliases: Map<Alias, Node | undefined>;
  private nodes = 0;

  constructor(
    text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.lines = new LineIndex(text);
    this.aliases = aliasTargets(doc);
  }

  /** What an alias names: the last node before it with that anchor (Alias.resolve's rule). */
  private resolve(alias: Alias): Node | undefined {
    return this.aliases.get(alias);
  }

  build(): ParsedYaml {
    const value = this.doc.contents ? this.convert(this.doc.contents, '', 0) : null;
    return { value, map: this.map, duplicateKeys: this.duplicateKeys };
  }

  private offsetOf(node: Node): number {
    return node.range?.[0] ?? 0;
  }

  private fail(node: Node, message: string, hint?: string): never {
    throw new YamlSyntaxError(message, this.offsetOf(node), hint);
  }

  private convert(node: Node, pointer: string, depth: number, keyNode?: Node): unknown {
    if (++this.nodes > MAX_YAML_VALUES) {
      this.fail(
        node,
        `the document expands to more than ${MAX_YAML_VALUES.toLocaleString('en-US')} values (every alias and merge key counted as it expands)`,
        'an alias or merge key that repeats another one multiplies the values: use fewer of them',
      );
    }
    if (depth > MAX_NESTING_DEPTH) throw depthError(this.offsetOf(node));
    const keyPos = keyNode ? { keyPos: this.lines.position(this.offsetOf(keyNode)) } : {};
    const pos = this.lines.position(this.offsetOf(node));
    if (isAlias(node)) {
      const target = this.resolve(node);
      if (!target) this.fail(node, `found undefined alias '${node.source}'`);
      const value = this.convert(target, pointer, depth + 1);
      this.map.set(pointer, { ...this.map.get(pointer), pos, ...keyPos });
      return value;
    }
    if (isScalar(node)) {
      const { value, kind } = this.scalar(node);
      this.map.set(pointer, { pos, ...keyPos, kind });
      return value;
    }
    this.map.set(pointer, { pos, ...keyPos });
    if (isSeq(node)) {
      this.expectTag(node, 'seq');
      return node.items.map((item, i) => this.convert(item as Node, joinPointer(pointer, i), depth + 1));
    }
    if (isMap(node)) {
      this.expectTag(node, 'map');
      return this.mapping(node.items as { key: Node | null; value: Node | null }[], pointer, depth);
    }
    return this.fail(node, 'unsupported YAML node');
  }

  private expectTag(node: Node, expected: string): void {
    if (node.tag && node.tag !== TAG + expected) {
      this.fail(node, `could not determine a constructor for the tag '${node.tag}'`, 'safe YAML knows only the standard !! tags');
    }
  }

  private scalar(node: Scalar): { value: unknown; kind: ReturnType<typeof constructScalar>['kind'] } {
    const text = String(node.value ?? '');
    let tag: string;
    if (node.tag) {
      if (!node.tag.startsWith(TAG)) {
        this.fail(node, `could not determine a constructor for the tag '${node.tag}'`, 'safe YAML knows only the standard !! tags');
      }
      tag = node.tag.slice(TAG.length);
    } else {
      tag = node.type === 'PLAIN' ? implicitTag(text) : 'str';
    }
    try {
      return constructScalar(tag, text);
    } catch (e) {
      if (e instanceof YamlValueError) this.fail(node, e.message);
      throw e;
    }
  }

  private keyOf(keyNode: Node | null): string | '<<' {
    if (keyNode === null) return pythonKeyString(null, 'null');
    const node = isAlias(keyNode) ? this.resolve(keyNode) : keyNode;
    if (!node || !isScalar(node)) {
      return this.fail(keyNode, 'found unhashable key: a mapping key must be a scalar', 'quote the key or move the value');
    }
    if (node.type === 'PLAIN' && !node.tag && String(node.value) === '<<') return '<<';
    const { value, kind } = this.scalar(node);
    return typeof value === 'string' ? value : pythonKeyString(value, kind);
  }

  private mapping(pairs: { key: Node | null; value: Node | null }[], pointer: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const own: [string, Node | null, Node | null][] = [];
    const merged: Record<string, unknown>[] = [];
    for (const pair of pairs) {
      const key = this.keyOf(pair.key);
      if (key === '<<' && pair.value) merged.push(...this.mergeSources(pair.value, pointer, depth));
      else own.push([key, pair.key, pair.value]);
    }
    // PyYAML puts merged keys first; the earliest merged mapping wins, and own keys override all.
    for (const source of merged.reverse()) for (const [k, v] of Object.entries(source)) defineKey(out, k, v);
    const seen = new Set<string>();
    for (const [key, keyNode, valueNode] of own) {
      const child = joinPointer(pointer, key);
      if (seen.has(key)) this.duplicateKeys.push(child);
      seen.add(key);
      const value = valueNode ? this.convert(valueNode, child, depth + 1, keyNode ?? undefined) : null;
      if (!valueNode && keyNode) {
        this.map.set(child, { pos: this.lines.position(this.offsetOf(keyNode)), keyPos: this.lines.position(this.offsetOf(keyNode)), kind: 'null' });
      }
      defineKey(out, key, value);
    }
    return out;
  }

  private mergeSources(node: Node, pointer: string, depth: number): Record<string, unknown>[] {
    const target = isAlias(node) ? this.resolve(node) : node;
    const asMapping = (n: Node | undefined): Record<string, unknown> => {
      const resolved = n && isAlias(n) ? this.resolve(n) : n;
      if (!resolved || !isMap(resolved)) {
        return this.fail(n ?? node, 'while constructing a mapping: expected a mapping for merging (<<)');
      }
      // Merged values keep the positions of the mapping they came from, under this pointer.
      const saved = this.map.get(pointer);
      const value = this.convert(resolved, pointer, depth + 1) as Record<string, unknown>;
      if (saved) this.map.set(pointer, saved);
      return value;
    };
    if (target && isSeq(target)) return target.items.map((item) => asMapping(item as Node));
    return [asMapping(target)];
  }
}

/**
 * Every alias of the document with the node it names, in one walk: Alias.resolve's rule (the last
 * node before the alias, in document order, with that anchor) without its walk of the whole
 * document per alias.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

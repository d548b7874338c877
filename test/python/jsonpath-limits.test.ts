// The bounds our jsonpath2 port adds: a path too long or too nested is a syntax error at the token
// that crosses the limit (never a stack overflow), and an evaluation that would take too many
// steps or nest too deep is a JsonPathBudgetExceeded.
import { describe, expect, it } from 'vitest';
import {
  evaluateJsonPath,
  JsonPathBudgetExceeded,
  JsonPathSyntaxError,
  MAX_EVALUATION_STEPS,
  MAX_NESTING,
  MAX_SEGMENTS,
  parseJsonPath,
} from '../../src/python/jsonpath/index.js';

function syntaxError(path: string): JsonPathSyntaxError {
  try {
    parseJsonPath(path);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return e;
    throw e;
  }
  throw new Error(`${path.slice(0, 40)}… parsed`);
}

function budgetError(path: string, data: unknown): JsonPathBudgetExceeded {
  try {
    evaluateJsonPath(parseJsonPath(path), data);
  } catch (e) {
    if (e instanceof JsonPathBudgetExceeded) return e;
    throw e;
  }
  throw new Error(`${path} evaluated within its budget`);
}

const nestedObject = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('jsonpath parser limits', () => {
  it('takes a path of 1,000 segments and evaluates it', () => {
    expect(evaluateJsonPath(parseJsonPath(`$${'.a'.repeat(MAX_SEGMENTS)}`), nestedObject(MAX_SEGMENTS))).toEqual(['bottom']);
  });

  it('refuses a path of 20,000 segments at the first segment too many', () => {
    const e = syntaxError(`$${'.a'.repeat(20_000)}`);
    expect(e.message).toBe(`unexpected "." at offset ${2 * MAX_SEGMENTS + 1}: the path has more than 1000 segments`);
    expect(e.offset).toBe(2 * MAX_SEGMENTS + 1);
  });

  it('counts the segments of paths inside filters too', () => {
    expect(syntaxError(`$[?(${Array(20_000).fill('@.a').join(' or ')})]`).message).toContain('the path has more than 1000 segments');
  });

  it('refuses brackets, parentheses, "not" and JSON values nested more than 100 deep', () => {
    const tooDeep = [
      `$${'[?(@'.repeat(MAX_NESTING + 1)}${')]'.repeat(MAX_NESTING + 1)}`,
      `$[?(${'('.repeat(20_000)}@${')'.repeat(20_000)})]`,
      `$[?(${'not '.repeat(20_000)}@)]`,
      `$[?(@ = ${'['.repeat(20_000)}${']'.repeat(20_000)})]`,
      `$[?(@ = ${'{"a": '.repeat(20_000)}1${'}'.repeat(20_000)})]`,
    ];
    for (const path of tooDeep) expect(syntaxError(path).message).toContain('the path nests more than 100 levels deep');
    expect(() => parseJsonPath(`$${'[?(@'.repeat(MAX_NESTING / 2 - 1)}${')]'.repeat(MAX_NESTING / 2 - 1)}`)).not.toThrow();
  });

  it('reads long and/or chains without recursion, as one variadic node', () => {
    const path = parseJsonPath(`$[?(${Array(500).fill('@').join(' or ')} and @ and @)]`);
    const subscript = path.root.next.kind === 'subscript' ? path.root.next.subscripts[0] : undefined;
    const expression = subscript?.kind === 'filter' ? subscript.expression : undefined;
    expect(expression?.kind).toBe('and');
    expect(expression?.kind === 'and' ? expression.operands.map((o) => o.kind) : []).toEqual(['or', 'some', 'some']);
    expect(evaluateJsonPath(path, { a: 1 })).toEqual([{ a: 1 }]);
  });
});

describe('jsonpath evaluation budget', () => {
  it('stops after 1,000,000 steps', () => {
    const data = { items: Array.from({ length: MAX_EVALUATION_STEPS / 2 }, (_, i) => i) };
    expect(budgetError('$..*', data).message).toBe('took more than 1,000,000 steps (nodes matched and values produced): narrow it, e.g. fewer ".." or "*"');
  });

  it('stops a product of function arguments that would explode', () => {
    const data = { s: 'x', xs: Array.from({ length: 2_000 }, (_, i) => i) };
    expect(budgetError('$.s[substring($.xs[*], $.xs[*])]', data).message).toContain('took more than 1,000,000 steps');
  });

  it('stops ".." over data nested deeper than it may go, before the stack does', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(budgetError('$..*', deep).message).toContain('nests more than 1,500 matches deep');
    expect(budgetError(`$${'..a'.repeat(MAX_SEGMENTS)}`, nestedObject(MAX_SEGMENTS)).message).toContain('nests more than 1,500 matches deep');
  });

  it('stops comparing two values nested deeper than 1,000 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(budgetError('$[?(@ = @)]', deep).message).toBe('compares values nested more than 1,000 levels deep');
  });

  it('evaluates within budget what jsonpath2 evaluates', () => {
    const data = { items: Array.from({ length: 10_000 }, (_, i) => ({ id: i, ready: i % 2 === 0 })) };
    expect(evaluateJsonPath(parseJsonPath('$.items[*][?(@.ready = true)].id'), data)).toHaveLength(5_000);
  });
});

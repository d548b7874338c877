// What the loader reads is bounded (README "Limits"): the file's size, how deep it nests (YAML and
// JSON alike, checked before any recursion could overflow the stack) and how many values a YAML
// document expands to through aliases and merge keys — each an error at its position, quickly.
import { describe, expect, it } from 'vitest';
import { type LoadResult, loadYamlSupport, parseExperimentText } from '../../src/experiment/loader.js';
import { MAX_FILE_CHARS, MAX_NESTING_DEPTH } from '../../src/experiment/limits.js';

// parseExperimentText parses YAML once the loader is loaded (the async readers load it themselves).
await loadYamlSupport();

// A guard against a hang, not a measure of speed: these files once took minutes.
const HANG_GUARD_MS = 20_000;

function failure(r: LoadResult): { code: string; line: number; column: number; message: string } {
  if (r.ok) throw new Error('the file loaded');
  const [d] = r.diagnostics;
  return { code: d?.code ?? '', line: d?.line ?? 0, column: d?.column ?? 0, message: d?.message ?? '' };
}

/**
 * Merge keys that multiply: each level merges the level below ten times over (10^11 values in
 * all), then `fillers` aliases, which every alias resolution used to walk through.
 */
function mergeKeyBomb(fillers: number): string {
  const lines = ['title: merge keys', 'description: each level merges the one below ten times'];
  lines.push(`l0: &l0 {${Array.from({ length: 10 }, (_, i) => `k${i}: ${i}`).join(', ')}}`);
  for (let l = 1; l < 12; l++)
    lines.push(
      `l${l}: &l${l} {<<: [${Array(10)
        .fill(`*l${l - 1}`)
        .join(', ')}]}`,
    );
  for (let i = 0; i < fillers; i++) lines.push(`f${i}: *l0`);
  return `${lines.join('\n')}\n`;
}

describe('loading limits', () => {
  it(
    'rejects a merge-key bomb quickly, at the value that crosses 100,000',
    () => {
      const text = mergeKeyBomb(8_000);
      expect(text.length).toBeLessThan(MAX_FILE_CHARS);
      const e = failure(parseExperimentText('bomb.yaml', 'yaml', text));
      expect(e.code).toBe('syntax-yaml');
      expect(e.message).toBe('invalid YAML: the document expands to more than 100,000 values (every alias and merge key counted as it expands)');
      expect(e.line).toBeGreaterThanOrEqual(3);
      expect(e.line).toBeLessThanOrEqual(14);
    },
    HANG_GUARD_MS,
  );

  it('rejects YAML nested 1,000 deep with the depth limit, at the first level too deep', () => {
    const message = 'invalid YAML: the document nests deeper than 256 levels (mappings and lists, aliases expanded)';
    // The top-level mapping is level 1: x's collections start at level 2, at column 4.
    const flow = `title: t\nx: ${'['.repeat(1_000)}${']'.repeat(1_000)}\n`;
    expect(failure(parseExperimentText('flow.yaml', 'yaml', flow))).toEqual({ code: 'syntax-yaml', line: 2, column: 4 + 255, message });
    const block = `title: t\nx: \n  ${'- '.repeat(1_000)}1\n`;
    expect(failure(parseExperimentText('block.yaml', 'yaml', block))).toEqual({ code: 'syntax-yaml', line: 3, column: 3 + 2 * 255, message });
    const mappings = `title: t\nx: ${'{a: '.repeat(1_000)}1${'}'.repeat(1_000)}\n`;
    expect(failure(parseExperimentText('mappings.yaml', 'yaml', mappings))).toEqual({ code: 'syntax-yaml', line: 2, column: 4 + 4 * 255, message });
  });

  it('reads YAML nested exactly as deep as the limit', () => {
    const text = `${'['.repeat(MAX_NESTING_DEPTH)}1${']'.repeat(MAX_NESTING_DEPTH)}\n`;
    const r = parseExperimentText('deep.yaml', 'yaml', text);
    expect(r.ok).toBe(true);
  });

  it('stops a recursive alias at the depth limit', () => {
    const e = failure(parseExperimentText('recursive.yaml', 'yaml', 'title: t\nloop: &a [*a]\n'));
    expect(e.message).toContain('the document nests deeper than 256 levels');
    expect(e.line).toBe(2);
  });

  it('resolves each alias to the last anchor of that name before it', () => {
    const r = parseExperimentText('anchors.yaml', 'yaml', 'a: &x 1\nb: *x\nc: &x {k: 2}\nd: *x\ne: {<<: *x, j: 3}\n');
    expect(r.ok && r.doc.value).toEqual({ a: 1, b: 1, c: { k: 2 }, d: { k: 2 }, e: { k: 2, j: 3 } });
  });

  it('rejects JSON nested 100,000 deep with the depth limit, not a stack overflow', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(failure(parseExperimentText('deep.json', 'json', text))).toEqual({
      code: 'syntax-json',
      line: 1,
      column: MAX_NESTING_DEPTH + 1,
      message: 'invalid JSON: the document nests deeper than 256 levels (objects and arrays)',
    });
    const objects = `${'{"a": '.repeat(30_000)}1${'}'.repeat(30_000)}`;
    expect(failure(parseExperimentText('objects.json', 'json', objects)).message).toContain('nests deeper than 256 levels');
    expect(parseExperimentText('ok.json', 'json', `${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}`).ok).toBe(true);
  });

  it('rejects a file longer than 256 KiB before parsing it', () => {
    const text = `{"title": "t", "description": "${'x'.repeat(MAX_FILE_CHARS)}"}`;
    expect(failure(parseExperimentText('big.json', 'json', text))).toMatchObject({
      code: 'load-size',
      line: 1,
      column: 1,
      message: `the file is ${text.length.toLocaleString('en-US')} characters long; an experiment or var file may have at most 262,144 (256 KiB)`,
    });
  });
});

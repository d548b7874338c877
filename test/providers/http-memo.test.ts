// What the http provider remembers between probes (prepared URLs, targets, charsets) is a pure
// function of its key, bounded, shared read-only, and never remembers a failure.
import { describe, expect, it } from 'vitest';
import { memoized } from '../../src/providers/http/memo.js';
import { targetOf } from '../../src/providers/http/target.js';
import { joinPointer, LineIndex } from '../../src/experiment/source-map.js';
import { boundJournal, renderJournal } from '../../src/report/journal-text.js';
import { Redactor } from '../../src/experiment/redaction.js';

describe('memoized', () => {
  it('computes once per key, starts over past its bound, and does not remember an exception', () => {
    const calls: string[] = [];
    const f = memoized((k: string) => {
      calls.push(k);
      if (k === 'bad') throw new Error('no');
      return k.length > 1 ? k.toUpperCase() : null;
    }, 2);
    expect([f('ab'), f('ab'), f('x'), f('x')]).toEqual(['AB', 'AB', null, null]);
    expect(calls).toEqual(['ab', 'x']);
    f('cd'); // a third key: the memory starts over
    f('ab');
    expect(calls).toEqual(['ab', 'x', 'cd', 'ab']);
    expect(() => f('bad')).toThrow('no');
    expect(() => f('bad')).toThrow('no');
    expect(calls.filter((k) => k === 'bad')).toHaveLength(2);
  });
});

describe('targetOf', () => {
  it('gives one frozen target per URL, with urllib3’s pool and connection names', () => {
    const a = targetOf('http://Example.test:8080/a b?q=1');
    expect(targetOf('http://Example.test:8080/a b?q=1')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toMatchObject({
      hostname: 'example.test',
      port: 8080,
      path: '/a%20b?q=1',
      pool: "HTTPConnectionPool(host='example.test', port=8080)",
      connection: "HTTPConnection(host='example.test', port=8080)",
    });
    expect(targetOf('https://[::1]/').pool).toBe("HTTPSConnectionPool(host='::1', port=443)");
    expect(() => targetOf('ftp://x/')).toThrow('No connection adapters were found');
  });
});

describe('source positions', () => {
  it('escape ~ and / in pointer segments (RFC 6901), and leave other keys as they are', () => {
    expect(joinPointer('/a', 'b')).toBe('/a/b');
    expect(joinPointer('/a', 3)).toBe('/a/3');
    expect(joinPointer('', 'x~y/z')).toBe('/x~0y~1z');
    expect(joinPointer('', '')).toBe('/');
  });

  it('find lines after LF, CRLF and at the end', () => {
    const lines = new LineIndex('ab\ncd\r\n\nef\n');
    expect([0, 3, 7, 8, 10, 11].map((o) => lines.position(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 3 },
      { line: 5, column: 1 },
    ]);
  });
});

describe('renderJournal of a bounded journal', () => {
  it('writes what bounding it again would write, redacted or not', () => {
    const journal = { run: [{ output: 'x'.repeat(5000), nested: [[[['deep']]]] }], secret: 'token-12345' };
    const bounded = boundJournal(journal, 1024);
    const redactor = new Redactor();
    redactor.add('token-12345');
    for (const j of [bounded, redactor.redactValue(bounded)]) expect(renderJournal(j, 1024, true)).toBe(renderJournal(j, 1024));
    expect(renderJournal(redactor.redactValue(bounded), 1024, true)).not.toContain('token-12345');
  });
});

// What the http provider remembers between probes (prepared URLs, targets, charsets) is a pure
// function of its key, bounded, shared read-only, and never remembers a failure.
import { describe, expect, it } from 'vitest';
import { memoized } from '../../src/providers/http/memo.js';
import { targetOf } from '../../src/providers/http/target.js';

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

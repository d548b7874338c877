// The redactor knows the forms a secret is printed in: as written, JSON-escaped, URL-encoded, and
// base64 (standard and URL-safe), also inside a longer encoded string such as a Basic credential.
import { describe, expect, it } from 'vitest';
import { base64Forms, Redactor } from '../../src/experiment/redaction.js';

const SECRET = 'sk-canary-1234567890';
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

function redactorOf(...secrets: string[]): Redactor {
  const r = new Redactor();
  for (const s of secrets) r.add(s);
  return r;
}

describe('base64 forms of a secret', () => {
  it('the whole encoding, padded or not, in both alphabets, is redacted', () => {
    const r = redactorOf(SECRET);
    for (const encoded of [b64(SECRET), b64(SECRET).replace(/=+$/, ''), b64url(SECRET)]) {
      expect(r.redact(`token: ${encoded}.`)).toBe('token: ***.');
    }
  });

  it('a secret inside a Basic credential is redacted, whatever the length of the user name before it', () => {
    const r = redactorOf(SECRET);
    for (const user of ['u', 'us', 'usr', 'user', 'admin', 'deploy-bot']) {
      const header = `Authorization: Basic ${b64(`${user}:${SECRET}`)}`;
      const redacted = r.redact(header);
      expect(redacted, user).toContain('***');
      // What is left of the encoding cannot be decoded back to the secret, nor to most of it.
      const left = Buffer.from(redacted.replace(/^Authorization: Basic /, '').replace('***', ''), 'base64').toString('latin1');
      expect(left, user).not.toContain(SECRET.slice(2, -2));
    }
  });

  it('a secret followed by more data in one encoding is redacted at each of the three byte alignments', () => {
    const r = redactorOf(SECRET);
    for (const before of ['', 'a', 'ab', 'abc', 'abcd']) {
      const encoded = b64(`${before}${SECRET};and-more-data-after-it`);
      expect(r.redact(encoded), `offset ${before.length}`).toContain('***');
      expect(r.redact(b64url(`${before}${SECRET}?more`)), `url-safe, offset ${before.length}`).toContain('***');
    }
  });

  it('URL-safe forms replace + and / where the standard alphabet has them', () => {
    // ">>>???" encodes to "Pj4+Pz8/" in the standard alphabet, "Pj4-Pz8_" in the URL-safe one.
    const secret = '>>>???-secret-value';
    const forms = base64Forms(secret);
    expect(forms).toContain(b64(secret));
    expect(forms).toContain(b64url(secret));
    expect(b64(secret)).toMatch(/[+/]/);
    expect(redactorOf(secret).redact(`x ${b64url(secret)} y`)).toBe('x *** y');
  });

  it('short secrets get no base64 form short enough to blank out ordinary text', () => {
    const r = redactorOf('abc');
    expect(r.redact('YWJj is base64 of abc')).toBe('YWJj is base64 of ***');
    for (const form of base64Forms('abcdef')) expect(form.length).toBeGreaterThanOrEqual(6);
    // The forms a 3-byte secret would give are 2 to 4 characters: none is registered.
    expect(redactorOf('xyz').size).toBe(1);
  });

  it('redacts the encoded forms in JSON values, keys included', () => {
    const r = redactorOf(SECRET);
    const journal = { output: { body: `echo: Basic ${b64(`user:${SECRET}`)}` }, [b64(SECRET)]: 1 };
    expect(JSON.stringify(r.redactValue(journal))).not.toMatch(
      new RegExp(
        base64Forms(SECRET)
          .map((f) => f.replace(/[+/=]/g, '\\$&'))
          .join('|'),
      ),
    );
  });
});

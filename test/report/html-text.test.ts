// `text`, the one way user text enters the HTML report: each kind of character it must change is
// changed even alone in an otherwise plain string (it skips the work for strings with none).
import { describe, expect, it } from 'vitest';
import { text } from '../../src/report/html-text.js';

describe('text', () => {
  it('leaves a plain string as it is', () => {
    expect(text('steady state met: p0 (200) at 2026-12-07T23:00:00Z')).toBe('steady state met: p0 (200) at 2026-12-07T23:00:00Z');
    expect(text('')).toBe('');
    expect(text('é 日本 😀')).toBe('é 日本 😀');
  });

  it('changes each special character, even alone in a plain string', () => {
    expect(text('a\rb')).toBe('a\nb');
    expect(text('a\r\nb')).toBe('a\nb');
    expect(text('a\u0000b')).toBe('a\\u0000b');
    expect(text('a\u001bb')).toBe('a\\u001bb');
    expect(text('a\u007fb')).toBe('a\\u007fb');
    expect(text('a\u0085b')).toBe('a\\u0085b');
    expect(text('a\u202eb')).toBe('a\\u202eb');
    expect(text('a\u2067b')).toBe('a\\u2067b');
    expect(text('a\ud800b')).toBe('a\ufffdb');
    expect(text('a\udc00b')).toBe('a\ufffdb');
    expect(text('a&b<c>d"e\'f')).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });

  it('keeps tabs and line feeds, and surrogate pairs whole', () => {
    expect(text('a\tb\nc')).toBe('a\tb\nc');
    expect(text('x\ud83d\ude00<')).toBe('x\ud83d\ude00&lt;');
  });
});

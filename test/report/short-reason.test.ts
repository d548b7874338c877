// Reasons in the table and the PR comment: one short line each, the full text in the journal.
import { describe, expect, it } from 'vitest';
import { SHORT_REASON_LIMIT, shortReason, shortReasons } from '../../src/report/short-reason.js';

/** A failed HTTP rollback's reason, as the verdict words it from the journal (requests' text). */
const refused = (name: string, port = 43335): string =>
  `rollback "${name}" failed: failed to connect to http://127.0.0.1:${port}/${name}: HTTPConnectionPool(host='127.0.0.1', port=${port}): ` +
  `Max retries exceeded with url: /${name} (Caused by NewConnectionError("HTTPConnection(host='127.0.0.1', port=${port}): ` +
  `Failed to establish a new connection: [Errno 111] Connection refused"))`;

describe('shortReason', () => {
  it('words a requests-style connection refusal as "connection refused to HOST:PORT", keeping what failed', () => {
    expect(refused('heal').length).toBeGreaterThan(300);
    expect(shortReason(refused('heal'))).toBe('rollback "heal" failed: connection refused to 127.0.0.1:43335');
  });

  it('words the other urllib3 causes in a few words, naming the host', () => {
    const pool = "HTTPSConnectionPool(host='shop.example', port=443): Max retries exceeded with url: /health (Caused by ";
    expect(
      shortReason(
        `probe "p" failed: failed to connect to https://shop.example/health: ${pool}NameResolutionError("<urllib3.connection.HTTPSConnection object>: Failed to resolve 'shop.example' ([Errno -2] Name or service not known)"))`,
      ),
    ).toBe('probe "p" failed: could not resolve shop.example');
    expect(
      shortReason(`${pool}ConnectTimeoutError(<HTTPSConnection(host='shop.example', port=443)>, 'Connection to shop.example timed out. (connect timeout=3)'))`),
    ).toBe('timed out connecting to shop.example:443');
    expect(shortReason(`${pool}ResponseError('too many 503 error responses'))`)).toBe('too many 503 error responses from shop.example:443');
    expect(
      shortReason(`${pool}SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate')))`),
    ).toBe('TLS failed with shop.example:443: self-signed certificate');
    expect(
      shortReason(
        `${pool}NewConnectionError("HTTPSConnection(host='shop.example', port=443): Failed to establish a new connection: [Errno 113] No route to host"))`,
      ),
    ).toBe('could not connect to shop.example:443: no route to host');
  });

  it('cuts any other long reason to the limit with an ellipsis, on one line', () => {
    const long = `method action "x" failed: ${'word '.repeat(100)}\nsecond line`;
    const short = shortReason(long);
    expect(short.length).toBe(SHORT_REASON_LIMIT);
    expect(short.endsWith('…')).toBe(true);
    expect(short).not.toContain('\n');
    expect(shortReason('observed RTO 90 s is over the objective of 60 s')).toBe('observed RTO 90 s is over the objective of 60 s');
  });

  it('never splits a surrogate pair when it cuts', () => {
    const short = shortReason('😀'.repeat(200), 10);
    expect(short).toBe(`${'😀'.repeat(4)}…`);
  });
});

describe('shortReasons', () => {
  it('lists reasons that read the same once short only once, with a count', () => {
    expect(shortReasons([refused('heal', 1), refused('heal', 1), refused('heal2', 1), 'the run was interrupted'])).toEqual([
      'rollback "heal" failed: connection refused to 127.0.0.1:1 (×2)',
      'rollback "heal2" failed: connection refused to 127.0.0.1:1',
      'the run was interrupted',
    ]);
  });
});

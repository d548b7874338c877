// urllib3's parse_url, host and port by host and port, against the real urllib3 of the oracle
// virtualenv: the short path for a plain host[:port] and the full pattern agree with it.
import { describe, expect, it } from 'vitest';
import { parseUrl3 } from '../../src/providers/http/parse-url.js';
import { runPythonOracle } from '../support/oracle.js';

const URLS = [
  'http://127.0.0.1:8080/p0',
  'http://127.0.0.1/p0',
  'http://localhost:1/',
  'http://Example.COM:443/x?y=1#z',
  'http://ex_ample~.com:65535/',
  'http://h:080/',
  'http://h:0/',
  'http://h:00/',
  'http://h:/',
  'http://h:65536/',
  'http://h:123456/',
  'http://h:1a/',
  'http://[::1]:80/',
  'http://[FE80::1]:8080/',
  'http://a%41b.example/',
  'http://user:pw@h.example:9/',
  'http://bücher.example:81/',
  'http://:80/',
  'http://h h/',
];

const PY = String.raw`
import json, sys
from urllib3.util.url import parse_url
out = []
for u in json.load(sys.stdin):
    try:
        r = parse_url(u)
        out.append({"host": r.host, "port": r.port, "auth": r.auth, "path": r.path})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

describe('parseUrl3', () => {
  it('reads the host and port of each URL as urllib3 does, or fails where it fails', () => {
    const expected = runPythonOracle<Record<string, unknown>[]>(PY, URLS);
    const actual = URLS.map((u) => {
      try {
        const r = parseUrl3(u);
        return { host: r.host, port: r.port, auth: r.auth, path: r.path };
      } catch (e) {
        return { error: e instanceof Error && 'pyType' in e ? (e as { pyType: string }).pyType : 'LocationParseError' };
      }
    });
    expect(actual.map((a, i) => [URLS[i], a])).toEqual(expected.map((e, i) => [URLS[i], e]));
  });
});

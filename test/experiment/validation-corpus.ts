// Experiments for the validation rules, each with the outcome we expect: `valid`, or the code of
// the error we must report. `ctk` says what `chaos validate` decides on the same file:
// 'same' (the default) or 'valid' where we are deliberately stricter (README: differences).

export interface ValidationCase {
  readonly name: string;
  readonly content: string;
  readonly expect: 'valid' | string;
  readonly ctk?: 'same' | 'valid';
}

const http = (extra: Record<string, unknown> = {}) => ({ type: 'http', url: 'http://127.0.0.1:9/health', ...extra });
const probe = (extra: Record<string, unknown> = {}) => ({ type: 'probe', name: 'api-up', provider: http(), tolerance: 200, ...extra });
const action = (extra: Record<string, unknown> = {}) => ({ type: 'action', name: 'break-it', provider: { type: 'process', path: 'true' }, ...extra });
const python = (func: string, args?: Record<string, unknown>) => ({ type: 'python', module: 'chaosfixture', func, ...(args ? { arguments: args } : {}) });

function experiment(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'the API survives',
    description: 'a test experiment',
    'steady-state-hypothesis': { title: 'API is up', probes: [probe()] },
    method: [action()],
    rollbacks: [],
    ...extra,
  };
}

const json = (name: string, value: unknown, expect: string, ctk?: 'valid'): ValidationCase => ({
  name: `${name}.json`,
  content: JSON.stringify(value, null, 2),
  expect,
  ...(ctk ? { ctk } : {}),
});
const yaml = (name: string, content: string, expect: string, ctk?: 'valid'): ValidationCase => ({
  name: `${name}.yaml`,
  content,
  expect,
  ...(ctk ? { ctk } : {}),
});
const hyp = (p: Record<string, unknown>) => experiment({ 'steady-state-hypothesis': { title: 'h', probes: [p] } });
const method = (a: unknown) => experiment({ method: [a] });

export const CASES: ValidationCase[] = [
  // --- valid experiments
  json('valid-minimal', { title: 't', description: 'd', method: [] }, 'valid'),
  json('valid-full', experiment(), 'valid'),
  json('valid-no-probes', experiment({ 'steady-state-hypothesis': { title: 'h' } }), 'valid'),
  json('valid-empty-probes', experiment({ 'steady-state-hypothesis': { title: 'h', probes: [] } }), 'valid'),
  json('valid-tolerance-bool', hyp(probe({ provider: python('always_true'), tolerance: true })), 'valid'),
  json('valid-tolerance-string', hyp(probe({ provider: python('always_true'), tolerance: 'ok' })), 'valid'),
  json('valid-tolerance-list', hyp(probe({ tolerance: [200, 503] })), 'valid'),
  json('valid-tolerance-regex', hyp(probe({ tolerance: { type: 'regex', pattern: '^ok$', target: 'body' } })), 'valid'),
  json('valid-tolerance-python-regex', hyp(probe({ tolerance: { type: 'regex', pattern: '(?P<v>\\d+)\\.\\d+$', target: 'body' } })), 'valid'),
  json('valid-tolerance-jsonpath', hyp(probe({ tolerance: { type: 'jsonpath', path: '$.items.*[?(@.ready = true)]', target: 'body', count: 2 } })), 'valid'),
  json('valid-tolerance-range', hyp(probe({ tolerance: { type: 'range', range: [0, 0.5], target: 'body' } })), 'valid'),
  json(
    'valid-tolerance-probe',
    hyp(probe({ provider: python('always_true'), tolerance: { type: 'probe', name: 'check', provider: { ...python('always_true'), arguments: {} } } })),
    'valid',
  ),
  json('valid-method-ref', experiment({ method: [action(), { ref: 'api-up' }, { ref: 'break-it' }] }), 'valid'),
  json('valid-pauses', experiment({ configuration: { wait: 2 }, method: [action({ pauses: { before: 1, after: '${wait}' } })] }), 'valid'),
  json('valid-background', method(action({ background: true })), 'valid'),
  json(
    'valid-config-env-default',
    experiment({ configuration: { url: { type: 'env', key: 'CHAOS_TEST_SURELY_UNSET', default: 'http://127.0.0.1' } } }),
    'valid',
  ),
  json('valid-config-env-present', experiment({ configuration: { home: { type: 'env', key: 'CHAOS_TEST_PRESENT', env_var_type: 'int' } } }), 'valid'),
  json('valid-secrets', experiment({ secrets: { api: { token: 'abc', fromenv: { type: 'env', key: 'CHAOS_TEST_PRESENT' } } } }), 'valid'),
  json('valid-python-args', method(action({ provider: python('needs_name', { name: 'x' }) })), 'valid'),
  json('valid-python-context', method(action({ provider: python('with_context', { url: 'u' }) })), 'valid'),
  json('valid-python-kwargs', method(action({ provider: python('anything', { a: 1, b: 2 }) })), 'valid'),
  json('valid-python-keyword-only', method(action({ provider: python('keyword_only', { target: 't' }) })), 'valid'),
  json('valid-extensions', experiment({ extensions: [{ name: 'chaos-action' }] }), 'valid'),
  json('valid-tags', experiment({ tags: ['db', 'failover'] }), 'valid'),
  json('valid-timeout', method(action({ timeout: 30 })), 'valid'),
  json('valid-process-absolute', method(action({ provider: { type: 'process', path: '/bin/sh', arguments: ['-c', 'exit 0'] } })), 'valid'),
  json('valid-http-headers', hyp(probe({ provider: http({ headers: { Accept: 'application/json' }, timeout: [1, 5], method: 'POST' }) })), 'valid'),
  json('valid-unknown-key', experiment({ owner: 'team-a' }), 'valid'),
  yaml(
    'valid-yaml11-booleans',
    'title: t\ndescription: d\nmethod:\n  - type: action\n    name: a\n    background: yes\n    provider: {type: process, path: "true"}\n',
    'valid',
  ),
  yaml(
    'valid-yaml-anchors',
    'title: t\ndescription: d\nx-probe: &p\n  type: http\n  url: http://127.0.0.1:9/\nsteady-state-hypothesis:\n  title: h\n  probes:\n    - {type: probe, name: p, tolerance: 200, provider: *p}\nmethod: []\n',
    'valid',
  ),
  // --- invalid, both tools
  yaml('empty', '', 'experiment-empty'),
  json('empty-object', {}, 'experiment-empty'),
  json('no-title', { description: 'd', method: [] }, 'schema-required'),
  json('empty-title', { title: '', description: 'd', method: [] }, 'schema-empty'),
  json('no-description', { title: 't', method: [] }, 'schema-required'),
  json('tag-empty', experiment({ tags: ['ok', ''] }), 'schema-empty'),
  json('tag-number', experiment({ tags: [1] }), 'schema-type'),
  json('extension-no-name', experiment({ extensions: [{ owner: 'x' }] }), 'schema-required'),
  json('extension-blank-name', experiment({ extensions: [{ name: '   ' }] }), 'schema-pattern'),
  json('config-env-missing', experiment({ configuration: { url: { type: 'env', key: 'CHAOS_TEST_SURELY_UNSET' } } }), 'configuration-env-missing'),
  json('secret-env-missing', experiment({ secrets: { api: { token: { type: 'env', key: 'CHAOS_TEST_SURELY_UNSET' } } } }), 'secret-env-missing'),
  json('hypothesis-no-title', experiment({ 'steady-state-hypothesis': { probes: [probe()] } }), 'schema-required'),
  json('probe-no-tolerance', hyp({ type: 'probe', name: 'p', provider: http() }), 'schema-required'),
  json('tolerance-float', hyp(probe({ tolerance: 1.5 })), 'schema-type'),
  { name: 'tolerance-float-integral.json', content: JSON.stringify(hyp(probe())).replace('"tolerance":200', '"tolerance":200.0'), expect: 'tolerance-type' },
  json('tolerance-null', hyp(probe({ tolerance: null })), 'schema-type'),
  json('tolerance-unknown-type', hyp(probe({ tolerance: { type: 'glob', pattern: '*' } })), 'schema-enum'),
  json('regex-no-pattern', hyp(probe({ tolerance: { type: 'regex', target: 'body' } })), 'schema-required'),
  json('regex-invalid', hyp(probe({ tolerance: { type: 'regex', pattern: '(unclosed', target: 'body' } })), 'tolerance-regex'),
  json('regex-python-invalid', hyp(probe({ tolerance: { type: 'regex', pattern: '(?<name>x)\\p', target: 'body' } })), 'tolerance-regex'),
  json('jsonpath-no-path', hyp(probe({ tolerance: { type: 'jsonpath', target: 'body' } })), 'schema-required'),
  json('jsonpath-empty', hyp(probe({ tolerance: { type: 'jsonpath', path: '  ', target: 'body' } })), 'tolerance-jsonpath'),
  json('jsonpath-invalid', hyp(probe({ tolerance: { type: 'jsonpath', path: 'foo[*].baz', target: 'body' } })), 'tolerance-jsonpath'),
  json('jsonpath-single-quotes', hyp(probe({ tolerance: { type: 'jsonpath', path: "$['a']", target: 'body' } })), 'tolerance-jsonpath'),
  json('range-no-range', hyp(probe({ tolerance: { type: 'range', target: 'body' } })), 'schema-required'),
  json('range-not-list', hyp(probe({ tolerance: { type: 'range', range: 5, target: 'body' } })), 'schema-type'),
  json('range-three', hyp(probe({ tolerance: { type: 'range', range: [1, 2, 3], target: 'body' } })), 'schema-items'),
  json('range-string-bound', hyp(probe({ tolerance: { type: 'range', range: ['1', 2], target: 'body' } })), 'schema-type'),
  json('tolerance-probe-invalid', hyp(probe({ tolerance: { type: 'probe', provider: { ...python('always_true'), arguments: {} } } })), 'schema-required'),
  json('no-method', { title: 't', description: 'd' }, 'schema-required'),
  json('method-null', { title: 't', description: 'd', method: null }, 'schema-type'),
  json('activity-empty', method({}), 'schema-required'),
  json('ref-empty', method({ ref: '' }), 'schema-empty'),
  json('ref-missing', experiment({ method: [{ ref: 'nope' }] }), 'ref-unresolved'),
  json('activity-no-type', method({ name: 'a', provider: { type: 'process', path: 'true' } }), 'schema-required'),
  json('activity-bad-type', method(action({ type: 'fault' })), 'schema-enum'),
  json('activity-no-name', method({ type: 'action', provider: { type: 'process', path: 'true' } }), 'schema-required'),
  json('activity-no-provider', method({ type: 'action', name: 'a' }), 'schema-required'),
  json('provider-no-type', method(action({ provider: { path: 'true' } })), 'schema-required'),
  json('provider-bad-type', method(action({ provider: { type: 'ssh', host: 'x' } })), 'schema-enum'),
  json('timeout-string', method(action({ timeout: '10' })), 'schema-type'),
  json('pause-string', method(action({ pauses: { before: '10' } })), 'schema-shape'),
  json('pause-after-bad', method(action({ pauses: { after: 'abc' } })), 'schema-shape'),
  json('background-string', method(action({ background: 'yes' })), 'schema-type'),
  json('process-no-path', method(action({ provider: { type: 'process' } })), 'schema-required'),
  json('process-path-missing', method(action({ provider: { type: 'process', path: 'surely-not-a-program-xyz' } })), 'process-path'),
  json('http-no-url', hyp(probe({ provider: { type: 'http' } })), 'schema-required'),
  json('http-headers-list', hyp(probe({ provider: http({ headers: ['Accept: x'] }) })), 'schema-type'),
  json('python-no-module', method(action({ provider: { type: 'python', func: 'f' } })), 'schema-required'),
  json('python-no-func', method(action({ provider: { type: 'python', module: 'chaosfixture' } })), 'schema-required'),
  json('python-module-missing', method(action({ provider: { type: 'python', module: 'surely_not_a_module_xyz', func: 'f' } })), 'python-module'),
  json('python-func-missing', method(action({ provider: python('nope') })), 'python-function'),
  json('python-arg-missing', method(action({ provider: python('needs_name', { count: 2 }) })), 'python-argument-missing'),
  json('python-arg-unknown', method(action({ provider: python('needs_name', { name: 'x', colour: 'red' }) })), 'python-argument-unknown'),
  json('python-keyword-only-missing', method(action({ provider: python('keyword_only', {}) })), 'python-argument-missing'),
  json('rollback-no-type', experiment({ rollbacks: [{ name: 'r', provider: { type: 'process', path: 'true' } }] }), 'schema-required'),
  yaml('yaml-syntax', 'title: t\ndescription: d\nmethod:\n  - type: action\n   name: a\n', 'syntax-yaml'),
  yaml('yaml-two-documents', 'title: t\ndescription: d\nmethod: []\n---\ntitle: u\n', 'syntax-yaml'),
  { name: 'json-comment.json', content: '{\n  # the title\n  "title": "t", "description": "d", "method": []\n}\n', expect: 'syntax-json' },
  { name: 'json-trailing-comma.json', content: '{"title": "t", "description": "d", "method": [],}\n', expect: 'syntax-json' },
  // --- invalid for us, accepted by `chaos validate` (Chaos Toolkit crashes or misjudges at run time)
  json('strict-rollback-ref-missing', experiment({ rollbacks: [{ ref: 'nope' }] }), 'ref-unresolved', 'valid'),
  json(
    'strict-hypothesis-ref-missing',
    experiment({ 'steady-state-hypothesis': { title: 'h', probes: [{ ref: 'nope', tolerance: 200 }] } }),
    'ref-unresolved',
    'valid',
  ),
  json('strict-regex-no-target-http', hyp(probe({ tolerance: { type: 'regex', pattern: 'ok' } })), 'tolerance-needs-target', 'valid'),
  json(
    'strict-range-no-target-process',
    hyp(probe({ provider: { type: 'process', path: 'true' }, tolerance: { type: 'range', range: [0, 1] } })),
    'tolerance-needs-target',
    'valid',
  ),
  json(
    'strict-probe-tolerance-no-arguments',
    hyp(probe({ provider: python('always_true'), tolerance: { type: 'probe', name: 'c', provider: python('always_true') } })),
    'tolerance-probe-arguments',
    'valid',
  ),
  json('strict-runtime-strategy', experiment({ runtime: { hypothesis: { strategy: 'sometimes' } } }), 'schema-enum', 'valid'),
  json('strict-pause-undefined', method(action({ pauses: { before: '${nope}' } })), 'pause-undefined', 'valid'),
  json(
    'strict-pause-env-string',
    experiment({ configuration: { wait: { type: 'env', key: 'CHAOS_TEST_PRESENT' } }, method: [action({ pauses: { after: '${wait}' } })] }),
    'pause-not-number',
    'valid',
  ),
  json('strict-pause-bool', method(action({ pauses: { before: true } })), 'schema-shape', 'valid'),
  // time.sleep refuses these at run time (Chaos Toolkit aborts there); setTimeout would make 1 ms of them.
  json('strict-pause-negative', method(action({ pauses: { after: -1 } })), 'pause-range', 'valid'),
  json('strict-pause-negative-ref', experiment({ configuration: { wait: -5 }, method: [action({ pauses: { after: '${wait}' } })] }), 'pause-range', 'valid'),
  {
    name: 'strict-pause-1e999.json',
    content:
      '{"title": "t", "description": "d", "method": [{"type": "action", "name": "a", "provider": {"type": "process", "path": "true"}, "pauses": {"before": 1e999}}]}',
    expect: 'pause-range',
    ctk: 'valid',
  },
  yaml(
    'strict-pause-inf',
    'title: t\ndescription: d\nmethod:\n  - type: action\n    name: a\n    provider: {type: process, path: "true"}\n    pauses: {after: .inf}\n',
    'pause-range',
    'valid',
  ),
  json('strict-title-number', { title: 7, description: 'd', method: [] }, 'schema-type', 'valid'),
  json('strict-tags-string', experiment({ tags: 'db' }), 'schema-type', 'valid'),
  json('strict-vault-secret', experiment({ secrets: { v: { s: { type: 'vault', path: 'secret/x' } } } }), 'secret-vault-unsupported', 'valid'),
];

// ${name} substitution must give what chaoslib.substitute gives: compared case by case with the
// real chaoslib from the oracle virtualenv.
import { describe, expect, it } from 'vitest';
import { substitute, substitutionScope } from '../../src/experiment/substitution.js';
import { runPythonOracle } from '../support/oracle.js';

const configuration = {
  host: 'db.local',
  port: 5432,
  ratio: 0.5,
  on: true,
  off: false,
  nothing: null,
  list: [1, 'a', true],
  map: { a: 1, b: 'x' },
  Upper: 'U',
  quote: "it's",
};
const secrets = { db: { password: 's3cr3t', host: 'shadowed' }, other: { token: 'tok', password: 'second' } };

const CASES: unknown[] = [
  '${host}',
  '$host',
  '${port}',
  'port=${port}',
  '${ratio}',
  'r=${ratio}',
  '${on}',
  'flag ${on}',
  '${nothing}',
  'n=${nothing}',
  '${list}',
  'l=${list}',
  '${map}',
  'm=${map}',
  '${password}',
  '${token}',
  '$$',
  '$${host}',
  '$$host',
  'cost: $5',
  '${missing}',
  'x ${missing} y',
  '$missing',
  '${my-var}',
  '${a.b}',
  '${ host }',
  '${Upper}',
  '${upper}',
  '$Upper',
  '${host}${port}',
  '${host',
  '$',
  'trailing $',
  'q=${quote}',
  '',
  ['${port}', 'a ${host}', ['${on}']],
  { url: 'http://${host}:${port}/', n: 3, nested: { k: '${list}' } },
  { '${host}': 'keys are not substituted' },
  5,
  true,
  null,
];

const PY = String.raw`
import json, sys
from chaoslib import substitute
data = json.load(sys.stdin)
json.dump([substitute(c, data["configuration"], data["secrets"]) for c in data["cases"]], sys.stdout)
`;

describe('substitution matches chaoslib.substitute', () => {
  const expected = runPythonOracle<unknown[]>(PY, { cases: CASES, configuration, secrets });
  const scope = substitutionScope(configuration, secrets);
  it.each(CASES.map((c, i) => [JSON.stringify(c), c, expected[i]]))('%s', (_label, input, want) => {
    expect(substitute(input, scope)).toEqual(want);
  });
});

describe('substitution details', () => {
  it('reports names that nothing defines and leaves them as written', () => {
    const report = { undefinedNames: new Set<string>() };
    expect(substitute('a ${nope} b', substitutionScope({}, {}), report)).toBe('a ${nope} b');
    expect([...report.undefinedNames]).toEqual(['nope']);
  });

  it('lets configuration win over secrets, and the first secret scope over later ones', () => {
    const scope = substitutionScope({ k: 'config' }, { a: { k: 'a', s: 'first' }, b: { s: 'second' } });
    expect(substitute(['${k}', '${s}'], scope)).toEqual(['config', 'first']);
  });
});

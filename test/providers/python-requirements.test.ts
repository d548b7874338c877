// The python-requirements lines: what pip may be told, read from the setting and from files, and
// what makes two virtualenvs the same.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequirementLine, type PythonIdentity, readRequirements, type Requirement, requirementsHash } from '../../src/providers/python-requirements.js';

const python: PythonIdentity = { implementation: 'cpython', version: '3.11.7', platform: 'linux', machine: 'x86_64', executable: '/usr/bin/python3.11' };
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'pyreq-'));

describe('a requirement line', () => {
  it.each([
    ['chaostoolkit-aws==0.35.1', 'name'],
    ['chaostoolkit-aws', 'name'],
    ['requests[socks,security] >=2.31, <3 ; python_version >= "3.9"', 'name'],
    ['chaostoolkit-aws==0.35.1 --hash=sha256:0123abcd', 'name'],
    ['chaosaws @ https://example.com/chaosaws-1.0-py3-none-any.whl', 'url'],
    ['git+https://github.com/chaostoolkit/chaostoolkit-addons@v0.10.0', 'url'],
    ['./extensions/our-chaos', 'path'],
    ['dist/our_chaos-1.0-py3-none-any.whl', 'path'],
    ['our_chaos-1.0.tar.gz', 'path'],
  ])('%s is allowed (%s)', (line, kind) => {
    expect(checkRequirementLine(line)).toEqual({ ok: true, kind, line: line.replace(/\s+/g, ' ') });
  });

  it.each([
    ['--index-url https://evil.example/simple', /--index-url is not allowed: where packages come from is the runner's pip configuration/],
    ['-i https://evil.example/simple', /-i is not allowed: where packages come from/],
    ['--extra-index-url=https://evil.example/simple', /--extra-index-url is not allowed/],
    ['--trusted-host evil.example', /--trusted-host is not allowed/],
    ['-f https://evil.example/links', /-f is not allowed/],
    ['-r base.txt', /-r is not allowed: list each requirements file in python-requirements itself/],
    ['--constraint c.txt', /--constraint is not allowed/],
    ['-e ./ext', /-e is not allowed: give the folder itself/],
    ['requests --global-option=build_ext', /--global-option is not allowed: pip options are not accepted/],
    ['requests --config-settings foo=bar', /--config-settings is not allowed/],
    ['foo @ http://example.com/foo.whl', /a http:\/\/ reference is not allowed/],
    ['ftp://example.com/foo.whl', /a ftp:\/\/ reference is not allowed/],
    ['not a requirement!', /is not a requirement/],
  ])('%s is refused', (line, problem) => {
    const checked = checkRequirementLine(line);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });
});

describe('reading python-requirements', () => {
  it('reads files line by line (comments, continuations) and takes other entries as requirements', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'requirements.txt'), '# our extensions\nchaostoolkit-aws==0.35.1  # pinned\n\nrequests \\\n  >=2.31\n');
    const read = await readRequirements(['requirements.txt', 'chaostoolkit-addons==0.10.0'], dir);
    expect(read).toEqual({
      ok: true,
      files: ['requirements.txt'],
      requirements: [
        { line: 'chaostoolkit-aws==0.35.1', file: 'requirements.txt', lineNumber: 2 },
        { line: 'requests >=2.31', file: 'requirements.txt', lineNumber: 4 },
        { line: 'chaostoolkit-addons==0.10.0', file: undefined, lineNumber: 2 },
      ],
    });
  });

  it('reports every refused line with its file and line, and a missing file', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'req.txt'), 'requests\n--index-url https://evil.example/simple\n-r more.txt\n');
    const read = await readRequirements(['req.txt', 'missing.txt', '--trusted-host x'], dir);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.file, p.lineNumber])).toEqual([
      ['req.txt', 2],
      ['req.txt', 3],
      [undefined, 2],
      [undefined, 3],
    ]);
    expect(read.problems[2]?.message).toBe('missing.txt: no such requirements file');
  });

  it('hashes a local archive or folder by its contents: the venv changes when they do', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'ext-1.0-py3-none-any.whl'), 'one');
    mkdirSync(path.join(dir, 'ext', '__pycache__'), { recursive: true });
    writeFileSync(path.join(dir, 'ext', 'setup.py'), 'one');
    const hashOf = async (): Promise<string> => {
      const read = await readRequirements(['./ext-1.0-py3-none-any.whl', './ext'], dir);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      return requirementsHash(read.requirements, python);
    };
    const first = await hashOf();
    expect(await hashOf()).toBe(first);
    writeFileSync(path.join(dir, 'ext', '__pycache__', 'setup.cpython-311.pyc'), 'compiled');
    expect(await hashOf()).toBe(first);
    writeFileSync(path.join(dir, 'ext-1.0-py3-none-any.whl'), 'two');
    const second = await hashOf();
    expect(second).not.toBe(first);
    writeFileSync(path.join(dir, 'ext', 'setup.py'), 'two');
    expect(await hashOf()).not.toBe(second);
  });

  it('a missing local archive is a problem, not a requirement pip would fail on later', async () => {
    const read = await readRequirements(['./nowhere-1.0-py3-none-any.whl'], tmp());
    expect(read).toEqual({ ok: false, problems: [{ file: undefined, lineNumber: 1, message: '"./nowhere-1.0-py3-none-any.whl": no such file or folder' }] });
  });
});

describe('the virtualenv hash', () => {
  const reqs: Requirement[] = [{ line: 'chaostoolkit-aws==0.35.1', file: undefined, lineNumber: 1 }];
  it('depends on the requirements and on the interpreter', () => {
    const base = requirementsHash(reqs, python);
    expect(requirementsHash([...reqs], { ...python })).toBe(base);
    expect(requirementsHash([{ ...reqs[0], line: 'chaostoolkit-aws==0.35.2' } as Requirement], python)).not.toBe(base);
    expect(requirementsHash(reqs, { ...python, version: '3.12.1' })).not.toBe(base);
    expect(requirementsHash(reqs, { ...python, machine: 'aarch64' })).not.toBe(base);
    expect(requirementsHash(reqs, { ...python, platform: 'darwin' })).not.toBe(base);
    expect(requirementsHash(reqs, { ...python, executable: '/opt/hostedtoolcache/Python/3.11.7/x64/bin/python3.11' })).not.toBe(base);
  });
});

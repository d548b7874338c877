#!/usr/bin/env node
import { parseArgs, getSystemErrorMessage } from 'node:util';
import path from 'node:path';
import { readFile, stat, readdir, mkdir, writeFile } from 'node:fs/promises';
import os, { constants as constants$1, userInfo } from 'node:os';
import { domainToASCII } from 'node:url';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { statSync, accessSync, constants, readFileSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';

const ExitCode = {
    ok: 0,
    /** The gate failed: a verdict listed in --fail-on occurred. */
    gateFailed: 1,
    /** Invalid input: bad usage, invalid experiments, unreadable files. */
    invalidInput: 2,
    /** A bug in chaos-action. */
    internalError: 3,
};

function positioned(file, pos, problem) {
    const { atKey: _atKey, ...rest } = problem;
    return { ...rest, file, line: pos.line, column: pos.column };
}
function hasErrors(diagnostics) {
    return diagnostics.some((d) => d.severity === 'error');
}
/** `file:line:col: error: message (pointer)` and an indented hint line, as compilers print them. */
function formatDiagnostic(d) {
    const where = d.pointer ? ` (${d.pointer})` : '';
    const head = `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${where}`;
    return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
function compareDiagnostics(a, b) {
    return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

// shutil.which as chaoslib uses it when validating process activities: the program must exist
// (and be executable) at validation time, on PATH or at the given path.
function executableFinder(envPath) {
    const dirs = (envPath ?? '').split(path.delimiter).filter(Boolean);
    return (program) => {
        const candidates = program.includes('/') ? [program] : dirs.map((d) => path.join(d, program));
        let sawFile = false;
        for (const candidate of candidates) {
            try {
                if (!statSync(candidate).isFile())
                    continue;
                sawFile = true;
                accessSync(candidate, constants.X_OK);
                return 'ok';
            }
            catch {
                // keep looking, as which does
            }
        }
        return sawFile ? 'not-executable' : 'missing';
    };
}

// chaoslib's convert_to_type: how env values and --var key:type=value strings become typed values.
class ConversionError extends Error {
}
const PY_INT = /^\s*[-+]?(?:0|[1-9](?:_?[0-9])*|0+(?:_?0)*)\s*$/;
const PY_FLOAT = /^\s*[-+]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*\.(?:[eE][-+]?[0-9](?:_?[0-9])*)?|inf|infinity|nan)\s*$/i;
function convertToType(type, value) {
    if (type === undefined || type === null || type === 'str' || type === 'string')
        return value;
    if (typeof value !== 'string') {
        // Defaults from the file arrive already typed; chaoslib converts them the same way.
        if (type === 'bool' && typeof value === 'boolean')
            return value;
        if (type === 'json')
            return value;
        if (value === null)
            throw new ConversionError(`cannot convert None to ${type}`);
        value = String(value);
    }
    const text = value;
    switch (type) {
        case 'int':
        case 'integer':
            if (!PY_INT.test(text))
                throw new ConversionError(`invalid literal for int() with base 10: '${text}'`);
            return Number(text.replace(/_/g, '').trim());
        case 'float':
        case 'number': {
            if (!PY_FLOAT.test(text))
                throw new ConversionError(`could not convert string to float: '${text}'`);
            const t = text.replace(/_/g, '').trim().toLowerCase().replace(/^([-+]?)infinity$/, '$1inf');
            if (/^[-+]?inf$/.test(t))
                return t.startsWith('-') ? -Infinity : Infinity;
            if (/^[-+]?nan$/.test(t))
                return NaN;
            return Number(t);
        }
        case 'bytes':
            return text;
        case 'bool':
            return !['false', '0', 'no'].includes(text.toLowerCase());
        case 'json':
            if (text === '')
                return text;
            try {
                return JSON.parse(text);
            }
            catch (e) {
                throw new ConversionError(`not valid JSON: ${e.message}`);
            }
        default:
            throw new ConversionError('variable type can only be: bool, str, int, float, bytes or json');
    }
}

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const TIMESTAMP_PARTS = /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;
const TAG = 'tag:yaml.org,2002:';
class YamlValueError extends Error {
}
/** The tag PyYAML's implicit resolvers give a plain scalar, or `str`. */
function implicitTag(text) {
    // PyYAML first filters resolvers by the first character; the anchored patterns imply the same.
    if (BOOL.test(text))
        return 'bool';
    if (FLOAT.test(text))
        return 'float';
    if (INT.test(text))
        return 'int';
    if (text === '<<')
        return 'merge';
    if (NULL.test(text))
        return 'null';
    if (TIMESTAMP.test(text))
        return 'timestamp';
    if (text === '=')
        return 'value';
    return 'str';
}
/** Constructs the value of a scalar with the given short tag (`int`, `str`, …), as SafeConstructor. */
function constructScalar(tag, text) {
    switch (tag) {
        case 'str':
            return { value: text, kind: 'string' };
        case 'null':
            return { value: null, kind: 'null' };
        case 'bool':
            return { value: ['yes', 'true', 'on'].includes(text.toLowerCase()), kind: 'bool' };
        case 'int':
            return { value: constructInt(text), kind: 'int' };
        case 'float':
            return { value: constructFloat(text), kind: 'float' };
        case 'timestamp':
            return { value: constructTimestamp(text), kind: 'timestamp' };
        default:
            throw new YamlValueError(`could not determine a constructor for the tag '${TAG}${tag}'`);
    }
}
function splitSign(text) {
    const value = text.replace(/_/g, '');
    if (value.startsWith('-'))
        return [-1, value.slice(1)];
    if (value.startsWith('+'))
        return [1, value.slice(1)];
    return [1, value];
}
function sexagesimal(value) {
    let base = 1;
    let total = 0;
    for (const digit of value.split(':').reverse()) {
        total += Number(digit) * base;
        base *= 60;
    }
    return total;
}
function strictInt(digits, radix) {
    const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix];
    if (!valid.test(digits))
        throw new YamlValueError(`invalid literal for int() with base ${radix}: '${digits}'`);
    return parseInt(digits, radix);
}
function constructInt(text) {
    const [sign, value] = splitSign(text);
    if (value === '0')
        return 0;
    if (value.startsWith('0b'))
        return sign * strictInt(value.slice(2), 2);
    if (value.startsWith('0x'))
        return sign * strictInt(value.slice(2), 16);
    if (value.startsWith('0'))
        return sign * strictInt(value, 8);
    if (value.includes(':'))
        return sign * sexagesimal(value);
    return sign * strictInt(value, 10);
}
function constructFloat(text) {
    const [sign, value] = splitSign(text.toLowerCase());
    if (value === '.inf')
        return sign * Infinity;
    if (value === '.nan')
        return NaN;
    if (value.includes(':'))
        return sign * sexagesimal(value);
    const n = Number(value);
    if (Number.isNaN(n))
        throw new YamlValueError(`could not convert string to float: '${text}'`);
    return sign * n;
}
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** A date or datetime in the form Python's isoformat() gives it (what a journal would show). */
function constructTimestamp(text) {
    const m = TIMESTAMP_PARTS.exec(text);
    if (!m)
        throw new YamlValueError(`not a timestamp: '${text}'`);
    const [, year, month, day, hour, minute, second, fraction, tz, tzSign, tzHour, tzMinute] = m;
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (hour === undefined)
        return date;
    let iso = `${date}T${pad(hour)}:${minute}:${second}`;
    const micro = (fraction ?? '').slice(0, 6).padEnd(6, '0');
    if (Number(micro) !== 0)
        iso += `.${micro}`;
    if (tz === 'Z')
        iso += '+00:00';
    else if (tzSign)
        iso += `${tzSign}${pad(tzHour)}:${pad(tzMinute ?? '00')}`;
    return iso;
}
/** Python's str() of a scalar mapping key, which is what a non-string key turns into for us. */
function pythonKeyString(value, kind) {
    if (kind === 'null')
        return 'None';
    if (kind === 'bool')
        return value ? 'True' : 'False';
    if (kind === 'float')
        return pythonFloatRepr(value);
    return String(value);
}
function pythonFloatRepr(n) {
    if (Number.isNaN(n))
        return 'nan';
    if (n === Infinity)
        return 'inf';
    if (n === -Infinity)
        return '-inf';
    if (Number.isInteger(n) && Math.abs(n) < 1e16)
        return `${n}.0`;
    const s = String(n);
    // JS writes 1e+21 where Python writes 1e+21 too; small exponents: JS 1e-7, Python 1e-07.
    return s.replace(/e([-+])(\d)$/, 'e$10$2');
}

// Python's view of JSON values: str() and repr() forms (used where chaoslib formats values into
// strings), bool(), type names, and the mapping test every layer needs.
/** A JSON object (Python dict): not null, not a list. */
const isMapping = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Python's bool() of a JSON value. */
function pythonTruthy(value) {
    if (value === null || value === undefined)
        return false;
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return value !== 0; // NaN is truthy in Python
    if (typeof value === 'string' || Array.isArray(value))
        return value.length > 0;
    if (isMapping(value))
        return Object.keys(value).length > 0;
    return true;
}
/** Python's type name of a JSON value, as its error messages print it (NoneType, int, dict…). */
function pythonTypeOf(value) {
    if (value === null || value === undefined)
        return 'NoneType';
    if (typeof value === 'boolean')
        return 'bool';
    if (typeof value === 'number')
        return Number.isInteger(value) ? 'int' : 'float';
    if (typeof value === 'string')
        return 'str';
    if (Array.isArray(value))
        return 'list';
    return 'dict';
}
/** Sets a key without ever touching a prototype (a "__proto__" key stays a key). */
function defineKey(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
function pythonStr(value) {
    return typeof value === 'string' ? value : pythonRepr(value);
}
function pythonRepr(value) {
    if (value === null || value === undefined)
        return 'None';
    if (typeof value === 'boolean')
        return value ? 'True' : 'False';
    if (typeof value === 'number')
        return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pythonFloatRepr(value);
    if (typeof value === 'string')
        return reprString(value);
    if (Array.isArray(value))
        return `[${value.map(pythonRepr).join(', ')}]`;
    if (typeof value === 'object') {
        return `{${Object.entries(value).map(([k, v]) => `${reprString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
    }
    return String(value);
}
function reprString(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        const code = ch.codePointAt(0);
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += '\\' + quote;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (code < 0x20 || code === 0x7f)
            out += '\\x' + code.toString(16).padStart(2, '0');
        else
            out += ch;
    }
    return out + quote;
}
/** The Python type name of a JSON value, for messages ("got float"). */
function pythonTypeName(value, kind) {
    if (value === null || value === undefined)
        return 'null';
    if (typeof value === 'boolean')
        return 'boolean';
    if (typeof value === 'number')
        return kind === 'float' || !Number.isInteger(value) ? 'float' : 'integer';
    if (typeof value === 'string')
        return kind === 'timestamp' ? 'date' : 'string';
    if (Array.isArray(value))
        return 'list';
    return 'mapping';
}

// Where each value of a loaded document came from, keyed by JSON pointer (RFC 6901), so that any
// later check can point the user at file:line:column.
function pointerOf(segments) {
    return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
function parentPointer(pointer) {
    if (pointer === '')
        return undefined;
    return pointer.slice(0, pointer.lastIndexOf('/'));
}
function joinPointer(pointer, segment) {
    return pointer + pointerOf([segment]);
}
class SourceMap {
    nodes = new Map();
    set(pointer, info) {
        this.nodes.set(pointer, info);
    }
    get(pointer) {
        return this.nodes.get(pointer);
    }
    kindOf(pointer) {
        return this.nodes.get(pointer)?.kind;
    }
    /**
     * The position to report for `pointer`: the value's own position, or for a missing member
     * the nearest ancestor that exists. `preferKey` points at a member's key rather than its value.
     */
    locate(pointer, preferKey = false) {
        for (let p = pointer; p !== undefined; p = parentPointer(p)) {
            const info = this.nodes.get(p);
            if (info)
                return (preferKey && info.keyPos) || info.pos;
        }
        return { line: 1, column: 1 };
    }
}
/** Converts string offsets into 1-based line and column. */
class LineIndex {
    starts = [0];
    constructor(text) {
        for (let i = 0; i < text.length; i++) {
            if (text.charCodeAt(i) === 10)
                this.starts.push(i + 1);
        }
    }
    position(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
}

// Strict JSON, as Python's json module reads it (it also takes NaN and ±Infinity), keeping the
// position and the int/float kind of every value.
class JsonSyntaxError extends Error {
    offset;
    hint;
    constructor(message, offset, hint) {
        super(message);
        this.offset = offset;
        this.hint = hint;
    }
}
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const ESCAPES$1 = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
function parseJson(text) {
    return new JsonParser(text).parseDocument();
}
class JsonParser {
    text;
    i = 0;
    lines;
    map = new SourceMap();
    duplicateKeys = [];
    constructor(text) {
        this.text = text;
        this.lines = new LineIndex(text);
        if (text.charCodeAt(0) === 0xfeff)
            this.i = 1;
    }
    parseDocument() {
        this.skipSpace();
        if (this.i >= this.text.length)
            throw new JsonSyntaxError('the file is empty: expected a JSON object', this.i);
        const value = this.parseValue('');
        this.skipSpace();
        if (this.i < this.text.length) {
            throw this.unexpected('extra data after the end of the JSON document');
        }
        return { value, map: this.map, duplicateKeys: this.duplicateKeys };
    }
    parseValue(pointer, keyOffset) {
        const start = this.i;
        const record = (kind) => {
            this.map.set(pointer, {
                pos: this.lines.position(start),
                ...(keyOffset !== undefined ? { keyPos: this.lines.position(keyOffset) } : {}),
                ...(kind ? { kind } : {}),
            });
        };
        const c = this.text[this.i];
        if (c === '{') {
            record();
            return this.parseObject(pointer);
        }
        if (c === '[') {
            record();
            return this.parseArray(pointer);
        }
        if (c === '"') {
            record('string');
            return this.parseString();
        }
        for (const [word, value, kind] of LITERALS) {
            if (this.text.startsWith(word, this.i)) {
                this.i += word.length;
                record(kind);
                return value;
            }
        }
        NUMBER.lastIndex = this.i;
        const m = NUMBER.exec(this.text);
        if (m) {
            this.i += m[0].length;
            record(m[1] !== undefined || m[2] !== undefined ? 'float' : 'int');
            return Number(m[0]);
        }
        throw this.unexpected('expected a value (object, array, string, number, true, false or null)');
    }
    parseObject(pointer) {
        const out = {};
        this.i++;
        this.skipSpace();
        if (this.text[this.i] === '}') {
            this.i++;
            return out;
        }
        for (;;) {
            this.skipSpace();
            if (this.text[this.i] !== '"') {
                throw this.unexpected(this.text[this.i] === '}' ? 'a trailing comma is not allowed in JSON' : 'expected a property name in double quotes');
            }
            const keyOffset = this.i;
            const key = this.parseString();
            this.skipSpace();
            if (this.text[this.i] !== ':')
                throw this.unexpected(`expected ':' after the property name "${key}"`);
            this.i++;
            this.skipSpace();
            const child = joinPointer(pointer, key);
            if (Object.hasOwn(out, key))
                this.duplicateKeys.push(child);
            defineKey(out, key, this.parseValue(child, keyOffset));
            this.skipSpace();
            const c = this.text[this.i];
            this.i++;
            if (c === '}')
                return out;
            if (c !== ',') {
                this.i--;
                throw this.unexpected(`expected ',' or '}' after the value of "${key}"`);
            }
        }
    }
    parseArray(pointer) {
        const out = [];
        this.i++;
        this.skipSpace();
        if (this.text[this.i] === ']') {
            this.i++;
            return out;
        }
        for (;;) {
            this.skipSpace();
            if (this.text[this.i] === ']')
                throw this.unexpected('a trailing comma is not allowed in JSON');
            out.push(this.parseValue(joinPointer(pointer, out.length)));
            this.skipSpace();
            const c = this.text[this.i];
            this.i++;
            if (c === ']')
                return out;
            if (c !== ',') {
                this.i--;
                throw this.unexpected("expected ',' or ']' after an array item");
            }
        }
    }
    parseString() {
        const start = this.i;
        this.i++;
        let out = '';
        for (;;) {
            const c = this.text[this.i];
            if (c === undefined)
                throw new JsonSyntaxError('unterminated string', start);
            if (c === '"') {
                this.i++;
                return out;
            }
            if (c === '\\') {
                const e = this.text[this.i + 1];
                if (e === 'u') {
                    const hex = this.text.slice(this.i + 2, this.i + 6);
                    if (!/^[0-9a-fA-F]{4}$/.test(hex))
                        throw new JsonSyntaxError('invalid \\uXXXX escape', this.i);
                    out += String.fromCharCode(parseInt(hex, 16));
                    this.i += 6;
                    continue;
                }
                const decoded = e === undefined ? undefined : ESCAPES$1[e];
                if (decoded === undefined) {
                    throw new JsonSyntaxError(`invalid escape '\\${e ?? ''}' in a string`, this.i, 'write a backslash as \\\\');
                }
                out += decoded;
                this.i += 2;
                continue;
            }
            if (c.charCodeAt(0) < 0x20) {
                throw new JsonSyntaxError('a control character (such as a raw newline or tab) is not allowed inside a JSON string', this.i, 'write it as an escape: \\n, \\t');
            }
            out += c;
            this.i++;
        }
    }
    skipSpace() {
        for (;;) {
            const c = this.text[this.i];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r')
                this.i++;
            else
                return;
        }
    }
    unexpected(message) {
        const c = this.text[this.i];
        if (c === '#' || this.text.startsWith('//', this.i) || this.text.startsWith('/*', this.i)) {
            return new JsonSyntaxError('JSON does not allow comments', this.i, 'remove the comment, or rename the file to .yaml (YAML accepts JSON syntax and # comments)');
        }
        if (c === "'") {
            return new JsonSyntaxError(`${message}; JSON strings use double quotes, not single quotes`, this.i);
        }
        if (c === undefined)
            return new JsonSyntaxError(`unexpected end of file: ${message}`, this.i);
        return new JsonSyntaxError(`unexpected ${JSON.stringify(c)}: ${message}`, this.i);
    }
}
const LITERALS = [
    ['true', true, 'bool'],
    ['false', false, 'bool'],
    ['null', null, 'null'],
    ['NaN', NaN, 'float'],
    ['Infinity', Infinity, 'float'],
    ['-Infinity', -Infinity, 'float'],
];

const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR$1 = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR$1;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR$1:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (isNode(ctrl) || isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (isMap(node))
        return visitor.Map?.(key, node, path);
    if (isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (isPair(node))
        return visitor.Pair?.(key, node, path);
    if (isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && isNode(doc.contents)) {
            const tags = {};
            visit(doc.contents, (_key, node) => {
                if (isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (isScalar(ref.node) || isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

class Alias extends NodeBase {
    constructor(source) {
        super(ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit(doc, {
                Node: (_key, node) => {
                    if (isAlias(node) || hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends NodeBase {
    constructor(value) {
        super(SCALAR$1);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (isDocument(value))
        value = value.contents;
    if (isNode(value))
        return value;
    if (isPair(value)) {
        const map = ctx.schema[MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[MAP]
                : Symbol.iterator in Object(value)
                    ? schema[SEQ]
                    : schema[MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => isNode(it) || isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && isScalar(node) ? node.value : node;
        else
            return isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines(res, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines(`${start}${foldedValue}${end}`, indent, FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.BLOCK_FOLDED:
            case Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor;
    if (anchor && anchorIsValid(anchor)) {
        anchors.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : isScalar(node)
            ? stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (isCollection(key) || (!isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            isCollection(key) ||
            (isScalar(key)
                ? key.type === Scalar.BLOCK_FOLDED || key.type === Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        console.warn(warning);
    }
}

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (isScalar(key) &&
        (!key.type || key.type === Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

function addPairToJSMap(ctx, map, { key, value }) {
    if (isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (isMergeKey(ctx, key))
        addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (isNode(key) && ctx?.doc) {
        const strCtx = createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

function createPair(key, value, ctx) {
    const k = createNode(key, undefined, ctx);
    const v = createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, NODE_TYPE, { value: PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (isNode(key))
            key = key.clone(schema);
        if (isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

function findPair(items, key) {
    const k = isScalar(key) ? key.value : key;
    for (const it of items) {
        if (isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair(pair, pair?.value);
        }
        else
            _pair = new Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (isScalar(prev.value) && isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.from(schema, obj, ctx)
};

class YAMLSeq extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (isScalar(prev) && isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.from(schema, obj, ctx)
};

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString(item, ctx, onComment, onChompKeep);
    }
};

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

const floatNaN$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify$2 = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve$1 = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify$1(node, radix, prefix) {
    const { value } = node;
    if (intIdentify$2(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber(node);
}
const intOct$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 8, opt),
    stringify: node => intStringify$1(node, 8, '0o')
};
const int$1 = {
    identify: intIdentify$2,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 16, opt),
    stringify: node => intStringify$1(node, 16, '0x')
};

const schema$3 = [
    map,
    seq,
    string,
    nullTag,
    boolTag,
    intOct$1,
    int$1,
    intHex$1,
    floatNaN$1,
    floatExp$1,
    float$1
];

function intIdentify$1(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify$1,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify$1(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema$2 = [map, seq].concat(jsonScalars, jsonError);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.BLOCK_LITERAL);
        if (type !== Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

function resolvePairs(seq, onError) {
    if (isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (isPair(item))
                continue;
            else if (isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair(new Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = isPair(item) ? item : new Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

class YAMLOMap extends YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (isPair(pair)) {
                key = toJS(pair.key, '', ctx);
                value = toJS(pair.value, key, ctx);
            }
            else {
                key = toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs = createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs = resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs.items) {
            if (isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar(false),
    stringify: boolStringify
};

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

class YAMLSet extends YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair(key.key, null);
        else
            pair = new Pair(key, null);
        const prev = findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = findPair(this.items, key);
        return !keepPair && isPair(pair)
            ? isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

const schema$1 = [
    map,
    seq,
    string,
    nullTag,
    trueTag,
    falseTag,
    intBin,
    intOct,
    int,
    intHex,
    floatNaN,
    floatExp,
    float,
    binary,
    merge,
    omap,
    pairs,
    set,
    intTime,
    floatTime,
    timestamp
];

const schemas = new Map([
    ['core', schema$3],
    ['failsafe', [map, seq, string]],
    ['json', schema$2],
    ['yaml11', schema$1],
    ['yaml-1.1', schema$1]
]);
const tagsByName = {
    binary,
    bool: boolTag,
    float: float$1,
    floatExp: floatExp$1,
    floatNaN: floatNaN$1,
    floatTime,
    int: int$1,
    intHex: intHex$1,
    intOct: intOct$1,
    intTime,
    map,
    merge,
    null: nullTag,
    omap,
    pairs,
    seq,
    set,
    timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary,
    'tag:yaml.org,2002:merge': merge,
    'tag:yaml.org,2002:omap': omap,
    'tag:yaml.org,2002:pairs': pairs,
    'tag:yaml.org,2002:set': set,
    'tag:yaml.org,2002:timestamp': timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge)
            ? schemaTags.concat(merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? getTags(compat, 'compat')
            : compat
                ? getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? coreKnownTags : {};
        this.tags = getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, MAP, { value: map });
        Object.defineProperty(this, SCALAR$1, { value: string });
        Object.defineProperty(this, SEQ, { value: seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, NODE_TYPE, { value: DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [NODE_TYPE]: { value: DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode(value, tag, ctx);
        if (flow && isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (isEmptyPath(path))
            return !keepScalar && isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (isEmptyPath(path))
            return this.contents !== undefined;
        return isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap : YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = isNode(res)
        ? res
        : new Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[SCALAR$1];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[SCALAR$1];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = isScalar(res) ? res : new Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[SCALAR$1]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[SCALAR$1];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[SCALAR$1];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[SCALAR$1];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode(ctx, value, props, onError)
        : composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new YAMLWarning(pos, code, message));
            else
                this.errors.push(new YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
let Parser$1 = class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
};

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter = options.lineCounter || (prettyErrors && new LineCounter()) || null;
    return { lineCounter, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser = new Parser$1(lineCounter?.addNewLine);
    const composer = new Composer(options);
    const docs = Array.from(composer.compose(parser.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(prettifyError(source, lineCounter));
            doc.warnings.forEach(prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer.streamInfo());
}

// YAML as PyYAML's safe_load reads it (YAML 1.1), keeping the position of every value.
// The `yaml` package parses the syntax; scalar meaning, tags, merge keys and aliases are ours.
class YamlSyntaxError extends Error {
    offset;
    hint;
    constructor(message, offset, hint) {
        super(message);
        this.offset = offset;
        this.hint = hint;
    }
}
/** Expanding aliases can blow a small file up ("billion laughs"); stop well before that hurts. */
const MAX_NODES = 100_000;
const MAX_DEPTH = 200;
function parseYaml(text) {
    const docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false });
    if (!Array.isArray(docs)) {
        // An empty stream parses as an EmptyStream.
        return { value: null, map: new SourceMap(), duplicateKeys: [] };
    }
    const first = docs[0];
    if (first && first.errors.length > 0) {
        const e = first.errors[0];
        throw new YamlSyntaxError(cleanYamlMessage(e.message), e.pos[0], yamlHint(e.code));
    }
    if (docs.length > 1) {
        const second = docs[1];
        throw new YamlSyntaxError('expected a single document in the stream, but found another document', second.range[0], 'keep one experiment per file; remove the second "---" document');
    }
    if (!first)
        return { value: null, map: new SourceMap(), duplicateKeys: [] };
    return new Builder(text, first).build();
}
function cleanYamlMessage(message) {
    // The yaml package appends a code excerpt after the first line; we print our own position.
    return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
function yamlHint(code) {
    if (code === 'TAB_AS_INDENT')
        return 'indent with spaces; YAML does not allow tabs for indentation';
    if (code === 'BAD_INDENT' || code === 'MISSING_CHAR')
        return 'check the indentation of this line against its parent';
    return undefined;
}
class Builder {
    doc;
    lines;
    map = new SourceMap();
    duplicateKeys = [];
    nodes = 0;
    constructor(text, doc) {
        this.doc = doc;
        this.lines = new LineIndex(text);
    }
    build() {
        const value = this.doc.contents ? this.convert(this.doc.contents, '', 0) : null;
        return { value, map: this.map, duplicateKeys: this.duplicateKeys };
    }
    offsetOf(node) {
        return node.range?.[0] ?? 0;
    }
    fail(node, message, hint) {
        throw new YamlSyntaxError(message, this.offsetOf(node), hint);
    }
    convert(node, pointer, depth, keyNode) {
        if (++this.nodes > MAX_NODES)
            this.fail(node, `the document expands to more than ${MAX_NODES} values (aliases)`);
        if (depth > MAX_DEPTH)
            this.fail(node, `the document nests deeper than ${MAX_DEPTH} levels (a recursive alias?)`);
        const keyPos = keyNode ? { keyPos: this.lines.position(this.offsetOf(keyNode)) } : {};
        const pos = this.lines.position(this.offsetOf(node));
        if (isAlias(node)) {
            const target = node.resolve(this.doc);
            if (!target)
                this.fail(node, `found undefined alias '${node.source}'`);
            const value = this.convert(target, pointer, depth + 1);
            this.map.set(pointer, { ...this.map.get(pointer), pos, ...keyPos });
            return value;
        }
        if (isScalar(node)) {
            const { value, kind } = this.scalar(node);
            this.map.set(pointer, { pos, ...keyPos, kind });
            return value;
        }
        this.map.set(pointer, { pos, ...keyPos });
        if (isSeq(node)) {
            this.expectTag(node, 'seq');
            return node.items.map((item, i) => this.convert(item, joinPointer(pointer, i), depth + 1));
        }
        if (isMap(node)) {
            this.expectTag(node, 'map');
            return this.mapping(node.items, pointer, depth);
        }
        return this.fail(node, 'unsupported YAML node');
    }
    expectTag(node, expected) {
        if (node.tag && node.tag !== TAG + expected) {
            this.fail(node, `could not determine a constructor for the tag '${node.tag}'`, 'safe YAML knows only the standard !! tags');
        }
    }
    scalar(node) {
        const text = String(node.value ?? '');
        let tag;
        if (node.tag) {
            if (!node.tag.startsWith(TAG)) {
                this.fail(node, `could not determine a constructor for the tag '${node.tag}'`, 'safe YAML knows only the standard !! tags');
            }
            tag = node.tag.slice(TAG.length);
        }
        else {
            tag = node.type === 'PLAIN' ? implicitTag(text) : 'str';
        }
        try {
            return constructScalar(tag, text);
        }
        catch (e) {
            if (e instanceof YamlValueError)
                this.fail(node, e.message);
            throw e;
        }
    }
    keyOf(keyNode) {
        if (keyNode === null)
            return pythonKeyString(null, 'null');
        const node = isAlias(keyNode) ? keyNode.resolve(this.doc) : keyNode;
        if (!node || !isScalar(node)) {
            return this.fail(keyNode, 'found unhashable key: a mapping key must be a scalar', 'quote the key or move the value');
        }
        if (node.type === 'PLAIN' && !node.tag && String(node.value) === '<<')
            return '<<';
        const { value, kind } = this.scalar(node);
        return typeof value === 'string' ? value : pythonKeyString(value, kind);
    }
    mapping(pairs, pointer, depth) {
        const out = {};
        const own = [];
        const merged = [];
        for (const pair of pairs) {
            const key = this.keyOf(pair.key);
            if (key === '<<' && pair.value)
                merged.push(...this.mergeSources(pair.value, pointer, depth));
            else
                own.push([key, pair.key, pair.value]);
        }
        // PyYAML puts merged keys first; the earliest merged mapping wins, and own keys override all.
        for (const source of merged.reverse())
            for (const [k, v] of Object.entries(source))
                defineKey(out, k, v);
        const seen = new Set();
        for (const [key, keyNode, valueNode] of own) {
            const child = joinPointer(pointer, key);
            if (seen.has(key))
                this.duplicateKeys.push(child);
            seen.add(key);
            const value = valueNode ? this.convert(valueNode, child, depth + 1, keyNode ?? undefined) : null;
            if (!valueNode && keyNode) {
                this.map.set(child, { pos: this.lines.position(this.offsetOf(keyNode)), keyPos: this.lines.position(this.offsetOf(keyNode)), kind: 'null' });
            }
            defineKey(out, key, value);
        }
        return out;
    }
    mergeSources(node, pointer, depth) {
        const target = isAlias(node) ? node.resolve(this.doc) : node;
        const asMapping = (n) => {
            const resolved = n && isAlias(n) ? n.resolve(this.doc) : n;
            if (!resolved || !isMap(resolved)) {
                return this.fail(n ?? node, 'while constructing a mapping: expected a mapping for merging (<<)');
            }
            // Merged values keep the positions of the mapping they came from, under this pointer.
            const saved = this.map.get(pointer);
            const value = this.convert(resolved, pointer, depth + 1);
            if (saved)
                this.map.set(pointer, saved);
            return value;
        };
        if (target && isSeq(target))
            return target.items.map((item) => asMapping(item));
        return [asMapping(target)];
    }
}

// Reads one experiment file into a plain value plus a source map, or into positioned errors.
function formatOf(file) {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.json')
        return 'json';
    if (ext === '.yaml' || ext === '.yml')
        return 'yaml';
    return undefined;
}
async function loadExperimentFile(file) {
    const format = formatOf(file);
    if (!format) {
        return failure(file, 1, 1, 'load-extension', 'only files with json, yaml or yml extensions are supported', 'rename the file to .json or .yaml');
    }
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (e) {
        const code = e.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : String(e);
        return failure(file, 1, 1, 'load-read', `cannot read the file: ${why}`);
    }
    return parseExperimentText(file, format, text);
}
function parseExperimentText(file, format, text) {
    try {
        const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
        const warnings = parsed.duplicateKeys.map((pointer) => {
            const pos = parsed.map.locate(pointer, true);
            return {
                severity: 'warning',
                code: 'duplicate-key',
                file,
                line: pos.line,
                column: pos.column,
                pointer,
                message: `the key "${pointer.slice(pointer.lastIndexOf('/') + 1)}" appears more than once; the last one wins`,
                hint: 'remove the earlier one',
            };
        });
        return { ok: true, doc: { file, format, value: parsed.value, map: parsed.map }, warnings };
    }
    catch (e) {
        if (e instanceof JsonSyntaxError || e instanceof YamlSyntaxError) {
            const pos = new LineIndex(text).position(Math.min(e.offset, text.length));
            const what = format === 'json' ? 'invalid JSON' : 'invalid YAML';
            return failure(file, pos.line, pos.column, `syntax-${format}`, `${what}: ${e.message}`, e.hint);
        }
        throw e;
    }
}
function failure(file, line, column, code, message, hint) {
    return {
        ok: false,
        diagnostics: [{ severity: 'error', code, file, line, column, pointer: '', message, ...(hint ? { hint } : {}) }],
    };
}

// Run-time variables as `chaos run` takes them: --var key[:type]=value (configuration only) and
// --var-file (JSON or YAML with configuration/secrets blocks, or a .env file of environment values).
const emptyVars = () => ({ configuration: {}, secrets: {}, env: {} });
class VarError extends Error {
}
/** `key[:type]=value`; the type is one of str, int, float, bytes, bool, json. */
function parseVarOption(option) {
    const eq = option.indexOf('=');
    if (eq <= 0)
        throw new VarError(`--var ${option}: expected key[:type]=value`);
    let key = option.slice(0, eq);
    const raw = option.slice(eq + 1);
    const colon = key.lastIndexOf(':');
    if (colon < 0)
        return [key, raw];
    const type = key.slice(colon + 1);
    key = key.slice(0, colon);
    try {
        return [key, convertToType(type, raw)];
    }
    catch (e) {
        if (e instanceof ConversionError)
            throw new VarError(`--var ${option}: ${e.message}`);
        throw e;
    }
}
async function loadVarFile(file) {
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch {
        return fail(file, 1, 1, 'cannot read the var file');
    }
    const format = formatOf(file);
    if (!format)
        return { ok: true, vars: { configuration: {}, secrets: {}, env: parseDotEnv(text) } };
    const loaded = parseExperimentText(file, format, text);
    if (!loaded.ok)
        return { ok: false, diagnostics: loaded.diagnostics };
    const value = loaded.doc.value;
    if (value === null || value === undefined)
        return { ok: true, vars: emptyVars() };
    if (typeof value !== 'object' || Array.isArray(value)) {
        return fail(file, 1, 1, 'a var file holds a mapping with "configuration" and/or "secrets" keys');
    }
    const { configuration = {}, secrets = {} } = value;
    for (const [name, block] of [['configuration', configuration], ['secrets', secrets]]) {
        if (typeof block !== 'object' || block === null || Array.isArray(block)) {
            const pos = loaded.doc.map.locate(`/${name}`);
            return fail(file, pos.line, pos.column, `"${name}" in a var file must be a mapping`);
        }
    }
    return { ok: true, vars: { configuration: configuration, secrets: secrets, env: {} } };
}
/** KEY=VALUE lines, # comments and blank lines skipped, as chaoslib reads them (no quote removal). */
function parseDotEnv(text) {
    const env = {};
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        if (eq < 0)
            continue;
        env[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return env;
}
/** Later files override earlier ones; --var values override every file. */
function mergeVars(files, options) {
    const merged = emptyVars();
    for (const v of files) {
        Object.assign(merged.configuration, v.configuration);
        Object.assign(merged.secrets, v.secrets);
        Object.assign(merged.env, v.env);
    }
    for (const [k, v] of options)
        merged.configuration[k] = v;
    return merged;
}
function fail(file, line, column, message) {
    return { ok: false, diagnostics: [{ severity: 'error', code: 'var-file', file, line, column, pointer: '', message }] };
}

// Python functions named by python providers: what we know of them (from our built-ins or from a
// python3 that imported them) and whether an activity's arguments bind to them, as chaoslib checks.
const targetKey = (t) => `${t.module}:${t.func}`;
/** inspect.signature(f).bind(**args) with `configuration` and `secrets` injected when declared. */
function bindArguments(params, argumentNames) {
    const problems = [];
    const given = new Set(argumentNames);
    for (const injected of ['configuration', 'secrets'])
        if (params.some((p) => p.name === injected))
            given.add(injected);
    const acceptsAnyKeyword = params.some((p) => p.kind === 'VAR_KEYWORD');
    for (const name of given) {
        const param = params.find((p) => p.name === name);
        if (param && param.kind !== 'POSITIONAL_ONLY' && param.kind !== 'VAR_POSITIONAL' && param.kind !== 'VAR_KEYWORD')
            continue;
        if (!param && acceptsAnyKeyword)
            continue;
        problems.push({ kind: 'unexpected', argument: name });
    }
    for (const p of params) {
        if (p.hasDefault || p.kind === 'VAR_POSITIONAL' || p.kind === 'VAR_KEYWORD')
            continue;
        if (p.kind === 'POSITIONAL_ONLY' || !given.has(p.name))
            problems.push({ kind: 'missing', argument: p.name });
    }
    return problems;
}

const registry = new Map();
function findBuiltin(module, func) {
    return registry.get(`${module}:${func}`);
}
function findBuiltinRunner(module, func) {
    return registry.get(`${module}:${func}`)?.run;
}

// The environment a child process (a process activity, the python bridge) gets: ours, without the
// runner's credentials, so experiment code from a pull request cannot take them.
const WITHHELD = [/^ACTIONS_RUNTIME_TOKEN$/, /^ACTIONS_ID_TOKEN_REQUEST_/, /^ACTIONS_RESULTS_URL$/, /^ACTIONS_CACHE_URL$/, /^ACTIONS_RUNTIME_URL$/, /^GITHUB_TOKEN$/, /^GH_TOKEN$/, /^INPUT_/, /^STATE_/];
function childEnv(env) {
    const out = {};
    for (const [k, v] of Object.entries(env)) {
        if (v !== undefined && !WITHHELD.some((re) => re.test(k)))
            out[k] = v;
    }
    return out;
}

// Asks a python3 whether the modules and functions that python providers name can be imported,
// and with which signature — in one process for the whole run, as chaoslib's validation does
// with importlib and inspect.
const SCRIPT$1 = String.raw `
import importlib, inspect, json, sys
out = {}
for module, func in json.load(sys.stdin):
    key = module + ":" + func
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        out[key] = {"status": "no-module", "detail": str(e)}
        continue
    except Exception as e:
        out[key] = {"status": "no-module", "detail": "%s: %s" % (type(e).__name__, e)}
        continue
    members = dict(inspect.getmembers(mod, inspect.isfunction))
    members.update(inspect.getmembers(mod, inspect.isbuiltin))
    if func not in members:
        out[key] = {"status": "no-function"}
        continue
    try:
        sig = inspect.signature(members[func])
        params = [{"name": p.name, "kind": p.kind.name, "hasDefault": p.default is not inspect.Parameter.empty} for p in sig.parameters.values()]
    except (TypeError, ValueError):
        params = [{"name": "args", "kind": "VAR_POSITIONAL", "hasDefault": False}, {"name": "kwargs", "kind": "VAR_KEYWORD", "hasDefault": False}]
    out[key] = {"status": "found", "params": params, "builtin": False}
json.dump(out, sys.stdout)
`;
async function inspectPythonFunctions(targets, options) {
    const result = new Map();
    if (targets.length === 0)
        return result;
    const unique = [...new Map(targets.map((t) => [targetKey(t), t])).values()];
    const failAll = (detail) => {
        for (const t of unique)
            result.set(targetKey(t), { status: 'no-python', detail });
        return result;
    };
    const run = await new Promise((resolve) => {
        const child = spawn(options.python, ['-c', SCRIPT$1], { env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
        child.stdout.on('data', (d) => (stdout += d.toString()));
        child.stderr.on('data', (d) => (stderr += d.toString()));
        child.on('error', (error) => {
            clearTimeout(timer);
            resolve({ code: null, stdout, stderr, error });
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(JSON.stringify(unique.map((t) => [t.module, t.func])));
    });
    if (run.error)
        return failAll(`${options.python}: ${run.error.code === 'ENOENT' ? 'not found' : run.error.message}`);
    if (run.code !== 0)
        return failAll(`${options.python} failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
    try {
        const parsed = JSON.parse(run.stdout);
        for (const [k, v] of Object.entries(parsed))
            result.set(k, v);
    }
    catch {
        return failAll(`${options.python} answered something that is not JSON`);
    }
    return result;
}

function pythonResolver(options) {
    return async (targets) => {
        const found = new Map();
        const rest = targets.filter((t) => {
            const builtin = findBuiltin(t.module, t.func);
            if (builtin)
                found.set(targetKey(t), { status: 'found', params: builtin.params, builtin: true });
            return !builtin;
        });
        for (const [k, v] of await inspectPythonFunctions(rest, options))
            found.set(k, v);
        return found;
    };
}

// Options shared by `validate` and `run`: variables, var files and the python used for providers,
// turned into the validation options the experiment layer takes.
class UsageError extends Error {
}
async function experimentInputs(values, processEnv) {
    const options = [];
    for (const v of values.var ?? []) {
        try {
            options.push(parseVarOption(v));
        }
        catch (e) {
            throw new UsageError(e.message);
        }
    }
    const files = [];
    for (const file of values['var-file'] ?? []) {
        const loaded = await loadVarFile(file);
        if (!loaded.ok)
            return { ok: false, diagnostics: loaded.diagnostics };
        files.push(loaded.vars);
    }
    const vars = mergeVars(files, options);
    const env = { ...processEnv, ...vars.env };
    const python = values.python ?? processEnv.CHAOS_ACTION_PYTHON ?? 'python3';
    return {
        ok: true,
        inputs: {
            vars,
            env,
            options: { env, vars, findExecutable: executableFinder(env.PATH), resolvePython: pythonResolver({ python, env }) },
        },
    };
}

// The words of --help.
const MAIN_HELP = `chaos-action — run Chaos Toolkit experiments as a merge and promotion gate

Usage:
  chaos-action <command> [options] [paths...]

Commands:
  run [paths...]        Validate, then run every experiment (files or folders; default:
                        experiments); write journals, results.json and report.md; exit 1 when
                        the gate fails.
  validate [paths...]   Check experiments and report every problem with file:line:column.
                        Runs nothing.
  help [command]        Show help for a command.

Options:
  -h, --help            Show this help.
  -v, --version         Print the version.

Exit codes:
  0  everything valid (or the gate passed)
  1  the gate failed (a verdict listed in --fail-on)
  2  invalid input: bad usage, an invalid experiment, an unreadable file
  3  internal error in chaos-action (please report it)

Docs: README.md in the chaos-action repository.`;
const VALIDATE_HELP = `Usage: chaos-action validate [options] [paths...]

Validates Chaos Toolkit experiments (.json, .yaml, .yml) the way \`chaos validate\` does, plus the
problems Chaos Toolkit only finds at run time. Folders are searched recursively (hidden folders and
node_modules are skipped). Every problem in every file is reported; nothing is run.

Options:
  --var KEY[:TYPE]=VALUE  Set a configuration value (repeatable). TYPE: str, int, float, bytes, bool, json.
  --var-file FILE         Read configuration and secrets from a JSON/YAML file, or environment
                          values from a .env file (repeatable; later files win, --var wins over files).
  --python PATH           The python3 used to check python providers that are not built in
                          (default: $CHAOS_ACTION_PYTHON or python3 on PATH).
  --format text|json      Output format (default: text).
  -q, --quiet             Print errors only.
  -h, --help              Show this help.

Examples:
  chaos-action validate experiments/
  chaos-action validate --var base_url=http://127.0.0.1:8080 experiments/web.yaml
  chaos-action validate --format json experiments/ > validation.json

Editor support: start a YAML experiment with
  # yaml-language-server: $schema=<path or URL of schema/experiment.schema.json>`;
const RUN_HELP = `Usage: chaos-action run [options] [paths...]

Runs Chaos Toolkit experiments the way \`chaos run\` does (steady state before, method, steady state
after, rollbacks), after validating all of them: if any file is invalid, nothing runs. Writes one
journal per experiment, results.json and report.md into the journal folder, and exits 1 when a
verdict listed in --fail-on occurs.

Verdicts: passed, not-ready (steady state not met before the fault), missed-objective, deviated
(steady state not met after, or during the method), interrupted, failed (an activity or rollback
errored), invalid.

Options:
  --journal-dir DIR             Where journals and reports go (default: chaos-results).
  --var KEY[:TYPE]=VALUE        A configuration value (repeatable).
  --var-file FILE               Configuration/secrets from JSON or YAML, or a .env file (repeatable).
  --rollback-strategy S         always (our default: a gate must not leave staging broken), default
                                (Chaos Toolkit's: not after failed or interrupted), never, deviated.
  --hypothesis-strategy S       default, before-method-only, after-method-only, during-method-only,
                                continuously.
  --hypothesis-frequency SEC    Seconds between two checks during the method (default: 1).
  --fail-fast                   Stop at the first deviation during the method.
  --dry MODE                    probes, actions, activities or pause: do not run those (or do not pause).
  --fail-on LIST                Verdicts that fail the run, comma-separated
                                (default: every verdict but passed).
  --allow-action-failure        A failed method action does not fail the experiment (Chaos Toolkit's meaning).
  --python PATH                 The python3 for python providers that are not built in.
  -q, --quiet                   Errors and the final summary only.
  -v, --verbose                 Also every activity's output and pause.
  -h, --help                    Show this help.

Signals: SIGINT or SIGTERM stops the running activity (its process group is killed, its request
aborted), plays the rollbacks and writes the journals; a second signal skips what is left of them.

Examples:
  chaos-action run experiments/
  chaos-action run --var base_url=http://127.0.0.1:8080 --fail-on deviated,failed experiments/web.yaml`;

var version = "0.1.0";
var pkg = {
	version: version};

const VERSION = pkg.version;

// The command line: parses the command, runs it, turns every outcome into an exit code.
// Nothing a user typed or wrote produces a stack trace; only our own bugs do, and they say so.
const COMMANDS = {
    validate: async () => (await Promise.resolve().then(function () { return validateCommand$1; })).validateCommand,
    run: async () => (await Promise.resolve().then(function () { return runCommand$1; })).runCommand,
};
async function main(argv, term, env) {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help') {
        term.out(MAIN_HELP);
        return first === undefined ? ExitCode.invalidInput : ExitCode.ok;
    }
    if (first === '-v' || first === '--version') {
        term.out(VERSION);
        return ExitCode.ok;
    }
    if (first === 'help')
        return rest[0] && COMMANDS[rest[0]] ? main([rest[0], '--help'], term, env) : main(['--help'], term, env);
    const load = COMMANDS[first];
    if (!load) {
        term.err(`chaos-action: unknown command '${first}'. Commands: ${Object.keys(COMMANDS).join(', ')}. See 'chaos-action --help'.`);
        return ExitCode.invalidInput;
    }
    try {
        return await (await load())(rest, term, env);
    }
    catch (e) {
        if (e instanceof UsageError || isParseArgsError(e)) {
            term.err(`chaos-action ${first}: ${e.message}. See 'chaos-action ${first} --help'.`);
            return ExitCode.invalidInput;
        }
        term.err(`chaos-action: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        term.err('This is a bug in chaos-action, not in your experiment: please report it with the command you ran.');
        return ExitCode.internalError;
    }
}
function isParseArgsError(e) {
    const code = e?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

// Output for people: colour on a terminal (unless NO_COLOR), plain in CI and pipes.
function processTerminal(env = process.env) {
    const color = env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : Boolean(process.stdout.isTTY) && env.TERM !== 'dumb');
    return {
        color,
        out: (line) => void process.stdout.write(line + '\n'),
        err: (line) => void process.stderr.write(line + '\n'),
    };
}
const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 };
function paint(t, style, text) {
    return t.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

// Entry point of the `chaos-action` binary. (No top-level await: in the bundle, the lazily
// imported commands are defined after this module's body runs.)
void main(process.argv.slice(2), processTerminal(), process.env).then((code) => {
    process.exitCode = code;
});

// Which files a list of paths names: files as given, folders searched recursively for
// experiments (sorted, skipping node_modules and hidden folders).
async function discoverExperiments(paths) {
    const files = [];
    const diagnostics = [];
    const problem = (file, code, message, hint) => {
        diagnostics.push({ severity: 'error', code, file, line: 1, column: 1, pointer: '', message, ...(hint ? { hint } : {}) });
    };
    for (const given of paths) {
        let info;
        try {
            info = await stat(given);
        }
        catch {
            problem(given, 'discover-missing', 'no such file or folder', 'check the path; it is resolved against the current folder');
            continue;
        }
        if (info.isDirectory()) {
            const found = await walk(given);
            if (found.length === 0) {
                problem(given, 'discover-empty', 'the folder holds no .json, .yaml or .yml experiment', 'point at the folder that holds your experiments');
            }
            files.push(...found);
        }
        else if (formatOf(given)) {
            files.push(given);
        }
        else {
            problem(given, 'load-extension', 'only files with json, yaml or yml extensions are supported', 'rename the file to .json or .yaml');
        }
    }
    return { files: [...new Set(files)], diagnostics };
}
async function walk(folder) {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const out = [];
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules')
            continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory())
            out.push(...(await walk(full)));
        else if (entry.isFile() && formatOf(entry.name))
            out.push(full);
    }
    return out;
}

// Every activity an experiment holds, with where it sits and what role it plays there.
function listActivities(experiment) {
    const out = [];
    const push = (role, pointer, value) => {
        if (!isMapping(value))
            return;
        out.push({ role, pointer, value });
        if (role === 'hypothesis' && isMapping(value.tolerance) && value.tolerance.type === 'probe') {
            out.push({ role: 'tolerance', pointer: joinPointer(pointer, 'tolerance'), value: value.tolerance });
        }
    };
    const hypothesis = experiment['steady-state-hypothesis'];
    if (isMapping(hypothesis) && Array.isArray(hypothesis.probes)) {
        hypothesis.probes.forEach((p, i) => push('hypothesis', `/steady-state-hypothesis/probes/${i}`, p));
    }
    if (Array.isArray(experiment.method))
        experiment.method.forEach((a, i) => push('method', `/method/${i}`, a));
    if (Array.isArray(experiment.rollbacks))
        experiment.rollbacks.forEach((a, i) => push('rollback', `/rollbacks/${i}`, a));
    if (isMapping(experiment.configuration)) {
        for (const [key, value] of Object.entries(experiment.configuration)) {
            if (isMapping(value) && value.type === 'probe')
                push('dynamic-configuration', joinPointer('/configuration', key), value);
        }
    }
    return out;
}
/** Activities a `ref` can name: method activities and hypothesis probes (the latter win on a clash). */
function refTargets(activities) {
    const targets = new Map();
    for (const role of ['method', 'hypothesis']) {
        for (const a of activities) {
            if (a.role === role && typeof a.value.name === 'string' && a.value.ref === undefined)
                targets.set(a.value.name, a);
        }
    }
    return targets;
}
/** The activity a ref entry stands for, or the entry itself. */
function resolveRef$1(entry, targets) {
    const ref = entry.value.ref;
    return typeof ref === 'string' ? targets.get(ref) : entry;
}

// The experiment's configuration block resolved as chaoslib's load_configuration does it:
// literal values, env lookups with default and env_var_type, and --var overrides of declared keys.
// Dynamic `type: probe` entries are listed for the engine to run after secrets are loaded.
function loadConfiguration(declared, vars, env) {
    const values = {};
    const dynamic = [];
    const problems = [];
    if (!isMapping(declared))
        return { values, dynamic, problems };
    for (const [key, declaredValue] of Object.entries(declared)) {
        const pointer = joinPointer('/configuration', key);
        // A var (or var-file entry) replaces the declaration itself, so it may be an env definition too.
        const fromVar = Object.hasOwn(vars, key);
        const value = fromVar ? vars[key] : declaredValue;
        if (isMapping(value) && value.type === 'probe') {
            dynamic.push(key);
            values[key] = value;
            continue;
        }
        if (!(isMapping(value) && value.type === 'env')) {
            values[key] = value;
            continue;
        }
        const envKey = value.key;
        if (typeof envKey !== 'string' || envKey === '')
            continue; // the schema reports it
        const present = env[envKey] !== undefined;
        if (!present && !Object.hasOwn(value, 'default')) {
            problems.push({
                severity: 'error',
                code: 'configuration-env-missing',
                pointer: fromVar ? pointer : joinPointer(pointer, 'key'),
                message: `Configuration makes reference to an environment key that does not exist: ${envKey}`,
                hint: `set ${envKey} in the environment, give the entry a "default", or pass --var ${key}=VALUE`,
            });
            continue;
        }
        try {
            values[key] = convertToType(value.env_var_type, present ? env[envKey] : value.default);
        }
        catch (e) {
            if (!(e instanceof ConversionError))
                throw e;
            problems.push({
                severity: 'error',
                code: 'configuration-env-type',
                pointer: joinPointer(pointer, 'env_var_type'),
                message: `configuration "${key}": the value of ${envKey} cannot be converted to ${String(value.env_var_type)}: ${e.message}`,
            });
        }
    }
    for (const key of Object.keys(vars)) {
        if (!Object.hasOwn(declared, key)) {
            problems.push({
                severity: 'warning',
                code: 'var-undeclared',
                pointer: '/configuration',
                message: `the variable "${key}" is not declared in the configuration, so nothing uses it`,
                hint: `declare it: configuration: {${key}: …}`,
            });
        }
    }
    return { values, dynamic, problems };
}

var ajv = {exports: {}};

var core$1 = {};

var validate = {};

var boolSchema = {};

var errors = {};

var codegen = {};

var code$1 = {};

var hasRequiredCode$1;

function requireCode$1 () {
	if (hasRequiredCode$1) return code$1;
	hasRequiredCode$1 = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
		// eslint-disable-next-line @typescript-eslint/no-extraneous-class
		class _CodeOrName {
		}
		exports._CodeOrName = _CodeOrName;
		exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
		class Name extends _CodeOrName {
		    constructor(s) {
		        super();
		        if (!exports.IDENTIFIER.test(s))
		            throw new Error("CodeGen: name must be a valid identifier");
		        this.str = s;
		    }
		    toString() {
		        return this.str;
		    }
		    emptyStr() {
		        return false;
		    }
		    get names() {
		        return { [this.str]: 1 };
		    }
		}
		exports.Name = Name;
		class _Code extends _CodeOrName {
		    constructor(code) {
		        super();
		        this._items = typeof code === "string" ? [code] : code;
		    }
		    toString() {
		        return this.str;
		    }
		    emptyStr() {
		        if (this._items.length > 1)
		            return false;
		        const item = this._items[0];
		        return item === "" || item === '""';
		    }
		    get str() {
		        var _a;
		        return ((_a = this._str) !== null && _a !== void 0 ? _a : (this._str = this._items.reduce((s, c) => `${s}${c}`, "")));
		    }
		    get names() {
		        var _a;
		        return ((_a = this._names) !== null && _a !== void 0 ? _a : (this._names = this._items.reduce((names, c) => {
		            if (c instanceof Name)
		                names[c.str] = (names[c.str] || 0) + 1;
		            return names;
		        }, {})));
		    }
		}
		exports._Code = _Code;
		exports.nil = new _Code("");
		function _(strs, ...args) {
		    const code = [strs[0]];
		    let i = 0;
		    while (i < args.length) {
		        addCodeArg(code, args[i]);
		        code.push(strs[++i]);
		    }
		    return new _Code(code);
		}
		exports._ = _;
		const plus = new _Code("+");
		function str(strs, ...args) {
		    const expr = [safeStringify(strs[0])];
		    let i = 0;
		    while (i < args.length) {
		        expr.push(plus);
		        addCodeArg(expr, args[i]);
		        expr.push(plus, safeStringify(strs[++i]));
		    }
		    optimize(expr);
		    return new _Code(expr);
		}
		exports.str = str;
		function addCodeArg(code, arg) {
		    if (arg instanceof _Code)
		        code.push(...arg._items);
		    else if (arg instanceof Name)
		        code.push(arg);
		    else
		        code.push(interpolate(arg));
		}
		exports.addCodeArg = addCodeArg;
		function optimize(expr) {
		    let i = 1;
		    while (i < expr.length - 1) {
		        if (expr[i] === plus) {
		            const res = mergeExprItems(expr[i - 1], expr[i + 1]);
		            if (res !== undefined) {
		                expr.splice(i - 1, 3, res);
		                continue;
		            }
		            expr[i++] = "+";
		        }
		        i++;
		    }
		}
		function mergeExprItems(a, b) {
		    if (b === '""')
		        return a;
		    if (a === '""')
		        return b;
		    if (typeof a == "string") {
		        if (b instanceof Name || a[a.length - 1] !== '"')
		            return;
		        if (typeof b != "string")
		            return `${a.slice(0, -1)}${b}"`;
		        if (b[0] === '"')
		            return a.slice(0, -1) + b.slice(1);
		        return;
		    }
		    if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
		        return `"${a}${b.slice(1)}`;
		    return;
		}
		function strConcat(c1, c2) {
		    return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str `${c1}${c2}`;
		}
		exports.strConcat = strConcat;
		// TODO do not allow arrays here
		function interpolate(x) {
		    return typeof x == "number" || typeof x == "boolean" || x === null
		        ? x
		        : safeStringify(Array.isArray(x) ? x.join(",") : x);
		}
		function stringify(x) {
		    return new _Code(safeStringify(x));
		}
		exports.stringify = stringify;
		function safeStringify(x) {
		    return JSON.stringify(x)
		        .replace(/\u2028/g, "\\u2028")
		        .replace(/\u2029/g, "\\u2029");
		}
		exports.safeStringify = safeStringify;
		function getProperty(key) {
		    return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _ `[${key}]`;
		}
		exports.getProperty = getProperty;
		//Does best effort to format the name properly
		function getEsmExportName(key) {
		    if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
		        return new _Code(`${key}`);
		    }
		    throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
		}
		exports.getEsmExportName = getEsmExportName;
		function regexpCode(rx) {
		    return new _Code(rx.toString());
		}
		exports.regexpCode = regexpCode;
		
	} (code$1));
	return code$1;
}

var scope = {};

var hasRequiredScope;

function requireScope () {
	if (hasRequiredScope) return scope;
	hasRequiredScope = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
		const code_1 = /*@__PURE__*/ requireCode$1();
		class ValueError extends Error {
		    constructor(name) {
		        super(`CodeGen: "code" for ${name} not defined`);
		        this.value = name.value;
		    }
		}
		var UsedValueState;
		(function (UsedValueState) {
		    UsedValueState[UsedValueState["Started"] = 0] = "Started";
		    UsedValueState[UsedValueState["Completed"] = 1] = "Completed";
		})(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
		exports.varKinds = {
		    const: new code_1.Name("const"),
		    let: new code_1.Name("let"),
		    var: new code_1.Name("var"),
		};
		class Scope {
		    constructor({ prefixes, parent } = {}) {
		        this._names = {};
		        this._prefixes = prefixes;
		        this._parent = parent;
		    }
		    toName(nameOrPrefix) {
		        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
		    }
		    name(prefix) {
		        return new code_1.Name(this._newName(prefix));
		    }
		    _newName(prefix) {
		        const ng = this._names[prefix] || this._nameGroup(prefix);
		        return `${prefix}${ng.index++}`;
		    }
		    _nameGroup(prefix) {
		        var _a, _b;
		        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || (this._prefixes && !this._prefixes.has(prefix))) {
		            throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
		        }
		        return (this._names[prefix] = { prefix, index: 0 });
		    }
		}
		exports.Scope = Scope;
		class ValueScopeName extends code_1.Name {
		    constructor(prefix, nameStr) {
		        super(nameStr);
		        this.prefix = prefix;
		    }
		    setValue(value, { property, itemIndex }) {
		        this.value = value;
		        this.scopePath = (0, code_1._) `.${new code_1.Name(property)}[${itemIndex}]`;
		    }
		}
		exports.ValueScopeName = ValueScopeName;
		const line = (0, code_1._) `\n`;
		class ValueScope extends Scope {
		    constructor(opts) {
		        super(opts);
		        this._values = {};
		        this._scope = opts.scope;
		        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
		    }
		    get() {
		        return this._scope;
		    }
		    name(prefix) {
		        return new ValueScopeName(prefix, this._newName(prefix));
		    }
		    value(nameOrPrefix, value) {
		        var _a;
		        if (value.ref === undefined)
		            throw new Error("CodeGen: ref must be passed in value");
		        const name = this.toName(nameOrPrefix);
		        const { prefix } = name;
		        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
		        let vs = this._values[prefix];
		        if (vs) {
		            const _name = vs.get(valueKey);
		            if (_name)
		                return _name;
		        }
		        else {
		            vs = this._values[prefix] = new Map();
		        }
		        vs.set(valueKey, name);
		        const s = this._scope[prefix] || (this._scope[prefix] = []);
		        const itemIndex = s.length;
		        s[itemIndex] = value.ref;
		        name.setValue(value, { property: prefix, itemIndex });
		        return name;
		    }
		    getValue(prefix, keyOrRef) {
		        const vs = this._values[prefix];
		        if (!vs)
		            return;
		        return vs.get(keyOrRef);
		    }
		    scopeRefs(scopeName, values = this._values) {
		        return this._reduceValues(values, (name) => {
		            if (name.scopePath === undefined)
		                throw new Error(`CodeGen: name "${name}" has no value`);
		            return (0, code_1._) `${scopeName}${name.scopePath}`;
		        });
		    }
		    scopeCode(values = this._values, usedValues, getCode) {
		        return this._reduceValues(values, (name) => {
		            if (name.value === undefined)
		                throw new Error(`CodeGen: name "${name}" has no value`);
		            return name.value.code;
		        }, usedValues, getCode);
		    }
		    _reduceValues(values, valueCode, usedValues = {}, getCode) {
		        let code = code_1.nil;
		        for (const prefix in values) {
		            const vs = values[prefix];
		            if (!vs)
		                continue;
		            const nameSet = (usedValues[prefix] = usedValues[prefix] || new Map());
		            vs.forEach((name) => {
		                if (nameSet.has(name))
		                    return;
		                nameSet.set(name, UsedValueState.Started);
		                let c = valueCode(name);
		                if (c) {
		                    const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
		                    code = (0, code_1._) `${code}${def} ${name} = ${c};${this.opts._n}`;
		                }
		                else if ((c = getCode === null || getCode === void 0 ? void 0 : getCode(name))) {
		                    code = (0, code_1._) `${code}${c}${this.opts._n}`;
		                }
		                else {
		                    throw new ValueError(name);
		                }
		                nameSet.set(name, UsedValueState.Completed);
		            });
		        }
		        return code;
		    }
		}
		exports.ValueScope = ValueScope;
		
	} (scope));
	return scope;
}

var hasRequiredCodegen;

function requireCodegen () {
	if (hasRequiredCodegen) return codegen;
	hasRequiredCodegen = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
		const code_1 = /*@__PURE__*/ requireCode$1();
		const scope_1 = /*@__PURE__*/ requireScope();
		var code_2 = /*@__PURE__*/ requireCode$1();
		Object.defineProperty(exports, "_", { enumerable: true, get: function () { return code_2._; } });
		Object.defineProperty(exports, "str", { enumerable: true, get: function () { return code_2.str; } });
		Object.defineProperty(exports, "strConcat", { enumerable: true, get: function () { return code_2.strConcat; } });
		Object.defineProperty(exports, "nil", { enumerable: true, get: function () { return code_2.nil; } });
		Object.defineProperty(exports, "getProperty", { enumerable: true, get: function () { return code_2.getProperty; } });
		Object.defineProperty(exports, "stringify", { enumerable: true, get: function () { return code_2.stringify; } });
		Object.defineProperty(exports, "regexpCode", { enumerable: true, get: function () { return code_2.regexpCode; } });
		Object.defineProperty(exports, "Name", { enumerable: true, get: function () { return code_2.Name; } });
		var scope_2 = /*@__PURE__*/ requireScope();
		Object.defineProperty(exports, "Scope", { enumerable: true, get: function () { return scope_2.Scope; } });
		Object.defineProperty(exports, "ValueScope", { enumerable: true, get: function () { return scope_2.ValueScope; } });
		Object.defineProperty(exports, "ValueScopeName", { enumerable: true, get: function () { return scope_2.ValueScopeName; } });
		Object.defineProperty(exports, "varKinds", { enumerable: true, get: function () { return scope_2.varKinds; } });
		exports.operators = {
		    GT: new code_1._Code(">"),
		    GTE: new code_1._Code(">="),
		    LT: new code_1._Code("<"),
		    LTE: new code_1._Code("<="),
		    EQ: new code_1._Code("==="),
		    NEQ: new code_1._Code("!=="),
		    NOT: new code_1._Code("!"),
		    OR: new code_1._Code("||"),
		    AND: new code_1._Code("&&"),
		    ADD: new code_1._Code("+"),
		};
		class Node {
		    optimizeNodes() {
		        return this;
		    }
		    optimizeNames(_names, _constants) {
		        return this;
		    }
		}
		class Def extends Node {
		    constructor(varKind, name, rhs) {
		        super();
		        this.varKind = varKind;
		        this.name = name;
		        this.rhs = rhs;
		    }
		    render({ es5, _n }) {
		        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
		        const rhs = this.rhs === undefined ? "" : ` = ${this.rhs}`;
		        return `${varKind} ${this.name}${rhs};` + _n;
		    }
		    optimizeNames(names, constants) {
		        if (!names[this.name.str])
		            return;
		        if (this.rhs)
		            this.rhs = optimizeExpr(this.rhs, names, constants);
		        return this;
		    }
		    get names() {
		        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
		    }
		}
		class Assign extends Node {
		    constructor(lhs, rhs, sideEffects) {
		        super();
		        this.lhs = lhs;
		        this.rhs = rhs;
		        this.sideEffects = sideEffects;
		    }
		    render({ _n }) {
		        return `${this.lhs} = ${this.rhs};` + _n;
		    }
		    optimizeNames(names, constants) {
		        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
		            return;
		        this.rhs = optimizeExpr(this.rhs, names, constants);
		        return this;
		    }
		    get names() {
		        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
		        return addExprNames(names, this.rhs);
		    }
		}
		class AssignOp extends Assign {
		    constructor(lhs, op, rhs, sideEffects) {
		        super(lhs, rhs, sideEffects);
		        this.op = op;
		    }
		    render({ _n }) {
		        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
		    }
		}
		class Label extends Node {
		    constructor(label) {
		        super();
		        this.label = label;
		        this.names = {};
		    }
		    render({ _n }) {
		        return `${this.label}:` + _n;
		    }
		}
		class Break extends Node {
		    constructor(label) {
		        super();
		        this.label = label;
		        this.names = {};
		    }
		    render({ _n }) {
		        const label = this.label ? ` ${this.label}` : "";
		        return `break${label};` + _n;
		    }
		}
		class Throw extends Node {
		    constructor(error) {
		        super();
		        this.error = error;
		    }
		    render({ _n }) {
		        return `throw ${this.error};` + _n;
		    }
		    get names() {
		        return this.error.names;
		    }
		}
		class AnyCode extends Node {
		    constructor(code) {
		        super();
		        this.code = code;
		    }
		    render({ _n }) {
		        return `${this.code};` + _n;
		    }
		    optimizeNodes() {
		        return `${this.code}` ? this : undefined;
		    }
		    optimizeNames(names, constants) {
		        this.code = optimizeExpr(this.code, names, constants);
		        return this;
		    }
		    get names() {
		        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
		    }
		}
		class ParentNode extends Node {
		    constructor(nodes = []) {
		        super();
		        this.nodes = nodes;
		    }
		    render(opts) {
		        return this.nodes.reduce((code, n) => code + n.render(opts), "");
		    }
		    optimizeNodes() {
		        const { nodes } = this;
		        let i = nodes.length;
		        while (i--) {
		            const n = nodes[i].optimizeNodes();
		            if (Array.isArray(n))
		                nodes.splice(i, 1, ...n);
		            else if (n)
		                nodes[i] = n;
		            else
		                nodes.splice(i, 1);
		        }
		        return nodes.length > 0 ? this : undefined;
		    }
		    optimizeNames(names, constants) {
		        const { nodes } = this;
		        let i = nodes.length;
		        while (i--) {
		            // iterating backwards improves 1-pass optimization
		            const n = nodes[i];
		            if (n.optimizeNames(names, constants))
		                continue;
		            subtractNames(names, n.names);
		            nodes.splice(i, 1);
		        }
		        return nodes.length > 0 ? this : undefined;
		    }
		    get names() {
		        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
		    }
		}
		class BlockNode extends ParentNode {
		    render(opts) {
		        return "{" + opts._n + super.render(opts) + "}" + opts._n;
		    }
		}
		class Root extends ParentNode {
		}
		class Else extends BlockNode {
		}
		Else.kind = "else";
		class If extends BlockNode {
		    constructor(condition, nodes) {
		        super(nodes);
		        this.condition = condition;
		    }
		    render(opts) {
		        let code = `if(${this.condition})` + super.render(opts);
		        if (this.else)
		            code += "else " + this.else.render(opts);
		        return code;
		    }
		    optimizeNodes() {
		        super.optimizeNodes();
		        const cond = this.condition;
		        if (cond === true)
		            return this.nodes; // else is ignored here
		        let e = this.else;
		        if (e) {
		            const ns = e.optimizeNodes();
		            e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
		        }
		        if (e) {
		            if (cond === false)
		                return e instanceof If ? e : e.nodes;
		            if (this.nodes.length)
		                return this;
		            return new If(not(cond), e instanceof If ? [e] : e.nodes);
		        }
		        if (cond === false || !this.nodes.length)
		            return undefined;
		        return this;
		    }
		    optimizeNames(names, constants) {
		        var _a;
		        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
		        if (!(super.optimizeNames(names, constants) || this.else))
		            return;
		        this.condition = optimizeExpr(this.condition, names, constants);
		        return this;
		    }
		    get names() {
		        const names = super.names;
		        addExprNames(names, this.condition);
		        if (this.else)
		            addNames(names, this.else.names);
		        return names;
		    }
		}
		If.kind = "if";
		class For extends BlockNode {
		}
		For.kind = "for";
		class ForLoop extends For {
		    constructor(iteration) {
		        super();
		        this.iteration = iteration;
		    }
		    render(opts) {
		        return `for(${this.iteration})` + super.render(opts);
		    }
		    optimizeNames(names, constants) {
		        if (!super.optimizeNames(names, constants))
		            return;
		        this.iteration = optimizeExpr(this.iteration, names, constants);
		        return this;
		    }
		    get names() {
		        return addNames(super.names, this.iteration.names);
		    }
		}
		class ForRange extends For {
		    constructor(varKind, name, from, to) {
		        super();
		        this.varKind = varKind;
		        this.name = name;
		        this.from = from;
		        this.to = to;
		    }
		    render(opts) {
		        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
		        const { name, from, to } = this;
		        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
		    }
		    get names() {
		        const names = addExprNames(super.names, this.from);
		        return addExprNames(names, this.to);
		    }
		}
		class ForIter extends For {
		    constructor(loop, varKind, name, iterable) {
		        super();
		        this.loop = loop;
		        this.varKind = varKind;
		        this.name = name;
		        this.iterable = iterable;
		    }
		    render(opts) {
		        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
		    }
		    optimizeNames(names, constants) {
		        if (!super.optimizeNames(names, constants))
		            return;
		        this.iterable = optimizeExpr(this.iterable, names, constants);
		        return this;
		    }
		    get names() {
		        return addNames(super.names, this.iterable.names);
		    }
		}
		class Func extends BlockNode {
		    constructor(name, args, async) {
		        super();
		        this.name = name;
		        this.args = args;
		        this.async = async;
		    }
		    render(opts) {
		        const _async = this.async ? "async " : "";
		        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
		    }
		}
		Func.kind = "func";
		class Return extends ParentNode {
		    render(opts) {
		        return "return " + super.render(opts);
		    }
		}
		Return.kind = "return";
		class Try extends BlockNode {
		    render(opts) {
		        let code = "try" + super.render(opts);
		        if (this.catch)
		            code += this.catch.render(opts);
		        if (this.finally)
		            code += this.finally.render(opts);
		        return code;
		    }
		    optimizeNodes() {
		        var _a, _b;
		        super.optimizeNodes();
		        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
		        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
		        return this;
		    }
		    optimizeNames(names, constants) {
		        var _a, _b;
		        super.optimizeNames(names, constants);
		        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
		        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
		        return this;
		    }
		    get names() {
		        const names = super.names;
		        if (this.catch)
		            addNames(names, this.catch.names);
		        if (this.finally)
		            addNames(names, this.finally.names);
		        return names;
		    }
		}
		class Catch extends BlockNode {
		    constructor(error) {
		        super();
		        this.error = error;
		    }
		    render(opts) {
		        return `catch(${this.error})` + super.render(opts);
		    }
		}
		Catch.kind = "catch";
		class Finally extends BlockNode {
		    render(opts) {
		        return "finally" + super.render(opts);
		    }
		}
		Finally.kind = "finally";
		class CodeGen {
		    constructor(extScope, opts = {}) {
		        this._values = {};
		        this._blockStarts = [];
		        this._constants = {};
		        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
		        this._extScope = extScope;
		        this._scope = new scope_1.Scope({ parent: extScope });
		        this._nodes = [new Root()];
		    }
		    toString() {
		        return this._root.render(this.opts);
		    }
		    // returns unique name in the internal scope
		    name(prefix) {
		        return this._scope.name(prefix);
		    }
		    // reserves unique name in the external scope
		    scopeName(prefix) {
		        return this._extScope.name(prefix);
		    }
		    // reserves unique name in the external scope and assigns value to it
		    scopeValue(prefixOrName, value) {
		        const name = this._extScope.value(prefixOrName, value);
		        const vs = this._values[name.prefix] || (this._values[name.prefix] = new Set());
		        vs.add(name);
		        return name;
		    }
		    getScopeValue(prefix, keyOrRef) {
		        return this._extScope.getValue(prefix, keyOrRef);
		    }
		    // return code that assigns values in the external scope to the names that are used internally
		    // (same names that were returned by gen.scopeName or gen.scopeValue)
		    scopeRefs(scopeName) {
		        return this._extScope.scopeRefs(scopeName, this._values);
		    }
		    scopeCode() {
		        return this._extScope.scopeCode(this._values);
		    }
		    _def(varKind, nameOrPrefix, rhs, constant) {
		        const name = this._scope.toName(nameOrPrefix);
		        if (rhs !== undefined && constant)
		            this._constants[name.str] = rhs;
		        this._leafNode(new Def(varKind, name, rhs));
		        return name;
		    }
		    // `const` declaration (`var` in es5 mode)
		    const(nameOrPrefix, rhs, _constant) {
		        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
		    }
		    // `let` declaration with optional assignment (`var` in es5 mode)
		    let(nameOrPrefix, rhs, _constant) {
		        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
		    }
		    // `var` declaration with optional assignment
		    var(nameOrPrefix, rhs, _constant) {
		        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
		    }
		    // assignment code
		    assign(lhs, rhs, sideEffects) {
		        return this._leafNode(new Assign(lhs, rhs, sideEffects));
		    }
		    // `+=` code
		    add(lhs, rhs) {
		        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
		    }
		    // appends passed SafeExpr to code or executes Block
		    code(c) {
		        if (typeof c == "function")
		            c();
		        else if (c !== code_1.nil)
		            this._leafNode(new AnyCode(c));
		        return this;
		    }
		    // returns code for object literal for the passed argument list of key-value pairs
		    object(...keyValues) {
		        const code = ["{"];
		        for (const [key, value] of keyValues) {
		            if (code.length > 1)
		                code.push(",");
		            code.push(key);
		            if (key !== value || this.opts.es5) {
		                code.push(":");
		                (0, code_1.addCodeArg)(code, value);
		            }
		        }
		        code.push("}");
		        return new code_1._Code(code);
		    }
		    // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
		    if(condition, thenBody, elseBody) {
		        this._blockNode(new If(condition));
		        if (thenBody && elseBody) {
		            this.code(thenBody).else().code(elseBody).endIf();
		        }
		        else if (thenBody) {
		            this.code(thenBody).endIf();
		        }
		        else if (elseBody) {
		            throw new Error('CodeGen: "else" body without "then" body');
		        }
		        return this;
		    }
		    // `else if` clause - invalid without `if` or after `else` clauses
		    elseIf(condition) {
		        return this._elseNode(new If(condition));
		    }
		    // `else` clause - only valid after `if` or `else if` clauses
		    else() {
		        return this._elseNode(new Else());
		    }
		    // end `if` statement (needed if gen.if was used only with condition)
		    endIf() {
		        return this._endBlockNode(If, Else);
		    }
		    _for(node, forBody) {
		        this._blockNode(node);
		        if (forBody)
		            this.code(forBody).endFor();
		        return this;
		    }
		    // a generic `for` clause (or statement if `forBody` is passed)
		    for(iteration, forBody) {
		        return this._for(new ForLoop(iteration), forBody);
		    }
		    // `for` statement for a range of values
		    forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
		        const name = this._scope.toName(nameOrPrefix);
		        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
		    }
		    // `for-of` statement (in es5 mode replace with a normal for loop)
		    forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
		        const name = this._scope.toName(nameOrPrefix);
		        if (this.opts.es5) {
		            const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
		            return this.forRange("_i", 0, (0, code_1._) `${arr}.length`, (i) => {
		                this.var(name, (0, code_1._) `${arr}[${i}]`);
		                forBody(name);
		            });
		        }
		        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
		    }
		    // `for-in` statement.
		    // With option `ownProperties` replaced with a `for-of` loop for object keys
		    forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
		        if (this.opts.ownProperties) {
		            return this.forOf(nameOrPrefix, (0, code_1._) `Object.keys(${obj})`, forBody);
		        }
		        const name = this._scope.toName(nameOrPrefix);
		        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
		    }
		    // end `for` loop
		    endFor() {
		        return this._endBlockNode(For);
		    }
		    // `label` statement
		    label(label) {
		        return this._leafNode(new Label(label));
		    }
		    // `break` statement
		    break(label) {
		        return this._leafNode(new Break(label));
		    }
		    // `return` statement
		    return(value) {
		        const node = new Return();
		        this._blockNode(node);
		        this.code(value);
		        if (node.nodes.length !== 1)
		            throw new Error('CodeGen: "return" should have one node');
		        return this._endBlockNode(Return);
		    }
		    // `try` statement
		    try(tryBody, catchCode, finallyCode) {
		        if (!catchCode && !finallyCode)
		            throw new Error('CodeGen: "try" without "catch" and "finally"');
		        const node = new Try();
		        this._blockNode(node);
		        this.code(tryBody);
		        if (catchCode) {
		            const error = this.name("e");
		            this._currNode = node.catch = new Catch(error);
		            catchCode(error);
		        }
		        if (finallyCode) {
		            this._currNode = node.finally = new Finally();
		            this.code(finallyCode);
		        }
		        return this._endBlockNode(Catch, Finally);
		    }
		    // `throw` statement
		    throw(error) {
		        return this._leafNode(new Throw(error));
		    }
		    // start self-balancing block
		    block(body, nodeCount) {
		        this._blockStarts.push(this._nodes.length);
		        if (body)
		            this.code(body).endBlock(nodeCount);
		        return this;
		    }
		    // end the current self-balancing block
		    endBlock(nodeCount) {
		        const len = this._blockStarts.pop();
		        if (len === undefined)
		            throw new Error("CodeGen: not in self-balancing block");
		        const toClose = this._nodes.length - len;
		        if (toClose < 0 || (nodeCount !== undefined && toClose !== nodeCount)) {
		            throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
		        }
		        this._nodes.length = len;
		        return this;
		    }
		    // `function` heading (or definition if funcBody is passed)
		    func(name, args = code_1.nil, async, funcBody) {
		        this._blockNode(new Func(name, args, async));
		        if (funcBody)
		            this.code(funcBody).endFunc();
		        return this;
		    }
		    // end function definition
		    endFunc() {
		        return this._endBlockNode(Func);
		    }
		    optimize(n = 1) {
		        while (n-- > 0) {
		            this._root.optimizeNodes();
		            this._root.optimizeNames(this._root.names, this._constants);
		        }
		    }
		    _leafNode(node) {
		        this._currNode.nodes.push(node);
		        return this;
		    }
		    _blockNode(node) {
		        this._currNode.nodes.push(node);
		        this._nodes.push(node);
		    }
		    _endBlockNode(N1, N2) {
		        const n = this._currNode;
		        if (n instanceof N1 || (N2 && n instanceof N2)) {
		            this._nodes.pop();
		            return this;
		        }
		        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
		    }
		    _elseNode(node) {
		        const n = this._currNode;
		        if (!(n instanceof If)) {
		            throw new Error('CodeGen: "else" without "if"');
		        }
		        this._currNode = n.else = node;
		        return this;
		    }
		    get _root() {
		        return this._nodes[0];
		    }
		    get _currNode() {
		        const ns = this._nodes;
		        return ns[ns.length - 1];
		    }
		    set _currNode(node) {
		        const ns = this._nodes;
		        ns[ns.length - 1] = node;
		    }
		}
		exports.CodeGen = CodeGen;
		function addNames(names, from) {
		    for (const n in from)
		        names[n] = (names[n] || 0) + (from[n] || 0);
		    return names;
		}
		function addExprNames(names, from) {
		    return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
		}
		function optimizeExpr(expr, names, constants) {
		    if (expr instanceof code_1.Name)
		        return replaceName(expr);
		    if (!canOptimize(expr))
		        return expr;
		    return new code_1._Code(expr._items.reduce((items, c) => {
		        if (c instanceof code_1.Name)
		            c = replaceName(c);
		        if (c instanceof code_1._Code)
		            items.push(...c._items);
		        else
		            items.push(c);
		        return items;
		    }, []));
		    function replaceName(n) {
		        const c = constants[n.str];
		        if (c === undefined || names[n.str] !== 1)
		            return n;
		        delete names[n.str];
		        return c;
		    }
		    function canOptimize(e) {
		        return (e instanceof code_1._Code &&
		            e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== undefined));
		    }
		}
		function subtractNames(names, from) {
		    for (const n in from)
		        names[n] = (names[n] || 0) - (from[n] || 0);
		}
		function not(x) {
		    return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._) `!${par(x)}`;
		}
		exports.not = not;
		const andCode = mappend(exports.operators.AND);
		// boolean AND (&&) expression with the passed arguments
		function and(...args) {
		    return args.reduce(andCode);
		}
		exports.and = and;
		const orCode = mappend(exports.operators.OR);
		// boolean OR (||) expression with the passed arguments
		function or(...args) {
		    return args.reduce(orCode);
		}
		exports.or = or;
		function mappend(op) {
		    return (x, y) => (x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._) `${par(x)} ${op} ${par(y)}`);
		}
		function par(x) {
		    return x instanceof code_1.Name ? x : (0, code_1._) `(${x})`;
		}
		
	} (codegen));
	return codegen;
}

var util = {};

var hasRequiredUtil;

function requireUtil () {
	if (hasRequiredUtil) return util;
	hasRequiredUtil = 1;
	Object.defineProperty(util, "__esModule", { value: true });
	util.checkStrictMode = util.getErrorPath = util.Type = util.useFunc = util.setEvaluated = util.evaluatedPropsToName = util.mergeEvaluated = util.eachItem = util.unescapeJsonPointer = util.escapeJsonPointer = util.escapeFragment = util.unescapeFragment = util.schemaRefOrVal = util.schemaHasRulesButRef = util.schemaHasRules = util.checkUnknownRules = util.alwaysValidSchema = util.toHash = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const code_1 = /*@__PURE__*/ requireCode$1();
	// TODO refactor to use Set
	function toHash(arr) {
	    const hash = {};
	    for (const item of arr)
	        hash[item] = true;
	    return hash;
	}
	util.toHash = toHash;
	function alwaysValidSchema(it, schema) {
	    if (typeof schema == "boolean")
	        return schema;
	    if (Object.keys(schema).length === 0)
	        return true;
	    checkUnknownRules(it, schema);
	    return !schemaHasRules(schema, it.self.RULES.all);
	}
	util.alwaysValidSchema = alwaysValidSchema;
	function checkUnknownRules(it, schema = it.schema) {
	    const { opts, self } = it;
	    if (!opts.strictSchema)
	        return;
	    if (typeof schema === "boolean")
	        return;
	    const rules = self.RULES.keywords;
	    for (const key in schema) {
	        if (!rules[key])
	            checkStrictMode(it, `unknown keyword: "${key}"`);
	    }
	}
	util.checkUnknownRules = checkUnknownRules;
	function schemaHasRules(schema, rules) {
	    if (typeof schema == "boolean")
	        return !schema;
	    for (const key in schema)
	        if (rules[key])
	            return true;
	    return false;
	}
	util.schemaHasRules = schemaHasRules;
	function schemaHasRulesButRef(schema, RULES) {
	    if (typeof schema == "boolean")
	        return !schema;
	    for (const key in schema)
	        if (key !== "$ref" && RULES.all[key])
	            return true;
	    return false;
	}
	util.schemaHasRulesButRef = schemaHasRulesButRef;
	function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
	    if (!$data) {
	        if (typeof schema == "number" || typeof schema == "boolean")
	            return schema;
	        if (typeof schema == "string")
	            return (0, codegen_1._) `${schema}`;
	    }
	    return (0, codegen_1._) `${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
	}
	util.schemaRefOrVal = schemaRefOrVal;
	function unescapeFragment(str) {
	    return unescapeJsonPointer(decodeURIComponent(str));
	}
	util.unescapeFragment = unescapeFragment;
	function escapeFragment(str) {
	    return encodeURIComponent(escapeJsonPointer(str));
	}
	util.escapeFragment = escapeFragment;
	function escapeJsonPointer(str) {
	    if (typeof str == "number")
	        return `${str}`;
	    return str.replace(/~/g, "~0").replace(/\//g, "~1");
	}
	util.escapeJsonPointer = escapeJsonPointer;
	function unescapeJsonPointer(str) {
	    return str.replace(/~1/g, "/").replace(/~0/g, "~");
	}
	util.unescapeJsonPointer = unescapeJsonPointer;
	function eachItem(xs, f) {
	    if (Array.isArray(xs)) {
	        for (const x of xs)
	            f(x);
	    }
	    else {
	        f(xs);
	    }
	}
	util.eachItem = eachItem;
	function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName, }) {
	    return (gen, from, to, toName) => {
	        const res = to === undefined
	            ? from
	            : to instanceof codegen_1.Name
	                ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to)
	                : from instanceof codegen_1.Name
	                    ? (mergeToName(gen, to, from), from)
	                    : mergeValues(from, to);
	        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
	    };
	}
	util.mergeEvaluated = {
	    props: makeMergeEvaluated({
	        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => {
	            gen.if((0, codegen_1._) `${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._) `${to} || {}`).code((0, codegen_1._) `Object.assign(${to}, ${from})`));
	        }),
	        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => {
	            if (from === true) {
	                gen.assign(to, true);
	            }
	            else {
	                gen.assign(to, (0, codegen_1._) `${to} || {}`);
	                setEvaluated(gen, to, from);
	            }
	        }),
	        mergeValues: (from, to) => (from === true ? true : { ...from, ...to }),
	        resultToName: evaluatedPropsToName,
	    }),
	    items: makeMergeEvaluated({
	        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._) `${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
	        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._) `${to} > ${from} ? ${to} : ${from}`)),
	        mergeValues: (from, to) => (from === true ? true : Math.max(from, to)),
	        resultToName: (gen, items) => gen.var("items", items),
	    }),
	};
	function evaluatedPropsToName(gen, ps) {
	    if (ps === true)
	        return gen.var("props", true);
	    const props = gen.var("props", (0, codegen_1._) `{}`);
	    if (ps !== undefined)
	        setEvaluated(gen, props, ps);
	    return props;
	}
	util.evaluatedPropsToName = evaluatedPropsToName;
	function setEvaluated(gen, props, ps) {
	    Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._) `${props}${(0, codegen_1.getProperty)(p)}`, true));
	}
	util.setEvaluated = setEvaluated;
	const snippets = {};
	function useFunc(gen, f) {
	    return gen.scopeValue("func", {
	        ref: f,
	        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code)),
	    });
	}
	util.useFunc = useFunc;
	var Type;
	(function (Type) {
	    Type[Type["Num"] = 0] = "Num";
	    Type[Type["Str"] = 1] = "Str";
	})(Type || (util.Type = Type = {}));
	function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
	    // let path
	    if (dataProp instanceof codegen_1.Name) {
	        const isNumber = dataPropType === Type.Num;
	        return jsPropertySyntax
	            ? isNumber
	                ? (0, codegen_1._) `"[" + ${dataProp} + "]"`
	                : (0, codegen_1._) `"['" + ${dataProp} + "']"`
	            : isNumber
	                ? (0, codegen_1._) `"/" + ${dataProp}`
	                : (0, codegen_1._) `"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`; // TODO maybe use global escapePointer
	    }
	    return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
	}
	util.getErrorPath = getErrorPath;
	function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
	    if (!mode)
	        return;
	    msg = `strict mode: ${msg}`;
	    if (mode === true)
	        throw new Error(msg);
	    it.self.logger.warn(msg);
	}
	util.checkStrictMode = checkStrictMode;
	
	return util;
}

var names = {};

var hasRequiredNames;

function requireNames () {
	if (hasRequiredNames) return names;
	hasRequiredNames = 1;
	Object.defineProperty(names, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names$1 = {
	    // validation function arguments
	    data: new codegen_1.Name("data"), // data passed to validation function
	    // args passed from referencing schema
	    valCxt: new codegen_1.Name("valCxt"), // validation/data context - should not be used directly, it is destructured to the names below
	    instancePath: new codegen_1.Name("instancePath"),
	    parentData: new codegen_1.Name("parentData"),
	    parentDataProperty: new codegen_1.Name("parentDataProperty"),
	    rootData: new codegen_1.Name("rootData"), // root data - same as the data passed to the first/top validation function
	    dynamicAnchors: new codegen_1.Name("dynamicAnchors"), // used to support recursiveRef and dynamicRef
	    // function scoped variables
	    vErrors: new codegen_1.Name("vErrors"), // null or array of validation errors
	    errors: new codegen_1.Name("errors"), // counter of validation errors
	    this: new codegen_1.Name("this"),
	    // "globals"
	    self: new codegen_1.Name("self"),
	    scope: new codegen_1.Name("scope"),
	    // JTD serialize/parse name for JSON string and position
	    json: new codegen_1.Name("json"),
	    jsonPos: new codegen_1.Name("jsonPos"),
	    jsonLen: new codegen_1.Name("jsonLen"),
	    jsonPart: new codegen_1.Name("jsonPart"),
	};
	names.default = names$1;
	
	return names;
}

var hasRequiredErrors;

function requireErrors () {
	if (hasRequiredErrors) return errors;
	hasRequiredErrors = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
		const codegen_1 = /*@__PURE__*/ requireCodegen();
		const util_1 = /*@__PURE__*/ requireUtil();
		const names_1 = /*@__PURE__*/ requireNames();
		exports.keywordError = {
		    message: ({ keyword }) => (0, codegen_1.str) `must pass "${keyword}" keyword validation`,
		};
		exports.keyword$DataError = {
		    message: ({ keyword, schemaType }) => schemaType
		        ? (0, codegen_1.str) `"${keyword}" keyword must be ${schemaType} ($data)`
		        : (0, codegen_1.str) `"${keyword}" keyword is invalid ($data)`,
		};
		function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
		    const { it } = cxt;
		    const { gen, compositeRule, allErrors } = it;
		    const errObj = errorObjectCode(cxt, error, errorPaths);
		    if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : (compositeRule || allErrors)) {
		        addError(gen, errObj);
		    }
		    else {
		        returnErrors(it, (0, codegen_1._) `[${errObj}]`);
		    }
		}
		exports.reportError = reportError;
		function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
		    const { it } = cxt;
		    const { gen, compositeRule, allErrors } = it;
		    const errObj = errorObjectCode(cxt, error, errorPaths);
		    addError(gen, errObj);
		    if (!(compositeRule || allErrors)) {
		        returnErrors(it, names_1.default.vErrors);
		    }
		}
		exports.reportExtraError = reportExtraError;
		function resetErrorsCount(gen, errsCount) {
		    gen.assign(names_1.default.errors, errsCount);
		    gen.if((0, codegen_1._) `${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._) `${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
		}
		exports.resetErrorsCount = resetErrorsCount;
		function extendErrors({ gen, keyword, schemaValue, data, errsCount, it, }) {
		    /* istanbul ignore if */
		    if (errsCount === undefined)
		        throw new Error("ajv implementation error");
		    const err = gen.name("err");
		    gen.forRange("i", errsCount, names_1.default.errors, (i) => {
		        gen.const(err, (0, codegen_1._) `${names_1.default.vErrors}[${i}]`);
		        gen.if((0, codegen_1._) `${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._) `${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
		        gen.assign((0, codegen_1._) `${err}.schemaPath`, (0, codegen_1.str) `${it.errSchemaPath}/${keyword}`);
		        if (it.opts.verbose) {
		            gen.assign((0, codegen_1._) `${err}.schema`, schemaValue);
		            gen.assign((0, codegen_1._) `${err}.data`, data);
		        }
		    });
		}
		exports.extendErrors = extendErrors;
		function addError(gen, errObj) {
		    const err = gen.const("err", errObj);
		    gen.if((0, codegen_1._) `${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._) `[${err}]`), (0, codegen_1._) `${names_1.default.vErrors}.push(${err})`);
		    gen.code((0, codegen_1._) `${names_1.default.errors}++`);
		}
		function returnErrors(it, errs) {
		    const { gen, validateName, schemaEnv } = it;
		    if (schemaEnv.$async) {
		        gen.throw((0, codegen_1._) `new ${it.ValidationError}(${errs})`);
		    }
		    else {
		        gen.assign((0, codegen_1._) `${validateName}.errors`, errs);
		        gen.return(false);
		    }
		}
		const E = {
		    keyword: new codegen_1.Name("keyword"),
		    schemaPath: new codegen_1.Name("schemaPath"), // also used in JTD errors
		    params: new codegen_1.Name("params"),
		    propertyName: new codegen_1.Name("propertyName"),
		    message: new codegen_1.Name("message"),
		    schema: new codegen_1.Name("schema"),
		    parentSchema: new codegen_1.Name("parentSchema"),
		};
		function errorObjectCode(cxt, error, errorPaths) {
		    const { createErrors } = cxt.it;
		    if (createErrors === false)
		        return (0, codegen_1._) `{}`;
		    return errorObject(cxt, error, errorPaths);
		}
		function errorObject(cxt, error, errorPaths = {}) {
		    const { gen, it } = cxt;
		    const keyValues = [
		        errorInstancePath(it, errorPaths),
		        errorSchemaPath(cxt, errorPaths),
		    ];
		    extraErrorProps(cxt, error, keyValues);
		    return gen.object(...keyValues);
		}
		function errorInstancePath({ errorPath }, { instancePath }) {
		    const instPath = instancePath
		        ? (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}`
		        : errorPath;
		    return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
		}
		function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
		    let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str) `${errSchemaPath}/${keyword}`;
		    if (schemaPath) {
		        schPath = (0, codegen_1.str) `${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
		    }
		    return [E.schemaPath, schPath];
		}
		function extraErrorProps(cxt, { params, message }, keyValues) {
		    const { keyword, data, schemaValue, it } = cxt;
		    const { opts, propertyName, topSchemaRef, schemaPath } = it;
		    keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._) `{}`]);
		    if (opts.messages) {
		        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
		    }
		    if (opts.verbose) {
		        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._) `${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
		    }
		    if (propertyName)
		        keyValues.push([E.propertyName, propertyName]);
		}
		
	} (errors));
	return errors;
}

var hasRequiredBoolSchema;

function requireBoolSchema () {
	if (hasRequiredBoolSchema) return boolSchema;
	hasRequiredBoolSchema = 1;
	Object.defineProperty(boolSchema, "__esModule", { value: true });
	boolSchema.boolOrEmptySchema = boolSchema.topBoolOrEmptySchema = void 0;
	const errors_1 = /*@__PURE__*/ requireErrors();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const boolError = {
	    message: "boolean schema is false",
	};
	function topBoolOrEmptySchema(it) {
	    const { gen, schema, validateName } = it;
	    if (schema === false) {
	        falseSchemaError(it, false);
	    }
	    else if (typeof schema == "object" && schema.$async === true) {
	        gen.return(names_1.default.data);
	    }
	    else {
	        gen.assign((0, codegen_1._) `${validateName}.errors`, null);
	        gen.return(true);
	    }
	}
	boolSchema.topBoolOrEmptySchema = topBoolOrEmptySchema;
	function boolOrEmptySchema(it, valid) {
	    const { gen, schema } = it;
	    if (schema === false) {
	        gen.var(valid, false); // TODO var
	        falseSchemaError(it);
	    }
	    else {
	        gen.var(valid, true); // TODO var
	    }
	}
	boolSchema.boolOrEmptySchema = boolOrEmptySchema;
	function falseSchemaError(it, overrideAllErrors) {
	    const { gen, data } = it;
	    // TODO maybe some other interface should be used for non-keyword validation errors...
	    const cxt = {
	        gen,
	        keyword: "false schema",
	        data,
	        schema: false,
	        schemaCode: false,
	        schemaValue: false,
	        params: {},
	        it,
	    };
	    (0, errors_1.reportError)(cxt, boolError, undefined, overrideAllErrors);
	}
	
	return boolSchema;
}

var dataType = {};

var rules = {};

var hasRequiredRules;

function requireRules () {
	if (hasRequiredRules) return rules;
	hasRequiredRules = 1;
	Object.defineProperty(rules, "__esModule", { value: true });
	rules.getRules = rules.isJSONType = void 0;
	const _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
	const jsonTypes = new Set(_jsonTypes);
	function isJSONType(x) {
	    return typeof x == "string" && jsonTypes.has(x);
	}
	rules.isJSONType = isJSONType;
	function getRules() {
	    const groups = {
	        number: { type: "number", rules: [] },
	        string: { type: "string", rules: [] },
	        array: { type: "array", rules: [] },
	        object: { type: "object", rules: [] },
	    };
	    return {
	        types: { ...groups, integer: true, boolean: true, null: true },
	        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
	        post: { rules: [] },
	        all: {},
	        keywords: {},
	    };
	}
	rules.getRules = getRules;
	
	return rules;
}

var applicability = {};

var hasRequiredApplicability;

function requireApplicability () {
	if (hasRequiredApplicability) return applicability;
	hasRequiredApplicability = 1;
	Object.defineProperty(applicability, "__esModule", { value: true });
	applicability.shouldUseRule = applicability.shouldUseGroup = applicability.schemaHasRulesForType = void 0;
	function schemaHasRulesForType({ schema, self }, type) {
	    const group = self.RULES.types[type];
	    return group && group !== true && shouldUseGroup(schema, group);
	}
	applicability.schemaHasRulesForType = schemaHasRulesForType;
	function shouldUseGroup(schema, group) {
	    return group.rules.some((rule) => shouldUseRule(schema, rule));
	}
	applicability.shouldUseGroup = shouldUseGroup;
	function shouldUseRule(schema, rule) {
	    var _a;
	    return (schema[rule.keyword] !== undefined ||
	        ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== undefined)));
	}
	applicability.shouldUseRule = shouldUseRule;
	
	return applicability;
}

var hasRequiredDataType;

function requireDataType () {
	if (hasRequiredDataType) return dataType;
	hasRequiredDataType = 1;
	Object.defineProperty(dataType, "__esModule", { value: true });
	dataType.reportTypeError = dataType.checkDataTypes = dataType.checkDataType = dataType.coerceAndCheckDataType = dataType.getJSONTypes = dataType.getSchemaTypes = dataType.DataType = void 0;
	const rules_1 = /*@__PURE__*/ requireRules();
	const applicability_1 = /*@__PURE__*/ requireApplicability();
	const errors_1 = /*@__PURE__*/ requireErrors();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	var DataType;
	(function (DataType) {
	    DataType[DataType["Correct"] = 0] = "Correct";
	    DataType[DataType["Wrong"] = 1] = "Wrong";
	})(DataType || (dataType.DataType = DataType = {}));
	function getSchemaTypes(schema) {
	    const types = getJSONTypes(schema.type);
	    const hasNull = types.includes("null");
	    if (hasNull) {
	        if (schema.nullable === false)
	            throw new Error("type: null contradicts nullable: false");
	    }
	    else {
	        if (!types.length && schema.nullable !== undefined) {
	            throw new Error('"nullable" cannot be used without "type"');
	        }
	        if (schema.nullable === true)
	            types.push("null");
	    }
	    return types;
	}
	dataType.getSchemaTypes = getSchemaTypes;
	// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
	function getJSONTypes(ts) {
	    const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
	    if (types.every(rules_1.isJSONType))
	        return types;
	    throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
	}
	dataType.getJSONTypes = getJSONTypes;
	function coerceAndCheckDataType(it, types) {
	    const { gen, data, opts } = it;
	    const coerceTo = coerceToTypes(types, opts.coerceTypes);
	    const checkTypes = types.length > 0 &&
	        !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
	    if (checkTypes) {
	        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
	        gen.if(wrongType, () => {
	            if (coerceTo.length)
	                coerceData(it, types, coerceTo);
	            else
	                reportTypeError(it);
	        });
	    }
	    return checkTypes;
	}
	dataType.coerceAndCheckDataType = coerceAndCheckDataType;
	const COERCIBLE = new Set(["string", "number", "integer", "boolean", "null"]);
	function coerceToTypes(types, coerceTypes) {
	    return coerceTypes
	        ? types.filter((t) => COERCIBLE.has(t) || (coerceTypes === "array" && t === "array"))
	        : [];
	}
	function coerceData(it, types, coerceTo) {
	    const { gen, data, opts } = it;
	    const dataType = gen.let("dataType", (0, codegen_1._) `typeof ${data}`);
	    const coerced = gen.let("coerced", (0, codegen_1._) `undefined`);
	    if (opts.coerceTypes === "array") {
	        gen.if((0, codegen_1._) `${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen
	            .assign(data, (0, codegen_1._) `${data}[0]`)
	            .assign(dataType, (0, codegen_1._) `typeof ${data}`)
	            .if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
	    }
	    gen.if((0, codegen_1._) `${coerced} !== undefined`);
	    for (const t of coerceTo) {
	        if (COERCIBLE.has(t) || (t === "array" && opts.coerceTypes === "array")) {
	            coerceSpecificType(t);
	        }
	    }
	    gen.else();
	    reportTypeError(it);
	    gen.endIf();
	    gen.if((0, codegen_1._) `${coerced} !== undefined`, () => {
	        gen.assign(data, coerced);
	        assignParentData(it, coerced);
	    });
	    function coerceSpecificType(t) {
	        switch (t) {
	            case "string":
	                gen
	                    .elseIf((0, codegen_1._) `${dataType} == "number" || ${dataType} == "boolean"`)
	                    .assign(coerced, (0, codegen_1._) `"" + ${data}`)
	                    .elseIf((0, codegen_1._) `${data} === null`)
	                    .assign(coerced, (0, codegen_1._) `""`);
	                return;
	            case "number":
	                gen
	                    .elseIf((0, codegen_1._) `${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`)
	                    .assign(coerced, (0, codegen_1._) `+${data}`);
	                return;
	            case "integer":
	                gen
	                    .elseIf((0, codegen_1._) `${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`)
	                    .assign(coerced, (0, codegen_1._) `+${data}`);
	                return;
	            case "boolean":
	                gen
	                    .elseIf((0, codegen_1._) `${data} === "false" || ${data} === 0 || ${data} === null`)
	                    .assign(coerced, false)
	                    .elseIf((0, codegen_1._) `${data} === "true" || ${data} === 1`)
	                    .assign(coerced, true);
	                return;
	            case "null":
	                gen.elseIf((0, codegen_1._) `${data} === "" || ${data} === 0 || ${data} === false`);
	                gen.assign(coerced, null);
	                return;
	            case "array":
	                gen
	                    .elseIf((0, codegen_1._) `${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`)
	                    .assign(coerced, (0, codegen_1._) `[${data}]`);
	        }
	    }
	}
	function assignParentData({ gen, parentData, parentDataProperty }, expr) {
	    // TODO use gen.property
	    gen.if((0, codegen_1._) `${parentData} !== undefined`, () => gen.assign((0, codegen_1._) `${parentData}[${parentDataProperty}]`, expr));
	}
	function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
	    const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
	    let cond;
	    switch (dataType) {
	        case "null":
	            return (0, codegen_1._) `${data} ${EQ} null`;
	        case "array":
	            cond = (0, codegen_1._) `Array.isArray(${data})`;
	            break;
	        case "object":
	            cond = (0, codegen_1._) `${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
	            break;
	        case "integer":
	            cond = numCond((0, codegen_1._) `!(${data} % 1) && !isNaN(${data})`);
	            break;
	        case "number":
	            cond = numCond();
	            break;
	        default:
	            return (0, codegen_1._) `typeof ${data} ${EQ} ${dataType}`;
	    }
	    return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
	    function numCond(_cond = codegen_1.nil) {
	        return (0, codegen_1.and)((0, codegen_1._) `typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._) `isFinite(${data})` : codegen_1.nil);
	    }
	}
	dataType.checkDataType = checkDataType;
	function checkDataTypes(dataTypes, data, strictNums, correct) {
	    if (dataTypes.length === 1) {
	        return checkDataType(dataTypes[0], data, strictNums, correct);
	    }
	    let cond;
	    const types = (0, util_1.toHash)(dataTypes);
	    if (types.array && types.object) {
	        const notObj = (0, codegen_1._) `typeof ${data} != "object"`;
	        cond = types.null ? notObj : (0, codegen_1._) `!${data} || ${notObj}`;
	        delete types.null;
	        delete types.array;
	        delete types.object;
	    }
	    else {
	        cond = codegen_1.nil;
	    }
	    if (types.number)
	        delete types.integer;
	    for (const t in types)
	        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
	    return cond;
	}
	dataType.checkDataTypes = checkDataTypes;
	const typeError = {
	    message: ({ schema }) => `must be ${schema}`,
	    params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._) `{type: ${schema}}` : (0, codegen_1._) `{type: ${schemaValue}}`,
	};
	function reportTypeError(it) {
	    const cxt = getTypeErrorContext(it);
	    (0, errors_1.reportError)(cxt, typeError);
	}
	dataType.reportTypeError = reportTypeError;
	function getTypeErrorContext(it) {
	    const { gen, data, schema } = it;
	    const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
	    return {
	        gen,
	        keyword: "type",
	        data,
	        schema: schema.type,
	        schemaCode,
	        schemaValue: schemaCode,
	        parentSchema: schema,
	        params: {},
	        it,
	    };
	}
	
	return dataType;
}

var defaults = {};

var hasRequiredDefaults;

function requireDefaults () {
	if (hasRequiredDefaults) return defaults;
	hasRequiredDefaults = 1;
	Object.defineProperty(defaults, "__esModule", { value: true });
	defaults.assignDefaults = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	function assignDefaults(it, ty) {
	    const { properties, items } = it.schema;
	    if (ty === "object" && properties) {
	        for (const key in properties) {
	            assignDefault(it, key, properties[key].default);
	        }
	    }
	    else if (ty === "array" && Array.isArray(items)) {
	        items.forEach((sch, i) => assignDefault(it, i, sch.default));
	    }
	}
	defaults.assignDefaults = assignDefaults;
	function assignDefault(it, prop, defaultValue) {
	    const { gen, compositeRule, data, opts } = it;
	    if (defaultValue === undefined)
	        return;
	    const childData = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(prop)}`;
	    if (compositeRule) {
	        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
	        return;
	    }
	    let condition = (0, codegen_1._) `${childData} === undefined`;
	    if (opts.useDefaults === "empty") {
	        condition = (0, codegen_1._) `${condition} || ${childData} === null || ${childData} === ""`;
	    }
	    // `${childData} === undefined` +
	    // (opts.useDefaults === "empty" ? ` || ${childData} === null || ${childData} === ""` : "")
	    gen.if(condition, (0, codegen_1._) `${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
	}
	
	return defaults;
}

var keyword = {};

var code = {};

var hasRequiredCode;

function requireCode () {
	if (hasRequiredCode) return code;
	hasRequiredCode = 1;
	Object.defineProperty(code, "__esModule", { value: true });
	code.validateUnion = code.validateArray = code.usePattern = code.callValidateCode = code.schemaProperties = code.allSchemaProperties = code.noPropertyInData = code.propertyInData = code.isOwnProperty = code.hasPropFunc = code.reportMissingProp = code.checkMissingProp = code.checkReportMissingProp = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const names_1 = /*@__PURE__*/ requireNames();
	const util_2 = /*@__PURE__*/ requireUtil();
	function checkReportMissingProp(cxt, prop) {
	    const { gen, data, it } = cxt;
	    gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
	        cxt.setParams({ missingProperty: (0, codegen_1._) `${prop}` }, true);
	        cxt.error();
	    });
	}
	code.checkReportMissingProp = checkReportMissingProp;
	function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
	    return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._) `${missing} = ${prop}`)));
	}
	code.checkMissingProp = checkMissingProp;
	function reportMissingProp(cxt, missing) {
	    cxt.setParams({ missingProperty: missing }, true);
	    cxt.error();
	}
	code.reportMissingProp = reportMissingProp;
	function hasPropFunc(gen) {
	    return gen.scopeValue("func", {
	        // eslint-disable-next-line @typescript-eslint/unbound-method
	        ref: Object.prototype.hasOwnProperty,
	        code: (0, codegen_1._) `Object.prototype.hasOwnProperty`,
	    });
	}
	code.hasPropFunc = hasPropFunc;
	function isOwnProperty(gen, data, property) {
	    return (0, codegen_1._) `${hasPropFunc(gen)}.call(${data}, ${property})`;
	}
	code.isOwnProperty = isOwnProperty;
	function propertyInData(gen, data, property, ownProperties) {
	    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
	    return ownProperties ? (0, codegen_1._) `${cond} && ${isOwnProperty(gen, data, property)}` : cond;
	}
	code.propertyInData = propertyInData;
	function noPropertyInData(gen, data, property, ownProperties) {
	    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} === undefined`;
	    return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
	}
	code.noPropertyInData = noPropertyInData;
	function allSchemaProperties(schemaMap) {
	    return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
	}
	code.allSchemaProperties = allSchemaProperties;
	function schemaProperties(it, schemaMap) {
	    return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
	}
	code.schemaProperties = schemaProperties;
	function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
	    const dataAndSchema = passSchema ? (0, codegen_1._) `${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
	    const valCxt = [
	        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
	        [names_1.default.parentData, it.parentData],
	        [names_1.default.parentDataProperty, it.parentDataProperty],
	        [names_1.default.rootData, names_1.default.rootData],
	    ];
	    if (it.opts.dynamicRef)
	        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
	    const args = (0, codegen_1._) `${dataAndSchema}, ${gen.object(...valCxt)}`;
	    return context !== codegen_1.nil ? (0, codegen_1._) `${func}.call(${context}, ${args})` : (0, codegen_1._) `${func}(${args})`;
	}
	code.callValidateCode = callValidateCode;
	const newRegExp = (0, codegen_1._) `new RegExp`;
	function usePattern({ gen, it: { opts } }, pattern) {
	    const u = opts.unicodeRegExp ? "u" : "";
	    const { regExp } = opts.code;
	    const rx = regExp(pattern, u);
	    return gen.scopeValue("pattern", {
	        key: rx.toString(),
	        ref: rx,
	        code: (0, codegen_1._) `${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`,
	    });
	}
	code.usePattern = usePattern;
	function validateArray(cxt) {
	    const { gen, data, keyword, it } = cxt;
	    const valid = gen.name("valid");
	    if (it.allErrors) {
	        const validArr = gen.let("valid", true);
	        validateItems(() => gen.assign(validArr, false));
	        return validArr;
	    }
	    gen.var(valid, true);
	    validateItems(() => gen.break());
	    return valid;
	    function validateItems(notValid) {
	        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
	        gen.forRange("i", 0, len, (i) => {
	            cxt.subschema({
	                keyword,
	                dataProp: i,
	                dataPropType: util_1.Type.Num,
	            }, valid);
	            gen.if((0, codegen_1.not)(valid), notValid);
	        });
	    }
	}
	code.validateArray = validateArray;
	function validateUnion(cxt) {
	    const { gen, schema, keyword, it } = cxt;
	    /* istanbul ignore if */
	    if (!Array.isArray(schema))
	        throw new Error("ajv implementation error");
	    const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
	    if (alwaysValid && !it.opts.unevaluated)
	        return;
	    const valid = gen.let("valid", false);
	    const schValid = gen.name("_valid");
	    gen.block(() => schema.forEach((_sch, i) => {
	        const schCxt = cxt.subschema({
	            keyword,
	            schemaProp: i,
	            compositeRule: true,
	        }, schValid);
	        gen.assign(valid, (0, codegen_1._) `${valid} || ${schValid}`);
	        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
	        // can short-circuit if `unevaluatedProperties/Items` not supported (opts.unevaluated !== true)
	        // or if all properties and items were evaluated (it.props === true && it.items === true)
	        if (!merged)
	            gen.if((0, codegen_1.not)(valid));
	    }));
	    cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
	}
	code.validateUnion = validateUnion;
	
	return code;
}

var hasRequiredKeyword;

function requireKeyword () {
	if (hasRequiredKeyword) return keyword;
	hasRequiredKeyword = 1;
	Object.defineProperty(keyword, "__esModule", { value: true });
	keyword.validateKeywordUsage = keyword.validSchemaType = keyword.funcKeywordCode = keyword.macroKeywordCode = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const code_1 = /*@__PURE__*/ requireCode();
	const errors_1 = /*@__PURE__*/ requireErrors();
	function macroKeywordCode(cxt, def) {
	    const { gen, keyword, schema, parentSchema, it } = cxt;
	    const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
	    const schemaRef = useKeyword(gen, keyword, macroSchema);
	    if (it.opts.validateSchema !== false)
	        it.self.validateSchema(macroSchema, true);
	    const valid = gen.name("valid");
	    cxt.subschema({
	        schema: macroSchema,
	        schemaPath: codegen_1.nil,
	        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
	        topSchemaRef: schemaRef,
	        compositeRule: true,
	    }, valid);
	    cxt.pass(valid, () => cxt.error(true));
	}
	keyword.macroKeywordCode = macroKeywordCode;
	function funcKeywordCode(cxt, def) {
	    var _a;
	    const { gen, keyword, schema, parentSchema, $data, it } = cxt;
	    checkAsyncKeyword(it, def);
	    const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
	    const validateRef = useKeyword(gen, keyword, validate);
	    const valid = gen.let("valid");
	    cxt.block$data(valid, validateKeyword);
	    cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
	    function validateKeyword() {
	        if (def.errors === false) {
	            assignValid();
	            if (def.modifying)
	                modifyData(cxt);
	            reportErrs(() => cxt.error());
	        }
	        else {
	            const ruleErrs = def.async ? validateAsync() : validateSync();
	            if (def.modifying)
	                modifyData(cxt);
	            reportErrs(() => addErrs(cxt, ruleErrs));
	        }
	    }
	    function validateAsync() {
	        const ruleErrs = gen.let("ruleErrs", null);
	        gen.try(() => assignValid((0, codegen_1._) `await `), (e) => gen.assign(valid, false).if((0, codegen_1._) `${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._) `${e}.errors`), () => gen.throw(e)));
	        return ruleErrs;
	    }
	    function validateSync() {
	        const validateErrs = (0, codegen_1._) `${validateRef}.errors`;
	        gen.assign(validateErrs, null);
	        assignValid(codegen_1.nil);
	        return validateErrs;
	    }
	    function assignValid(_await = def.async ? (0, codegen_1._) `await ` : codegen_1.nil) {
	        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
	        const passSchema = !(("compile" in def && !$data) || def.schema === false);
	        gen.assign(valid, (0, codegen_1._) `${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
	    }
	    function reportErrs(errors) {
	        var _a;
	        gen.if((0, codegen_1.not)((_a = def.valid) !== null && _a !== void 0 ? _a : valid), errors);
	    }
	}
	keyword.funcKeywordCode = funcKeywordCode;
	function modifyData(cxt) {
	    const { gen, data, it } = cxt;
	    gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._) `${it.parentData}[${it.parentDataProperty}]`));
	}
	function addErrs(cxt, errs) {
	    const { gen } = cxt;
	    gen.if((0, codegen_1._) `Array.isArray(${errs})`, () => {
	        gen
	            .assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`)
	            .assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
	        (0, errors_1.extendErrors)(cxt);
	    }, () => cxt.error());
	}
	function checkAsyncKeyword({ schemaEnv }, def) {
	    if (def.async && !schemaEnv.$async)
	        throw new Error("async keyword in sync schema");
	}
	function useKeyword(gen, keyword, result) {
	    if (result === undefined)
	        throw new Error(`keyword "${keyword}" failed to compile`);
	    return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
	}
	function validSchemaType(schema, schemaType, allowUndefined = false) {
	    // TODO add tests
	    return (!schemaType.length ||
	        schemaType.some((st) => st === "array"
	            ? Array.isArray(schema)
	            : st === "object"
	                ? schema && typeof schema == "object" && !Array.isArray(schema)
	                : typeof schema == st || (allowUndefined && typeof schema == "undefined")));
	}
	keyword.validSchemaType = validSchemaType;
	function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
	    /* istanbul ignore if */
	    if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
	        throw new Error("ajv implementation error");
	    }
	    const deps = def.dependencies;
	    if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
	        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
	    }
	    if (def.validateSchema) {
	        const valid = def.validateSchema(schema[keyword]);
	        if (!valid) {
	            const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` +
	                self.errorsText(def.validateSchema.errors);
	            if (opts.validateSchema === "log")
	                self.logger.error(msg);
	            else
	                throw new Error(msg);
	        }
	    }
	}
	keyword.validateKeywordUsage = validateKeywordUsage;
	
	return keyword;
}

var subschema = {};

var hasRequiredSubschema;

function requireSubschema () {
	if (hasRequiredSubschema) return subschema;
	hasRequiredSubschema = 1;
	Object.defineProperty(subschema, "__esModule", { value: true });
	subschema.extendSubschemaMode = subschema.extendSubschemaData = subschema.getSubschema = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
	    if (keyword !== undefined && schema !== undefined) {
	        throw new Error('both "keyword" and "schema" passed, only one allowed');
	    }
	    if (keyword !== undefined) {
	        const sch = it.schema[keyword];
	        return schemaProp === undefined
	            ? {
	                schema: sch,
	                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
	                errSchemaPath: `${it.errSchemaPath}/${keyword}`,
	            }
	            : {
	                schema: sch[schemaProp],
	                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
	                errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`,
	            };
	    }
	    if (schema !== undefined) {
	        if (schemaPath === undefined || errSchemaPath === undefined || topSchemaRef === undefined) {
	            throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
	        }
	        return {
	            schema,
	            schemaPath,
	            topSchemaRef,
	            errSchemaPath,
	        };
	    }
	    throw new Error('either "keyword" or "schema" must be passed');
	}
	subschema.getSubschema = getSubschema;
	function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
	    if (data !== undefined && dataProp !== undefined) {
	        throw new Error('both "data" and "dataProp" passed, only one allowed');
	    }
	    const { gen } = it;
	    if (dataProp !== undefined) {
	        const { errorPath, dataPathArr, opts } = it;
	        const nextData = gen.let("data", (0, codegen_1._) `${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
	        dataContextProps(nextData);
	        subschema.errorPath = (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
	        subschema.parentDataProperty = (0, codegen_1._) `${dataProp}`;
	        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
	    }
	    if (data !== undefined) {
	        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true); // replaceable if used once?
	        dataContextProps(nextData);
	        if (propertyName !== undefined)
	            subschema.propertyName = propertyName;
	        // TODO something is possibly wrong here with not changing parentDataProperty and not appending dataPathArr
	    }
	    if (dataTypes)
	        subschema.dataTypes = dataTypes;
	    function dataContextProps(_nextData) {
	        subschema.data = _nextData;
	        subschema.dataLevel = it.dataLevel + 1;
	        subschema.dataTypes = [];
	        it.definedProperties = new Set();
	        subschema.parentData = it.data;
	        subschema.dataNames = [...it.dataNames, _nextData];
	    }
	}
	subschema.extendSubschemaData = extendSubschemaData;
	function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
	    if (compositeRule !== undefined)
	        subschema.compositeRule = compositeRule;
	    if (createErrors !== undefined)
	        subschema.createErrors = createErrors;
	    if (allErrors !== undefined)
	        subschema.allErrors = allErrors;
	    subschema.jtdDiscriminator = jtdDiscriminator; // not inherited
	    subschema.jtdMetadata = jtdMetadata; // not inherited
	}
	subschema.extendSubschemaMode = extendSubschemaMode;
	
	return subschema;
}

var resolve = {};

var fastDeepEqual;
var hasRequiredFastDeepEqual;

function requireFastDeepEqual () {
	if (hasRequiredFastDeepEqual) return fastDeepEqual;
	hasRequiredFastDeepEqual = 1;

	// do not edit .js files directly - edit src/index.jst



	fastDeepEqual = function equal(a, b) {
	  if (a === b) return true;

	  if (a && b && typeof a == 'object' && typeof b == 'object') {
	    if (a.constructor !== b.constructor) return false;

	    var length, i, keys;
	    if (Array.isArray(a)) {
	      length = a.length;
	      if (length != b.length) return false;
	      for (i = length; i-- !== 0;)
	        if (!equal(a[i], b[i])) return false;
	      return true;
	    }



	    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
	    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
	    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

	    keys = Object.keys(a);
	    length = keys.length;
	    if (length !== Object.keys(b).length) return false;

	    for (i = length; i-- !== 0;)
	      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

	    for (i = length; i-- !== 0;) {
	      var key = keys[i];

	      if (!equal(a[key], b[key])) return false;
	    }

	    return true;
	  }

	  // true if both NaN, false otherwise
	  return a!==a && b!==b;
	};
	return fastDeepEqual;
}

var jsonSchemaTraverse = {exports: {}};

var hasRequiredJsonSchemaTraverse;

function requireJsonSchemaTraverse () {
	if (hasRequiredJsonSchemaTraverse) return jsonSchemaTraverse.exports;
	hasRequiredJsonSchemaTraverse = 1;

	var traverse = jsonSchemaTraverse.exports = function (schema, opts, cb) {
	  // Legacy support for v0.3.1 and earlier.
	  if (typeof opts == 'function') {
	    cb = opts;
	    opts = {};
	  }

	  cb = opts.cb || cb;
	  var pre = (typeof cb == 'function') ? cb : cb.pre || function() {};
	  var post = cb.post || function() {};

	  _traverse(opts, pre, post, schema, '', schema);
	};


	traverse.keywords = {
	  additionalItems: true,
	  items: true,
	  contains: true,
	  additionalProperties: true,
	  propertyNames: true,
	  not: true,
	  if: true,
	  then: true,
	  else: true
	};

	traverse.arrayKeywords = {
	  items: true,
	  allOf: true,
	  anyOf: true,
	  oneOf: true
	};

	traverse.propsKeywords = {
	  $defs: true,
	  definitions: true,
	  properties: true,
	  patternProperties: true,
	  dependencies: true
	};

	traverse.skipKeywords = {
	  default: true,
	  enum: true,
	  const: true,
	  required: true,
	  maximum: true,
	  minimum: true,
	  exclusiveMaximum: true,
	  exclusiveMinimum: true,
	  multipleOf: true,
	  maxLength: true,
	  minLength: true,
	  pattern: true,
	  format: true,
	  maxItems: true,
	  minItems: true,
	  uniqueItems: true,
	  maxProperties: true,
	  minProperties: true
	};


	function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
	  if (schema && typeof schema == 'object' && !Array.isArray(schema)) {
	    pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
	    for (var key in schema) {
	      var sch = schema[key];
	      if (Array.isArray(sch)) {
	        if (key in traverse.arrayKeywords) {
	          for (var i=0; i<sch.length; i++)
	            _traverse(opts, pre, post, sch[i], jsonPtr + '/' + key + '/' + i, rootSchema, jsonPtr, key, schema, i);
	        }
	      } else if (key in traverse.propsKeywords) {
	        if (sch && typeof sch == 'object') {
	          for (var prop in sch)
	            _traverse(opts, pre, post, sch[prop], jsonPtr + '/' + key + '/' + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
	        }
	      } else if (key in traverse.keywords || (opts.allKeys && !(key in traverse.skipKeywords))) {
	        _traverse(opts, pre, post, sch, jsonPtr + '/' + key, rootSchema, jsonPtr, key, schema);
	      }
	    }
	    post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
	  }
	}


	function escapeJsonPtr(str) {
	  return str.replace(/~/g, '~0').replace(/\//g, '~1');
	}
	return jsonSchemaTraverse.exports;
}

var hasRequiredResolve;

function requireResolve () {
	if (hasRequiredResolve) return resolve;
	hasRequiredResolve = 1;
	Object.defineProperty(resolve, "__esModule", { value: true });
	resolve.getSchemaRefs = resolve.resolveUrl = resolve.normalizeId = resolve._getFullPath = resolve.getFullPath = resolve.inlineRef = void 0;
	const util_1 = /*@__PURE__*/ requireUtil();
	const equal = requireFastDeepEqual();
	const traverse = requireJsonSchemaTraverse();
	// TODO refactor to use keyword definitions
	const SIMPLE_INLINED = new Set([
	    "type",
	    "format",
	    "pattern",
	    "maxLength",
	    "minLength",
	    "maxProperties",
	    "minProperties",
	    "maxItems",
	    "minItems",
	    "maximum",
	    "minimum",
	    "uniqueItems",
	    "multipleOf",
	    "required",
	    "enum",
	    "const",
	]);
	function inlineRef(schema, limit = true) {
	    if (typeof schema == "boolean")
	        return true;
	    if (limit === true)
	        return !hasRef(schema);
	    if (!limit)
	        return false;
	    return countKeys(schema) <= limit;
	}
	resolve.inlineRef = inlineRef;
	const REF_KEYWORDS = new Set([
	    "$ref",
	    "$recursiveRef",
	    "$recursiveAnchor",
	    "$dynamicRef",
	    "$dynamicAnchor",
	]);
	function hasRef(schema) {
	    for (const key in schema) {
	        if (REF_KEYWORDS.has(key))
	            return true;
	        const sch = schema[key];
	        if (Array.isArray(sch) && sch.some(hasRef))
	            return true;
	        if (typeof sch == "object" && hasRef(sch))
	            return true;
	    }
	    return false;
	}
	function countKeys(schema) {
	    let count = 0;
	    for (const key in schema) {
	        if (key === "$ref")
	            return Infinity;
	        count++;
	        if (SIMPLE_INLINED.has(key))
	            continue;
	        if (typeof schema[key] == "object") {
	            (0, util_1.eachItem)(schema[key], (sch) => (count += countKeys(sch)));
	        }
	        if (count === Infinity)
	            return Infinity;
	    }
	    return count;
	}
	function getFullPath(resolver, id = "", normalize) {
	    if (normalize !== false)
	        id = normalizeId(id);
	    const p = resolver.parse(id);
	    return _getFullPath(resolver, p);
	}
	resolve.getFullPath = getFullPath;
	function _getFullPath(resolver, p) {
	    const serialized = resolver.serialize(p);
	    return serialized.split("#")[0] + "#";
	}
	resolve._getFullPath = _getFullPath;
	const TRAILING_SLASH_HASH = /#\/?$/;
	function normalizeId(id) {
	    return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
	}
	resolve.normalizeId = normalizeId;
	function resolveUrl(resolver, baseId, id) {
	    id = normalizeId(id);
	    return resolver.resolve(baseId, id);
	}
	resolve.resolveUrl = resolveUrl;
	const ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
	function getSchemaRefs(schema, baseId) {
	    if (typeof schema == "boolean")
	        return {};
	    const { schemaId, uriResolver } = this.opts;
	    const schId = normalizeId(schema[schemaId] || baseId);
	    const baseIds = { "": schId };
	    const pathPrefix = getFullPath(uriResolver, schId, false);
	    const localRefs = {};
	    const schemaRefs = new Set();
	    traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
	        if (parentJsonPtr === undefined)
	            return;
	        const fullPath = pathPrefix + jsonPtr;
	        let innerBaseId = baseIds[parentJsonPtr];
	        if (typeof sch[schemaId] == "string")
	            innerBaseId = addRef.call(this, sch[schemaId]);
	        addAnchor.call(this, sch.$anchor);
	        addAnchor.call(this, sch.$dynamicAnchor);
	        baseIds[jsonPtr] = innerBaseId;
	        function addRef(ref) {
	            // eslint-disable-next-line @typescript-eslint/unbound-method
	            const _resolve = this.opts.uriResolver.resolve;
	            ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
	            if (schemaRefs.has(ref))
	                throw ambiguos(ref);
	            schemaRefs.add(ref);
	            let schOrRef = this.refs[ref];
	            if (typeof schOrRef == "string")
	                schOrRef = this.refs[schOrRef];
	            if (typeof schOrRef == "object") {
	                checkAmbiguosRef(sch, schOrRef.schema, ref);
	            }
	            else if (ref !== normalizeId(fullPath)) {
	                if (ref[0] === "#") {
	                    checkAmbiguosRef(sch, localRefs[ref], ref);
	                    localRefs[ref] = sch;
	                }
	                else {
	                    this.refs[ref] = fullPath;
	                }
	            }
	            return ref;
	        }
	        function addAnchor(anchor) {
	            if (typeof anchor == "string") {
	                if (!ANCHOR.test(anchor))
	                    throw new Error(`invalid anchor "${anchor}"`);
	                addRef.call(this, `#${anchor}`);
	            }
	        }
	    });
	    return localRefs;
	    function checkAmbiguosRef(sch1, sch2, ref) {
	        if (sch2 !== undefined && !equal(sch1, sch2))
	            throw ambiguos(ref);
	    }
	    function ambiguos(ref) {
	        return new Error(`reference "${ref}" resolves to more than one schema`);
	    }
	}
	resolve.getSchemaRefs = getSchemaRefs;
	
	return resolve;
}

var hasRequiredValidate;

function requireValidate () {
	if (hasRequiredValidate) return validate;
	hasRequiredValidate = 1;
	Object.defineProperty(validate, "__esModule", { value: true });
	validate.getData = validate.KeywordCxt = validate.validateFunctionCode = void 0;
	const boolSchema_1 = /*@__PURE__*/ requireBoolSchema();
	const dataType_1 = /*@__PURE__*/ requireDataType();
	const applicability_1 = /*@__PURE__*/ requireApplicability();
	const dataType_2 = /*@__PURE__*/ requireDataType();
	const defaults_1 = /*@__PURE__*/ requireDefaults();
	const keyword_1 = /*@__PURE__*/ requireKeyword();
	const subschema_1 = /*@__PURE__*/ requireSubschema();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const resolve_1 = /*@__PURE__*/ requireResolve();
	const util_1 = /*@__PURE__*/ requireUtil();
	const errors_1 = /*@__PURE__*/ requireErrors();
	// schema compilation - generates validation function, subschemaCode (below) is used for subschemas
	function validateFunctionCode(it) {
	    if (isSchemaObj(it)) {
	        checkKeywords(it);
	        if (schemaCxtHasRules(it)) {
	            topSchemaObjCode(it);
	            return;
	        }
	    }
	    validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
	}
	validate.validateFunctionCode = validateFunctionCode;
	function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
	    if (opts.code.es5) {
	        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
	            gen.code((0, codegen_1._) `"use strict"; ${funcSourceUrl(schema, opts)}`);
	            destructureValCxtES5(gen, opts);
	            gen.code(body);
	        });
	    }
	    else {
	        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
	    }
	}
	function destructureValCxt(opts) {
	    return (0, codegen_1._) `{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._) `, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
	}
	function destructureValCxtES5(gen, opts) {
	    gen.if(names_1.default.valCxt, () => {
	        gen.var(names_1.default.instancePath, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.instancePath}`);
	        gen.var(names_1.default.parentData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentData}`);
	        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
	        gen.var(names_1.default.rootData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.rootData}`);
	        if (opts.dynamicRef)
	            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
	    }, () => {
	        gen.var(names_1.default.instancePath, (0, codegen_1._) `""`);
	        gen.var(names_1.default.parentData, (0, codegen_1._) `undefined`);
	        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `undefined`);
	        gen.var(names_1.default.rootData, names_1.default.data);
	        if (opts.dynamicRef)
	            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `{}`);
	    });
	}
	function topSchemaObjCode(it) {
	    const { schema, opts, gen } = it;
	    validateFunction(it, () => {
	        if (opts.$comment && schema.$comment)
	            commentKeyword(it);
	        checkNoDefault(it);
	        gen.let(names_1.default.vErrors, null);
	        gen.let(names_1.default.errors, 0);
	        if (opts.unevaluated)
	            resetEvaluated(it);
	        typeAndKeywords(it);
	        returnResults(it);
	    });
	    return;
	}
	function resetEvaluated(it) {
	    // TODO maybe some hook to execute it in the end to check whether props/items are Name, as in assignEvaluated
	    const { gen, validateName } = it;
	    it.evaluated = gen.const("evaluated", (0, codegen_1._) `${validateName}.evaluated`);
	    gen.if((0, codegen_1._) `${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._) `${it.evaluated}.props`, (0, codegen_1._) `undefined`));
	    gen.if((0, codegen_1._) `${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._) `${it.evaluated}.items`, (0, codegen_1._) `undefined`));
	}
	function funcSourceUrl(schema, opts) {
	    const schId = typeof schema == "object" && schema[opts.schemaId];
	    return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._) `/*# sourceURL=${schId} */` : codegen_1.nil;
	}
	// schema compilation - this function is used recursively to generate code for sub-schemas
	function subschemaCode(it, valid) {
	    if (isSchemaObj(it)) {
	        checkKeywords(it);
	        if (schemaCxtHasRules(it)) {
	            subSchemaObjCode(it, valid);
	            return;
	        }
	    }
	    (0, boolSchema_1.boolOrEmptySchema)(it, valid);
	}
	function schemaCxtHasRules({ schema, self }) {
	    if (typeof schema == "boolean")
	        return !schema;
	    for (const key in schema)
	        if (self.RULES.all[key])
	            return true;
	    return false;
	}
	function isSchemaObj(it) {
	    return typeof it.schema != "boolean";
	}
	function subSchemaObjCode(it, valid) {
	    const { schema, gen, opts } = it;
	    if (opts.$comment && schema.$comment)
	        commentKeyword(it);
	    updateContext(it);
	    checkAsyncSchema(it);
	    const errsCount = gen.const("_errs", names_1.default.errors);
	    typeAndKeywords(it, errsCount);
	    // TODO var
	    gen.var(valid, (0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
	}
	function checkKeywords(it) {
	    (0, util_1.checkUnknownRules)(it);
	    checkRefsAndKeywords(it);
	}
	function typeAndKeywords(it, errsCount) {
	    if (it.opts.jtd)
	        return schemaKeywords(it, [], false, errsCount);
	    const types = (0, dataType_1.getSchemaTypes)(it.schema);
	    const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
	    schemaKeywords(it, types, !checkedTypes, errsCount);
	}
	function checkRefsAndKeywords(it) {
	    const { schema, errSchemaPath, opts, self } = it;
	    if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
	        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
	    }
	}
	function checkNoDefault(it) {
	    const { schema, opts } = it;
	    if (schema.default !== undefined && opts.useDefaults && opts.strictSchema) {
	        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
	    }
	}
	function updateContext(it) {
	    const schId = it.schema[it.opts.schemaId];
	    if (schId)
	        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
	}
	function checkAsyncSchema(it) {
	    if (it.schema.$async && !it.schemaEnv.$async)
	        throw new Error("async schema in sync schema");
	}
	function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
	    const msg = schema.$comment;
	    if (opts.$comment === true) {
	        gen.code((0, codegen_1._) `${names_1.default.self}.logger.log(${msg})`);
	    }
	    else if (typeof opts.$comment == "function") {
	        const schemaPath = (0, codegen_1.str) `${errSchemaPath}/$comment`;
	        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
	        gen.code((0, codegen_1._) `${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
	    }
	}
	function returnResults(it) {
	    const { gen, schemaEnv, validateName, ValidationError, opts } = it;
	    if (schemaEnv.$async) {
	        // TODO assign unevaluated
	        gen.if((0, codegen_1._) `${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._) `new ${ValidationError}(${names_1.default.vErrors})`));
	    }
	    else {
	        gen.assign((0, codegen_1._) `${validateName}.errors`, names_1.default.vErrors);
	        if (opts.unevaluated)
	            assignEvaluated(it);
	        gen.return((0, codegen_1._) `${names_1.default.errors} === 0`);
	    }
	}
	function assignEvaluated({ gen, evaluated, props, items }) {
	    if (props instanceof codegen_1.Name)
	        gen.assign((0, codegen_1._) `${evaluated}.props`, props);
	    if (items instanceof codegen_1.Name)
	        gen.assign((0, codegen_1._) `${evaluated}.items`, items);
	}
	function schemaKeywords(it, types, typeErrors, errsCount) {
	    const { gen, schema, data, allErrors, opts, self } = it;
	    const { RULES } = self;
	    if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
	        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition)); // TODO typecast
	        return;
	    }
	    if (!opts.jtd)
	        checkStrictTypes(it, types);
	    gen.block(() => {
	        for (const group of RULES.rules)
	            groupKeywords(group);
	        groupKeywords(RULES.post);
	    });
	    function groupKeywords(group) {
	        if (!(0, applicability_1.shouldUseGroup)(schema, group))
	            return;
	        if (group.type) {
	            gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
	            iterateKeywords(it, group);
	            if (types.length === 1 && types[0] === group.type && typeErrors) {
	                gen.else();
	                (0, dataType_2.reportTypeError)(it);
	            }
	            gen.endIf();
	        }
	        else {
	            iterateKeywords(it, group);
	        }
	        // TODO make it "ok" call?
	        if (!allErrors)
	            gen.if((0, codegen_1._) `${names_1.default.errors} === ${errsCount || 0}`);
	    }
	}
	function iterateKeywords(it, group) {
	    const { gen, schema, opts: { useDefaults }, } = it;
	    if (useDefaults)
	        (0, defaults_1.assignDefaults)(it, group.type);
	    gen.block(() => {
	        for (const rule of group.rules) {
	            if ((0, applicability_1.shouldUseRule)(schema, rule)) {
	                keywordCode(it, rule.keyword, rule.definition, group.type);
	            }
	        }
	    });
	}
	function checkStrictTypes(it, types) {
	    if (it.schemaEnv.meta || !it.opts.strictTypes)
	        return;
	    checkContextTypes(it, types);
	    if (!it.opts.allowUnionTypes)
	        checkMultipleTypes(it, types);
	    checkKeywordTypes(it, it.dataTypes);
	}
	function checkContextTypes(it, types) {
	    if (!types.length)
	        return;
	    if (!it.dataTypes.length) {
	        it.dataTypes = types;
	        return;
	    }
	    types.forEach((t) => {
	        if (!includesType(it.dataTypes, t)) {
	            strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
	        }
	    });
	    narrowSchemaTypes(it, types);
	}
	function checkMultipleTypes(it, ts) {
	    if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
	        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
	    }
	}
	function checkKeywordTypes(it, ts) {
	    const rules = it.self.RULES.all;
	    for (const keyword in rules) {
	        const rule = rules[keyword];
	        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
	            const { type } = rule.definition;
	            if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
	                strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
	            }
	        }
	    }
	}
	function hasApplicableType(schTs, kwdT) {
	    return schTs.includes(kwdT) || (kwdT === "number" && schTs.includes("integer"));
	}
	function includesType(ts, t) {
	    return ts.includes(t) || (t === "integer" && ts.includes("number"));
	}
	function narrowSchemaTypes(it, withTypes) {
	    const ts = [];
	    for (const t of it.dataTypes) {
	        if (includesType(withTypes, t))
	            ts.push(t);
	        else if (withTypes.includes("integer") && t === "number")
	            ts.push("integer");
	    }
	    it.dataTypes = ts;
	}
	function strictTypesError(it, msg) {
	    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
	    msg += ` at "${schemaPath}" (strictTypes)`;
	    (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
	}
	class KeywordCxt {
	    constructor(it, def, keyword) {
	        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
	        this.gen = it.gen;
	        this.allErrors = it.allErrors;
	        this.keyword = keyword;
	        this.data = it.data;
	        this.schema = it.schema[keyword];
	        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
	        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
	        this.schemaType = def.schemaType;
	        this.parentSchema = it.schema;
	        this.params = {};
	        this.it = it;
	        this.def = def;
	        if (this.$data) {
	            this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
	        }
	        else {
	            this.schemaCode = this.schemaValue;
	            if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
	                throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
	            }
	        }
	        if ("code" in def ? def.trackErrors : def.errors !== false) {
	            this.errsCount = it.gen.const("_errs", names_1.default.errors);
	        }
	    }
	    result(condition, successAction, failAction) {
	        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
	    }
	    failResult(condition, successAction, failAction) {
	        this.gen.if(condition);
	        if (failAction)
	            failAction();
	        else
	            this.error();
	        if (successAction) {
	            this.gen.else();
	            successAction();
	            if (this.allErrors)
	                this.gen.endIf();
	        }
	        else {
	            if (this.allErrors)
	                this.gen.endIf();
	            else
	                this.gen.else();
	        }
	    }
	    pass(condition, failAction) {
	        this.failResult((0, codegen_1.not)(condition), undefined, failAction);
	    }
	    fail(condition) {
	        if (condition === undefined) {
	            this.error();
	            if (!this.allErrors)
	                this.gen.if(false); // this branch will be removed by gen.optimize
	            return;
	        }
	        this.gen.if(condition);
	        this.error();
	        if (this.allErrors)
	            this.gen.endIf();
	        else
	            this.gen.else();
	    }
	    fail$data(condition) {
	        if (!this.$data)
	            return this.fail(condition);
	        const { schemaCode } = this;
	        this.fail((0, codegen_1._) `${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
	    }
	    error(append, errorParams, errorPaths) {
	        if (errorParams) {
	            this.setParams(errorParams);
	            this._error(append, errorPaths);
	            this.setParams({});
	            return;
	        }
	        this._error(append, errorPaths);
	    }
	    _error(append, errorPaths) {
	        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
	    }
	    $dataError() {
	        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
	    }
	    reset() {
	        if (this.errsCount === undefined)
	            throw new Error('add "trackErrors" to keyword definition');
	        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
	    }
	    ok(cond) {
	        if (!this.allErrors)
	            this.gen.if(cond);
	    }
	    setParams(obj, assign) {
	        if (assign)
	            Object.assign(this.params, obj);
	        else
	            this.params = obj;
	    }
	    block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
	        this.gen.block(() => {
	            this.check$data(valid, $dataValid);
	            codeBlock();
	        });
	    }
	    check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
	        if (!this.$data)
	            return;
	        const { gen, schemaCode, schemaType, def } = this;
	        gen.if((0, codegen_1.or)((0, codegen_1._) `${schemaCode} === undefined`, $dataValid));
	        if (valid !== codegen_1.nil)
	            gen.assign(valid, true);
	        if (schemaType.length || def.validateSchema) {
	            gen.elseIf(this.invalid$data());
	            this.$dataError();
	            if (valid !== codegen_1.nil)
	                gen.assign(valid, false);
	        }
	        gen.else();
	    }
	    invalid$data() {
	        const { gen, schemaCode, schemaType, def, it } = this;
	        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
	        function wrong$DataType() {
	            if (schemaType.length) {
	                /* istanbul ignore if */
	                if (!(schemaCode instanceof codegen_1.Name))
	                    throw new Error("ajv implementation error");
	                const st = Array.isArray(schemaType) ? schemaType : [schemaType];
	                return (0, codegen_1._) `${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
	            }
	            return codegen_1.nil;
	        }
	        function invalid$DataSchema() {
	            if (def.validateSchema) {
	                const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema }); // TODO value.code for standalone
	                return (0, codegen_1._) `!${validateSchemaRef}(${schemaCode})`;
	            }
	            return codegen_1.nil;
	        }
	    }
	    subschema(appl, valid) {
	        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
	        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
	        (0, subschema_1.extendSubschemaMode)(subschema, appl);
	        const nextContext = { ...this.it, ...subschema, items: undefined, props: undefined };
	        subschemaCode(nextContext, valid);
	        return nextContext;
	    }
	    mergeEvaluated(schemaCxt, toName) {
	        const { it, gen } = this;
	        if (!it.opts.unevaluated)
	            return;
	        if (it.props !== true && schemaCxt.props !== undefined) {
	            it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
	        }
	        if (it.items !== true && schemaCxt.items !== undefined) {
	            it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
	        }
	    }
	    mergeValidEvaluated(schemaCxt, valid) {
	        const { it, gen } = this;
	        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
	            gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
	            return true;
	        }
	    }
	}
	validate.KeywordCxt = KeywordCxt;
	function keywordCode(it, keyword, def, ruleType) {
	    const cxt = new KeywordCxt(it, def, keyword);
	    if ("code" in def) {
	        def.code(cxt, ruleType);
	    }
	    else if (cxt.$data && def.validate) {
	        (0, keyword_1.funcKeywordCode)(cxt, def);
	    }
	    else if ("macro" in def) {
	        (0, keyword_1.macroKeywordCode)(cxt, def);
	    }
	    else if (def.compile || def.validate) {
	        (0, keyword_1.funcKeywordCode)(cxt, def);
	    }
	}
	const JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
	const RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
	function getData($data, { dataLevel, dataNames, dataPathArr }) {
	    let jsonPointer;
	    let data;
	    if ($data === "")
	        return names_1.default.rootData;
	    if ($data[0] === "/") {
	        if (!JSON_POINTER.test($data))
	            throw new Error(`Invalid JSON-pointer: ${$data}`);
	        jsonPointer = $data;
	        data = names_1.default.rootData;
	    }
	    else {
	        const matches = RELATIVE_JSON_POINTER.exec($data);
	        if (!matches)
	            throw new Error(`Invalid JSON-pointer: ${$data}`);
	        const up = +matches[1];
	        jsonPointer = matches[2];
	        if (jsonPointer === "#") {
	            if (up >= dataLevel)
	                throw new Error(errorMsg("property/index", up));
	            return dataPathArr[dataLevel - up];
	        }
	        if (up > dataLevel)
	            throw new Error(errorMsg("data", up));
	        data = dataNames[dataLevel - up];
	        if (!jsonPointer)
	            return data;
	    }
	    let expr = data;
	    const segments = jsonPointer.split("/");
	    for (const segment of segments) {
	        if (segment) {
	            data = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
	            expr = (0, codegen_1._) `${expr} && ${data}`;
	        }
	    }
	    return expr;
	    function errorMsg(pointerType, up) {
	        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
	    }
	}
	validate.getData = getData;
	
	return validate;
}

var validation_error = {};

var hasRequiredValidation_error;

function requireValidation_error () {
	if (hasRequiredValidation_error) return validation_error;
	hasRequiredValidation_error = 1;
	Object.defineProperty(validation_error, "__esModule", { value: true });
	class ValidationError extends Error {
	    constructor(errors) {
	        super("validation failed");
	        this.errors = errors;
	        this.ajv = this.validation = true;
	    }
	}
	validation_error.default = ValidationError;
	
	return validation_error;
}

var ref_error = {};

var hasRequiredRef_error;

function requireRef_error () {
	if (hasRequiredRef_error) return ref_error;
	hasRequiredRef_error = 1;
	Object.defineProperty(ref_error, "__esModule", { value: true });
	const resolve_1 = /*@__PURE__*/ requireResolve();
	class MissingRefError extends Error {
	    constructor(resolver, baseId, ref, msg) {
	        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
	        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
	        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
	    }
	}
	ref_error.default = MissingRefError;
	
	return ref_error;
}

var compile = {};

var hasRequiredCompile;

function requireCompile () {
	if (hasRequiredCompile) return compile;
	hasRequiredCompile = 1;
	Object.defineProperty(compile, "__esModule", { value: true });
	compile.resolveSchema = compile.getCompilingSchema = compile.resolveRef = compile.compileSchema = compile.SchemaEnv = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const validation_error_1 = /*@__PURE__*/ requireValidation_error();
	const names_1 = /*@__PURE__*/ requireNames();
	const resolve_1 = /*@__PURE__*/ requireResolve();
	const util_1 = /*@__PURE__*/ requireUtil();
	const validate_1 = /*@__PURE__*/ requireValidate();
	class SchemaEnv {
	    constructor(env) {
	        var _a;
	        this.refs = {};
	        this.dynamicAnchors = {};
	        let schema;
	        if (typeof env.schema == "object")
	            schema = env.schema;
	        this.schema = env.schema;
	        this.schemaId = env.schemaId;
	        this.root = env.root || this;
	        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
	        this.schemaPath = env.schemaPath;
	        this.localRefs = env.localRefs;
	        this.meta = env.meta;
	        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
	        this.refs = {};
	    }
	}
	compile.SchemaEnv = SchemaEnv;
	// let codeSize = 0
	// let nodeCount = 0
	// Compiles schema in SchemaEnv
	function compileSchema(sch) {
	    // TODO refactor - remove compilations
	    const _sch = getCompilingSchema.call(this, sch);
	    if (_sch)
	        return _sch;
	    const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId); // TODO if getFullPath removed 1 tests fails
	    const { es5, lines } = this.opts.code;
	    const { ownProperties } = this.opts;
	    const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
	    let _ValidationError;
	    if (sch.$async) {
	        _ValidationError = gen.scopeValue("Error", {
	            ref: validation_error_1.default,
	            code: (0, codegen_1._) `require("ajv/dist/runtime/validation_error").default`,
	        });
	    }
	    const validateName = gen.scopeName("validate");
	    sch.validateName = validateName;
	    const schemaCxt = {
	        gen,
	        allErrors: this.opts.allErrors,
	        data: names_1.default.data,
	        parentData: names_1.default.parentData,
	        parentDataProperty: names_1.default.parentDataProperty,
	        dataNames: [names_1.default.data],
	        dataPathArr: [codegen_1.nil], // TODO can its length be used as dataLevel if nil is removed?
	        dataLevel: 0,
	        dataTypes: [],
	        definedProperties: new Set(),
	        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true
	            ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) }
	            : { ref: sch.schema }),
	        validateName,
	        ValidationError: _ValidationError,
	        schema: sch.schema,
	        schemaEnv: sch,
	        rootId,
	        baseId: sch.baseId || rootId,
	        schemaPath: codegen_1.nil,
	        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
	        errorPath: (0, codegen_1._) `""`,
	        opts: this.opts,
	        self: this,
	    };
	    let sourceCode;
	    try {
	        this._compilations.add(sch);
	        (0, validate_1.validateFunctionCode)(schemaCxt);
	        gen.optimize(this.opts.code.optimize);
	        // gen.optimize(1)
	        const validateCode = gen.toString();
	        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
	        // console.log((codeSize += sourceCode.length), (nodeCount += gen.nodeCount))
	        if (this.opts.code.process)
	            sourceCode = this.opts.code.process(sourceCode, sch);
	        // console.log("\n\n\n *** \n", sourceCode)
	        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
	        const validate = makeValidate(this, this.scope.get());
	        this.scope.value(validateName, { ref: validate });
	        validate.errors = null;
	        validate.schema = sch.schema;
	        validate.schemaEnv = sch;
	        if (sch.$async)
	            validate.$async = true;
	        if (this.opts.code.source === true) {
	            validate.source = { validateName, validateCode, scopeValues: gen._values };
	        }
	        if (this.opts.unevaluated) {
	            const { props, items } = schemaCxt;
	            validate.evaluated = {
	                props: props instanceof codegen_1.Name ? undefined : props,
	                items: items instanceof codegen_1.Name ? undefined : items,
	                dynamicProps: props instanceof codegen_1.Name,
	                dynamicItems: items instanceof codegen_1.Name,
	            };
	            if (validate.source)
	                validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
	        }
	        sch.validate = validate;
	        return sch;
	    }
	    catch (e) {
	        delete sch.validate;
	        delete sch.validateName;
	        if (sourceCode)
	            this.logger.error("Error compiling schema, function code:", sourceCode);
	        // console.log("\n\n\n *** \n", sourceCode, this.opts)
	        throw e;
	    }
	    finally {
	        this._compilations.delete(sch);
	    }
	}
	compile.compileSchema = compileSchema;
	function resolveRef(root, baseId, ref) {
	    var _a;
	    ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
	    const schOrFunc = root.refs[ref];
	    if (schOrFunc)
	        return schOrFunc;
	    let _sch = resolve.call(this, root, ref);
	    if (_sch === undefined) {
	        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref]; // TODO maybe localRefs should hold SchemaEnv
	        const { schemaId } = this.opts;
	        if (schema)
	            _sch = new SchemaEnv({ schema, schemaId, root, baseId });
	    }
	    if (_sch === undefined)
	        return;
	    return (root.refs[ref] = inlineOrCompile.call(this, _sch));
	}
	compile.resolveRef = resolveRef;
	function inlineOrCompile(sch) {
	    if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
	        return sch.schema;
	    return sch.validate ? sch : compileSchema.call(this, sch);
	}
	// Index of schema compilation in the currently compiled list
	function getCompilingSchema(schEnv) {
	    for (const sch of this._compilations) {
	        if (sameSchemaEnv(sch, schEnv))
	            return sch;
	    }
	}
	compile.getCompilingSchema = getCompilingSchema;
	function sameSchemaEnv(s1, s2) {
	    return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
	}
	// resolve and compile the references ($ref)
	// TODO returns AnySchemaObject (if the schema can be inlined) or validation function
	function resolve(root, // information about the root schema for the current schema
	ref // reference to resolve
	) {
	    let sch;
	    while (typeof (sch = this.refs[ref]) == "string")
	        ref = sch;
	    return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
	}
	// Resolve schema, its root and baseId
	function resolveSchema(root, // root object with properties schema, refs TODO below SchemaEnv is assigned to it
	ref // reference to resolve
	) {
	    const p = this.opts.uriResolver.parse(ref);
	    const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
	    let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, undefined);
	    // TODO `Object.keys(root.schema).length > 0` should not be needed - but removing breaks 2 tests
	    if (Object.keys(root.schema).length > 0 && refPath === baseId) {
	        return getJsonPointer.call(this, p, root);
	    }
	    const id = (0, resolve_1.normalizeId)(refPath);
	    const schOrRef = this.refs[id] || this.schemas[id];
	    if (typeof schOrRef == "string") {
	        const sch = resolveSchema.call(this, root, schOrRef);
	        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
	            return;
	        return getJsonPointer.call(this, p, sch);
	    }
	    if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
	        return;
	    if (!schOrRef.validate)
	        compileSchema.call(this, schOrRef);
	    if (id === (0, resolve_1.normalizeId)(ref)) {
	        const { schema } = schOrRef;
	        const { schemaId } = this.opts;
	        const schId = schema[schemaId];
	        if (schId)
	            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
	        return new SchemaEnv({ schema, schemaId, root, baseId });
	    }
	    return getJsonPointer.call(this, p, schOrRef);
	}
	compile.resolveSchema = resolveSchema;
	const PREVENT_SCOPE_CHANGE = new Set([
	    "properties",
	    "patternProperties",
	    "enum",
	    "dependencies",
	    "definitions",
	]);
	function getJsonPointer(parsedRef, { baseId, schema, root }) {
	    var _a;
	    if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
	        return;
	    for (const part of parsedRef.fragment.slice(1).split("/")) {
	        if (typeof schema === "boolean")
	            return;
	        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
	        if (partSchema === undefined)
	            return;
	        schema = partSchema;
	        // TODO PREVENT_SCOPE_CHANGE could be defined in keyword def?
	        const schId = typeof schema === "object" && schema[this.opts.schemaId];
	        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
	            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
	        }
	    }
	    let env;
	    if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
	        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
	        env = resolveSchema.call(this, root, $ref);
	    }
	    // even though resolution failed we need to return SchemaEnv to throw exception
	    // so that compileAsync loads missing schema.
	    const { schemaId } = this.opts;
	    env = env || new SchemaEnv({ schema, schemaId, root, baseId });
	    if (env.schema !== env.root.schema)
	        return env;
	    return undefined;
	}
	
	return compile;
}

var $id$2 = "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#";
var description$1 = "Meta-schema for $data reference (JSON AnySchema extension proposal)";
var type$2 = "object";
var required$2 = [
	"$data"
];
var properties$3 = {
	$data: {
		type: "string",
		anyOf: [
			{
				format: "relative-json-pointer"
			},
			{
				format: "json-pointer"
			}
		]
	}
};
var additionalProperties$2 = false;
var require$$9 = {
	$id: $id$2,
	description: description$1,
	type: type$2,
	required: required$2,
	properties: properties$3,
	additionalProperties: additionalProperties$2
};

var uri = {};

var fastUri = {exports: {}};

var utils;
var hasRequiredUtils;

function requireUtils () {
	if (hasRequiredUtils) return utils;
	hasRequiredUtils = 1;

	/** @type {(value: string) => boolean} */
	const isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu);

	/** @type {(value: string) => boolean} */
	const isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u);

	/** @type {(value: string) => boolean} */
	const isPort = RegExp.prototype.test.bind(/^\d*$/u);

	/** @type {(value: string) => boolean} */
	const isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu);

	/** @type {(value: string) => boolean} */
	const isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu);

	/** @type {(value: string) => boolean} */
	const isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u);

	/** @type {(value: string) => boolean} */
	const isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u);

	/** @type {(value: string) => boolean} */
	const isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u);

	const BYTE_HEX = new Array(256);
	{
	  const HEX_DIGITS = '0123456789ABCDEF';
	  for (let i = 0; i < 256; i++) {
	    BYTE_HEX[i] = '%' + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 0xF];
	  }
	}
	function percentEncodeNonAscii (cp) {
	  if (cp < 0x800) {
	    return BYTE_HEX[0xC0 | (cp >> 6)] +
	           BYTE_HEX[0x80 | (cp & 0x3F)]
	  }
	  if (cp < 0x10000) {
	    return BYTE_HEX[0xE0 | (cp >> 12)] +
	           BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
	           BYTE_HEX[0x80 | (cp & 0x3F)]
	  }
	  return BYTE_HEX[0xF0 | (cp >> 18)] +
	         BYTE_HEX[0x80 | ((cp >> 12) & 0x3F)] +
	         BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
	         BYTE_HEX[0x80 | (cp & 0x3F)]
	}

	/**
	 * @param {Array<string>} input
	 * @returns {string}
	 */
	function stringArrayToHexStripped (input) {
	  let acc = '';
	  let code = 0;
	  let i = 0;

	  for (i = 0; i < input.length; i++) {
	    code = input[i].charCodeAt(0);
	    if (code === 48) {
	      continue
	    }
	    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
	      return ''
	    }
	    acc += input[i];
	    break
	  }

	  for (i += 1; i < input.length; i++) {
	    code = input[i].charCodeAt(0);
	    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
	      return ''
	    }
	    acc += input[i];
	  }
	  return acc
	}

	/** @type {(value: string) => boolean} */
	const isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/);

	/** @type {(value: string) => boolean} */
	const isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/);

	/** @type {(value: string) => boolean} */
	const isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/);

	/**
	 * @param {string} value
	 * @returns {boolean}
	 */
	const nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);

	/**
	 * @param {string} zone
	 * @returns {boolean}
	 */
	function isZoneIdentifier (zone) {
	  if (zone.length === 0) return false

	  for (let i = 0; i < zone.length; i++) {
	    if (isZoneCharacter(zone[i])) continue
	    if (zone[i] === '%' && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
	      i += 2;
	      continue
	    }
	    return false
	  }

	  return true
	}

	/**
	 * Compresses the longest run of zero hextets to "::" per RFC 5952. A run of a
	 * single zero hextet is left uncompressed. On ties the leftmost run wins.
	 *
	 * @param {string[]} hextets
	 * @returns {string}
	 */
	function compressIPv6ZeroRun (hextets) {
	  let bestStart = -1;
	  let bestLength = 0;
	  let runStart = -1;
	  let runLength = 0;
	  for (let i = 0; i < hextets.length; i++) {
	    if (hextets[i] === '0') {
	      if (runStart === -1) runStart = i;
	      runLength++;
	      if (runLength > bestLength) {
	        bestLength = runLength;
	        bestStart = runStart;
	      }
	    } else {
	      runStart = -1;
	      runLength = 0;
	    }
	  }

	  if (bestLength < 2) return hextets.join(':')

	  const head = hextets.slice(0, bestStart).join(':');
	  const tail = hextets.slice(bestStart + bestLength).join(':');
	  return head + '::' + tail
	}

	/**
	 * Validates an IPv6 address against the alternatives in RFC 3986 section
	 * 3.2.2 and returns the same address with leading hextet zeroes removed.
	 * An embedded IPv4 address counts as two hextets and is only valid at the end.
	 *
	 * @param {string} input
	 * @returns {string|undefined}
	 */
	function normalizeIPv6Address (input) {
	  const compression = input.indexOf('::');
	  if (compression !== -1 && input.indexOf('::', compression + 1) !== -1) return undefined

	  const left = compression === -1 ? input.split(':') : input.slice(0, compression).split(':');
	  const right = compression === -1 ? [] : input.slice(compression + 2).split(':');
	  if (compression !== -1) {
	    if (left.length === 1 && left[0] === '') left.length = 0;
	    if (right.length === 1 && right[0] === '') right.length = 0;
	  }

	  const parts = left.concat(right);
	  let hextetCount = 0;
	  for (let i = 0; i < parts.length; i++) {
	    const part = parts[i];
	    if (part === '') return undefined

	    if (part.indexOf('.') !== -1) {
	      if (i !== parts.length - 1 || (compression !== -1 && right.length === 0) || !isIPv4(part)) return undefined
	      hextetCount += 2;
	      continue
	    }

	    if (!isHextet(part)) return undefined
	    parts[i] = parseInt(part, 16).toString(16);
	    hextetCount++;
	  }

	  if (compression === -1) {
	    if (hextetCount !== 8) return undefined
	    return compressIPv6ZeroRun(parts)
	  }
	  if (hextetCount >= 8) return undefined

	  // expand "::" then re-compress the longest run for a canonical result
	  const expanded = parts.slice(0, left.length);
	  for (let i = hextetCount; i < 8; i++) expanded.push('0');
	  for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
	  return compressIPv6ZeroRun(expanded)
	}

	/**
	 * @typedef {Object} NormalizeIPv6Result
	 * @property {string} host - The normalized host.
	 * @property {string} [escapedHost] - The escaped host.
	 * @property {boolean} isIPV6 - Indicates if the host is an IPv6 address.
	 * @property {boolean} [isIPVFuture] - Indicates if the host is an IPvFuture literal.
	 * @property {boolean} [error] - Indicates if a bracketed IP literal is malformed.
	 */

	/**
	 * Validates and normalizes a bracketed IP literal. Raw zone separators remain
	 * accepted for backwards compatibility, while encoded separators and zone
	 * contents follow RFC 6874.
	 *
	 * @param {string} host
	 * @returns {NormalizeIPv6Result}
	 */
	function normalizeIPv6 (host) {
	  const bracketed = host[0] === '[' && host[host.length - 1] === ']';
	  const hasBracket = host[0] === '[' || host[host.length - 1] === ']';
	  if (hasBracket && !bracketed) return { host, isIPV6: false, error: true }

	  let input = bracketed ? host.slice(1, -1) : host;
	  if (bracketed && isIPvFuture(input)) {
	    input = input.toLowerCase();
	    return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true }
	  }

	  if (findToken(input, ':') < 2) {
	    return { host, isIPV6: false, error: bracketed }
	  }

	  let zoneIdentifier = '';
	  const zoneSeparator = input.indexOf('%');
	  if (zoneSeparator !== -1) {
	    const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === '%25' ? 3 : 1;
	    zoneIdentifier = input.slice(zoneSeparator + separatorLength);
	    if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true }
	    input = input.slice(0, zoneSeparator);
	  }

	  const address = normalizeIPv6Address(input);
	  if (address === undefined) return { host, isIPV6: false, error: true }

	  return {
	    host: address + (zoneIdentifier ? '%' + zoneIdentifier : ''),
	    escapedHost: address + (zoneIdentifier ? '%25' + zoneIdentifier : ''),
	    isIPV6: true
	  }
	}

	/**
	 * @param {string} str
	 * @param {string} token
	 * @returns {number}
	 */
	function findToken (str, token) {
	  let ind = 0;
	  for (let i = 0; i < str.length; i++) {
	    if (str[i] === token) ind++;
	  }
	  return ind
	}

	/**
	 * @param {string} path
	 * @returns {string}
	 *
	 * @see https://datatracker.ietf.org/doc/html/rfc3986#section-5.2.4
	 */
	function removeDotSegments (path) {
	  let input = path;
	  const output = [];
	  let nextSlash = -1;
	  let len = 0;

	  // eslint-disable-next-line no-cond-assign
	  while (len = input.length) {
	    if (len === 1) {
	      if (input === '.') {
	        break
	      } else if (input === '/') {
	        output.push('/');
	        break
	      } else {
	        output.push(input);
	        break
	      }
	    } else if (len === 2) {
	      if (input[0] === '.') {
	        if (input[1] === '.') {
	          break
	        } else if (input[1] === '/') {
	          input = input.slice(2);
	          continue
	        }
	      } else if (input[0] === '/') {
	        if (input[1] === '.' || input[1] === '/') {
	          output.push('/');
	          break
	        }
	      }
	    } else if (len === 3) {
	      if (input === '/..') {
	        if (output.length !== 0) {
	          output.pop();
	        }
	        output.push('/');
	        break
	      }
	    }
	    if (input[0] === '.') {
	      if (input[1] === '.') {
	        if (input[2] === '/') {
	          input = input.slice(3);
	          continue
	        }
	      } else if (input[1] === '/') {
	        input = input.slice(2);
	        continue
	      }
	    } else if (input[0] === '/') {
	      if (input[1] === '.') {
	        if (input[2] === '/') {
	          input = input.slice(2);
	          continue
	        } else if (input[2] === '.') {
	          if (input[3] === '/') {
	            input = input.slice(3);
	            if (output.length !== 0) {
	              output.pop();
	            }
	            continue
	          }
	        }
	      }
	    }

	    // Rule 2E: Move normal path segment to output
	    if ((nextSlash = input.indexOf('/', 1)) === -1) {
	      output.push(input);
	      break
	    } else {
	      output.push(input.slice(0, nextSlash));
	      input = input.slice(nextSlash);
	    }
	  }

	  return output.join('')
	}

	/**
	 * Removes dot segments from the path of a relative reference (a path that does
	 * not start with "/") without changing what it resolves to against any base.
	 * Unlike `removeDotSegments`, leading ".." segments that cannot be collapsed
	 * are kept, the result never becomes root-relative, and a result that would be
	 * empty or start with an empty segment is prefixed with "." (an empty path
	 * means "same document" and a leading "//" would introduce an authority).
	 *
	 * @param {string} path
	 * @returns {string}
	 */
	function removeDotSegmentsRelative (path) {
	  if (path === '' || path[0] === '/') {
	    return removeDotSegments(path)
	  }

	  const segments = path.split('/');
	  const last = segments.length - 1;
	  /** @type {string[]} */
	  const output = [];
	  let trailingDirectory = false;

	  for (let i = 0; i <= last; i++) {
	    const segment = segments[i];
	    if (segment === '.' || segment === '..') {
	      if (segment === '..') {
	        if (output.length !== 0 && output[output.length - 1] !== '..') {
	          output.pop();
	        } else {
	          output.push('..');
	        }
	      }
	      trailingDirectory = i === last;
	    } else {
	      output.push(segment);
	    }
	  }

	  if (trailingDirectory && output[output.length - 1] !== '..') {
	    output.push('');
	  }
	  if (output.length === 0 || output[0] === '' || output[0].includes(':')) {
	    // An empty path, a leading empty segment ("//"), or a first segment
	    // containing ":" (which would be mistaken for a scheme, RFC 3986 section
	    // 4.2) must stay behind a "." segment so the reference keeps its meaning.
	    output.unshift('.');
	  }

	  return output.join('/')
	}

	/**
	 * Re-escape RFC 3986 gen-delims that must not appear literally in the host.
	 * After the URI regex parses, these characters cannot be literal in the host
	 * field, so any that appear after decoding came from percent-encoding and
	 * must be restored to prevent authority structure changes.
	 *
	 * @param {string} host
	 * @param {boolean} isIP - true for IPv4/IPv6 hosts (skip colon re-escaping)
	 * @returns {string}
	 */
	const HOST_DELIMS = { '@': '%40', '/': '%2F', '?': '%3F', '#': '%23', ':': '%3A' };
	const HOST_DELIM_RE = /[@/?#:]/g;
	const HOST_DELIM_NO_COLON_RE = /[@/?#]/g;

	function reescapeHostDelimiters (host, isIP) {
	  const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
	  re.lastIndex = 0;
	  return host.replace(re, (ch) => HOST_DELIMS[ch])
	}

	/**
	 * Normalizes percent escapes and optionally decodes only unreserved ASCII bytes.
	 * Reserved delimiters such as `%2F` stay escaped; `%2E` is unreserved.
	 *
	 * @param {string} input
	 * @param {boolean} [decodeUnreserved=false]
	 * @returns {string}
	 */
	function normalizePercentEncoding (input, decodeUnreserved = false) {
	  if (input.indexOf('%') === -1) {
	    return input
	  }

	  let output = '';

	  for (let i = 0; i < input.length; i++) {
	    if (input[i] === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        const normalizedHex = hex.toUpperCase();
	        const decoded = String.fromCharCode(parseInt(normalizedHex, 16));

	        if (decodeUnreserved && isUnreserved(decoded)) {
	          output += decoded;
	        } else {
	          output += '%' + normalizedHex;
	        }

	        i += 2;
	        continue
	      }
	    }

	    output += input[i];
	  }

	  return output
	}

	/**
	 * Normalizes path data without turning reserved escapes into live path syntax.
	 * Valid escapes are uppercased, raw unsafe characters are escaped, and only
	 * unreserved bytes that are not `.` are decoded.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function normalizePathEncoding (input) {
	  let output = '';

	  for (let i = 0; i < input.length; i++) {
	    const ch = input[i];
	    if (ch === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        const normalizedHex = hex.toUpperCase();
	        const decoded = String.fromCharCode(parseInt(normalizedHex, 16));

	        if (decoded !== '.' && isUnreserved(decoded)) {
	          output += decoded;
	        } else {
	          output += '%' + normalizedHex;
	        }

	        i += 2;
	        continue
	      }
	    }

	    if (isPathCharacter(ch)) {
	      output += ch;
	    } else {
	      const code = input.charCodeAt(i);
	      if (code < 0x80) {
	        output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
	      } else if (code < 0xD800 || code > 0xDFFF) {
	        output += percentEncodeNonAscii(code);
	      } else if (code <= 0xDBFF && i + 1 < input.length) {
	        const low = input.charCodeAt(i + 1);
	        if (low >= 0xDC00 && low <= 0xDFFF) {
	          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
	          i++;
	        } else {
	          output += percentEncodeNonAscii(0xFFFD);
	        }
	      } else {
	        output += percentEncodeNonAscii(0xFFFD);
	      }
	    }
	  }

	  return output
	}

	/**
	 * Serializes a path without rewriting reserved data. Raw RFC 3986 path
	 * characters remain literal, valid escapes are preserved and uppercased, and
	 * everything else is UTF-8 percent-encoded. In a path-noscheme, a colon in the
	 * first segment must be escaped so the result cannot be parsed as a scheme.
	 *
	 * @param {string} input
	 * @param {boolean} [pathNoScheme=false]
	 * @returns {string}
	 */
	function serializePathEncoding (input, pathNoScheme = false) {
	  let output = '';
	  let firstSegment = pathNoScheme && input[0] !== '/';

	  for (let i = 0; i < input.length; i++) {
	    const ch = input[i];
	    if (ch === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        output += '%' + hex.toUpperCase();
	        i += 2;
	        continue
	      }
	    }

	    if (ch === '/') {
	      firstSegment = false;
	    }

	    if (isPathCharacter(ch) && (ch !== ':' || !firstSegment)) {
	      output += ch;
	    } else {
	      const code = input.charCodeAt(i);
	      if (code < 0x80) {
	        output += BYTE_HEX[code];
	      } else if (code < 0xD800 || code > 0xDFFF) {
	        output += percentEncodeNonAscii(code);
	      } else if (code <= 0xDBFF && i + 1 < input.length) {
	        const low = input.charCodeAt(i + 1);
	        if (low >= 0xDC00 && low <= 0xDFFF) {
	          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
	          i++;
	        } else {
	          output += percentEncodeNonAscii(0xFFFD);
	        }
	      } else {
	        output += percentEncodeNonAscii(0xFFFD);
	      }
	    }
	  }

	  return output
	}

	/**
	 * Percent-encodes a URI component using its RFC 3986 literal character set.
	 * Existing valid escapes are preserved and normalized to uppercase hex.
	 *
	 * @param {string} input
	 * @param {(value: string) => boolean} isAllowed
	 * @returns {string}
	 */
	function encodeComponent (input, isAllowed) {
	  let output = '';

	  for (let i = 0; i < input.length; i++) {
	    const ch = input[i];
	    if (ch === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        output += '%' + hex.toUpperCase();
	        i += 2;
	        continue
	      }
	    }

	    if (isAllowed(ch)) {
	      output += ch;
	    } else {
	      const code = input.charCodeAt(i);
	      if (code < 0x80) {
	        output += BYTE_HEX[code];
	      } else if (code < 0xD800 || code > 0xDFFF) {
	        output += percentEncodeNonAscii(code);
	      } else if (code <= 0xDBFF && i + 1 < input.length) {
	        const low = input.charCodeAt(i + 1);
	        if (low >= 0xDC00 && low <= 0xDFFF) {
	          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
	          i++;
	        } else {
	          output += percentEncodeNonAscii(0xFFFD);
	        }
	      } else {
	        output += percentEncodeNonAscii(0xFFFD);
	      }
	    }
	  }

	  return output
	}

	/**
	 * Encodes userinfo while preserving its RFC 3986 §3.2.1 literal characters.
	 * In particular, authority delimiters such as `@`, `/`, `?`, and `#` are data.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function encodeUserinfo (input) {
	  return encodeComponent(input, isUserinfoCharacter)
	}

	/**
	 * Encodes query data using the RFC 3986 §3.4 grammar. A literal `#` must be
	 * escaped because it would otherwise begin the fragment component.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function encodeQuery (input) {
	  return encodeComponent(input, isQueryFragmentCharacter)
	}

	/**
	 * Encodes fragment data using the RFC 3986 §3.5 grammar.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function encodeFragment (input) {
	  return encodeComponent(input, isQueryFragmentCharacter)
	}

	function isEscapeSafe (cp) {
	  return (
	    (cp >= 0x30 && cp <= 0x39) ||
	    (cp >= 0x41 && cp <= 0x5A) ||
	    (cp >= 0x61 && cp <= 0x7A) ||
	    cp === 0x2A || cp === 0x2B || cp === 0x2D || cp === 0x2E ||
	    cp === 0x2F || cp === 0x40 || cp === 0x5F
	  )
	}

	/**
	 * Normalizes the percent-encoding of a query or fragment component.
	 *
	 * Like `normalizePathEncoding`, but uses the query/fragment character set
	 * (which additionally allows `?`) and decodes `.` since it has no dot-segment
	 * meaning outside of a path.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function normalizeQueryFragmentEncoding (input) {
	  let output = '';

	  for (let i = 0; i < input.length; i++) {
	    const ch = input[i];
	    if (ch === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        const normalizedHex = hex.toUpperCase();
	        const decoded = String.fromCharCode(parseInt(normalizedHex, 16));

	        if (isUnreserved(decoded)) {
	          output += decoded;
	        } else {
	          output += '%' + normalizedHex;
	        }

	        i += 2;
	        continue
	      }
	    }

	    if (isQueryFragmentCharacter(ch)) {
	      output += ch;
	    } else {
	      const code = input.charCodeAt(i);
	      if (code < 0x80) {
	        output += isEscapeSafe(code) ? ch : BYTE_HEX[code];
	      } else if (code < 0xD800 || code > 0xDFFF) {
	        output += percentEncodeNonAscii(code);
	      } else if (code <= 0xDBFF && i + 1 < input.length) {
	        const low = input.charCodeAt(i + 1);
	        if (low >= 0xDC00 && low <= 0xDFFF) {
	          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
	          i++;
	        } else {
	          output += percentEncodeNonAscii(0xFFFD);
	        }
	      } else {
	        output += percentEncodeNonAscii(0xFFFD);
	      }
	    }
	  }

	  return output
	}

	/**
	 * Escapes a component while preserving existing valid percent escapes.
	 *
	 * @param {string} input
	 * @returns {string}
	 */
	function escapePreservingEscapes (input) {
	  let output = '';

	  for (let i = 0; i < input.length; i++) {
	    if (input[i] === '%' && i + 2 < input.length) {
	      const hex = input.slice(i + 1, i + 3);
	      if (isHexPair(hex)) {
	        output += '%' + hex.toUpperCase();
	        i += 2;
	        continue
	      }
	    }

	    output += escape(input[i]);
	  }

	  return output
	}

	/**
	 * @param {import('../types/index').URIComponent} component
	 * @returns {string|undefined}
	 */
	function recomposeAuthority (component) {
	  const uriTokens = [];

	  if (component.userinfo !== undefined) {
	    uriTokens.push(encodeUserinfo(component.userinfo));
	    uriTokens.push('@');
	  }

	  if (component.host !== undefined) {
	    let host = component.host;
	    if (!isIPv4(host)) {
	      let ipV6res = normalizeIPv6(host);
	      if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
	        // Decode only unreserved bytes, once. In particular, keep %25 encoded
	        // so it cannot introduce a second escape during recomposition.
	        host = normalizePercentEncoding(host, true);
	        ipV6res = normalizeIPv6(host);
	      }
	      if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
	        host = `[${ipV6res.escapedHost}]`;
	      } else {
	        host = reescapeHostDelimiters(host, false);
	      }
	    }
	    uriTokens.push(host);
	  }

	  if (typeof component.port === 'number' || typeof component.port === 'string') {
	    const port = String(component.port);
	    if (!isPort(port)) {
	      throw new TypeError('URI port is malformed.')
	    }
	    uriTokens.push(':');
	    uriTokens.push(port);
	  }

	  return uriTokens.length ? uriTokens.join('') : undefined
	}
	utils = {
	  nonSimpleDomain,
	  recomposeAuthority,
	  reescapeHostDelimiters,
	  normalizePercentEncoding,
	  normalizePathEncoding,
	  serializePathEncoding,
	  normalizeQueryFragmentEncoding,
	  encodeUserinfo,
	  encodeQuery,
	  encodeFragment,
	  escapePreservingEscapes,
	  removeDotSegments,
	  removeDotSegmentsRelative,
	  isIPv4,
	  isUUID,
	  normalizeIPv6,
	  stringArrayToHexStripped
	};
	return utils;
}

var schemes;
var hasRequiredSchemes;

function requireSchemes () {
	if (hasRequiredSchemes) return schemes;
	hasRequiredSchemes = 1;

	const { isUUID } = requireUtils();
	const URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu;

	const supportedSchemeNames = /** @type {const} */ (['http', 'https', 'ws',
	  'wss', 'urn', 'urn:uuid']);

	/** @typedef {supportedSchemeNames[number]} SchemeName */

	/**
	 * @param {string} name
	 * @returns {name is SchemeName}
	 */
	function isValidSchemeName (name) {
	  return supportedSchemeNames.indexOf(/** @type {*} */ (name)) !== -1
	}

	/**
	 * @callback SchemeFn
	 * @param {import('../types/index').URIComponent} component
	 * @param {import('../types/index').Options} options
	 * @returns {import('../types/index').URIComponent}
	 */

	/**
	 * @typedef {Object} SchemeHandler
	 * @property {SchemeName} scheme - The scheme name.
	 * @property {boolean} [domainHost] - Indicates if the scheme supports domain hosts.
	 * @property {SchemeFn} parse - Function to parse the URI component for this scheme.
	 * @property {SchemeFn} serialize - Function to serialize the URI component for this scheme.
	 * @property {boolean} [skipNormalize] - Indicates if normalization should be skipped for this scheme.
	 * @property {boolean} [absolutePath] - Indicates if the scheme uses absolute paths.
	 * @property {boolean} [unicodeSupport] - Indicates if the scheme supports Unicode.
	 */

	/**
	 * @param {import('../types/index').URIComponent} wsComponent
	 * @returns {boolean}
	 */
	function wsIsSecure (wsComponent) {
	  if (wsComponent.secure === true) {
	    return true
	  } else if (wsComponent.secure === false) {
	    return false
	  } else if (wsComponent.scheme) {
	    return (
	      wsComponent.scheme.length === 3 &&
	      (wsComponent.scheme[0] === 'w' || wsComponent.scheme[0] === 'W') &&
	      (wsComponent.scheme[1] === 's' || wsComponent.scheme[1] === 'S') &&
	      (wsComponent.scheme[2] === 's' || wsComponent.scheme[2] === 'S')
	    )
	  } else {
	    return false
	  }
	}

	/** @type {SchemeFn} */
	function httpParse (component) {
	  if (!component.host) {
	    component.error = component.error || 'HTTP URIs must have a host.';
	  }

	  return component
	}

	/** @type {SchemeFn} */
	function httpSerialize (component) {
	  const secure = String(component.scheme).toLowerCase() === 'https';

	  // normalize the default port
	  if (component.port === (secure ? 443 : 80) || component.port === '') {
	    component.port = undefined;
	  }

	  // normalize the empty path
	  if (!component.path) {
	    component.path = '/';
	  }

	  // NOTE: We do not parse query strings for HTTP URIs
	  // as WWW Form Url Encoded query strings are part of the HTML4+ spec,
	  // and not the HTTP spec.

	  return component
	}

	/** @type {SchemeFn} */
	function wsParse (wsComponent) {
	// indicate if the secure flag is set
	  wsComponent.secure = wsIsSecure(wsComponent);

	  // construct resouce name
	  wsComponent.resourceName = (wsComponent.path || '/') + (wsComponent.query ? '?' + wsComponent.query : '');
	  wsComponent.path = undefined;
	  wsComponent.query = undefined;

	  return wsComponent
	}

	/** @type {SchemeFn} */
	function wsSerialize (wsComponent) {
	// normalize the default port
	  if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === '') {
	    wsComponent.port = undefined;
	  }

	  // ensure scheme matches secure flag
	  if (typeof wsComponent.secure === 'boolean') {
	    wsComponent.scheme = (wsComponent.secure ? 'wss' : 'ws');
	    wsComponent.secure = undefined;
	  }

	  // reconstruct path from resource name
	  if (wsComponent.resourceName) {
	    const queryIndex = wsComponent.resourceName.indexOf('?');
	    const path = queryIndex === -1
	      ? wsComponent.resourceName
	      : wsComponent.resourceName.slice(0, queryIndex);
	    wsComponent.path = (path && path !== '/' ? path : undefined);
	    wsComponent.query = queryIndex === -1
	      ? undefined
	      : wsComponent.resourceName.slice(queryIndex + 1);
	    wsComponent.resourceName = undefined;
	  }

	  // forbid fragment component
	  wsComponent.fragment = undefined;

	  return wsComponent
	}

	/** @type {SchemeFn} */
	function urnParse (urnComponent, options) {
	  if (!urnComponent.path) {
	    urnComponent.error = 'URN can not be parsed';
	    return urnComponent
	  }
	  const matches = urnComponent.path.match(URN_REG);
	  if (matches && matches[0] === urnComponent.path) {
	    const scheme = options.scheme || urnComponent.scheme || 'urn';
	    urnComponent.nid = matches[1].toLowerCase();
	    urnComponent.nss = matches[2];
	    const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`;
	    const schemeHandler = getSchemeHandler(urnScheme);
	    urnComponent.path = undefined;

	    if (schemeHandler) {
	      urnComponent = schemeHandler.parse(urnComponent, options);
	    }
	  } else {
	    urnComponent.error = urnComponent.error || 'URN can not be parsed.';
	  }

	  return urnComponent
	}

	/** @type {SchemeFn} */
	function urnSerialize (urnComponent, options) {
	  if (urnComponent.nid === undefined) {
	    throw new Error('URN without nid cannot be serialized')
	  }
	  const scheme = options.scheme || urnComponent.scheme || 'urn';
	  const nid = urnComponent.nid.toLowerCase();
	  const urnScheme = `${scheme}:${options.nid || nid}`;
	  const schemeHandler = getSchemeHandler(urnScheme);

	  if (schemeHandler) {
	    urnComponent = schemeHandler.serialize(urnComponent, options);
	  }

	  const uriComponent = urnComponent;
	  const nss = urnComponent.nss;
	  uriComponent.path = `${nid || options.nid}:${nss}`;

	  options.skipEscape = true;
	  return uriComponent
	}

	/** @type {SchemeFn} */
	function urnuuidParse (urnComponent, options) {
	  const uuidComponent = urnComponent;
	  uuidComponent.uuid = uuidComponent.nss;
	  uuidComponent.nss = undefined;

	  if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
	    uuidComponent.error = uuidComponent.error || 'UUID is not valid.';
	  }

	  return uuidComponent
	}

	/** @type {SchemeFn} */
	function urnuuidSerialize (uuidComponent) {
	  const urnComponent = uuidComponent;
	  // normalize UUID
	  urnComponent.nss = (uuidComponent.uuid || '').toLowerCase();
	  return urnComponent
	}

	const http = /** @type {SchemeHandler} */ ({
	  scheme: 'http',
	  domainHost: true,
	  parse: httpParse,
	  serialize: httpSerialize
	});

	const https = /** @type {SchemeHandler} */ ({
	  scheme: 'https',
	  domainHost: http.domainHost,
	  parse: httpParse,
	  serialize: httpSerialize
	});

	const ws = /** @type {SchemeHandler} */ ({
	  scheme: 'ws',
	  domainHost: true,
	  parse: wsParse,
	  serialize: wsSerialize
	});

	const wss = /** @type {SchemeHandler} */ ({
	  scheme: 'wss',
	  domainHost: ws.domainHost,
	  parse: ws.parse,
	  serialize: ws.serialize
	});

	const urn = /** @type {SchemeHandler} */ ({
	  scheme: 'urn',
	  parse: urnParse,
	  serialize: urnSerialize,
	  skipNormalize: true
	});

	const urnuuid = /** @type {SchemeHandler} */ ({
	  scheme: 'urn:uuid',
	  parse: urnuuidParse,
	  serialize: urnuuidSerialize,
	  skipNormalize: true
	});

	const SCHEMES = /** @type {Record<SchemeName, SchemeHandler>} */ ({
	  http,
	  https,
	  ws,
	  wss,
	  urn,
	  'urn:uuid': urnuuid
	});

	Object.setPrototypeOf(SCHEMES, null);

	/**
	 * @param {string|undefined} scheme
	 * @returns {SchemeHandler|undefined}
	 */
	function getSchemeHandler (scheme) {
	  return (
	    scheme && (
	      SCHEMES[/** @type {SchemeName} */ (scheme)] ||
	      SCHEMES[/** @type {SchemeName} */(scheme.toLowerCase())])
	  ) ||
	    undefined
	}

	schemes = {
	  wsIsSecure,
	  SCHEMES,
	  isValidSchemeName,
	  getSchemeHandler,
	};
	return schemes;
}

var hasRequiredFastUri;

function requireFastUri () {
	if (hasRequiredFastUri) return fastUri.exports;
	hasRequiredFastUri = 1;

	const { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = requireUtils();
	const { SCHEMES, getSchemeHandler } = requireSchemes();

	const VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u;
	const MALFORMED_SCHEME_ERROR = 'URI scheme is malformed.';
	const MALFORMED_HOST_ERROR = 'URI host is malformed.';
	// ASCII characters outside the RFC 3986 reg-name set (unreserved, sub-delims
	// and "%" for pct-encoded): C0 controls, space, DEL, and "#/:<>?@[\]^`{|}.
	const FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;

	/**
	 * RFC 3986 section 3.1 does not allow percent-encoding in a scheme, so the
	 * scheme is validated as-is and never decoded. Decoding would let inert input
	 * such as `%6Aavascript:` become a live `javascript:` scheme.
	 *
	 * @param {string} scheme
	 * @returns {string}
	 */
	function validateScheme (scheme) {
	  const stringScheme = String(scheme);
	  if (!VALID_SCHEME.test(stringScheme)) {
	    throw new TypeError(MALFORMED_SCHEME_ERROR)
	  }
	  return stringScheme
	}

	/**
	 * @template {import('./types/index').URIComponent|string} T
	 * @param {T} uri
	 * @param {import('./types/index').Options} [options]
	 * @returns {T}
	 */
	function normalize (uri, options) {
	  if (typeof uri === 'string') {
	    uri = /** @type {T} */ (normalizeString(uri, options));
	  } else if (typeof uri === 'object') {
	    uri = /** @type {T} */ (parse(serialize(uri, options), options));
	  }
	  return uri
	}

	/**
	 * @param {string} baseURI
	 * @param {string} relativeURI
	 * @param {import('./types/index').Options} [options]
	 * @returns {string}
	 */
	function resolve (baseURI, relativeURI, options) {
	  const schemelessOptions = options ? Object.assign({ scheme: 'null' }, options) : { scheme: 'null' };
	  const {
	    parsed: baseParsed,
	    malformedAuthorityOrPort: baseMalformed,
	    malformedPercentEncoding: baseMalformedPercentEncoding,
	    malformedSchemeSpecific: baseMalformedSchemeSpecific,
	    malformedHost: baseMalformedHost,
	    malformedScheme: baseMalformedScheme
	  } = parseWithStatus(baseURI, schemelessOptions);
	  const {
	    parsed: relativeParsed,
	    malformedAuthorityOrPort: relativeMalformed,
	    malformedPercentEncoding: relativeMalformedPercentEncoding,
	    malformedSchemeSpecific: relativeMalformedSchemeSpecific,
	    malformedHost: relativeMalformedHost,
	    malformedScheme: relativeMalformedScheme
	  } = parseWithStatus(relativeURI, schemelessOptions);
	  if (
	    baseMalformed ||
	    relativeMalformed ||
	    baseMalformedPercentEncoding ||
	    relativeMalformedPercentEncoding ||
	    baseMalformedSchemeSpecific ||
	    relativeMalformedSchemeSpecific ||
	    baseMalformedHost ||
	    relativeMalformedHost ||
	    baseMalformedScheme ||
	    relativeMalformedScheme
	  ) {
	    throw new Error(baseParsed.error || relativeParsed.error || 'URI is malformed.')
	  }
	  const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true);
	  const resolvedSchemeHandler = getSchemeHandler((options && options.scheme) || resolved.scheme);
	  const resolvedHost = resolved.host;
	  const resolvedHostIsIP = resolvedHost !== undefined && resolvedHost !== '' &&
	    (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
	  // Inputs are parsed scheme-neutrally, so delimiters and controls in a domain
	  // host are only detected here, once the final scheme is known. They always
	  // fail closed, including in percent-encoded hosts.
	  if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
	    throw new Error(MALFORMED_HOST_ERROR)
	  }
	  canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
	  // Percent escapes in an ASCII reg-name are encoded data. The WHATWG hostname
	  // parser can reject them even though fast-uri preserves them safely as RFC
	  // 3986 data. A raw non-ASCII host must still fail closed if conversion fails.
	  const encodedASCIIHost = resolvedHost && resolvedHost.indexOf('%') !== -1 &&
	    !/\P{ASCII}/u.test(resolvedHost);
	  if (resolved.error && !encodedASCIIHost) {
	    throw new Error(resolved.error)
	  }
	  schemelessOptions.skipEscape = true;
	  return serialize(resolved, schemelessOptions)
	}

	/**
	 * @param {import ('./types/index').URIComponent} base
	 * @param {import ('./types/index').URIComponent} relative
	 * @param {import('./types/index').Options} [options]
	 * @param {boolean} [skipNormalization=false]
	 * @returns {import ('./types/index').URIComponent}
	 */
	function resolveComponent (base, relative, options, skipNormalization) {
	  /** @type {import('./types/index').URIComponent} */
	  const target = {};
	  if (!skipNormalization) {
	    base = parse(serialize(base, options), options); // normalize base component
	    relative = parse(serialize(relative, options), options); // normalize relative component
	  }
	  options = options || {};

	  if (!options.tolerant && relative.scheme) {
	    target.scheme = relative.scheme;
	    // target.authority = relative.authority;
	    target.userinfo = relative.userinfo;
	    target.host = relative.host;
	    target.port = relative.port;
	    target.path = removeDotSegments(relative.path || '');
	    target.query = relative.query;
	  } else {
	    if (relative.userinfo !== undefined || relative.host !== undefined || relative.port !== undefined) {
	      // target.authority = relative.authority;
	      target.userinfo = relative.userinfo;
	      target.host = relative.host;
	      target.port = relative.port;
	      target.path = removeDotSegments(relative.path || '');
	      target.query = relative.query;
	    } else {
	      if (!relative.path) {
	        target.path = base.path;
	        if (relative.query !== undefined) {
	          target.query = relative.query;
	        } else {
	          target.query = base.query;
	        }
	      } else {
	        if (relative.path[0] === '/') {
	          target.path = removeDotSegments(relative.path);
	        } else {
	          const baseHasAuthority = base.userinfo !== undefined || base.host !== undefined || base.port !== undefined;
	          if (baseHasAuthority && !base.path) {
	            target.path = '/' + relative.path;
	          } else if (!base.path) {
	            target.path = relative.path;
	          } else {
	            target.path = base.path.slice(0, base.path.lastIndexOf('/') + 1) + relative.path;
	          }
	          target.path = base.scheme === undefined && !baseHasAuthority && target.path[0] !== '/'
	            ? removeDotSegmentsRelative(target.path)
	            : removeDotSegments(target.path);
	        }
	        target.query = relative.query;
	      }
	      // target.authority = base.authority;
	      target.userinfo = base.userinfo;
	      target.host = base.host;
	      target.port = base.port;
	    }
	    target.scheme = base.scheme;
	  }

	  target.fragment = relative.fragment;

	  return target
	}

	/**
	 * @param {import ('./types/index').URIComponent|string} uriA
	 * @param {import ('./types/index').URIComponent|string} uriB
	 * @param {import ('./types/index').Options} options
	 * @returns {boolean}
	 */
	function equal (uriA, uriB, options) {
	  const normalizedA = normalizeComparableURI(uriA, options);
	  const normalizedB = normalizeComparableURI(uriB, options);

	  return normalizedA !== undefined && normalizedB !== undefined && normalizedA === normalizedB
	}

	/**
	 * @param {Readonly<import('./types/index').URIComponent>} cmpts
	 * @param {import('./types/index').Options} [opts]
	 * @returns {string}
	 */
	function serialize (cmpts, opts) {
	  const component = {
	    host: cmpts.host,
	    scheme: cmpts.scheme,
	    userinfo: cmpts.userinfo,
	    port: cmpts.port,
	    path: cmpts.path,
	    query: cmpts.query,
	    nid: cmpts.nid,
	    nss: cmpts.nss,
	    uuid: cmpts.uuid,
	    fragment: cmpts.fragment,
	    reference: cmpts.reference,
	    resourceName: cmpts.resourceName,
	    secure: cmpts.secure,
	    error: ''
	  };
	  const options = Object.assign({}, opts);
	  const uriTokens = [];

	  if (component.scheme) {
	    component.scheme = validateScheme(component.scheme);
	  }

	  // find scheme handler
	  const schemeHandler = getSchemeHandler(options.scheme || component.scheme);

	  // perform scheme specific serialization
	  if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options);

	  const hasAuthority = component.userinfo !== undefined || component.host !== undefined || component.port !== undefined;
	  // A reference with no emitted scheme is path-noscheme: a bare ':' in its
	  // first path segment would reparse as a scheme (RFC 3986 3.3/4.2). Enforced
	  // under skipEscape too (resolve()), so the reapply below gates on this flag.
	  const schemelessReference = (component.scheme === undefined || options.reference === 'suffix') && !hasAuthority;
	  const pathNoScheme = !options.skipEscape && schemelessReference;

	  if (component.path !== undefined) {
	    if (!options.skipEscape) {
	      component.path = serializePathEncoding(component.path, pathNoScheme);
	    } else {
	      component.path = normalizePercentEncoding(component.path);
	    }
	  }

	  if (options.reference !== 'suffix' && component.scheme) {
	    // Scheme handlers may replace the scheme during serialization.
	    component.scheme = validateScheme(component.scheme);
	    uriTokens.push(component.scheme, ':');
	  }

	  const authority = recomposeAuthority(component);
	  if (authority !== undefined) {
	    if (options.reference !== 'suffix') {
	      uriTokens.push('//');
	    }

	    uriTokens.push(authority);

	    if (component.path && component.path[0] !== '/') {
	      uriTokens.push('/');
	    }
	  }
	  if (component.path !== undefined) {
	    let s = component.path;

	    if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
	      // A relative-path reference keeps its unresolvable leading ".." segments
	      // and must never become root-relative (RFC 3986 section 5.2.4 applies to
	      // merged target paths, not to the reference itself).
	      s = schemelessReference && s[0] !== '/'
	        ? removeDotSegmentsRelative(s)
	        : removeDotSegments(s);
	    }

	    // Dot-segment removal can expose a colon that was not originally in the
	    // first segment (for example, "./a:b"). Reapply path-noscheme encoding so
	    // the serialized relative reference cannot be reparsed as a URI scheme.
	    if (schemelessReference) {
	      s = serializePathEncoding(s, true);
	    }

	    if (
	      authority === undefined &&
	      s[0] === '/' &&
	      s[1] === '/'
	    ) {
	      // don't allow the path to start with "//"
	      s = '/%2F' + s.slice(2);
	    }

	    uriTokens.push(s);
	  }

	  if (component.query !== undefined) {
	    uriTokens.push('?', encodeQuery(component.query));
	  }

	  if (component.fragment !== undefined) {
	    uriTokens.push('#', encodeFragment(component.fragment));
	  }
	  return uriTokens.join('')
	}

	const URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u;

	// Captures the authority component (between "//" and the next "/", "?" or "#"),
	// with or without a scheme prefix, for the literal-backslash rejection below.
	const AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/;

	// Captures the leading authority-introducer region after an optional scheme: a
	// run of forward slashes, backslashes, and the characters the WHATWG URL parser
	// removes before parsing (TAB U+0009, LF U+000A, CR U+000D). A valid introducer
	// is exactly "//". Node treats "\" as "/" on special schemes and strips those
	// characters first, so forms like "\\", "/\", "\/", "/<TAB>/", or a leading
	// "<TAB>//" reach an authority in Node while fast-uri's URI_PARSE folds them into
	// the path group (host confusion / SSRF / redirect bypass).
	const AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;

	/**
	 * @param {import('./types/index').URIComponent} parsed
	 * @param {RegExpMatchArray} matches
	 * @returns {string|undefined}
	 */
	function getParseError (parsed, matches) {
	  if (matches[2] !== undefined && parsed.path && parsed.path[0] !== '/') {
	    return 'URI path must start with "/" when authority is present.'
	  }

	  if (typeof parsed.port === 'number' && (parsed.port < 0 || parsed.port > 65535)) {
	    return 'URI port is malformed.'
	  }

	  return undefined
	}

	/**
	 * Checks percent syntax without decoding the represented octets. RFC 3986
	 * percent-encoding is byte-oriented, so sequences such as `%FF` are valid even
	 * though they are not independently valid UTF-8.
	 *
	 * @param {string|undefined} component
	 * @returns {boolean}
	 */
	function hasMalformedPercentEncoding (component) {
	  if (component === undefined) return false

	  let percent = component.indexOf('%');
	  while (percent !== -1) {
	    if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
	      return true
	    }
	    percent = component.indexOf('%', percent + 3);
	  }

	  return false
	}

	/**
	 * Whether the host is a bracketed IP literal (RFC 3986 `IP-literal`).
	 * An unterminated `[` is not a literal, so it must still be validated as a
	 * reg-name instead of being waved through as an IP.
	 *
	 * @param {string} host
	 * @returns {boolean}
	 */
	function isIPLiteral (host) {
	  return host[0] === '[' && host[host.length - 1] === ']'
	}

	/**
	 * @param {RegExpMatchArray} matches
	 * @returns {boolean}
	 */
	function hasMalformedComponentPercentEncoding (matches) {
	  // Bracketed IP literals use a raw "%" as the zone separator for historical
	  // compatibility. Their parsing is intentionally left to normalizeIPv6.
	  const host = matches[4];
	  return hasMalformedPercentEncoding(matches[3]) ||
	    (host !== undefined && !isIPLiteral(host) && hasMalformedPercentEncoding(host)) ||
	    hasMalformedPercentEncoding(matches[6]) ||
	    hasMalformedPercentEncoding(matches[7]) ||
	    hasMalformedPercentEncoding(matches[8])
	}

	/**
	 * @param {import('./types/index').URIComponent} parsed
	 * @param {import('./types/index').Options} options
	 * @param {{ domainHost?: boolean, unicodeSupport?: boolean }|undefined} schemeHandler
	 * @param {boolean} isIP
	 * @returns {boolean} whether host conversion failed
	 */
	function canonicalizeHost (parsed, options, schemeHandler, isIP) {
	  if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
	    parsed.error = parsed.error || MALFORMED_HOST_ERROR;
	    return true
	  }

	  if (
	    !options.unicodeSupport &&
	    (!schemeHandler || !schemeHandler.unicodeSupport) &&
	    parsed.host &&
	    !isIPLiteral(parsed.host) &&
	    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
	    isIP === false &&
	    nonSimpleDomain(parsed.host)
	  ) {
	    let url;
	    try {
	      url = new URL('http://' + parsed.host);
	    } catch (e) {
	      parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e;
	      return true
	    }
	    // The WHATWG parser must have read the whole input as a host. Anything
	    // else means it found a delimiter fast-uri did not, so its hostname would
	    // describe a different authority.
	    if (!isHostOnlyURL(url)) {
	      parsed.error = parsed.error || MALFORMED_HOST_ERROR;
	      return true
	    }
	    parsed.host = url.hostname;
	  }
	  return false
	}

	/**
	 * Whether a domain host contains an ASCII character that RFC 3986 does not
	 * allow in a reg-name (unreserved, sub-delims, or pct-encoded). Such a host is
	 * rejected instead of being handed to the WHATWG URL parser, which would treat
	 * "@" as a userinfo delimiter (silently dropping the data before it) and strip
	 * TAB, LF, and CR. Non-ASCII characters remain allowed for IDNs.
	 *
	 * @param {import('./types/index').URIComponent} parsed
	 * @param {import('./types/index').Options} options
	 * @param {{ domainHost?: boolean }|undefined} schemeHandler
	 * @param {boolean} isIP
	 * @returns {boolean}
	 */
	function hasForbiddenDomainHost (parsed, options, schemeHandler, isIP) {
	  return Boolean(
	    parsed.host &&
	    isIP === false &&
	    !isIPLiteral(parsed.host) &&
	    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
	    FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
	  )
	}

	/**
	 * @param {URL} url
	 * @returns {boolean}
	 */
	function isHostOnlyURL (url) {
	  return url.username === '' &&
	    url.password === '' &&
	    url.port === '' &&
	    url.pathname === '/' &&
	    url.search === '' &&
	    url.hash === '' &&
	    url.hostname !== ''
	}

	/**
	 * @param {string} uri
	 * @param {import('./types/index').Options} [opts]
	 * @returns {{ parsed: import('./types/index').URIComponent, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
	 */
	function parseWithStatus (uri, opts) {
	  const options = Object.assign({}, opts);
	  /** @type {import('./types/index').URIComponent} */
	  const parsed = {
	    scheme: undefined,
	    userinfo: undefined,
	    host: '',
	    port: undefined,
	    path: '',
	    query: undefined,
	    fragment: undefined
	  };

	  let malformedAuthorityOrPort = false;
	  let malformedPercentEncoding = false;
	  let malformedSchemeSpecific = false;
	  let malformedHost = false;
	  let malformedIPLiteral = false;
	  let malformedScheme = false;

	  let isIP = false;
	  if (options.reference === 'suffix') {
	    if (options.scheme) {
	      uri = options.scheme + ':' + uri;
	    } else {
	      uri = '//' + uri;
	    }
	  }

	  // A literal backslash (U+005C) is not a valid RFC 3986 URI character and is
	  // not an authority delimiter. Reject it in the authority rather than
	  // rewriting it: normalizing "\" -> "/" (WHATWG error recovery) could silently
	  // change the resource identified by an otherwise-invalid input, and lets "\"
	  // act as a host delimiter here while Node's native URL parses a different
	  // host (SSRF / redirect / origin-allowlist bypass). Percent-encoded %5C is
	  // untouched and remains valid encoded data.
	  const authorityMatch = uri.match(AUTHORITY_PREFIX);
	  if (authorityMatch !== null && authorityMatch[1].indexOf('\\') !== -1) {
	    parsed.error = 'URI authority must not contain a literal backslash.';
	    malformedAuthorityOrPort = true;
	  }

	  // Reject a malformed or whitespace-smuggled authority introducer. fast-uri
	  // only recognizes a literal "//"; anything else in the leading separator run
	  // (a backslash, or a "//" that appears only after removing the TAB/LF/CR that
	  // Node strips) means the authority fast-uri parses differs from the one Node's
	  // URL resolves. Reject rather than rewrite, mirroring the literal-backslash
	  // guard above. Percent-encoded forms (%5C, %09) are untouched, valid data.
	  const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
	  if (introducerMatch !== null) {
	    const region = introducerMatch[1];
	    const normalizedRegion = region.replace(/[\t\n\r]/g, '');
	    // Two or more leading separators introduce an authority.
	    if (normalizedRegion.length >= 2) {
	      if (normalizedRegion.slice(0, 2) !== '//') {
	        parsed.error = parsed.error || 'URI authority must not contain a literal backslash.';
	        malformedAuthorityOrPort = true;
	      } else if (region.length !== normalizedRegion.length) {
	        parsed.error = parsed.error || 'URI authority introducer must not contain whitespace.';
	        malformedAuthorityOrPort = true;
	      }
	    }
	  }

	  const matches = uri.match(URI_PARSE);

	  if (matches) {
	    // store each component
	    parsed.scheme = matches[1];
	    parsed.userinfo = matches[3];
	    parsed.host = matches[4];
	    parsed.port = parseInt(matches[5], 10);
	    parsed.path = matches[6] || '';
	    parsed.query = matches[7];
	    parsed.fragment = matches[8];

	    if (parsed.scheme !== undefined) {
	      if (VALID_SCHEME.test(parsed.scheme)) {
	        parsed.scheme = parsed.scheme.toLowerCase();
	      } else {
	        parsed.error = parsed.error || MALFORMED_SCHEME_ERROR;
	        malformedScheme = true;
	      }
	    }

	    malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches);
	    if (malformedPercentEncoding) {
	      parsed.error = parsed.error || 'URI contains malformed percent-encoding.';
	    }

	    // fix port number
	    if (isNaN(parsed.port)) {
	      parsed.port = matches[5];
	    }

	    const parseError = getParseError(parsed, matches);
	    if (parseError !== undefined) {
	      parsed.error = parsed.error || parseError;
	      malformedAuthorityOrPort = true;
	    }

	    if (parsed.host) {
	      const ipv4result = isIPv4(parsed.host);
	      if (ipv4result === false) {
	        const bracketedIPLiteral = isIPLiteral(parsed.host);
	        const hasIPLiteralBracket = parsed.host.indexOf('[') !== -1 || parsed.host.indexOf(']') !== -1;
	        const ipv6result = normalizeIPv6(parsed.host);
	        isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true;
	        malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true);
	        parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase();

	        if (malformedIPLiteral) {
	          parsed.error = parsed.error || MALFORMED_HOST_ERROR;
	          malformedAuthorityOrPort = true;
	        }
	      } else {
	        isIP = true;
	      }
	    }
	    if (parsed.scheme === undefined && parsed.userinfo === undefined && parsed.host === undefined && parsed.port === undefined && parsed.query === undefined && !parsed.path) {
	      parsed.reference = 'same-document';
	    } else if (parsed.scheme === undefined) {
	      parsed.reference = 'relative';
	    } else if (parsed.fragment === undefined) {
	      parsed.reference = 'absolute';
	    } else {
	      parsed.reference = 'uri';
	    }

	    // check for reference errors
	    if (options.reference && options.reference !== 'suffix' && options.reference !== parsed.reference) {
	      parsed.error = parsed.error || 'URI is not a ' + options.reference + ' reference.';
	    }

	    // find scheme handler
	    const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);

	    // convert Unicode IDN -> ASCII IDN when the effective scheme uses domain hosts
	    if (!malformedIPLiteral) {
	      malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP);
	    }

	    if (uri.indexOf('%') !== -1 && parsed.host !== undefined && !malformedIPLiteral) {
	      let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true);
	      if (!isIP) {
	        // Fold reg-name case after decoding unreserved octets. The second
	        // pass only restores uppercase hex in escapes that remain encoded.
	        host = normalizePercentEncoding(host.toLowerCase());
	      }
	      // Resolution parses both inputs with the internal `null` scheme before
	      // the effective scheme is known. Keep raw host delimiters for that step
	      // so resolve() can reject them for domain-host schemes; the resolved
	      // authority is encoded when it is serialized.
	      parsed.host = isIP || options.scheme !== 'null' ? reescapeHostDelimiters(host, isIP) : host;
	    }

	    if (!schemeHandler || (schemeHandler && !schemeHandler.skipNormalize)) {
	      if (parsed.path) {
	        parsed.path = normalizePathEncoding(parsed.path);
	      }
	      if (parsed.query) {
	        parsed.query = normalizeQueryFragmentEncoding(parsed.query);
	      }
	      if (parsed.fragment) {
	        parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment);
	      }
	    }

	    // perform scheme specific parsing
	    if (schemeHandler && schemeHandler.parse) {
	      schemeHandler.parse(parsed, options);
	      if (schemeHandler === SCHEMES.urn && parsed.nid === undefined) {
	        malformedSchemeSpecific = true;
	      }
	    }
	  } else {
	    parsed.error = parsed.error || 'URI can not be parsed.';
	  }
	  return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme }
	}

	/**
	 * @param {string} uri
	 * @param {import('./types/index').Options} [opts]
	 * @returns
	 */
	function parse (uri, opts) {
	  return parseWithStatus(uri, opts).parsed
	}

	/**
	 * @param {string} uri
	 * @param {import('./types/index').Options} [opts]
	 * @returns {string}
	 */
	function normalizeString (uri, opts) {
	  return normalizeStringWithStatus(uri, opts).normalized
	}

	/**
	 * @param {string} uri
	 * @param {import('./types/index').Options} [opts]
	 * @returns {{ normalized: string, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
	 */
	function normalizeStringWithStatus (uri, opts) {
	  const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
	  return {
	    normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
	    malformedAuthorityOrPort,
	    malformedPercentEncoding,
	    malformedSchemeSpecific,
	    malformedHost,
	    malformedScheme
	  }
	}

	/**
	 * @param {import ('./types/index').URIComponent|string} uri
	 * @param {import('./types/index').Options} [opts]
	 * @returns {string|undefined}
	 */
	function normalizeComparableURI (uri, opts) {
	  if (typeof uri !== 'string' && typeof uri !== 'object') {
	    return undefined
	  }

	  let value;
	  try {
	    value = typeof uri === 'string' ? uri : serialize(uri, opts);
	  } catch {
	    return undefined
	  }
	  const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
	  return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? undefined : normalized
	}

	const fastUri$1 = {
	  SCHEMES,
	  normalize,
	  resolve,
	  resolveComponent,
	  equal,
	  serialize,
	  parse
	};

	fastUri.exports = fastUri$1;
	fastUri.exports.default = fastUri$1;
	fastUri.exports.fastUri = fastUri$1;
	return fastUri.exports;
}

var hasRequiredUri;

function requireUri () {
	if (hasRequiredUri) return uri;
	hasRequiredUri = 1;
	Object.defineProperty(uri, "__esModule", { value: true });
	const uri$1 = requireFastUri();
	uri$1.code = 'require("ajv/dist/runtime/uri").default';
	uri.default = uri$1;
	
	return uri;
}

var hasRequiredCore$1;

function requireCore$1 () {
	if (hasRequiredCore$1) return core$1;
	hasRequiredCore$1 = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
		var validate_1 = /*@__PURE__*/ requireValidate();
		Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function () { return validate_1.KeywordCxt; } });
		var codegen_1 = /*@__PURE__*/ requireCodegen();
		Object.defineProperty(exports, "_", { enumerable: true, get: function () { return codegen_1._; } });
		Object.defineProperty(exports, "str", { enumerable: true, get: function () { return codegen_1.str; } });
		Object.defineProperty(exports, "stringify", { enumerable: true, get: function () { return codegen_1.stringify; } });
		Object.defineProperty(exports, "nil", { enumerable: true, get: function () { return codegen_1.nil; } });
		Object.defineProperty(exports, "Name", { enumerable: true, get: function () { return codegen_1.Name; } });
		Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function () { return codegen_1.CodeGen; } });
		const validation_error_1 = /*@__PURE__*/ requireValidation_error();
		const ref_error_1 = /*@__PURE__*/ requireRef_error();
		const rules_1 = /*@__PURE__*/ requireRules();
		const compile_1 = /*@__PURE__*/ requireCompile();
		const codegen_2 = /*@__PURE__*/ requireCodegen();
		const resolve_1 = /*@__PURE__*/ requireResolve();
		const dataType_1 = /*@__PURE__*/ requireDataType();
		const util_1 = /*@__PURE__*/ requireUtil();
		const $dataRefSchema = require$$9;
		const uri_1 = /*@__PURE__*/ requireUri();
		const defaultRegExp = (str, flags) => new RegExp(str, flags);
		defaultRegExp.code = "new RegExp";
		const META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
		const EXT_SCOPE_NAMES = new Set([
		    "validate",
		    "serialize",
		    "parse",
		    "wrapper",
		    "root",
		    "schema",
		    "keyword",
		    "pattern",
		    "formats",
		    "validate$data",
		    "func",
		    "obj",
		    "Error",
		]);
		const removedOptions = {
		    errorDataPath: "",
		    format: "`validateFormats: false` can be used instead.",
		    nullable: '"nullable" keyword is supported by default.',
		    jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
		    extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
		    missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
		    processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
		    sourceCode: "Use option `code: {source: true}`",
		    strictDefaults: "It is default now, see option `strict`.",
		    strictKeywords: "It is default now, see option `strict`.",
		    uniqueItems: '"uniqueItems" keyword is always validated.',
		    unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
		    cache: "Map is used as cache, schema object as key.",
		    serialize: "Map is used as cache, schema object as key.",
		    ajvErrors: "It is default now.",
		};
		const deprecatedOptions = {
		    ignoreKeywordsWithRef: "",
		    jsPropertySyntax: "",
		    unicode: '"minLength"/"maxLength" account for unicode characters by default.',
		};
		const MAX_EXPRESSION = 200;
		// eslint-disable-next-line complexity
		function requiredOptions(o) {
		    var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
		    const s = o.strict;
		    const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
		    const optimize = _optz === true || _optz === undefined ? 1 : _optz || 0;
		    const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
		    const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
		    return {
		        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
		        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
		        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
		        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
		        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
		        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
		        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
		        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
		        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
		        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
		        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
		        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
		        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
		        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
		        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
		        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
		        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
		        uriResolver: uriResolver,
		    };
		}
		class Ajv {
		    constructor(opts = {}) {
		        this.schemas = {};
		        this.refs = {};
		        this.formats = Object.create(null);
		        this._compilations = new Set();
		        this._loading = {};
		        this._cache = new Map();
		        opts = this.opts = { ...opts, ...requiredOptions(opts) };
		        const { es5, lines } = this.opts.code;
		        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
		        this.logger = getLogger(opts.logger);
		        const formatOpt = opts.validateFormats;
		        opts.validateFormats = false;
		        this.RULES = (0, rules_1.getRules)();
		        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
		        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
		        this._metaOpts = getMetaSchemaOptions.call(this);
		        if (opts.formats)
		            addInitialFormats.call(this);
		        this._addVocabularies();
		        this._addDefaultMetaSchema();
		        if (opts.keywords)
		            addInitialKeywords.call(this, opts.keywords);
		        if (typeof opts.meta == "object")
		            this.addMetaSchema(opts.meta);
		        addInitialSchemas.call(this);
		        opts.validateFormats = formatOpt;
		    }
		    _addVocabularies() {
		        this.addKeyword("$async");
		    }
		    _addDefaultMetaSchema() {
		        const { $data, meta, schemaId } = this.opts;
		        let _dataRefSchema = $dataRefSchema;
		        if (schemaId === "id") {
		            _dataRefSchema = { ...$dataRefSchema };
		            _dataRefSchema.id = _dataRefSchema.$id;
		            delete _dataRefSchema.$id;
		        }
		        if (meta && $data)
		            this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
		    }
		    defaultMeta() {
		        const { meta, schemaId } = this.opts;
		        return (this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : undefined);
		    }
		    validate(schemaKeyRef, // key, ref or schema object
		    // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
		    data // to be validated
		    ) {
		        let v;
		        if (typeof schemaKeyRef == "string") {
		            v = this.getSchema(schemaKeyRef);
		            if (!v)
		                throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
		        }
		        else {
		            v = this.compile(schemaKeyRef);
		        }
		        const valid = v(data);
		        if (!("$async" in v))
		            this.errors = v.errors;
		        return valid;
		    }
		    compile(schema, _meta) {
		        const sch = this._addSchema(schema, _meta);
		        return (sch.validate || this._compileSchemaEnv(sch));
		    }
		    compileAsync(schema, meta) {
		        if (typeof this.opts.loadSchema != "function") {
		            throw new Error("options.loadSchema should be a function");
		        }
		        const { loadSchema } = this.opts;
		        return runCompileAsync.call(this, schema, meta);
		        async function runCompileAsync(_schema, _meta) {
		            await loadMetaSchema.call(this, _schema.$schema);
		            const sch = this._addSchema(_schema, _meta);
		            return sch.validate || _compileAsync.call(this, sch);
		        }
		        async function loadMetaSchema($ref) {
		            if ($ref && !this.getSchema($ref)) {
		                await runCompileAsync.call(this, { $ref }, true);
		            }
		        }
		        async function _compileAsync(sch) {
		            try {
		                return this._compileSchemaEnv(sch);
		            }
		            catch (e) {
		                if (!(e instanceof ref_error_1.default))
		                    throw e;
		                checkLoaded.call(this, e);
		                await loadMissingSchema.call(this, e.missingSchema);
		                return _compileAsync.call(this, sch);
		            }
		        }
		        function checkLoaded({ missingSchema: ref, missingRef }) {
		            if (this.refs[ref]) {
		                throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
		            }
		        }
		        async function loadMissingSchema(ref) {
		            const _schema = await _loadSchema.call(this, ref);
		            if (!this.refs[ref])
		                await loadMetaSchema.call(this, _schema.$schema);
		            if (!this.refs[ref])
		                this.addSchema(_schema, ref, meta);
		        }
		        async function _loadSchema(ref) {
		            const p = this._loading[ref];
		            if (p)
		                return p;
		            try {
		                return await (this._loading[ref] = loadSchema(ref));
		            }
		            finally {
		                delete this._loading[ref];
		            }
		        }
		    }
		    // Adds schema to the instance
		    addSchema(schema, // If array is passed, `key` will be ignored
		    key, // Optional schema key. Can be passed to `validate` method instead of schema object or id/ref. One schema per instance can have empty `id` and `key`.
		    _meta, // true if schema is a meta-schema. Used internally, addMetaSchema should be used instead.
		    _validateSchema = this.opts.validateSchema // false to skip schema validation. Used internally, option validateSchema should be used instead.
		    ) {
		        if (Array.isArray(schema)) {
		            for (const sch of schema)
		                this.addSchema(sch, undefined, _meta, _validateSchema);
		            return this;
		        }
		        let id;
		        if (typeof schema === "object") {
		            const { schemaId } = this.opts;
		            id = schema[schemaId];
		            if (id !== undefined && typeof id != "string") {
		                throw new Error(`schema ${schemaId} must be string`);
		            }
		        }
		        key = (0, resolve_1.normalizeId)(key || id);
		        this._checkUnique(key);
		        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
		        return this;
		    }
		    // Add schema that will be used to validate other schemas
		    // options in META_IGNORE_OPTIONS are alway set to false
		    addMetaSchema(schema, key, // schema key
		    _validateSchema = this.opts.validateSchema // false to skip schema validation, can be used to override validateSchema option for meta-schema
		    ) {
		        this.addSchema(schema, key, true, _validateSchema);
		        return this;
		    }
		    //  Validate schema against its meta-schema
		    validateSchema(schema, throwOrLogError) {
		        if (typeof schema == "boolean")
		            return true;
		        let $schema;
		        $schema = schema.$schema;
		        if ($schema !== undefined && typeof $schema != "string") {
		            throw new Error("$schema must be a string");
		        }
		        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
		        if (!$schema) {
		            this.logger.warn("meta-schema not available");
		            this.errors = null;
		            return true;
		        }
		        const valid = this.validate($schema, schema);
		        if (!valid && throwOrLogError) {
		            const message = "schema is invalid: " + this.errorsText();
		            if (this.opts.validateSchema === "log")
		                this.logger.error(message);
		            else
		                throw new Error(message);
		        }
		        return valid;
		    }
		    // Get compiled schema by `key` or `ref`.
		    // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
		    getSchema(keyRef) {
		        let sch;
		        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
		            keyRef = sch;
		        if (sch === undefined) {
		            const { schemaId } = this.opts;
		            const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
		            sch = compile_1.resolveSchema.call(this, root, keyRef);
		            if (!sch)
		                return;
		            this.refs[keyRef] = sch;
		        }
		        return (sch.validate || this._compileSchemaEnv(sch));
		    }
		    // Remove cached schema(s).
		    // If no parameter is passed all schemas but meta-schemas are removed.
		    // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
		    // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
		    removeSchema(schemaKeyRef) {
		        if (schemaKeyRef instanceof RegExp) {
		            this._removeAllSchemas(this.schemas, schemaKeyRef);
		            this._removeAllSchemas(this.refs, schemaKeyRef);
		            return this;
		        }
		        switch (typeof schemaKeyRef) {
		            case "undefined":
		                this._removeAllSchemas(this.schemas);
		                this._removeAllSchemas(this.refs);
		                this._cache.clear();
		                return this;
		            case "string": {
		                const sch = getSchEnv.call(this, schemaKeyRef);
		                if (typeof sch == "object")
		                    this._cache.delete(sch.schema);
		                delete this.schemas[schemaKeyRef];
		                delete this.refs[schemaKeyRef];
		                return this;
		            }
		            case "object": {
		                const cacheKey = schemaKeyRef;
		                this._cache.delete(cacheKey);
		                let id = schemaKeyRef[this.opts.schemaId];
		                if (id) {
		                    id = (0, resolve_1.normalizeId)(id);
		                    delete this.schemas[id];
		                    delete this.refs[id];
		                }
		                return this;
		            }
		            default:
		                throw new Error("ajv.removeSchema: invalid parameter");
		        }
		    }
		    // add "vocabulary" - a collection of keywords
		    addVocabulary(definitions) {
		        for (const def of definitions)
		            this.addKeyword(def);
		        return this;
		    }
		    addKeyword(kwdOrDef, def // deprecated
		    ) {
		        let keyword;
		        if (typeof kwdOrDef == "string") {
		            keyword = kwdOrDef;
		            if (typeof def == "object") {
		                this.logger.warn("these parameters are deprecated, see docs for addKeyword");
		                def.keyword = keyword;
		            }
		        }
		        else if (typeof kwdOrDef == "object" && def === undefined) {
		            def = kwdOrDef;
		            keyword = def.keyword;
		            if (Array.isArray(keyword) && !keyword.length) {
		                throw new Error("addKeywords: keyword must be string or non-empty array");
		            }
		        }
		        else {
		            throw new Error("invalid addKeywords parameters");
		        }
		        checkKeyword.call(this, keyword, def);
		        if (!def) {
		            (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
		            return this;
		        }
		        keywordMetaschema.call(this, def);
		        const definition = {
		            ...def,
		            type: (0, dataType_1.getJSONTypes)(def.type),
		            schemaType: (0, dataType_1.getJSONTypes)(def.schemaType),
		        };
		        (0, util_1.eachItem)(keyword, definition.type.length === 0
		            ? (k) => addRule.call(this, k, definition)
		            : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
		        return this;
		    }
		    getKeyword(keyword) {
		        const rule = this.RULES.all[keyword];
		        return typeof rule == "object" ? rule.definition : !!rule;
		    }
		    // Remove keyword
		    removeKeyword(keyword) {
		        // TODO return type should be Ajv
		        const { RULES } = this;
		        delete RULES.keywords[keyword];
		        delete RULES.all[keyword];
		        for (const group of RULES.rules) {
		            const i = group.rules.findIndex((rule) => rule.keyword === keyword);
		            if (i >= 0)
		                group.rules.splice(i, 1);
		        }
		        return this;
		    }
		    // Add format
		    addFormat(name, format) {
		        if (typeof format == "string")
		            format = new RegExp(format);
		        this.formats[name] = format;
		        return this;
		    }
		    errorsText(errors = this.errors, // optional array of validation errors
		    { separator = ", ", dataVar = "data" } = {} // optional options with properties `separator` and `dataVar`
		    ) {
		        if (!errors || errors.length === 0)
		            return "No errors";
		        return errors
		            .map((e) => `${dataVar}${e.instancePath} ${e.message}`)
		            .reduce((text, msg) => text + separator + msg);
		    }
		    $dataMetaSchema(metaSchema, keywordsJsonPointers) {
		        const rules = this.RULES.all;
		        metaSchema = JSON.parse(JSON.stringify(metaSchema));
		        for (const jsonPointer of keywordsJsonPointers) {
		            const segments = jsonPointer.split("/").slice(1); // first segment is an empty string
		            let keywords = metaSchema;
		            for (const seg of segments)
		                keywords = keywords[seg];
		            for (const key in rules) {
		                const rule = rules[key];
		                if (typeof rule != "object")
		                    continue;
		                const { $data } = rule.definition;
		                const schema = keywords[key];
		                if ($data && schema)
		                    keywords[key] = schemaOrData(schema);
		            }
		        }
		        return metaSchema;
		    }
		    _removeAllSchemas(schemas, regex) {
		        for (const keyRef in schemas) {
		            const sch = schemas[keyRef];
		            if (!regex || regex.test(keyRef)) {
		                if (typeof sch == "string") {
		                    delete schemas[keyRef];
		                }
		                else if (sch && !sch.meta) {
		                    this._cache.delete(sch.schema);
		                    delete schemas[keyRef];
		                }
		            }
		        }
		    }
		    _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
		        let id;
		        const { schemaId } = this.opts;
		        if (typeof schema == "object") {
		            id = schema[schemaId];
		        }
		        else {
		            if (this.opts.jtd)
		                throw new Error("schema must be object");
		            else if (typeof schema != "boolean")
		                throw new Error("schema must be object or boolean");
		        }
		        let sch = this._cache.get(schema);
		        if (sch !== undefined)
		            return sch;
		        baseId = (0, resolve_1.normalizeId)(id || baseId);
		        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
		        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
		        this._cache.set(sch.schema, sch);
		        if (addSchema && !baseId.startsWith("#")) {
		            // TODO atm it is allowed to overwrite schemas without id (instead of not adding them)
		            if (baseId)
		                this._checkUnique(baseId);
		            this.refs[baseId] = sch;
		        }
		        if (validateSchema)
		            this.validateSchema(schema, true);
		        return sch;
		    }
		    _checkUnique(id) {
		        if (this.schemas[id] || this.refs[id]) {
		            throw new Error(`schema with key or id "${id}" already exists`);
		        }
		    }
		    _compileSchemaEnv(sch) {
		        if (sch.meta)
		            this._compileMetaSchema(sch);
		        else
		            compile_1.compileSchema.call(this, sch);
		        /* istanbul ignore if */
		        if (!sch.validate)
		            throw new Error("ajv implementation error");
		        return sch.validate;
		    }
		    _compileMetaSchema(sch) {
		        const currentOpts = this.opts;
		        this.opts = this._metaOpts;
		        try {
		            compile_1.compileSchema.call(this, sch);
		        }
		        finally {
		            this.opts = currentOpts;
		        }
		    }
		}
		Ajv.ValidationError = validation_error_1.default;
		Ajv.MissingRefError = ref_error_1.default;
		exports.default = Ajv;
		function checkOptions(checkOpts, options, msg, log = "error") {
		    for (const key in checkOpts) {
		        const opt = key;
		        if (opt in options)
		            this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
		    }
		}
		function getSchEnv(keyRef) {
		    keyRef = (0, resolve_1.normalizeId)(keyRef); // TODO tests fail without this line
		    return this.schemas[keyRef] || this.refs[keyRef];
		}
		function addInitialSchemas() {
		    const optsSchemas = this.opts.schemas;
		    if (!optsSchemas)
		        return;
		    if (Array.isArray(optsSchemas))
		        this.addSchema(optsSchemas);
		    else
		        for (const key in optsSchemas)
		            this.addSchema(optsSchemas[key], key);
		}
		function addInitialFormats() {
		    for (const name in this.opts.formats) {
		        const format = this.opts.formats[name];
		        if (format)
		            this.addFormat(name, format);
		    }
		}
		function addInitialKeywords(defs) {
		    if (Array.isArray(defs)) {
		        this.addVocabulary(defs);
		        return;
		    }
		    this.logger.warn("keywords option as map is deprecated, pass array");
		    for (const keyword in defs) {
		        const def = defs[keyword];
		        if (!def.keyword)
		            def.keyword = keyword;
		        this.addKeyword(def);
		    }
		}
		function getMetaSchemaOptions() {
		    const metaOpts = { ...this.opts };
		    for (const opt of META_IGNORE_OPTIONS)
		        delete metaOpts[opt];
		    return metaOpts;
		}
		const noLogs = { log() { }, warn() { }, error() { } };
		function getLogger(logger) {
		    if (logger === false)
		        return noLogs;
		    if (logger === undefined)
		        return console;
		    if (logger.log && logger.warn && logger.error)
		        return logger;
		    throw new Error("logger must implement log, warn and error methods");
		}
		const KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
		function checkKeyword(keyword, def) {
		    const { RULES } = this;
		    (0, util_1.eachItem)(keyword, (kwd) => {
		        if (RULES.keywords[kwd])
		            throw new Error(`Keyword ${kwd} is already defined`);
		        if (!KEYWORD_NAME.test(kwd))
		            throw new Error(`Keyword ${kwd} has invalid name`);
		    });
		    if (!def)
		        return;
		    if (def.$data && !("code" in def || "validate" in def)) {
		        throw new Error('$data keyword must have "code" or "validate" function');
		    }
		}
		function addRule(keyword, definition, dataType) {
		    var _a;
		    const post = definition === null || definition === void 0 ? void 0 : definition.post;
		    if (dataType && post)
		        throw new Error('keyword with "post" flag cannot have "type"');
		    const { RULES } = this;
		    let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
		    if (!ruleGroup) {
		        ruleGroup = { type: dataType, rules: [] };
		        RULES.rules.push(ruleGroup);
		    }
		    RULES.keywords[keyword] = true;
		    if (!definition)
		        return;
		    const rule = {
		        keyword,
		        definition: {
		            ...definition,
		            type: (0, dataType_1.getJSONTypes)(definition.type),
		            schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType),
		        },
		    };
		    if (definition.before)
		        addBeforeRule.call(this, ruleGroup, rule, definition.before);
		    else
		        ruleGroup.rules.push(rule);
		    RULES.all[keyword] = rule;
		    (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
		}
		function addBeforeRule(ruleGroup, rule, before) {
		    const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
		    if (i >= 0) {
		        ruleGroup.rules.splice(i, 0, rule);
		    }
		    else {
		        ruleGroup.rules.push(rule);
		        this.logger.warn(`rule ${before} is not defined`);
		    }
		}
		function keywordMetaschema(def) {
		    let { metaSchema } = def;
		    if (metaSchema === undefined)
		        return;
		    if (def.$data && this.opts.$data)
		        metaSchema = schemaOrData(metaSchema);
		    def.validateSchema = this.compile(metaSchema, true);
		}
		const $dataRef = {
		    $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
		};
		function schemaOrData(schema) {
		    return { anyOf: [schema, $dataRef] };
		}
		
	} (core$1));
	return core$1;
}

var draft7 = {};

var core = {};

var id = {};

var hasRequiredId;

function requireId () {
	if (hasRequiredId) return id;
	hasRequiredId = 1;
	Object.defineProperty(id, "__esModule", { value: true });
	const def = {
	    keyword: "id",
	    code() {
	        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
	    },
	};
	id.default = def;
	
	return id;
}

var ref = {};

var hasRequiredRef;

function requireRef () {
	if (hasRequiredRef) return ref;
	hasRequiredRef = 1;
	Object.defineProperty(ref, "__esModule", { value: true });
	ref.callRef = ref.getValidate = void 0;
	const ref_error_1 = /*@__PURE__*/ requireRef_error();
	const code_1 = /*@__PURE__*/ requireCode();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const compile_1 = /*@__PURE__*/ requireCompile();
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: "$ref",
	    schemaType: "string",
	    code(cxt) {
	        const { gen, schema: $ref, it } = cxt;
	        const { baseId, schemaEnv: env, validateName, opts, self } = it;
	        const { root } = env;
	        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
	            return callRootRef();
	        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
	        if (schOrEnv === undefined)
	            throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
	        if (schOrEnv instanceof compile_1.SchemaEnv)
	            return callValidate(schOrEnv);
	        return inlineRefSchema(schOrEnv);
	        function callRootRef() {
	            if (env === root)
	                return callRef(cxt, validateName, env, env.$async);
	            const rootName = gen.scopeValue("root", { ref: root });
	            return callRef(cxt, (0, codegen_1._) `${rootName}.validate`, root, root.$async);
	        }
	        function callValidate(sch) {
	            const v = getValidate(cxt, sch);
	            callRef(cxt, v, sch, sch.$async);
	        }
	        function inlineRefSchema(sch) {
	            const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
	            const valid = gen.name("valid");
	            const schCxt = cxt.subschema({
	                schema: sch,
	                dataTypes: [],
	                schemaPath: codegen_1.nil,
	                topSchemaRef: schName,
	                errSchemaPath: $ref,
	            }, valid);
	            cxt.mergeEvaluated(schCxt);
	            cxt.ok(valid);
	        }
	    },
	};
	function getValidate(cxt, sch) {
	    const { gen } = cxt;
	    return sch.validate
	        ? gen.scopeValue("validate", { ref: sch.validate })
	        : (0, codegen_1._) `${gen.scopeValue("wrapper", { ref: sch })}.validate`;
	}
	ref.getValidate = getValidate;
	function callRef(cxt, v, sch, $async) {
	    const { gen, it } = cxt;
	    const { allErrors, schemaEnv: env, opts } = it;
	    const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
	    if ($async)
	        callAsyncRef();
	    else
	        callSyncRef();
	    function callAsyncRef() {
	        if (!env.$async)
	            throw new Error("async schema referenced by sync schema");
	        const valid = gen.let("valid");
	        gen.try(() => {
	            gen.code((0, codegen_1._) `await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
	            addEvaluatedFrom(v); // TODO will not work with async, it has to be returned with the result
	            if (!allErrors)
	                gen.assign(valid, true);
	        }, (e) => {
	            gen.if((0, codegen_1._) `!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
	            addErrorsFrom(e);
	            if (!allErrors)
	                gen.assign(valid, false);
	        });
	        cxt.ok(valid);
	    }
	    function callSyncRef() {
	        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
	    }
	    function addErrorsFrom(source) {
	        const errs = (0, codegen_1._) `${source}.errors`;
	        gen.assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`); // TODO tagged
	        gen.assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
	    }
	    function addEvaluatedFrom(source) {
	        var _a;
	        if (!it.opts.unevaluated)
	            return;
	        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
	        // TODO refactor
	        if (it.props !== true) {
	            if (schEvaluated && !schEvaluated.dynamicProps) {
	                if (schEvaluated.props !== undefined) {
	                    it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
	                }
	            }
	            else {
	                const props = gen.var("props", (0, codegen_1._) `${source}.evaluated.props`);
	                it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
	            }
	        }
	        if (it.items !== true) {
	            if (schEvaluated && !schEvaluated.dynamicItems) {
	                if (schEvaluated.items !== undefined) {
	                    it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
	                }
	            }
	            else {
	                const items = gen.var("items", (0, codegen_1._) `${source}.evaluated.items`);
	                it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
	            }
	        }
	    }
	}
	ref.callRef = callRef;
	ref.default = def;
	
	return ref;
}

var hasRequiredCore;

function requireCore () {
	if (hasRequiredCore) return core;
	hasRequiredCore = 1;
	Object.defineProperty(core, "__esModule", { value: true });
	const id_1 = /*@__PURE__*/ requireId();
	const ref_1 = /*@__PURE__*/ requireRef();
	const core$1 = [
	    "$schema",
	    "$id",
	    "$defs",
	    "$vocabulary",
	    { keyword: "$comment" },
	    "definitions",
	    id_1.default,
	    ref_1.default,
	];
	core.default = core$1;
	
	return core;
}

var validation = {};

var limitNumber = {};

var hasRequiredLimitNumber;

function requireLimitNumber () {
	if (hasRequiredLimitNumber) return limitNumber;
	hasRequiredLimitNumber = 1;
	Object.defineProperty(limitNumber, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const ops = codegen_1.operators;
	const KWDs = {
	    maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
	    minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
	    exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
	    exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE },
	};
	const error = {
	    message: ({ keyword, schemaCode }) => (0, codegen_1.str) `must be ${KWDs[keyword].okStr} ${schemaCode}`,
	    params: ({ keyword, schemaCode }) => (0, codegen_1._) `{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`,
	};
	const def = {
	    keyword: Object.keys(KWDs),
	    type: "number",
	    schemaType: "number",
	    $data: true,
	    error,
	    code(cxt) {
	        const { keyword, data, schemaCode } = cxt;
	        cxt.fail$data((0, codegen_1._) `${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
	    },
	};
	limitNumber.default = def;
	
	return limitNumber;
}

var multipleOf = {};

var hasRequiredMultipleOf;

function requireMultipleOf () {
	if (hasRequiredMultipleOf) return multipleOf;
	hasRequiredMultipleOf = 1;
	Object.defineProperty(multipleOf, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const error = {
	    message: ({ schemaCode }) => (0, codegen_1.str) `must be multiple of ${schemaCode}`,
	    params: ({ schemaCode }) => (0, codegen_1._) `{multipleOf: ${schemaCode}}`,
	};
	const def = {
	    keyword: "multipleOf",
	    type: "number",
	    schemaType: "number",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, data, schemaCode, it } = cxt;
	        // const bdt = bad$DataType(schemaCode, <string>def.schemaType, $data)
	        const prec = it.opts.multipleOfPrecision;
	        const res = gen.let("res");
	        const invalid = prec
	            ? (0, codegen_1._) `Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}`
	            : (0, codegen_1._) `${res} !== parseInt(${res})`;
	        cxt.fail$data((0, codegen_1._) `(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
	    },
	};
	multipleOf.default = def;
	
	return multipleOf;
}

var limitLength = {};

var ucs2length = {};

var hasRequiredUcs2length;

function requireUcs2length () {
	if (hasRequiredUcs2length) return ucs2length;
	hasRequiredUcs2length = 1;
	Object.defineProperty(ucs2length, "__esModule", { value: true });
	// https://mathiasbynens.be/notes/javascript-encoding
	// https://github.com/bestiejs/punycode.js - punycode.ucs2.decode
	function ucs2length$1(str) {
	    const len = str.length;
	    let length = 0;
	    let pos = 0;
	    let value;
	    while (pos < len) {
	        length++;
	        value = str.charCodeAt(pos++);
	        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
	            // high surrogate, and there is a next character
	            value = str.charCodeAt(pos);
	            if ((value & 0xfc00) === 0xdc00)
	                pos++; // low surrogate
	        }
	    }
	    return length;
	}
	ucs2length.default = ucs2length$1;
	ucs2length$1.code = 'require("ajv/dist/runtime/ucs2length").default';
	
	return ucs2length;
}

var hasRequiredLimitLength;

function requireLimitLength () {
	if (hasRequiredLimitLength) return limitLength;
	hasRequiredLimitLength = 1;
	Object.defineProperty(limitLength, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const ucs2length_1 = /*@__PURE__*/ requireUcs2length();
	const error = {
	    message({ keyword, schemaCode }) {
	        const comp = keyword === "maxLength" ? "more" : "fewer";
	        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} characters`;
	    },
	    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
	};
	const def = {
	    keyword: ["maxLength", "minLength"],
	    type: "string",
	    schemaType: "number",
	    $data: true,
	    error,
	    code(cxt) {
	        const { keyword, data, schemaCode, it } = cxt;
	        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
	        const len = it.opts.unicode === false ? (0, codegen_1._) `${data}.length` : (0, codegen_1._) `${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
	        cxt.fail$data((0, codegen_1._) `${len} ${op} ${schemaCode}`);
	    },
	};
	limitLength.default = def;
	
	return limitLength;
}

var pattern = {};

var hasRequiredPattern;

function requirePattern () {
	if (hasRequiredPattern) return pattern;
	hasRequiredPattern = 1;
	Object.defineProperty(pattern, "__esModule", { value: true });
	const code_1 = /*@__PURE__*/ requireCode();
	const util_1 = /*@__PURE__*/ requireUtil();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const error = {
	    message: ({ schemaCode }) => (0, codegen_1.str) `must match pattern "${schemaCode}"`,
	    params: ({ schemaCode }) => (0, codegen_1._) `{pattern: ${schemaCode}}`,
	};
	const def = {
	    keyword: "pattern",
	    type: "string",
	    schemaType: "string",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, data, $data, schema, schemaCode, it } = cxt;
	        const u = it.opts.unicodeRegExp ? "u" : "";
	        if ($data) {
	            const { regExp } = it.opts.code;
	            const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._) `new RegExp` : (0, util_1.useFunc)(gen, regExp);
	            const valid = gen.let("valid");
	            gen.try(() => gen.assign(valid, (0, codegen_1._) `${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
	            cxt.fail$data((0, codegen_1._) `!${valid}`);
	        }
	        else {
	            const regExp = (0, code_1.usePattern)(cxt, schema);
	            cxt.fail$data((0, codegen_1._) `!${regExp}.test(${data})`);
	        }
	    },
	};
	pattern.default = def;
	
	return pattern;
}

var limitProperties = {};

var hasRequiredLimitProperties;

function requireLimitProperties () {
	if (hasRequiredLimitProperties) return limitProperties;
	hasRequiredLimitProperties = 1;
	Object.defineProperty(limitProperties, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const error = {
	    message({ keyword, schemaCode }) {
	        const comp = keyword === "maxProperties" ? "more" : "fewer";
	        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} properties`;
	    },
	    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
	};
	const def = {
	    keyword: ["maxProperties", "minProperties"],
	    type: "object",
	    schemaType: "number",
	    $data: true,
	    error,
	    code(cxt) {
	        const { keyword, data, schemaCode } = cxt;
	        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
	        cxt.fail$data((0, codegen_1._) `Object.keys(${data}).length ${op} ${schemaCode}`);
	    },
	};
	limitProperties.default = def;
	
	return limitProperties;
}

var required$1 = {};

var hasRequiredRequired;

function requireRequired () {
	if (hasRequiredRequired) return required$1;
	hasRequiredRequired = 1;
	Object.defineProperty(required$1, "__esModule", { value: true });
	const code_1 = /*@__PURE__*/ requireCode();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params: { missingProperty } }) => (0, codegen_1.str) `must have required property '${missingProperty}'`,
	    params: ({ params: { missingProperty } }) => (0, codegen_1._) `{missingProperty: ${missingProperty}}`,
	};
	const def = {
	    keyword: "required",
	    type: "object",
	    schemaType: "array",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, schema, schemaCode, data, $data, it } = cxt;
	        const { opts } = it;
	        if (!$data && schema.length === 0)
	            return;
	        const useLoop = schema.length >= opts.loopRequired;
	        if (it.allErrors)
	            allErrorsMode();
	        else
	            exitOnErrorMode();
	        if (opts.strictRequired) {
	            const props = cxt.parentSchema.properties;
	            const { definedProperties } = cxt.it;
	            for (const requiredKey of schema) {
	                if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === undefined && !definedProperties.has(requiredKey)) {
	                    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
	                    const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
	                    (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
	                }
	            }
	        }
	        function allErrorsMode() {
	            if (useLoop || $data) {
	                cxt.block$data(codegen_1.nil, loopAllRequired);
	            }
	            else {
	                for (const prop of schema) {
	                    (0, code_1.checkReportMissingProp)(cxt, prop);
	                }
	            }
	        }
	        function exitOnErrorMode() {
	            const missing = gen.let("missing");
	            if (useLoop || $data) {
	                const valid = gen.let("valid", true);
	                cxt.block$data(valid, () => loopUntilMissing(missing, valid));
	                cxt.ok(valid);
	            }
	            else {
	                gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
	                (0, code_1.reportMissingProp)(cxt, missing);
	                gen.else();
	            }
	        }
	        function loopAllRequired() {
	            gen.forOf("prop", schemaCode, (prop) => {
	                cxt.setParams({ missingProperty: prop });
	                gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
	            });
	        }
	        function loopUntilMissing(missing, valid) {
	            cxt.setParams({ missingProperty: missing });
	            gen.forOf(missing, schemaCode, () => {
	                gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
	                gen.if((0, codegen_1.not)(valid), () => {
	                    cxt.error();
	                    gen.break();
	                });
	            }, codegen_1.nil);
	        }
	    },
	};
	required$1.default = def;
	
	return required$1;
}

var limitItems = {};

var hasRequiredLimitItems;

function requireLimitItems () {
	if (hasRequiredLimitItems) return limitItems;
	hasRequiredLimitItems = 1;
	Object.defineProperty(limitItems, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const error = {
	    message({ keyword, schemaCode }) {
	        const comp = keyword === "maxItems" ? "more" : "fewer";
	        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} items`;
	    },
	    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
	};
	const def = {
	    keyword: ["maxItems", "minItems"],
	    type: "array",
	    schemaType: "number",
	    $data: true,
	    error,
	    code(cxt) {
	        const { keyword, data, schemaCode } = cxt;
	        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
	        cxt.fail$data((0, codegen_1._) `${data}.length ${op} ${schemaCode}`);
	    },
	};
	limitItems.default = def;
	
	return limitItems;
}

var uniqueItems$1 = {};

var equal = {};

var hasRequiredEqual;

function requireEqual () {
	if (hasRequiredEqual) return equal;
	hasRequiredEqual = 1;
	Object.defineProperty(equal, "__esModule", { value: true });
	// https://github.com/ajv-validator/ajv/issues/889
	const equal$1 = requireFastDeepEqual();
	equal$1.code = 'require("ajv/dist/runtime/equal").default';
	equal.default = equal$1;
	
	return equal;
}

var hasRequiredUniqueItems;

function requireUniqueItems () {
	if (hasRequiredUniqueItems) return uniqueItems$1;
	hasRequiredUniqueItems = 1;
	Object.defineProperty(uniqueItems$1, "__esModule", { value: true });
	const dataType_1 = /*@__PURE__*/ requireDataType();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const equal_1 = /*@__PURE__*/ requireEqual();
	const error = {
	    message: ({ params: { i, j } }) => (0, codegen_1.str) `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
	    params: ({ params: { i, j } }) => (0, codegen_1._) `{i: ${i}, j: ${j}}`,
	};
	const def = {
	    keyword: "uniqueItems",
	    type: "array",
	    schemaType: "boolean",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
	        if (!$data && !schema)
	            return;
	        const valid = gen.let("valid");
	        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
	        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._) `${schemaCode} === false`);
	        cxt.ok(valid);
	        function validateUniqueItems() {
	            const i = gen.let("i", (0, codegen_1._) `${data}.length`);
	            const j = gen.let("j");
	            cxt.setParams({ i, j });
	            gen.assign(valid, true);
	            gen.if((0, codegen_1._) `${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
	        }
	        function canOptimize() {
	            return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
	        }
	        function loopN(i, j) {
	            const item = gen.name("item");
	            const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
	            const indices = gen.const("indices", (0, codegen_1._) `{}`);
	            gen.for((0, codegen_1._) `;${i}--;`, () => {
	                gen.let(item, (0, codegen_1._) `${data}[${i}]`);
	                gen.if(wrongType, (0, codegen_1._) `continue`);
	                if (itemTypes.length > 1)
	                    gen.if((0, codegen_1._) `typeof ${item} == "string"`, (0, codegen_1._) `${item} += "_"`);
	                gen
	                    .if((0, codegen_1._) `typeof ${indices}[${item}] == "number"`, () => {
	                    gen.assign(j, (0, codegen_1._) `${indices}[${item}]`);
	                    cxt.error();
	                    gen.assign(valid, false).break();
	                })
	                    .code((0, codegen_1._) `${indices}[${item}] = ${i}`);
	            });
	        }
	        function loopN2(i, j) {
	            const eql = (0, util_1.useFunc)(gen, equal_1.default);
	            const outer = gen.name("outer");
	            gen.label(outer).for((0, codegen_1._) `;${i}--;`, () => gen.for((0, codegen_1._) `${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._) `${eql}(${data}[${i}], ${data}[${j}])`, () => {
	                cxt.error();
	                gen.assign(valid, false).break(outer);
	            })));
	        }
	    },
	};
	uniqueItems$1.default = def;
	
	return uniqueItems$1;
}

var _const = {};

var hasRequired_const;

function require_const () {
	if (hasRequired_const) return _const;
	hasRequired_const = 1;
	Object.defineProperty(_const, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const equal_1 = /*@__PURE__*/ requireEqual();
	const error = {
	    message: "must be equal to constant",
	    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValue: ${schemaCode}}`,
	};
	const def = {
	    keyword: "const",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, data, $data, schemaCode, schema } = cxt;
	        if ($data || (schema && typeof schema == "object")) {
	            cxt.fail$data((0, codegen_1._) `!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
	        }
	        else {
	            cxt.fail((0, codegen_1._) `${schema} !== ${data}`);
	        }
	    },
	};
	_const.default = def;
	
	return _const;
}

var _enum = {};

var hasRequired_enum;

function require_enum () {
	if (hasRequired_enum) return _enum;
	hasRequired_enum = 1;
	Object.defineProperty(_enum, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const equal_1 = /*@__PURE__*/ requireEqual();
	const error = {
	    message: "must be equal to one of the allowed values",
	    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValues: ${schemaCode}}`,
	};
	const def = {
	    keyword: "enum",
	    schemaType: "array",
	    $data: true,
	    error,
	    code(cxt) {
	        const { gen, data, $data, schema, schemaCode, it } = cxt;
	        if (!$data && schema.length === 0)
	            throw new Error("enum must have non-empty array");
	        const useLoop = schema.length >= it.opts.loopEnum;
	        let eql;
	        const getEql = () => (eql !== null && eql !== void 0 ? eql : (eql = (0, util_1.useFunc)(gen, equal_1.default)));
	        let valid;
	        if (useLoop || $data) {
	            valid = gen.let("valid");
	            cxt.block$data(valid, loopEnum);
	        }
	        else {
	            /* istanbul ignore if */
	            if (!Array.isArray(schema))
	                throw new Error("ajv implementation error");
	            const vSchema = gen.const("vSchema", schemaCode);
	            valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
	        }
	        cxt.pass(valid);
	        function loopEnum() {
	            gen.assign(valid, false);
	            gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._) `${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
	        }
	        function equalCode(vSchema, i) {
	            const sch = schema[i];
	            return typeof sch === "object" && sch !== null
	                ? (0, codegen_1._) `${getEql()}(${data}, ${vSchema}[${i}])`
	                : (0, codegen_1._) `${data} === ${sch}`;
	        }
	    },
	};
	_enum.default = def;
	
	return _enum;
}

var hasRequiredValidation;

function requireValidation () {
	if (hasRequiredValidation) return validation;
	hasRequiredValidation = 1;
	Object.defineProperty(validation, "__esModule", { value: true });
	const limitNumber_1 = /*@__PURE__*/ requireLimitNumber();
	const multipleOf_1 = /*@__PURE__*/ requireMultipleOf();
	const limitLength_1 = /*@__PURE__*/ requireLimitLength();
	const pattern_1 = /*@__PURE__*/ requirePattern();
	const limitProperties_1 = /*@__PURE__*/ requireLimitProperties();
	const required_1 = /*@__PURE__*/ requireRequired();
	const limitItems_1 = /*@__PURE__*/ requireLimitItems();
	const uniqueItems_1 = /*@__PURE__*/ requireUniqueItems();
	const const_1 = /*@__PURE__*/ require_const();
	const enum_1 = /*@__PURE__*/ require_enum();
	const validation$1 = [
	    // number
	    limitNumber_1.default,
	    multipleOf_1.default,
	    // string
	    limitLength_1.default,
	    pattern_1.default,
	    // object
	    limitProperties_1.default,
	    required_1.default,
	    // array
	    limitItems_1.default,
	    uniqueItems_1.default,
	    // any
	    { keyword: "type", schemaType: ["string", "array"] },
	    { keyword: "nullable", schemaType: "boolean" },
	    const_1.default,
	    enum_1.default,
	];
	validation.default = validation$1;
	
	return validation;
}

var applicator = {};

var additionalItems = {};

var hasRequiredAdditionalItems;

function requireAdditionalItems () {
	if (hasRequiredAdditionalItems) return additionalItems;
	hasRequiredAdditionalItems = 1;
	Object.defineProperty(additionalItems, "__esModule", { value: true });
	additionalItems.validateAdditionalItems = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
	    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
	};
	const def = {
	    keyword: "additionalItems",
	    type: "array",
	    schemaType: ["boolean", "object"],
	    before: "uniqueItems",
	    error,
	    code(cxt) {
	        const { parentSchema, it } = cxt;
	        const { items } = parentSchema;
	        if (!Array.isArray(items)) {
	            (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
	            return;
	        }
	        validateAdditionalItems(cxt, items);
	    },
	};
	function validateAdditionalItems(cxt, items) {
	    const { gen, schema, data, keyword, it } = cxt;
	    it.items = true;
	    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
	    if (schema === false) {
	        cxt.setParams({ len: items.length });
	        cxt.pass((0, codegen_1._) `${len} <= ${items.length}`);
	    }
	    else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
	        const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items.length}`); // TODO var
	        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
	        cxt.ok(valid);
	    }
	    function validateItems(valid) {
	        gen.forRange("i", items.length, len, (i) => {
	            cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
	            if (!it.allErrors)
	                gen.if((0, codegen_1.not)(valid), () => gen.break());
	        });
	    }
	}
	additionalItems.validateAdditionalItems = validateAdditionalItems;
	additionalItems.default = def;
	
	return additionalItems;
}

var prefixItems = {};

var items = {};

var hasRequiredItems;

function requireItems () {
	if (hasRequiredItems) return items;
	hasRequiredItems = 1;
	Object.defineProperty(items, "__esModule", { value: true });
	items.validateTuple = void 0;
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const code_1 = /*@__PURE__*/ requireCode();
	const def = {
	    keyword: "items",
	    type: "array",
	    schemaType: ["object", "array", "boolean"],
	    before: "uniqueItems",
	    code(cxt) {
	        const { schema, it } = cxt;
	        if (Array.isArray(schema))
	            return validateTuple(cxt, "additionalItems", schema);
	        it.items = true;
	        if ((0, util_1.alwaysValidSchema)(it, schema))
	            return;
	        cxt.ok((0, code_1.validateArray)(cxt));
	    },
	};
	function validateTuple(cxt, extraItems, schArr = cxt.schema) {
	    const { gen, parentSchema, data, keyword, it } = cxt;
	    checkStrictTuple(parentSchema);
	    if (it.opts.unevaluated && schArr.length && it.items !== true) {
	        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
	    }
	    const valid = gen.name("valid");
	    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
	    schArr.forEach((sch, i) => {
	        if ((0, util_1.alwaysValidSchema)(it, sch))
	            return;
	        gen.if((0, codegen_1._) `${len} > ${i}`, () => cxt.subschema({
	            keyword,
	            schemaProp: i,
	            dataProp: i,
	        }, valid));
	        cxt.ok(valid);
	    });
	    function checkStrictTuple(sch) {
	        const { opts, errSchemaPath } = it;
	        const l = schArr.length;
	        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
	        if (opts.strictTuples && !fullTuple) {
	            const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
	            (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
	        }
	    }
	}
	items.validateTuple = validateTuple;
	items.default = def;
	
	return items;
}

var hasRequiredPrefixItems;

function requirePrefixItems () {
	if (hasRequiredPrefixItems) return prefixItems;
	hasRequiredPrefixItems = 1;
	Object.defineProperty(prefixItems, "__esModule", { value: true });
	const items_1 = /*@__PURE__*/ requireItems();
	const def = {
	    keyword: "prefixItems",
	    type: "array",
	    schemaType: ["array"],
	    before: "uniqueItems",
	    code: (cxt) => (0, items_1.validateTuple)(cxt, "items"),
	};
	prefixItems.default = def;
	
	return prefixItems;
}

var items2020 = {};

var hasRequiredItems2020;

function requireItems2020 () {
	if (hasRequiredItems2020) return items2020;
	hasRequiredItems2020 = 1;
	Object.defineProperty(items2020, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const code_1 = /*@__PURE__*/ requireCode();
	const additionalItems_1 = /*@__PURE__*/ requireAdditionalItems();
	const error = {
	    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
	    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
	};
	const def = {
	    keyword: "items",
	    type: "array",
	    schemaType: ["object", "boolean"],
	    before: "uniqueItems",
	    error,
	    code(cxt) {
	        const { schema, parentSchema, it } = cxt;
	        const { prefixItems } = parentSchema;
	        it.items = true;
	        if ((0, util_1.alwaysValidSchema)(it, schema))
	            return;
	        if (prefixItems)
	            (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
	        else
	            cxt.ok((0, code_1.validateArray)(cxt));
	    },
	};
	items2020.default = def;
	
	return items2020;
}

var contains = {};

var hasRequiredContains;

function requireContains () {
	if (hasRequiredContains) return contains;
	hasRequiredContains = 1;
	Object.defineProperty(contains, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params: { min, max } }) => max === undefined
	        ? (0, codegen_1.str) `must contain at least ${min} valid item(s)`
	        : (0, codegen_1.str) `must contain at least ${min} and no more than ${max} valid item(s)`,
	    params: ({ params: { min, max } }) => max === undefined ? (0, codegen_1._) `{minContains: ${min}}` : (0, codegen_1._) `{minContains: ${min}, maxContains: ${max}}`,
	};
	const def = {
	    keyword: "contains",
	    type: "array",
	    schemaType: ["object", "boolean"],
	    before: "uniqueItems",
	    trackErrors: true,
	    error,
	    code(cxt) {
	        const { gen, schema, parentSchema, data, it } = cxt;
	        let min;
	        let max;
	        const { minContains, maxContains } = parentSchema;
	        if (it.opts.next) {
	            min = minContains === undefined ? 1 : minContains;
	            max = maxContains;
	        }
	        else {
	            min = 1;
	        }
	        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
	        cxt.setParams({ min, max });
	        if (max === undefined && min === 0) {
	            (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
	            return;
	        }
	        if (max !== undefined && min > max) {
	            (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
	            cxt.fail();
	            return;
	        }
	        if ((0, util_1.alwaysValidSchema)(it, schema)) {
	            let cond = (0, codegen_1._) `${len} >= ${min}`;
	            if (max !== undefined)
	                cond = (0, codegen_1._) `${cond} && ${len} <= ${max}`;
	            cxt.pass(cond);
	            return;
	        }
	        it.items = true;
	        const valid = gen.name("valid");
	        if (max === undefined && min === 1) {
	            validateItems(valid, () => gen.if(valid, () => gen.break()));
	        }
	        else if (min === 0) {
	            gen.let(valid, true);
	            if (max !== undefined)
	                gen.if((0, codegen_1._) `${data}.length > 0`, validateItemsWithCount);
	        }
	        else {
	            gen.let(valid, false);
	            validateItemsWithCount();
	        }
	        cxt.result(valid, () => cxt.reset());
	        function validateItemsWithCount() {
	            const schValid = gen.name("_valid");
	            const count = gen.let("count", 0);
	            validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
	        }
	        function validateItems(_valid, block) {
	            gen.forRange("i", 0, len, (i) => {
	                cxt.subschema({
	                    keyword: "contains",
	                    dataProp: i,
	                    dataPropType: util_1.Type.Num,
	                    compositeRule: true,
	                }, _valid);
	                block();
	            });
	        }
	        function checkLimits(count) {
	            gen.code((0, codegen_1._) `${count}++`);
	            if (max === undefined) {
	                gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true).break());
	            }
	            else {
	                gen.if((0, codegen_1._) `${count} > ${max}`, () => gen.assign(valid, false).break());
	                if (min === 1)
	                    gen.assign(valid, true);
	                else
	                    gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true));
	            }
	        }
	    },
	};
	contains.default = def;
	
	return contains;
}

var dependencies = {};

var hasRequiredDependencies;

function requireDependencies () {
	if (hasRequiredDependencies) return dependencies;
	hasRequiredDependencies = 1;
	(function (exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
		const codegen_1 = /*@__PURE__*/ requireCodegen();
		const util_1 = /*@__PURE__*/ requireUtil();
		const code_1 = /*@__PURE__*/ requireCode();
		exports.error = {
		    message: ({ params: { property, depsCount, deps } }) => {
		        const property_ies = depsCount === 1 ? "property" : "properties";
		        return (0, codegen_1.str) `must have ${property_ies} ${deps} when property ${property} is present`;
		    },
		    params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._) `{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`, // TODO change to reference
		};
		const def = {
		    keyword: "dependencies",
		    type: "object",
		    schemaType: "object",
		    error: exports.error,
		    code(cxt) {
		        const [propDeps, schDeps] = splitDependencies(cxt);
		        validatePropertyDeps(cxt, propDeps);
		        validateSchemaDeps(cxt, schDeps);
		    },
		};
		function splitDependencies({ schema }) {
		    const propertyDeps = {};
		    const schemaDeps = {};
		    for (const key in schema) {
		        if (key === "__proto__")
		            continue;
		        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
		        deps[key] = schema[key];
		    }
		    return [propertyDeps, schemaDeps];
		}
		function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
		    const { gen, data, it } = cxt;
		    if (Object.keys(propertyDeps).length === 0)
		        return;
		    const missing = gen.let("missing");
		    for (const prop in propertyDeps) {
		        const deps = propertyDeps[prop];
		        if (deps.length === 0)
		            continue;
		        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
		        cxt.setParams({
		            property: prop,
		            depsCount: deps.length,
		            deps: deps.join(", "),
		        });
		        if (it.allErrors) {
		            gen.if(hasProperty, () => {
		                for (const depProp of deps) {
		                    (0, code_1.checkReportMissingProp)(cxt, depProp);
		                }
		            });
		        }
		        else {
		            gen.if((0, codegen_1._) `${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
		            (0, code_1.reportMissingProp)(cxt, missing);
		            gen.else();
		        }
		    }
		}
		exports.validatePropertyDeps = validatePropertyDeps;
		function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
		    const { gen, data, keyword, it } = cxt;
		    const valid = gen.name("valid");
		    for (const prop in schemaDeps) {
		        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
		            continue;
		        gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties), () => {
		            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
		            cxt.mergeValidEvaluated(schCxt, valid);
		        }, () => gen.var(valid, true) // TODO var
		        );
		        cxt.ok(valid);
		    }
		}
		exports.validateSchemaDeps = validateSchemaDeps;
		exports.default = def;
		
	} (dependencies));
	return dependencies;
}

var propertyNames = {};

var hasRequiredPropertyNames;

function requirePropertyNames () {
	if (hasRequiredPropertyNames) return propertyNames;
	hasRequiredPropertyNames = 1;
	Object.defineProperty(propertyNames, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: "property name must be valid",
	    params: ({ params }) => (0, codegen_1._) `{propertyName: ${params.propertyName}}`,
	};
	const def = {
	    keyword: "propertyNames",
	    type: "object",
	    schemaType: ["object", "boolean"],
	    error,
	    code(cxt) {
	        const { gen, schema, data, it } = cxt;
	        if ((0, util_1.alwaysValidSchema)(it, schema))
	            return;
	        const valid = gen.name("valid");
	        gen.forIn("key", data, (key) => {
	            cxt.setParams({ propertyName: key });
	            cxt.subschema({
	                keyword: "propertyNames",
	                data: key,
	                dataTypes: ["string"],
	                propertyName: key,
	                compositeRule: true,
	            }, valid);
	            gen.if((0, codegen_1.not)(valid), () => {
	                cxt.error(true);
	                if (!it.allErrors)
	                    gen.break();
	            });
	        });
	        cxt.ok(valid);
	    },
	};
	propertyNames.default = def;
	
	return propertyNames;
}

var additionalProperties$1 = {};

var hasRequiredAdditionalProperties;

function requireAdditionalProperties () {
	if (hasRequiredAdditionalProperties) return additionalProperties$1;
	hasRequiredAdditionalProperties = 1;
	Object.defineProperty(additionalProperties$1, "__esModule", { value: true });
	const code_1 = /*@__PURE__*/ requireCode();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const names_1 = /*@__PURE__*/ requireNames();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: "must NOT have additional properties",
	    params: ({ params }) => (0, codegen_1._) `{additionalProperty: ${params.additionalProperty}}`,
	};
	const def = {
	    keyword: "additionalProperties",
	    type: ["object"],
	    schemaType: ["boolean", "object"],
	    allowUndefined: true,
	    trackErrors: true,
	    error,
	    code(cxt) {
	        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
	        /* istanbul ignore if */
	        if (!errsCount)
	            throw new Error("ajv implementation error");
	        const { allErrors, opts } = it;
	        it.props = true;
	        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
	            return;
	        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
	        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
	        checkAdditionalProperties();
	        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
	        function checkAdditionalProperties() {
	            gen.forIn("key", data, (key) => {
	                if (!props.length && !patProps.length)
	                    additionalPropertyCode(key);
	                else
	                    gen.if(isAdditional(key), () => additionalPropertyCode(key));
	            });
	        }
	        function isAdditional(key) {
	            let definedProp;
	            if (props.length > 8) {
	                // TODO maybe an option instead of hard-coded 8?
	                const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
	                definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
	            }
	            else if (props.length) {
	                definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._) `${key} === ${p}`));
	            }
	            else {
	                definedProp = codegen_1.nil;
	            }
	            if (patProps.length) {
	                definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._) `${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
	            }
	            return (0, codegen_1.not)(definedProp);
	        }
	        function deleteAdditional(key) {
	            gen.code((0, codegen_1._) `delete ${data}[${key}]`);
	        }
	        function additionalPropertyCode(key) {
	            if (opts.removeAdditional === "all" || (opts.removeAdditional && schema === false)) {
	                deleteAdditional(key);
	                return;
	            }
	            if (schema === false) {
	                cxt.setParams({ additionalProperty: key });
	                cxt.error();
	                if (!allErrors)
	                    gen.break();
	                return;
	            }
	            if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
	                const valid = gen.name("valid");
	                if (opts.removeAdditional === "failing") {
	                    applyAdditionalSchema(key, valid, false);
	                    gen.if((0, codegen_1.not)(valid), () => {
	                        cxt.reset();
	                        deleteAdditional(key);
	                    });
	                }
	                else {
	                    applyAdditionalSchema(key, valid);
	                    if (!allErrors)
	                        gen.if((0, codegen_1.not)(valid), () => gen.break());
	                }
	            }
	        }
	        function applyAdditionalSchema(key, valid, errors) {
	            const subschema = {
	                keyword: "additionalProperties",
	                dataProp: key,
	                dataPropType: util_1.Type.Str,
	            };
	            if (errors === false) {
	                Object.assign(subschema, {
	                    compositeRule: true,
	                    createErrors: false,
	                    allErrors: false,
	                });
	            }
	            cxt.subschema(subschema, valid);
	        }
	    },
	};
	additionalProperties$1.default = def;
	
	return additionalProperties$1;
}

var properties$2 = {};

var hasRequiredProperties;

function requireProperties () {
	if (hasRequiredProperties) return properties$2;
	hasRequiredProperties = 1;
	Object.defineProperty(properties$2, "__esModule", { value: true });
	const validate_1 = /*@__PURE__*/ requireValidate();
	const code_1 = /*@__PURE__*/ requireCode();
	const util_1 = /*@__PURE__*/ requireUtil();
	const additionalProperties_1 = /*@__PURE__*/ requireAdditionalProperties();
	const def = {
	    keyword: "properties",
	    type: "object",
	    schemaType: "object",
	    code(cxt) {
	        const { gen, schema, parentSchema, data, it } = cxt;
	        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === undefined) {
	            additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
	        }
	        const allProps = (0, code_1.allSchemaProperties)(schema);
	        for (const prop of allProps) {
	            it.definedProperties.add(prop);
	        }
	        if (it.opts.unevaluated && allProps.length && it.props !== true) {
	            it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
	        }
	        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
	        if (properties.length === 0)
	            return;
	        const valid = gen.name("valid");
	        for (const prop of properties) {
	            if (hasDefault(prop)) {
	                applyPropertySchema(prop);
	            }
	            else {
	                gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
	                applyPropertySchema(prop);
	                if (!it.allErrors)
	                    gen.else().var(valid, true);
	                gen.endIf();
	            }
	            cxt.it.definedProperties.add(prop);
	            cxt.ok(valid);
	        }
	        function hasDefault(prop) {
	            return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== undefined;
	        }
	        function applyPropertySchema(prop) {
	            cxt.subschema({
	                keyword: "properties",
	                schemaProp: prop,
	                dataProp: prop,
	            }, valid);
	        }
	    },
	};
	properties$2.default = def;
	
	return properties$2;
}

var patternProperties = {};

var hasRequiredPatternProperties;

function requirePatternProperties () {
	if (hasRequiredPatternProperties) return patternProperties;
	hasRequiredPatternProperties = 1;
	Object.defineProperty(patternProperties, "__esModule", { value: true });
	const code_1 = /*@__PURE__*/ requireCode();
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const util_2 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: "patternProperties",
	    type: "object",
	    schemaType: "object",
	    code(cxt) {
	        const { gen, schema, data, parentSchema, it } = cxt;
	        const { opts } = it;
	        const patterns = (0, code_1.allSchemaProperties)(schema);
	        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
	        if (patterns.length === 0 ||
	            (alwaysValidPatterns.length === patterns.length &&
	                (!it.opts.unevaluated || it.props === true))) {
	            return;
	        }
	        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
	        const valid = gen.name("valid");
	        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
	            it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
	        }
	        const { props } = it;
	        validatePatternProperties();
	        function validatePatternProperties() {
	            for (const pat of patterns) {
	                if (checkProperties)
	                    checkMatchingProperties(pat);
	                if (it.allErrors) {
	                    validateProperties(pat);
	                }
	                else {
	                    gen.var(valid, true); // TODO var
	                    validateProperties(pat);
	                    gen.if(valid);
	                }
	            }
	        }
	        function checkMatchingProperties(pat) {
	            for (const prop in checkProperties) {
	                if (new RegExp(pat).test(prop)) {
	                    (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
	                }
	            }
	        }
	        function validateProperties(pat) {
	            gen.forIn("key", data, (key) => {
	                gen.if((0, codegen_1._) `${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
	                    const alwaysValid = alwaysValidPatterns.includes(pat);
	                    if (!alwaysValid) {
	                        cxt.subschema({
	                            keyword: "patternProperties",
	                            schemaProp: pat,
	                            dataProp: key,
	                            dataPropType: util_2.Type.Str,
	                        }, valid);
	                    }
	                    if (it.opts.unevaluated && props !== true) {
	                        gen.assign((0, codegen_1._) `${props}[${key}]`, true);
	                    }
	                    else if (!alwaysValid && !it.allErrors) {
	                        // can short-circuit if `unevaluatedProperties` is not supported (opts.next === false)
	                        // or if all properties were evaluated (props === true)
	                        gen.if((0, codegen_1.not)(valid), () => gen.break());
	                    }
	                });
	            });
	        }
	    },
	};
	patternProperties.default = def;
	
	return patternProperties;
}

var not = {};

var hasRequiredNot;

function requireNot () {
	if (hasRequiredNot) return not;
	hasRequiredNot = 1;
	Object.defineProperty(not, "__esModule", { value: true });
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: "not",
	    schemaType: ["object", "boolean"],
	    trackErrors: true,
	    code(cxt) {
	        const { gen, schema, it } = cxt;
	        if ((0, util_1.alwaysValidSchema)(it, schema)) {
	            cxt.fail();
	            return;
	        }
	        const valid = gen.name("valid");
	        cxt.subschema({
	            keyword: "not",
	            compositeRule: true,
	            createErrors: false,
	            allErrors: false,
	        }, valid);
	        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
	    },
	    error: { message: "must NOT be valid" },
	};
	not.default = def;
	
	return not;
}

var anyOf = {};

var hasRequiredAnyOf;

function requireAnyOf () {
	if (hasRequiredAnyOf) return anyOf;
	hasRequiredAnyOf = 1;
	Object.defineProperty(anyOf, "__esModule", { value: true });
	const code_1 = /*@__PURE__*/ requireCode();
	const def = {
	    keyword: "anyOf",
	    schemaType: "array",
	    trackErrors: true,
	    code: code_1.validateUnion,
	    error: { message: "must match a schema in anyOf" },
	};
	anyOf.default = def;
	
	return anyOf;
}

var oneOf$1 = {};

var hasRequiredOneOf;

function requireOneOf () {
	if (hasRequiredOneOf) return oneOf$1;
	hasRequiredOneOf = 1;
	Object.defineProperty(oneOf$1, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: "must match exactly one schema in oneOf",
	    params: ({ params }) => (0, codegen_1._) `{passingSchemas: ${params.passing}}`,
	};
	const def = {
	    keyword: "oneOf",
	    schemaType: "array",
	    trackErrors: true,
	    error,
	    code(cxt) {
	        const { gen, schema, parentSchema, it } = cxt;
	        /* istanbul ignore if */
	        if (!Array.isArray(schema))
	            throw new Error("ajv implementation error");
	        if (it.opts.discriminator && parentSchema.discriminator)
	            return;
	        const schArr = schema;
	        const valid = gen.let("valid", false);
	        const passing = gen.let("passing", null);
	        const schValid = gen.name("_valid");
	        cxt.setParams({ passing });
	        // TODO possibly fail straight away (with warning or exception) if there are two empty always valid schemas
	        gen.block(validateOneOf);
	        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
	        function validateOneOf() {
	            schArr.forEach((sch, i) => {
	                let schCxt;
	                if ((0, util_1.alwaysValidSchema)(it, sch)) {
	                    gen.var(schValid, true);
	                }
	                else {
	                    schCxt = cxt.subschema({
	                        keyword: "oneOf",
	                        schemaProp: i,
	                        compositeRule: true,
	                    }, schValid);
	                }
	                if (i > 0) {
	                    gen
	                        .if((0, codegen_1._) `${schValid} && ${valid}`)
	                        .assign(valid, false)
	                        .assign(passing, (0, codegen_1._) `[${passing}, ${i}]`)
	                        .else();
	                }
	                gen.if(schValid, () => {
	                    gen.assign(valid, true);
	                    gen.assign(passing, i);
	                    if (schCxt)
	                        cxt.mergeEvaluated(schCxt, codegen_1.Name);
	                });
	            });
	        }
	    },
	};
	oneOf$1.default = def;
	
	return oneOf$1;
}

var allOf = {};

var hasRequiredAllOf;

function requireAllOf () {
	if (hasRequiredAllOf) return allOf;
	hasRequiredAllOf = 1;
	Object.defineProperty(allOf, "__esModule", { value: true });
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: "allOf",
	    schemaType: "array",
	    code(cxt) {
	        const { gen, schema, it } = cxt;
	        /* istanbul ignore if */
	        if (!Array.isArray(schema))
	            throw new Error("ajv implementation error");
	        const valid = gen.name("valid");
	        schema.forEach((sch, i) => {
	            if ((0, util_1.alwaysValidSchema)(it, sch))
	                return;
	            const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
	            cxt.ok(valid);
	            cxt.mergeEvaluated(schCxt);
	        });
	    },
	};
	allOf.default = def;
	
	return allOf;
}

var _if = {};

var hasRequired_if;

function require_if () {
	if (hasRequired_if) return _if;
	hasRequired_if = 1;
	Object.defineProperty(_if, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params }) => (0, codegen_1.str) `must match "${params.ifClause}" schema`,
	    params: ({ params }) => (0, codegen_1._) `{failingKeyword: ${params.ifClause}}`,
	};
	const def = {
	    keyword: "if",
	    schemaType: ["object", "boolean"],
	    trackErrors: true,
	    error,
	    code(cxt) {
	        const { gen, parentSchema, it } = cxt;
	        if (parentSchema.then === undefined && parentSchema.else === undefined) {
	            (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
	        }
	        const hasThen = hasSchema(it, "then");
	        const hasElse = hasSchema(it, "else");
	        if (!hasThen && !hasElse)
	            return;
	        const valid = gen.let("valid", true);
	        const schValid = gen.name("_valid");
	        validateIf();
	        cxt.reset();
	        if (hasThen && hasElse) {
	            const ifClause = gen.let("ifClause");
	            cxt.setParams({ ifClause });
	            gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
	        }
	        else if (hasThen) {
	            gen.if(schValid, validateClause("then"));
	        }
	        else {
	            gen.if((0, codegen_1.not)(schValid), validateClause("else"));
	        }
	        cxt.pass(valid, () => cxt.error(true));
	        function validateIf() {
	            const schCxt = cxt.subschema({
	                keyword: "if",
	                compositeRule: true,
	                createErrors: false,
	                allErrors: false,
	            }, schValid);
	            cxt.mergeEvaluated(schCxt);
	        }
	        function validateClause(keyword, ifClause) {
	            return () => {
	                const schCxt = cxt.subschema({ keyword }, schValid);
	                gen.assign(valid, schValid);
	                cxt.mergeValidEvaluated(schCxt, valid);
	                if (ifClause)
	                    gen.assign(ifClause, (0, codegen_1._) `${keyword}`);
	                else
	                    cxt.setParams({ ifClause: keyword });
	            };
	        }
	    },
	};
	function hasSchema(it, keyword) {
	    const schema = it.schema[keyword];
	    return schema !== undefined && !(0, util_1.alwaysValidSchema)(it, schema);
	}
	_if.default = def;
	
	return _if;
}

var thenElse = {};

var hasRequiredThenElse;

function requireThenElse () {
	if (hasRequiredThenElse) return thenElse;
	hasRequiredThenElse = 1;
	Object.defineProperty(thenElse, "__esModule", { value: true });
	const util_1 = /*@__PURE__*/ requireUtil();
	const def = {
	    keyword: ["then", "else"],
	    schemaType: ["object", "boolean"],
	    code({ keyword, parentSchema, it }) {
	        if (parentSchema.if === undefined)
	            (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
	    },
	};
	thenElse.default = def;
	
	return thenElse;
}

var hasRequiredApplicator;

function requireApplicator () {
	if (hasRequiredApplicator) return applicator;
	hasRequiredApplicator = 1;
	Object.defineProperty(applicator, "__esModule", { value: true });
	const additionalItems_1 = /*@__PURE__*/ requireAdditionalItems();
	const prefixItems_1 = /*@__PURE__*/ requirePrefixItems();
	const items_1 = /*@__PURE__*/ requireItems();
	const items2020_1 = /*@__PURE__*/ requireItems2020();
	const contains_1 = /*@__PURE__*/ requireContains();
	const dependencies_1 = /*@__PURE__*/ requireDependencies();
	const propertyNames_1 = /*@__PURE__*/ requirePropertyNames();
	const additionalProperties_1 = /*@__PURE__*/ requireAdditionalProperties();
	const properties_1 = /*@__PURE__*/ requireProperties();
	const patternProperties_1 = /*@__PURE__*/ requirePatternProperties();
	const not_1 = /*@__PURE__*/ requireNot();
	const anyOf_1 = /*@__PURE__*/ requireAnyOf();
	const oneOf_1 = /*@__PURE__*/ requireOneOf();
	const allOf_1 = /*@__PURE__*/ requireAllOf();
	const if_1 = /*@__PURE__*/ require_if();
	const thenElse_1 = /*@__PURE__*/ requireThenElse();
	function getApplicator(draft2020 = false) {
	    const applicator = [
	        // any
	        not_1.default,
	        anyOf_1.default,
	        oneOf_1.default,
	        allOf_1.default,
	        if_1.default,
	        thenElse_1.default,
	        // object
	        propertyNames_1.default,
	        additionalProperties_1.default,
	        dependencies_1.default,
	        properties_1.default,
	        patternProperties_1.default,
	    ];
	    // array
	    if (draft2020)
	        applicator.push(prefixItems_1.default, items2020_1.default);
	    else
	        applicator.push(additionalItems_1.default, items_1.default);
	    applicator.push(contains_1.default);
	    return applicator;
	}
	applicator.default = getApplicator;
	
	return applicator;
}

var format$1 = {};

var format = {};

var hasRequiredFormat$1;

function requireFormat$1 () {
	if (hasRequiredFormat$1) return format;
	hasRequiredFormat$1 = 1;
	Object.defineProperty(format, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const error = {
	    message: ({ schemaCode }) => (0, codegen_1.str) `must match format "${schemaCode}"`,
	    params: ({ schemaCode }) => (0, codegen_1._) `{format: ${schemaCode}}`,
	};
	const def = {
	    keyword: "format",
	    type: ["number", "string"],
	    schemaType: "string",
	    $data: true,
	    error,
	    code(cxt, ruleType) {
	        const { gen, data, $data, schema, schemaCode, it } = cxt;
	        const { opts, errSchemaPath, schemaEnv, self } = it;
	        if (!opts.validateFormats)
	            return;
	        if ($data)
	            validate$DataFormat();
	        else
	            validateFormat();
	        function validate$DataFormat() {
	            const fmts = gen.scopeValue("formats", {
	                ref: self.formats,
	                code: opts.code.formats,
	            });
	            const fDef = gen.const("fDef", (0, codegen_1._) `${fmts}[${schemaCode}]`);
	            const fType = gen.let("fType");
	            const format = gen.let("format");
	            // TODO simplify
	            gen.if((0, codegen_1._) `typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._) `${fDef}.type || "string"`).assign(format, (0, codegen_1._) `${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._) `"string"`).assign(format, fDef));
	            cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
	            function unknownFmt() {
	                if (opts.strictSchema === false)
	                    return codegen_1.nil;
	                return (0, codegen_1._) `${schemaCode} && !${format}`;
	            }
	            function invalidFmt() {
	                const callFormat = schemaEnv.$async
	                    ? (0, codegen_1._) `(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))`
	                    : (0, codegen_1._) `${format}(${data})`;
	                const validData = (0, codegen_1._) `(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
	                return (0, codegen_1._) `${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
	            }
	        }
	        function validateFormat() {
	            const formatDef = self.formats[schema];
	            if (!formatDef) {
	                unknownFormat();
	                return;
	            }
	            if (formatDef === true)
	                return;
	            const [fmtType, format, fmtRef] = getFormat(formatDef);
	            if (fmtType === ruleType)
	                cxt.pass(validCondition());
	            function unknownFormat() {
	                if (opts.strictSchema === false) {
	                    self.logger.warn(unknownMsg());
	                    return;
	                }
	                throw new Error(unknownMsg());
	                function unknownMsg() {
	                    return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
	                }
	            }
	            function getFormat(fmtDef) {
	                const code = fmtDef instanceof RegExp
	                    ? (0, codegen_1.regexpCode)(fmtDef)
	                    : opts.code.formats
	                        ? (0, codegen_1._) `${opts.code.formats}${(0, codegen_1.getProperty)(schema)}`
	                        : undefined;
	                const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
	                if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
	                    return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._) `${fmt}.validate`];
	                }
	                return ["string", fmtDef, fmt];
	            }
	            function validCondition() {
	                if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
	                    if (!schemaEnv.$async)
	                        throw new Error("async format in sync schema");
	                    return (0, codegen_1._) `await ${fmtRef}(${data})`;
	                }
	                return typeof format == "function" ? (0, codegen_1._) `${fmtRef}(${data})` : (0, codegen_1._) `${fmtRef}.test(${data})`;
	            }
	        }
	    },
	};
	format.default = def;
	
	return format;
}

var hasRequiredFormat;

function requireFormat () {
	if (hasRequiredFormat) return format$1;
	hasRequiredFormat = 1;
	Object.defineProperty(format$1, "__esModule", { value: true });
	const format_1 = /*@__PURE__*/ requireFormat$1();
	const format = [format_1.default];
	format$1.default = format;
	
	return format$1;
}

var metadata = {};

var hasRequiredMetadata;

function requireMetadata () {
	if (hasRequiredMetadata) return metadata;
	hasRequiredMetadata = 1;
	Object.defineProperty(metadata, "__esModule", { value: true });
	metadata.contentVocabulary = metadata.metadataVocabulary = void 0;
	metadata.metadataVocabulary = [
	    "title",
	    "description",
	    "default",
	    "deprecated",
	    "readOnly",
	    "writeOnly",
	    "examples",
	];
	metadata.contentVocabulary = [
	    "contentMediaType",
	    "contentEncoding",
	    "contentSchema",
	];
	
	return metadata;
}

var hasRequiredDraft7;

function requireDraft7 () {
	if (hasRequiredDraft7) return draft7;
	hasRequiredDraft7 = 1;
	Object.defineProperty(draft7, "__esModule", { value: true });
	const core_1 = /*@__PURE__*/ requireCore();
	const validation_1 = /*@__PURE__*/ requireValidation();
	const applicator_1 = /*@__PURE__*/ requireApplicator();
	const format_1 = /*@__PURE__*/ requireFormat();
	const metadata_1 = /*@__PURE__*/ requireMetadata();
	const draft7Vocabularies = [
	    core_1.default,
	    validation_1.default,
	    (0, applicator_1.default)(),
	    format_1.default,
	    metadata_1.metadataVocabulary,
	    metadata_1.contentVocabulary,
	];
	draft7.default = draft7Vocabularies;
	
	return draft7;
}

var discriminator = {};

var types = {};

var hasRequiredTypes;

function requireTypes () {
	if (hasRequiredTypes) return types;
	hasRequiredTypes = 1;
	Object.defineProperty(types, "__esModule", { value: true });
	types.DiscrError = void 0;
	var DiscrError;
	(function (DiscrError) {
	    DiscrError["Tag"] = "tag";
	    DiscrError["Mapping"] = "mapping";
	})(DiscrError || (types.DiscrError = DiscrError = {}));
	
	return types;
}

var hasRequiredDiscriminator;

function requireDiscriminator () {
	if (hasRequiredDiscriminator) return discriminator;
	hasRequiredDiscriminator = 1;
	Object.defineProperty(discriminator, "__esModule", { value: true });
	const codegen_1 = /*@__PURE__*/ requireCodegen();
	const types_1 = /*@__PURE__*/ requireTypes();
	const compile_1 = /*@__PURE__*/ requireCompile();
	const ref_error_1 = /*@__PURE__*/ requireRef_error();
	const util_1 = /*@__PURE__*/ requireUtil();
	const error = {
	    message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag
	        ? `tag "${tagName}" must be string`
	        : `value of tag "${tagName}" must be in oneOf`,
	    params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._) `{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`,
	};
	const def = {
	    keyword: "discriminator",
	    type: "object",
	    schemaType: "object",
	    error,
	    code(cxt) {
	        const { gen, data, schema, parentSchema, it } = cxt;
	        const { oneOf } = parentSchema;
	        if (!it.opts.discriminator) {
	            throw new Error("discriminator: requires discriminator option");
	        }
	        const tagName = schema.propertyName;
	        if (typeof tagName != "string")
	            throw new Error("discriminator: requires propertyName");
	        if (schema.mapping)
	            throw new Error("discriminator: mapping is not supported");
	        if (!oneOf)
	            throw new Error("discriminator: requires oneOf keyword");
	        const valid = gen.let("valid", false);
	        const tag = gen.const("tag", (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(tagName)}`);
	        gen.if((0, codegen_1._) `typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
	        cxt.ok(valid);
	        function validateMapping() {
	            const mapping = getMapping();
	            gen.if(false);
	            for (const tagValue in mapping) {
	                gen.elseIf((0, codegen_1._) `${tag} === ${tagValue}`);
	                gen.assign(valid, applyTagSchema(mapping[tagValue]));
	            }
	            gen.else();
	            cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
	            gen.endIf();
	        }
	        function applyTagSchema(schemaProp) {
	            const _valid = gen.name("valid");
	            const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
	            cxt.mergeEvaluated(schCxt, codegen_1.Name);
	            return _valid;
	        }
	        function getMapping() {
	            var _a;
	            const oneOfMapping = {};
	            const topRequired = hasRequired(parentSchema);
	            let tagRequired = true;
	            for (let i = 0; i < oneOf.length; i++) {
	                let sch = oneOf[i];
	                if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
	                    const ref = sch.$ref;
	                    sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
	                    if (sch instanceof compile_1.SchemaEnv)
	                        sch = sch.schema;
	                    if (sch === undefined)
	                        throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
	                }
	                const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
	                if (typeof propSch != "object") {
	                    throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
	                }
	                tagRequired = tagRequired && (topRequired || hasRequired(sch));
	                addMappings(propSch, i);
	            }
	            if (!tagRequired)
	                throw new Error(`discriminator: "${tagName}" must be required`);
	            return oneOfMapping;
	            function hasRequired({ required }) {
	                return Array.isArray(required) && required.includes(tagName);
	            }
	            function addMappings(sch, i) {
	                if (sch.const) {
	                    addMapping(sch.const, i);
	                }
	                else if (sch.enum) {
	                    for (const tagValue of sch.enum) {
	                        addMapping(tagValue, i);
	                    }
	                }
	                else {
	                    throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
	                }
	            }
	            function addMapping(tagValue, i) {
	                if (typeof tagValue != "string" || tagValue in oneOfMapping) {
	                    throw new Error(`discriminator: "${tagName}" values must be unique strings`);
	                }
	                oneOfMapping[tagValue] = i;
	            }
	        }
	    },
	};
	discriminator.default = def;
	
	return discriminator;
}

var $schema$1 = "http://json-schema.org/draft-07/schema#";
var $id$1 = "http://json-schema.org/draft-07/schema#";
var title$1 = "Core schema meta-schema";
var definitions$1 = {
	schemaArray: {
		type: "array",
		minItems: 1,
		items: {
			$ref: "#"
		}
	},
	nonNegativeInteger: {
		type: "integer",
		minimum: 0
	},
	nonNegativeIntegerDefault0: {
		allOf: [
			{
				$ref: "#/definitions/nonNegativeInteger"
			},
			{
				"default": 0
			}
		]
	},
	simpleTypes: {
		"enum": [
			"array",
			"boolean",
			"integer",
			"null",
			"number",
			"object",
			"string"
		]
	},
	stringArray: {
		type: "array",
		items: {
			type: "string"
		},
		uniqueItems: true,
		"default": [
		]
	}
};
var type$1 = [
	"object",
	"boolean"
];
var properties$1 = {
	$id: {
		type: "string",
		format: "uri-reference"
	},
	$schema: {
		type: "string",
		format: "uri"
	},
	$ref: {
		type: "string",
		format: "uri-reference"
	},
	$comment: {
		type: "string"
	},
	title: {
		type: "string"
	},
	description: {
		type: "string"
	},
	"default": true,
	readOnly: {
		type: "boolean",
		"default": false
	},
	examples: {
		type: "array",
		items: true
	},
	multipleOf: {
		type: "number",
		exclusiveMinimum: 0
	},
	maximum: {
		type: "number"
	},
	exclusiveMaximum: {
		type: "number"
	},
	minimum: {
		type: "number"
	},
	exclusiveMinimum: {
		type: "number"
	},
	maxLength: {
		$ref: "#/definitions/nonNegativeInteger"
	},
	minLength: {
		$ref: "#/definitions/nonNegativeIntegerDefault0"
	},
	pattern: {
		type: "string",
		format: "regex"
	},
	additionalItems: {
		$ref: "#"
	},
	items: {
		anyOf: [
			{
				$ref: "#"
			},
			{
				$ref: "#/definitions/schemaArray"
			}
		],
		"default": true
	},
	maxItems: {
		$ref: "#/definitions/nonNegativeInteger"
	},
	minItems: {
		$ref: "#/definitions/nonNegativeIntegerDefault0"
	},
	uniqueItems: {
		type: "boolean",
		"default": false
	},
	contains: {
		$ref: "#"
	},
	maxProperties: {
		$ref: "#/definitions/nonNegativeInteger"
	},
	minProperties: {
		$ref: "#/definitions/nonNegativeIntegerDefault0"
	},
	required: {
		$ref: "#/definitions/stringArray"
	},
	additionalProperties: {
		$ref: "#"
	},
	definitions: {
		type: "object",
		additionalProperties: {
			$ref: "#"
		},
		"default": {
		}
	},
	properties: {
		type: "object",
		additionalProperties: {
			$ref: "#"
		},
		"default": {
		}
	},
	patternProperties: {
		type: "object",
		additionalProperties: {
			$ref: "#"
		},
		propertyNames: {
			format: "regex"
		},
		"default": {
		}
	},
	dependencies: {
		type: "object",
		additionalProperties: {
			anyOf: [
				{
					$ref: "#"
				},
				{
					$ref: "#/definitions/stringArray"
				}
			]
		}
	},
	propertyNames: {
		$ref: "#"
	},
	"const": true,
	"enum": {
		type: "array",
		items: true,
		minItems: 1,
		uniqueItems: true
	},
	type: {
		anyOf: [
			{
				$ref: "#/definitions/simpleTypes"
			},
			{
				type: "array",
				items: {
					$ref: "#/definitions/simpleTypes"
				},
				minItems: 1,
				uniqueItems: true
			}
		]
	},
	format: {
		type: "string"
	},
	contentMediaType: {
		type: "string"
	},
	contentEncoding: {
		type: "string"
	},
	"if": {
		$ref: "#"
	},
	then: {
		$ref: "#"
	},
	"else": {
		$ref: "#"
	},
	allOf: {
		$ref: "#/definitions/schemaArray"
	},
	anyOf: {
		$ref: "#/definitions/schemaArray"
	},
	oneOf: {
		$ref: "#/definitions/schemaArray"
	},
	not: {
		$ref: "#"
	}
};
var require$$3 = {
	$schema: $schema$1,
	$id: $id$1,
	title: title$1,
	definitions: definitions$1,
	type: type$1,
	properties: properties$1,
	"default": true
};

var hasRequiredAjv;

function requireAjv () {
	if (hasRequiredAjv) return ajv.exports;
	hasRequiredAjv = 1;
	(function (module, exports) {
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
		const core_1 = /*@__PURE__*/ requireCore$1();
		const draft7_1 = /*@__PURE__*/ requireDraft7();
		const discriminator_1 = /*@__PURE__*/ requireDiscriminator();
		const draft7MetaSchema = require$$3;
		const META_SUPPORT_DATA = ["/properties"];
		const META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
		class Ajv extends core_1.default {
		    _addVocabularies() {
		        super._addVocabularies();
		        draft7_1.default.forEach((v) => this.addVocabulary(v));
		        if (this.opts.discriminator)
		            this.addKeyword(discriminator_1.default);
		    }
		    _addDefaultMetaSchema() {
		        super._addDefaultMetaSchema();
		        if (!this.opts.meta)
		            return;
		        const metaSchema = this.opts.$data
		            ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA)
		            : draft7MetaSchema;
		        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
		        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
		    }
		    defaultMeta() {
		        return (this.opts.defaultMeta =
		            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
		    }
		}
		exports.Ajv = Ajv;
		module.exports = exports = Ajv;
		module.exports.Ajv = Ajv;
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.default = Ajv;
		var validate_1 = /*@__PURE__*/ requireValidate();
		Object.defineProperty(exports, "KeywordCxt", { enumerable: true, get: function () { return validate_1.KeywordCxt; } });
		var codegen_1 = /*@__PURE__*/ requireCodegen();
		Object.defineProperty(exports, "_", { enumerable: true, get: function () { return codegen_1._; } });
		Object.defineProperty(exports, "str", { enumerable: true, get: function () { return codegen_1.str; } });
		Object.defineProperty(exports, "stringify", { enumerable: true, get: function () { return codegen_1.stringify; } });
		Object.defineProperty(exports, "nil", { enumerable: true, get: function () { return codegen_1.nil; } });
		Object.defineProperty(exports, "Name", { enumerable: true, get: function () { return codegen_1.Name; } });
		Object.defineProperty(exports, "CodeGen", { enumerable: true, get: function () { return codegen_1.CodeGen; } });
		var validation_error_1 = /*@__PURE__*/ requireValidation_error();
		Object.defineProperty(exports, "ValidationError", { enumerable: true, get: function () { return validation_error_1.default; } });
		var ref_error_1 = /*@__PURE__*/ requireRef_error();
		Object.defineProperty(exports, "MissingRefError", { enumerable: true, get: function () { return ref_error_1.default; } });
		
	} (ajv, ajv.exports));
	return ajv.exports;
}

var ajvExports = /*@__PURE__*/ requireAjv();

var $schema = "http://json-schema.org/draft-07/schema#";
var $id = "https://github.com/org/chaos-action/schema/experiment.schema.json";
var title = "Chaos Toolkit experiment (as run by chaos-action)";
var description = "A Chaos Toolkit experiment: a steady-state hypothesis, a method that injects a fault, and rollbacks.";
var type = "object";
var required = [
	"title",
	"description",
	"method"
];
var properties = {
	version: {
		type: "string",
		description: "Version of the experiment format; not read."
	},
	title: {
		type: "string",
		minLength: 1,
		description: "What the experiment proves. ${var} substitution applies.",
		"x-hint": "give the experiment a non-empty title"
	},
	description: {
		type: "string",
		minLength: 1,
		description: "Why the experiment exists.",
		"x-hint": "describe the experiment in a sentence"
	},
	tags: {
		type: "array",
		items: {
			type: "string",
			minLength: 1
		},
		description: "Free-form labels.",
		"x-hint": "tags are a list of non-empty strings"
	},
	contributions: {
		type: "object",
		additionalProperties: {
			"enum": [
				"high",
				"medium",
				"low",
				"none"
			]
		},
		description: "What the experiment contributes to (e.g. reliability: high)."
	},
	configuration: {
		$ref: "#/definitions/configuration"
	},
	secrets: {
		$ref: "#/definitions/secrets"
	},
	extensions: {
		type: "array",
		items: {
			type: "object",
			required: [
				"name"
			],
			properties: {
				name: {
					type: "string",
					pattern: "\\S",
					"x-hint": "every extension needs a non-empty name"
				}
			}
		}
	},
	controls: {
		type: "array",
		items: {
			$ref: "#/definitions/control"
		}
	},
	runtime: {
		type: "object",
		properties: {
			hypothesis: {
				type: "object",
				properties: {
					strategy: {
						"enum": [
							"default",
							"before-method-only",
							"after-method-only",
							"during-method-only",
							"continuously",
							"continously",
							"skip"
						],
						"x-hint": "one of default, before-method-only, after-method-only, during-method-only, continuously"
					}
				},
				additionalProperties: false
			},
			rollbacks: {
				type: "object",
				properties: {
					strategy: {
						"enum": [
							"default",
							"always",
							"never",
							"deviated"
						],
						"x-hint": "one of default, always, never, deviated"
					}
				},
				additionalProperties: false
			}
		},
		additionalProperties: false
	},
	"steady-state-hypothesis": {
		type: "object",
		required: [
			"title"
		],
		properties: {
			title: {
				type: "string",
				minLength: 1,
				"x-hint": "give the hypothesis a non-empty title"
			},
			probes: {
				type: "array",
				items: {
					$ref: "#/definitions/hypothesisProbe"
				}
			},
			controls: {
				type: "array",
				items: {
					$ref: "#/definitions/control"
				}
			}
		},
		additionalProperties: false
	},
	method: {
		type: "array",
		items: {
			$ref: "#/definitions/activity"
		},
		"x-hint": "method is a list of activities; it may be empty ([])"
	},
	rollbacks: {
		type: "array",
		items: {
			$ref: "#/definitions/activity"
		}
	},
	dry: {
		description: "Ignored in a file: the dry mode comes from the command line."
	}
};
var additionalProperties = false;
var definitions = {
	template: {
		type: "string",
		pattern: "^\\$\\{.*\\}$"
	},
	pause: {
		oneOf: [
			{
				type: "number"
			},
			{
				$ref: "#/definitions/template"
			}
		],
		"x-hint": "a number of seconds, or a \"${name}\" from the configuration or secrets"
	},
	ref: {
		type: "object",
		required: [
			"ref"
		],
		properties: {
			ref: {
				type: "string",
				minLength: 1,
				"x-hint": "a ref names another activity: {\"ref\": \"its-name\"}"
			}
		}
	},
	activity: {
		"if": {
			type: "object",
			required: [
				"ref"
			]
		},
		then: {
			$ref: "#/definitions/ref"
		},
		"else": {
			$ref: "#/definitions/fullActivity"
		}
	},
	hypothesisProbe: {
		type: "object",
		required: [
			"tolerance"
		],
		properties: {
			tolerance: {
				$ref: "#/definitions/tolerance"
			}
		},
		"if": {
			type: "object",
			required: [
				"ref"
			]
		},
		then: {
			$ref: "#/definitions/ref"
		},
		"else": {
			$ref: "#/definitions/fullActivity"
		}
	},
	fullActivity: {
		type: "object",
		required: [
			"type",
			"name",
			"provider"
		],
		properties: {
			type: {
				"enum": [
					"probe",
					"action"
				],
				"x-hint": "type is \"probe\" (reads) or \"action\" (changes)"
			},
			name: {
				type: "string",
				minLength: 1,
				"x-hint": "every activity needs a non-empty name"
			},
			provider: {
				$ref: "#/definitions/provider"
			},
			tolerance: {
			},
			timeout: {
				type: "number"
			},
			pauses: {
				type: "object",
				properties: {
					before: {
						$ref: "#/definitions/pause"
					},
					after: {
						$ref: "#/definitions/pause"
					}
				},
				additionalProperties: false
			},
			background: {
				type: "boolean"
			},
			controls: {
				type: "array",
				items: {
					$ref: "#/definitions/control"
				}
			},
			dry: {
			},
			ref: {
			}
		},
		additionalProperties: false
	},
	provider: {
		type: "object",
		required: [
			"type"
		],
		properties: {
			type: {
				"enum": [
					"http",
					"process",
					"python"
				],
				"x-hint": "provider type is http, process or python"
			}
		},
		allOf: [
			{
				"if": {
					properties: {
						type: {
							"const": "http"
						}
					},
					required: [
						"type"
					]
				},
				then: {
					$ref: "#/definitions/httpProvider"
				}
			},
			{
				"if": {
					properties: {
						type: {
							"const": "process"
						}
					},
					required: [
						"type"
					]
				},
				then: {
					$ref: "#/definitions/processProvider"
				}
			},
			{
				"if": {
					properties: {
						type: {
							"const": "python"
						}
					},
					required: [
						"type"
					]
				},
				then: {
					$ref: "#/definitions/pythonProvider"
				}
			}
		]
	},
	httpProvider: {
		required: [
			"url"
		],
		properties: {
			type: {
			},
			url: {
				type: "string",
				minLength: 1,
				"x-hint": "a HTTP activity needs a url"
			},
			method: {
				type: "string"
			},
			headers: {
				type: "object",
				"x-hint": "headers are a mapping of name: value"
			},
			"arguments": {
			},
			timeout: {
				oneOf: [
					{
						type: "number"
					},
					{
						type: "array",
						items: {
							type: "number"
						},
						minItems: 2,
						maxItems: 2
					},
					{
						$ref: "#/definitions/template"
					}
				],
				"x-hint": "seconds, or [connect, read] seconds"
			},
			verify_tls: {
				type: "boolean"
			},
			max_retries: {
				type: "integer",
				minimum: 0
			},
			expected_status: {
				description: "Ignored by Chaos Toolkit since 0.3.0."
			},
			secrets: {
				type: "array",
				items: {
					type: "string"
				}
			}
		},
		additionalProperties: false
	},
	processProvider: {
		required: [
			"path"
		],
		properties: {
			type: {
			},
			path: {
				type: "string",
				minLength: 1,
				"x-hint": "a process activity needs the path (or name on PATH) of the program to run"
			},
			"arguments": {
				type: [
					"string",
					"array",
					"object"
				]
			},
			timeout: {
				type: "number"
			},
			secrets: {
				type: "array",
				items: {
					type: "string"
				}
			}
		},
		additionalProperties: false
	},
	pythonProvider: {
		required: [
			"module",
			"func"
		],
		properties: {
			type: {
			},
			module: {
				type: "string",
				minLength: 1,
				"x-hint": "a Python activity needs a module path, e.g. chaosaws.ec2.actions"
			},
			func: {
				type: "string",
				minLength: 1,
				"x-hint": "a Python activity needs the function name"
			},
			"arguments": {
				type: "object",
				"x-hint": "arguments are a mapping of parameter: value"
			},
			secrets: {
				type: "array",
				items: {
					type: "string"
				},
				"x-hint": "a list of secret scope names"
			}
		},
		additionalProperties: false
	},
	tolerance: {
		type: [
			"boolean",
			"integer",
			"string",
			"array",
			"object"
		],
		"x-hint": "a tolerance is a boolean, an integer, a string, a list, or an object of type regex, jsonpath, range or probe",
		"if": {
			type: "object"
		},
		then: {
			required: [
				"type"
			],
			properties: {
				type: {
					"enum": [
						"regex",
						"jsonpath",
						"range",
						"probe"
					],
					"x-hint": "tolerance type is regex, jsonpath, range or probe"
				}
			},
			allOf: [
				{
					"if": {
						properties: {
							type: {
								"const": "regex"
							}
						}
					},
					then: {
						required: [
							"pattern"
						],
						properties: {
							pattern: {
								type: "string",
								"x-hint": "a regex tolerance needs a pattern string"
							},
							target: {
								type: "string"
							}
						}
					}
				},
				{
					"if": {
						properties: {
							type: {
								"const": "jsonpath"
							}
						}
					},
					then: {
						required: [
							"path"
						],
						properties: {
							path: {
								type: "string",
								"x-hint": "a jsonpath tolerance needs a path string starting with $"
							},
							target: {
								type: "string"
							},
							count: {
								type: "integer"
							},
							expect: {
							}
						}
					}
				},
				{
					"if": {
						properties: {
							type: {
								"const": "range"
							}
						}
					},
					then: {
						required: [
							"range"
						],
						properties: {
							range: {
								type: "array",
								items: {
									type: "number"
								},
								minItems: 2,
								maxItems: 2,
								"x-hint": "a range is a list of two numbers: [lower, upper]"
							},
							target: {
								type: "string"
							}
						}
					}
				},
				{
					"if": {
						properties: {
							type: {
								"const": "probe"
							}
						}
					},
					then: {
						$ref: "#/definitions/fullActivity"
					}
				}
			]
		}
	},
	configuration: {
		type: "object",
		additionalProperties: {
			"if": {
				type: "object",
				required: [
					"type"
				],
				properties: {
					type: {
						"const": "env"
					}
				}
			},
			then: {
				required: [
					"key"
				],
				properties: {
					type: {
					},
					key: {
						type: "string",
						minLength: 1,
						"x-hint": "the name of the environment variable"
					},
					"default": {
					},
					env_var_type: {
						"enum": [
							"str",
							"string",
							"int",
							"integer",
							"float",
							"number",
							"bytes",
							"bool",
							"json"
						],
						"x-hint": "one of str, int, float, bytes, bool, json"
					}
				},
				additionalProperties: false
			},
			"else": {
				"if": {
					type: "object",
					required: [
						"type"
					],
					properties: {
						type: {
							"const": "probe"
						}
					}
				},
				then: {
					$ref: "#/definitions/fullActivity"
				}
			}
		}
	},
	secrets: {
		type: "object",
		additionalProperties: {
			$ref: "#/definitions/secretScope"
		}
	},
	secretScope: {
		"if": {
			type: "object",
			required: [
				"type"
			],
			properties: {
				type: {
					"enum": [
						"env",
						"vault"
					]
				}
			}
		},
		then: {
			$ref: "#/definitions/secretSource"
		},
		"else": {
			"if": {
				type: "object"
			},
			then: {
				additionalProperties: {
					$ref: "#/definitions/secretScope"
				}
			}
		}
	},
	secretSource: {
		allOf: [
			{
				"if": {
					properties: {
						type: {
							"const": "env"
						}
					}
				},
				then: {
					required: [
						"key"
					],
					properties: {
						type: {
						},
						key: {
							type: "string",
							minLength: 1,
							"x-hint": "the name of the environment variable"
						}
					},
					additionalProperties: false
				}
			},
			{
				"if": {
					properties: {
						type: {
							"const": "vault"
						}
					}
				},
				then: {
					properties: {
						type: {
						},
						path: {
							type: "string"
						},
						key: {
							type: "string"
						}
					}
				}
			}
		]
	},
	control: {
		type: "object",
		"if": {
			required: [
				"ref"
			]
		},
		then: {
			properties: {
				ref: {
					type: "string",
					minLength: 1
				}
			}
		},
		"else": {
			required: [
				"name",
				"provider"
			],
			properties: {
				name: {
					type: "string",
					minLength: 1
				},
				scope: {
					"enum": [
						"before",
						"after"
					],
					"x-hint": "a control's scope is before or after"
				},
				automatic: {
					type: "boolean"
				},
				provider: {
					type: "object",
					required: [
						"type",
						"module"
					],
					properties: {
						type: {
							"const": "python"
						},
						module: {
							type: "string",
							minLength: 1
						}
					}
				}
			}
		}
	}
};
var schema = {
	$schema: $schema,
	$id: $id,
	title: title,
	description: description,
	type: type,
	required: required,
	properties: properties,
	additionalProperties: additionalProperties,
	definitions: definitions
};

// Names a place in an experiment the way a user thinks of it: `hypothesis probe "api-up"`,
// `method action "kill-db" provider.url`, `configuration "db_url"`.
function splitPointer(pointer) {
    if (pointer === '')
        return [];
    return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
function activityLabel(kind, entry, index) {
    if (isMapping(entry)) {
        if (typeof entry.ref === 'string')
            return `${kind} ref "${entry.ref}"`;
        const type = entry.type === 'probe' || entry.type === 'action' ? ` ${entry.type}` : '';
        if (typeof entry.name === 'string' && entry.name)
            return `${kind}${type} "${entry.name}"`;
    }
    return `${kind} #${Number(index) + 1}`;
}
function describePointer(pointer, root) {
    const segs = splitPointer(pointer);
    const at = (n) => segs.slice(0, n).reduce((v, s) => (isMapping(v) || Array.isArray(v) ? v[s] : undefined), root);
    let label;
    let used;
    const [a, b, c] = segs;
    if (a === 'steady-state-hypothesis' && b === 'probes' && c !== undefined) {
        label = activityLabel('hypothesis probe', at(3), c);
        used = 3;
    }
    else if ((a === 'method' || a === 'rollbacks') && b !== undefined) {
        label = activityLabel(a === 'method' ? 'method' : 'rollback', at(2), b);
        used = 2;
    }
    else if (a === 'steady-state-hypothesis') {
        label = 'the steady-state hypothesis';
        used = 1;
    }
    else if (a === 'configuration' && b !== undefined) {
        label = `configuration "${b}"`;
        used = 2;
    }
    else if (a === 'secrets' && b !== undefined && c !== undefined) {
        label = `secret "${b}.${c}"`;
        used = 3;
    }
    else if (a === 'extensions' && b !== undefined) {
        const ext = at(2);
        label = isMapping(ext) && typeof ext.name === 'string' && ext.name.trim() ? `extension "${ext.name}"` : `extension #${Number(b) + 1}`;
        used = 2;
    }
    else if (a === undefined) {
        return 'the experiment';
    }
    else {
        label = a;
        used = 1;
    }
    const rest = segs.slice(used).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
    return rest ? `${label} ${rest}` : label;
}

// The published JSON Schema (schema/experiment.schema.json), compiled with ajv, its errors turned
// into problems a user can act on: which activity, what is wrong, what would be right.
let compiled;
function validator() {
    if (!compiled) {
        const ajv = new ajvExports.Ajv({ allErrors: true, verbose: true, strict: false });
        ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' });
        compiled = ajv.compile(schema);
    }
    return compiled;
}
function checkSchema(document) {
    const validate = validator();
    if (validate(document))
        return [];
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    // A failed oneOf also reports why each branch failed (through $refs, so not under its schema
    // path); its own message, with the hint, says it better than the branches at the same value.
    const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
    const kept = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf' || !alternatives.has(e.instancePath));
    const problems = kept.map((e) => toProblem(e, document));
    return dedupe(problems);
}
function dedupe(problems) {
    const seen = new Set();
    return problems.filter((p) => {
        const key = `${p.pointer}\u0000${p.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function hintOf(schemaNode) {
    const hint = schemaNode?.['x-hint'];
    return typeof hint === 'string' ? hint : undefined;
}
function withHint(problem, hint) {
    return hint ? { ...problem, hint } : problem;
}
function toProblem(e, root) {
    const where = describePointer(e.instancePath, root);
    const hint = hintOf(e.parentSchema);
    const params = e.params;
    switch (e.keyword) {
        case 'required': {
            const prop = String(params.missingProperty);
            const propSchema = e.parentSchema?.properties?.[prop];
            return withHint({ severity: 'error', code: 'schema-required', pointer: e.instancePath, message: `${where} has no "${prop}"` }, hintOf(propSchema));
        }
        case 'additionalProperties': {
            const prop = String(params.additionalProperty);
            const known = Object.keys(e.parentSchema?.properties ?? {});
            const suggestion = closest(prop, known);
            return withHint({
                severity: 'warning',
                code: 'unknown-key',
                pointer: joinPointer(e.instancePath, prop),
                atKey: true,
                message: `unknown key "${prop}" in ${where}; it is ignored`,
            }, suggestion ? `did you mean "${suggestion}"?` : undefined);
        }
        case 'type':
            return withHint({
                severity: 'error',
                code: 'schema-type',
                pointer: e.instancePath,
                message: `${where} must be ${typeWords(String(params.type))}, not ${pythonTypeName(e.data)}`,
            }, hint);
        case 'enum':
        case 'const': {
            const allowed = params.allowedValues ?? [params.allowedValue];
            const suggestion = typeof e.data === 'string' ? closest(e.data, allowed.map(String)) : undefined;
            return withHint({
                severity: 'error',
                code: 'schema-enum',
                pointer: e.instancePath,
                message: `${where} is ${JSON.stringify(e.data)}; expected ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
            }, suggestion ? `did you mean "${suggestion}"?` : hint);
        }
        case 'minLength':
            return withHint({ severity: 'error', code: 'schema-empty', pointer: e.instancePath, message: `${where} must not be empty` }, hint);
        case 'minItems':
        case 'maxItems':
            return withHint({ severity: 'error', code: 'schema-items', pointer: e.instancePath, message: `${where} must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items` }, hint);
        case 'oneOf':
        case 'anyOf':
            return withHint({ severity: 'error', code: 'schema-shape', pointer: e.instancePath, message: `${where} has the wrong form (${JSON.stringify(e.data)})` }, hint);
        default:
            return withHint({ severity: 'error', code: `schema-${e.keyword}`, pointer: e.instancePath, message: `${where} ${e.message ?? 'is invalid'}` }, hint);
    }
}
function typeWords(types) {
    const words = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', null: 'null' };
    const list = types.split(',').map((t) => words[t] ?? t);
    return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list.at(-1)}` : (list[0] ?? types);
}
/** The candidate within edit distance 2 of `word`, for "did you mean" hints. */
function closest(word, candidates) {
    let best;
    let bestDistance = 3;
    for (const c of candidates) {
        const d = editDistance(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(cur + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}

// The experiment's secrets block resolved as chaoslib's load_secrets does it (literal and env
// values, nested scopes, var-file scopes replacing whole scopes). Every value found is a secret.
function loadSecrets(declared, vars, env) {
    const problems = [];
    const secretValues = [];
    const load = (info, overrides, pointer) => {
        const out = {};
        const extra = isMapping(overrides) ? overrides : {};
        for (const [key, value] of Object.entries(info)) {
            const at = joinPointer(pointer, key);
            if (!isMapping(value)) {
                out[key] = value;
                secretValues.push(value);
            }
            else if (extra[key] !== undefined && extra[key] !== null) {
                out[key] = extra[key];
                secretValues.push(extra[key]);
            }
            else if (value.type === 'env') {
                const envKey = value.key;
                if (typeof envKey !== 'string' || envKey === '')
                    continue; // the schema reports it
                if (env[envKey] === undefined) {
                    problems.push({
                        severity: 'error',
                        code: 'secret-env-missing',
                        pointer: joinPointer(at, 'key'),
                        message: `Secrets make reference to an environment key that does not exist: ${envKey}`,
                        hint: `set ${envKey} in the environment (secrets have no default)`,
                    });
                    continue;
                }
                out[key] = env[envKey];
                secretValues.push(env[envKey]);
            }
            else if (value.type === 'vault') {
                problems.push({
                    severity: 'error',
                    code: 'secret-vault-unsupported',
                    pointer: joinPointer(at, 'type'),
                    message: 'vault secrets are not supported by chaos-action yet',
                    hint: 'read the secret into an environment variable in an earlier workflow step and use {type: env, key: NAME}',
                });
            }
            else {
                out[key] = load(value, extra[key], at);
            }
        }
        return out;
    };
    const values = isMapping(declared) ? load(declared, vars, '/secrets') : {};
    return { values, problems, secretValues };
}

// ${name} substitution exactly as chaoslib does it (string.Template.safe_substitute, plus the
// typed whole-string case of its TypedTemplate): configuration first, then every secret scope.
/** Python's Template pattern: $$, $identifier, ${identifier}, or a lone $ (ASCII, case-insensitive). */
const PATTERN = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;
const WHOLE = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}$/;
/** The lookup chain: configuration keys first, then every secret scope in declaration order. */
function substitutionScope(configuration, secrets) {
    const scope = new Map();
    for (const scopeValues of Object.values(secrets).reverse()) {
        if (scopeValues && typeof scopeValues === 'object' && !Array.isArray(scopeValues)) {
            for (const [k, v] of Object.entries(scopeValues))
                scope.set(k, v);
        }
    }
    for (const [k, v] of Object.entries(configuration))
        scope.set(k, v);
    return scope;
}
function substituteString(template, scope, report) {
    const whole = WHOLE.exec(template);
    if (whole && scope.has(whole[1]))
        return scope.get(whole[1]);
    return template.replace(PATTERN, (match, escaped, named, braced) => {
        if (escaped !== undefined)
            return '$';
        const name = (named ?? braced);
        if (name === undefined)
            return match;
        if (scope.has(name))
            return pythonStr(scope.get(name));
        return match;
    });
}
/** Substitutes recursively in strings, lists and mapping values (never keys); other values pass. */
function substitute(data, scope, report) {
    if (typeof data === 'string')
        return data === '' ? data : substituteString(data, scope);
    if (Array.isArray(data))
        return data.map((v) => substitute(v, scope));
    if (data && typeof data === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(data)) {
            defineKey(out, k, substitute(v, scope));
        }
        return out;
    }
    return data;
}
/** The names a value refers to as ${name} (for "undefined variable" warnings). */
function bracedNames(data, into = new Set()) {
    if (typeof data === 'string') {
        for (const m of data.matchAll(PATTERN))
            if (m[3])
                into.add(m[3]);
    }
    else if (Array.isArray(data)) {
        for (const v of data)
            bracedNames(v, into);
    }
    else if (data && typeof data === 'object') {
        for (const v of Object.values(data))
            bracedNames(v, into);
    }
    return into;
}

// A faithful port of the JSONPath dialect of the Python library jsonpath2 0.4.5, which Chaos Toolkit's
// `jsonpath` tolerance uses. `parseJsonPath` accepts exactly what `jsonpath2.path.Path.parse_str`
// accepts and `evaluateJsonPath` returns `[m.current_value for m in path.match(data)]`, in order.
//
// The grammar mirrors jsonpath2/parser/JSONPath.g4 (ANTLR; generated JSONPathLexer.py and
// JSONPathParser.py), the tree building mirrors the listener in jsonpath2/parser/__init__.py, and the
// evaluation mirrors jsonpath2/nodes/*.py, jsonpath2/subscripts/*.py and jsonpath2/expressions/*.py.
// jsonpath2 evaluates lazily with Python generators; we use JS generators in the same places, so that
// short-circuiting (and the one run-time error, a zero slice step) happens exactly where it does there.
//
// Dialect surprises worth knowing (each is pinned by a test):
//   - strings are double-quoted only, and their escapes are NOT decoded: `$["a\"b"]` looks up the key
//     `a\"b` (backslash included), because the listener takes `STRING.getText()[1:-1]`;
//   - equality is `=` (`==` is a syntax error); `and`/`or`/`not` are lowercase keywords, so `$.true`,
//     `$.and`, `$.null`... are syntax errors (write `$["true"]`);
//   - `or` binds tighter than `and`: `a and b or c` means `a and (b or c)`;
//   - a filter `[?(...)]` tests the current node itself, not its children;
//   - `<`, `<=`, `>`, `>=` hold only between numbers, but booleans are numbers in Python (`true > 0`);
//   - comparing two paths only compares the FIRST left-hand match with the right-hand matches;
//   - slices go through Python's `range()`, so `[::-1]` selects nothing and `[::0]` raises on arrays;
//   - `length()` works on arrays and strings but yields nothing for objects.
// jsonpath2 raises while matching in one case only (a zero slice step on an array); we throw
// JsonPathEvaluationError there.
// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------
/** Thrown by `parseJsonPath` for every path jsonpath2 rejects. */
class JsonPathSyntaxError extends Error {
    /** 0-based offset (in UTF-16 code units) into the path string where parsing failed. */
    offset;
    constructor(message, offset) {
        super(message);
        this.name = 'JsonPathSyntaxError';
        this.offset = offset;
    }
}
/** Thrown by `evaluateJsonPath` where jsonpath2 raises while matching (a zero slice step on an array). */
class JsonPathEvaluationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JsonPathEvaluationError';
    }
}
function parseJsonPath(source) {
    const tokens = tokenize(source);
    return { source, root: new Parser(tokens).parsePath() };
}
function evaluateJsonPath(path, data) {
    return Array.from(matchNode(path.root, data, data));
}
/** Python's `==` over JSON values: `True == 1`, `1 == 1.0`, deep list/dict equality, `"1" != 1`. */
function pythonEquals(a, b) {
    if (isPythonNumber(a) && isPythonNumber(b))
        return Number(a) === Number(b);
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pythonEquals(x, b[i]));
    }
    if (isMapping(a) && isMapping(b))
        return mappingsEqual(a, b);
    return a === b;
}
const TERMINAL = { kind: 'terminal' };
// ---------------------------------------------------------------------------------------------------
// Lexer — the lexer rules of JSONPath.g4: longest match wins, ties go to the rule listed first
// (so `and` is the keyword AND, `andy` an ID). Whitespace [ \t\n\r] is skipped between tokens.
// ---------------------------------------------------------------------------------------------------
/** Fixed tokens in the order JSONPath.g4 declares them. */
const FIXED_TOKENS = [
    '@', '..', '$', '.', '*', 'and', '=', '>=', '>', '<=', '<', '!=', 'not', 'or',
    'true', 'false', 'null', '{', '}', '[', ']', ':', ',', '(', ')', '?',
];
const PATTERN_TOKENS = [
    ['ID', /[_A-Za-z][_A-Za-z0-9]*/y],
    // STRING: '"' (ESC | SAFECODEPOINT)* '"' with ESC = \ ["\\/bfnrt] | \uXXXX and SAFECODEPOINT = ~["\\\u0000-\u001F]
    ['STRING', /"(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|[^"\\\u0000-\u001f])*"/y],
    // NUMBER: '-'? INT ('.' [0-9]+)? EXP? with INT = '0' | [1-9][0-9]* (so "01" lexes as "0" then "1")
    ['NUMBER', /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?(?:0|[1-9][0-9]*))?/y],
];
const WHITESPACE$1 = /[ \t\n\r]+/y;
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null']);
function tokenize(source) {
    const tokens = [];
    let offset = skipWhitespace(source, 0);
    while (offset < source.length) {
        const token = longestToken(source, offset);
        if (token === null)
            throw lexerError(source, offset);
        tokens.push(token);
        offset = skipWhitespace(source, offset + token.text.length);
    }
    tokens.push({ type: 'EOF', text: '', offset: source.length });
    return tokens;
}
function skipWhitespace(source, offset) {
    WHITESPACE$1.lastIndex = offset;
    return WHITESPACE$1.test(source) ? WHITESPACE$1.lastIndex : offset;
}
function longestToken(source, offset) {
    let best = null;
    const consider = (type, text) => {
        if (text.length > 0 && (best === null || text.length > best.text.length))
            best = { type, text, offset };
    };
    for (const fixed of FIXED_TOKENS) {
        if (source.startsWith(fixed, offset))
            consider(fixed, fixed);
    }
    for (const [type, pattern] of PATTERN_TOKENS) {
        pattern.lastIndex = offset;
        const match = pattern.exec(source);
        if (match)
            consider(type, match[0]);
    }
    return best;
}
/** ANTLR's "token recognition error", with a hint at what was probably meant. */
function lexerError(source, offset) {
    const ch = String.fromCodePoint(source.codePointAt(offset));
    const at = `at offset ${offset}`;
    switch (ch) {
        case "'":
            return new JsonPathSyntaxError(`unexpected "'" ${at}: strings must be double-quoted`, offset);
        case '"':
            return stringError(source, offset);
        case '&':
        case '|':
            return new JsonPathSyntaxError(`unexpected "${ch}" ${at}: jsonpath2 combines filters with "and" / "or"`, offset);
        case '!':
            return new JsonPathSyntaxError(`unexpected "!" ${at}: use "not" to negate, "!=" for inequality`, offset);
        case '-':
            return new JsonPathSyntaxError(`unexpected "-" ${at}: "-" may only start a number`, offset);
        default:
            return new JsonPathSyntaxError(`unexpected character ${describeCharacter(ch)} ${at}` +
                (/[\p{L}\p{N}]/u.test(ch) ? ': member names must be ASCII identifiers; quote others: ["name"]' : ''), offset);
    }
}
/** `"x"` for visible characters, `U+00A0` for whitespace and control characters. */
function describeCharacter(ch) {
    if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch))
        return JSON.stringify(ch);
    return `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
/** Explains why the string starting at `start` is not a valid STRING token. */
function stringError(source, start) {
    for (let i = start + 1; i < source.length; i++) {
        const ch = source[i];
        if (ch === '"')
            break; // unreachable for a failed STRING, kept for safety
        if (ch === '\\') {
            if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(source.slice(i, i + 6))) {
                return new JsonPathSyntaxError(`invalid escape at offset ${i}: strings allow only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX`, i);
            }
            i += source[i + 1] === 'u' ? 5 : 1;
        }
        else if (ch.charCodeAt(0) < 0x20) {
            const code = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
            return new JsonPathSyntaxError(`control character U+${code} at offset ${i} is not allowed in a string`, i);
        }
    }
    return new JsonPathSyntaxError(`unterminated string starting at offset ${start}`, start);
}
// ---------------------------------------------------------------------------------------------------
// Parser — one method per parser rule of JSONPath.g4. ANTLR's error listener in
// jsonpath2/parser/__init__.py raises on the first syntax error, so there is no error recovery:
// a path is accepted exactly when it derives from the grammar.
// ---------------------------------------------------------------------------------------------------
const SUBSCRIPT_START = new Set(['..', '.', '[']);
const VALUE_START = new Set(['STRING', 'NUMBER', '{', '[', 'true', 'false', 'null']);
const COMPARISON_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** Callable subscripts in jsonpath2/subscripts/callable.py, keyed by the name used in paths. */
const FUNCTIONS = {
    charAt: charAtFunction,
    entries: entriesFunction,
    keys: keysFunction,
    length: lengthFunction,
    substring: substringFunction,
    values: valuesFunction,
};
function isFunctionName(name) {
    return Object.hasOwn(FUNCTIONS, name);
}
class Parser {
    tokens;
    index = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    // jsonpath : ROOT_VALUE subscript? EOF
    parsePath() {
        const first = this.peek();
        if (first.type === 'EOF')
            throw new JsonPathSyntaxError('empty path: a JSONPath must start with "$"', first.offset);
        if (first.type !== '$') {
            const hint = first.type === '@' ? ' ("@" only appears inside brackets and filters)' : '';
            this.fail(first, `a JSONPath must start with "$"${hint}`);
        }
        this.advance();
        const next = this.parseOptionalSubscript();
        const rest = this.peek();
        if (rest.type !== 'EOF') {
            const hint = COMPARISON_OPERATORS.has(rest.type) ? 'comparisons belong inside a filter: [?(...)]' : 'expected the end of the path';
            this.fail(rest, hint);
        }
        return { kind: 'root', next };
    }
    // jsonpath_ : ( ROOT_VALUE | CURRENT_VALUE ) subscript?
    parseRelativePath() {
        const kind = this.advance().type === '$' ? 'root' : 'current';
        return { kind, next: this.parseOptionalSubscript() };
    }
    parseOptionalSubscript() {
        return SUBSCRIPT_START.has(this.peek().type) ? this.parseSubscript() : TERMINAL;
    }
    // subscript : RECURSIVE_DESCENT ( subscriptableBareword | subscriptables ) subscript?
    //           | SUBSCRIPT subscriptableBareword subscript?
    //           | subscriptables subscript?
    parseSubscript() {
        const token = this.peek();
        if (token.type === '[') {
            const subscripts = this.parseSubscriptables();
            return { kind: 'subscript', subscripts, next: this.parseOptionalSubscript() };
        }
        this.advance();
        const recursive = token.type === '..';
        const subscripts = recursive && this.peek().type === '[' ? this.parseSubscriptables() : [this.parseBareword(token)];
        const node = { kind: 'subscript', subscripts, next: this.parseOptionalSubscript() };
        return recursive ? { kind: 'recursiveDescent', next: node } : node;
    }
    // subscriptableBareword : ID subscriptableArguments? | WILDCARD_SUBSCRIPT
    parseBareword(dot) {
        const token = this.peek();
        if (token.type === '*') {
            this.advance();
            return { kind: 'wildcard' };
        }
        if (token.type !== 'ID')
            this.fail(token, barewordHint(dot, token));
        this.advance();
        if (this.peek().type === '(')
            return this.parseCall(token);
        return { kind: 'objectIndex', key: token.text };
    }
    // subscriptables : BRACKET_LEFT subscriptable ( COMMA subscriptable )* BRACKET_RIGHT
    parseSubscriptables() {
        this.expect('[', 'expected "["');
        const subscripts = [this.parseSubscriptable()];
        while (this.peek().type === ',') {
            this.advance();
            subscripts.push(this.parseSubscriptable());
        }
        this.expect(']', 'expected "," or "]"');
        return subscripts;
    }
    // subscriptable : STRING | NUMBER{int}? sliceable? | sliceable | WILDCARD_SUBSCRIPT
    //               | QUESTION PAREN_LEFT expression PAREN_RIGHT | jsonpath_ | ID subscriptableArguments
    parseSubscriptable() {
        const token = this.peek();
        switch (token.type) {
            case 'STRING':
                this.advance();
                return { kind: 'objectIndex', key: rawStringContent(token) };
            case 'NUMBER': {
                this.advance();
                const index = this.integer(token, 'an array index');
                return this.peek().type === ':' ? this.parseSliceable(index) : { kind: 'arrayIndex', index };
            }
            case ':':
                return this.parseSliceable(null);
            case '*':
                this.advance();
                return { kind: 'wildcard' };
            case '?':
                return this.parseFilter();
            case '$':
            case '@':
                return { kind: 'node', path: this.parseRelativePath() };
            case 'ID':
                this.advance();
                if (this.peek().type !== '(') {
                    this.fail(token, `a bare name is not allowed inside brackets: write [${JSON.stringify(token.text)}] or .${token.text}`);
                }
                return this.parseCall(token);
            default:
                return this.fail(token, subscriptableHint(token));
        }
    }
    parseFilter() {
        this.advance(); // '?'
        this.expect('(', 'a filter is written [?(expression)]');
        const expression = this.parseExpression();
        this.expect(')', 'expected ")" to close the filter');
        return { kind: 'filter', expression };
    }
    // sliceable : COLON ( NUMBER{int}? )? ( COLON ( NUMBER{int}? )? )?
    parseSliceable(start) {
        this.expect(':', 'expected ":"');
        const end = this.optionalInteger('a slice end');
        let step = null;
        if (this.peek().type === ':') {
            this.advance();
            step = this.optionalInteger('a slice step');
        }
        return { kind: 'slice', start, end, step };
    }
    optionalInteger(what) {
        const token = this.peek();
        if (token.type !== 'NUMBER')
            return null;
        this.advance();
        return this.integer(token, what);
    }
    /** The grammar's `{self.tryCast(int)}?` predicate: Python's int() must accept the NUMBER's text. */
    integer(token, what) {
        if (!/^-?[0-9]+$/.test(token.text))
            this.fail(token, `${what} must be an integer`);
        return BigInt(token.text);
    }
    // ID subscriptableArguments, where
    // subscriptableArguments : PAREN_LEFT ( jsonpath__ ( COMMA jsonpath__ )* )? PAREN_RIGHT
    // An unknown name parses, then jsonpath2's listener raises CallableSubscriptNotFoundError.
    parseCall(name) {
        this.expect('(', 'expected "("');
        const args = [];
        if (this.peek().type !== ')') {
            args.push(this.parseOperand());
            while (this.peek().type === ',') {
                this.advance();
                args.push(this.parseOperand());
            }
        }
        this.expect(')', 'expected "," or ")" in the argument list');
        if (!isFunctionName(name.text)) {
            const known = Object.keys(FUNCTIONS).map((f) => `${f}()`).join(', ');
            this.fail(name, `unknown function "${name.text}"; jsonpath2 knows ${known}`);
        }
        return { kind: 'call', name: name.text, args };
    }
    // expression : andExpression ;  andExpression : orExpression ( AND andExpression )?
    // Note the precedence: `or` binds tighter than `and`.
    parseExpression() {
        const first = this.parseOr();
        if (this.peek().type !== 'and')
            return first;
        this.advance();
        return variadic('and', first, this.parseExpression());
    }
    // orExpression : notExpression ( OR orExpression )?
    parseOr() {
        const first = this.parseNot();
        if (this.peek().type !== 'or')
            return first;
        this.advance();
        return variadic('or', first, this.parseOr());
    }
    // notExpression : NOT notExpression | PAREN_LEFT expression PAREN_RIGHT
    //               | jsonpath__ ( ( EQ | NE | LT | LE | GT | GE ) jsonpath__ )?
    parseNot() {
        const token = this.peek();
        if (token.type === 'not') {
            this.advance();
            const operand = this.parseNot();
            // The listener unwraps `not not x` to `x` (parser/__init__.py, exitNotExpression).
            return operand.kind === 'not' ? operand.operand : { kind: 'not', operand };
        }
        if (token.type === '(') {
            this.advance();
            const expression = this.parseExpression();
            this.expect(')', 'expected ")"');
            return expression;
        }
        const left = this.parseOperand();
        const operator = this.peek();
        if (!COMPARISON_OPERATORS.has(operator.type))
            return { kind: 'some', operand: left };
        this.advance();
        if (operator.type === '=' && this.peek().type === '=') {
            this.fail(this.peek(), '"==" is not an operator here: jsonpath2 uses "=" for equality');
        }
        const right = this.parseOperand();
        return { kind: 'compare', operator: operator.type, left, right };
    }
    // jsonpath__ : jsonpath_ | value
    parseOperand() {
        const token = this.peek();
        if (token.type === '$' || token.type === '@')
            return { kind: 'path', path: this.parseRelativePath() };
        if (!VALUE_START.has(token.type)) {
            this.fail(token, 'expected a path starting with "@" or "$", or a JSON value (double-quoted string, number, true, false, null, [...], {...})');
        }
        const isInt = token.type === 'true' || token.type === 'false' || (token.type === 'NUMBER' && !/[.eE]/.test(token.text));
        return { kind: 'literal', value: this.parseValue(), isInt };
    }
    // value : STRING | NUMBER | obj | array | TRUE | FALSE | NULL
    parseValue() {
        const token = this.advance();
        switch (token.type) {
            case 'STRING':
                return rawStringContent(token);
            case 'NUMBER':
                return numberValue(token.text);
            case 'true':
                return true;
            case 'false':
                return false;
            case 'null':
                return null;
            case '{':
                return this.parseObjectRest();
            case '[':
                return this.parseArrayRest();
            default:
                return this.fail(token, 'expected a JSON value');
        }
    }
    // obj : BRACE_LEFT pair ( COMMA pair )* BRACE_RIGHT | BRACE_LEFT BRACE_RIGHT ; pair : STRING COLON value
    parseObjectRest() {
        const entries = [];
        if (this.peek().type !== '}') {
            do {
                const key = this.expect('STRING', 'object keys must be double-quoted strings');
                this.expect(':', 'expected ":" after an object key');
                entries.push([rawStringContent(key), this.parseValue()]);
            } while (this.acceptComma());
        }
        this.expect('}', 'expected "," or "}"');
        return Object.fromEntries(entries); // duplicate keys: the last value wins, as in a Python dict
    }
    // array : BRACKET_LEFT value ( COMMA value )* BRACKET_RIGHT | BRACKET_LEFT BRACKET_RIGHT
    parseArrayRest() {
        const values = [];
        if (this.peek().type !== ']') {
            do
                values.push(this.parseValue());
            while (this.acceptComma());
        }
        this.expect(']', 'expected "," or "]"');
        return values;
    }
    acceptComma() {
        if (this.peek().type !== ',')
            return false;
        this.advance();
        return true;
    }
    peek() {
        return this.tokens[this.index];
    }
    advance() {
        const token = this.peek();
        if (token.type !== 'EOF')
            this.index++;
        return token;
    }
    expect(type, detail) {
        const token = this.peek();
        if (token.type !== type)
            this.fail(token, detail);
        return this.advance();
    }
    fail(token, detail) {
        const what = token.type === 'EOF' ? 'end of path' : JSON.stringify(token.text);
        throw new JsonPathSyntaxError(`unexpected ${what} at offset ${token.offset}: ${detail}`, token.offset);
    }
}
function barewordHint(dot, token) {
    if (KEYWORDS.has(token.type)) {
        return `"${token.text}" is a jsonpath2 keyword, not a member name: write ["${token.text}"]`;
    }
    if (token.type === 'NUMBER')
        return `array indices go in brackets: [${token.text}]`;
    if (token.type === 'STRING')
        return `quoted names go in brackets: [${token.text}]`;
    if (token.type === '[')
        return `"${dot.text}" must be followed by a name or "*"; drop the "." before "["`;
    return `"${dot.text}" must be followed by a name, a function call or "*"`;
}
function subscriptableHint(token) {
    if (token.type === '(')
        return 'a filter is written [?(expression)]';
    if (KEYWORDS.has(token.type))
        return `"${token.text}" is a keyword: write ["${token.text}"]`;
    return 'expected a double-quoted name, an index, a slice, "*", a filter "?(...)", a path or a function call';
}
/** Combines two operands of `and`/`or`, flattening nested ones as the listener does. */
function variadic(kind, first, rest) {
    const flatten = (e) => (e.kind === kind ? e.operands : [e]);
    return { kind, operands: [...flatten(first), ...flatten(rest)] };
}
/** jsonpath2 keeps a STRING's text between the quotes as is: escapes are never decoded. */
function rawStringContent(token) {
    return token.text.slice(1, -1);
}
/** exitValue: float() when the text has ".", "e" or "E", else int() (so "-0" is the int 0). */
function numberValue(text) {
    const value = Number(text);
    return /[.eE]/.test(text) ? value : value + 0; // `+ 0` turns -0 into 0: Python ints have no -0
}
/** Python's int or float (bool is a subclass of int). */
function isPythonNumber(value) {
    return typeof value === 'number' || typeof value === 'boolean';
}
/**
 * Python's `isinstance(value, int)` for a value taken from the data. JSON `2.0` has already become the
 * JS number 2 by the time we see it, so integral numbers count as ints (Python would see a float).
 */
function isPythonInt(value) {
    return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}
function mappingsEqual(a, b) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length)
        return false;
    return keys.every((key) => Object.hasOwn(b, key) && pythonEquals(a[key], b[key]));
}
function* matchNode(node, root, current) {
    switch (node.kind) {
        case 'root':
            yield* matchNode(node.next, root, root);
            return;
        case 'current':
            yield* matchNode(node.next, root, current);
            return;
        case 'terminal':
            yield current;
            return;
        case 'subscript':
            // Subscript-major order: all matches of the first subscript (and their continuations) first.
            for (const subscript of node.subscripts) {
                for (const value of matchSubscript(subscript, root, current))
                    yield* matchNode(node.next, root, value);
            }
            return;
        case 'recursiveDescent':
            // nodes/recursivedescent.py: match here first, then recurse into every child (`[*]`), depth first.
            yield* matchNode(node.next, root, current);
            for (const child of wildcardValues(current))
                yield* matchNode(node, root, child);
            return;
    }
}
function* matchSubscript(subscript, root, current) {
    switch (subscript.kind) {
        case 'objectIndex':
            yield* memberValues(current, subscript.key);
            return;
        case 'arrayIndex':
            yield* elementValues(current, subscript.index);
            return;
        case 'slice':
            yield* sliceValues(current, subscript);
            return;
        case 'wildcard':
            yield* wildcardValues(current);
            return;
        case 'filter':
            // subscripts/filter.py: the expression is evaluated against the current value itself.
            if (evaluateExpression(subscript.expression, root, current))
                yield current;
            return;
        case 'node':
            yield* nodeSubscriptValues(subscript.path, root, current);
            return;
        case 'call':
            yield* callValues(subscript, root, current);
            return;
    }
}
function memberValues(current, key) {
    return isMapping(current) && Object.hasOwn(current, key) ? [current[key]] : [];
}
/** subscripts/arrayindex.py: negative indices count from the end; strings are not indexable. */
function elementValues(current, index) {
    if (!Array.isArray(current))
        return [];
    const length = BigInt(current.length);
    const resolved = index < 0n ? index + length : index;
    return resolved >= 0n && resolved < length ? [current[Number(resolved)]] : [];
}
/** subscripts/wildcard.py: object values in key order, or array elements. */
function wildcardValues(current) {
    if (Array.isArray(current))
        return current;
    if (isMapping(current))
        return Object.keys(current).map((key) => current[key]);
    return [];
}
function* sliceValues(current, slice) {
    if (!Array.isArray(current))
        return;
    for (const index of sliceIndices(BigInt(current.length), slice))
        yield* elementValues(current, index);
}
/**
 * subscripts/arrayslice.py feeds Python's `range(start, end, step)` to ArrayIndexSubscript, so:
 * a missing start is 0 and a missing end is len() even when the step is negative (`[::-1]` and
 * `[2::-1]` are empty), and the range may reach negative indices, which then count from the end
 * (`[2:-5:-1]` on three elements selects indices 2, 1, 0, -1). A negative start counts from the end,
 * clamped at 0 (arrayslice.py spells this `start + (len if abs(start) < len else abs(start))`).
 * We walk the same range but skip the stretch that cannot hit an element.
 */
function* sliceIndices(length, slice) {
    const step = slice.step ?? 1n;
    if (step === 0n)
        throw new JsonPathEvaluationError('slice step cannot be zero (jsonpath2 raises "range() arg 3 must not be zero")');
    const start = slice.start === null ? 0n : slice.start >= 0n ? slice.start : max(slice.start + length, 0n);
    const end = slice.end === null ? length : slice.end < 0n ? slice.end + length : slice.end;
    // Here start >= 0; indices outside [-length, length) match nothing.
    if (step > 0n) {
        for (let i = start; i < end && i < length; i += step)
            yield i;
        return;
    }
    const stride = -step;
    let i = start;
    if (i >= length)
        i -= ((i - length + stride) / stride) * stride; // first range element below length
    for (; i > end && i >= -length; i += step)
        yield i;
}
function max(a, b) {
    return a > b ? a : b;
}
/** subscripts/node.py: `[@.x]` / `[$.x]` — each int match indexes an array, each string a member. */
function* nodeSubscriptValues(path, root, current) {
    for (const value of matchNode(path, root, current)) {
        if (isPythonInt(value))
            yield* elementValues(current, BigInt(Number(value)));
        else if (typeof value === 'string')
            yield* memberValues(current, value);
    }
}
/**
 * CallableSubscript.match: every argument path is matched against the current value, and the
 * function runs once per combination (itertools.product; the last argument varies fastest). A path
 * argument with no match therefore means no call at all.
 */
function* callValues(call, root, current) {
    const choices = call.args.map((arg) => arg.kind === 'literal'
        ? [{ value: arg.value, isInt: arg.isInt }]
        : Array.from(matchNode(arg.path, root, current), (value) => ({ value, isInt: isPythonInt(value) })));
    const impl = FUNCTIONS[call.name];
    for (const args of cartesianProduct(choices))
        yield* impl(current, args);
}
function* cartesianProduct(choices) {
    if (choices.length === 0) {
        yield [];
        return;
    }
    const [first, ...rest] = choices;
    const tails = Array.from(cartesianProduct(rest));
    for (const head of first)
        for (const tail of tails)
            yield [head, ...tail];
}
/** Python strings are indexed by code point, not UTF-16 unit. */
function codePoints(s) {
    return Array.from(s);
}
function intArgument(arg) {
    return arg !== undefined && arg.isInt ? Number(arg.value) : null;
}
/** length(): len() of an array or string; objects have no length() in jsonpath2. */
function lengthFunction(current, args) {
    if (args.length > 0)
        return [];
    if (Array.isArray(current))
        return [current.length];
    if (typeof current === 'string')
        return [codePoints(current).length];
    return [];
}
/** keys(): an object's keys, or an array's indices. */
function keysFunction(current, args) {
    if (args.length > 0)
        return [];
    if (isMapping(current))
        return [Object.keys(current)];
    if (Array.isArray(current))
        return [current.map((_, i) => i)];
    return [];
}
/** values(): an object's values, or the array itself. */
function valuesFunction(current, args) {
    if (args.length > 0)
        return [];
    if (isMapping(current))
        return [Object.values(current)];
    if (Array.isArray(current))
        return [current];
    return [];
}
/** entries(): [key, value] pairs of an object, or [index, element] pairs of an array. */
function entriesFunction(current, args) {
    if (args.length > 0)
        return [];
    if (isMapping(current))
        return [Object.entries(current)];
    if (Array.isArray(current))
        return [current.map((value, i) => [i, value])];
    return [];
}
/** charAt(i): Python `s[i]` (negative counts from the end; out of range yields nothing). */
function charAtFunction(current, args) {
    const index = intArgument(args[0]);
    if (typeof current !== 'string' || args.length !== 1 || index === null)
        return [];
    const chars = codePoints(current);
    const resolved = index < 0 ? index + chars.length : index;
    return resolved >= 0 && resolved < chars.length ? [chars[resolved]] : [];
}
/** substring(i[, j]): Python `s[i:]` / `s[i:j]`, whose clamping matches Array.prototype.slice. */
function substringFunction(current, args) {
    if (typeof current !== 'string' || args.length < 1 || args.length > 2)
        return [];
    const bounds = args.map(intArgument);
    if (bounds.includes(null))
        return [];
    const [from, to] = bounds;
    return [codePoints(current).slice(from, to).join('')];
}
// ----- Filter expressions (expressions/operator.py, expressions/some.py) -----
function evaluateExpression(expression, root, current) {
    switch (expression.kind) {
        case 'and': // all(): stops at the first false operand
            return expression.operands.every((e) => evaluateExpression(e, root, current));
        case 'or': // any(): stops at the first true operand
            return expression.operands.some((e) => evaluateExpression(e, root, current));
        case 'not':
            return !evaluateExpression(expression.operand, root, current);
        case 'some':
            return evaluateSome(expression.operand, root, current);
        case 'compare':
            return evaluateComparison(expression, root, current);
    }
}
/** SomeExpression: a path holds when it matches anything; a literal by Python truthiness. */
function evaluateSome(operand, root, current) {
    if (operand.kind === 'literal')
        return pythonTruthy(operand.value);
    for (const _match of matchNode(operand.path, root, current))
        return true;
    return false;
}
/**
 * BinaryOperatorExpression.evaluate is `any(cb(l, r) for l in left_values for r in right_values)`
 * where a path side is a single generator. The right-hand generator is used up by the first left
 * value, so when both sides are paths only the FIRST left match is compared (with every right
 * match); later left matches are still pulled but meet an exhausted generator. We reproduce that by
 * iterating the very same single-use generator.
 */
function evaluateComparison(expression, root, current) {
    const compare = COMPARATORS[expression.operator];
    const lefts = operandValues(expression.left, root, current);
    const rights = operandValues(expression.right, root, current);
    for (const left of lefts) {
        for (const right of rights)
            if (compare(left, right))
                return true;
    }
    return false;
}
function operandValues(operand, root, current) {
    return operand.kind === 'literal' ? [operand.value] : matchNode(operand.path, root, current);
}
/** Ordering holds only between Python ints/floats, and booleans are ints. */
function ordered(test) {
    return (a, b) => isPythonNumber(a) && isPythonNumber(b) && test(Number(a), Number(b));
}
const COMPARATORS = {
    '=': pythonEquals,
    '!=': (a, b) => !pythonEquals(a, b),
    '<': ordered((a, b) => a < b),
    '<=': ordered((a, b) => a <= b),
    '>': ordered((a, b) => a > b),
    '>=': ordered((a, b) => a >= b),
};

// Python `re` (3.11) patterns in JavaScript: the `regex` tolerance of chaostoolkit-lib validates with
// `re.compile(pattern)` (an `re.error` makes the experiment invalid; `e.msg` is shown) and evaluates
// with `re.search(pattern, value) is not None`. This module gives the same verdicts in Node.
//
// Design: a recursive-descent parser that mirrors CPython 3.11's re/_parser.py (same tokenizer,
// grammar, checks, error messages and error positions), the two compile-time checks of
// re/_compiler.py (fixed-width look-behind, template flag), then a translator from that tree to a
// JavaScript RegExp with the `v` flag (code-point semantics, nested classes, set subtraction) that
// never uses the JS `i`, `m` or `s` flags globally: every construct whose meaning differs is spelled
// out explicitly.
//
// Python-vs-JavaScript differences handled:
// - `$` is end-of-string or before a final "\n" (`(?=\n?$)`); under MULTILINE `^`/`$` only know
//   "\n" as a line break (`(?<![^\n])` / `(?![^\n])`); `\A` / `\Z` are absolute start / end.
// - `.` excludes only "\n" (JS also excludes \r, U+2028, U+2029); DOTALL makes it `[^]`.
// - `\d` = str.isdecimal(), `\w` = str.isalnum() or "_", `\s` = str.isspace() (Unicode, as
//   Python 3.11 / Unicode 14.0 defines them: code points assigned later are subtracted), `\b`/`\B`
//   use that `\w`, and `\B` never matches the empty string (sre's AT_NON_BOUNDARY); `(?a)` /
//   `(?a:...)` switch to the ASCII definitions, `(?u)` back.
// - IGNORECASE follows sre: a cased literal or a set holding a cased character matches the
//   characters with the same upper(lower(c)) (lower() plus _casefix's extra cases: i/I/İ/ı are
//   one class, unlike JS case folding), spelled out as explicit classes (JS flag i and V8's
//   (?i:) modifiers are not used); under ASCII only A-Z/a-z fold.
// - inline flags: global `(?aimsux)` (only at the very start, else "global flags not at the start
//   of the expression"), scoped `(?i-s:...)`, `(?x)` verbose whitespace/comments, `(?L)` error,
//   `(?t)` template flag (rejects repeats like sre does).
// - `(?P<name>...)`, `(?P=name)`, `(?#...)`, `\0`/`\012`/`\101` octal, `\1`..`\99` references,
//   `\xhh`, `\uhhhh`, `\Uhhhhhhhh`, `{,n}` and `{,}` quantifiers, `{` as a literal when it does
//   not start a valid quantifier, `]` first in a set is a literal.
// - atomic groups `(?>...)` and possessive quantifiers `*+ ++ ?+ {m,n}+` (Python 3.11): emulated
//   as `(?=(?<aN>...))\k<aN>` (a JS lookahead never backtracks into its body).
// - look-behind must be fixed-width in Python (JS accepts any): rejected like sre does.
// - a backreference to a group that did not participate fails in Python but matches the empty
//   string in JS: references are checked statically (see `participation`).
// - conditionals `(?(id)yes|no)`: all of Python's checks; translated when the group's
//   participation is statically known, otherwise unsupported (below).
//
// Patterns Python accepts that this module rejects (message starts with "unsupported in chaos-action:"):
// - `\N{NAME}` named-character escapes (Node has no Unicode character-name database);
// - a backreference to a group that may or may not have participated at that point
//   (e.g. `(a)?b\1`, `(?:(a)|b)\1`): JS would match it as the empty string;
// - a backreference under IGNORECASE (sre compares lower() of each character; JS cannot);
// - a conditional `(?(id)yes|no)` whose group may or may not have participated at that point;
// - groups nested more than 400 deep (CPython's parser hits its recursion limit at ~495).
// Python errors that are not `re.error` are reported as ok:false too, with Python's message:
// "the repetition number is too large" (OverflowError), "ASCII and UNICODE flags are incompatible"
// (ValueError). Errors raised by sre's compiler have no position: `position` is -1 for them.
//
// Known residual differences (accepted patterns whose matches could differ): characters assigned
// after Unicode 14.0 (Node knows a newer Unicode) are handled for \w, \d and case folding of
// literals, not in every corner (a set holding a character whose case partner is newer).
const UNSUPPORTED = 'unsupported in chaos-action:';
/** re.compile(pattern) for a str pattern: a JS RegExp with the same matches, or Python's error. */
function compilePythonRegex(pattern) {
    try {
        const parsed = parse(pattern);
        compileChecks(parsed.root, parsed.state);
        if (parsed.state.unsupported)
            throw parsed.state.unsupported;
        const source = new Translator(parsed).translate();
        let regex;
        try {
            regex = new RegExp(source, 'v');
        }
        catch (e) {
            return { ok: false, message: `${UNSUPPORTED} the JavaScript engine rejected the translated expression (${e.message})`, position: -1 };
        }
        return { ok: true, regex };
    }
    catch (e) {
        if (e instanceof ReError)
            return { ok: false, message: e.msg, position: e.pos };
        return { ok: false, message: `${UNSUPPORTED} internal error while translating the pattern (${String(e)})`, position: -1 };
    }
}
const globalClones = new WeakMap();
/**
 * `re.search(pattern, value) is not None`, for a regex made by compilePythonRegex. V8 may report
 * a match starting between the two halves of a surrogate pair (seen with look-behinds, flag `v`):
 * such a start is not a code-point position Python would try, so the search goes on after it.
 */
function pythonSearch(regex, value) {
    let scanner = globalClones.get(regex);
    if (scanner === undefined) {
        scanner = new RegExp(regex.source, regex.flags.replace(/[gy]/g, '') + 'g');
        globalClones.set(regex, scanner);
    }
    scanner.lastIndex = 0;
    while (true) {
        const match = scanner.exec(value);
        if (match === null)
            return false;
        if (!insideSurrogatePair(value, match.index))
            return true;
        scanner.lastIndex = match.index + 1;
    }
}
function insideSurrogatePair(s, index) {
    const before = s.charCodeAt(index - 1);
    const after = s.charCodeAt(index);
    return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
// ---------------------------------------------------------------------------------------------
// Constants of re/_constants.py and re/_parser.py
const TEMPLATE = 1;
const IGNORECASE = 2;
const LOCALE = 4;
const MULTILINE = 8;
const DOTALL = 16;
const UNICODE = 32;
const VERBOSE = 64;
const DEBUG = 128;
const ASCII = 256;
const TYPE_FLAGS = ASCII | LOCALE | UNICODE;
const GLOBAL_FLAGS = DEBUG | TEMPLATE;
const FLAGS = new Map([
    ['i', IGNORECASE], ['L', LOCALE], ['m', MULTILINE], ['s', DOTALL], ['x', VERBOSE], ['a', ASCII], ['t', TEMPLATE], ['u', UNICODE],
]);
const MAXREPEAT = 4294967295; // _sre.MAXREPEAT
const MAXGROUPS = 1073741823n; // _sre.MAXGROUPS
const MAXCODE = 4294967295n; // _compiler.MAXCODE
const MAXWIDTH = 1n << 64n; // _parser.MAXWIDTH
const MAX_NESTING = 400;
const SPECIAL_CHARS = '.\\[{()*+?^$|';
const REPEAT_CHARS = '*+?{';
const DIGITS = new Set('0123456789');
const OCTDIGITS = new Set('01234567');
const HEXDIGITS = new Set('0123456789abcdefABCDEF');
const WHITESPACE = new Set(' \t\n\r\v\f');
const ESCAPES = new Map([
    ['\\a', 7], ['\\b', 8], ['\\f', 12], ['\\n', 10], ['\\r', 13], ['\\t', 9], ['\\v', 11], ['\\\\', 92],
]);
const AT_ESCAPES = new Map([['\\A', 'beginning_string'], ['\\b', 'boundary'], ['\\B', 'non_boundary'], ['\\Z', 'end_string']]);
const CATEGORY_ESCAPES = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);
class ReError {
    msg;
    pos;
    constructor(msg, pos) {
        this.msg = msg;
        this.pos = pos;
    }
}
/** Number of code points (Python's len() of a str). */
function cpLen(s) {
    let n = 0;
    for (const _ of s)
        n++;
    return n;
}
// ---------------------------------------------------------------------------------------------
// Tokenizer: _parser.Tokenizer, over code points ("\\" + next char is one token)
class Tokenizer {
    chars;
    index = 0;
    next = null;
    nextLen = 0;
    constructor(pattern) {
        this.chars = Array.from(pattern);
        this.advance();
    }
    /** Tokenizer.__next */
    advance() {
        let index = this.index;
        const char = this.chars[index];
        if (char === undefined) {
            this.next = null;
            this.nextLen = 0;
            return;
        }
        let token = char;
        if (char === '\\') {
            index += 1;
            const escaped = this.chars[index];
            if (escaped === undefined)
                throw new ReError('bad escape (end of pattern)', this.chars.length - 1);
            token += escaped;
        }
        this.index = index + 1;
        this.next = token;
        this.nextLen = token === char ? 1 : 2;
    }
    match(char) {
        if (char === this.next) {
            this.advance();
            return true;
        }
        return false;
    }
    get() {
        const token = this.next;
        this.advance();
        return token;
    }
    getwhile(n, charset) {
        let result = '';
        for (let i = 0; i < n; i++) {
            const c = this.next;
            if (c === null || !charset.has(c))
                break;
            result += c;
            this.advance();
        }
        return result;
    }
    getuntil(terminator, name) {
        let result = '';
        while (true) {
            const c = this.next;
            this.advance();
            if (c === null) {
                if (!result)
                    throw this.error('missing ' + name);
                throw this.error(`missing ${terminator}, unterminated name`, cpLen(result));
            }
            if (c === terminator) {
                if (!result)
                    throw this.error('missing ' + name, 1);
                break;
            }
            result += c;
        }
        return result;
    }
    tell() {
        return this.index - this.nextLen;
    }
    seek(index) {
        this.index = index;
        this.advance();
    }
    error(msg, offset = 0) {
        return new ReError(msg, this.tell() - offset);
    }
    checkgroupname(name, offset) {
        if (!isIdentifier(name))
            throw this.error(`bad character in group name ${pyRepr(name)}`, cpLen(name) + offset);
    }
}
// ---------------------------------------------------------------------------------------------
// Parser state: _parser.State
class State {
    flags = 0;
    groupdict = new Map();
    groupwidths = [null];
    lookbehindgroups = null;
    grouprefpos = new Map();
    unsupported = null;
    get groups() {
        return this.groupwidths.length;
    }
    /** Returns the new group id, or an error message (the caller positions it). */
    opengroup(name) {
        const gid = this.groups;
        this.groupwidths.push(null);
        if (name !== null) {
            const ogid = this.groupdict.get(name);
            if (ogid !== undefined)
                return `redefinition of group name ${pyRepr(name)} as group ${gid}; was group ${ogid}`;
            this.groupdict.set(name, gid);
        }
        return gid;
    }
    closegroup(gid, body) {
        this.groupwidths[gid] = width(body, this);
    }
    checkgroup(gid) {
        return gid < this.groups && this.groupwidths[gid] !== null;
    }
    checklookbehindgroup(gid, source) {
        if (this.lookbehindgroups !== null) {
            if (!this.checkgroup(gid))
                throw source.error('cannot refer to an open group');
            if (gid >= this.lookbehindgroups)
                throw source.error('cannot refer to group defined in the same lookbehind subpattern');
        }
    }
    markUnsupported(msg, pos) {
        this.unsupported ??= new ReError(`${UNSUPPORTED} ${msg}`, pos);
    }
}
/** _compiler._combine_flags */
function combineFlags(flags, add, del) {
    if (add & TYPE_FLAGS)
        flags &= ~TYPE_FLAGS;
    return (flags | add) & ~del;
}
function effectiveFlags(state, scopes) {
    return scopes.reduce((flags, [add, del]) => combineFlags(flags, add, del), state.flags);
}
/** _parser.parse(str, 0) */
function parse(pattern) {
    const source = new Tokenizer(pattern);
    const state = new State();
    const root = parseSub(source, state, false, 0, []);
    // fix_flags: (?a) and (?u) both given globally
    if (state.flags & ASCII && state.flags & UNICODE)
        throw new ReError('ASCII and UNICODE flags are incompatible', -1);
    if (source.next !== null)
        throw source.error('unbalanced parenthesis');
    for (const [g, pos] of state.grouprefpos) {
        if (g >= state.groups)
            throw new ReError(`invalid group reference ${g}`, pos);
    }
    return { root, state };
}
/** _parse_sub: an alternation a|b|c */
function parseSub(source, state, verbose, nested, scopes) {
    if (nested > 2 * MAX_NESTING)
        throw new ReError(`${UNSUPPORTED} groups nested more than ${MAX_NESTING} deep`, source.tell());
    const items = [];
    while (true) {
        items.push(parseSequence(source, state, verbose, nested + 1, scopes, nested === 0 && items.length === 0));
        if (!source.match('|'))
            break;
        if (nested === 0)
            verbose = (state.flags & VERBOSE) !== 0;
    }
    return items.length === 1 ? items[0] : optimizeBranches(items);
}
/**
 * _parse_sub's rewriting of an alternation, mirrored because sre's behaviour depends on it (see
 * emitSet): a prefix common to all branches moves out, and branches that are single literals or
 * non-negated sets become one set.
 */
function optimizeBranches(branches) {
    const prefix = [];
    while (branches.every((b) => b.items.length > 0)) {
        const key = itemKey(branches[0].items[0]);
        if (key === null || !branches.every((b) => itemKey(b.items[0]) === key))
            break;
        prefix.push(branches[0].items[0]);
        branches = branches.map((b) => ({ t: 'seq', items: b.items.slice(1) }));
    }
    const members = [];
    let flags = null;
    for (const branch of branches) {
        const only = branch.items.length === 1 ? branch.items[0] : null;
        if (only?.t === 'lit')
            members.push({ k: 'lit', cp: only.cp });
        else if (only?.t === 'set' && !only.negate)
            members.push(...uniqueItems(only.items));
        else {
            flags = null;
            break;
        }
        flags = only.flags;
    }
    const rest = flags === null ? { t: 'alt', branches } : { t: 'set', negate: false, items: uniqueItems(members), flags, fromBranches: true };
    return prefix.length ? { t: 'seq', items: [...prefix, rest] } : rest;
}
function uniqueItems(items) {
    const seen = new Set();
    return items.filter((item) => {
        const key = JSON.stringify(item);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** A set sre's parser turns into a LITERAL / NOT_LITERAL: one distinct member, a literal. */
function singleLiteral(node) {
    const items = uniqueItems(node.items);
    return !node.fromBranches && items.length === 1 && items[0].k === 'lit';
}
/** Python's equality of two parsed items (tuples holding subpatterns compare by identity). */
function itemKey(node) {
    switch (node.t) {
        case 'lit':
            return `L${node.cp}`;
        case 'set': {
            const items = uniqueItems(node.items);
            if (singleLiteral(node))
                return `${node.negate ? 'N' : 'L'}${items[0].cp}`;
            return `I${node.negate}${JSON.stringify(items)}`;
        }
        case 'any':
            return 'A';
        case 'at':
            return `T${node.at}`;
        case 'ref':
            return `R${node.id}`;
        default:
            return null;
    }
}
/** _parse: a sequence of items, up to "|", ")" or the end */
function parseSequence(source, state, verbose, nested, scopes, first) {
    const items = [];
    const flagsNow = () => effectiveFlags(state, scopes);
    while (true) {
        const token = source.next;
        if (token === null)
            break;
        if (token === '|' || token === ')')
            break;
        source.get();
        if (verbose) {
            // skip whitespace and comments
            if (WHITESPACE.has(token))
                continue;
            if (token === '#') {
                while (true) {
                    const c = source.get();
                    if (c === null || c === '\n')
                        break;
                }
                continue;
            }
        }
        if (token.startsWith('\\')) {
            items.push(parseEscape(source, token, state, flagsNow()));
        }
        else if (!SPECIAL_CHARS.includes(token)) {
            items.push({ t: 'lit', cp: token.codePointAt(0), flags: flagsNow() });
        }
        else if (token === '[') {
            items.push(parseSet(source, state, flagsNow()));
        }
        else if (REPEAT_CHARS.includes(token)) {
            parseRepeat(source, token, items, flagsNow());
        }
        else if (token === '.') {
            items.push({ t: 'any', flags: flagsNow() });
        }
        else if (token === '(') {
            const outcome = parseParen(source, state, verbose, nested, scopes, first, items.length > 0);
            if (outcome === 'verbose-on')
                verbose = true;
            else if (outcome === 'verbose-off')
                verbose = false;
            else if (outcome !== null)
                items.push(outcome);
        }
        else if (token === '^') {
            items.push({ t: 'at', at: 'beginning', flags: flagsNow() });
        }
        else if (token === '$') {
            items.push({ t: 'at', at: 'end', flags: flagsNow() });
        }
    }
    // unpack non-capturing groups without flags
    return { t: 'seq', items: items.flatMap((item) => (item.t === 'group' && item.id === null && !item.flagged ? (item.body.t === 'seq' ? item.body.items : [item.body]) : [item])) };
}
/** The "[" branch of _parse: a character set. */
function parseSet(source, state, flags) {
    const here = source.tell() - 1;
    const items = [];
    const negate = source.match('^');
    while (true) {
        const token = source.get();
        if (token === null)
            throw source.error('unterminated character set', source.tell() - here);
        if (token === ']' && items.length > 0)
            break;
        const code1 = token.startsWith('\\') ? classEscape(source, token, state) : { k: 'lit', cp: token.codePointAt(0) };
        if (source.match('-')) {
            // potential range
            const that = source.get();
            if (that === null)
                throw source.error('unterminated character set', source.tell() - here);
            if (that === ']') {
                items.push(code1, { k: 'lit', cp: 0x2d });
                break;
            }
            const code2 = that.startsWith('\\') ? classEscape(source, that, state) : { k: 'lit', cp: that.codePointAt(0) };
            if (code1.k !== 'lit' || code2.k !== 'lit' || code2.cp < code1.cp) {
                throw source.error(`bad character range ${token}-${that}`, cpLen(token) + 1 + cpLen(that));
            }
            items.push({ k: 'range', lo: code1.cp, hi: code2.cp });
        }
        else {
            items.push(code1);
        }
    }
    return { t: 'set', negate, items, flags };
}
/** The repeat branch of _parse ("*", "+", "?", "{m,n}"): replaces the last item of `items`. */
function parseRepeat(source, token, items, flags) {
    const here = source.tell();
    let min = 0;
    let max = MAXREPEAT;
    if (token === '?') {
        max = 1;
    }
    else if (token === '+') {
        min = 1;
    }
    else if (token === '{') {
        if (source.next === '}') {
            items.push({ t: 'lit', cp: 0x7b, flags });
            return;
        }
        let lo = '';
        let hi = '';
        while (source.next !== null && DIGITS.has(source.next))
            lo += source.get();
        if (source.match(',')) {
            while (source.next !== null && DIGITS.has(source.next))
                hi += source.get();
        }
        else {
            hi = lo;
        }
        if (!source.match('}')) {
            // not a quantifier: a literal "{"
            items.push({ t: 'lit', cp: 0x7b, flags });
            source.seek(here);
            return;
        }
        if (lo)
            min = repeatCount(lo);
        if (hi) {
            max = repeatCount(hi);
            if (max < min)
                throw source.error('min repeat greater than max repeat', source.tell() - here);
        }
    }
    const item = items[items.length - 1];
    if (item === undefined || item.t === 'at')
        throw source.error('nothing to repeat', source.tell() - here + cpLen(token));
    if (item.t === 'repeat')
        throw source.error('multiple repeat', source.tell() - here + cpLen(token));
    let mode = 'greedy';
    if (source.match('?'))
        mode = 'lazy';
    else if (source.match('+'))
        mode = 'possessive';
    items[items.length - 1] = { t: 'repeat', min, max, mode, body: item };
}
function repeatCount(digits) {
    if (BigInt(digits) >= BigInt(MAXREPEAT))
        throw new ReError('the repetition number is too large', -1);
    return Number(digits);
}
/** The "(" branch of _parse: groups and extensions. null: nothing to add (comment, global flags). */
function parseParen(source, state, verbose, nested, scopes, first, hasItems) {
    const start = source.tell() - 1;
    let capture = true;
    let atomic = false;
    let name = null;
    let addFlags = 0;
    let delFlags = 0;
    if (source.match('?')) {
        const char = source.get();
        if (char === null)
            throw source.error('unexpected end of pattern');
        if (char === 'P') {
            if (source.match('<')) {
                // named group
                name = source.getuntil('>', 'group name');
                source.checkgroupname(name, 1);
            }
            else if (source.match('=')) {
                // named backreference
                const refName = source.getuntil(')', 'group name');
                source.checkgroupname(refName, 1);
                const gid = state.groupdict.get(refName);
                if (gid === undefined)
                    throw source.error(`unknown group name ${pyRepr(refName)}`, cpLen(refName) + 1);
                if (!state.checkgroup(gid))
                    throw source.error('cannot refer to an open group', cpLen(refName) + 1);
                state.checklookbehindgroup(gid, source);
                return { t: 'ref', id: gid, flags: effectiveFlags(state, scopes), pos: start };
            }
            else {
                const c = source.get();
                if (c === null)
                    throw source.error('unexpected end of pattern');
                throw source.error('unknown extension ?P' + c, cpLen(c) + 2);
            }
        }
        else if (char === ':') {
            capture = false;
        }
        else if (char === '#') {
            while (true) {
                if (source.next === null)
                    throw source.error('missing ), unterminated comment', source.tell() - start);
                if (source.get() === ')')
                    break;
            }
            return null;
        }
        else if (char === '=' || char === '!' || char === '<') {
            return parseLookaround(source, state, verbose, nested, scopes, char, start);
        }
        else if (char === '(') {
            return parseConditional(source, state, verbose, nested, scopes, start);
        }
        else if (char === '>') {
            capture = false;
            atomic = true;
        }
        else if (FLAGS.has(char) || char === '-') {
            const flags = parseFlags(source, state, char);
            if (flags === null) {
                // global flags
                if (!first || hasItems)
                    throw source.error('global flags not at the start of the expression', source.tell() - start);
                return state.flags & VERBOSE ? 'verbose-on' : 'verbose-off';
            }
            [addFlags, delFlags] = flags;
            capture = false;
        }
        else {
            throw source.error('unknown extension ?' + char, cpLen(char) + 1);
        }
    }
    // parse group contents
    let group = null;
    if (capture) {
        const opened = state.opengroup(name);
        if (typeof opened === 'string')
            throw source.error(opened, cpLen(name ?? '') + 1);
        group = opened;
    }
    const subVerbose = (verbose || (addFlags & VERBOSE) !== 0) && !(delFlags & VERBOSE);
    const subScopes = addFlags || delFlags ? [...scopes, [addFlags, delFlags]] : scopes;
    const body = parseSub(source, state, subVerbose, nested + 1, subScopes);
    if (!source.match(')'))
        throw source.error('missing ), unterminated subpattern', source.tell() - start);
    if (group !== null)
        state.closegroup(group, body);
    return atomic ? { t: 'atomic', body } : { t: 'group', id: group, flagged: (addFlags | delFlags) !== 0, body };
}
/** (?=...), (?!...), (?<=...), (?<!...) */
function parseLookaround(source, state, verbose, nested, scopes, char, start) {
    let kind = char;
    const behind = char === '<';
    let outerLookbehind = null;
    if (behind) {
        const c = source.get();
        if (c === null)
            throw source.error('unexpected end of pattern');
        if (c !== '=' && c !== '!')
            throw source.error('unknown extension ?<' + c, cpLen(c) + 2);
        kind = c;
        outerLookbehind = state.lookbehindgroups;
        if (outerLookbehind === null)
            state.lookbehindgroups = state.groups;
    }
    const body = parseSub(source, state, verbose, nested + 1, scopes);
    if (behind && outerLookbehind === null)
        state.lookbehindgroups = null;
    if (!source.match(')'))
        throw source.error('missing ), unterminated subpattern', source.tell() - start);
    return { t: 'look', behind, negate: kind === '!', body };
}
/** (?(id/name)yes|no) */
function parseConditional(source, state, verbose, nested, scopes, start) {
    const condname = source.getuntil(')', 'group name');
    let condgroup;
    if (isIdentifier(condname)) {
        const gid = state.groupdict.get(condname);
        if (gid === undefined)
            throw source.error(`unknown group name ${pyRepr(condname)}`, cpLen(condname) + 1);
        condgroup = gid;
    }
    else {
        const value = pyInt(condname);
        if (value === null || value < 0n)
            throw source.error(`bad character in group name ${pyRepr(condname)}`, cpLen(condname) + 1);
        if (value === 0n)
            throw source.error('bad group number', cpLen(condname) + 1);
        if (value >= MAXGROUPS)
            throw source.error(`invalid group reference ${value}`, cpLen(condname) + 1);
        condgroup = Number(value);
        if (!state.grouprefpos.has(condgroup))
            state.grouprefpos.set(condgroup, source.tell() - cpLen(condname) - 1);
    }
    state.checklookbehindgroup(condgroup, source);
    const yes = parseSequence(source, state, verbose, nested + 1, scopes, false);
    let no = null;
    if (source.match('|')) {
        no = parseSequence(source, state, verbose, nested + 1, scopes, false);
        if (source.next === '|')
            throw source.error('conditional backref with more than two branches');
    }
    if (!source.match(')'))
        throw source.error('missing ), unterminated subpattern', source.tell() - start);
    return { t: 'cond', id: condgroup, yes, no, pos: start };
}
/** _parse_flags: null for global flags "(?imsx)", else [add, del] for "(?i-s:" */
function parseFlags(source, state, first) {
    let char = first;
    let add = 0;
    let del = 0;
    if (char !== '-') {
        while (true) {
            const flag = FLAGS.get(char);
            if (char === 'L')
                throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
            add |= flag;
            if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag)
                throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
            char = source.get();
            if (char === null)
                throw source.error('missing -, : or )');
            if (char === ')' || char === '-' || char === ':')
                break;
            if (!FLAGS.has(char))
                throw source.error(isAlpha(char) ? 'unknown flag' : 'missing -, : or )', cpLen(char));
        }
    }
    if (char === ')') {
        state.flags |= add;
        return null;
    }
    if (add & GLOBAL_FLAGS)
        throw source.error('bad inline flags: cannot turn on global flag', 1);
    if (char === '-') {
        char = source.get();
        if (char === null)
            throw source.error('missing flag');
        if (!FLAGS.has(char))
            throw source.error(isAlpha(char) ? 'unknown flag' : 'missing flag', cpLen(char));
        while (true) {
            const flag = FLAGS.get(char);
            if (flag & TYPE_FLAGS)
                throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
            del |= flag;
            char = source.get();
            if (char === null)
                throw source.error('missing :');
            if (char === ':')
                break;
            if (!FLAGS.has(char))
                throw source.error(isAlpha(char) ? 'unknown flag' : 'missing :', cpLen(char));
        }
    }
    if (del & GLOBAL_FLAGS)
        throw source.error('bad inline flags: cannot turn off global flag', 1);
    if (add & del)
        throw source.error('bad inline flags: flag turned on and off', 1);
    return [add, del];
}
/** Escapes shared by _escape and _class_escape: \x \u \U \N. null when `escape` is none of them. */
function numericEscape(source, escape, state) {
    const c = escape[1];
    if (c === 'x' || c === 'u' || c === 'U') {
        const size = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        escape += source.getwhile(size, HEXDIGITS);
        if (escape.length !== size + 2)
            throw source.error(`incomplete escape ${escape}`, escape.length);
        const value = parseInt(escape.slice(2), 16);
        // chr() raises OverflowError beyond a C int, ValueError (turned into "bad escape") beyond 0x10ffff
        if (value > 0x7fffffff)
            throw new ReError('Python int too large to convert to C int', -1);
        if (value > 0x10ffff)
            throw source.error(`bad escape ${escape}`, escape.length);
        return value;
    }
    if (c === 'N') {
        // named unicode escape e.g. \N{EM DASH}
        if (!source.match('{'))
            throw source.error('missing {');
        const charname = source.getuntil('}', 'character name');
        // Unicode names and aliases are words of A-Z, 0-9 and "-" not starting with a digit, joined
        // by single spaces (unicodedata.lookup ignores case): anything else is surely undefined.
        if (!/^[A-Za-z-][A-Za-z0-9-]*(?: [A-Za-z-][A-Za-z0-9-]*)*$/.test(charname)) {
            throw source.error(`undefined character name ${pyRepr(charname)}`, cpLen(charname) + 4);
        }
        state.markUnsupported('\\N{...} named character escapes (no Unicode name database in Node: write the character or \\uXXXX)', source.tell() - cpLen(charname) - 4);
        return 0xfffd;
    }
    return null;
}
/** _class_escape: an escape inside a set */
function classEscape(source, escape, state) {
    const code = ESCAPES.get(escape);
    if (code !== undefined)
        return { k: 'lit', cp: code };
    if (CATEGORY_ESCAPES.has(escape))
        return { k: 'cat', cat: escape[1] };
    const numeric = numericEscape(source, escape, state);
    if (numeric !== null)
        return { k: 'lit', cp: numeric };
    const c = escape.slice(1);
    if (OCTDIGITS.has(c)) {
        // octal escape (up to three digits)
        escape += source.getwhile(2, OCTDIGITS);
        const value = parseInt(escape.slice(1), 8);
        if (value > 0o377)
            throw source.error(`octal escape value ${escape} outside of range 0-0o377`, cpLen(escape));
        return { k: 'lit', cp: value };
    }
    if (!DIGITS.has(c) && !isAsciiLetter(c))
        return { k: 'lit', cp: c.codePointAt(0) };
    throw source.error(`bad escape ${escape}`, cpLen(escape));
}
/** _escape: an escape outside a set */
function parseEscape(source, escape, state, flags) {
    const at = AT_ESCAPES.get(escape);
    if (at !== undefined)
        return { t: 'at', at, flags };
    if (CATEGORY_ESCAPES.has(escape))
        return { t: 'set', negate: false, items: [{ k: 'cat', cat: escape[1] }], flags };
    const code = ESCAPES.get(escape);
    if (code !== undefined)
        return { t: 'lit', cp: code, flags };
    const numeric = numericEscape(source, escape, state);
    if (numeric !== null)
        return { t: 'lit', cp: numeric, flags };
    const c = escape.slice(1);
    if (c === '0') {
        // octal escape
        escape += source.getwhile(2, OCTDIGITS);
        return { t: 'lit', cp: parseInt(escape.slice(1), 8), flags };
    }
    if (DIGITS.has(c)) {
        // octal escape *or* decimal group reference (sigh)
        const escapeStart = source.tell() - 2;
        if (source.next !== null && DIGITS.has(source.next)) {
            escape += source.get();
            if (OCTDIGITS.has(escape[1]) && OCTDIGITS.has(escape[2]) && source.next !== null && OCTDIGITS.has(source.next)) {
                // got three octal digits; this is an octal escape
                escape += source.get();
                const value = parseInt(escape.slice(1), 8);
                if (value > 0o377)
                    throw source.error(`octal escape value ${escape} outside of range 0-0o377`, escape.length);
                return { t: 'lit', cp: value, flags };
            }
        }
        // not an octal escape, so this is a group reference
        const group = Number(escape.slice(1));
        if (group < state.groups) {
            if (!state.checkgroup(group))
                throw source.error('cannot refer to an open group', escape.length);
            state.checklookbehindgroup(group, source);
            return { t: 'ref', id: group, flags, pos: escapeStart };
        }
        throw source.error(`invalid group reference ${group}`, escape.length - 1);
    }
    if (!isAsciiLetter(c))
        return { t: 'lit', cp: c.codePointAt(0), flags };
    throw source.error(`bad escape ${escape}`, cpLen(escape));
}
// ---------------------------------------------------------------------------------------------
// Widths (SubPattern.getwidth) and the checks of _compiler._compile
function width(node, state) {
    switch (node.t) {
        case 'lit':
        case 'any':
        case 'set':
            return [1n, 1n];
        case 'at':
        case 'look':
            return [0n, 0n];
        case 'group':
        case 'atomic':
            return width(node.body, state);
        case 'seq': {
            let lo = 0n;
            let hi = 0n;
            for (const item of node.items) {
                const [l, h] = width(item, state);
                lo += l;
                hi += h;
            }
            return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
        }
        case 'alt': {
            let lo = MAXWIDTH;
            let hi = 0n;
            for (const branch of node.branches) {
                const [l, h] = width(branch, state);
                if (l < lo)
                    lo = l;
                if (h > hi)
                    hi = h;
            }
            return [lo, hi];
        }
        case 'repeat': {
            const [i, j] = width(node.body, state);
            const lo = i * BigInt(node.min);
            const hi = node.max === MAXREPEAT && j ? MAXWIDTH : j * BigInt(node.max);
            return [lo < MAXWIDTH ? lo : MAXWIDTH, hi < MAXWIDTH ? hi : MAXWIDTH];
        }
        case 'ref':
            return state.groupwidths[node.id];
        case 'cond': {
            let [i, j] = width(node.yes, state);
            if (node.no !== null) {
                const [l, h] = width(node.no, state);
                if (l < i)
                    i = l;
                if (h > j)
                    j = h;
            }
            else {
                i = 0n;
            }
            return [i, j];
        }
    }
}
const REPEAT_OPCODES = { greedy: 'MAX_REPEAT', lazy: 'MIN_REPEAT', possessive: 'POSSESSIVE_REPEAT' };
/** The errors _compiler._compile raises, in its (pre-order) traversal order; they have no position. */
function compileChecks(node, state) {
    switch (node.t) {
        case 'repeat':
            if (state.flags & TEMPLATE)
                throw new ReError(`internal: unsupported template operator ${REPEAT_OPCODES[node.mode]}`, -1);
            compileChecks(node.body, state);
            return;
        case 'look':
            if (node.behind) {
                const [lo, hi] = width(node.body, state);
                if (lo > MAXCODE)
                    throw new ReError('looks too much behind', -1);
                if (lo !== hi)
                    throw new ReError('look-behind requires fixed-width pattern', -1);
            }
            compileChecks(node.body, state);
            return;
        default:
            for (const child of children(node))
                compileChecks(child, state);
    }
}
function children(node) {
    switch (node.t) {
        case 'seq':
            return node.items;
        case 'alt':
            return node.branches;
        case 'group':
        case 'atomic':
        case 'look':
        case 'repeat':
            return [node.body];
        case 'cond':
            return node.no === null ? [node.yes] : [node.yes, node.no];
        default:
            return [];
    }
}
// ---------------------------------------------------------------------------------------------
// Translation to a JavaScript RegExp source (flag `v`)
// Code points JS (Node's newer Unicode) counts as letters/digits but Python 3.11's Unicode 14.0
// database does not know: subtracted from \w and \d.
const POST_UNICODE_14_ALNUM = '\\u{88f}\\u{c5c}\\u{cdc}\\u{1c89}-\\u{1c8a}\\u{a7cb}-\\u{a7cf}\\u{a7d2}\\u{a7d4}\\u{a7da}-\\u{a7dc}\\u{a7f1}\\u{105c0}-\\u{105f3}' +
    '\\u{10940}-\\u{10959}\\u{10d40}-\\u{10d65}\\u{10d6f}-\\u{10d85}\\u{10ec2}-\\u{10ec7}\\u{1123f}-\\u{11240}\\u{11380}-\\u{11389}' +
    '\\u{1138b}\\u{1138e}\\u{11390}-\\u{113b5}\\u{113b7}\\u{113d1}\\u{113d3}\\u{116d0}-\\u{116e3}\\u{11bc0}-\\u{11be0}\\u{11bf0}-\\u{11bf9}' +
    '\\u{11db0}-\\u{11ddb}\\u{11de0}-\\u{11de9}\\u{11f02}\\u{11f04}-\\u{11f10}\\u{11f12}-\\u{11f33}\\u{11f50}-\\u{11f59}\\u{1342f}' +
    '\\u{13441}-\\u{13446}\\u{13460}-\\u{143fa}\\u{16100}-\\u{1611d}\\u{16130}-\\u{16139}\\u{16d40}-\\u{16d6c}\\u{16d70}-\\u{16d79}' +
    '\\u{16ea0}-\\u{16eb8}\\u{16ebb}-\\u{16ed3}\\u{16ff2}-\\u{16ff6}\\u{187f8}-\\u{187ff}\\u{18cff}\\u{18d09}-\\u{18d1e}\\u{18d80}-\\u{18df2}' +
    '\\u{1b132}\\u{1b155}\\u{1ccf0}-\\u{1ccf9}\\u{1d2c0}-\\u{1d2d3}\\u{1df25}-\\u{1df2a}\\u{1e030}-\\u{1e06d}\\u{1e4d0}-\\u{1e4eb}' +
    '\\u{1e4f0}-\\u{1e4f9}\\u{1e5d0}-\\u{1e5ed}\\u{1e5f0}-\\u{1e5fa}\\u{1e6c0}-\\u{1e6de}\\u{1e6e0}-\\u{1e6e2}\\u{1e6e4}-\\u{1e6e5}' +
    '\\u{1e6e7}-\\u{1e6ed}\\u{1e6f0}-\\u{1e6f4}\\u{1e6fe}-\\u{1e6ff}\\u{2b739}-\\u{2b73f}\\u{2cea2}-\\u{2cead}\\u{2ebf0}-\\u{2ee5d}\\u{31350}-\\u{33479}';
// sre's CATEGORY_UNI_* (Py_UNICODE_ISDECIMAL / ISALNUM / ISSPACE) and CATEGORY_* (ASCII).
const UNICODE_CATEGORIES = {
    d: `[\\p{Nd}--[${POST_UNICODE_14_ALNUM}]]`,
    w: `[[\\p{L}\\p{N}_]--[${POST_UNICODE_14_ALNUM}]]`,
    s: '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
};
const ASCII_CATEGORIES = { d: '[0-9]', w: '[A-Za-z0-9_]', s: '[\\t-\\r\\x20]' };
/** A nested v-mode class for a category escape. */
function categoryClass(cat, flags) {
    const table = flags & ASCII ? ASCII_CATEGORIES : UNICODE_CATEGORIES;
    const base = table[cat.toLowerCase()];
    return cat === cat.toLowerCase() ? base : `[^${base}]`;
}
/** A code point as a v-mode class member or atom. */
function esc(cp) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f)
        return String.fromCodePoint(cp);
    return `\\u{${cp.toString(16)}}`;
}
function isAsciiLetterCp(cp) {
    return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}
// Characters that are cased for Node's Unicode but not for Python 3.11 (Unicode 14.0).
const NOT_CASED_IN_PYTHON = [
    [0x19b, 0x19b], [0x264, 0x264], [0x1c89, 0x1c8a], [0xa7cb, 0xa7cf], [0xa7d2, 0xa7d5], [0xa7da, 0xa7dc],
    [0x10d50, 0x10d65], [0x10d70, 0x10d85], [0x16ea0, 0x16eb8], [0x16ebb, 0x16ed3],
];
const CASED_LIMIT = 0x20000; // no cased character above plane 1
let caseTables = null;
/**
 * sre (unicode, IGNORECASE) matches ch against a cased c when lower(ch) is lower(c) or one of
 * _casefix._EXTRA_CASES[lower(c)] ("lowercased characters which have the same uppercase"),
 * i.e. when upper(lower(ch)) == upper(lower(c)). Built once, from Node's case mappings (İ's
 * simple lowercase is "i"; its full lowercase is "i̇"). JS's own case folding (flag i) differs
 * (İ, ı) and V8's (?i:) modifiers mis-handle following sets, hence explicit classes.
 */
function getCaseTables() {
    if (caseTables !== null)
        return caseTables;
    const cased = new Uint8Array(CASED_LIMIT);
    for (let c = 0; c < CASED_LIMIT; c++) {
        const s = String.fromCodePoint(c);
        if (s.toLowerCase() !== s || s.toUpperCase() !== s)
            cased[c] = 1;
    }
    for (const [lo, hi] of NOT_CASED_IN_PYTHON)
        cased.fill(0, lo, hi + 1);
    const byKey = new Map();
    for (let c = 0; c < CASED_LIMIT; c++) {
        if (!cased[c])
            continue;
        const key = (c === 0x130 ? 'i' : String.fromCodePoint(c).toLowerCase()).toUpperCase();
        const members = byKey.get(key);
        if (members)
            members.push(c);
        else
            byKey.set(key, [c]);
    }
    const classes = new Map();
    for (const members of byKey.values())
        for (const c of members)
            classes.set(c, members);
    caseTables = { cased, classes };
    return caseTables;
}
function isCased(cp) {
    return cp < CASED_LIMIT && getCaseTables().cased[cp] === 1;
}
function memberRange(item) {
    if (item.k === 'cat')
        return null;
    return item.k === 'lit' ? [item.cp, item.cp] : [item.lo, item.hi];
}
/** Whether a set member holds a cased character (ascii_iscased under ASCII). */
function memberHasCased(item, flags) {
    const range = memberRange(item);
    if (range === null)
        return false;
    const [lo, hi] = range;
    if (flags & ASCII)
        return lo <= 0x7a && hi >= 0x41 && !(lo > 0x5a && hi < 0x61);
    for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++)
        if (isCased(cp))
            return true;
    return false;
}
/**
 * The code points a member matches under IGNORECASE (`hascased` sets, and cased literals as a
 * one-member set): sre tests lower(ch) against lowered members plus their _casefix extra cases,
 * i.e. the member's characters and their case variants. Except (a CPython quirk) a literal
 * outside the BMP in a set of several members: _optimize_charset keeps it unlowered in the
 * "tail", so it matches the characters whose lower() it is, not itself when it is uppercase.
 */
function foldedMember(item, flags, alone) {
    const range = memberRange(item);
    if (range === null)
        return emitMember(item, flags);
    const [lo, hi] = range;
    const extra = [];
    if (flags & ASCII) {
        // ascii_tolower: only A-Z / a-z fold
        for (let cp = Math.max(lo, 0x41); cp <= Math.min(hi, 0x7a); cp++)
            if (isAsciiLetterCp(cp))
                extra.push(cp ^ 0x20);
        // a range reaching beyond the BMP goes to the "tail" as RANGE_UNI_IGNORE, which also tests
        // the (Unicode) upper() of the character
        if (hi > 0xffff) {
            for (let cp = 0; cp < CASED_LIMIT; cp++) {
                if (!isCased(cp) || (cp >= lo && cp <= hi))
                    continue;
                const upper = Array.from(String.fromCodePoint(cp).toUpperCase());
                const u = upper.length === 1 ? upper[0].codePointAt(0) : cp;
                if (u >= lo && u <= hi)
                    extra.push(cp);
            }
        }
        return emitMember(item, flags) + extra.map(esc).join('');
    }
    const { classes } = getCaseTables();
    if (item.k === 'lit' && item.cp > 0xffff && !alone) {
        const lowersTo = [item.cp, ...(classes.get(item.cp) ?? [])].filter((c) => String.fromCodePoint(c).toLowerCase() === String.fromCodePoint(item.cp));
        return [...new Set(lowersTo)].map(esc).join('');
    }
    for (let cp = lo; cp <= Math.min(hi, CASED_LIMIT - 1); cp++) {
        for (const other of classes.get(cp) ?? [])
            if (other < lo || other > hi)
                extra.push(other);
    }
    return emitMember(item, flags) + extra.map(esc).join('');
}
function emitMember(item, flags) {
    if (item.k === 'lit')
        return esc(item.cp);
    if (item.k === 'range')
        return `${esc(item.lo)}-${esc(item.hi)}`;
    return categoryClass(item.cat, flags);
}
/** A literal; under IGNORECASE as sre compares it (LITERAL_UNI_IGNORE / IN_UNI_IGNORE / LITERAL_IGNORE). */
function emitLiteral(cp, flags) {
    if (flags & IGNORECASE && (flags & ASCII ? isAsciiLetterCp(cp) : isCased(cp))) {
        return emitSet({ negate: false, items: [{ k: 'lit', cp }], flags });
    }
    return esc(cp);
}
/**
 * A set, as a v-mode class. Under IGNORECASE a set holding a cased character (`hascased`) is
 * matched through lower() (IN_UNI_IGNORE / IN_IGNORE): see foldedMember. Categories are not
 * affected by case. A set of one distinct literal is a (NOT_)LITERAL for sre (_parse).
 */
function emitSet(node) {
    const { negate, items, flags } = node;
    let body;
    // _optimize_charset's `hascased`: a cased member, or any member beyond the BMP (its "tail")
    const hascased = items.some((item) => memberHasCased(item, flags) || (memberRange(item)?.[1] ?? 0) > 0xffff);
    if (flags & IGNORECASE && hascased) {
        const alone = singleLiteral(node);
        body = items.map((item) => foldedMember(item, flags, alone)).join('');
    }
    else {
        body = items.map((item) => emitMember(item, flags)).join('');
    }
    return `[${negate ? '^' : ''}${body}]`;
}
/** Anchors: sre's AT_* codes (AT_MULTILINE / AT_UNICODE variants chosen by the flags). */
function emitAt(node) {
    const multiline = (node.flags & MULTILINE) !== 0;
    switch (node.at) {
        case 'beginning':
            return multiline ? '(?<![^\\n])' : '^';
        case 'end':
            return multiline ? '(?![^\\n])' : '(?=\\n?$)';
        case 'beginning_string':
            return '^';
        case 'end_string':
            return '$';
        case 'boundary': {
            const w = categoryClass('w', node.flags);
            return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
        }
        case 'non_boundary': {
            // AT_NON_BOUNDARY fails on an empty string
            const w = categoryClass('w', node.flags);
            return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))(?:(?<=[^])|(?=[^]))`;
        }
    }
}
function quantifier(min, max) {
    if (max === MAXREPEAT)
        return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
    if (min === 0 && max === 1)
        return '?';
    return min === max ? `{${min}}` : `{${min},${max}}`;
}
/**
 * sre's search skips start positions that fail the pattern's "charset prefix" (_compiler
 * _get_charset_prefix / _compile_info), and compiles that charset's categories with the
 * pattern's global flags even when the set sits in a scoped (?a:...) / (?u:...) group: then
 * `re.search('(?a:\\W)', 'é')` finds nothing. Mirrored with a lookahead in that case only.
 */
function searchFilter(root, globalFlags) {
    let node = root;
    while (node.t !== 'set') {
        if (node.t === 'seq' && node.items.length > 0)
            node = node.items[0];
        else if (node.t === 'group')
            node = node.body;
        else
            return '';
    }
    const set = node;
    const hasCategory = set.items.some((item) => item.k === 'cat');
    if (!hasCategory || (set.flags & ASCII) === (globalFlags & ASCII))
        return '';
    // _get_charset_prefix gives up on cased members and on ranges beyond the BMP
    const blocks = (item) => memberHasCased(item, set.flags) || (item.k === 'range' && item.hi > 0xffff);
    if (set.flags & IGNORECASE && set.items.some(blocks))
        return '';
    const flags = (set.flags & -259) | (globalFlags & ASCII);
    return `(?=${emitSet({ ...set, flags })})`;
}
/** Whether, in match priority order, `node` can match the empty string before a non-empty one. */
function emptyFirst(node, state) {
    const canEmpty = (n) => width(n, state)[0] === 0n;
    const canNonEmpty = (n) => width(n, state)[1] > 0n;
    const alternatives = (branches) => branches.some((b) => emptyFirst(b, state)) || branches.some((b, i) => canEmpty(b) && branches.slice(i + 1).some(canNonEmpty));
    switch (node.t) {
        case 'seq':
            return node.items.every(canEmpty) && node.items.some((item) => emptyFirst(item, state));
        case 'alt':
            return alternatives(node.branches);
        case 'cond':
            return alternatives([node.yes, node.no ?? { t: 'seq', items: [] }]);
        case 'group':
            return emptyFirst(node.body, state);
        case 'repeat':
            if (node.mode === 'lazy')
                return canNonEmpty(node.body) && (node.min === 0 || canEmpty(node.body));
            return node.mode === 'greedy' && emptyFirst(node.body, state);
        default:
            return false;
    }
}
class Translator {
    groupPaths = new Map();
    usePaths = new Map();
    atomicCount = 0;
    parsed;
    constructor(parsed) {
        this.parsed = parsed;
    }
    translate() {
        this.index(this.parsed.root, []);
        this.checkLoopOrder(this.parsed.root, false, false);
        return searchFilter(this.parsed.root, this.parsed.state.flags) + this.emit(this.parsed.root, false);
    }
    /**
     * sre and JS explore a loop whose body can match the empty string in a different order: sre
     * accepts an empty iteration and stops looping (MAX_UNTIL's "zero-width match protection"),
     * JS rejects the empty iteration and backtracks into the body. Same set of matches, so
     * re.search agrees, except where the first match found matters: inside an atomic group or a
     * possessive repeat (when the body can match empty before non-empty), or when a
     * backreference reads what such a loop captured. Those few patterns are unsupported.
     */
    checkLoopOrder(node, inAtomic, inLookbehind) {
        const state = this.parsed.state;
        if (node.t === 'repeat' && node.max > 0) {
            const [lo, hi] = width(node.body, state);
            if (this.usePaths.size > 0 && [...this.usePaths.keys()].some((use) => use.t === 'ref') && lo === 0n && hi > 0n) {
                throw new ReError(`${UNSUPPORTED} a backreference in a pattern with a repeat of a subpattern that can match the empty string (sre and JavaScript capture differently there)`, -1);
            }
            if (inAtomic && !inLookbehind && node.mode === 'greedy' && emptyFirst(node.body, state)) {
                throw new ReError(`${UNSUPPORTED} an atomic group or possessive repeat around a repeat of a subpattern that can match the empty string first (sre and JavaScript try its matches in a different order)`, -1);
            }
        }
        const atomicHere = node.t === 'atomic' || (node.t === 'repeat' && node.mode === 'possessive');
        const lookbehind = node.t === 'look' ? node.behind : inLookbehind;
        for (const child of children(node))
            this.checkLoopOrder(child, inAtomic || atomicHere, lookbehind);
    }
    /** Records the ancestors of every capturing group, backreference and conditional. */
    index(node, path) {
        if (node.t === 'group' && node.id !== null)
            this.groupPaths.set(node.id, path);
        if (node.t === 'ref' || node.t === 'cond')
            this.usePaths.set(node, path);
        children(node).forEach((child, key) => this.index(child, [...path, { node, key }]));
    }
    /**
     * Whether group `id` has certainly / certainly not / maybe participated when `use` is reached.
     * sre fails a reference to an unset group, JS matches it as empty, and JS also resets the
     * captures of a quantified group at each iteration: only the certain cases are translated.
     */
    participation(id, use) {
        const gp = this.groupPaths.get(id);
        const up = this.usePaths.get(use);
        if (gp === undefined || up === undefined)
            return 'maybe';
        let k = 0;
        while (k < gp.length && k < up.length && gp[k].node === up[k].node && gp[k].key === up[k].key)
            k++;
        if (k === gp.length || k === up.length)
            return 'maybe'; // one inside the other
        const fork = gp[k];
        if (fork.node.t !== 'seq' || fork.key > up[k].key)
            return 'maybe'; // other branch, or the group comes later
        let result = 'always';
        for (const { node } of gp.slice(k + 1)) {
            if ((node.t === 'look' && node.negate) || (node.t === 'repeat' && node.max === 0))
                return 'never';
            if (node.t === 'alt' || node.t === 'cond' || (node.t === 'repeat' && node.min === 0))
                result = 'maybe';
        }
        return result;
    }
    /** (?>...) as a lookahead capture consumed by a backreference; plain inside a (fixed-width) look-behind. */
    atomic(body, inLookbehind) {
        if (inLookbehind)
            return `(?:${body})`;
        const name = `a${++this.atomicCount}`;
        return `(?=(?<${name}>${body}))\\k<${name}>`;
    }
    emit(node, inLookbehind) {
        switch (node.t) {
            case 'lit':
                return emitLiteral(node.cp, node.flags);
            case 'any':
                return node.flags & DOTALL ? '[^]' : '[^\\n]';
            case 'set':
                return emitSet(node);
            case 'at':
                return emitAt(node);
            case 'seq':
                return node.items.map((item) => this.emit(item, inLookbehind)).join('');
            case 'alt':
                return `(?:${node.branches.map((branch) => this.emit(branch, inLookbehind)).join('|')})`;
            case 'group':
                return node.id === null ? `(?:${this.emit(node.body, inLookbehind)})` : `(?<g${node.id}>${this.emit(node.body, inLookbehind)})`;
            case 'atomic':
                return this.atomic(this.emit(node.body, inLookbehind), inLookbehind);
            case 'look':
                return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.emit(node.body, node.behind)})`;
            case 'repeat': {
                const body = this.emit(node.body, inLookbehind);
                const quantified = `(?:${body})${quantifier(node.min, node.max)}`;
                if (node.mode === 'lazy')
                    return quantified + '?';
                if (node.mode === 'greedy')
                    return quantified;
                // sre's POSSESSIVE_REPEAT matches each iteration on its own (no backtracking into it), then the tail
                return this.atomic(`(?:${this.atomic(body, inLookbehind)})${quantifier(node.min, node.max)}`, inLookbehind);
            }
            case 'ref':
                return this.emitRef(node);
            case 'cond':
                return this.emitCond(node, inLookbehind);
        }
    }
    emitRef(node) {
        switch (this.participation(node.id, node)) {
            case 'never':
                return '(?!)';
            case 'maybe':
                throw new ReError(`${UNSUPPORTED} backreference to group ${node.id}, which may not have participated in the match at that point (JavaScript would match it as empty)`, node.pos);
            case 'always':
                if (node.flags & IGNORECASE) {
                    throw new ReError(`${UNSUPPORTED} backreference under IGNORECASE (sre compares lower() of each character, JavaScript has no equivalent)`, node.pos);
                }
                return `\\k<g${node.id}>`;
        }
    }
    emitCond(node, inLookbehind) {
        switch (this.participation(node.id, node)) {
            case 'never':
                return node.no === null ? '' : `(?:${this.emit(node.no, inLookbehind)})`;
            case 'maybe':
                throw new ReError(`${UNSUPPORTED} conditional (?(${node.id})...) on a group that may or may not have participated at that point`, node.pos);
            case 'always':
                return `(?:${this.emit(node.yes, inLookbehind)})`;
        }
    }
}
// ---------------------------------------------------------------------------------------------
// Python str helpers
function isAsciiLetter(c) {
    return /^[A-Za-z]$/.test(c);
}
/** str.isalpha() of one token (a two-character escape token is never alphabetic). */
function isAlpha(token) {
    return /^\p{L}$/u.test(token);
}
/** str.isidentifier() */
function isIdentifier(s) {
    return /^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(s);
}
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
/** repr() of a str */
function pyRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (ch === quote || ch === '\\')
            out += '\\' + ch;
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (cp < 0x20 || cp === 0x7f)
            out += '\\x' + cp.toString(16).padStart(2, '0');
        else if (cp < 0x7f || !NOT_PRINTABLE.test(ch))
            out += ch;
        else if (cp <= 0xff)
            out += '\\x' + cp.toString(16).padStart(2, '0');
        else if (cp <= 0xffff)
            out += '\\u' + cp.toString(16).padStart(4, '0');
        else
            out += '\\U' + cp.toString(16).padStart(8, '0');
    }
    return out + quote;
}
const PY_SPACE = new RegExp(`^${UNICODE_CATEGORIES.s}$`, 'v');
/** The value of a decimal digit (Unicode Nd digits come in runs of ten starting at 0). */
function decimalValue(ch) {
    if (!/^\p{Nd}$/u.test(ch))
        return null;
    let cp = ch.codePointAt(0);
    let run = 0;
    while (/^\p{Nd}$/u.test(String.fromCodePoint(cp - 1))) {
        cp--;
        run++;
    }
    return run % 10;
}
/** int(s) for a str (decimal digits of any script, "_" separators, surrounding spaces); null on ValueError. */
function pyInt(s) {
    let ascii = '';
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (cp < 127)
            ascii += ch;
        else if (PY_SPACE.test(ch))
            ascii += ' ';
        else {
            const digit = decimalValue(ch);
            if (digit === null)
                return null;
            ascii += String(digit);
        }
    }
    const m = /^[ \t\n\r\v\f]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\r\v\f]*$/.exec(ascii);
    if (!m)
        return null;
    const digits = m[2].replaceAll('_', '');
    if (digits.length > 4300)
        return null; // sys.int_info.default_max_str_digits
    const value = BigInt(digits);
    return m[1] === '-' ? -value : value;
}

const TYPE_MESSAGE = 'hypothesis probe tolerance must either be an integer, a string, a boolean or a pair of values for boundaries. ' +
    'It can also be a dictionary which is a probe activity definition that takes an argument called `value` with the value of the probe itself to be validated';
/**
 * `probe` is the hypothesis entry (a ref entry carries its own tolerance); `target` is the activity it
 * runs (the ref resolved), if known.
 */
function checkTolerance(probe, target, map) {
    if (!('tolerance' in probe.value))
        return []; // the schema reports a missing tolerance
    const tolerance = probe.value.tolerance;
    const pointer = joinPointer(probe.pointer, 'tolerance');
    const kind = map.kindOf(pointer);
    const problems = [];
    const error = (code, at, message, hint) => {
        problems.push({ severity: 'error', code, pointer: at, message, ...(hint ? { hint } : {}) });
    };
    const warn = (code, message, hint) => {
        problems.push({ severity: 'warning', code, pointer, message, ...(hint ? { hint } : {}) });
    };
    if (kind === 'float' || kind === 'timestamp' || tolerance === null) {
        error('tolerance-type', pointer, TYPE_MESSAGE, kind === 'float' ? 'write the number without a decimal point, or use a range tolerance' : undefined);
        return problems;
    }
    const providerType = target && isMapping(target.value.provider) ? target.value.provider.type : undefined;
    const structured = providerType === 'http' || providerType === 'process';
    const resultShape = providerType === 'http' ? '{status, headers, body}' : '{status, stdout, stderr}';
    if (isMapping(tolerance)) {
        const targetKey = typeof tolerance.target === 'string' ? tolerance.target : undefined;
        switch (tolerance.type) {
            case 'regex':
                if (typeof tolerance.pattern === 'string') {
                    const compiled = compilePythonRegex(tolerance.pattern);
                    if (!compiled.ok) {
                        error('tolerance-regex', joinPointer(pointer, 'pattern'), `hypothesis probe tolerance pattern ${tolerance.pattern} seems invalid: ${compiled.message}`, 'the pattern is a Python regular expression (re module syntax)');
                    }
                }
                if (structured && targetKey === undefined) {
                    error('tolerance-needs-target', pointer, `a regex tolerance on a ${providerType} probe needs a "target": the probe returns ${resultShape}, not a string`, `add target: ${providerType === 'http' ? 'body' : 'stdout'}`);
                }
                break;
            case 'jsonpath':
                if (typeof tolerance.path === 'string') {
                    const path = tolerance.path.trim();
                    if (!path)
                        error('tolerance-jsonpath', joinPointer(pointer, 'path'), 'hypothesis probe tolerance JSON path cannot be empty');
                    else {
                        try {
                            parseJsonPath(path);
                        }
                        catch (e) {
                            if (!(e instanceof JsonPathSyntaxError))
                                throw e;
                            error('tolerance-jsonpath', joinPointer(pointer, 'path'), `hypothesis probe tolerance JSON path ${path} is invalid: ${e.message}`, 'paths use the jsonpath2 dialect: start with $, double-quoted strings, = for equality, e.g. $.items.*[?(@.ready = true)]');
                        }
                    }
                }
                break;
            case 'range':
                if (structured && targetKey === undefined) {
                    error('tolerance-needs-target', pointer, `a range tolerance on a ${providerType} probe needs a "target": the probe returns ${resultShape}, not a number`, `add target: ${providerType === 'http' ? 'status' : 'stdout'}`);
                }
                break;
            case 'probe':
                if (!isMapping(tolerance.provider) || !isMapping(tolerance.provider.arguments)) {
                    error('tolerance-probe-arguments', joinPointer(pointer, 'provider'), 'a probe tolerance needs provider.arguments (a mapping): the probed value is passed to it as the "value" argument', 'add arguments: {} to the tolerance provider');
                }
                if (structured) {
                    warn('tolerance-always-met', `a probe tolerance on a ${providerType} probe is met whenever it runs: its ${resultShape} result is always truthy`);
                }
                break;
        }
        return problems;
    }
    if (structured && (typeof tolerance === 'boolean' || typeof tolerance === 'string')) {
        warn('tolerance-never-met', `a ${typeof tolerance} tolerance on a ${providerType} probe is never met: the probe returns ${resultShape}`, providerType === 'http' ? 'use the expected status code (200) or a regex/jsonpath tolerance with a target' : 'use the expected exit code (0) or a regex tolerance with target: stdout');
    }
    // [200, 299] reads like "any 2xx" but means 200 or 299 on these probes.
    const [low, high] = Array.isArray(tolerance) ? tolerance : [];
    if (structured && Array.isArray(tolerance) && tolerance.length === 2 && typeof low === 'number' && typeof high === 'number' && low % 100 === 0 && high === low + 99) {
        warn('tolerance-list-is-membership', `[${tolerance.join(', ')}] on a ${providerType} probe means status ${tolerance[0]} or ${tolerance[1]}, not a range`, 'for a range write {type: range, range: [lo, hi], target: status}');
    }
    return problems;
}

// Validation of one loaded experiment: every check `chaos validate` makes (same verdict), the ones
// Chaos Toolkit only discovers at run time, and warnings for what is silently ignored. Every
// problem in the file is reported, positioned.
/** The python functions a document names, to resolve in one batch before validating. */
function pythonTargets(document) {
    if (!isMapping(document))
        return [];
    return listActivities(document).flatMap((a) => {
        const p = a.value.provider;
        return isMapping(p) && p.type === 'python' && typeof p.module === 'string' && p.module && typeof p.func === 'string' && p.func
            ? [{ module: p.module, func: p.func }]
            : [];
    });
}
function validateExperiment(doc, ctx) {
    const experiment = doc.value;
    const problems = [];
    let configuration = {};
    let dynamicConfiguration = [];
    let secrets = {};
    let secretValues = [];
    if (!isMapping(experiment) || Object.keys(experiment).length === 0) {
        problems.push({
            severity: 'error',
            code: 'experiment-empty',
            pointer: '',
            message: isMapping(experiment) || experiment === null ? 'an empty experiment is not an experiment' : 'an experiment must be a mapping (title, description, method, …)',
            hint: 'start from one of the samples in experiments/',
        });
    }
    else {
        problems.push(...checkSchema(experiment));
        const config = loadConfiguration(experiment.configuration, ctx.vars.configuration, ctx.env);
        const loadedSecrets = loadSecrets(experiment.secrets, ctx.vars.secrets, ctx.env);
        problems.push(...config.problems, ...loadedSecrets.problems);
        configuration = config.values;
        dynamicConfiguration = config.dynamic;
        secrets = loadedSecrets.values;
        secretValues = loadedSecrets.secretValues;
        problems.push(...checkActivities(experiment, doc, ctx, configuration, secrets));
        problems.push(...checkTopLevel(experiment, configuration, secrets));
    }
    const diagnostics = problems
        .map((p) => positioned(doc.file, doc.map.locate(p.pointer, p.atKey), p))
        .sort(compareDiagnostics);
    return { doc, diagnostics, configuration, dynamicConfiguration, secrets, secretValues };
}
function checkActivities(experiment, doc, ctx, configuration, secrets) {
    const problems = [];
    const activities = listActivities(experiment);
    const targets = refTargets(activities);
    for (const entry of activities) {
        if (entry.value.ref !== undefined) {
            if (typeof entry.value.ref === 'string' && entry.value.ref && !targets.has(entry.value.ref)) {
                const suggestion = closest(entry.value.ref, [...targets.keys()]);
                problems.push({
                    severity: 'error',
                    code: 'ref-unresolved',
                    pointer: joinPointer(entry.pointer, 'ref'),
                    message: `referenced activity '${entry.value.ref}' could not be found in the experiment`,
                    hint: suggestion ? `did you mean "${suggestion}"?` : 'a ref names a method activity or hypothesis probe by its "name"',
                });
            }
        }
        else {
            problems.push(...checkProvider(entry, ctx));
            problems.push(...checkPauses(entry, configuration, secrets));
            if ((entry.role === 'method' || entry.role === 'rollback') && 'tolerance' in entry.value) {
                problems.push({
                    severity: 'warning',
                    code: 'tolerance-ignored',
                    pointer: joinPointer(entry.pointer, 'tolerance'),
                    message: 'a tolerance outside the steady-state hypothesis is never checked (as in Chaos Toolkit)',
                    hint: 'move the probe into steady-state-hypothesis.probes to check it',
                });
            }
        }
        if (entry.role === 'hypothesis')
            problems.push(...checkTolerance(entry, resolveRef$1(entry, targets), doc.map));
    }
    return problems;
}
function checkProvider(entry, ctx) {
    const provider = entry.value.provider;
    if (!isMapping(provider))
        return [];
    const name = String(entry.value.name ?? '');
    const at = (key) => joinPointer(joinPointer(entry.pointer, 'provider'), key);
    if (provider.type === 'process' && typeof provider.path === 'string' && provider.path) {
        const problems = [];
        const status = ctx.findExecutable(provider.path);
        if (status !== 'ok') {
            problems.push({
                severity: 'error',
                code: 'process-path',
                pointer: at('path'),
                message: status === 'missing' ? `path '${provider.path}' cannot be found, in activity '${name}'` : `no access permission to '${provider.path}', in activity '${name}'`,
                hint: status === 'missing' ? 'install the program or give its full path; it must exist when the experiment is validated (the path is not substituted)' : `make it executable: chmod +x ${provider.path}`,
            });
        }
        if (isMapping(provider.arguments)) {
            problems.push({ severity: 'warning', code: 'process-arguments-dict', pointer: at('arguments'), message: 'process arguments as a mapping are deprecated', hint: 'write them as a list: ["--flag", "value"]' });
        }
        return problems;
    }
    if (provider.type === 'python' && typeof provider.module === 'string' && typeof provider.func === 'string' && provider.module && provider.func) {
        return checkPython(entry, { module: provider.module, func: provider.func }, provider.arguments, ctx, at);
    }
    return [];
}
function checkPython(entry, target, args, ctx, at) {
    const lookup = ctx.python.get(targetKey(target));
    const name = String(entry.value.name ?? '');
    const error = (code, pointer, message, hint) => ({ severity: 'error', code, pointer, message, ...(hint ? { hint } : {}) });
    const install = target.module.startsWith('chaosaws') ? 'pip install chaostoolkit-aws' : `pip install the package that provides ${target.module.split('.')[0]}`;
    if (!lookup || lookup.status === 'no-python') {
        return [error('python-unavailable', at('module'), `'${target.module}.${target.func}' is not a chaos-action built-in, and no python3 is available to import it${lookup ? ` (${lookup.detail})` : ''}`, `install python3 and ${install}, or point --python at an interpreter that has it`)];
    }
    if (lookup.status === 'no-module') {
        return [error('python-module', at('module'), `could not find Python module '${target.module}' in activity '${name}'`, `${install} into the python3 chaos-action uses${lookup.detail ? ` (${lookup.detail})` : ''}`)];
    }
    if (lookup.status === 'no-function') {
        return [error('python-function', at('func'), `The python module '${target.module}' does not expose a function called '${target.func}' in ${String(entry.value.type)} '${name}'`)];
    }
    const argumentNames = isMapping(args) ? Object.keys(args) : [];
    return bindArguments(lookup.params, argumentNames).map((b) => b.kind === 'missing'
        ? error('python-argument-missing', isMapping(args) ? at('arguments') : joinPointer(entry.pointer, 'provider'), `required argument '${b.argument}' is missing from activity '${target.func}'`, `add ${b.argument} to provider.arguments`)
        : error('python-argument-unknown', joinPointer(at('arguments'), b.argument), `argument '${b.argument}' is not part of the function signature in activity '${target.func}'`, `${target.func} takes: ${lookup.params.map((p) => p.name).join(', ')}`));
}
function checkPauses(entry, configuration, secrets) {
    const pauses = entry.value.pauses;
    if (!isMapping(pauses))
        return [];
    const problems = [];
    for (const when of ['before', 'after']) {
        const pause = pauses[when];
        if (typeof pause !== 'string')
            continue;
        const m = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}$/.exec(pause);
        if (!m)
            continue; // the schema reports a malformed pause
        const key = m[1];
        const pointer = joinPointer(joinPointer(entry.pointer, 'pauses'), when);
        const secretValue = Object.values(secrets).find((s) => isMapping(s) && key in s);
        const known = key in configuration || secretValue !== undefined;
        const value = key in configuration ? configuration[key] : secretValue?.[key];
        if (!known) {
            problems.push({ severity: 'error', code: 'pause-undefined', pointer, message: `the ${when} pause refers to "${key}", which is neither in the configuration nor in the secrets`, hint: `declare it: configuration: {${key}: 5}` });
        }
        else if (typeof value === 'string') {
            problems.push({ severity: 'error', code: 'pause-not-number', pointer, message: `the ${when} pause "${pause}" is the string ${JSON.stringify(value)}, not a number: Chaos Toolkit aborts the run here`, hint: 'add env_var_type: float to the configuration entry' });
        }
    }
    return problems;
}
function checkTopLevel(experiment, configuration, secrets) {
    const problems = [];
    if (Array.isArray(experiment.controls) && experiment.controls.length > 0) {
        problems.push({ severity: 'warning', code: 'controls-ignored', pointer: '/controls', message: 'controls are Python plug-ins that chaos-action does not apply; they are ignored', hint: 'Chaos Toolkit behaves the same way when a control module is not installed' });
    }
    if ('dry' in experiment) {
        problems.push({ severity: 'warning', code: 'dry-ignored', pointer: '/dry', atKey: true, message: '"dry" in the file is ignored: the dry mode comes from the command line (--dry)' });
    }
    const runtime = experiment.runtime;
    if (isMapping(runtime) && isMapping(runtime.hypothesis) && runtime.hypothesis.strategy === 'continously') {
        problems.push({ severity: 'warning', code: 'strategy-spelling', pointer: '/runtime/hypothesis/strategy', message: '"continously" is a deprecated spelling', hint: 'write "continuously"' });
    }
    const defined = new Set([...Object.keys(configuration), ...Object.values(secrets).flatMap((s) => (isMapping(s) ? Object.keys(s) : []))]);
    const undefinedIn = (pointer, value) => {
        for (const name of bracedNames(value)) {
            if (!defined.has(name)) {
                problems.push({ severity: 'warning', code: 'substitution-undefined', pointer, message: `\${${name}} is not defined in the configuration or secrets; it is left as written`, hint: `declare it: configuration: {${name}: …}` });
            }
        }
    };
    undefinedIn('/title', experiment.title);
    for (const entry of listActivities(experiment)) {
        const provider = entry.value.provider;
        if (!isMapping(provider) || provider.type === 'process')
            continue; // shell strings use $VAR on purpose
        for (const key of ['url', 'headers', 'arguments', 'timeout']) {
            if (key in provider)
                undefinedIn(joinPointer(joinPointer(entry.pointer, 'provider'), key), provider[key]);
        }
    }
    return problems;
}

// Validates every experiment that a list of paths names, all of them, before anything runs.
async function validateFiles(paths, options) {
    const discovery = await discoverExperiments(paths);
    const diagnostics = [...discovery.diagnostics];
    const loaded = [];
    for (const file of discovery.files) {
        const result = await loadExperimentFile(file);
        if (result.ok) {
            loaded.push({ file, doc: result.doc });
            diagnostics.push(...result.warnings);
        }
        else {
            loaded.push({ file });
            diagnostics.push(...result.diagnostics);
        }
    }
    const python = await options.resolvePython(loaded.flatMap((l) => (l.doc ? pythonTargets(l.doc.value) : [])));
    const files = [];
    for (const { file, doc } of loaded) {
        if (!doc) {
            files.push({ file, valid: false });
            continue;
        }
        const experiment = validateExperiment(doc, { env: options.env, vars: options.vars, findExecutable: options.findExecutable, python });
        diagnostics.push(...experiment.diagnostics);
        files.push({ file, valid: !hasErrors(experiment.diagnostics), experiment });
    }
    const fileOrder = new Map(discovery.files.map((f, i) => [f, i]));
    diagnostics.sort((a, b) => (fileOrder.get(a.file) ?? -1) - (fileOrder.get(b.file) ?? -1) || compareDiagnostics(a, b));
    return { files, diagnostics, valid: !hasErrors(diagnostics) };
}

// `chaos-action validate`: every problem in every file, positioned; exit 2 when any is an error.
async function validateCommand(argv, term, env) {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            var: { type: 'string', multiple: true },
            'var-file': { type: 'string', multiple: true },
            python: { type: 'string' },
            format: { type: 'string', default: 'text' },
            quiet: { type: 'boolean', short: 'q' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        term.out(VALIDATE_HELP);
        return ExitCode.ok;
    }
    if (values.format !== 'text' && values.format !== 'json')
        throw new UsageError(`--format ${values.format}: expected text or json`);
    const paths = positionals.length > 0 ? positionals : ['experiments'];
    const prepared = await experimentInputs(values, env);
    const report = prepared.ok ? await validateFiles(paths, prepared.inputs.options) : { files: [], diagnostics: prepared.diagnostics, valid: false };
    if (values.format === 'json') {
        term.out(JSON.stringify({ valid: report.valid, files: report.files.map((f) => ({ file: f.file, valid: f.valid })), diagnostics: report.diagnostics }, null, 2));
        return report.valid ? ExitCode.ok : ExitCode.invalidInput;
    }
    const shown = values.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
    for (const d of shown)
        term.err(colourDiagnostic(term, d));
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = report.diagnostics.length - errors;
    const invalidFiles = report.files.filter((f) => !f.valid).length;
    const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    if (report.valid) {
        if (!values.quiet)
            term.err(paint(term, 'green', `✔ ${plural(report.files.length, 'experiment')} valid`) + (warnings ? ` (${plural(warnings, 'warning')})` : ''));
        return ExitCode.ok;
    }
    const scope = report.files.length ? `${invalidFiles} of ${plural(report.files.length, 'file')} invalid` : 'nothing to validate';
    term.err(paint(term, 'red', `✖ ${scope}`) + ` (${counts})`);
    return ExitCode.invalidInput;
}
function colourDiagnostic(term, d) {
    const text = formatDiagnostic(d);
    if (!term.color)
        return text;
    const [head, ...rest] = text.split('\n');
    const label = d.severity === 'error' ? paint(term, 'red', 'error') : paint(term, 'yellow', 'warning');
    const coloured = (head ?? '').replace(`: ${d.severity}: `, `: ${label}: `);
    return [coloured, ...rest.map((l) => paint(term, 'dim', l))].join('\n');
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

var validateCommand$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    validateCommand: validateCommand
});

/** An expected failure of an activity (timeout, connection refused): the activity is `failed`. */
class ActivityFailed extends Error {
    name = 'ActivityFailed';
}

// Time, passed in so the engine can be driven by a test clock. Journal timestamps are UTC with
// microseconds and a +00:00 suffix, as Python's datetime.isoformat() writes them.
const systemClock = {
    now: () => performance.timeOrigin + performance.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    }),
};
/** `2026-11-22T04:40:05.465964+00:00`; the fraction is left out when it is exactly zero. */
function isoTimestamp(ms) {
    const micros = Math.round(ms * 1000);
    const seconds = Math.floor(micros / 1_000_000);
    const fraction = micros - seconds * 1_000_000;
    const base = new Date(seconds * 1000).toISOString().slice(0, 19);
    return fraction === 0 ? `${base}+00:00` : `${base}.${String(fraction).padStart(6, '0')}+00:00`;
}
/** Seconds between two clock readings, rounded to the microsecond like a timedelta. */
function secondsBetween(startMs, endMs) {
    return Math.round((endMs - startMs) * 1000) / 1_000_000;
}

// The journal, in Chaos Toolkit's shape (chaoslib run.py initialize_run_journal and _run): same
// keys, same order, same statuses. Our own data sits under one namespaced key at the end.
function newJournal(experiment, start) {
    return {
        // We are not chaoslib: "unknown" is what chaoslib itself writes when its version is unknown;
        // the tool and version that wrote this journal are under "chaos-action".
        'chaoslib-version': 'unknown',
        platform: `${os.type()}-${os.release()}-${os.machine()}`,
        node: os.hostname(),
        experiment,
        start,
        status: null,
        deviated: false,
        steady_states: { before: null, after: null, during: [] },
        run: [],
        rollbacks: [],
    };
}
/** `exception` as chaoslib writes it for an ActivityFailed: traceback lines, the last one the error. */
function exceptionLines(message) {
    return [`chaoslib.exceptions.ActivityFailed: ${message}\n`];
}

// One activity's run, in chaoslib's envelope (activity.py execute_activity): the run record is
// appended when the activity starts; pauses happen outside its duration; an ActivityFailed makes
// it `failed`; any other error (or an interruption) leaves it without a status and propagates.
/** An error that is not an ActivityFailed: chaoslib aborts (or crashes) on these. */
class UnexpectedActivityError extends Error {
    activityName;
    cause;
    name = 'UnexpectedActivityError';
    constructor(activityName, cause) {
        super(`activity '${activityName}' raised an unexpected error: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.activityName = activityName;
        this.cause = cause;
    }
}
class Interrupted extends Error {
    name = 'Interrupted';
}
const isAbort = (e) => e instanceof Error && e.name === 'AbortError';
function isDry(activity, dry) {
    // chaoslib reads activity.get("dry", global) and compares it with an enum: any `dry` key in the
    // file never matches, so such an activity always runs, pauses included.
    const mode = 'dry' in activity ? undefined : dry;
    const type = activity.type;
    const dryActivity = mode === 'activities' || (mode === 'actions' && type === 'action') || (mode === 'probes' && type === 'probe');
    return { dryActivity, skipPauses: dryActivity || mode === 'pause' };
}
async function pause(env, seconds, name, when, signal) {
    if (!seconds)
        return;
    if (typeof seconds !== 'number')
        throw new UnexpectedActivityError(name, new TypeError(`the ${when} pause ${JSON.stringify(seconds)} is not a number`));
    env.events.pause(name, when, seconds);
    await env.clock.sleep(seconds * 1000, signal);
    if (signal.aborted)
        throw new Interrupted(`interrupted during the ${when} pause of '${name}'`);
}
/**
 * Runs `activity` (already resolved from a ref) and returns its record, appended to `runs` when
 * it starts. Throws Interrupted or UnexpectedActivityError after finishing the record.
 */
async function executeActivity(activity, phase, env, signal, runs) {
    const name = String(activity.name ?? '');
    const { dryActivity, skipPauses } = isDry(activity, env.dry);
    const pauses = (substitute(activity.pauses ?? {}, env.scope) ?? {});
    if (signal.aborted)
        throw new Interrupted(`interrupted before '${name}'`);
    if (!skipPauses)
        await pause(env, pauses.before, name, 'before', signal);
    const startMs = env.clock.now();
    const record = { activity: { ...activity }, output: null, start: isoTimestamp(startMs) };
    runs?.push(record);
    env.events.activityStarted(record, phase);
    let failure;
    try {
        const provider = activity.provider;
        const output = dryActivity ? null : await env.runProvider(provider, { ...env.providerContext, signal });
        record.output = output ?? null;
        record.status = 'succeeded';
    }
    catch (e) {
        if (e instanceof ActivityFailed && !signal.aborted) {
            record.status = 'failed';
            record.output = null;
            record.exception = exceptionLines(e.message);
        }
        else {
            failure = signal.aborted || isAbort(e) ? new Interrupted(`interrupted during '${name}'`) : new UnexpectedActivityError(name, e);
        }
    }
    finally {
        const endMs = env.clock.now();
        record.end = isoTimestamp(endMs);
        record.duration = secondsBetween(startMs, endMs);
    }
    env.events.activityEnded(record, phase, failure);
    if (failure)
        throw failure;
    if (!skipPauses)
        await pause(env, pauses.after, name, 'after', signal);
    return record;
}

// Python's Decimal comparison as the `range` tolerance uses it: Decimal(value) against Decimal(bound),
// where a float bound is its exact binary value (so [0.1, 1] rejects "0.1"). Exact, with BigInt.
class DecimalError extends Error {
}
const DECIMAL = /^\s*([-+]?)(?:(\d[\d_]*)?(?:\.(\d[\d_]*)?)?)(?:[eE]([-+]?\d+))?\s*$/;
const SPECIAL = /^\s*([-+]?)(inf|infinity|nan|snan)\s*$/i;
function fromNumber(n) {
    if (Number.isNaN(n))
        throw new DecimalError('cannot compare a NaN');
    if (!Number.isFinite(n))
        return { kind: 'inf', sign: n > 0 ? 1 : -1 };
    if (Number.isInteger(n))
        return { kind: 'finite', num: BigInt(n), twos: 0, tens: 0 };
    // Every finite double is m * 2^-k for integers m, k: find them by doubling until integral.
    let m = n;
    let k = 0;
    while (!Number.isInteger(m)) {
        m *= 2;
        k++;
    }
    return { kind: 'finite', num: BigInt(m), twos: k, tens: 0 };
}
/** Decimal(text) as Python parses it; undefined where Python raises InvalidOperation. */
function fromString(text) {
    const special = SPECIAL.exec(text);
    if (special) {
        if (/nan/i.test(special[2]))
            throw new DecimalError('cannot compare a NaN');
        return { kind: 'inf', sign: special[1] === '-' ? -1 : 1 };
    }
    const m = DECIMAL.exec(text);
    if (!m || (m[2] === undefined && m[3] === undefined))
        return undefined;
    const [, sign, int = '', frac = '', exp = '0'] = m;
    if (/__|_$|^_/.test(int) || /__|_$|^_/.test(frac))
        return undefined;
    const digits = (int + frac).replace(/_/g, '') || '0';
    const scale = frac.replace(/_/g, '').length - Number(exp);
    const num = BigInt(digits) * (sign === '-' ? -1n : 1n);
    return scale >= 0 ? { kind: 'finite', num, twos: 0, tens: scale } : { kind: 'finite', num: num * 10n ** BigInt(-scale), twos: 0, tens: 0 };
}
/** Decimal(value) for a JSON value; undefined when Python's Decimal() would raise InvalidOperation. */
function toExact(value) {
    if (typeof value === 'boolean')
        return { kind: 'finite', num: value ? 1n : 0n, twos: 0, tens: 0 };
    if (typeof value === 'number')
        return fromNumber(value);
    if (typeof value === 'string')
        return fromString(value);
    throw new DecimalError(`conversion from ${value === null ? 'NoneType' : Array.isArray(value) ? 'list' : typeof value === 'object' ? 'dict' : typeof value} to Decimal is not supported`);
}
function compare(a, b) {
    if (a.kind === 'inf' || b.kind === 'inf') {
        const av = a.kind === 'inf' ? a.sign * 2 : 0;
        const bv = b.kind === 'inf' ? b.sign * 2 : 0;
        if (a.kind === 'inf' && b.kind === 'inf')
            return av - bv;
        return a.kind === 'inf' ? a.sign : -b.sign;
    }
    // a.num / (2^a.twos 10^a.tens)  vs  b.num / (2^b.twos 10^b.tens): cross-multiply.
    const left = a.num * 2n ** BigInt(b.twos) * 10n ** BigInt(b.tens);
    const right = b.num * 2n ** BigInt(a.twos) * 10n ** BigInt(a.tens);
    return left < right ? -1 : left > right ? 1 : 0;
}
function decimalBetween(value, low, high) {
    return compare(low, value) <= 0 && compare(value, high) <= 0;
}

// Python's ordering (<=) for the values a two-element list tolerance compares: numbers and
// booleans together, strings by code point, lists element-wise; other mixes raise TypeError.
class PythonTypeError extends Error {
}
const typeName = (v) => v === null || v === undefined ? 'NoneType' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str' : Array.isArray(v) ? 'list' : 'dict';
function pythonCompare(a, b) {
    const numeric = (v) => typeof v === 'number' || typeof v === 'boolean';
    if (numeric(a) && numeric(b)) {
        const x = Number(a);
        const y = Number(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') {
        const x = [...a].map((c) => c.codePointAt(0));
        const y = [...b].map((c) => c.codePointAt(0));
        for (let i = 0; i < Math.min(x.length, y.length); i++)
            if (x[i] !== y[i])
                return x[i] - y[i];
        return x.length - y.length;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
            const c = pythonCompare(a[i], b[i]);
            if (c !== 0)
                return c;
        }
        return a.length - b.length;
    }
    throw new PythonTypeError(`'<=' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

// Whether a hypothesis probe's output is within its tolerance, with chaoslib's exact meaning
// (hypothesis.py within_tolerance): Python equality, membership on `status` for http and process
// results, a two-element list as an inclusive range otherwise, Python `re`, jsonpath2, exact
// Decimal ranges and probe tolerances. Where chaoslib raises a TypeError (and crashes the run),
// this throws ToleranceError, which the engine turns into an aborted experiment.
class ToleranceError extends Error {
    name = 'ToleranceError';
}
/** value.get(target, value): only a mapping has .get; anything else is an AttributeError. */
function applyTarget(value, target) {
    if (!target)
        return value;
    if (!isMapping(value))
        throw new ToleranceError(`cannot apply target "${String(target)}": the probe returned ${describe(value)}, not a mapping`);
    return Object.hasOwn(value, String(target)) ? value[String(target)] : value;
}
function describe(v) {
    if (v === null || v === undefined)
        return 'nothing (None)';
    if (Array.isArray(v))
        return 'a list';
    if (isMapping(v))
        return 'a mapping';
    return `a ${typeof v}`;
}
const hasStatus = (v) => isMapping(v) && Object.hasOwn(v, 'status');
async function withinTolerance(tolerance, value, ctx) {
    if (typeof tolerance === 'boolean')
        return pythonEquals(value, tolerance);
    if (typeof tolerance === 'string')
        return pythonEquals(value, substitute(tolerance, ctx.scope));
    if (typeof tolerance === 'number') {
        if (!Number.isInteger(tolerance))
            return false; // chaoslib has no float rule: not met
        return pythonEquals(hasStatus(value) ? value.status : value, tolerance);
    }
    if (Array.isArray(tolerance))
        return listTolerance(tolerance, value);
    if (isMapping(tolerance)) {
        switch (tolerance.type) {
            case 'probe':
                return probeTolerance(tolerance, value, ctx);
            case 'regex':
                return regexTolerance(tolerance, value, ctx);
            case 'jsonpath':
                return jsonpathTolerance(tolerance, value, ctx);
            case 'range':
                return rangeTolerance(tolerance, value);
            default:
                return false;
        }
    }
    return false; // null or another type: chaoslib's fallback returns None, which is not met
}
function listTolerance(tolerance, value) {
    if (hasStatus(value))
        return tolerance.some((t) => pythonEquals(value.status, t));
    if (tolerance.length === 2) {
        try {
            return pythonCompare(tolerance[0], value) <= 0 && pythonCompare(value, tolerance[1]) <= 0;
        }
        catch (e) {
            if (e instanceof PythonTypeError)
                throw new ToleranceError(`the range [${tolerance.map((t) => JSON.stringify(t)).join(', ')}] cannot be compared with ${describe(value)}: ${e.message}`);
            throw e;
        }
    }
    return tolerance.some((t) => pythonEquals(value, t));
}
async function probeTolerance(tolerance, value, ctx) {
    const provider = tolerance.provider;
    if (!isMapping(provider) || !isMapping(provider.arguments))
        throw new ToleranceError('a probe tolerance needs provider.arguments');
    const activity = { ...tolerance, provider: { ...provider, arguments: { ...provider.arguments, value } } };
    try {
        return pythonTruthy(await ctx.runProvider(activity));
    }
    catch (e) {
        if (e instanceof ActivityFailed)
            return false;
        throw e;
    }
}
function regexTolerance(tolerance, value, ctx) {
    const pattern = substitute(tolerance.pattern, ctx.scope);
    if (typeof pattern !== 'string')
        throw new ToleranceError('the regex pattern is not a string after substitution');
    const compiled = compilePythonRegex(pattern);
    if (!compiled.ok)
        throw new ToleranceError(`invalid regex pattern ${pattern}: ${compiled.message}`);
    const subject = applyTarget(value, tolerance.target);
    if (typeof subject !== 'string')
        throw new ToleranceError(`a regex tolerance needs a string to search, but the probe gave ${describe(subject)}${tolerance.target ? '' : ' (add a "target")'}`);
    return pythonSearch(compiled.regex, subject);
}
function jsonpathTolerance(tolerance, value, ctx) {
    const path = substitute(tolerance.path, ctx.scope);
    if (typeof path !== 'string')
        throw new ToleranceError('the jsonpath is not a string after substitution');
    const parsed = parseJsonPath(path);
    let subject = applyTarget(value, tolerance.target);
    if (typeof subject === 'string') {
        try {
            subject = JSON.parse(subject);
        }
        catch {
            // not JSON: match against the string itself, as chaoslib does
        }
    }
    const values = evaluateJsonPath(parsed, subject);
    let result = values.length > 0;
    if (tolerance.count !== undefined && tolerance.count !== null)
        result = values.length === tolerance.count;
    if (Object.hasOwn(tolerance, 'expect')) {
        const expect = substitute(tolerance.expect, ctx.scope);
        result = pythonEquals(values, Array.isArray(expect) ? expect : [expect]);
    }
    return result;
}
function rangeTolerance(tolerance, value) {
    const subject = applyTarget(value, tolerance.target);
    const range = tolerance.range;
    try {
        const v = toExact(subject);
        if (v === undefined)
            return false; // Decimal() raised InvalidOperation: not met
        const lo = toExact(range[0]);
        const hi = toExact(range[1]);
        if (!lo || !hi)
            throw new ToleranceError('range bounds must be numbers');
        return decimalBetween(v, lo, hi);
    }
    catch (e) {
        if (e instanceof DecimalError)
            throw new ToleranceError(`a range tolerance cannot judge ${describe(subject)}: ${e.message}`);
        throw e;
    }
}

// The steady-state hypothesis, as chaoslib runs it (hypothesis.py run_steady_state_hypothesis):
// probes in order; a failed probe or one outside its tolerance ends the check as not met; the
// tolerance is read from the hypothesis entry itself (so a ref entry carries its own).
async function runHypothesis(input, phase, env, signal) {
    const state = { steady_state_met: null, probes: [] };
    for (const entry of input.probes) {
        const activity = input.resolve(entry);
        const record = await executeActivity(activity, phase, env, signal);
        state.probes.push(record);
        if (record.status === 'failed') {
            record.tolerance_met = false;
            state.steady_state_met = false;
            env.events.hypothesisEnded(phase, state);
            return state;
        }
        record.tolerance_met = true;
        if (env.dry === 'probes' || env.dry === 'activities')
            continue;
        let met;
        try {
            met = await withinTolerance(entry.tolerance, record.output, {
                scope: env.scope,
                runProvider: (probe) => env.runProvider(probe.provider, { ...env.providerContext, signal }),
            });
        }
        catch (e) {
            if (signal.aborted)
                throw new Interrupted(`interrupted while judging '${String(activity.name ?? '')}'`);
            throw new UnexpectedActivityError(String(activity.name ?? ''), e);
        }
        env.events.toleranceChecked(record, entry.tolerance, met);
        if (!met) {
            record.tolerance_met = false;
            state.steady_state_met = false;
            env.events.hypothesisEnded(phase, state);
            return state;
        }
    }
    state.steady_state_met = true;
    env.events.hypothesisEnded(phase, state);
    return state;
}

// Which hypothesis checks and rollbacks a run plays (chaoslib run.py and the CLI's strategy rules).
const HYPOTHESIS_STRATEGIES = ['default', 'before-method-only', 'after-method-only', 'during-method-only', 'continuously', 'skip'];
const ROLLBACK_STRATEGIES = ['default', 'always', 'never', 'deviated'];
const runsBefore = (s) => s === 'default' || s === 'before-method-only' || s === 'continuously';
const runsAfter = (s) => s === 'default' || s === 'after-method-only' || s === 'continuously';
const runsDuring = (s) => s === 'during-method-only' || s === 'continuously';
function normalizeHypothesisStrategy(value) {
    if (value === 'continously')
        return 'continuously';
    return HYPOTHESIS_STRATEGIES.find((s) => s === value);
}
/**
 * A `runtime` block in the experiment sets both strategies, a missing one reverting to
 * "default" (as the chaos CLI does); flags override. Without either, our rollback default
 * applies (`always`: a gate must not leave staging broken).
 */
function resolveStrategies(experiment, flags, ourRollbackDefault = 'always') {
    const runtime = experiment.runtime;
    let hypothesis = 'default';
    let rollbacks = ourRollbackDefault;
    if (runtime && typeof runtime === 'object') {
        hypothesis = normalizeHypothesisStrategy(runtime.hypothesis?.strategy) ?? 'default';
        rollbacks = ROLLBACK_STRATEGIES.find((s) => s === runtime.rollbacks?.strategy) ?? 'default';
    }
    return { hypothesis: flags.hypothesis ?? hypothesis, rollbacks: flags.rollbacks ?? rollbacks };
}
/** chaoslib run.py run_rollback: whether this outcome plays the rollbacks. */
function playsRollbacks(strategy, status, deviated) {
    switch (strategy) {
        case 'always':
            return true;
        case 'never':
            return false;
        case 'deviated':
            return deviated;
        case 'default':
            return status !== 'failed' && status !== 'interrupted';
    }
}

// One experiment, start to end, as chaoslib's Runner._run plays it: configuration, steady state
// before, method (with the during-checks), steady state after, rollbacks. Never throws: whatever
// happens, the journal comes back complete, and rollbacks follow the strategy.
async function runExperiment(input, options, deps) {
    const errors = [];
    const { clock, events, interruption } = deps;
    const startMs = clock.now();
    const configuration = await resolveDynamicConfiguration(input, deps, errors);
    const scope = substitutionScope(configuration, input.secrets);
    const title = substitute(input.experiment.title, scope);
    const journal = newJournal({ ...input.experiment, title, dry: options.dry }, isoTimestamp(startMs));
    events.experimentStarted(String(title), input.file);
    const env = {
        clock,
        runProvider: deps.runProvider,
        scope,
        dry: options.dry,
        events,
        providerContext: {
            scope,
            hasVariables: Object.keys(configuration).length > 0 || Object.keys(input.secrets).length > 0,
            configuration,
            secrets: input.secrets,
            env: deps.env,
            cwd: deps.cwd,
        },
    };
    const { strategies } = options;
    const hypothesis = hypothesisInput(input.experiment);
    const withHypothesis = strategies.hypothesis !== 'skip' && hypothesis.probes.length > 0;
    const recordError = (phase, e) => {
        errors.push({ phase, ...(e instanceof UnexpectedActivityError ? { activity: e.activityName } : {}), message: e instanceof UnexpectedActivityError ? describeCause(e.cause) : describeCause(e) });
    };
    try {
        let gateOpen = true;
        if (withHypothesis && runsBefore(strategies.hypothesis)) {
            events.phaseStarted('before');
            const before = await runHypothesis(hypothesis, 'before', env, interruption.signal);
            journal.steady_states.before = before;
            if (!before.steady_state_met) {
                journal.status = statusAfterUnmet(before);
                gateOpen = false;
            }
        }
        if (gateOpen) {
            const during = withHypothesis && runsDuring(strategies.hypothesis) ? startDuringChecks(hypothesis, journal, options, env, interruption.signal, recordError) : undefined;
            let methodRan = false;
            try {
                events.phaseStarted('method');
                methodRan = await runMethod(input.experiment, journal, env, interruption.signal, recordError);
            }
            finally {
                await during?.stop();
            }
            if (interruption.signal.aborted)
                throw new Interrupted('interrupted');
            if (journal.status !== 'interrupted' && journal.status !== 'aborted' && withHypothesis && methodRan && runsAfter(strategies.hypothesis)) {
                events.phaseStarted('after');
                const after = await runHypothesis(hypothesis, 'after', env, interruption.signal);
                journal.steady_states.after = after;
                if (!after.steady_state_met) {
                    journal.deviated = true;
                    journal.status = statusAfterUnmet(after);
                }
            }
        }
    }
    catch (e) {
        if (e instanceof Interrupted || interruption.signal.aborted) {
            journal.status = 'interrupted';
        }
        else {
            // chaoslib crashes here (no journal, no rollbacks); we end the experiment as aborted.
            journal.status = 'aborted';
            recordError(journal.steady_states.after ? 'after' : journal.steady_states.before ? 'method' : 'before', e);
        }
    }
    let rollbacks = 'skipped';
    if (playsRollbacks(strategies.rollbacks, journal.status, journal.deviated)) {
        events.phaseStarted('rollbacks');
        const cut = await runRollbacks(input.experiment, journal, env, interruption.hardSignal, recordError);
        rollbacks = cut ? 'cut-short' : 'played';
        if (cut)
            journal.status = 'interrupted';
    }
    else {
        events.phaseStarted('rollbacks-skipped', `rollback strategy "${strategies.rollbacks}" with status ${journal.status ?? 'completed'}`);
    }
    const endMs = clock.now();
    journal.end = isoTimestamp(endMs);
    journal.duration = (endMs - startMs) / 1000;
    if (journal.status !== 'completed' && journal.status !== 'failed' && journal.status !== 'aborted' && journal.status !== 'interrupted') {
        journal.status = 'completed';
    }
    events.experimentEnded(journal);
    return { journal, errors, rollbacks, strategies };
}
/** completed when the probes ran and a value was out of tolerance; failed when a probe errored. */
function statusAfterUnmet(state) {
    return state.probes.some((p) => p.status !== 'succeeded') ? 'failed' : 'completed';
}
function describeCause(e) {
    return e instanceof Error ? e.message : String(e);
}
function hypothesisInput(experiment) {
    const hypothesis = experiment['steady-state-hypothesis'];
    const probes = isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes.filter(isMapping) : [];
    return { probes, resolve: (entry) => resolveRef(experiment, entry) };
}
/** A ref names a method activity or a hypothesis probe (hypothesis probes win on a clash). */
function resolveRef(experiment, entry) {
    if (typeof entry.ref !== 'string')
        return entry;
    const hypothesis = experiment['steady-state-hypothesis'];
    const candidates = [
        ...(isMapping(hypothesis) && Array.isArray(hypothesis.probes) ? hypothesis.probes : []),
        ...(Array.isArray(experiment.method) ? experiment.method : []),
    ].filter(isMapping);
    const found = candidates.find((a) => a.name === entry.ref && a.ref === undefined);
    if (!found)
        throw new UnexpectedActivityError(entry.ref, new Error(`could not find referenced activity '${entry.ref}'`));
    return found;
}
async function resolveDynamicConfiguration(input, deps, errors) {
    const resolved = {};
    for (const [key, value] of Object.entries(input.configuration)) {
        if (!input.dynamicConfiguration.includes(key) || !isMapping(value) || !isMapping(value.provider)) {
            resolved[key] = value;
            continue;
        }
        // Each probe sees the keys resolved so far, as chaoslib's load_dynamic_configuration.
        const scope = substitutionScope(resolved, input.secrets);
        try {
            const output = await deps.runProvider(value.provider, {
                scope,
                hasVariables: true,
                configuration: resolved,
                secrets: input.secrets,
                env: deps.env,
                cwd: deps.cwd,
                signal: deps.interruption.signal,
            });
            const type = value.provider.type;
            if (type === 'python')
                resolved[key] = output;
            else if (type === 'http')
                resolved[key] = isMapping(output) ? output.body : undefined;
            else if (type === 'process' && isMapping(output) && output.status === 0)
                resolved[key] = String(output.stdout ?? '').trim();
            else
                throw new Error(`the probe exited with ${isMapping(output) ? String(output.status) : '?'}`);
        }
        catch (e) {
            // chaoslib only warns and leaves the key out.
            deps.events.warning(`dynamic configuration "${key}" could not be loaded: ${describeCause(e)}`);
            errors.push({ phase: 'configuration', activity: String(value.name ?? key), message: describeCause(e) });
        }
    }
    return resolved;
}
/** Returns whether the method ran to its end (chaoslib: runs, or None when it aborted). */
async function runMethod(experiment, journal, env, signal, recordError) {
    const runs = [];
    journal.run = runs;
    const background = [];
    let failure;
    const method = Array.isArray(experiment.method) ? experiment.method.filter(isMapping) : [];
    try {
        for (const entry of method) {
            const activity = resolveRef(experiment, entry);
            if (activity.background === true) {
                const task = executeActivity(activity, 'method', env, signal, runs);
                background.push(task.catch((e) => (failure ??= e)));
            }
            else {
                await executeActivity(activity, 'method', env, signal, runs);
            }
            if (failure !== undefined)
                break;
            if (journal.status === 'aborted' || journal.status === 'failed' || journal.status === 'interrupted')
                break;
        }
    }
    catch (e) {
        failure ??= e;
    }
    finally {
        await Promise.all(background);
    }
    if (failure === undefined)
        return true;
    if (failure instanceof Interrupted || signal.aborted)
        throw failure instanceof Interrupted ? failure : new Interrupted('interrupted');
    journal.status = 'aborted';
    recordError('method', failure);
    return false;
}
/** Plays every rollback in order; returns true when a second interruption cut them short. */
async function runRollbacks(experiment, journal, env, hardSignal, recordError) {
    const runs = [];
    journal.rollbacks = runs;
    const background = [];
    const rollbacks = Array.isArray(experiment.rollbacks) ? experiment.rollbacks.filter(isMapping) : [];
    const attempt = async (entry) => {
        try {
            await executeActivity(resolveRef(experiment, entry), 'rollbacks', env, hardSignal, runs);
        }
        catch (e) {
            if (!(e instanceof Interrupted)) {
                // An unexpected error in one rollback must not stop the others: never leave a fault behind.
                journal.status = 'aborted';
                recordError('rollbacks', e);
            }
        }
    };
    for (const entry of rollbacks) {
        if (hardSignal.aborted)
            break;
        if (entry.background === true)
            background.push(attempt(entry));
        else
            await attempt(entry);
    }
    await Promise.all(background);
    return hardSignal.aborted;
}
/** chaoslib run_hypothesis_continuously: first check at once, then `frequency` s after each. */
function startDuringChecks(hypothesis, journal, options, env, signal, recordError) {
    const stopper = new AbortController();
    const stopOrInterrupt = AbortSignal.any([stopper.signal, signal]);
    const loop = (async () => {
        while (!stopOrInterrupt.aborted) {
            if (journal.status === 'failed' || journal.status === 'interrupted' || journal.status === 'aborted')
                break;
            try {
                const state = await runHypothesis(hypothesis, 'during', env, signal);
                journal.steady_states.during.push(state);
                if (!state.steady_state_met && options.failFast) {
                    journal.status = 'failed';
                    break;
                }
            }
            catch (e) {
                if (e instanceof Interrupted || signal.aborted)
                    journal.status = 'interrupted';
                else {
                    journal.status = 'aborted';
                    recordError('during', e);
                }
                break;
            }
            await env.clock.sleep(options.hypothesisFrequency * 1000, stopOrInterrupt);
        }
    })();
    return {
        stop: async () => {
            stopper.abort();
            await loop;
        },
    };
}

// Secret values registered as they are loaded, so that any later layer (logs, journals,
// reports) can replace them before anything leaves the process.
const REDACTED = '***';
/** Shorter values would blank out ordinary text; GitHub's own masking has the same problem. */
const MIN_LENGTH = 3;
class Redactor {
    values = new Set();
    pattern;
    add(value) {
        if (value === null || value === undefined)
            return;
        if (typeof value === 'object') {
            for (const v of Array.isArray(value) ? value : Object.values(value))
                this.add(v);
            return;
        }
        const text = pythonStr(value);
        for (const form of [text, JSON.stringify(text).slice(1, -1), encodeURIComponent(text)]) {
            if (form.length >= MIN_LENGTH && !this.values.has(form)) {
                this.values.add(form);
                this.pattern = undefined;
            }
        }
    }
    get size() {
        return this.values.size;
    }
    redact(text) {
        if (this.values.size === 0)
            return text;
        this.pattern ??= new RegExp([...this.values].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
        return text.replace(this.pattern, REDACTED);
    }
    /** A deep copy of a JSON value with every secret replaced, in strings and in keys. */
    redactValue(value) {
        if (this.values.size === 0)
            return value;
        const walk = (v) => {
            if (typeof v === 'string')
                return this.redact(v);
            if (Array.isArray(v))
                return v.map(walk);
            if (v && typeof v === 'object') {
                const out = {};
                for (const [k, inner] of Object.entries(v))
                    out[this.redact(k)] = walk(inner);
                return out;
            }
            if (typeof v === 'number' && this.values.has(pythonStr(v)))
                return REDACTED;
            return v;
        };
        return walk(value);
    }
}

// Journal file names in the journal folder: one per experiment, named after its file, unique.
/** `experiments/db/failover.yaml` → `failover.journal.json`, or `db-failover.journal.json` on a clash. */
function journalNames(files) {
    const names = new Map();
    const stem = (file, depth) => {
        const parts = file.replace(/\.(json|ya?ml)$/i, '').split(/[\\/]/).filter((p) => p && p !== '.' && p !== '..');
        return parts.slice(-depth).join('-').replace(/[^A-Za-z0-9._-]/g, '_');
    };
    for (let depth = 1; names.size < files.length; depth++) {
        names.clear();
        const seen = new Set();
        let clash = false;
        for (const f of files) {
            const name = `${stem(path.normalize(f), depth)}.journal.json`;
            if (seen.has(name))
                clash = true;
            seen.add(name);
            names.set(f, name);
        }
        if (!clash || depth > 32)
            break;
    }
    // Same path twice, or names still clashing: number them.
    const used = new Set();
    for (const [f, name] of names) {
        let unique = name;
        for (let i = 2; used.has(unique); i++)
            unique = name.replace(/\.journal\.json$/, `-${i}.journal.json`);
        used.add(unique);
        names.set(f, unique);
    }
    return names;
}

// To do: next major: remove.
/**
 * @typedef {Options} MarkdownTableOptions
 *   Configuration.
 */

/**
 * @typedef Options
 *   Configuration.
 * @property {boolean | null | undefined} [alignDelimiters=true]
 *   Whether to align the delimiters (default: `true`);
 *   they are aligned by default:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   Pass `false` to make them staggered:
 *
 *   ```markdown
 *   | Alpha | B |
 *   | - | - |
 *   | C | Delta |
 *   ```
 * @property {ReadonlyArray<string | null | undefined> | string | null | undefined} [align]
 *   How to align columns (default: `''`);
 *   one style for all columns or styles for their respective columns;
 *   each style is either `'l'` (left), `'r'` (right), or `'c'` (center);
 *   other values are treated as `''`, which doesn’t place the colon in the
 *   alignment row but does align left;
 *   *only the lowercased first character is used, so `Right` is fine.*
 * @property {boolean | null | undefined} [delimiterEnd=true]
 *   Whether to end each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B
 *   | ----- | -----
 *   | C     | Delta
 *   ```
 * @property {boolean | null | undefined} [fillRows=true]
 *   Whether to fill rows with empty cells up to the most cells in a row
 *   (default: `true`).
 *
 *   When `true`, all rows have as many cells as the longest row:
 *
 *   ```markdown
 *   | Alpha | B    |   |
 *   | ----- | ---- | - |
 *   | C     |      |   |
 *   | D     | Echo | F |
 *   ```
 *
 *   When `false`, rows keep their cells,
 *   and the delimiter row has as many cells as the header row:
 *
 *   ```markdown
 *   | Alpha | B    |
 *   | ----- | ---- |
 *   | C     |
 *   | D     | Echo | F |
 *   ```
 * @property {boolean | null | undefined} [delimiterStart=true]
 *   Whether to begin each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are starting delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no starting delimiters:
 *
 *   ```markdown
 *   Alpha | B     |
 *   ----- | ----- |
 *   C     | Delta |
 *   ```
 * @property {boolean | null | undefined} [padding=true]
 *   Whether to add a space of padding between delimiters and cells
 *   (default: `true`).
 *
 *   When `true`, there is padding:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there is no padding:
 *
 *   ```markdown
 *   |Alpha|B    |
 *   |-----|-----|
 *   |C    |Delta|
 *   ```
 * @property {((value: string) => number) | null | undefined} [stringLength]
 *   Function to detect the length of table cell content (optional);
 *   this is used when aligning the delimiters (`|`) between table cells;
 *   full-width characters and emoji mess up delimiter alignment when viewing
 *   the markdown source;
 *   to fix this, you can pass this function,
 *   which receives the cell content and returns its “visible” size;
 *   note that what is and isn’t visible depends on where the text is displayed.
 *
 *   Without such a function, the following:
 *
 *   ```js
 *   markdownTable([
 *     ['Alpha', 'Bravo'],
 *     ['中文', 'Charlie'],
 *     ['👩‍❤️‍👩', 'Delta']
 *   ])
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo |
 *   | - | - |
 *   | 中文 | Charlie |
 *   | 👩‍❤️‍👩 | Delta |
 *   ```
 *
 *   With [`string-width`](https://github.com/sindresorhus/string-width):
 *
 *   ```js
 *   import stringWidth from 'string-width'
 *
 *   markdownTable(
 *     [
 *       ['Alpha', 'Bravo'],
 *       ['中文', 'Charlie'],
 *       ['👩‍❤️‍👩', 'Delta']
 *     ],
 *     {stringLength: stringWidth}
 *   )
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo   |
 *   | ----- | ------- |
 *   | 中文  | Charlie |
 *   | 👩‍❤️‍👩    | Delta   |
 *   ```
 */

/**
 * Get the length of a cell.
 *
 * @param {string} value
 *   Cell value.
 * @returns {number}
 *   Cell size.
 */
function defaultStringLength(value) {
  return value.length
}

/**
 * Generate a markdown
 * ([GFM](https://docs.github.com/en/github/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables))
 * table.
 *
 * @param {ReadonlyArray<ReadonlyArray<string | null | undefined>>} table
 *   Table data (matrix of strings).
 * @param {Readonly<Options> | null | undefined} [options]
 *   Configuration (optional).
 * @returns {string}
 *   Result.
 */
function markdownTable(table, options) {
  const settings = options || {};
  // To do: next major: change to spread.
  // eslint-disable-next-line unicorn/prefer-spread -- `align` can be a string.
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  /** @type {Array<number>} Character codes as symbols for alignment per column. */
  const alignments = [];
  /** @type {Array<Array<string>>} Cells per row. */
  const cellMatrix = [];
  /** @type {Array<Array<number>>} Sizes of each cell per row. */
  const sizeMatrix = [];
  /** @type {Array<number>} */
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;

  // This is a superfluous loop if we don’t align delimiters, but otherwise we’d
  // do superfluous work when aligning, so optimize for aligning.
  while (++rowIndex < table.length) {
    /** @type {Array<string>} */
    const row = [];
    /** @type {Array<number>} */
    const sizes = [];
    let columnIndex = -1;

    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length;
    }

    while (++columnIndex < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex]);

      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes[columnIndex] = size;

        if (
          longestCellByColumn[columnIndex] === undefined ||
          size > longestCellByColumn[columnIndex]
        ) {
          longestCellByColumn[columnIndex] = size;
        }
      }

      row.push(cell);
    }

    cellMatrix[rowIndex] = row;
    sizeMatrix[rowIndex] = sizes;
  }

  // Figure out which alignments to use.
  let columnIndex = -1;

  if (typeof align === 'object' && 'length' in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);

    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }

  // Inject the alignment row.
  columnIndex = -1;
  /** @type {Array<string>} */
  const row = [];
  /** @type {Array<number>} */
  const sizes = [];

  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = '';
    let after = '';

    if (code === 99 /* `c` */) {
      before = ':';
      after = ':';
    } else if (code === 108 /* `l` */) {
      before = ':';
    } else if (code === 114 /* `r` */) {
      after = ':';
    }

    // There *must* be at least one hyphen-minus in each alignment cell.
    let size =
      settings.alignDelimiters === false
        ? 1
        : Math.max(
            1,
            longestCellByColumn[columnIndex] - before.length - after.length
          );

    const cell = before + '-'.repeat(size) + after;

    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;

      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }

      sizes[columnIndex] = size;
    }

    row[columnIndex] = cell;
  }

  // Inject the alignment row.
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);

  rowIndex = -1;
  /** @type {Array<string>} */
  const lines = [];

  while (++rowIndex < cellMatrix.length) {
    const row = cellMatrix[rowIndex];
    const sizes = sizeMatrix[rowIndex];
    const cellsInRow =
      settings.fillRows === false
        ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length)
        : mostCellsPerRow;
    columnIndex = -1;
    /** @type {Array<string>} */
    const line = [];

    while (++columnIndex < cellsInRow) {
      const cell = row[columnIndex] || '';
      let before = '';
      let after = '';

      if (settings.alignDelimiters !== false) {
        const size =
          longestCellByColumn[columnIndex] - (sizes[columnIndex] || 0);
        const code = alignments[columnIndex];

        if (code === 114 /* `r` */) {
          before = ' '.repeat(size);
        } else if (code === 99 /* `c` */) {
          const half = size / 2;

          if (size % 2) {
            before = ' '.repeat(half + 0.5);
            after = ' '.repeat(half - 0.5);
          } else {
            before = ' '.repeat(half);
            after = before;
          }
        } else {
          after = ' '.repeat(size);
        }
      }

      if (settings.delimiterStart !== false && !columnIndex) {
        line.push('|');
      }

      if (
        settings.padding !== false &&
        // Don’t add the opening space if we’re not aligning and the cell is
        // empty: there will be a closing space.
        !(settings.alignDelimiters === false && cell === '') &&
        (settings.delimiterStart !== false || columnIndex)
      ) {
        line.push(' ');
      }

      if (settings.alignDelimiters !== false) {
        line.push(before);
      }

      line.push(cell);

      if (settings.alignDelimiters !== false) {
        line.push(after);
      }

      if (settings.padding !== false) {
        line.push(' ');
      }

      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push('|');
      }
    }

    lines.push(
      settings.delimiterEnd === false
        ? line.join('').replace(/ +$/, '')
        : line.join('')
    );
  }

  return lines.join('\n')
}

/**
 * Serialize a cell value.
 *
 * @param {string | null | undefined} [value]
 *   Value to serialize.
 * @returns {string}
 *   Result.
 */
function serialize(value) {
  return value === null || value === undefined ? '' : String(value)
}

/**
 * Get the alignment character code from a value.
 *
 * @param {string | null | undefined} value
 *   Value.
 * @returns {number}
 *   Alignment.
 */
function toAlignment(value) {
  const code = typeof value === 'string' ? value.codePointAt(0) : 0;

  return code === 67 /* `C` */ || code === 99 /* `c` */
    ? 99 /* `c` */
    : code === 76 /* `L` */ || code === 108 /* `l` */
      ? 108 /* `l` */
      : code === 82 /* `R` */ || code === 114 /* `r` */
        ? 114 /* `r` */
        : 0
}

// The Markdown result table (report.md; later the job summary and the sticky PR comment). Every
// string a user wrote is escaped: a title cannot break the table or inject markup.
const VERDICT_ICONS = {
    passed: '✅',
    'not-ready': '⏸️',
    'missed-objective': '⏱️',
    deviated: '❌',
    interrupted: '⛔',
    failed: '💥',
    invalid: '🚫',
};
/** Escapes text for a table cell: no pipes, newlines, HTML or link syntax can get through. */
function escapeCell(text) {
    return text
        .replace(/\\/g, '\\\\')
        .replace(/\r?\n/g, ' ')
        .replace(/[|*_`[\]<>#~]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;');
}
const met = (v) => (v === null ? '—' : v ? 'met' : 'not met');
function formatDuration(seconds) {
    if (seconds < 60)
        return `${seconds.toFixed(1)} s`;
    const m = Math.floor(seconds / 60);
    return `${m} min ${Math.round(seconds - m * 60)} s`;
}
function renderReport(results) {
    const head = `## Chaos experiments: ${VERDICT_ICONS[results.verdict]} ${results.verdict} — gate ${results.gate}`;
    const rows = results.experiments.map((e) => [
        `${escapeCell(e.title)}<br>\`${escapeCell(e.file).replace(/`/g, '')}\``,
        `${VERDICT_ICONS[e.verdict]} ${e.verdict}`,
        met(e.steadyStateBefore),
        met(e.steadyStateAfter),
        formatDuration(e.duration),
    ]);
    const table = markdownTable([['Experiment', 'Verdict', 'Steady state before', 'Steady state after', 'Duration'], ...rows], {
        align: ['l', 'l', 'c', 'c', 'r'],
    });
    const details = results.experiments
        .filter((e) => e.verdict !== 'passed' && e.reasons.length > 0)
        .map((e) => `**${escapeCell(e.title)}** — ${e.verdict}\n${e.reasons.map((r) => `- ${escapeCell(r)}`).join('\n')}`);
    const counts = Object.entries(results.counts)
        .filter(([, n]) => n > 0)
        .map(([v, n]) => `${n} ${v}`)
        .join(', ');
    return [head, '', table, '', ...(details.length ? ['### What did not pass', '', details.join('\n\n'), ''] : []), `${counts || 'no experiments'} · fails on: ${results.failOn.join(', ')} · chaos-action ${results.version}`, ''].join('\n');
}

const VERDICTS = ['passed', 'not-ready', 'missed-objective', 'deviated', 'interrupted', 'failed', 'invalid'];
/** Worst first: the run's result is the worst verdict of its experiments. */
const severity = (v) => VERDICTS.indexOf(v);
const worstVerdict = (verdicts) => verdicts.reduce((worst, v) => (severity(v) > severity(worst) ? v : worst), 'passed');
function judge(outcome, options) {
    const { journal } = outcome;
    const failed = [];
    for (const e of outcome.errors)
        failed.push(`${e.phase}: ${e.activity ? `activity "${e.activity}" ` : ''}raised an unexpected error: ${e.message}`);
    for (const r of journal.rollbacks) {
        if (r.status !== 'succeeded')
            failed.push(`rollback "${nameOf(r)}" ${r.status === 'failed' ? `failed: ${lastException(r)}` : 'did not finish'}`);
    }
    if (outcome.rollbacks === 'cut-short')
        failed.push('a second interruption cut the rollbacks short: a fault may be left behind');
    if (!options.allowActionFailure) {
        for (const r of journal.run) {
            if (r.status === 'failed' && r.activity.type === 'action')
                failed.push(`method action "${nameOf(r)}" failed: ${lastException(r)}`);
        }
    }
    if (journal.status === 'interrupted') {
        return { verdict: 'interrupted', reasons: ['the run was interrupted', ...failed] };
    }
    if (failed.length > 0 || journal.status === 'aborted') {
        return { verdict: 'failed', reasons: failed.length ? failed : ['the experiment was aborted'] };
    }
    const probes = hypothesisEntries(journal.experiment);
    const before = journal.steady_states.before;
    if (before && !before.steady_state_met) {
        return { verdict: 'not-ready', reasons: [`steady state not met before the fault, so nothing was injected: ${unmetProbe(before, probes)}`] };
    }
    const after = journal.steady_states.after;
    if (journal.deviated && after) {
        return { verdict: 'deviated', reasons: [`steady state not met after the method: ${unmetProbe(after, probes)}`] };
    }
    const duringIndex = journal.steady_states.during.findIndex((s) => !s.steady_state_met);
    if (duringIndex >= 0 && (journal.status === 'failed' || !after)) {
        // Fail-fast, or a strategy with no check after the method: the during-checks are the verdict.
        const state = journal.steady_states.during[duringIndex];
        return { verdict: 'deviated', reasons: [`steady state not met during the method (check ${duringIndex + 1} of ${journal.steady_states.during.length}): ${unmetProbe(state, probes)}`] };
    }
    return { verdict: 'passed', reasons: [] };
}
function nameOf(r) {
    return String(r.activity.name ?? '?');
}
function lastException(r) {
    return (r.exception?.at(-1) ?? '').replace(/^chaoslib\.exceptions\.ActivityFailed: /, '').trim();
}
function hypothesisEntries(experiment) {
    const h = experiment['steady-state-hypothesis'];
    return isMapping(h) && Array.isArray(h.probes) ? h.probes.filter(isMapping) : [];
}
/** `probe "api-up" returned status 500; tolerance [200, 503]` for the probe that ended the check. */
function unmetProbe(state, entries) {
    const index = state.probes.length - 1;
    const record = state.probes[index];
    if (!record)
        return 'no probe ran';
    const name = nameOf(record);
    if (record.status === 'failed')
        return `probe "${name}" failed: ${lastException(record)}`;
    if (record.status === undefined)
        return `probe "${name}" did not finish`;
    return `probe "${name}" returned ${describeValue(record.output)}; tolerance ${describeTolerance(entries[index]?.tolerance)}`;
}
function describeValue(output) {
    if (isMapping(output) && 'status' in output && ('body' in output || 'stdout' in output)) {
        const detail = 'body' in output ? output.body : output.stdout;
        const text = typeof detail === 'string' ? detail.trim() : JSON.stringify(detail);
        const label = 'body' in output ? `status ${String(output.status)}` : `exit code ${String(output.status)}`;
        return text ? `${label} (${truncate(text, 80)})` : label;
    }
    return truncate(typeof output === 'string' ? JSON.stringify(output) : pythonRepr(output), 120);
}
function describeTolerance(tolerance) {
    if (isMapping(tolerance)) {
        switch (tolerance.type) {
            case 'regex':
                return `regex ${JSON.stringify(tolerance.pattern)}${tolerance.target ? ` on ${String(tolerance.target)}` : ''}`;
            case 'jsonpath':
                return `jsonpath ${String(tolerance.path)}${'expect' in tolerance ? ` = ${JSON.stringify(tolerance.expect)}` : tolerance.count !== undefined ? ` (count ${String(tolerance.count)})` : ''}`;
            case 'range':
                return `range ${JSON.stringify(tolerance.range)}${tolerance.target ? ` on ${String(tolerance.target)}` : ''}`;
            case 'probe':
                return `probe "${String(tolerance.name ?? '')}"`;
            default:
                return JSON.stringify(tolerance);
        }
    }
    return JSON.stringify(tolerance);
}
function truncate(s, n) {
    return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function summarize(experiments, failOn, version) {
    const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
    for (const e of experiments)
        counts[e.verdict]++;
    const verdict = worstVerdict(experiments.map((e) => e.verdict));
    const gate = experiments.some((e) => failOn.includes(e.verdict)) ? 'failed' : 'passed';
    return { tool: 'chaos-action', version, verdict, gate, failOn, counts, experiments };
}
function resultOf(file, journal, verdict, reasons, journalName) {
    return {
        file,
        title: String(journal.experiment.title ?? file),
        verdict,
        reasons,
        status: journal.status,
        deviated: journal.deviated,
        steadyStateBefore: journal.steady_states.before?.steady_state_met ?? null,
        steadyStateAfter: journal.steady_states.after?.steady_state_met ?? null,
        duration: journal.duration ?? 0,
        journal: journalName,
    };
}

// Runs a suite: validates every experiment first (nothing runs unless all are valid), runs them
// one by one, judges each, and writes the journals, results.json and report.md. The CLI and the
// action call this; it talks to the world only through what it is given.
async function runSuite(settings, deps) {
    const validation = await validateFiles(settings.paths, deps.validation);
    if (!validation.valid)
        return { kind: 'invalid', diagnostics: validation.diagnostics };
    deps.onValidated?.(validation.diagnostics);
    const experiments = validation.files.flatMap((f) => (f.experiment ? [f.experiment] : []));
    const redactor = new Redactor();
    for (const e of experiments)
        for (const v of e.secretValues)
            redactor.add(v);
    deps.useRedactor?.(redactor);
    await mkdir(settings.journalDir, { recursive: true });
    const names = journalNames(experiments.map((e) => e.doc.file));
    const results = [];
    const skipped = [];
    for (const validated of experiments) {
        if (deps.interruption.signal.aborted) {
            skipped.push(validated.doc.file);
            continue;
        }
        const experiment = validated.doc.value;
        const strategies = resolveStrategies(experiment, {
            ...(settings.hypothesisStrategy ? { hypothesis: settings.hypothesisStrategy } : {}),
            ...(settings.rollbackStrategy ? { rollbacks: settings.rollbackStrategy } : {}),
        });
        const outcome = await runExperiment({
            file: validated.doc.file,
            experiment,
            configuration: validated.configuration,
            dynamicConfiguration: validated.dynamicConfiguration,
            secrets: validated.secrets,
        }, { strategies, hypothesisFrequency: settings.hypothesisFrequency, failFast: settings.failFast, dry: settings.dry }, { clock: deps.clock, runProvider: deps.runProvider, events: deps.events, env: deps.childEnv, cwd: deps.cwd, interruption: deps.interruption });
        const { verdict, reasons } = judge(outcome, { allowActionFailure: settings.allowActionFailure });
        const journal = {
            ...outcome.journal,
            'chaos-action': {
                version: deps.version,
                file: validated.doc.file,
                verdict,
                reasons,
                strategies: outcome.strategies,
                rollbacks: outcome.rollbacks,
                errors: outcome.errors,
            },
        };
        const name = names.get(validated.doc.file);
        await writeFile(path.join(settings.journalDir, name), JSON.stringify(redactor.redactValue(journal), null, 2) + '\n');
        results.push(redactor.redactValue(resultOf(validated.doc.file, outcome.journal, verdict, reasons, name)));
    }
    const summary = summarize(results, settings.failOn, deps.version);
    const resultsPath = path.join(settings.journalDir, 'results.json');
    const reportPath = path.join(settings.journalDir, 'report.md');
    await writeFile(resultsPath, JSON.stringify({ ...summary, skipped }, null, 2) + '\n');
    await writeFile(reportPath, renderReport(summary));
    return { kind: 'ran', diagnostics: validation.diagnostics, results: summary, reportPath, resultsPath, skipped };
}

// The failures of an http activity: the requests exceptions chaoslib turns into "failed to
// connect" / "took too long", the Python-named unexpected errors it lets escape, and the
// urllib3-style texts (repr and str) of the errors a single attempt can end with.
/** requests.exceptions.ConnectionError (and its ConnectTimeout / SSLError subclasses). */
class ConnectionFailure extends Error {
}
/** requests.exceptions.ReadTimeout raised before the response headers (chaoslib's "took too long"). */
class TimeoutFailure extends Error {
}
/** An unexpected error, named like the Python exception chaoslib would let escape. */
function pyError(type, message) {
    return new Error(`${type}: ${message}`);
}
function abortError$1(signal) {
    const error = new Error('http activity interrupted', { cause: signal.reason });
    error.name = 'AbortError';
    return error;
}
class AttemptError extends Error {
    kind;
    repr;
    str;
    constructor(kind, 
    /** repr() of the urllib3 exception, as shown in "Caused by ...". */
    repr, 
    /** str() of the exception requests raises when it is not retried. */
    str) {
        super(str);
        this.kind = kind;
        this.repr = repr;
        this.str = str;
    }
}
const ERRNO = {
    ECONNREFUSED: [111, 'Connection refused'],
    ECONNRESET: [104, 'Connection reset by peer'],
    ECONNABORTED: [103, 'Software caused connection abort'],
    EHOSTUNREACH: [113, 'No route to host'],
    ENETUNREACH: [101, 'Network is unreachable'],
    ETIMEDOUT: [110, 'Connection timed out'],
    EADDRNOTAVAIL: [99, 'Cannot assign requested address'],
    EPIPE: [32, 'Broken pipe'],
};
const TLS_VERIFY_REASONS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
    UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
    CERT_HAS_EXPIRED: 'certificate has expired',
    CERT_NOT_YET_VALID: 'certificate is not yet valid',
};
function osErrorText(err) {
    const known = err.code ? ERRNO[err.code] : undefined;
    return known ? `[Errno ${known[0]}] ${known[1]}` : err.message;
}
/** The urllib3 error of an attempt that failed with `err` (a socket, DNS, TLS or parser error). */
function attemptError(err, phase, connName, hostname, isTls) {
    if (phase === 'connecting') {
        let message;
        if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' || err.code === 'EAI_FAIL' || err.code === 'EAI_NODATA') {
            const gai = err.code === 'EAI_AGAIN' ? '[Errno -3] Temporary failure in name resolution' : '[Errno -2] Name or service not known';
            message = `${connName}: Failed to resolve ${pythonRepr(hostname)} (${gai})`;
            return new AttemptError('connect', `NameResolutionError(${pythonRepr(message)})`, message);
        }
        if (isTls && (err.code ?? '') in TLS_VERIFY_REASONS) {
            return tlsError(err);
        }
        message = `${connName}: Failed to establish a new connection: ${osErrorText(err)}`;
        return new AttemptError('connect', `NewConnectionError(${pythonRepr(message)})`, message);
    }
    if (phase === 'handshake') {
        return tlsError(err);
    }
    let inner;
    if (err.code === 'ECONNRESET' && err.message === 'socket hang up')
        inner = "RemoteDisconnected('Remote end closed connection without response')";
    else if (err.code === 'ECONNRESET')
        inner = "ConnectionResetError(104, 'Connection reset by peer')";
    else if (err.code === 'EPIPE')
        inner = "BrokenPipeError(32, 'Broken pipe')";
    else if (err.code?.startsWith('HPE_'))
        inner = `BadStatusLine(${pythonRepr(err.message)})`;
    else
        inner = `OSError(${pythonRepr(osErrorText(err))})`;
    return protocolError(inner);
}
function tlsError(err) {
    const reason = err.code ? TLS_VERIFY_REASONS[err.code] : undefined;
    let inner;
    if (reason)
        inner = `SSLCertVerificationError(1, ${pythonRepr(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason}`)})`;
    else if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        inner = `SSLCertVerificationError(1, ${pythonRepr(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${err.message}`)})`;
    }
    else {
        // OpenSSL's "error:0A00010B:SSL routines:fn:wrong version number" reads, in Python,
        // "[SSL: WRONG_VERSION_NUMBER] wrong version number".
        const ossl = /error:[0-9A-Fa-f]+:SSL routines:[^:]*:([^:]+)/.exec(err.message);
        const text = ossl ? `[SSL: ${ossl[1].toUpperCase().replace(/ /g, '_')}] ${ossl[1]}` : err.message;
        inner = `SSLError(1, ${pythonRepr(text)})`;
    }
    return new AttemptError('tls', `SSLError(${inner})`, inner);
}
/** urllib3's ProtocolError('Connection aborted.', inner) for a connection lost before the answer. */
function protocolError(inner) {
    return new AttemptError('read', `ProtocolError('Connection aborted.', ${inner})`, `('Connection aborted.', ${inner})`);
}
/** urllib3's ConnectTimeoutError. */
function connectTimeoutError(connName, hostname, connectTimeout) {
    const msg = `Connection to ${hostname} timed out. (connect timeout=${pythonRepr(connectTimeout)})`;
    return new AttemptError('connect', `ConnectTimeoutError(<${connName}>, ${pythonRepr(msg)})`, msg);
}
/** urllib3's ReadTimeoutError while waiting for the response headers. */
function readTimeoutError(pool, readTimeout) {
    const text = `${pool}: Read timed out. (read timeout=${pythonRepr(readTimeout)})`;
    return new AttemptError('read-timeout', `ReadTimeoutError(${pythonRepr(text)})`, text);
}
function incomplete(received, contentLength) {
    // urllib3's IncompleteRead while reading the body becomes requests' ChunkedEncodingError, which
    // chaoslib does not catch.
    const expected = contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) - received : null;
    const inner = expected !== null && expected > 0 ? `IncompleteRead(${received} bytes read, ${expected} more expected)` : `IncompleteRead(${received} bytes read)`;
    return pyError('requests.exceptions.ChunkedEncodingError', `('Connection broken: ${inner}', ${inner})`);
}

// Percent-encoding: urllib.parse.quote / quote_plus / unquote, requests.utils.requote_uri, and the
// character sets and re-encoding urllib3's parse_url applies to each URL component.
const ALWAYS_SAFE = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~');
const UNRESERVED = ALWAYS_SAFE;
const SUB_DELIMS = "!$&'()*+,;=";
const USERINFO_CHARS = new Set([...UNRESERVED, ...SUB_DELIMS, ':']);
const PATH_CHARS = new Set([...USERINFO_CHARS, '@', '/']);
const QUERY_CHARS = new Set([...PATH_CHARS, '?']);
function hex2(byte) {
    return '%' + byte.toString(16).toUpperCase().padStart(2, '0');
}
/** urllib.parse.quote(s, safe) (UTF-8, strict). */
function quote(s, safe) {
    const safeSet = new Set(safe);
    let out = '';
    for (const byte of Buffer.from(s, 'utf8')) {
        const ch = String.fromCharCode(byte);
        out += byte < 128 && (ALWAYS_SAFE.has(ch) || safeSet.has(ch)) ? ch : hex2(byte);
    }
    return out;
}
/** urllib.parse.quote_plus(s, safe='') as urlencode uses it. */
function quotePlus(s) {
    return quote(s, ' ').replace(/ /g, '+');
}
class InvalidPercentEscape extends Error {
}
/** requests.utils.unquote_unreserved. */
function unquoteUnreserved(uri) {
    const parts = uri.split('%');
    for (let i = 1; i < parts.length; i++) {
        const part = parts[i];
        const h = part.slice(0, 2);
        if (h.length === 2 && /^[\p{L}\p{N}]{2}$/u.test(h)) {
            if (!/^[0-9a-fA-F]{2}$/.test(h))
                throw new InvalidPercentEscape(h);
            const c = String.fromCharCode(parseInt(h, 16));
            parts[i] = UNRESERVED.has(c) ? c + part.slice(2) : `%${part}`;
        }
        else {
            parts[i] = `%${part}`;
        }
    }
    return parts.join('');
}
/** requests.utils.requote_uri. */
function requoteUri(uri) {
    try {
        return quote(unquoteUnreserved(uri), "!#$%&'()*+,/:;=?@[]~");
    }
    catch (e) {
        if (!(e instanceof InvalidPercentEscape))
            throw e;
        return quote(uri, "!#$&'()*+,/:;=?@[]~");
    }
}
/** urllib3.util.url._encode_invalid_chars. */
function encodeInvalidChars(component, allowed) {
    let percentEncodings = 0;
    const normalized = component.replace(/%[a-fA-F0-9]{2}/g, (m) => {
        percentEncodings++;
        return m.toUpperCase();
    });
    const bytes = Buffer.from(normalized, 'utf8');
    const isPercentEncoded = percentEncodings === bytes.filter((b) => b === 0x25).length;
    let out = '';
    for (const byte of bytes) {
        const ch = String.fromCharCode(byte);
        out += (isPercentEncoded && byte === 0x25) || (byte < 128 && allowed.has(ch)) ? ch : hex2(byte);
    }
    return out;
}
/** urllib.parse.unquote (UTF-8, invalid bytes replaced), as get_auth_from_url uses it. */
function pyUnquote(s) {
    const bytes = [];
    for (let i = 0; i < s.length;) {
        if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
            bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
            i += 3;
        }
        else {
            const cp = s.codePointAt(i);
            const ch = String.fromCodePoint(cp);
            bytes.push(...Buffer.from(ch, 'utf8'));
            i += ch.length;
        }
    }
    return new TextDecoder('utf-8').decode(Buffer.from(bytes));
}

// How the activity's arguments are encoded: requests' _encode_params with
// urllib.parse.urlencode(doseq=True) (query string or form body), and json.dumps (JSON body).
function unpackPair(item) {
    let parts;
    if (Array.isArray(item))
        parts = item;
    else if (typeof item === 'string')
        parts = [...item];
    else if (isMapping(item))
        parts = Object.keys(item);
    else
        throw pyError('ValueError', 'cannot encode objects that are not 2-tuples');
    if (parts.length !== 2) {
        throw pyError('ValueError', parts.length > 2 ? 'too many values to unpack (expected 2)' : `not enough values to unpack (expected 2, got ${parts.length})`);
    }
    return [parts[0], parts[1]];
}
/** Iterating a Python value: a list's items, a dict's keys, a str's characters. */
function iterate(value) {
    if (Array.isArray(value))
        return value;
    if (isMapping(value))
        return Object.keys(value);
    return null;
}
/** requests' _encode_params for a dict or list of pairs: `a=1&l=1&l=2`, None dropped. */
function urlencodeParams(data) {
    const pairs = Array.isArray(data) ? data.map(unpackPair) : Object.entries(data);
    const out = [];
    for (const [k, vs] of pairs) {
        const key = quotePlus(pythonStr(k));
        const values = typeof vs === 'string' ? [vs] : (iterate(vs) ?? [vs]);
        for (const v of values) {
            if (v === null || v === undefined)
                continue;
            if (typeof v === 'string') {
                out.push(`${key}=${quotePlus(v)}`);
                continue;
            }
            const inner = iterate(v);
            if (inner === null)
                out.push(`${key}=${quotePlus(pythonStr(v))}`);
            else
                for (const elt of inner)
                    out.push(`${key}=${quotePlus(pythonStr(elt))}`);
        }
    }
    return out.join('&');
}
/** requests' _encode_params: strings pass through; dicts and lists are urlencoded; others pass. */
function encodeParams(data) {
    if (typeof data === 'string')
        return data;
    if (isMapping(data) || Array.isArray(data))
        return urlencodeParams(data);
    return data;
}
/** json.dumps(value) with Python's defaults (", " / ": " separators, ensure_ascii). */
function pythonJsonDumps(value) {
    if (value === null || value === undefined)
        return 'null';
    if (value === true)
        return 'true';
    if (value === false)
        return 'false';
    if (typeof value === 'number') {
        if (!Number.isFinite(value))
            throw pyError('requests.exceptions.InvalidJSONError', 'Out of range float values are not JSON compliant');
        return pythonRepr(value);
    }
    if (typeof value === 'string')
        return pythonJsonString(value);
    if (Array.isArray(value))
        return `[${value.map(pythonJsonDumps).join(', ')}]`;
    return `{${Object.entries(value)
        .map(([k, v]) => `${pythonJsonString(k)}: ${pythonJsonDumps(v)}`)
        .join(', ')}}`;
}
function pythonJsonString(s) {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const ch = s[i];
        if (ch === '"')
            out += '\\"';
        else if (ch === '\\')
            out += '\\\\';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\b')
            out += '\\b';
        else if (ch === '\f')
            out += '\\f';
        else if (c < 0x20 || c > 0x7e)
            out += '\\u' + c.toString(16).padStart(4, '0');
        else
            out += ch;
    }
    return out + '"';
}

// HTTP headers as requests and urllib3 handle them: requests' case-insensitive header dict and its
// validation, the headers actually written on the wire, and the response headers as received.
/** Sent instead of requests' `python-requests/2.34.2` (the only intended header difference). */
const HTTP_USER_AGENT = 'chaos-action';
const METHODS_NOT_EXPECTING_BODY = new Set(['GET', 'HEAD', 'DELETE', 'TRACE', 'OPTIONS', 'CONNECT']);
/** requests' CaseInsensitiveDict: ordered, case-insensitive, keeps the last-set casing. */
class HeaderMap {
    map = new Map();
    set(name, value) {
        this.map.set(name.toLowerCase(), [name, value]);
    }
    get(name) {
        return this.map.get(name.toLowerCase())?.[1];
    }
    has(name) {
        return this.map.has(name.toLowerCase());
    }
    delete(name) {
        this.map.delete(name.toLowerCase());
    }
    entries() {
        return [...this.map.values()].map(([k, v]) => [k, v]);
    }
    copy() {
        const c = new HeaderMap();
        for (const [k, v] of this.entries())
            c.set(k, v);
        return c;
    }
}
const HEADER_NAME_RE = /^[^:\s][^:\r\n]*$/;
const HEADER_VALUE_RE = /^\S[^\r\n]*$|^$/;
/** requests.utils.check_header_validity. */
function checkHeaderValidity(name, value) {
    const header = `(${pythonRepr(name)}, ${pythonRepr(value)})`;
    if (!HEADER_NAME_RE.test(name)) {
        throw pyError('requests.exceptions.InvalidHeader', `Invalid leading whitespace, reserved character(s), or return character(s) in header name: ${pythonRepr(name)}`);
    }
    if (typeof value !== 'string') {
        throw pyError('requests.exceptions.InvalidHeader', `Header part (${pythonRepr(value)}) from ${header} must be of type str or bytes, not <class '${pythonTypeOf(value)}'>`);
    }
    if (!HEADER_VALUE_RE.test(value)) {
        throw pyError('requests.exceptions.InvalidHeader', `Invalid leading whitespace, reserved character(s), or return character(s) in header value: ${pythonRepr(value)}`);
    }
}
function headerValue(headers, name) {
    return headers.get(name.toLowerCase())?.values.join(', ');
}
function groupHeaders(rawHeaders) {
    const grouped = new Map();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        const name = rawHeaders[i];
        const key = name.toLowerCase();
        let entry = grouped.get(key);
        if (!entry)
            grouped.set(key, (entry = { name, values: [] }));
        entry.values.push(rawHeaders[i + 1]);
    }
    return grouped;
}
/**
 * The headers as urllib3 / http.client send them: Host (and `Accept-Encoding: identity` when the
 * caller removed requests' default), then the framing urllib3 adds itself, then its own
 * User-Agent when none is left (ours stands in for it), then requests' headers in order.
 */
function wireHeaders(prepared, target) {
    const out = [];
    const has = (name) => prepared.headers.has(name);
    if (!has('host'))
        out.push('Host', target.hostHeader);
    if (!has('accept-encoding'))
        out.push('Accept-Encoding', 'identity');
    // requests' adapter: chunked = not (body is None or "Content-Length" in headers).
    const chunked = prepared.body !== null && !has('content-length');
    if (chunked) {
        if (!has('transfer-encoding'))
            out.push('Transfer-Encoding', 'chunked');
    }
    else if (!has('content-length') && !has('transfer-encoding') && prepared.body === null && !METHODS_NOT_EXPECTING_BODY.has(prepared.method)) {
        // A redirected request lost its Content-Length: urllib3 sends 0 for methods expecting a body.
        out.push('Content-Length', '0');
    }
    if (!has('user-agent'))
        out.push('User-Agent', HTTP_USER_AGENT);
    for (const [name, value] of prepared.headers.entries())
        out.push(name, value);
    return out;
}

// urllib3.util.url.parse_url, which requests' prepare_url runs the provider's url through.
// urllib3.util.url regular expressions, verbatim.
const IPV4_PAT = '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}';
const HEX_PAT = '[0-9A-Fa-f]{1,4}';
const LS32_PAT = `(?:${HEX_PAT}:${HEX_PAT}|${IPV4_PAT})`;
const IPV6_PAT = '(?:' +
    [
        `(?:${HEX_PAT}:){6}${LS32_PAT}`,
        `::(?:${HEX_PAT}:){5}${LS32_PAT}`,
        `(?:${HEX_PAT})?::(?:${HEX_PAT}:){4}${LS32_PAT}`,
        `(?:(?:${HEX_PAT}:)?${HEX_PAT})?::(?:${HEX_PAT}:){3}${LS32_PAT}`,
        `(?:(?:${HEX_PAT}:){0,2}${HEX_PAT})?::(?:${HEX_PAT}:){2}${LS32_PAT}`,
        `(?:(?:${HEX_PAT}:){0,3}${HEX_PAT})?::${HEX_PAT}:${LS32_PAT}`,
        `(?:(?:${HEX_PAT}:){0,4}${HEX_PAT})?::${LS32_PAT}`,
        `(?:(?:${HEX_PAT}:){0,5}${HEX_PAT})?::${HEX_PAT}`,
        `(?:(?:${HEX_PAT}:){0,6}${HEX_PAT})?::`,
    ].join('|') +
    ')';
const UNRESERVED_PAT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._\\-~';
const ZONE_ID_PAT = `(?:%25|%)(?:[${UNRESERVED_PAT}]|%[a-fA-F0-9]{2})+`;
const IPV6_ADDRZ_PAT = `\\[${IPV6_PAT}(?:${ZONE_ID_PAT})?\\]`;
const REG_NAME_PAT = '(?:[^\\[\\]%:/?#]|%[a-fA-F0-9]{2})*';
const HOST_PORT_RE = new RegExp(`^(${REG_NAME_PAT}|${IPV4_PAT}|${IPV6_ADDRZ_PAT})(?::0*?(|0|[1-9][0-9]{0,4}))?$`, 'su');
const SCHEME_RE = /^(?:[a-zA-Z][a-zA-Z0-9+-]*:|\/)/;
const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/su;
const IPV4_RE = /^(?:0[xX][0-9a-fA-F]+|[0-9]+)(?:\.(?:0[xX][0-9a-fA-F]+|[0-9]+)){0,3}$/;
const IPV6_ADDRZ_RE = new RegExp(`^${IPV6_ADDRZ_PAT}$`);
const HOST_INVALID_CHAR_RE = /[\x00-\x20\x7f]/;
/** urllib3's LocationParseError, which requests re-raises as InvalidURL. */
function locationParseError(message) {
    return pyError('requests.exceptions.InvalidURL', `Failed to parse: ${message}`);
}
/** urllib3.util.url.parse_url (zone ids are lowercased, not re-encoded). */
function parseUrl3(input) {
    let url = input;
    if (!url)
        return { scheme: null, auth: null, host: null, port: null, path: null, query: null, fragment: null };
    if (!SCHEME_RE.test(url))
        url = '//' + url;
    const m = URI_RE.exec(url);
    let scheme = m[1] ?? null;
    const authority = m[2] ?? null;
    let path = m[3] ?? null;
    let query = m[4] ?? null;
    let fragment = m[5] ?? null;
    const normalize = scheme === null || ['http', 'https'].includes(scheme.toLowerCase());
    if (scheme)
        scheme = scheme.toLowerCase();
    let auth = null;
    let host = null;
    let port = null;
    if (authority) {
        const at = authority.lastIndexOf('@');
        auth = at >= 0 ? authority.slice(0, at) || null : null;
        const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
        const hp = HOST_PORT_RE.exec(hostPort);
        if (!hp) {
            const bad = HOST_INVALID_CHAR_RE.exec(hostPort);
            if (bad)
                throw locationParseError(`Host ${pythonRepr(hostPort)} contains invalid character ${pythonRepr(bad[0])}`);
            throw locationParseError(`${pythonRepr(hostPort)} is not a valid host or port`);
        }
        host = hp[1] ?? null;
        if (auth && normalize)
            auth = encodeInvalidChars(auth, USERINFO_CHARS);
        const portText = hp[2];
        if (portText !== undefined && portText !== '') {
            port = Number(portText);
            if (port > 65535)
                throw locationParseError(input);
        }
    }
    host = normalizeHost(host, scheme);
    if (normalize && path)
        path = encodeInvalidChars(removePathDotSegments(path), PATH_CHARS);
    if (normalize && query)
        query = encodeInvalidChars(query, QUERY_CHARS);
    if (normalize && fragment)
        fragment = encodeInvalidChars(fragment, QUERY_CHARS);
    return { scheme, auth, host, port, path, query, fragment };
}
function normalizeHost(host, scheme) {
    if (!host)
        return host;
    const bad = HOST_INVALID_CHAR_RE.exec(host);
    if (bad)
        throw locationParseError(`Host ${pythonRepr(host)} contains invalid character ${pythonRepr(bad[0])}`);
    if (scheme !== null && scheme !== 'http' && scheme !== 'https')
        return host;
    if (IPV6_ADDRZ_RE.test(host))
        return host.toLowerCase();
    if (IPV4_RE.test(host))
        return host;
    let h = host;
    if (h.includes('%')) {
        h = h.replace(/%[a-fA-F0-9]{2}|%/g, (m) => {
            if (m === '%')
                throw locationParseError(`${pythonRepr(h)} is not a valid host`);
            const c = String.fromCharCode(parseInt(m.slice(1), 16));
            if (c < ' ' || c === '\x7f')
                throw locationParseError(`Host ${pythonRepr(host)} contains invalid percent-encoded control character ${pythonRepr(m)}`);
            return UNRESERVED.has(c) ? c : m.toUpperCase();
        });
    }
    return h
        .split('.')
        .map((label) => {
        if (/^[\x00-\x7f]*$/.test(label))
            return label.toLowerCase().replace(/%[a-f0-9]{2}/g, (m) => m.toUpperCase());
        const ascii = domainToASCII(label.toLowerCase());
        if (!ascii)
            throw locationParseError(`Name ${pythonRepr(label)} is not a valid IDNA label`);
        return ascii;
    })
        .join('.');
}
/** urllib3.util.url._remove_path_dot_segments. */
function removePathDotSegments(path) {
    const output = [];
    for (const segment of path.split('/')) {
        if (segment === '.')
            continue;
        if (segment !== '..')
            output.push(segment);
        else if (output.length)
            output.pop();
    }
    if (path.startsWith('/') && (!output.length || output[0]))
        output.unshift('');
    if (path.endsWith('/.') || path.endsWith('/..'))
        output.push('');
    return output.join('/');
}

// urllib.parse's urlsplit / urlunsplit / urljoin, as requests uses them on prepared URLs and on
// redirect targets.
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
/** urllib.parse.urlsplit (for the URLs requests has already prepared). */
function urlsplit(input, defaultScheme = '') {
    let url = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\r\n]/g, '');
    let scheme = defaultScheme;
    let netloc = '';
    let query = '';
    let fragment = '';
    const i = url.indexOf(':');
    if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
        scheme = url.slice(0, i).toLowerCase();
        url = url.slice(i + 1);
    }
    if (url.startsWith('//')) {
        let end = url.length;
        for (const c of '/?#') {
            const pos = url.indexOf(c, 2);
            if (pos >= 0)
                end = Math.min(end, pos);
        }
        netloc = url.slice(2, end);
        url = url.slice(end);
    }
    const hash = url.indexOf('#');
    if (hash >= 0) {
        fragment = url.slice(hash + 1);
        url = url.slice(0, hash);
    }
    const q = url.indexOf('?');
    if (q >= 0) {
        query = url.slice(q + 1);
        url = url.slice(0, q);
    }
    return { scheme, netloc, path: url, query, fragment };
}
/** urllib.parse.urlunsplit. */
function urlunsplit(p) {
    let url = p.path;
    if (p.netloc || (p.scheme && ['http', 'https', 'ftp', 'ws', 'wss', 'file'].includes(p.scheme) && !url.startsWith('//'))) {
        if (url && !url.startsWith('/'))
            url = '/' + url;
        url = '//' + p.netloc + url;
    }
    if (p.scheme)
        url = p.scheme + ':' + url;
    if (p.query)
        url += '?' + p.query;
    if (p.fragment)
        url += '#' + p.fragment;
    return url;
}
/** urllib.parse.urljoin for http(s) bases (path parameters are not split off). */
function urljoin(base, url) {
    if (!base)
        return url;
    if (!url)
        return base;
    const b = urlsplit(base);
    const u = urlsplit(url, b.scheme);
    if (u.scheme !== b.scheme || !['http', 'https', 'ftp', 'file', 'ws', 'wss', ''].includes(u.scheme))
        return url;
    if (u.netloc)
        return urlunsplit(u);
    const netloc = b.netloc;
    if (!u.path)
        return urlunsplit({ scheme: u.scheme, netloc, path: b.path, query: u.query || b.query, fragment: u.fragment });
    const baseParts = b.path.split('/');
    if (baseParts[baseParts.length - 1] !== '')
        baseParts.pop();
    let segments;
    if (u.path.startsWith('/')) {
        segments = u.path.split('/');
    }
    else {
        segments = [...baseParts, ...u.path.split('/')];
        segments = [segments[0], ...segments.slice(1, -1).filter(Boolean), ...(segments.length > 1 ? [segments[segments.length - 1]] : [])];
    }
    const resolved = [];
    for (const seg of segments) {
        if (seg === '..')
            resolved.pop();
        else if (seg !== '.')
            resolved.push(seg);
    }
    const last = segments[segments.length - 1];
    if (last === '.' || last === '..')
        resolved.push('');
    return urlunsplit({ scheme: u.scheme, netloc, path: resolved.join('/') || '/', query: u.query, fragment: u.fragment });
}

// Request preparation (requests.Session.prepare_request + PreparedRequest.prepare): the URL with
// its query, the merged and validated headers, the body and its framing, Basic auth from the URL.
/** requests.PreparedRequest.prepare_url. */
function prepareUrl(rawUrl, params) {
    const url = rawUrl.replace(/^\s+/, '');
    if (url.includes(':') && !url.toLowerCase().startsWith('http'))
        return url;
    const u = parseUrl3(url);
    if (!u.scheme) {
        throw pyError('requests.exceptions.MissingSchema', `Invalid URL ${pythonRepr(url)}: No scheme supplied. Perhaps you meant https://${url}?`);
    }
    if (!u.host)
        throw pyError('requests.exceptions.InvalidURL', `Invalid URL ${pythonRepr(url)}: No host supplied`);
    if (u.host.startsWith('*') || u.host.startsWith('.'))
        throw pyError('requests.exceptions.InvalidURL', 'URL has an invalid label.');
    let netloc = u.auth ? `${u.auth}@` : '';
    netloc += u.host;
    if (u.port)
        netloc += `:${u.port}`;
    const path = u.path || '/';
    let query = u.query;
    const encParams = params === null || params === undefined ? '' : encodeParams(params);
    if (pythonTruthy(encParams))
        query = query ? `${query}&${pythonStr(encParams)}` : pythonStr(encParams);
    return requoteUri(urlunsplit({ scheme: u.scheme, netloc, path, query: query ?? '', fragment: u.fragment ?? '' }));
}
const SESSION_HEADERS = [
    ['User-Agent', HTTP_USER_AGENT],
    ['Accept-Encoding', 'gzip, deflate'],
    ['Accept', '*/*'],
    ['Connection', 'keep-alive'],
];
function prepareRequest(method, url, userHeaders, args) {
    const preparedUrl = prepareUrl(url, args.params ?? null);
    // merge_setting(request headers, session headers): user values override (keeping the session
    // header's position), None values delete, then every header is validated.
    const merged = new Map();
    for (const [k, v] of SESSION_HEADERS)
        merged.set(k.toLowerCase(), [k, v]);
    if (userHeaders)
        for (const [k, v] of Object.entries(userHeaders))
            merged.set(k.toLowerCase(), [k, v]);
    const headers = new HeaderMap();
    for (const [name, value] of merged.values()) {
        if (value === null || value === undefined)
            continue;
        checkHeaderValidity(name, value);
        headers.set(name, value);
    }
    // prepare_body
    let body = null;
    let contentType = null;
    const data = args.data ?? null;
    const json = 'json' in args ? (args.json ?? null) : null;
    if (!pythonTruthy(data) && json !== null) {
        contentType = 'application/json';
        body = Buffer.from(pythonJsonDumps(json), 'utf8');
    }
    else if (pythonTruthy(data)) {
        const encoded = encodeParams(data);
        if (typeof encoded !== 'string') {
            throw pyError('TypeError', `'body' must be a bytes-like object, file-like object, or iterable. Instead was ${pythonRepr(encoded)}`);
        }
        body = Buffer.from(encoded, 'utf8');
        contentType = typeof data === 'string' ? null : 'application/x-www-form-urlencoded';
    }
    // prepare_content_length
    if (body !== null) {
        if (body.length)
            headers.set('Content-Length', String(body.length));
    }
    else if (method !== 'GET' && method !== 'HEAD' && headers.get('Content-Length') === undefined) {
        headers.set('Content-Length', '0');
    }
    if (contentType && !headers.has('content-type'))
        headers.set('Content-Type', contentType);
    // prepare_auth: credentials in the URL become a Basic Authorization header.
    const auth = authFromUrl(preparedUrl);
    if (auth)
        headers.set('Authorization', basicAuth(auth[0], auth[1]));
    return { method, url: preparedUrl, headers, body };
}
function authFromUrl(url) {
    const { netloc } = urlsplit(url);
    const at = netloc.lastIndexOf('@');
    if (at < 0)
        return null;
    const userinfo = netloc.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0)
        return null; // no password: requests' get_auth_from_url gives ('', '')
    const user = pyUnquote(userinfo.slice(0, colon));
    const password = pyUnquote(userinfo.slice(colon + 1));
    return user || password ? [user, password] : null;
}
function basicAuth(user, password) {
    const raw = `${user}:${password}`;
    if (/[^\x00-\xff]/.test(raw))
        throw pyError('UnicodeEncodeError', "'latin-1' codec can't encode characters in the credentials of the URL");
    return 'Basic ' + Buffer.from(raw, 'latin1').toString('base64');
}

// Charsets: the text of a response body as requests' `r.text` gives it (the encoding from the
// Content-Type header, decoded with Python's codec semantics and errors='replace').
/** requests.utils.get_encoding_from_headers. */
function encodingFromContentType(contentType) {
    if (!contentType)
        return null;
    const tokens = contentType.split(';');
    const mime = tokens[0].trim();
    const params = new Map();
    for (const raw of tokens.slice(1)) {
        const param = raw.trim();
        const idx = param.indexOf('=');
        if (param && idx !== -1) {
            params.set(stripChars(param.slice(0, idx), "\"' ").toLowerCase(), stripChars(param.slice(idx + 1), "\"' "));
        }
    }
    const charset = params.get('charset');
    if (charset !== undefined)
        return stripChars(charset, '\'"');
    if (mime.includes('text'))
        return 'ISO-8859-1';
    if (mime.includes('application/json'))
        return 'utf-8';
    return null;
}
function stripChars(s, chars) {
    let start = 0;
    let end = s.length;
    while (start < end && chars.includes(s[start]))
        start++;
    while (end > start && chars.includes(s[end - 1]))
        end--;
    return s.slice(start, end);
}
const PY_CODECS = {};
for (const [codec, aliases] of Object.entries({
    utf_8: ['u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4', 'cp65001', 'utf_8'],
    utf_8_sig: ['utf_8_sig'],
    latin_1: ['8859', 'cp819', 'csisolatin1', 'ibm819', 'iso8859', 'iso8859_1', 'iso_8859_1', 'iso_8859_1_1987', 'iso_ir_100', 'l1', 'latin', 'latin1', 'latin_1'],
    ascii: ['646', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6', 'us', 'us_ascii', 'ascii'],
    cp1252: ['1252', 'windows_1252', 'cp1252'],
    utf_16: ['u16', 'utf16', 'utf_16'],
    utf_16_le: ['unicodelittleunmarked', 'utf_16le', 'utf_16_le'],
    utf_16_be: ['unicodebigunmarked', 'utf_16be', 'utf_16_be'],
})) {
    for (const alias of aliases)
        PY_CODECS[alias] = codec;
}
/** Python's encodings.normalize_encoding after lower-casing (codecs.lookup). */
function normalizeEncodingName(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, '_')
        .replace(/^_+|_+$/g, '');
}
/** str(content, encoding, errors='replace'), falling back to UTF-8 for an unknown encoding. */
function decodeText(body, encoding) {
    const codec = PY_CODECS[normalizeEncodingName(encoding)];
    switch (codec) {
        case 'utf_8':
            return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
        case 'utf_8_sig':
            return new TextDecoder('utf-8').decode(body);
        case 'latin_1':
            return body.toString('latin1');
        case 'ascii':
            return [...body].map((b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
        case 'cp1252':
            // WHATWG maps cp1252's five undefined bytes to C1 controls; Python replaces them.
            return new TextDecoder('windows-1252').decode(body).replace(/[\x81\x8d\x8f\x90\x9d]/g, '\ufffd');
        case 'utf_16':
            if (body[0] === 0xfe && body[1] === 0xff)
                return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(body.subarray(2));
            if (body[0] === 0xff && body[1] === 0xfe)
                return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body.subarray(2));
            return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body);
        case 'utf_16_le':
            return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body);
        case 'utf_16_be':
            return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(body);
        default:
            try {
                return new TextDecoder(encoding.trim(), { ignoreBOM: true }).decode(body);
            }
            catch {
                return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
            }
    }
}
/** requests' `r.text`. */
function responseText(body, contentType) {
    if (!body.length)
        return '';
    // No charset, not text, not JSON: requests guesses with charset_normalizer; UTF-8 stands in.
    return decodeText(body, encodingFromContentType(contentType) ?? 'utf-8');
}

// The answer of an http activity, as chaoslib's run_http_activity returns it.
/** chaoslib's result: {status, headers: dict(**r.headers), body}. */
function responseResult(response) {
    const headers = {};
    for (const { name, values } of response.headers.values())
        defineKey(headers, name, values.join(', '));
    const contentType = headerValue(response.headers, 'content-type');
    let body;
    if (contentType === 'application/json') {
        const text = responseText(response.body, contentType);
        try {
            body = JSON.parse(text);
        }
        catch (e) {
            // r.json() raising: chaoslib lets it escape, so the run aborts (or crashes).
            throw pyError('requests.exceptions.JSONDecodeError', `the response declares Content-Type application/json but its body is not JSON (${e.message})`);
        }
    }
    else {
        body = responseText(response.body, contentType);
    }
    return { status: response.status, headers, body };
}

// Where a prepared URL sends the request: requests' connection-adapter lookup and what urllib3
// makes of the URL (host, port, request target, Host header).
/** What requests' adapter and urllib3 make of a prepared URL. */
function targetOf(url) {
    const lower = url.toLowerCase();
    if (!lower.startsWith('http://') && !lower.startsWith('https://')) {
        throw pyError('requests.exceptions.InvalidSchema', `No connection adapters were found for ${pythonRepr(url)}`);
    }
    const p = urlsplit(url);
    const scheme = p.scheme;
    const hostPort = p.netloc.slice(p.netloc.lastIndexOf('@') + 1);
    let hostname;
    let portText = '';
    if (hostPort.startsWith('[')) {
        const close = hostPort.indexOf(']');
        hostname = hostPort.slice(1, close >= 0 ? close : undefined);
        const rest = close >= 0 ? hostPort.slice(close + 1) : '';
        if (rest.startsWith(':'))
            portText = rest.slice(1);
    }
    else {
        const colon = hostPort.indexOf(':');
        hostname = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
        if (colon >= 0)
            portText = hostPort.slice(colon + 1);
    }
    hostname = hostname.toLowerCase();
    if (!hostname)
        throw pyError('requests.exceptions.InvalidURL', 'No host specified.');
    const defaultPort = scheme === 'https' ? 443 : 80;
    let port = defaultPort;
    if (portText) {
        if (!/^\d+$/.test(portText) || Number(portText) > 65535)
            throw pyError('requests.exceptions.InvalidURL', `Failed to parse: ${url}`);
        port = Number(portText);
    }
    const pathUrl = (p.path || '/') + (p.query ? '?' + p.query : '');
    const m = /^(\/[^?#]*)(?:\?([^#]*))?/s.exec(pathUrl);
    let path = pathUrl;
    if (m) {
        path = encodeInvalidChars(m[1], PATH_CHARS);
        if (m[2] !== undefined)
            path += '?' + encodeInvalidChars(m[2], QUERY_CHARS);
    }
    const hostForHeader = hostname.includes(':') ? `[${hostname}]` : hostname;
    const hostHeader = port === defaultPort ? hostForHeader : `${hostForHeader}:${port}`;
    return { scheme, hostname, port, path, hostHeader };
}

// Cookies kept across redirects (a simplified http.cookiejar with requests' liberal policy).
class CookieJar {
    // domain -> path -> name, in insertion order, as http.cookiejar stores them.
    cookies = new Map();
    extract(setCookies, requestUrl) {
        const { hostname } = targetOf(requestUrl);
        const host = effectiveHost(hostname);
        const requestPath = urlsplit(requestUrl).path || '/';
        for (const header of setCookies)
            this.setOne(header, host, requestPath);
    }
    setOne(header, host, requestPath) {
        const params = header.split(';').map((p) => p.trim());
        const first = params[0] ?? '';
        const eq = first.indexOf('=');
        const name = (eq >= 0 ? first.slice(0, eq) : first).trim();
        if (!name)
            return;
        const value = eq >= 0 ? first.slice(eq + 1).trim() : null;
        let domain = null;
        let path = null;
        let secure = false;
        let expires = null;
        let maxAge = null;
        for (const param of params.slice(1)) {
            const i = param.indexOf('=');
            const key = (i >= 0 ? param.slice(0, i) : param).trim().toLowerCase();
            const val = i >= 0 ? param.slice(i + 1).trim().replace(/^"(.*)"$/s, '$1') : '';
            if (key === 'domain')
                domain = val.toLowerCase();
            else if (key === 'path')
                path = val;
            else if (key === 'secure')
                secure = true;
            else if (key === 'max-age') {
                if (!/^-?\d+$/.test(val))
                    return; // http.cookiejar drops cookies with a bad max-age
                maxAge = Number(val);
            }
            else if (key === 'expires') {
                const t = Date.parse(val);
                if (!Number.isNaN(t))
                    expires = t / 1000;
            }
        }
        const now = Date.now() / 1000;
        if (maxAge !== null)
            expires = now + maxAge;
        let cookieDomain = host;
        if (domain) {
            const undotted = domain.replace(/^\./, '');
            if (!undotted || !(host === undotted || host.endsWith('.' + undotted)))
                return;
            if (!undotted.includes('.') && !host.endsWith('.local'))
                return;
            cookieDomain = undotted;
        }
        let cookiePath = path;
        if (!cookiePath) {
            const slash = requestPath.lastIndexOf('/');
            cookiePath = slash >= 0 ? requestPath.slice(0, slash) : requestPath;
            if (!cookiePath)
                cookiePath = '/';
        }
        if (expires !== null && expires <= now) {
            this.cookies.get(cookieDomain)?.get(cookiePath)?.delete(name);
            return;
        }
        let byPath = this.cookies.get(cookieDomain);
        if (!byPath)
            this.cookies.set(cookieDomain, (byPath = new Map()));
        let byName = byPath.get(cookiePath);
        if (!byName)
            byPath.set(cookiePath, (byName = new Map()));
        byName.set(name, { name, value, domain: cookieDomain, path: cookiePath, secure, expires });
    }
    /** The Cookie header for `url`, or null when no cookie applies. */
    header(url) {
        const target = targetOf(url);
        const host = '.' + effectiveHost(target.hostname);
        const requestPath = urlsplit(url).path || '/';
        const now = Date.now() / 1000;
        const chosen = [];
        for (const [domain, byPath] of this.cookies) {
            if (!host.endsWith('.' + domain))
                continue;
            for (const byName of byPath.values()) {
                for (const c of byName.values()) {
                    if (c.secure && target.scheme !== 'https')
                        continue;
                    if (c.expires !== null && c.expires <= now)
                        continue;
                    const pathOk = requestPath === c.path || (requestPath.startsWith(c.path) && (c.path.endsWith('/') || requestPath[c.path.length] === '/'));
                    if (pathOk)
                        chosen.push(c);
                }
            }
        }
        if (!chosen.length)
            return null;
        chosen.sort((a, b) => b.path.length - a.path.length);
        return chosen.map((c) => (c.value === null ? c.name : `${c.name}=${c.value}`)).join('; ');
    }
}
function effectiveHost(hostname) {
    return hostname.includes('.') ? hostname : `${hostname}.local`;
}

// Content-Encoding: urllib3 decodes the final response body (gzip, deflate) before requests hands
// it over.
const CONTENT_DECODERS = new Set(['gzip', 'x-gzip', 'deflate']);
/** urllib3's content decoding (gzip, x-gzip, deflate, and comma-separated chains of them). */
function decodeContent(body, contentEncoding) {
    const encoding = (contentEncoding ?? '').toLowerCase();
    if (!body.length)
        return body;
    let modes;
    if (CONTENT_DECODERS.has(encoding))
        modes = [encoding];
    else if (encoding.includes(',') && encoding.split(',').some((e) => CONTENT_DECODERS.has(e.trim()))) {
        modes = encoding.split(',').map((e) => e.trim());
        if (modes.length > 5)
            throw pyError('requests.exceptions.ContentDecodingError', `Too many content encodings in the chain: ${modes.length} > 5`);
    }
    else
        return body;
    let data = body;
    try {
        // Applied in reverse order; in a chain, any unknown coding is treated as deflate (urllib3).
        for (const mode of [...modes].reverse())
            data = mode === 'gzip' || mode === 'x-gzip' ? gunzip(data) : inflate(data);
    }
    catch {
        throw pyError('requests.exceptions.ContentDecodingError', `Received response with content-encoding: ${encoding}, but failed to decode it.`);
    }
    return data;
}
function gunzip(data) {
    if (!data.length)
        return data;
    return zlib.gunzipSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}
function inflate(data) {
    if (!data.length)
        return data;
    try {
        return zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
    catch {
        return zlib.inflateRawSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
}

const MAX_REDIRECTS = 30;
const REDIRECT_STATI = new Set([301, 302, 303, 307, 308]);
/** Session.send with allow_redirects=True: follow redirects as requests' resolve_redirects. */
async function followRedirects(first, jar, send) {
    let prepared = first;
    let response = await send(prepared);
    let previousFragment = urlsplit(prepared.url).fragment;
    for (let redirects = 0;; redirects++) {
        const location = REDIRECT_STATI.has(response.status) ? headerValue(response.headers, 'location') : undefined;
        if (location === undefined) {
            // Only the final body is decoded: requests ignores decoding errors of redirect bodies.
            return { ...response, body: decodeContent(response.body, headerValue(response.headers, 'content-encoding')) };
        }
        if (redirects >= MAX_REDIRECTS)
            throw pyError('requests.exceptions.TooManyRedirects', `Exceeded ${MAX_REDIRECTS} redirects.`);
        // get_redirect_target: the header was decoded as latin-1; requests re-reads it as UTF-8.
        let url = Buffer.from(location, 'latin1').toString('utf8');
        if (url.startsWith('//'))
            url = `${urlsplit(response.url).scheme}:${url}`;
        const parsed = urlsplit(url);
        if (parsed.fragment === '' && previousFragment)
            parsed.fragment = previousFragment;
        else if (parsed.fragment)
            previousFragment = parsed.fragment;
        url = urlunsplit(parsed);
        url = parsed.netloc ? requoteUri(url) : urljoin(response.url, requoteUri(url));
        const next = { method: prepared.method, url, headers: prepared.headers.copy(), body: prepared.body };
        // rebuild_method
        if (response.status === 303 && next.method !== 'HEAD')
            next.method = 'GET';
        if (response.status === 302 && next.method !== 'HEAD')
            next.method = 'GET';
        if (response.status === 301 && next.method === 'POST')
            next.method = 'GET';
        if (response.status !== 307 && response.status !== 308) {
            for (const h of ['Content-Length', 'Content-Type', 'Transfer-Encoding'])
                next.headers.delete(h);
            next.body = null;
        }
        next.headers.delete('Cookie');
        const cookie = jar.header(next.url);
        if (cookie !== null)
            next.headers.set('Cookie', cookie);
        // rebuild_auth: drop Authorization when the redirect leaves the origin.
        if (next.headers.has('Authorization') && shouldStripAuth(prepared.url, next.url))
            next.headers.delete('Authorization');
        prepared = next;
        response = await send(prepared);
    }
}
/** requests' SessionRedirectMixin.should_strip_auth. */
function shouldStripAuth(oldUrl, newUrl) {
    const o = targetOf(oldUrl);
    const n = safeTarget(newUrl);
    if (!n || o.hostname !== n.hostname)
        return true;
    const oldPort = explicitPort(oldUrl);
    const newPort = explicitPort(newUrl);
    if (o.scheme === 'http' && (oldPort === 80 || oldPort === null) && n.scheme === 'https' && (newPort === 443 || newPort === null))
        return false;
    const changedPort = oldPort !== newPort;
    const changedScheme = o.scheme !== n.scheme;
    const defaultPort = o.scheme === 'https' ? 443 : 80;
    if (!changedScheme && (oldPort === defaultPort || oldPort === null) && (newPort === defaultPort || newPort === null))
        return false;
    return changedPort || changedScheme;
}
function safeTarget(url) {
    try {
        return targetOf(url);
    }
    catch {
        return null;
    }
}
function explicitPort(url) {
    const netloc = urlsplit(url).netloc;
    const hostPort = netloc.slice(netloc.lastIndexOf('@') + 1);
    const m = /:(\d+)$/.exec(hostPort.startsWith('[') ? hostPort.slice(hostPort.indexOf(']') + 1) : hostPort);
    return m ? Number(m[1]) : null;
}

// urllib3's Retry as requests' HTTPAdapter(max_retries=...) sets it up: which failures and which
// answers are retried, how many times, and how long a Retry-After answer makes it wait.
const RETRY_METHODS = new Set(['HEAD', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
const RETRY_AFTER_STATI = new Set([413, 429, 503]);
const RETRY_AFTER_MAX_S = 21600;
/** Bounds the retry loop whatever max_retries says. */
const MAX_ATTEMPTS = 1000;
function retryPolicy(maxRetries) {
    // HTTPAdapter(max_retries=n): 0 (or False) is Retry(0, read=False), None is Retry.DEFAULT
    // (3 retries), anything else Retry(n): connect and TLS errors count, read errors count for
    // idempotent methods only, and 413/429/503 answers with a Retry-After header are retried.
    return {
        readRetries: !(maxRetries === 0 || maxRetries === false),
        total: maxRetries === null ? 3 : maxRetries === true ? 1 : maxRetries === false ? 0 : maxRetries,
    };
}
/** The retries left while urllib3's urlopen sends one request (one adapter.send). */
class RetryBudget {
    policy;
    method;
    total;
    constructor(policy, method) {
        this.policy = policy;
        this.method = method;
        this.total = policy.total;
    }
    /** Whether a read error (or a read timeout) may be retried rather than raised at once. */
    retriesReadErrors() {
        return this.policy.readRetries && RETRY_METHODS.has(this.method);
    }
    /** Whether an answer is retried after the delay its Retry-After header asks for. */
    retriesAnswer(status, retryAfter) {
        return RETRY_METHODS.has(this.method) && pythonTruthy(this.total) && !!retryAfter && RETRY_AFTER_STATI.has(status);
    }
    /** Retry.increment: one retry fewer, returning how many are left (negative: exhausted). */
    decrement() {
        if (typeof this.total !== 'number')
            throw pyError('TypeError', `unsupported operand type(s) for -=: '${pythonTypeOf(this.total)}' and 'int'`);
        this.total -= 1;
        return this.total;
    }
}
/** urllib3's Retry.parse_retry_after (seconds, or an HTTP date), capped at 6 hours. */
function parseRetryAfter(value) {
    let seconds;
    if (/^\s*[0-9]+\s*$/.test(value))
        seconds = Number(value.trim());
    else {
        const t = Date.parse(value);
        if (Number.isNaN(t))
            throw pyError('requests.exceptions.InvalidHeader', `Invalid Retry-After header: ${value}`);
        seconds = (t - Date.now()) / 1000;
    }
    return Math.min(Math.max(seconds, 0), RETRY_AFTER_MAX_S);
}

// The activity's timeout as requests hands it to urllib3 (urllib3.util.Timeout validation): one
// number for both, or a (connect, read) pair.
function resolveTimeout(timeout) {
    if (Array.isArray(timeout)) {
        if (timeout.length !== 2) {
            const tuple = timeout.length === 1 ? `(${pythonRepr(timeout[0])},)` : `(${timeout.map(pythonRepr).join(', ')})`;
            throw pyError('ValueError', `Invalid timeout ${tuple}. Pass a (connect, read) timeout tuple, or a single float to set both timeouts to the same value.`);
        }
        return { connect: validateTimeout(timeout[0], 'connect'), read: validateTimeout(timeout[1], 'read') };
    }
    return { connect: validateTimeout(timeout, 'connect'), read: validateTimeout(timeout, 'read') };
}
function validateTimeout(value, name) {
    if (value === null || value === undefined)
        return null;
    if (typeof value === 'boolean')
        throw pyError('ValueError', 'Timeout cannot be a boolean value. It must be an int, float or None.');
    if (typeof value !== 'number')
        throw pyError('ValueError', `Timeout value ${name} was ${pythonStr(value)}, but it must be an int, float or None.`);
    if (value <= 0) {
        throw pyError('ValueError', `Attempted to set ${name} timeout to ${pythonRepr(value)}, but the timeout cannot be set to a value less than or equal to 0.`);
    }
    return value;
}

// TLS verification as requests sets it up from verify_tls (and, with trust_env, from
// REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE): whether certificates are checked, and against which CAs.
/** The verification setting requests ends up with (verify_tls, or the trust_env CA bundle). */
function effectiveVerify(verify, env) {
    // verify=True or None: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE when set (trust_env), else True.
    if (verify === true || verify === null || verify === undefined)
        return env.REQUESTS_CA_BUNDLE || env.CURL_CA_BUNDLE || true;
    return verify;
}
/** Whether server certificates are verified. */
function verifiesCertificates(verify, env) {
    // Any falsy verify_tls but None (False, 0, "") disables verification, as in requests.
    return pythonTruthy(effectiveVerify(verify, env));
}
/** A CA bundle path (file or c_rehash directory) given as verify_tls, read for https only. */
function caBundle(verify, env) {
    const effective = effectiveVerify(verify, env);
    if (typeof effective !== 'string' || !effective)
        return undefined;
    let stat;
    try {
        stat = statSync(effective);
    }
    catch {
        throw pyError('OSError', `Could not find a suitable TLS CA certificate bundle, invalid path: ${effective}`);
    }
    if (!stat.isDirectory())
        return [readFileSync(effective)];
    const out = [];
    for (const name of readdirSync(effective)) {
        try {
            out.push(readFileSync(`${effective}/${name}`));
        }
        catch {
            // not a readable file
        }
    }
    return out;
}

// The transport: one attempt of urllib3's urlopen on node:http / node:https (connect, send, wait
// for the response headers, each phase under its timeout), then the reading of the whole body.
/** http.client refuses responses with more header lines than this. */
const MAX_RESPONSE_HEADERS = 100;
/** One attempt: resolves with the status and headers, or rejects with an AttemptError. */
function attemptRequest(conn, prepared, target, wire, timeouts, ca, pool) {
    const isTls = target.scheme === 'https';
    const connName = `${isTls ? 'HTTPS' : 'HTTP'}Connection(host=${pythonRepr(target.hostname)}, port=${target.port})`;
    return new Promise((resolve, reject) => {
        let phase = 'connecting';
        let settled = false;
        let socketRef = null;
        let connectTimer;
        let timeoutHandler = null;
        const onSocketTimeout = () => timeoutHandler?.();
        const cleanupSocket = () => {
            clearTimeout(connectTimer);
            if (socketRef) {
                socketRef.removeListener('timeout', onSocketTimeout);
                socketRef.setTimeout(0);
            }
        };
        const fail = (error) => {
            if (settled)
                return;
            settled = true;
            cleanupSocket();
            conn.inflight.delete(req);
            req.destroy();
            reject(error);
        };
        let req;
        try {
            const options = {
                host: target.hostname,
                port: target.port,
                method: prepared.method,
                path: target.path,
                headers: wire,
                agent: conn.agent(target.scheme),
                maxHeaderSize: 16 * 1024 * 1024,
            };
            if (isTls) {
                options.rejectUnauthorized = conn.rejectUnauthorized;
                if (ca)
                    options.ca = ca;
            }
            req = (isTls ? https : http).request(options);
        }
        catch (e) {
            reject(pyError('ValueError', e instanceof Error ? e.message : String(e)));
            return;
        }
        conn.inflight.add(req);
        req.on('socket', (socket) => {
            socketRef = socket;
            const connected = () => {
                clearTimeout(connectTimer);
                phase = 'sent';
                timeoutHandler = () => fail(readTimeoutError(pool, timeouts.read));
                if (timeouts.read !== null)
                    socket.setTimeout(Math.max(1, Math.ceil(timeouts.read * 1000)));
            };
            socket.on('timeout', onSocketTimeout);
            if (socket.connecting) {
                if (timeouts.connect !== null) {
                    connectTimer = setTimeout(() => {
                        fail(connectTimeoutError(connName, target.hostname, timeouts.connect));
                    }, Math.max(1, Math.ceil(timeouts.connect * 1000)));
                }
                if (isTls) {
                    socket.once('connect', () => {
                        phase = 'handshake';
                    });
                    socket.once('secureConnect', connected);
                }
                else {
                    socket.once('connect', connected);
                }
            }
            else {
                connected();
            }
        });
        req.on('response', (res) => {
            if (settled) {
                res.destroy();
                return;
            }
            phase = 'response';
            if (res.rawHeaders.length / 2 > MAX_RESPONSE_HEADERS) {
                fail(protocolError(`HTTPException('got more than ${MAX_RESPONSE_HEADERS} headers')`));
                return;
            }
            settled = true;
            clearTimeout(connectTimer);
            // Until the body reader takes over, remember a timeout instead of losing it.
            let pendingTimeout = false;
            timeoutHandler = () => {
                pendingTimeout = true;
            };
            const socket = res.socket;
            resolve({
                status: res.statusCode ?? 0,
                headers: groupHeaders(res.rawHeaders),
                res,
                socket,
                onBodyTimeout: (handler) => {
                    timeoutHandler = handler;
                    if (pendingTimeout)
                        handler();
                },
                release: () => {
                    cleanupSocket();
                    conn.inflight.delete(req);
                },
            });
        });
        req.on('error', (err) => {
            if (settled)
                return;
            if (err.name === 'AbortError' || conn.signal.aborted) {
                fail(abortError$1(conn.signal));
                return;
            }
            fail(attemptError(err, phase, connName, target.hostname, isTls));
        });
        req.end(prepared.body ?? undefined);
    });
}
/** Reads a whole (still encoded) response body. */
function readBody(conn, raw, pool = '') {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let received = 0;
        let done = false;
        const broken = () => incomplete(received, headerValue(raw.headers, 'content-length'));
        const finish = (error, body) => {
            if (done)
                return;
            done = true;
            raw.release();
            if (error) {
                raw.res.destroy();
                reject(error);
            }
            else
                resolve(body);
        };
        raw.onBodyTimeout(() => {
            // requests turns urllib3's ReadTimeoutError while streaming the body into a
            // ConnectionError (not a Timeout): chaoslib reports "failed to connect".
            finish(new ConnectionFailure(`${pool}: Read timed out.`));
        });
        if (conn.signal.aborted) {
            finish(abortError$1(conn.signal));
            return;
        }
        const onAbort = () => finish(abortError$1(conn.signal));
        conn.timers.add(onAbort);
        raw.res.on('data', (chunk) => {
            received += chunk.length;
            chunks.push(chunk);
        });
        raw.res.on('end', () => {
            conn.timers.delete(onAbort);
            if (!raw.res.complete) {
                finish(broken());
                return;
            }
            finish(null, Buffer.concat(chunks));
        });
        raw.res.on('error', () => {
            conn.timers.delete(onAbort);
            finish(conn.signal.aborted ? abortError$1(conn.signal) : broken());
        });
        raw.res.on('close', () => {
            conn.timers.delete(onAbort);
            if (!raw.res.complete)
                finish(conn.signal.aborted ? abortError$1(conn.signal) : broken());
        });
    });
}

// requests' Session as chaoslib uses it: one per activity, owning the connection pool, the cookie
// jar, the TLS setting and the retry policy; it sends a prepared request (urllib3's retry loop in
// adapter.send) and follows the redirects, and is closed when the activity ends.
class Session {
    ctx;
    verify;
    agents = new Map();
    jar = new CookieJar();
    inflight = new Set();
    timers = new Set();
    rejectUnauthorized;
    retry;
    onAbort;
    constructor(ctx, verify, maxRetries) {
        this.ctx = ctx;
        this.verify = verify;
        this.retry = retryPolicy(maxRetries);
        this.rejectUnauthorized = verifiesCertificates(verify, ctx.env);
        this.onAbort = () => {
            const error = abortError$1(ctx.signal);
            for (const req of this.inflight)
                req.destroy(error);
            for (const cancel of this.timers)
                cancel();
        };
        ctx.signal.addEventListener('abort', this.onAbort, { once: true });
    }
    get signal() {
        return this.ctx.signal;
    }
    close() {
        this.ctx.signal.removeEventListener('abort', this.onAbort);
        for (const req of this.inflight)
            req.destroy();
        for (const agent of this.agents.values())
            agent.destroy();
        this.agents.clear();
    }
    agent(scheme) {
        let agent = this.agents.get(scheme);
        if (!agent) {
            // One pool per activity, like the Session chaoslib creates: connections are reused across
            // redirects and retries, and all of them are closed when the activity ends.
            agent = scheme === 'https' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
            this.agents.set(scheme, agent);
        }
        return agent;
    }
    checkAborted() {
        if (this.ctx.signal.aborted)
            throw abortError$1(this.ctx.signal);
    }
    /** Session.send with allow_redirects=True: follow redirects as requests' resolve_redirects. */
    request(first, timeout) {
        return followRedirects(first, this.jar, (prepared) => this.send(prepared, timeout));
    }
    /** One adapter.send: urllib3's urlopen with retries, then the whole body (Session.send). */
    async send(prepared, timeout) {
        // In requests' order: the adapter lookup, cert_verify, then the timeout's validation.
        const target = targetOf(prepared.url);
        const ca = target.scheme === 'https' ? caBundle(this.verify, this.ctx.env) : undefined;
        const timeouts = resolveTimeout(timeout);
        const wire = wireHeaders(prepared, target);
        const retries = new RetryBudget(this.retry, prepared.method);
        const pool = `${target.scheme === 'https' ? 'HTTPS' : 'HTTP'}ConnectionPool(host=${pythonRepr(target.hostname)}, port=${target.port})`;
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            this.checkAborted();
            let raw;
            try {
                raw = await attemptRequest(this, prepared, target, wire, timeouts, ca, pool);
            }
            catch (e) {
                if (!(e instanceof AttemptError))
                    throw e;
                if (e.kind === 'read' || e.kind === 'read-timeout') {
                    if (!retries.retriesReadErrors()) {
                        if (e.kind === 'read-timeout')
                            throw new TimeoutFailure(e.str);
                        throw new ConnectionFailure(e.str);
                    }
                }
                if (retries.decrement() < 0)
                    throw new ConnectionFailure(`${pool}: Max retries exceeded with url: ${target.path} (Caused by ${e.repr})`);
                continue;
            }
            const retryAfter = headerValue(raw.headers, 'retry-after');
            if (retries.retriesAnswer(raw.status, retryAfter)) {
                const remaining = retries.decrement();
                if (remaining < 0) {
                    await readBody(this, raw).catch(() => undefined);
                    throw pyError('requests.exceptions.RetryError', `${pool}: Max retries exceeded with url: ${target.path} (Caused by ResponseError('too many ${raw.status} error responses'))`);
                }
                await readBody(this, raw).catch(() => undefined);
                await this.sleep(parseRetryAfter(retryAfter));
                continue;
            }
            const body = await readBody(this, raw, pool);
            this.jar.extract(raw.headers.get('set-cookie')?.values ?? [], prepared.url);
            return { url: prepared.url, status: raw.status, headers: raw.headers, body };
        }
        throw pyError('RuntimeError', 'too many attempts');
    }
    sleep(seconds) {
        if (seconds <= 0)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            const cancel = () => {
                clearTimeout(timer);
                this.timers.delete(cancel);
                reject(abortError$1(this.ctx.signal));
            };
            const timer = setTimeout(() => {
                this.timers.delete(cancel);
                resolve();
            }, seconds * 1000);
            this.timers.add(cancel);
        });
    }
}

// The http provider: chaoslib's `run_http_activity` (chaostoolkit-lib 1.44.0), which calls
// requests 2.34 / urllib3 2.8 through a fresh Session with an HTTPAdapter(max_retries=...).
// Built on node:http / node:https (not fetch) so that response header names keep the casing the
// server sent, and so that what goes on the wire (header order and casing, Host, Content-Length,
// URL quoting, bodies) is what requests would send.
//
// Deliberate or unavoidable differences from requests (each one also noted where it lives):
// - User-Agent is `chaos-action`, not `python-requests/2.34.2`.
// - requests' trust_env features are not reproduced: HTTP(S)_PROXY / NO_PROXY, ~/.netrc
//   credentials. REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE are honoured (from ctx.env).
// - A response without a charset that is neither text nor JSON is decoded as UTF-8 (requests runs
//   charset_normalizer's detection there; for ASCII and valid UTF-8 the result is the same).
// - Charsets other than the UTF-8 / Latin-1 / ASCII / cp1252 / UTF-16 families go through
//   TextDecoder, whose (WHATWG) tables can differ from Python's codecs on rare bytes; a charset
//   Python knows but TextDecoder does not falls back to UTF-8 (Python's fallback for unknown ones).
// - Node's HTTP parser is stricter than http.client on malformed responses, and trims trailing
//   whitespace of header values (http.client keeps it). Node also refuses to send a method or a
//   header name that is not an HTTP token, or a header value with control characters, which
//   http.client would send: those are unexpected errors here.
// - Otherwise what is sent is what requests sends (the parity tests compare the requests a server
//   receives from both): header order and casing, Host, Content-Length or chunked framing, URL
//   quoting, bodies, connection reuse across redirects and retries.
// - JSON response bodies with NaN/Infinity (accepted by Python's json) are rejected, and JSON
//   numbers lose the int/float distinction (1.0 becomes 1).
// - The cookie jar used across redirects is a simplified http.cookiejar (domain/path/secure/expiry).
// - Exception texts mimic Python's but drop object addresses and the `_ssl.c:NNNN` location; a
//   JSONDecodeError does not reproduce the json module's wording.
//
// This folder holds the port, one concept a file: request.ts (with arguments.ts, headers.ts and
// the URL modules quoting.ts, parse-url.ts, urlsplit.ts, target.ts) prepares the request;
// session.ts sends it through transport.ts with retries.ts, timeouts.ts and tls.ts, following
// redirects.ts with cookies.ts; decode.ts, charset.ts and response.ts turn the answer into
// chaoslib's result; errors.ts names the failures.
const runHttpProvider = async (provider, ctx) => {
    if (ctx.signal.aborted)
        throw abortError$1(ctx.signal);
    if (!('url' in provider))
        throw pyError('KeyError', "'url'");
    // chaoslib: url, headers and timeout are always substituted; arguments only when the
    // experiment has configuration or secrets; method, verify_tls and max_retries never.
    const url = pythonStr(substitute(provider.url, ctx.scope));
    const rawMethod = 'method' in provider ? provider.method : 'GET';
    if (typeof rawMethod !== 'string')
        throw pyError('AttributeError', `'${pythonTypeOf(rawMethod)}' object has no attribute 'upper'`);
    const method = rawMethod.toUpperCase();
    const headers = substitute(provider.headers ?? null, ctx.scope);
    const timeout = substitute(provider.timeout ?? null, ctx.scope);
    let args = provider.arguments ?? null;
    if (pythonTruthy(args) && ctx.hasVariables)
        args = substitute(args, ctx.scope);
    const verify = 'verify_tls' in provider ? provider.verify_tls : true;
    const maxRetries = 'max_retries' in provider ? provider.max_retries : 0;
    if (headers !== null && !isMapping(headers))
        throw pyError('AttributeError', `'${pythonTypeOf(headers)}' object has no attribute 'items'`);
    const userHeaders = (headers ?? null);
    const session = new Session(ctx, verify, maxRetries);
    try {
        let prepared;
        if (method === 'GET') {
            prepared = prepareRequest(method, url, userHeaders, { params: args });
        }
        else if (userHeaders && userHeaders['Content-Type'] === 'application/json') {
            // chaoslib's check is on the exact key `Content-Type` and the exact value.
            prepared = prepareRequest(method, url, userHeaders, { json: args });
        }
        else {
            prepared = prepareRequest(method, url, userHeaders, { data: args });
        }
        const response = await session.request(prepared, timeout);
        return responseResult(response);
    }
    catch (e) {
        if (ctx.signal.aborted && !(e instanceof Error && e.name === 'AbortError'))
            throw abortError$1(ctx.signal);
        if (e instanceof ConnectionFailure)
            throw new ActivityFailed(`failed to connect to ${url}: ${e.message}`);
        if (e instanceof TimeoutFailure)
            throw new ActivityFailed('activity took too long to complete');
        throw e;
    }
    finally {
        session.close();
    }
};

// The process provider: chaoslib's `run_process_activity` (chaostoolkit-lib 1.44.0,
// chaoslib/provider/process.py), step by step and in the same order, so that the same provider
// gives the same {status, stdout, stderr} or the same error.
//
// Kept on purpose, unlike chaoslib:
// - the child leads its own process group (and session), so a timeout or an interruption kills
//   the whole tree it started, not only the direct child (chaoslib kills the child alone, its
//   children live on);
// - stdin is /dev/null (chaoslib lets the child inherit the runner's stdin);
// - output is decoded as strict UTF-8. chaoslib lets charset_normalizer guess the charset when it
//   is at least 50 % sure, so invalid UTF-8 usually comes back as text in some guessed legacy
//   codec there; here it is the ActivityFailed chaoslib raises when decoding fails;
// - libuv runs an executable script without a `#!` line through /bin/sh where Python's exec
//   raises OSError (Exec format error), when arguments are a list.
/** The default grace between SIGTERM and SIGKILL when the run is interrupted. */
const ABORT_GRACE_MS = 2000;
/** How long we wait for a SIGKILLed process to be reported gone before we stop waiting. */
const KILL_WAIT_MS = 5000;
/** setTimeout's ceiling: longer provider timeouts (over 24 days) mean "no timeout". */
const MAX_TIMER_MS = 2 ** 31 - 1;
const runProcessProvider = createProcessProvider();
function createProcessProvider(options = {}) {
    const abortGraceMs = options.abortGraceMs ?? ABORT_GRACE_MS;
    return async (provider, ctx) => {
        if (ctx.signal.aborted)
            throw abortError(ctx.signal);
        const command = buildCommand(provider, ctx);
        const timeoutMs = timeoutMillis(has(provider, 'timeout') ? provider.timeout : null);
        return execute(command, timeoutMs, ctx, abortGraceMs, options.reapOnExit ?? false);
    };
}
/** chaoslib's argument handling, up to (not including) subprocess.run. */
function buildCommand(provider, ctx) {
    // arguments = provider.get("arguments", []); substituted only when there are variables.
    let args = has(provider, 'arguments') ? provider.arguments : [];
    if (pythonTruthy(args) && ctx.hasVariables)
        args = substitute(args, ctx.scope);
    // path = shutil.which(os.path.expanduser(provider["path"])); never substituted.
    if (!has(provider, 'path'))
        throw pythonError('KeyError', "'path'");
    const rawPath = provider.path;
    if (typeof rawPath !== 'string')
        throw fspathError(rawPath);
    const resolved = pythonWhich(expandUser(rawPath, ctx.env), ctx.env.PATH, ctx.cwd);
    if (typeof args === 'string') {
        // shell=True: f"{path} {arguments}" through /bin/sh; a path not found is Python's "None".
        return { file: '/bin/sh', args: ['-c', `${resolved ?? 'None'} ${args}`] };
    }
    let items;
    if (Array.isArray(args))
        items = args;
    else if (args !== null && typeof args === 'object')
        items = Object.entries(args).flat();
    else
        throw new TypeError(`'${pythonTypeOf(args)}' object is not iterable`);
    const argv = items.filter((p) => p !== null && p !== undefined && p !== '').map(pythonStr);
    // arguments.insert(0, None), then Popen refuses it.
    if (resolved === null)
        throw new TypeError('expected str, bytes or os.PathLike object, not NoneType');
    return { file: resolved, args: argv };
}
/** subprocess's `timeout`: None for none, a number of seconds (bools count as 0/1), else TypeError. */
function timeoutMillis(timeout) {
    if (timeout === null || timeout === undefined)
        return null;
    if (typeof timeout === 'number' || typeof timeout === 'boolean') {
        const ms = Number(timeout) * 1000;
        // NaN (YAML .nan) never compares as expired in Python either.
        return Number.isNaN(ms) || ms > MAX_TIMER_MS ? null : Math.max(ms, 0);
    }
    throw new TypeError(`unsupported operand type(s) for +: 'float' and '${pythonTypeOf(timeout)}'`);
}
async function execute(command, timeoutMs, ctx, abortGraceMs, reapOnExit) {
    // detached: the child calls setsid(), so it leads a process group we can kill as a whole.
    const child = spawn(command.file, command.args, {
        cwd: ctx.cwd,
        env: { ...ctx.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
    });
    const stdout = [];
    const stderr = [];
    child.stdout?.on('data', (chunk) => stdout.push(chunk));
    child.stderr?.on('data', (chunk) => stderr.push(chunk));
    let closed = false;
    child.once('close', () => {
        closed = true;
    });
    let timer;
    let onAbort;
    const outcome = await new Promise((resolve) => {
        child.once('close', (code, signal) => resolve({ kind: 'closed', code, signal }));
        child.once('error', (error) => resolve({ kind: 'error', error }));
        if (child.pid === undefined)
            return; // spawn failed: 'error' follows
        // Python checks a zero (or negative) timeout before it reads anything: always expired.
        if (timeoutMs === 0)
            return resolve({ kind: 'timeout' });
        if (timeoutMs !== null)
            timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
        onAbort = () => resolve({ kind: 'abort' });
        ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    clearTimeout(timer);
    if (onAbort)
        ctx.signal.removeEventListener('abort', onAbort);
    const pid = child.pid;
    switch (outcome.kind) {
        case 'closed': {
            if (reapOnExit && pid !== undefined)
                killGroup(pid, 'SIGKILL');
            const status = outcome.code ?? -(constants$1.signals[outcome.signal] ?? 0);
            return { status, stdout: decode(stdout), stderr: decode(stderr) };
        }
        case 'error':
            if (pid !== undefined)
                await stopGroup(child, pid, () => closed, 'SIGKILL', KILL_WAIT_MS);
            release(child);
            throw spawnError(outcome.error, command.file, ctx.cwd);
        case 'timeout':
            await stopGroup(child, pid, () => closed, 'SIGKILL', KILL_WAIT_MS);
            release(child);
            throw new ActivityFailed('process activity took too long to complete');
        case 'abort':
            // SIGTERM first; whatever is still there after the grace (or once the tree has let go of
            // its pipes) gets SIGKILL.
            await stopGroup(child, pid, () => closed, 'SIGTERM', abortGraceMs);
            await stopGroup(child, pid, () => closed, 'SIGKILL', KILL_WAIT_MS);
            release(child);
            throw abortError(ctx.signal);
    }
}
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // ESRCH: nothing is left in the group
    }
}
/** Signals the whole group, then waits (bounded) until the tree has closed its pipes. */
async function stopGroup(child, pid, isClosed, signal, waitMs) {
    killGroup(pid, signal);
    if (isClosed())
        return;
    await new Promise((resolve) => {
        const timer = setTimeout(done, waitMs);
        child.once('close', done);
        function done() {
            clearTimeout(timer);
            child.off('close', done);
            resolve();
        }
    });
}
/** Lets go of pipes a process outside the group (setsid) may still hold open. */
function release(child) {
    child.stdout?.destroy();
    child.stderr?.destroy();
}
/** chaoslib.decode_bytes, approximated: UTF-8 (a BOM is dropped, as charset_normalizer's UTF-8-SIG does). */
function decode(chunks) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    }
    catch {
        throw new ActivityFailed("Failed to decode bytes using encoding 'utf-8'");
    }
}
function abortError(signal) {
    const error = new Error('process activity interrupted', { cause: signal.reason });
    error.name = 'AbortError';
    return error;
}
/** Python's OSError from Popen, e.g. "FileNotFoundError: [Errno 2] No such file or directory: 'x'". */
function spawnError(error, file, cwd) {
    const code = error.code ?? '';
    const errno = constants$1.errno[code];
    if (errno === undefined)
        return error;
    let filename = file;
    if (code === 'ENOENT' && !isDirectory(cwd))
        filename = cwd;
    const name = code === 'ENOENT' ? 'FileNotFoundError' : code === 'EACCES' || code === 'EPERM' ? 'PermissionError' : 'OSError';
    return pythonError(name, `[Errno ${errno}] ${strerror(code, -errno)}: ${pythonRepr(filename)}`, error);
}
const STRERROR = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EPERM: 'Operation not permitted',
    ENOEXEC: 'Exec format error',
    ENOTDIR: 'Not a directory',
    E2BIG: 'Argument list too long',
    ETXTBSY: 'Text file busy',
    ELOOP: 'Too many levels of symbolic links',
    ENAMETOOLONG: 'File name too long',
    ENOMEM: 'Cannot allocate memory',
    EAGAIN: 'Resource temporarily unavailable',
};
function strerror(code, uvErrno) {
    const known = STRERROR[code];
    if (known)
        return known;
    const message = getSystemErrorMessage(uvErrno);
    return message.charAt(0).toUpperCase() + message.slice(1);
}
function pythonError(name, message, cause) {
    const error = new Error(message, cause === undefined ? undefined : { cause });
    error.name = name;
    return error;
}
function fspathError(value) {
    return new TypeError(`expected str, bytes or os.PathLike object, not ${pythonTypeOf(value)}`);
}
function has(record, key) {
    return Object.hasOwn(record, key) && record[key] !== undefined;
}
function isDirectory(p) {
    try {
        return statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * os.path.expanduser against `env`: `~` is $HOME (else the current user's home), `~user` is that
 * user's home from /etc/passwd (Python asks getpwnam; other NSS sources are not consulted).
 */
function expandUser(p, env) {
    if (!p.startsWith('~'))
        return p;
    let i = p.indexOf('/', 1);
    if (i < 0)
        i = p.length;
    let home;
    if (i === 1) {
        home = env.HOME;
        if (home === undefined) {
            try {
                home = userInfo().homedir;
            }
            catch {
                return p;
            }
        }
    }
    else {
        home = passwdHome(p.slice(1, i));
        if (home === undefined)
            return p;
    }
    home = home.replace(/\/+$/, '');
    return home + p.slice(i) || '/';
}
function passwdHome(user) {
    let passwd;
    try {
        passwd = readFileSync('/etc/passwd', 'utf8');
    }
    catch {
        return undefined;
    }
    for (const line of passwd.split('\n')) {
        const fields = line.split(':');
        if (fields.length >= 7 && fields[0] === user)
            return fields[5];
    }
    return undefined;
}
/**
 * shutil.which(cmd) on POSIX: with a `/` in cmd, cmd itself if it is an executable non-directory;
 * otherwise the first `dir/cmd` (joined as os.path.join does, unnormalised) along `envPath`
 * (unset: the libc default "/bin:/usr/bin"; empty: nothing). Relative paths are taken from `cwd`.
 * Returns the path as Python would spell it, or null.
 */
function pythonWhich(cmd, envPath, cwd) {
    if (cmd.includes('/'))
        return accessible(cmd, cwd) ? cmd : null;
    const searchPath = envPath ?? '/bin:/usr/bin';
    if (!searchPath)
        return null;
    const seen = new Set();
    for (const dir of searchPath.split(':')) {
        if (seen.has(dir))
            continue;
        seen.add(dir);
        const name = dir === '' || dir.endsWith('/') ? dir + cmd : `${dir}/${cmd}`;
        if (accessible(name, cwd))
            return name;
    }
    return null;
}
/** shutil._access_check: exists, executable (access(2), X_OK), not a directory. */
function accessible(file, cwd) {
    const full = path.resolve(cwd, file);
    try {
        accessSync(full, constants.F_OK | constants.X_OK);
        return !statSync(full).isDirectory();
    }
    catch {
        return false;
    }
}

// Runs a user's own Python chaos function (a python provider that is not built in) in a python3
// child process: imports the module, calls the function with the activity's arguments (plus
// `configuration` and `secrets` when the function declares them) and returns its JSON result.
// Any Python exception fails the activity with the Python message, as chaoslib does.
const SCRIPT = String.raw `
import datetime, decimal, importlib, inspect, json, sys, uuid
req = json.load(sys.stdin)
def encode(o):
    if isinstance(o, (datetime.datetime, datetime.date)): return o.isoformat()
    if isinstance(o, (uuid.UUID, decimal.Decimal)): return str(o)
    if isinstance(o, bytes): return o.decode("utf-8", "replace")
    if isinstance(o, (set, tuple)): return list(o)
    if isinstance(o, Exception): return "An exception was raised: %s('%s')" % (type(o).__name__, o)
    return repr(o)
try:
    func = getattr(importlib.import_module(req["module"]), req["func"])
    args = dict(req["arguments"] or {})
    params = inspect.signature(func).parameters
    if "configuration" in params: args["configuration"] = req["configuration"]
    if "secrets" in params: args["secrets"] = req["secrets"]
    result = func(**args)
    out = {"ok": True, "result": result}
except BaseException as x:
    out = {"ok": False, "error": "%s: %s" % (type(x).__name__, x)}
sys.stdout.write("\n@@chaos-action-result@@" + json.dumps(out, default=encode))
`;
const MARKER = '\n@@chaos-action-result@@';
function pythonBridge(options) {
    return async (provider, ctx) => {
        const args = ctx.hasVariables ? substitute(provider.arguments ?? {}, ctx.scope) : (provider.arguments ?? {});
        const scopes = Array.isArray(provider.secrets) ? provider.secrets : [];
        const secrets = {};
        for (const s of scopes)
            Object.assign(secrets, ctx.secrets[String(s)] ?? {});
        const request = JSON.stringify({ module: provider.module, func: provider.func, arguments: args, configuration: ctx.configuration, secrets });
        const { stdout, stderr, code } = await runPython(options.python, request, ctx);
        const at = stdout.lastIndexOf(MARKER);
        if (at < 0)
            throw new ActivityFailed(`python3 ended (${code}) without a result: ${stderr.trim().split('\n').at(-1) ?? ''}`);
        const answer = JSON.parse(stdout.slice(at + MARKER.length));
        if (!answer.ok)
            throw new ActivityFailed(answer.error ?? 'the python function failed');
        return answer.result ?? null;
    };
}
function runPython(python, input, ctx) {
    return new Promise((resolve, reject) => {
        const child = spawn(python, ['-c', SCRIPT], { env: ctx.env, cwd: ctx.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        let stdout = '';
        let stderr = '';
        const abort = () => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
        };
        ctx.signal.addEventListener('abort', abort, { once: true });
        child.stdout.on('data', (d) => (stdout += d.toString()));
        child.stderr.on('data', (d) => (stderr += d.toString()));
        child.on('error', (e) => {
            ctx.signal.removeEventListener('abort', abort);
            reject(new ActivityFailed(`cannot start ${python}: ${e.message}`));
        });
        child.on('close', (code) => {
            ctx.signal.removeEventListener('abort', abort);
            if (ctx.signal.aborted) {
                const e = new Error('the python activity was interrupted');
                e.name = 'AbortError';
                reject(e);
            }
            else
                resolve({ stdout, stderr, code });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
    });
}

// Runs an activity's provider: http, process, or python (a built-in, else the python3 bridge).
function providerRegistry(options) {
    const bridge = pythonBridge({ python: options.python });
    return async (provider, ctx) => {
        switch (provider.type) {
            case 'http':
                return runHttpProvider(provider, ctx);
            case 'process':
                return runProcessProvider(provider, ctx);
            case 'python': {
                const builtin = findBuiltinRunner(String(provider.module), String(provider.func));
                return builtin ? builtin(provider, ctx) : bridge(provider, ctx);
            }
            default:
                throw new Error(`unknown provider type '${String(provider.type)}'`);
        }
    };
}

const PHASE_TITLES = {
    before: 'Steady state hypothesis (before the method)',
    during: 'Steady state hypothesis (during the method)',
    after: 'Steady state hypothesis (after the method)',
    method: 'Method',
    rollbacks: 'Rollbacks',
};
class ProgressPrinter {
    term;
    verbosity;
    now;
    redactor;
    constructor(term, verbosity, now = () => new Date()) {
        this.term = term;
        this.verbosity = verbosity;
        this.now = now;
    }
    useRedactor(redactor) {
        this.redactor = redactor;
    }
    line(level, text, style) {
        if (this.verbosity === 'quiet' && level !== 'ERROR')
            return;
        if (level === 'DEBUG' && this.verbosity !== 'verbose')
            return;
        const time = this.now().toISOString().slice(11, 19);
        const levelStyle = level === 'ERROR' ? 'red' : level === 'WARN' ? 'yellow' : level === 'DEBUG' ? 'gray' : 'blue';
        const safe = this.redactor ? this.redactor.redact(text) : text;
        this.term.err(`${paint(this.term, 'gray', time)} ${paint(this.term, levelStyle, level.padEnd(5))} ${style ? paint(this.term, style, safe) : safe}`);
    }
    experimentStarted(title, file) {
        this.line('INFO', `Running experiment: ${title} (${file})`, 'bold');
    }
    phaseStarted(phase, detail) {
        if (phase === 'rollbacks-skipped')
            this.line('INFO', `Rollbacks not played: ${detail ?? ''}`);
        else if (phase !== 'during')
            this.line('INFO', PHASE_TITLES[phase] ?? phase);
    }
    activityStarted(record, phase) {
        if (phase === 'during')
            return;
        const type = String(record.activity.type ?? 'activity');
        const background = record.activity.background === true ? ' [in background]' : '';
        this.line('INFO', `  ${type[0]?.toUpperCase()}${type.slice(1)}: ${String(record.activity.name ?? '')}${background}`);
    }
    activityEnded(record, phase, failure) {
        const name = String(record.activity.name ?? '');
        if (failure) {
            this.line('ERROR', `    ${name}: ${failure instanceof Error ? failure.message : String(failure)}`);
        }
        else if (record.status === 'failed') {
            this.line(phase === 'during' ? 'DEBUG' : 'WARN', `    ${name} failed: ${(record.exception?.at(-1) ?? '').replace(/^chaoslib\.exceptions\.ActivityFailed: /, '').trim()}`);
        }
        else if (phase !== 'during') {
            this.line('DEBUG', `    ${name} => ${describeValue(record.output)} (${record.duration?.toFixed(3)} s)`);
        }
    }
    toleranceChecked(record, tolerance, met) {
        if (met)
            return;
        this.line('WARN', `    ${String(record.activity.name ?? '')}: ${describeValue(record.output)} is not within tolerance ${describeTolerance(tolerance)}`);
    }
    hypothesisEnded(phase, state) {
        if (phase === 'during') {
            if (!state.steady_state_met)
                this.line('WARN', '  steady state not met during the method');
            return;
        }
        if (state.steady_state_met)
            this.line('INFO', '  Steady state hypothesis is met', 'green');
        else
            this.line('WARN', `  Steady state hypothesis is NOT met ${phase} the method`, 'red');
    }
    pause(activity, when, seconds) {
        this.line('DEBUG', `    pausing ${seconds} s ${when} ${activity}`);
    }
    warning(message) {
        this.line('WARN', message);
    }
    experimentEnded(journal) {
        const status = journal.deviated ? 'deviated' : (journal.status ?? 'completed');
        this.line('INFO', `Experiment ended with status: ${status} (${(journal.duration ?? 0).toFixed(1)} s)`);
    }
    info(message, style) {
        this.line('INFO', message, style);
    }
    error(message) {
        this.line('ERROR', message);
    }
}

// `chaos-action run`: validate everything, run each experiment, write journals and the report,
// exit 1 when a verdict listed in --fail-on occurred. SIGINT/SIGTERM stop the running activity and
// play the rollbacks; a second signal skips what is left of them.
const DRY_MODES = ['probes', 'actions', 'activities', 'pause'];
const DEFAULT_FAIL_ON = VERDICTS.filter((v) => v !== 'passed');
function oneOf(flag, value, allowed) {
    if (value === undefined)
        return undefined;
    if (!allowed.includes(value))
        throw new UsageError(`--${flag} ${value}: expected one of ${allowed.join(', ')}`);
    return value;
}
function parseFailOn(value) {
    if (value === undefined)
        return DEFAULT_FAIL_ON;
    const list = value.split(',').map((s) => s.trim()).filter(Boolean);
    for (const v of list)
        oneOf('fail-on', v, VERDICTS);
    return list;
}
async function runCommand(argv, term, env) {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            'journal-dir': { type: 'string', default: 'chaos-results' },
            var: { type: 'string', multiple: true },
            'var-file': { type: 'string', multiple: true },
            python: { type: 'string' },
            'rollback-strategy': { type: 'string' },
            'hypothesis-strategy': { type: 'string' },
            'hypothesis-frequency': { type: 'string', default: '1' },
            'fail-fast': { type: 'boolean', default: false },
            dry: { type: 'string' },
            'fail-on': { type: 'string' },
            'allow-action-failure': { type: 'boolean', default: false },
            quiet: { type: 'boolean', short: 'q' },
            verbose: { type: 'boolean', short: 'v' },
            help: { type: 'boolean', short: 'h' },
        },
    });
    if (values.help) {
        term.out(RUN_HELP);
        return ExitCode.ok;
    }
    const hypothesisStrategy = values['hypothesis-strategy'] === undefined ? undefined : normalizeHypothesisStrategy(values['hypothesis-strategy']);
    if (values['hypothesis-strategy'] !== undefined && !hypothesisStrategy)
        oneOf('hypothesis-strategy', values['hypothesis-strategy'], HYPOTHESIS_STRATEGIES);
    const rollbackStrategy = oneOf('rollback-strategy', values['rollback-strategy'], ROLLBACK_STRATEGIES);
    const dry = oneOf('dry', values.dry, DRY_MODES) ?? null;
    const frequency = Number(values['hypothesis-frequency']);
    if (!Number.isFinite(frequency) || frequency < 0)
        throw new UsageError(`--hypothesis-frequency ${values['hypothesis-frequency']}: expected a number of seconds`);
    const failOn = parseFailOn(values['fail-on']);
    const verbosity = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';
    const printer = new ProgressPrinter(term, verbosity);
    const prepared = await experimentInputs(values, env);
    if (!prepared.ok) {
        for (const d of prepared.diagnostics)
            term.err(formatDiagnostic(d));
        return ExitCode.invalidInput;
    }
    const python = values.python ?? env.CHAOS_ACTION_PYTHON ?? 'python3';
    const first = new AbortController();
    const second = new AbortController();
    const onSignal = (signal) => {
        if (!first.signal.aborted) {
            printer.warning(`${signal} received: stopping the running activity, then playing the rollbacks (send it again to skip them)`);
            first.abort();
        }
        else if (!second.signal.aborted) {
            printer.warning(`${signal} received again: skipping what is left of the rollbacks`);
            second.abort();
        }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        const outcome = await runSuite({
            paths: positionals.length ? positionals : ['experiments'],
            journalDir: values['journal-dir'],
            ...(hypothesisStrategy ? { hypothesisStrategy: hypothesisStrategy } : {}),
            ...(rollbackStrategy ? { rollbackStrategy } : {}),
            hypothesisFrequency: frequency,
            failFast: values['fail-fast'] === true,
            dry,
            failOn,
            allowActionFailure: values['allow-action-failure'] === true,
        }, {
            validation: prepared.inputs.options,
            clock: systemClock,
            runProvider: providerRegistry({ python }),
            events: printer,
            childEnv: childEnv(prepared.inputs.env),
            cwd: process.cwd(),
            interruption: { signal: first.signal, hardSignal: second.signal },
            version: VERSION,
            useRedactor: (r) => printer.useRedactor(r),
            onValidated: (diagnostics) => {
                if (verbosity !== 'quiet')
                    for (const d of diagnostics)
                        term.err(formatDiagnostic(d));
            },
        });
        if (outcome.kind === 'invalid') {
            for (const d of outcome.diagnostics)
                term.err(formatDiagnostic(d));
            term.err(paint(term, 'red', '✖ invalid experiments: nothing was run'));
            return ExitCode.invalidInput;
        }
        const { results } = outcome;
        term.out('');
        for (const e of results.experiments) {
            term.out(`${VERDICT_ICONS[e.verdict]} ${e.verdict.padEnd(16)} ${e.title} (${formatDuration(e.duration)})`);
            for (const r of e.reasons)
                term.out(`   ${paint(term, 'dim', r)}`);
        }
        for (const s of outcome.skipped)
            term.out(`   skipped after the interruption: ${s}`);
        const gate = results.gate === 'passed' ? paint(term, 'green', 'gate passed') : paint(term, 'red', 'gate failed');
        term.out(`\n${gate}: ${results.verdict} · journals in ${path.resolve(values['journal-dir'])} · report ${outcome.reportPath}`);
        return results.gate === 'passed' ? ExitCode.ok : ExitCode.gateFailed;
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}

var runCommand$1 = /*#__PURE__*/Object.freeze({
    __proto__: null,
    DEFAULT_FAIL_ON: DEFAULT_FAIL_ON,
    parseFailOn: parseFailOn,
    runCommand: runCommand
});

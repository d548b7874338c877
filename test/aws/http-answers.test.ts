// What the native functions make of an endpoint's HTTP answers, through the runtime's real clients
// against a local server. One that AWS never would send (a proxy's or an emulator's HTML 404): the
// message says what came back (status, content type, the start of the body), in botocore's words
// ("An error occurred (404) … : Not Found"), not the SDK parser's complaint. A good one: its HTTP
// headers are in ResponseMetadata.HTTPHeaders, as boto3 journals them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lambda from '../../src/aws/functions/awslambda-probes.js';
import * as rds from '../../src/aws/functions/rds-actions.js';
import { AwsRuntime, type CallInput } from '../../src/aws/runtime.js';

const PAGE =
  '<html><head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p><hr></body></html>';

const INSTANCE = '<DBInstance><DBInstanceIdentifier>db-1</DBInstanceIdentifier><DBInstanceStatus>rebooting</DBInstanceStatus></DBInstance>';

let server: http.Server;
let endpoint: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action');
      if (req.url?.startsWith('/good') && action) {
        const answer = `<${action}Response><${action}Result>${INSTANCE}</${action}Result><ResponseMetadata><RequestId>req-9</RequestId></ResponseMetadata></${action}Response>`;
        res.writeHead(200, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'req-9' });
        res.end(action === 'DescribeDBInstances' ? answer.replace(INSTANCE, `<DBInstances>${INSTANCE}</DBInstances>`) : answer);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end(PAGE);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const input = (url = endpoint): CallInput => ({
  configuration: { aws_region: 'us-east-1' },
  secrets: {},
  env: { AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL: url, AWS_MAX_ATTEMPTS: '1' },
  signal: new AbortController().signal,
  mode: 'run',
});

describe('an answer that is not AWS', () => {
  it('reads as botocore reads it (Not Found), with the status, the content type and the start of the body', async () => {
    const call = new AwsRuntime().call({}, input());
    const err = await rds.stop_db_instance({ db_instance_identifier: 'db-1' }, call).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      'Failed to stop RDS DB instance db-1: Not Found (the endpoint answered HTTP 404 text/html, not an AWS answer, body starts: ' +
        '"<html><head><title>404 Not Found</title></head> <body><h1>Not Found</h1><p>The requested URL was not found on this server.</p><hr></body></html>")',
    );
    expect(err?.message).not.toContain('XML parse error');
  });

  it('says the same for a JSON API (Lambda), quoting what its parser saw', async () => {
    const call = new AwsRuntime().call({}, input());
    const err = await lambda.get_function_concurrency({ function_name: 'checkout' }, call).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(
      /Not Found \(the endpoint answered HTTP 404 text\/html, not an AWS answer \(Unexpected token '<', "<html><hea"\.\.\. is not valid JSON\)\)/,
    );
  });
});

describe('an answer from AWS', () => {
  it('keeps its HTTP headers in ResponseMetadata.HTTPHeaders, as boto3 does', async () => {
    // Same server, under /good: it then answers as RDS would.
    const good = `${endpoint}/good`;
    const call = new AwsRuntime().call({}, input(good));
    const out = (await rds.reboot_db_instance({ db_instance_identifier: 'db-1' }, call)) as {
      DBInstance: unknown;
      ResponseMetadata: { HTTPHeaders: Record<string, string> };
    };
    expect(out.DBInstance).toEqual({ DBInstanceIdentifier: 'db-1', DBInstanceStatus: 'rebooting' });
    expect(out.ResponseMetadata).toMatchObject({ RequestId: 'req-9', HTTPStatusCode: 200, RetryAttempts: 0 });
    expect(out.ResponseMetadata.HTTPHeaders).toMatchObject({ 'content-type': 'text/xml', 'x-amzn-requestid': 'req-9' });
    expect(JSON.parse(JSON.stringify(out)).ResponseMetadata.HTTPHeaders['x-amzn-requestid']).toBe('req-9');
  });
});

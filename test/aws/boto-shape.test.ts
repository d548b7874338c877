import { describe, expect, it } from 'vitest';
import { botoResponse, pythonIsoformat } from '../../src/aws/functions/boto-shape.js';

describe('boto3 response shape', () => {
  it('formats timestamps as Python isoformat of an aware UTC datetime', () => {
    expect(pythonIsoformat(new Date('2024-05-01T12:00:00.000Z'))).toBe('2024-05-01T12:00:00+00:00');
    expect(pythonIsoformat(new Date('2024-05-01T12:00:00.120Z'))).toBe('2024-05-01T12:00:00.120000+00:00');
  });

  it('replaces $metadata by ResponseMetadata and converts nested dates and bytes', () => {
    const out = botoResponse({
      $metadata: { httpStatusCode: 200, requestId: 'r-1', attempts: 2 },
      Reservations: [{ Instances: [{ LaunchTime: new Date('2024-01-02T03:04:05Z'), Missing: undefined }] }],
      Payload: new TextEncoder().encode('{"ok":true}'),
    });
    expect(out).toEqual({
      Reservations: [{ Instances: [{ LaunchTime: '2024-01-02T03:04:05+00:00' }] }],
      Payload: '{"ok":true}',
      ResponseMetadata: { RequestId: 'r-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 1 },
    });
  });
});

// Instances in moto, created and read through the SDK, for tests that run the CLI against it.
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { MOTO_REGION, type Moto, startMoto } from '../../support/moto.js';

export function motoEc2(moto: Moto): EC2Client {
  return new EC2Client({ region: MOTO_REGION, endpoint: moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

/** Launches `count` instances with these tags; resolves to their ids. */
export async function launch(ec2: EC2Client, count: number, tags: Record<string, string>): Promise<string[]> {
  const image = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId;
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: image,
      MinCount: count,
      MaxCount: count,
      InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }],
    }),
  );
  return (out.Instances ?? []).map((i) => i.InstanceId as string);
}

/** Instance id -> state name. */
export async function states(ec2: EC2Client, ids: string[]): Promise<Record<string, string>> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
  return Object.fromEntries((out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => [i.InstanceId as string, i.State?.Name as string]));
}

/**
 * One moto for the test file (started before its tests, stopped after), emptied before each test,
 * with an EC2 client on it: `aws.moto` and `aws.ec2` once the file's tests run.
 */
export function useMotoEc2(): { readonly moto: Moto; readonly ec2: EC2Client } {
  let moto: Moto | undefined;
  let ec2: EC2Client | undefined;
  beforeAll(async () => {
    moto = await startMoto();
    ec2 = motoEc2(moto);
  });
  afterAll(async () => {
    ec2?.destroy();
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto?.reset();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('moto is not started: use it inside a test');
    return value;
  };
  return {
    get moto() {
      return ready(moto);
    },
    get ec2() {
      return ready(ec2);
    },
  };
}

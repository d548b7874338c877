// Instances in moto, created and read through the SDK, for tests that run the CLI against it.
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import type { Moto } from '../../support/moto.js';
import { MOTO_REGION } from '../../support/moto.js';

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

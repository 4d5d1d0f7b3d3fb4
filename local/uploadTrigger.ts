import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { S3Event } from 'aws-lambda';
import { uploadTriggers, type UploadTrigger } from '#shared/jobs';
import { runningFunction } from '#shared/store/callLog';

const ROOT = resolve(import.meta.dirname, '..');

/** An ObjectCreated event for one object, shaped as S3 delivers it to Lambda (keys URL-encoded, spaces as +). */
export function objectCreatedEvent(bucket: string, key: string, size: number, at: Date): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'ap-southeast-1',
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: key
              .split('/')
              .map((s) => encodeURIComponent(s).replace(/%20/g, '+'))
              .join('/'),
            size,
            eTag: '',
            sequencer: '0',
          },
        },
      },
    ],
  };
}

/** Runs an upload trigger's handler module on an event, as Lambda would on S3's notification. */
export async function deliverToTrigger(
  event: S3Event,
  trigger: UploadTrigger = uploadTriggers[0],
): Promise<void> {
  const file = pathToFileURL(join(ROOT, 'functions', `${trigger.handler}.ts`)).href;
  const { handler } = (await import(file)) as { handler: (e: S3Event) => Promise<void> };
  await runningFunction.run(trigger.id, () => handler(event));
}

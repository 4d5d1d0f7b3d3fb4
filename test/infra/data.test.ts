import { describe, expect, it } from 'vitest';
import { dataModel, keyAttributes } from '#shared/model';
import { onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const dev = synthStack('dev');
const prod = synthStack('prod');
const tableOf = (t: typeof dev) => onlyResourceOf(t.template, 'AWS::DynamoDB::GlobalTable')[1];
const propsOf = (t: typeof dev) =>
  tableOf(t).Properties as Record<string, unknown> & {
    Replicas: Record<string, unknown>[];
  };

describe('the table is the shared data model', () => {
  it('has the data model’s key schema', () => {
    expect(propsOf(dev).KeySchema).toEqual([
      { AttributeName: dataModel.partitionKey, KeyType: 'HASH' },
      { AttributeName: dataModel.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('has exactly the data model’s indexes, keys as declared, all attributes projected', () => {
    expect(propsOf(dev).GlobalSecondaryIndexes).toEqual(
      Object.entries(dataModel.indexes).map(([IndexName, ix]) => ({
        IndexName,
        KeySchema: [
          { AttributeName: ix.partitionKey, KeyType: 'HASH' },
          { AttributeName: ix.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('declares exactly the key attributes, all strings, as local/provision.ts does', () => {
    const defs = propsOf(dev).AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(defs.map((d) => d.AttributeName).sort()).toEqual(keyAttributes().sort());
    expect(new Set(defs.map((d) => d.AttributeType))).toEqual(new Set(['S']));
  });

  it('expires items on the data model’s TTL attribute', () => {
    expect(propsOf(dev).TimeToLiveSpecification).toEqual({
      AttributeName: dataModel.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('is on-demand', () => {
    expect(propsOf(dev).BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has point-in-time recovery in every stage', () => {
    for (const t of [dev, prod]) {
      expect(propsOf(t).Replicas[0]?.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
    }
  });

  it('is encrypted with a KMS key', () => {
    expect(propsOf(dev).SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('has deletion protection in prod and not in dev', () => {
    expect(propsOf(prod).Replicas[0]?.DeletionProtectionEnabled).toBe(true);
    expect(propsOf(dev).Replicas[0]?.DeletionProtectionEnabled).toBe(false);
  });
});

describe('what a stage keeps when the stack goes', () => {
  const stateful = [
    'AWS::DynamoDB::GlobalTable',
    'AWS::S3::Bucket',
    'AWS::Cognito::UserPool',
    'AWS::KMS::Key',
  ];

  it('retains the table, the buckets, the user pool and the KMS key in prod', () => {
    for (const type of stateful) {
      for (const [id, r] of Object.entries(resourcesOf(prod.template, type))) {
        expect([r.DeletionPolicy, r.UpdateReplacePolicy], id).toEqual(['Retain', 'Retain']);
      }
    }
  });

  it('destroys them in dev, emptying the buckets first', () => {
    for (const type of stateful) {
      for (const [id, r] of Object.entries(resourcesOf(dev.template, type))) {
        expect(r.DeletionPolicy, id).toBe('Delete');
      }
    }
    const buckets = Object.keys(resourcesOf(dev.template, 'AWS::S3::Bucket'));
    const emptied = Object.values(resourcesOf(dev.template, 'Custom::S3AutoDeleteObjects')).map(
      (r) => (r.Properties?.BucketName as { Ref: string }).Ref,
    );
    expect(emptied.sort()).toEqual(buckets.sort());
    expect(resourcesOf(prod.template, 'Custom::S3AutoDeleteObjects')).toEqual({});
  });

  it('protects the prod stack itself from termination', () => {
    expect(prod.stack.terminationProtection).toBe(true);
    expect(dev.stack.terminationProtection).toBe(false);
  });
});

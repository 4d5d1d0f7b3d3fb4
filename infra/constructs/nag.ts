import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges exactly one cdk-nag finding on the narrowest construct that raises it, with its reason.
 * `id` is a rule (`AwsSolutions-S1`) or one finding of a rule (`AwsSolutions-IAM5[Resource::*]`).
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** Flattens a resolved CloudFormation value the way cdk-nag names findings (`<Logical.Arn>/prefix/*`). */
export function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/** The cdk-nag finding id for one wildcard resource in an IAM policy (`AwsSolutions-IAM5[Resource::...]`). */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  const resolved: unknown = Token.isUnresolved(resource) ? Stack.of(scope).resolve(resource) : resource;
  return `AwsSolutions-IAM5[Resource::${flatten(resolved)}]`;
}

/**
 * S3 event notifications are configured by a singleton function aws-cdk-lib adds to the stack; its role and
 * runtime are not ours to set, so its findings are acknowledged there, one by one, when it exists.
 */
export function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) return;
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'aws-cdk-lib’s bucket-notification handler writes its own logs with the basic execution policy; it runs only when the stack deploys.',
  );
  acknowledge(
    handler,
    'AwsSolutions-IAM5[Resource::*]',
    'aws-cdk-lib’s bucket-notification handler calls s3:PutBucketNotification, which it grants on *; deploy time only.',
  );
}

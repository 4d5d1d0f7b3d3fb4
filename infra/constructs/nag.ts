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

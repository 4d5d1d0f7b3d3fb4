import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { dataModel } from '#shared/model';

export interface DataTableProps {
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default true
   */
  readonly deletionProtection?: boolean;
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The one table, built from the shared data model as local/provision.ts builds it for DynamoDB Local: the same
 * keys, the same indexes (all attributes projected), the same TTL attribute. On-demand, with point-in-time
 * recovery and encryption under the AWS managed key, so that key use shows in CloudTrail.
 */
export class DataTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(dataModel.partitionKey),
      sortKey: stringKey(dataModel.sortKey),
      billing: Billing.onDemand(),
      timeToLiveAttribute: dataModel.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      globalSecondaryIndexes: Object.entries(dataModel.indexes).map(([indexName, ix]) => ({
        indexName,
        partitionKey: stringKey(ix.partitionKey),
        sortKey: stringKey(ix.sortKey),
        projectionType: ProjectionType.ALL,
      })),
    });
  }
}

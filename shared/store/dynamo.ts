import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config.ts';
import { dataModel } from '../model.ts';
import { recordCalls } from './callLog.ts';

/*
 * The DynamoDB client lives at module scope so that a warm Lambda reuses its connections. The endpoint comes
 * from the environment only when running against DynamoDB Local. S3 has a module of its own (s3.ts), so a
 * function that never touches a bucket does not carry the S3 client in its bundle.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;

export const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 }),
  { marshallOptions: { removeUndefinedValues: true } },
);

recordCalls(ddb, 'dynamodb');

export const tableName = (): string => requireEnv(dataModel.tableNameEnv);

/* The SDK floor of a function that also reaches a bucket: the table's clients and the S3 client, nothing else. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const objects = new S3Client({});

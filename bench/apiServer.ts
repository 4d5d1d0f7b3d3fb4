import { startApi } from '../local/api.ts';
import { createLocalIssuer } from '../local/identity.ts';

/*
 * The local HTTP adapter serving the real handler modules, in a process of its own. The parent passes the
 * environment (table, buckets, endpoints) and the signing key file, so that tokens it signs verify here.
 * Usage: apiServer.ts <port> <keyFile> <issuer>
 */
const [port, keyFile, issuerName] = process.argv.slice(2) as [string, string, string];
const issuer = await createLocalIssuer({ issuer: issuerName, keyFile });
const api = await startApi({ port: Number(port), issuer, s3Endpoint: process.env.S3_ENDPOINT ?? '' });
process.stdout.write(`READY ${api.url}\n`);
const stop = () => void api.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent may die without stopping this child; do not outlive it.
setInterval(() => {
  if (process.ppid === 1) process.exit(0);
}, 1000).unref();

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type startServer from 'aws-ses-v2-local';
import { isPortFree, StartupError } from './ports.ts';

// A CommonJS module whose function is `exports.default`: loaded through require, whatever the loader.
const { default: startSesV2Local } = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: typeof startServer;
};

export interface SesEmulator {
  /** Where the SES client is pointed (SES_ENDPOINT); `${endpoint}/store` lists what it received. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** One message as the emulator keeps it (aws-ses-v2-local's store). */
export interface ReceivedMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
}

/**
 * Amazon SES, locally: aws-ses-v2-local answers the SESv2 SendEmail the reminders make, checks that a message
 * has a sender, a subject and a body as SES does, and keeps what it received, in memory. Its page at the
 * endpoint shows the messages; the admin's console shows the same reminders from the table.
 */
export async function startSesEmulator(opts: { port: number }): Promise<SesEmulator> {
  if (!(await isPortFree(opts.port))) {
    throw new StartupError(`Port ${opts.port} is taken; set SES_PORT to another port.`);
  }
  const server: Server = await startSesV2Local({ host: '127.0.0.1', port: opts.port });
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the emulator received so far. */
export async function receivedMail(endpoint: string): Promise<ReceivedMail[]> {
  const res = await fetch(`${endpoint}/store`);
  if (!res.ok) throw new Error(`SES emulator store: HTTP ${res.status}`);
  return ((await res.json()) as { emails: ReceivedMail[] }).emails;
}

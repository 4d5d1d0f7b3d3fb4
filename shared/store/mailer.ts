import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { MAIL_FROM_ENV } from '../config.ts';
import { recordCalls } from './callLog.ts';

/*
 * Mail through Amazon SES (API v2). The client lives at module scope; locally SES_ENDPOINT points it at the
 * SES emulator (aws-ses-v2-local), whose store is the local outbox, so the same code sends in both places.
 */
const endpoint = process.env.SES_ENDPOINT || undefined;
const ses = new SESv2Client({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 });
recordCalls(ses, 'ses');

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one message and answers the mail service's message id; throws what the service refused. */
export async function sendMail(mail: Mail): Promise<string> {
  const from = process.env[MAIL_FROM_ENV];
  if (!from) {
    throw new Error(
      `No sender address is configured (${MAIL_FROM_ENV}; deploy with -c reminderSender=…), so nothing was sent.`,
    );
  }
  const res = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  if (!res.MessageId) throw new Error('The mail service answered without a message id.');
  return res.MessageId;
}

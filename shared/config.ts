/** Reads a required environment variable at cold start, failing with a message that names it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing environment variable ${name}: the function cannot start without it.`);
  }
  return value;
}

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`Environment variable ${name} must be a positive integer.`);
  return n;
}

/** The sender of the reminders, a verified SES identity; the stack sets it from `-c reminderSender=…`. */
export const MAIL_FROM_ENV = 'MAIL_FROM';
/** The site the reminders link to; the stack and the local stack set it. */
export const SITE_URL_ENV = 'SITE_URL';

/**
 * How the browser tests and the form benchmark start Debian's Chromium: headless, and with nothing of its own
 * on the network (no QUIC, no background fetches, no name resolved but 127.0.0.1), so every request seen is
 * the app's.
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
};

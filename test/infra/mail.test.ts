import { describe, expect, it } from 'vitest';
import { MAIL_FROM_ENV, SITE_URL_ENV } from '#shared/config';
import { jobs } from '#shared/jobs';
import { routes } from '#shared/contract/routes';
import type { BaoCaoStack } from '../../infra/stack.ts';
import { flatten } from '../../infra/constructs/nag.ts';
import {
  grantsOfRole,
  logicalIdOf,
  onlyResourceOf,
  resourcesOf,
  synthStack,
  TEST_REMINDER_SENDER,
} from './synth.ts';

const sending = jobs.filter((j) => 'mail' in j.access).map((j) => j.id);

const environmentOf = (s: BaoCaoStack, template: ReturnType<typeof synthStack>['template'], id: string) =>
  (
    resourcesOf(template, 'AWS::Lambda::Function')[logicalIdOf(s.jobs.get(id)!.fn)]?.Properties
      ?.Environment as { Variables: Record<string, unknown> }
  ).Variables;

function sesGrants(s: BaoCaoStack, template: ReturnType<typeof synthStack>['template']) {
  const fns = [...s.api.functions.values(), ...[...s.jobs.values()].map((j) => j.fn), ...s.triggers.values()];
  return fns.flatMap((fn) =>
    grantsOfRole(template, logicalIdOf(fn.executionRole))
      .filter((g) => g.action.startsWith('ses:'))
      .map((g) => ({ fn: fn.node.id, ...g })),
  );
}

describe('reminder mail', () => {
  it('with a sender: an SES identity for its domain, and only the reminder job may send from it', () => {
    const { stack, template } = synthStack('prod');
    expect(sending).toEqual(['sendReminders']);
    const [, identity] = onlyResourceOf(template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties?.EmailIdentity).toBe(TEST_REMINDER_SENDER.split('@')[1]);
    const arn = flatten(stack.resolve(stack.senderIdentity!.emailIdentityArn));
    expect(sesGrants(stack, template)).toEqual([
      { fn: 'sendRemindersFunction', action: 'ses:SendEmail', resource: arn },
    ]);
    const env = environmentOf(stack, template, 'sendReminders');
    expect(env[MAIL_FROM_ENV]).toBe(TEST_REMINDER_SENDER);
    expect(flatten(env[SITE_URL_ENV])).toBe(flatten(stack.resolve(stack.site.origin)));
    // The DKIM records to publish are outputs.
    const outputs = Object.keys(template.toJSON().Outputs ?? {});
    expect(outputs.filter((o) => o.startsWith('ReminderSenderDkim'))).toHaveLength(3);
    // No route sends mail itself: the admin's request starts the job.
    expect(routes.filter((r) => 'mail' in r.access)).toEqual([]);
  });

  it('without one: no identity, no grant, no sender; the job still links to the site', () => {
    // The stack's props override the app's context, so this is the stack deployed with no -c reminderSender.
    const { stack, template } = synthStack('dev', {
      stackProps: { reminderSender: undefined },
    });
    expect(resourcesOf(template, 'AWS::SES::EmailIdentity')).toEqual({});
    expect(stack.senderIdentity).toBeUndefined();
    expect(sesGrants(stack, template)).toEqual([]);
    const env = environmentOf(stack, template, 'sendReminders');
    expect(env[MAIL_FROM_ENV]).toBeUndefined();
    expect(env[SITE_URL_ENV]).toBeDefined();
  });

  it('refuses a sender that is not an email address', () => {
    expect(() => synthStack('dev', { stackProps: { reminderSender: 'not-an-address' } })).toThrow(
      /reminderSender not-an-address is not an email address/,
    );
  });
});

import type { Bilingual } from '#shared/contract/i18n';
import { h } from './dom.ts';
import { L } from './i18n.ts';
import { M } from './messages.ts';

/*
 * Who did something, as a person reads it: never a login id. An agency user speaks for their unit, so the
 * unit's name says who; the inspection team and the administrators are named by their role. The id stays in
 * `data-sub` and the tooltip, for whoever has to trace one person's actions.
 */
export interface Someone {
  readonly sub: string;
  readonly role?: string;
}

/** Ids the system itself acts under: a scheduled run, the command line. */
const SYSTEM: Readonly<Record<string, Bilingual>> = {
  scheduler: { vi: 'Lịch tự động', en: 'Schedule' },
  cli: { vi: 'Dòng lệnh quản trị', en: 'Admin command line' },
};

export function personName(who: Someone, unitName?: Bilingual | string): string {
  const system = SYSTEM[who.sub];
  if (system) return L(system);
  if (who.role === 'agency' && unitName) return typeof unitName === 'string' ? unitName : L(unitName);
  // Only reviewers verify, comment and run things without a role on record: the inspection team by default.
  return L(M.role[who.role ?? 'auditor'] ?? (M.role.auditor as Bilingual));
}

/** The name in a span that keeps the id for tracing. */
export function person(who: Someone, unitName?: Bilingual | string): HTMLElement {
  return h('span', { class: 'person', 'data-sub': who.sub, title: who.sub }, personName(who, unitName));
}

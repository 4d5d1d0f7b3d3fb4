import { dayMonthYear } from '#shared/catalog/messages';
import type { Bilingual } from '#shared/contract/i18n';

/*
 * Vietnamese is the default and English sits one click away; the choice survives reloads. Every text the user
 * reads is a Bilingual value (from the catalog, the API or the message modules) and `L` picks the side.
 */
export type Lang = keyof Bilingual;
const KEY = 'bccntt.lang';

function stored(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Lang = stored();
const listeners = new Set<() => void>();

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Private windows may refuse storage; the switch still works for this visit.
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

export const L = (text: Bilingual | undefined): string => (text ? text[current] : '');

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Numbers as each language writes them: 1.234,5 in Vietnamese, 1,234.5 in English. */
export function fmtNumber(n: number, maxDigits = 2): string {
  const key = `${current}:${maxDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: maxDigits });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

const locale = () => (current === 'vi' ? 'vi-VN' : 'en-GB');

/** Times in Vietnam's zone whatever the computer's clock says, since deadlines are Vietnamese midnights. */
export function fmtDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(), {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A deadline at midnight reads as the day it falls on ("before 1 February"); any other time in full. */
export function fmtDeadline(iso: string): { date: string; midnight: boolean } {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  if (parts !== '00:00') return { date: fmtDateTime(iso), midnight: false };
  const date = d.toLocaleDateString(locale(), {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return { date, midnight: true };
}

/** A calendar date (`YYYY-MM-DD`, as the catalog and documents carry them): dd/mm/yyyy in either language. */
export const fmtIsoDate = (ymd: string): string => dayMonthYear(ymd);

export function fmtTime(d: Date): string {
  return d.toLocaleTimeString(locale(), {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmtNumber(n)} B`;
  if (n < 1024 * 1024) return `${fmtNumber(n / 1024, 1)} KB`;
  return `${fmtNumber(n / 1024 / 1024, 1)} MB`;
}

document.documentElement.lang = current;

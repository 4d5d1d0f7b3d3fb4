import { expect } from 'vitest';
import { AppError } from '#shared/errors';
import type { Bilingual } from '#shared/contract/i18n';

/** Both languages present and not the same text; the wording itself is free to change. */
export function expectBilingual(message: Bilingual | undefined): void {
  expect(message).toBeDefined();
  expect(message?.vi.trim()).not.toBe('');
  expect(message?.en.trim()).not.toBe('');
  expect(message?.vi).not.toBe(message?.en);
}

/** Runs `fn`, which must throw a domain error with this code and status; returns the error. */
export function expectAppError(fn: () => unknown, code: string, status: number): AppError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(AppError);
  const error = thrown as AppError;
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  expectBilingual(error.bilingual);
  return error;
}

import type { Bilingual } from '../contract/i18n.ts';
import { num } from './messages.ts';
import type { Indicator } from './types.ts';

/** Whether this year's value is implausible against last year's, by the indicator's min–max band. */
export function outlierOf(
  indicator: Indicator,
  current: number | null,
  previous: number | null,
): { outlier: boolean; reason?: Bilingual } {
  const rule = indicator.outlier;
  if (
    !rule ||
    current === null ||
    previous === null ||
    !Number.isFinite(current) ||
    !Number.isFinite(previous)
  ) {
    return { outlier: false };
  }
  const unit = indicator.unit;
  if (rule.maxAbsChange !== undefined) {
    const change = Math.abs(current - previous);
    if (change > rule.maxAbsChange) {
      return {
        outlier: true,
        reason: {
          vi: `Thay đổi ${num(change).vi} ${unit.vi} so với năm trước (${num(previous).vi} → ${num(current).vi}), vượt mức ${num(rule.maxAbsChange).vi} ${unit.vi}.`,
          en: `Changed by ${num(change).en} ${unit.en} from last year (${num(previous).en} → ${num(current).en}), beyond ${num(rule.maxAbsChange).en} ${unit.en}.`,
        },
      };
    }
  }
  if (rule.ratio) {
    const { min, max } = rule.ratio;
    if (previous === 0) {
      // No ratio exists against zero; a jump from nothing is still worth a second look unless a cap on the
      // absolute change already judged it.
      if (current !== 0 && rule.maxAbsChange === undefined) {
        return {
          outlier: true,
          reason: {
            vi: `Năm trước là 0, năm nay là ${num(current).vi} ${unit.vi}.`,
            en: `Last year was 0, this year is ${num(current).en} ${unit.en}.`,
          },
        };
      }
      return { outlier: false };
    }
    const r = current / previous;
    if (r < min || r > max) {
      return {
        outlier: true,
        reason: {
          vi: `Bằng ${num(r).vi} lần năm trước (${num(previous).vi} → ${num(current).vi}), ngoài khoảng [${num(min).vi}; ${num(max).vi}].`,
          en: `${num(r).en} times last year’s value (${num(previous).en} → ${num(current).en}), outside [${num(min).en}, ${num(max).en}].`,
        },
      };
    }
  }
  return { outlier: false };
}

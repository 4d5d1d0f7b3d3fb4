import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * What a receipt of submission carries, computed the same way by the API (in the report it answers with) and
 * by the browser (which checks the figures it shows against it): one function, so the agency and the auditors
 * can each tell that the submission is unchanged.
 */
type Values = Readonly<Record<string, number | boolean | string | null | undefined>>;

/**
 * The submitted values in a canonical form: a JSON object with its keys in ascending order (field codes are
 * ASCII), no whitespace, numbers and strings as JSON.stringify writes them, absent and empty fields left out.
 */
export function canonicalValues(values: Values): string {
  const entries = Object.keys(values)
    .filter((code) => values[code] !== undefined && values[code] !== null)
    .sort()
    .map((code) => `${JSON.stringify(code)}:${JSON.stringify(values[code])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 of the canonical values, in lowercase hex. */
export const valuesSha256 = (values: Values): string =>
  bytesToHex(sha256(utf8ToBytes(canonicalValues(values))));

/** The reference a unit quotes for one submission: year, unit, submission round and version. */
export const receiptReference = (r: {
  readonly year: number;
  readonly unitId: string;
  readonly submissions: number;
  readonly version: number;
}): string =>
  `BCCNTT-${r.year}-${r.unitId.toUpperCase()}-${String(r.submissions).padStart(2, '0')}-V${r.version}`;

export interface RankEntry {
  readonly unitId: string;
  readonly level: string;
  readonly total: number;
  readonly max: number;
  readonly share: number;
  readonly band: string;
}

export type RankedEntry = RankEntry & { readonly rank: number };

const NUMBERS_PER_ENTRY = 3;

/**
 * The province's ranking: the one part of the rollup that grows with the number of units, so it is held as
 * columns rather than one object per unit (about 70 bytes a unit instead of about 230): scores in a
 * Float64Array, levels and bands as indexes into the few distinct strings, and the unit ids.
 */
export class Ranking {
  private readonly unitIds: string[] = [];
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private numbers = new Float64Array(NUMBERS_PER_ENTRY * 1024);
  private codes = new Uint16Array(2 * 1024);
  private order: Uint32Array | undefined;
  private ranks: Uint32Array | undefined;

  get size(): number {
    return this.unitIds.length;
  }

  add(entry: RankEntry): void {
    if (this.order) throw new Error('The ranking is already ranked');
    const i = this.unitIds.length;
    if (NUMBERS_PER_ENTRY * (i + 1) > this.numbers.length) this.grow();
    this.unitIds.push(entry.unitId);
    const n = NUMBERS_PER_ENTRY * i;
    this.numbers[n] = entry.total;
    this.numbers[n + 1] = entry.max;
    this.numbers[n + 2] = entry.share;
    this.codes[2 * i] = this.label(entry.level);
    this.codes[2 * i + 1] = this.label(entry.band);
  }

  /**
   * Highest share of points first; equal shares share a rank (1, 2, 2, 4) and are listed by the higher total,
   * then by unit id, so the order never depends on the order units were added in.
   */
  rank(): void {
    const n = this.size;
    const share = (i: number) => this.numbers[NUMBERS_PER_ENTRY * i + 2] as number;
    const total = (i: number) => this.numbers[NUMBERS_PER_ENTRY * i] as number;
    const id = (i: number) => this.unitIds[i] as string;
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => share(b) - share(a) || total(b) - total(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
    );
    const ranks = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const same = k > 0 && share(order[k] as number) === share(order[k - 1] as number);
      ranks[k] = same ? (ranks[k - 1] as number) : k + 1;
    }
    this.order = order;
    this.ranks = ranks;
  }

  /** The k-th entry in rank order (0 is the top). */
  at(k: number): RankedEntry {
    if (!this.order || !this.ranks) throw new Error('rank() first');
    const i = this.order[k];
    if (i === undefined) throw new RangeError(`No ranking entry ${k}`);
    const n = NUMBERS_PER_ENTRY * i;
    return {
      unitId: this.unitIds[i] as string,
      level: this.labels[this.codes[2 * i] as number] as string,
      total: this.numbers[n] as number,
      max: this.numbers[n + 1] as number,
      share: this.numbers[n + 2] as number,
      band: this.labels[this.codes[2 * i + 1] as number] as string,
      rank: this.ranks[k] as number,
    };
  }

  /** The first `count` entries in rank order. */
  top(count: number): RankedEntry[] {
    return Array.from({ length: Math.min(count, this.size) }, (_, k) => this.at(k));
  }

  private label(value: string): number {
    let index = this.labelIndex.get(value);
    if (index === undefined) {
      index = this.labels.push(value) - 1;
      this.labelIndex.set(value, index);
    }
    return index;
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Uint16Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
  }
}

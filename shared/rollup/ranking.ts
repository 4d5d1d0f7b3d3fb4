export interface RankEntry {
  readonly unitId: string;
  readonly level: string;
  /** Points earned, unrounded. */
  readonly points: number;
  /** The maximum over the indicators that apply to the unit. */
  readonly applicableMax: number;
  readonly share: number;
  readonly band: string;
}

/** `rank` is within the unit's level; `score` is the share out of 100. */
export type RankedEntry = RankEntry & { readonly score: number; readonly rank: number };

const NUMBERS_PER_ENTRY = 3;

/**
 * The province's ranking, within each administrative level (a department and a commune face different
 * targets, so they are not ranked against each other): the one part of the rollup that grows with the number of units, so it is held as
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
    this.numbers[n] = entry.points;
    this.numbers[n + 1] = entry.applicableMax;
    this.numbers[n + 2] = entry.share;
    this.codes[2 * i] = this.label(entry.level);
    this.codes[2 * i + 1] = this.label(entry.band);
  }

  /**
   * Levels in the given order (others after, by id); within a level the highest share of points first. Equal
   * shares share a rank (1, 2, 2, 4) and are listed by the higher points, then by unit id, so the order never
   * depends on the order units were added in. Ranks start again at 1 in each level.
   */
  rank(levelOrder: readonly string[] = []): void {
    const n = this.size;
    const share = (i: number) => this.numbers[NUMBERS_PER_ENTRY * i + 2] as number;
    const points = (i: number) => this.numbers[NUMBERS_PER_ENTRY * i] as number;
    const id = (i: number) => this.unitIds[i] as string;
    const levelOf = (i: number) => this.codes[2 * i] as number;
    const position = this.labels.map((label) => {
      const k = levelOrder.indexOf(label);
      return k < 0 ? levelOrder.length : k;
    });
    const byLevel = (a: number, b: number) => {
      const la = levelOf(a);
      const lb = levelOf(b);
      if (la === lb) return 0;
      const pa = position[la] as number;
      const pb = position[lb] as number;
      if (pa !== pb) return pa - pb;
      const na = this.labels[la] as string;
      const nb = this.labels[lb] as string;
      return na < nb ? -1 : 1;
    };
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
      (a, b) =>
        byLevel(a, b) ||
        share(b) - share(a) ||
        points(b) - points(a) ||
        (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
    );
    const ranks = new Uint32Array(n);
    let first = 0;
    for (let k = 0; k < n; k++) {
      const here = order[k] as number;
      const prev = order[k - 1];
      if (k === 0 || levelOf(here) !== levelOf(prev as number)) first = k;
      const same = k > first && share(here) === share(prev as number);
      ranks[k] = same ? (ranks[k - 1] as number) : k - first + 1;
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
    const share = this.numbers[n + 2] as number;
    return {
      unitId: this.unitIds[i] as string,
      level: this.labels[this.codes[2 * i] as number] as string,
      points: this.numbers[n] as number,
      applicableMax: this.numbers[n + 1] as number,
      share,
      score: share * 100,
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

/**
 * The data model: one DynamoDB table, its keys and indexes, and every entity's key format. The CDK table, the
 * local table creation and the store code all read this; nothing else spells a key.
 */
export const dataModel = {
  tableNameEnv: 'TABLE_NAME',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /** The year's current reports, sharded so that a rollup reads segments in parallel. */
    byYear: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Collections and secondary look-ups: all units, all periods, a report's evidence. */
    byCollection: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
  yearShards: 8,
} as const;

export type IndexName = keyof typeof dataModel.indexes;

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Sort-key prefix of a report's evidence slots, beside the report in its partition. */
export const EVIDENCE_SLOT_PREFIX = '#EVIDENCE_SLOT#';

/** A stable shard for a unit, so that the same unit always lands in the same segment of a year. */
export function yearShardOf(unitId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i++) {
    h ^= unitId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % dataModel.yearShards;
}

export const keys = {
  unit: (unitId: string): ItemKey => ({ pk: `UNIT#${unitId}`, sk: '#UNIT' }),
  unitsCollection: () => ({ gsi2pk: 'UNITS' }),

  period: (year: number): ItemKey => ({ pk: `PERIOD#${year}`, sk: '#PERIOD' }),
  periodsCollection: () => ({ gsi2pk: 'PERIODS' }),

  report: (year: number, unitId: string): ItemKey => ({ pk: `REPORT#${year}#${unitId}`, sk: '#CURRENT' }),
  reportYearIndex: (year: number, unitId: string) => ({
    gsi1pk: keys.yearShard(year, yearShardOf(unitId)),
    gsi1sk: unitId,
  }),
  yearShard: (year: number, shard: number) => `YEAR#${year}#${shard}`,

  revision: (year: number, unitId: string, version: number): ItemKey => ({
    pk: `REPORT#${year}#${unitId}`,
    sk: `REV#${pad(version, 6)}`,
  }),
  revisionPrefix: 'REV#',

  evidence: (evidenceId: string): ItemKey => ({ pk: `EVIDENCE#${evidenceId}`, sk: '#EVIDENCE' }),
  evidenceCollection: (year: number, unitId: string) => ({ gsi2pk: `EVIDENCE#${year}#${unitId}` }),
  evidenceOfReport: (year: number, unitId: string, createdAt: string, evidenceId: string) => ({
    ...keys.evidenceCollection(year, unitId),
    gsi2sk: `${createdAt}#${evidenceId}`,
  }),

  /**
   * One of a report's evidence slots: the per-report limit is this many items, each held by one pending or
   * verified file, so a race for the last one is a conditional write on a single item.
   */
  evidenceSlot: (year: number, unitId: string, slot: number): ItemKey => ({
    pk: `REPORT#${year}#${unitId}`,
    sk: `${EVIDENCE_SLOT_PREFIX}${pad(slot, 3)}`,
  }),

  idempotency: (principal: string, key: string): ItemKey => ({ pk: `IDEM#${principal}#${key}`, sk: '#IDEM' }),

  auditHead: (year: number): ItemKey => ({ pk: `AUDIT#${year}`, sk: '#HEAD' }),
  auditEntry: (year: number, seq: number): ItemKey => ({ pk: `AUDIT#${year}`, sk: `ENTRY#${pad(seq, 10)}` }),

  rollupSummary: (year: number): ItemKey => ({ pk: `ROLLUP#${year}`, sk: '#SUMMARY' }),

  health: (): ItemKey => ({ pk: 'HEALTH', sk: '#HEALTH' }),
} as const;

/** Key schema in the shape both CreateTable and the CDK construct need. */
export function keyAttributes(): string[] {
  const names = new Set<string>([dataModel.partitionKey, dataModel.sortKey]);
  for (const ix of Object.values(dataModel.indexes)) {
    names.add(ix.partitionKey);
    names.add(ix.sortKey);
  }
  return [...names];
}

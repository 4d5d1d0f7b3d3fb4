import type { TargetSet } from './catalog/index.ts';
import type { AuditEntry, ChainHead } from './domain/auditChain.ts';
import type { EvidenceItem, EvidenceSlot } from './domain/evidence.ts';
import type { PeriodInput } from './contract/bodies.ts';
import { REMINDER_STATUSES, type Reminder } from './contract/reminders.ts';
import type { ReportState, Revision } from './domain/report.ts';
import type { PublishedRollup, RollupSummary } from './domain/rollupRun.ts';
import { attr, defineEntity } from './entity.ts';
import type { Level, Unit } from './hierarchy.ts';

/**
 * The data model: one DynamoDB table, its keys and indexes, and every entity's key format and codec. The CDK
 * table, the local table creation and the store code all read this; nothing else spells a key or an index.
 */
export const dataModel = {
  tableNameEnv: 'TABLE_NAME',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /**
     * Year-keyed partitions: the year's current reports, sharded so that a rollup reads segments in parallel,
     * and each unit's audit entries of the year in time order.
     */
    byYear: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * Collections and secondary look-ups: all periods, a report's evidence, a year's audit entries in time
     * order and its chain heads.
     */
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
  /*
   * The hierarchy lives in one partition, so that an edit reads all of it with a consistent Query and
   * conditions its write on the head's version: a GSI read could miss the edit that landed just before.
   */
  hierarchyHead: (): ItemKey => ({ pk: 'HIERARCHY', sk: '#HEAD' }),
  unit: (unitId: string): ItemKey => ({ pk: 'HIERARCHY', sk: `UNIT#${unitId}` }),
  hierarchyPartition: 'HIERARCHY',
  unitPrefix: 'UNIT#',

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

  /** One partition per chain of the audit log (domain/auditChain.ts): its head and its entries. */
  auditPartitionPrefix: 'AUDIT#',
  auditHead: (year: number, chain: string): ItemKey => ({ pk: `AUDIT#${year}#${chain}`, sk: '#HEAD' }),
  auditEntry: (year: number, chain: string, seq: number): ItemKey => ({
    pk: `AUDIT#${year}#${chain}`,
    sk: `ENTRY#${pad(seq, 10)}`,
  }),
  auditEntryPrefix: 'ENTRY#',
  /** Every chain head of a year, to anchor them all. */
  auditHeadsCollection: (year: number) => ({ gsi2pk: `AUDITHEADS#${year}` }),
  /** A year's entries in time order, whole or per unit; the sort key also orders entries of one instant. */
  auditLogCollection: (year: number) => ({ gsi2pk: `AUDITLOG#${year}` }),
  auditUnitCollection: (year: number, unitId: string) => ({ gsi1pk: `AUDITUNIT#${year}#${unitId}` }),
  auditSortKey: (at: string, chain: string, seq: number) => `${at}#${chain}#${pad(seq, 10)}`,

  rollupSummary: (year: number): ItemKey => ({ pk: `ROLLUP#${year}`, sk: '#SUMMARY' }),
  /** Every run of a year, kept as it last stood: run ids sort by start time, so the newest come first read back. */
  rollupRun: (year: number, runId: string): ItemKey => ({ pk: `ROLLUP#${year}`, sk: `RUN#${runId}` }),
  rollupRunPrefix: 'RUN#',
  /** The pointer to the year's published run. */
  rollupPublished: (year: number): ItemKey => ({ pk: `ROLLUP#${year}`, sk: '#PUBLISHED' }),

  /** A year's targets, weights and bands: the current set, and every version an admin made. */
  targetSetCurrent: (year: number): ItemKey => ({ pk: `TARGETS#${year}`, sk: '#CURRENT' }),
  targetSetVersion: (year: number, version: number): ItemKey => ({
    pk: `TARGETS#${year}`,
    sk: `V#${pad(version, 6)}`,
  }),

  /**
   * A year's reminders in one partition, a unit's together (`<unit>#<round>`), so that planning a round reads
   * them all in one Query; the outbox reads them newest first through the collection index.
   */
  reminder: (year: number, unitId: string, round: string): ItemKey => ({
    pk: `REMINDER#${year}`,
    sk: `${unitId}#${round}`,
  }),
  reminderPartition: (year: number) => `REMINDER#${year}`,
  remindersCollection: (year: number) => ({ gsi2pk: `REMINDERS#${year}` }),

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

/** A Query on one partition of an index, in the shape QueryCommand takes. */
function onIndex(index: IndexName, partition: string) {
  return {
    IndexName: index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': dataModel.indexes[index].partitionKey } as Record<string, string>,
    ExpressionAttributeValues: { ':pk': partition } as Record<string, unknown>,
  };
}

/** The index look-ups the store makes; add TableName (and any filter or projection) to run one. */
export const indexQueries = {
  evidenceOfReport: (year: number, unitId: string) =>
    onIndex('byCollection', keys.evidenceCollection(year, unitId).gsi2pk),
  yearShard: (year: number, shard: number) => onIndex('byYear', keys.yearShard(year, shard)),
  auditHeads: (year: number) => onIndex('byCollection', keys.auditHeadsCollection(year).gsi2pk),
  auditLog: (year: number) => onIndex('byCollection', keys.auditLogCollection(year).gsi2pk),
  auditOfUnit: (year: number, unitId: string) =>
    onIndex('byYear', keys.auditUnitCollection(year, unitId).gsi1pk),
  reminders: (year: number) => onIndex('byCollection', keys.remindersCollection(year).gsi2pk),
};

/** The units of the hierarchy: a Query on its one partition of the table, consistent when it asks to be. */
export const hierarchyUnitsQuery = () => ({
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
  ExpressionAttributeNames: { '#pk': dataModel.partitionKey, '#sk': dataModel.sortKey } as Record<
    string,
    string
  >,
  ExpressionAttributeValues: { ':pk': keys.hierarchyPartition, ':prefix': keys.unitPrefix } as Record<
    string,
    unknown
  >,
});

/** The hierarchy's head: the levels through time, and the version every edit conditions on and bumps. */
export interface HierarchyHead {
  readonly version: number;
  readonly levels: readonly Level[];
  readonly updatedBy?: string;
  readonly updatedAt?: string;
}

/** A period as stored: what the admin set, and who set it when. */
export interface StoredPeriod extends PeriodInput {
  readonly year: number;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** An idempotency claim as stored: the request's fingerprint and the outcome it got (see store/idempotency). */
export interface StoredClaim {
  readonly fingerprint: string;
  readonly result: {
    readonly status: number;
    readonly body?: unknown;
    readonly headers: Record<string, string>;
  };
}

export interface StoredAuditHead extends ChainHead {
  readonly year: number;
  readonly chain: string;
}

/** An entry as stored: always on a chain. */
export type StoredAuditEntry = AuditEntry & { readonly chain: string };

const collectionSort = dataModel.indexes.byCollection.sortKey;
const { string, number, boolean, list, map, optional } = attr;

const targetSetAttributes = {
  year: number,
  version: number,
  sources: list,
  indicators: map,
  bands: list,
  setBy: optional(string),
  setAt: optional(string),
};

const rollupSummaryAttributes = {
  year: number,
  status: string,
  runId: string,
  requestedBy: string,
  startedAt: string,
  finishedAt: optional(string),
  error: optional(string),
  counts: optional(map),
  catalogVersion: optional(string),
  targetSet: optional(string),
};

/** One codec per entity: its key, its index membership and its attributes. */
export const entities = {
  unit: defineEntity<Unit, 'unit'>({
    name: 'unit',
    key: (u) => keys.unit(u.id),
    attributes: {
      id: string,
      code: string,
      name: map,
      level: string,
      parentId: optional(string),
      reports: boolean,
      validFrom: string,
      validTo: optional(string),
      predecessors: optional(list),
      establishedBy: optional(string),
      endedBy: optional(string),
      contactEmail: optional(string),
    },
  }),

  hierarchyHead: defineEntity<HierarchyHead, 'hierarchyHead'>({
    name: 'hierarchyHead',
    key: () => keys.hierarchyHead(),
    attributes: {
      version: number,
      levels: list,
      updatedBy: optional(string),
      updatedAt: optional(string),
    },
  }),

  period: defineEntity<StoredPeriod, 'period'>({
    name: 'period',
    key: (p) => keys.period(p.year),
    indexes: (p) => ({ ...keys.periodsCollection(), [collectionSort]: String(p.year) }),
    attributes: {
      year: number,
      opensAt: string,
      deadline: string,
      lockExceptions: list,
      hierarchyAsOf: optional(string),
      reminderDaysBefore: optional(number),
      objectionWindowDays: optional(number),
      updatedBy: string,
      updatedAt: string,
    },
  }),

  report: defineEntity<ReportState, 'report'>({
    name: 'report',
    key: (r) => keys.report(r.year, r.unitId),
    indexes: (r) => keys.reportYearIndex(r.year, r.unitId),
    attributes: {
      year: number,
      unitId: string,
      status: string,
      version: number,
      values: map,
      verification: map,
      comments: list,
      submissions: number,
      firstSubmittedAt: optional(string),
      submittedAt: optional(string),
      submittedVersion: optional(number),
      late: boolean,
      acceptedAt: optional(string),
      createdAt: string,
      updatedAt: string,
      updatedBy: string,
      attestation: optional(map),
      evidenceByField: optional(map),
      documents: optional(map),
      preliminary: optional(map),
      objections: optional(map),
    },
  }),

  revision: defineEntity<Revision, 'revision'>({
    name: 'revision',
    key: (r) => keys.revision(r.year, r.unitId, r.version),
    attributes: {
      year: number,
      unitId: string,
      version: number,
      action: string,
      status: string,
      at: string,
      by: map,
      values: map,
      diff: list,
      comments: optional(list),
      verification: optional(map),
      documents: optional(map),
      objections: optional(map),
      attestation: optional(map),
    },
  }),

  evidence: defineEntity<EvidenceItem, 'evidence'>({
    name: 'evidence',
    key: (e) => keys.evidence(e.evidenceId),
    indexes: (e) => keys.evidenceOfReport(e.year, e.unitId, e.createdAt, e.evidenceId),
    attributes: {
      evidenceId: string,
      year: number,
      unitId: string,
      status: string,
      objectKey: string,
      uploadedBy: string,
      createdAt: string,
      fileName: string,
      contentType: string,
      size: number,
      sha256: string,
      fields: list,
      document: map,
      verifiedAt: optional(string),
      versionId: optional(string),
      slot: optional(number),
      pendingUntil: optional(string),
      rejectedReason: optional(map),
      rejectedAt: optional(string),
      withdrawnAt: optional(string),
      purpose: optional(string),
      signed: optional(boolean),
      parts: optional(list),
      uploadId: optional(string),
    },
  }),

  /** Who holds one of a report's evidence slots; a pending holder's slot also carries the TTL it lapses at. */
  evidenceSlot: defineEntity<Omit<EvidenceSlot, 'lapsesAt'>, 'evidenceSlot'>({
    name: 'evidenceSlot',
    key: (s) => keys.evidenceSlot(s.year, s.unitId, s.slot),
    attributes: {
      year: number,
      unitId: string,
      slot: number,
      evidenceId: string,
      holds: attr.oneOf(['pending', 'verified'] as const),
      sha256: optional(string),
      fields: optional(list),
    },
  }),

  /** Keyed by the caller's principal and Idempotency-Key, which the claim carries: encode with that key. */
  idempotency: defineEntity<StoredClaim, 'idempotency'>({
    name: 'idempotency',
    attributes: { fingerprint: string, result: map },
  }),

  /** A chain's head, keyed by the year and chain it stores. */
  auditHead: defineEntity<StoredAuditHead, 'auditHead'>({
    name: 'auditHead',
    key: (h) => keys.auditHead(h.year, h.chain),
    indexes: (h) => ({ ...keys.auditHeadsCollection(h.year), [collectionSort]: h.chain }),
    attributes: { year: number, chain: string, seq: number, hash: string },
  }),

  auditEntry: defineEntity<StoredAuditEntry, 'auditEntry'>({
    name: 'auditEntry',
    key: (e) => keys.auditEntry(e.year, e.chain, e.seq),
    indexes: (e) => {
      const sort = keys.auditSortKey(e.at, e.chain, e.seq);
      return {
        ...keys.auditLogCollection(e.year),
        [collectionSort]: sort,
        ...keys.auditUnitCollection(e.year, e.unitId),
        [dataModel.indexes.byYear.sortKey]: sort,
      };
    },
    attributes: {
      chain: string,
      year: number,
      at: string,
      actor: map,
      action: string,
      unitId: string,
      object: optional(string),
      evidenceId: optional(string),
      sourceIp: string,
      forwardedFor: optional(string),
      details: optional(map),
      seq: number,
      prevHash: string,
      hash: string,
    },
  }),

  rollupPublished: defineEntity<PublishedRollup, 'rollupPublished'>({
    name: 'rollupPublished',
    key: (p) => keys.rollupPublished(p.year),
    attributes: { year: number, runId: string, publishedAt: string },
  }),

  rollupSummary: defineEntity<RollupSummary, 'rollup'>({
    name: 'rollup',
    key: (r) => keys.rollupSummary(r.year),
    attributes: rollupSummaryAttributes,
  }),

  /** One run's summary as it last stood, beside the year's current one: the list of past runs. */
  rollupRun: defineEntity<RollupSummary, 'rollupRun'>({
    name: 'rollupRun',
    key: (r) => keys.rollupRun(r.year, r.runId),
    attributes: rollupSummaryAttributes,
  }),

  /** One reminder to one unit in one round; the collection index orders the year's by when they were written. */
  reminder: defineEntity<Reminder, 'reminder'>({
    name: 'reminder',
    key: (r) => keys.reminder(r.year, r.unitId, r.round),
    indexes: (r) => ({ ...keys.remindersCollection(r.year), [collectionSort]: `${r.createdAt}#${r.unitId}` }),
    attributes: {
      year: number,
      unitId: string,
      round: string,
      kind: attr.oneOf(['scheduled', 'manual'] as const),
      status: attr.oneOf(REMINDER_STATUSES),
      to: optional(string),
      subject: string,
      text: string,
      deadline: string,
      requestedBy: string,
      createdAt: string,
      sentAt: optional(string),
      messageId: optional(string),
      error: optional(string),
    },
  }),

  /** The year's current targets, weights and bands (the version an admin last made), read by the rollup. */
  targetSet: defineEntity<TargetSet, 'targetSet'>({
    name: 'targetSet',
    key: (t) => keys.targetSetCurrent(t.year),
    attributes: targetSetAttributes,
  }),

  /** Every version, kept as it was made. */
  targetSetVersion: defineEntity<TargetSet, 'targetSetVersion'>({
    name: 'targetSetVersion',
    key: (t) => keys.targetSetVersion(t.year, t.version),
    attributes: targetSetAttributes,
  }),
} as const;

import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '#shared/domain/evidence';
import { emptyReport, type ReportState, type Revision } from '#shared/domain/report';
import { attr, defineEntity, MalformedItemError, type Attributes } from '#shared/entity';
import type { Unit } from '#shared/hierarchy';
import {
  dataModel,
  entities,
  keys,
  yearShardOf,
  type StoredAuditEntry,
  type StoredPeriod,
} from '#shared/model';

const unit: Unit = {
  id: 'hn-so-tttt',
  code: 'HN01',
  name: { vi: 'Sở', en: 'Department' },
  level: 'province',
  reports: true,
  validFrom: '2014-01-01',
};
const report: ReportState = {
  ...emptyReport(2025, unit.id),
  status: 'submitted',
  version: 3,
  values: { staff_total: 40 },
  submissions: 1,
  firstSubmittedAt: '2025-03-02T00:00:00.000Z',
  submittedAt: '2025-03-02T00:00:00.000Z',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-02T00:00:00.000Z',
  updatedBy: 'agency-user',
};
const revision: Revision = {
  year: 2025,
  unitId: unit.id,
  version: 3,
  action: 'submit',
  status: 'submitted',
  at: '2025-03-02T00:00:00.000Z',
  by: { sub: 'agency-user', role: 'agency' },
  values: { staff_total: 40 },
  diff: [],
};
const evidence: EvidenceItem = {
  evidenceId: 'ev1',
  year: 2025,
  unitId: unit.id,
  status: 'pending',
  objectKey: 'evidence/2025/hn-so-tttt/ev1',
  uploadedBy: 'agency-user',
  createdAt: '2025-03-01T00:00:00.000Z',
  fileName: 'quy-che.pdf',
  contentType: 'application/pdf',
  size: 1234,
  sha256: 'A'.repeat(43) + '=',
  fields: ['staff_total'],
  document: { title: 'Quy chế' },
};
const period: StoredPeriod = {
  year: 2025,
  opensAt: '2025-01-01T00:00:00+07:00',
  deadline: '2026-02-01T00:00:00+07:00',
  lockExceptions: [],
  updatedBy: 'admin-user',
  updatedAt: '2025-01-01T00:00:00Z',
};
const auditEntry: StoredAuditEntry = {
  chain: `${unit.id}#review#0`,
  year: 2025,
  at: '2025-03-02T00:00:00.000Z',
  actor: { sub: 'auditor-user', role: 'auditor' },
  action: 'review.accept',
  unitId: unit.id,
  sourceIp: '127.0.0.1',
  seq: 1,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('entity codecs', () => {
  it('a unit round-trips, keyed in the hierarchy’s partition, with its dates and predecessors', () => {
    const item = entities.unit.encode(unit);
    expect(item).toMatchObject({ ...keys.unit(unit.id), entity: 'unit' });
    expect(item.pk).toBe(keys.hierarchyPartition);
    expect(entities.unit.decode(item)).toEqual(unit);
    const merged: Unit = {
      ...unit,
      id: 'xa-moi',
      validFrom: '2025-07-01',
      predecessors: [{ unitId: 'xa-cu', change: 'merge' }],
      establishedBy: 'NQ 1661',
    };
    expect(entities.unit.decode(entities.unit.encode(merged))).toEqual(merged);
  });

  it('a report round-trips, keyed and in its shard of the year index', () => {
    const item = entities.report.encode(report);
    expect(item).toMatchObject({ ...keys.report(2025, unit.id), ...keys.reportYearIndex(2025, unit.id) });
    expect(item[dataModel.indexes.byYear.partitionKey]).toBe(keys.yearShard(2025, yearShardOf(unit.id)));
    expect(entities.report.decode(item)).toEqual(report);
  });

  it('a revision, an evidence item, a period and an audit entry round-trip', () => {
    expect(entities.revision.decode(entities.revision.encode(revision))).toEqual(revision);
    const evidenceItem = entities.evidence.encode(evidence, { expiresAt: 1 });
    expect(evidenceItem).toMatchObject(keys.evidenceOfReport(2025, unit.id, evidence.createdAt, 'ev1'));
    expect(entities.evidence.decode(evidenceItem)).toEqual(evidence);
    expect(entities.period.decode(entities.period.encode(period))).toEqual(period);
    expect(entities.auditEntry.encode(auditEntry)).toMatchObject({
      ...keys.auditEntry(2025, auditEntry.chain, 1),
      ...keys.auditLogCollection(2025),
      ...keys.auditUnitCollection(2025, unit.id),
      gsi1sk: keys.auditSortKey(auditEntry.at, auditEntry.chain, 1),
      gsi2sk: keys.auditSortKey(auditEntry.at, auditEntry.chain, 1),
    });
    expect(entities.auditEntry.decode(entities.auditEntry.encode(auditEntry))).toEqual(auditEntry);
  });

  it('an audit head is keyed by its chain and listed among the year’s heads', () => {
    const head = { year: 2025, chain: auditEntry.chain, seq: 4, hash: 'a'.repeat(64) };
    const item = entities.auditHead.encode(head);
    expect(item).toMatchObject({
      ...keys.auditHead(2025, head.chain),
      ...keys.auditHeadsCollection(2025),
      gsi2sk: head.chain,
    });
    expect(entities.auditHead.decode(item)).toEqual(head);
  });

  it('an entity keyed from outside takes its key with the value', () => {
    const claim = { fingerprint: 'f'.repeat(64), result: { status: 200, headers: {} } };
    const item = entities.idempotency.encode(claim, keys.idempotency('agency-user', 'key-1'));
    expect(item).toMatchObject(keys.idempotency('agency-user', 'key-1'));
    expect(entities.idempotency.decode(item)).toEqual(claim);
    expect(() => entities.idempotency.encode(claim)).toThrow(MalformedItemError);
  });

  it('decoding leaves keys, index keys, the TTL and undeclared attributes behind', () => {
    const decoded = entities.evidence.decode({
      ...entities.evidence.encode(evidence, { expiresAt: 1 }),
      stray: 'x',
    });
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(evidence).sort());
  });

  it('a projected item decodes to the attributes asked for', () => {
    const item = { version: 3, action: 'submit', status: 'submitted', at: revision.at, by: revision.by };
    expect(entities.revision.decodeSome(item, ['version', 'action', 'status', 'at', 'by'])).toEqual(item);
    expect(() => entities.revision.decodeSome({ ...item, version: '3' }, ['version'])).toThrow(/version/);
  });
});

describe('a malformed item is refused with a clear error, not cast', () => {
  const item = entities.report.encode(report);
  const refused = (bad: Record<string, unknown>) => {
    try {
      entities.report.decode(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedItemError);
      return (error as Error).message;
    }
    throw new Error('decoded a malformed item');
  };

  it('names a missing attribute and the item it is missing from', () => {
    const { version: _v, ...missing } = item;
    const message = refused(missing);
    expect(message).toContain('version');
    expect(message).toContain(keys.report(2025, unit.id).pk);
  });

  it('names an attribute of the wrong kind', () => {
    expect(refused({ ...item, values: [] })).toContain('values');
    expect(refused({ ...item, late: 'no' })).toContain('late');
    expect(refused({ ...item, submittedAt: 7 })).toContain('submittedAt');
  });

  it('refuses an item of another entity', () => {
    expect(refused(entities.revision.encode(revision))).toContain('entity');
    expect(refused({ ...item, entity: undefined })).toContain('entity');
  });

  it('refuses a value outside an attribute’s allowed values', () => {
    // Levels are data now (docs/hierarchy.md), so the allowed values are shown on an entity of the test's own.
    const shape = defineEntity<{ kind: string }, 'shape'>({
      name: 'shape',
      key: () => ({ pk: 'SHAPE', sk: '#SHAPE' }),
      attributes: { kind: attr.oneOf(['merge', 'split'] as const) },
    });
    expect(() => shape.decode({ ...shape.encode({ kind: 'merge' }), kind: 'galaxy' })).toThrow(/kind/);
    expect(() => entities.unit.decode({ ...entities.unit.encode(unit), level: 7 })).toThrow(/level/);
  });

  it('refuses to encode a value that breaks its declaration', () => {
    expect(() => entities.unit.encode({ ...unit, reports: 'yes' } as unknown as Unit)).toThrow(/reports/);
  });
});

describe('declarations are checked against the domain type', () => {
  it('every attribute is declared, of its kind, optional exactly where the type is', () => {
    interface Thing {
      readonly name: string;
      readonly count?: number;
    }
    const ok = defineEntity<Thing, 'thing'>({
      name: 'thing',
      attributes: { name: attr.string, count: attr.optional(attr.number) },
    });
    expect(ok.name).toBe('thing');
    // @ts-expect-error count is not declared
    const missing: Attributes<Thing> = { name: attr.string };
    // @ts-expect-error count is optional in Thing
    const required: Attributes<Thing> = { name: attr.string, count: attr.number };
    const wrongKind: Attributes<Thing> = {
      // @ts-expect-error name is a string, not a number
      name: attr.number,
      count: attr.optional(attr.number),
    };
    expect([missing, required, wrongKind]).toHaveLength(3);
  });
});

import { toJSONSchema } from 'zod';
import type { core } from 'zod';
import { catalogJsonSchema, exampleValues, type Catalog } from '../catalog/index.ts';
import type { RouteId } from '../contract/routes.ts';
import { periodSchema, remindBody, reorganizationBody, unitsBody } from '../contract/bodies.ts';
import { acceptBody, returnBody, submitBody, verificationBody } from '../contract/reportBodies.ts';
import { documentDecisionBody, objectionAnswerBody, objectionBody } from '../contract/reviewBodies.ts';
import { parseObjectionAnswer, parseObjections } from './reviewContracts.ts';
import { parseDraftValues, parseReturn, parseSubmission, parseVerification } from './contracts.ts';
import { declarationSchema, EVIDENCE_MAX_BYTES } from '../contract/evidence.ts';
import { targetSetBody } from '../contract/bodies.ts';
import { parseTargetSet } from './targetSetBody.ts';
import { parseWith } from './zodIssues.ts';

/**
 * For each route that takes a body: its JSON Schema, a complete valid example, and the very parser the
 * handler uses. The OpenAPI document is built from this, and a test runs every example through its parser.
 */
export interface RequestContract {
  schema(catalog: Catalog): object;
  example(catalog: Catalog): unknown;
  parse(catalog: Catalog, body: unknown): unknown;
}

const jsonSchemaOf = (schema: core.$ZodType) => toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const firstField = (catalog: Catalog, type?: string) =>
  (catalog.fields.find((f) => !type || f.type === type) ?? catalog.fields[0])!.code;

/** A reorganization, as saved or previewed: the same body either way. */
const reorganizationContract: RequestContract = {
  schema: () => jsonSchemaOf(reorganizationBody),
  example: () => ({
    date: '2025-07-01',
    document: 'Nghị quyết 1661/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội',
    changes: [
      {
        kind: 'merge',
        from: ['tt-muong-ang', 'xa-ang-nua', 'xa-ang-cang'],
        into: {
          id: 'xa-muong-ang',
          code: '11.X.MUONG-ANG',
          name: { vi: 'UBND xã Mường Ảng', en: 'Mường Ảng Commune People’s Committee' },
          level: 'commune',
          parentId: 'dien-bien',
          reports: true,
        },
      },
      { kind: 'retire', unitId: 'muong-ang' },
    ],
  }),
  parse: (_catalog, body) => parseWith(reorganizationBody, body),
};

export const requestContracts: Partial<Record<RouteId, RequestContract>> = {
  declareEvidence: {
    schema: () => jsonSchemaOf(declarationSchema(EVIDENCE_MAX_BYTES)),
    example: (catalog) => ({
      fileName: 'Quyết định 12-QĐ-STTTT ban hành quy chế an toàn thông tin.pdf',
      contentType: 'application/pdf',
      size: 184_320,
      sha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      fields: [catalog.fields.find((f) => f.evidence.rule !== 'none')?.code ?? firstField(catalog)],
      document: {
        number: '12/QĐ-STTTT',
        title: 'Quy chế bảo đảm an toàn thông tin mạng',
        issuedOn: `${catalog.year}-03-15`,
        summary:
          'Quy định trách nhiệm bảo đảm an toàn thông tin của cơ quan. / The agency’s information security rules.',
      },
    }),
    parse: (_catalog, body) => parseWith(declarationSchema(EVIDENCE_MAX_BYTES), body),
  },
  saveMyReport: {
    schema: (catalog) => ({
      type: 'object',
      additionalProperties: false,
      required: ['values'],
      properties: { values: catalogJsonSchema(catalog) },
    }),
    example: (catalog) => ({ values: exampleValues(catalog) }),
    parse: parseDraftValues,
  },
  putVerification: {
    schema: () => jsonSchemaOf(verificationBody),
    example: (catalog) => ({
      fields: {
        [firstField(catalog, 'integer')]: {
          value: exampleValues(catalog)[firstField(catalog, 'integer')] ?? 0,
          comment: 'Đã đối chiếu với sổ theo dõi tài sản / Checked against the asset register',
        },
      },
    }),
    parse: parseVerification,
  },
  returnReport: {
    schema: () => jsonSchemaOf(returnBody),
    example: (catalog) => ({
      comments: [
        {
          field: firstField(catalog),
          text: 'Số liệu chưa khớp với biên bản kiểm tra; đề nghị rà soát lại. / Does not match the inspection record.',
        },
      ],
    }),
    parse: parseReturn,
  },
  acceptReport: {
    schema: () => jsonSchemaOf(acceptBody),
    example: () => ({ comment: 'Báo cáo đầy đủ, số liệu đã được xác minh. / Complete and verified.' }),
    parse: (_catalog, body) => parseWith(acceptBody, body),
  },
  submitMyReport: {
    schema: () => jsonSchemaOf(submitBody),
    example: () => ({
      head: { name: 'Nguyễn Văn An', title: 'Giám đốc Sở Khoa học và Công nghệ' },
      attest: true,
    }),
    parse: (_catalog, body) => parseSubmission(body),
  },
  decideEvidence: {
    schema: () => jsonSchemaOf(documentDecisionBody),
    example: () => ({
      verdict: 'rejected',
      reason: 'Quyết định không phải của năm báo cáo / The decision is not of the reporting year',
    }),
    parse: (_catalog, body) => parseWith(documentDecisionBody, body),
  },
  objectToPreliminary: {
    schema: () => jsonSchemaOf(objectionBody),
    example: (catalog) => ({
      objections: [
        {
          field: firstField(catalog, 'integer'),
          explanation: 'Số liệu theo danh sách kèm theo / The figure follows the attached list',
          evidenceIds: [],
        },
      ],
    }),
    parse: parseObjections,
  },
  answerObjection: {
    schema: () => jsonSchemaOf(objectionAnswerBody),
    example: () => ({
      verdict: 'dismissed',
      reason: 'Không có tài liệu chứng minh / No supporting document',
    }),
    // The field is the path's; any field of the catalog makes the example's parse meaningful.
    parse: (catalog, body) => parseObjectionAnswer(catalog, firstField(catalog), body),
  },
  putPeriod: {
    schema: () => jsonSchemaOf(periodSchema),
    example: (catalog) => ({
      opensAt: `${catalog.year}-01-01T00:00:00+07:00`,
      deadline: `${catalog.year + 1}-02-01T00:00:00+07:00`,
      lockExceptions: [
        {
          unitId: 'xa-ang-nua',
          until: `${catalog.year + 1}-02-15T00:00:00+07:00`,
          reason: 'Mất điện kéo dài / Prolonged power outage',
        },
      ],
      reminderDaysBefore: 7,
      objectionWindowDays: 7,
    }),
    parse: (_catalog, body) => parseWith(periodSchema, body),
  },
  putTargets: {
    schema: () => jsonSchemaOf(targetSetBody),
    example: (catalog) => ({
      indicators: {
        email_regular_pct: { targets: { commune: { value: 35, source: 'system-default' } } },
        staff_trained_pct: { maxPoints: { value: 10, source: 'system-default' } },
      },
      bands: catalog.bands.map((b) => ({
        id: b.id,
        minShare: b.minShare,
        source: b.source ?? 'system-default',
      })),
    }),
    parse: (catalog, body) => parseTargetSet(catalog, body),
  },
  putUnits: {
    schema: () => jsonSchemaOf(unitsBody),
    example: () => ({
      units: [
        {
          id: 'xa-ang-cang',
          code: '03265',
          name: { vi: 'UBND xã Ẳng Cang', en: 'Ẳng Cang Commune People’s Committee' },
          level: 'commune',
          parentId: 'muong-ang',
          reports: true,
          validFrom: '2014-01-01',
          contactEmail: 'vanthu@angcang.muongang.dienbien.gov.vn',
        },
      ],
    }),
    parse: (_catalog, body) => parseWith(unitsBody, body),
  },
  remindUnits: {
    schema: () => jsonSchemaOf(remindBody),
    example: () => ({ unitIds: ['xa-ang-nua', 'xa-ang-cang'] }),
    parse: (_catalog, body) => parseWith(remindBody, body),
  },
  reorganizeUnits: reorganizationContract,
  previewReorganization: reorganizationContract,
};

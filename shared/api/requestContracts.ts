import { toJSONSchema } from 'zod';
import type { core } from 'zod';
import { catalogJsonSchema, exampleValues, type Catalog } from '../catalog/index.ts';
import type { RouteId } from '../contract/routes.ts';
import {
  acceptBody,
  parseDraftValues,
  parseReturn,
  parseVerification,
  periodBody,
  returnBody,
  unitsBody,
  verificationBody,
} from './contracts.ts';
import { declarationSchema } from '../contract/evidence.ts';
import { parseWith } from './zodIssues.ts';

/** The per-file limit the OpenAPI document states; the function reads its own from EVIDENCE_MAX_BYTES. */
const DOCUMENTED_MAX_BYTES = 50 * 1024 * 1024;

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

export const requestContracts: Partial<Record<RouteId, RequestContract>> = {
  declareEvidence: {
    schema: () => jsonSchemaOf(declarationSchema(DOCUMENTED_MAX_BYTES)),
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
    parse: (_catalog, body) => parseWith(declarationSchema(DOCUMENTED_MAX_BYTES), body),
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
  putPeriod: {
    schema: () => jsonSchemaOf(periodBody),
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
    }),
    parse: (_catalog, body) => parseWith(periodBody, body),
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
        },
      ],
    }),
    parse: (_catalog, body) => parseWith(unitsBody, body),
  },
};

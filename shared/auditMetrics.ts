import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

import { AUDIT_METRICS } from './domain/auditChain.ts';

const metrics = new Metrics({ namespace: AUDIT_METRICS.namespace, serviceName: AUDIT_METRICS.service });

/**
 * Emits the outcome of a verification as CloudWatch metrics (embedded metric format, written to the log):
 * the number of chains checked and of chains that failed, so that one failure raises the alarm.
 */
export function reportAuditVerification(checked: number, failed: number): void {
  metrics.addMetric(AUDIT_METRICS.chainsChecked, MetricUnit.Count, checked);
  metrics.addMetric(AUDIT_METRICS.verificationFailed, MetricUnit.Count, failed);
  metrics.publishStoredMetrics();
}

import type { OperationSpec } from '../../shared/spec';

export const aNumberReportOperations: OperationSpec[] = [];

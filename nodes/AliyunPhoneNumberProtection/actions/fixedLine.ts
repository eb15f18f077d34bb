import type { OperationSpec } from '../../shared/spec';

export const fixedLineOperations: OperationSpec[] = [];

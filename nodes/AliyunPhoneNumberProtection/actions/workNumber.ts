import type { OperationSpec } from '../../shared/spec';

export const workNumberOperations: OperationSpec[] = [];

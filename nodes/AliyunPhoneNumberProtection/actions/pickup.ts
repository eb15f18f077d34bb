import type { OperationSpec } from '../../shared/spec';

export const pickupOperations: OperationSpec[] = [];

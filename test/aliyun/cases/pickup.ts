import type { BadRow, CaseFactory } from './shared';

export const pickupCases: CaseFactory = () => ({});

export const pickupBadRows: BadRow[] = [];

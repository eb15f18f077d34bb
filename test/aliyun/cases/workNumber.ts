import type { BadRow, CaseFactory } from './shared';

export const workNumberCases: CaseFactory = () => ({});

export const workNumberBadRows: BadRow[] = [];

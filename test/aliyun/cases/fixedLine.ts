import type { BadRow, CaseFactory } from './shared';

export const fixedLineCases: CaseFactory = () => ({});

export const fixedLineBadRows: BadRow[] = [];

import type { BadRow, CaseFactory } from './shared';

export const aNumberReportCases: CaseFactory = () => ({});

export const aNumberReportBadRows: BadRow[] = [];

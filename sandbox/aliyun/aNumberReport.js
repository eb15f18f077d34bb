'use strict';
/* A-number real-name reporting (A号码报备) and its OSS upload policy. */

/** Action → { required, qps, envelope } (see index.js). */
const aNumberReportActions = {};

/** Action → (params, ctx) → response fields. */
const aNumberReportHandlers = {};

module.exports = { aNumberReportActions, aNumberReportHandlers };

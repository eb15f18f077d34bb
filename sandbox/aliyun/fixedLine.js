'use strict';
/* The fixed-line (固话) family. */

/** Action → { required, qps, envelope } (see index.js). */
const fixedLineActions = {};

/** Action → (params, ctx) → response fields. */
const fixedLineHandlers = {};

module.exports = { fixedLineActions, fixedLineHandlers };

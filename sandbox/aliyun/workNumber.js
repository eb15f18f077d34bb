'use strict';
/* The work-number (工作号, XB) family. */

/** Action → { required, qps, envelope } (see index.js). */
const workNumberActions = {};

/** Action → (params, ctx) → response fields. */
const workNumberHandlers = {};

module.exports = { workNumberActions, workNumberHandlers };

'use strict';
/* Logistics pickup (CreatePickUpWaybill …). */

/** Action → { required, qps, envelope } (see index.js). */
const pickupActions = {};

/** Action → (params, ctx) → response fields. */
const pickupHandlers = {};

module.exports = { pickupActions, pickupHandlers };

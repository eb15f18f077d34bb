'use strict';
/** A TestCredentialsHelper that counts the credential reads (getDecrypted: what every getCredentials ends in). */
const { TestCredentialsHelper } = require('./engine');

class CountingCredentialsHelper extends TestCredentialsHelper {
	constructor(credentialTypes, data) {
		super(credentialTypes, data);
		this.reads = {};
	}
	async getDecrypted(additional, nodeCredentials, type, ...rest) {
		this.reads[type] = (this.reads[type] ?? 0) + 1;
		return await super.getDecrypted(additional, nodeCredentials, type, ...rest);
	}
}

module.exports = { CountingCredentialsHelper };

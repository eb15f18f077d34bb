import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type JsonObject,
} from 'n8n-workflow';
import { redactorFor } from '../shared/executor';
import { networkFailure, type SendOutcome } from '../shared/provider';
import { groupsOf, nxProvider, nxSend, PAGE_SIZE } from './transport';

/** "From List" of the Group pickers: the account's number groups (listGroup), filtered by name or ID. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Math.max(0, Number(paginationToken ?? 0) || 0);
	let outcome: SendOutcome;
	try {
		outcome = await nxSend(this, 'listGroup', '', { limit: PAGE_SIZE, offset }, 30000);
	} catch (error) {
		outcome = { ok: false, failure: networkFailure(error) };
	}
	if (!outcome.ok) {
		const { failure } = outcome;
		const redactor = await redactorFor(this, nxProvider);
		throw redactor.error(
			new NodeApiError(
				this.getNode(),
				{
					code: failure.code,
					message: failure.message,
					requestId: failure.requestId ?? null,
				} as JsonObject,
				{
					message: `${failure.code}: ${failure.message}`,
					description: failure.requestId ? `RequestId: ${failure.requestId}` : undefined,
				},
			),
		);
	}
	const groups = groupsOf(outcome.body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = groups
		.map((group: IDataObject) => {
			const id = String(group.groupId ?? '');
			const name = String(group.groupName ?? '');
			return { name: name && name !== id ? `${name} (${id})` : id, value: id };
		})
		.filter((entry) => entry.value && (!needle || entry.name.toLowerCase().includes(needle)));
	return {
		results,
		paginationToken: groups.length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
	};
}

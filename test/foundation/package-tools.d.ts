export const ROOT: string;
export function build(): void;
export function stagePackage(name: string): { base: string; dir: string; cleanup(): void };
export function buildAndStage(name: string): { base: string; dir: string; cleanup(): void };
export function packFiles(): string[];
export const files: {
	join(...parts: string[]): string;
	exists(path: string): boolean;
	read(path: string): string;
	readJson<T = unknown>(path: string): T;
};

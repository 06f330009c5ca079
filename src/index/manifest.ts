// The manifest says what a saved index was built from, so a stale or damaged one is never used.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkSettings } from './chunks.ts';

/** 4: flat vector stores (vectors.f32) below a size, HNSW above; saved restatement links (repeats.i32). */
export const INDEX_FORMAT = 4;
export const MANIFEST_FILE = 'manifest.json';

export interface StoreEntry {
  /** Sub-directory of the store, e.g. "lexical". */
  name: string;
  embedderId: string;
  /** flat: vectors.f32 scanned exactly; hnsw: hnswlib.index. */
  kind: 'flat' | 'hnsw';
  dimensions: number;
  chunks: number;
  /** sha256 of each saved file: a damaged file is found before the native reader sees it. */
  files: Record<string, string>;
}

export interface Manifest {
  format: number;
  articleId: string;
  articleHash: string;
  chunking: ChunkSettings;
  stores: StoreEntry[];
  /** sha256 of the index's own files beside the stores (repeats.i32). */
  files: Record<string, string>;
  builtAt: string;
}

export async function readManifest(directory: string): Promise<Manifest | undefined> {
  let raw: string;
  try {
    raw = await readFile(join(directory, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(raw) as Partial<Manifest>; // a syntax error means corrupt: the caller rebuilds
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.stores)) throw new Error('manifest.json has no stores.');
  return parsed as Manifest;
}

export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  // written last and renamed into place, so a half-written index never looks complete
  const temporary = join(directory, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(manifest, null, 2));
  await rename(temporary, join(directory, MANIFEST_FILE));
}

export async function hashFiles(directory: string, names: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    names.map(async (name) => [name, createHash('sha256').update(await readFile(join(directory, name))).digest('hex')] as const),
  );
  return Object.fromEntries(entries);
}

/** Why a manifest cannot be used for the wanted index, or undefined when it can. */
export function staleReason(
  manifest: Manifest,
  wanted: { articleHash: string; chunking: ChunkSettings; stores: { name: string; embedderId: string }[] },
): string | undefined {
  if (manifest.format !== INDEX_FORMAT) return `index format ${manifest.format} is not ${INDEX_FORMAT}`;
  if (manifest.articleHash !== wanted.articleHash) return 'the article text changed';
  if (manifest.chunking?.size !== wanted.chunking.size || manifest.chunking?.stride !== wanted.chunking.stride) {
    return 'the chunk settings changed';
  }
  for (const store of wanted.stores) {
    const saved = manifest.stores.find((s) => s.name === store.name);
    if (!saved) return `the ${store.name} store is missing`;
    if (saved.embedderId !== store.embedderId) return `the ${store.name} embedder changed`;
  }
  return undefined;
}

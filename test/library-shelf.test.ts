// The shelf's handling of a just-added article: answerable at once from a quick index, replaced by the full
// index when that is made, never made twice, and not brought back after a removal. The full index here is a
// real index held back until the test lets it finish (it stands for the seconds a neural embedder takes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArticleIndex, type ArticleIndex } from '../src/index/article-index.ts';
import { openLibrary } from '../src/library/library.ts';
import { createShelf } from '../src/library/shelf.ts';
import type { Article } from '../src/text/article.ts';

const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WHEAT = 'القمح في مصر\nارتفعت أسعار القمح في مصر بنسبة 12 في المئة هذا الشهر بسبب الجفاف.\n';

/** A full opener whose indexes finish only when `release()` is called; counts how many it was asked for. */
function heldBack() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const opener = {
    calls: 0,
    release,
    open: async (article: Article): Promise<ArticleIndex> => {
      opener.calls++;
      await gate;
      return openArticleIndex(article, { persist: false });
    },
  };
  return opener;
}
const quick = (article: Article) => openArticleIndex(article, { persist: false });

async function shelfWithWheat(name: string) {
  const library = await openLibrary({ dataDir: join(dir, name), seedArticlePath: 'articles/xi-putin-visit.ar.txt' });
  const { entry } = await (await library.guild('')).addText(WHEAT);
  const full = heldBack();
  return { library, entry, full, shelf: createShelf(library, full.open, quick) };
}

describe('a just-added article on the shelf', () => {
  it('answers from the quick index at once, and from the full index once it is made, which is made once', async () => {
    const { library, entry, full, shelf } = await shelfWithWheat('swap');
    const added = await shelf.openNew('', entry.id);
    expect(added.full).toBeDefined();
    expect(added.now.index.article.text).toBe(WHEAT);
    expect((await shelf.open('', entry.id)).index).toBe(added.now.index); // still the quick one

    const done = await Promise.race([added.full!.then(() => 'done'), new Promise((r) => setTimeout(r, 50, 'waiting'))]);
    expect(done).toBe('waiting');
    full.release();
    const { index } = await added.full!;
    expect(index).not.toBe(added.now.index);
    expect((await shelf.open('', entry.id)).index).toBe(index);
    expect(full.calls).toBe(1);
    await library.close();
  });

  it('makes the full index once when the same article is added twice while it is being made', async () => {
    const { library, entry, full, shelf } = await shelfWithWheat('again');
    const added = await shelf.openNew('', entry.id);
    const second = await shelf.openNew('', entry.id); // added twice in a row: the same build
    expect(second.full).toBe(added.full);
    full.release();
    await added.full;
    expect(full.calls).toBe(1);
    // once made, a later add of the same article has nothing left to do
    expect((await shelf.openNew('', entry.id)).full).toBeUndefined();
    await library.close();
  });

  it('does not bring back an article removed while its full index was being made', async () => {
    const { library, entry, full, shelf } = await shelfWithWheat('removed');
    const added = await shelf.openNew('', entry.id);
    await library.store.remove('', entry.id);
    shelf.forget('', entry.id);
    full.release();
    await added.full;
    await expect(shelf.open('', entry.id)).rejects.toThrow(/removed/);
    await library.close();
  });

  it('refuses an article held open once the store says it was removed (by another process sharing it)', async () => {
    const { library, entry, full, shelf } = await shelfWithWheat('elsewhere');
    full.release();
    await (await shelf.openNew('', entry.id)).full;
    await library.store.remove('', entry.id); // not through this shelf: it is not told
    await expect(shelf.open('', entry.id)).rejects.toThrow(/any more \(it was removed\)/);
    await library.close();
  });

  it('makes the full index at once when there is no quick one (no neural embedder)', async () => {
    const library = await openLibrary({ dataDir: join(dir, 'plain'), seedArticlePath: 'articles/xi-putin-visit.ar.txt' });
    const { entry } = await (await library.guild('')).addText(WHEAT);
    const shelf = createShelf(library, quick);
    const added = await shelf.openNew('', entry.id);
    expect(added.full).toBeUndefined();
    expect((await shelf.open('', entry.id)).index).toBe(added.now.index);
    await library.close();
  });
});

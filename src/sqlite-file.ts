// Opening a SQLite file of the bot's (its memory, the library): checked with PRAGMA quick_check first, so a
// damaged file stops start-up with one line naming it and what to do, instead of failing every request later.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export class DamagedFileError extends Error {
  override name = 'DamagedFileError';
}

/** The line said when a file is damaged: which file, what SQLite found, and what to do about it. */
export function damagedFileLine(path: string, found: string, remedy: string): string {
  return `${path} is damaged (${found.replace(/\s+/g, ' ').slice(0, 200)}): ${remedy}`;
}

/** Opens the file in WAL mode (creating it and its directory if needed); DamagedFileError if it is damaged. */
export function openCheckedSqlite(path: string, remedy: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL'); // readers never block the writer; survives a killed process
    db.pragma('busy_timeout = 2000');
    // quick_check reads every page (not every index entry): seconds for a file of gigabytes
    const found = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const problems = found.map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new DamagedFileError(damagedFileLine(path, problems.join('; '), remedy));
    return db;
  } catch (error) {
    if (db?.open) db.close();
    if (error instanceof DamagedFileError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new DamagedFileError(damagedFileLine(path, String((error as Error).message), remedy));
    throw error;
  }
}

// Prints an article's sentences with the bot's ids, and the dataset's questions with the sentence holding
// each answer, to label dialogue turns by hand:
//   node scripts/run.mjs src/eval/print-sentences.ts xquad:2 [--eval ../shared/eval]
import { resolve } from 'node:path';
import { articleFromText } from '../text/article.ts';
import { loadDialogueArticle } from './dialogue-articles.ts';

const args = process.argv.slice(2);
const evalAt = args.indexOf('--eval');
const evalDir = resolve(evalAt >= 0 ? args[evalAt + 1]! : '../shared/eval');
const refs = args.filter((a, i) => !a.startsWith('--') && (evalAt < 0 || i !== evalAt + 1));
if (refs.length === 0) {
  console.error('Usage: print-sentences.ts REF... (seed, xquad:N, arcd:N, easc:N) [--eval DIR]');
  process.exit(2);
}
for (const ref of refs) {
  const source = loadDialogueArticle(ref, evalDir);
  const article = articleFromText(source.text, ref);
  console.log(`# ${ref} · ${source.title} · ${article.sentences.length} sentences`);
  for (const s of article.sentences) console.log(`[${s.id}] ${s.text}`);
  for (const q of source.questions) {
    const ids = q.answers.map((a) => article.sentences.find((s) => s.start <= a.start && a.start < s.end)?.id ?? '?');
    console.log(`Q ${[...new Set(ids)].join(',')} · ${q.question}`);
  }
  console.log('');
}

// The articles a dialogue is about, named by dataset and position ("xquad:2", "arcd:14", "easc:5", "seed")
// so that the dialogue set holds only questions: the texts stay in the evaluation folder.
import { join } from 'node:path';
import { loadSquadArticles, type EvalQuestion } from './squad.ts';
import { loadEasc } from './easc.ts';
import { DatasetError } from './dataset-error.ts';
import { readArticleText } from '../text/article.ts';
import { DEFAULT_ARTICLE_PATH } from '../paths.ts';

export interface DialogueArticle {
  ref: string;
  title: string;
  text: string;
  /** The dataset's own questions (XQuAD, ARCD), with answer offsets in `text`. */
  questions: EvalQuestion[];
}

const SQUAD_FILES: Record<string, string> = { xquad: 'xquad.ar.json', arcd: 'arcd-train.json' };

/** Loads one article; `evalDir` holds xquad.ar.json, arcd-train.json and easc.dev.json. */
export function loadDialogueArticle(ref: string, evalDir: string): DialogueArticle {
  if (ref === 'seed') return { ref, title: 'seed article', text: readArticleText(DEFAULT_ARTICLE_PATH), questions: [] };
  const match = /^(xquad|arcd|easc):(\d+)$/.exec(ref);
  if (!match) throw new DatasetError(`Unknown article reference "${ref}": expected seed, xquad:N, arcd:N or easc:N (1-based).`);
  const [, dataset, n] = match as unknown as [string, string, string];
  const position = Number(n) - 1;
  if (dataset === 'easc') {
    const topic = loadEasc(join(evalDir, 'easc.dev.json'))[position];
    if (!topic) throw new DatasetError(`easc.dev.json has no topic ${n}.`);
    return { ref, title: topic.title, text: topic.article, questions: [] };
  }
  const article = cached(join(evalDir, SQUAD_FILES[dataset]!))[position];
  if (!article) throw new DatasetError(`${SQUAD_FILES[dataset]} has no article ${n}.`);
  return { ref, title: article.title, text: article.text, questions: article.questions };
}

const squadCache = new Map<string, ReturnType<typeof loadSquadArticles>>();
function cached(path: string): ReturnType<typeof loadSquadArticles> {
  let articles = squadCache.get(path);
  if (!articles) squadCache.set(path, (articles = loadSquadArticles(path)));
  return articles;
}

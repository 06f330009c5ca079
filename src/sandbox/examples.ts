// What the empty sandbox offers to try first: three questions, each in Arabic and in English. The seed
// article gets questions it answers; any other article gets questions every article can take.
import { resolve } from 'node:path';
import { DEFAULT_ARTICLE_PATH } from '../paths.ts';

export interface Example {
  ar: string;
  en: string;
}

const SEED_EXAMPLES: Example[] = [
  { ar: '/ask متى سيزور شي جين بينغ روسيا؟', en: '/ask When will Xi Jinping visit Russia?' },
  { ar: '/ask ما الذي رفضت الصين إدانته؟', en: '/ask What did China refuse to condemn?' },
  { ar: '/ask ما موضوع المقال؟', en: '/ask What is this article about?' },
];

const ANY_ARTICLE: Example[] = [
  { ar: '/ask ما موضوع المقال؟', en: '/ask What is this article about?' },
  { ar: '/summary length:short', en: '/summary length:medium' },
  { ar: '/source 1.1', en: '/article list' },
];

export function examplesFor(articlePath: string): Example[] {
  return resolve(articlePath) === resolve(DEFAULT_ARTICLE_PATH) ? SEED_EXAMPLES : ANY_ARTICLE;
}

// Autocomplete for sentence ids: matches the id typed so far, or words of the sentence itself.
import { normaliseSentenceId, type Article } from '../text/article.ts';
import { normaliseArabic } from '../text/arabic.ts';
import { truncate } from './render.ts';

const MAX_CHOICES = 25; // Discord's limit
const NAME_LIMIT = 100;

export function suggestSentences(article: Article, typed: string): { name: string; value: string }[] {
  const query = normaliseSentenceId(typed);
  const words = normaliseArabic(typed).trim();
  const matches = article.sentences.filter(
    (s) => query === '' || s.id.startsWith(query) || (words.length >= 2 && normaliseArabic(s.text).includes(words)),
  );
  return matches.slice(0, MAX_CHOICES).map((s) => ({
    name: truncate(`${s.id} · ${s.text.replace(/\s+/g, ' ')}`, NAME_LIMIT),
    value: s.id,
  }));
}

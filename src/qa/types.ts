import type { Language } from '../text/arabic.ts';

/** One quoted sentence. `text` is always `article.text.slice(start, end)`. */
export interface Citation {
  id: string;
  paragraph: number;
  /** 1-based sentence position within the paragraph. */
  sentence: number;
  start: number;
  end: number;
  text: string;
  score: number;
  /** The library article quoted, set only in answers across several articles (shown as [A3 4.1]). */
  articleId?: string;
}

export interface Answer {
  question: string;
  language: Language;
  /** false when the article does not answer the question (or the question was unusable). */
  answered: boolean;
  /** The framing text: a one-line lead in the question's language (shown as "answer" in JSON output). */
  lead: string;
  /** Best first. Empty when not answered. */
  citations: Citation[];
}

export interface Summary {
  /** The summary's prose (extractive: the quotes joined; a chat model: its checked words). */
  text: string;
  /** In article order. */
  citations: Citation[];
  /** Set when a topic was asked: false when nothing in the article is about it (and citations is empty). */
  topicFound?: boolean;
}

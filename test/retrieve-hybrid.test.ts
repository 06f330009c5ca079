import { describe, expect, it } from 'vitest';
import { openArticleIndex } from '../src/index/article-index.ts';
import { LEXICAL_WEIGHTS, rankSentences, retrieveEvidence } from '../src/qa/retrieve.ts';
import { articleFromText } from '../src/text/article.ts';

const TEXT = [
  'ولد الشاعر في مدينة حلب عام 1920 ودرس الأدب العربي في جامعة دمشق.',
  'نشر ديوانه الأول بعد تخرجه بعامين. ولقي الديوان ترحيباً واسعاً من النقاد.',
  'ولد الشاعر في مدينة حلب عام 1920 ودرس الأدب العربي في جامعة دمشق ثم سافر إلى القاهرة.',
  'عمل في القاهرة محرراً في مجلة ثقافية حتى وفاته.',
].join('\n');

describe('retrieveEvidence', async () => {
  const index = await openArticleIndex(articleFromText(TEXT, 'poet'), { persist: false });

  it('returns the k best sentences, best first, with decreasing scores', async () => {
    const evidence = await retrieveEvidence(index, 'أين عمل في القاهرة؟', { k: 2 });
    expect(evidence).toHaveLength(2);
    expect(evidence[0]!.sentence.id).toBe('4.1');
    expect(evidence[0]!.score).toBeGreaterThanOrEqual(evidence[1]!.score);
  });

  it('finds words through clitics and plural or tanween forms', async () => {
    expect((await retrieveEvidence(index, 'هل لقي ترحيبا؟'))[0]?.sentence.id).toBe('2.2');
    expect((await retrieveEvidence(index, 'كيف استقبل النقاد الديوانَ؟'))[0]?.sentence.id).toBe('2.2');
  });

  it('credits the first statement of a fact that the text repeats', async () => {
    const evidence = await retrieveEvidence(index, 'في أي مدينة ولد الشاعر؟', { k: 2 });
    expect(evidence.map((e) => e.sentence.id)).toEqual(['1.1', '3.1']);
  });

  it('uses every signal: each one alone still finds the sentence', async () => {
    const question = 'متى نشر ديوانه الأول؟';
    const none = Object.fromEntries(Object.keys(LEXICAL_WEIGHTS).map((k) => [k, 0])) as typeof LEXICAL_WEIGHTS;
    const only = (key: keyof typeof LEXICAL_WEIGHTS) => ({ ...none, [key]: 1 });
    for (const key of ['stems', 'grams', 'skeletons', 'lexicalVectors', 'coverage'] as const) {
      const { ranked } = await rankSentences(index, question, only(key));
      expect(index.article.sentences[ranked[0]!.position]!.id, key).toBe('2.1');
    }
  });

  it('ranks a sentence whose neighbour in the same paragraph matches, but not across paragraphs', async () => {
    const text = ['افتتح المتحف الوطني أبوابه للزوار. ويضم قاعات كثيرة.', 'هطلت أمطار غزيرة على السهول.'].join('\n');
    const museum = await openArticleIndex(articleFromText(text, 'museum'), { persist: false });
    const ids = async (question: string) => (await rankSentences(museum, question)).ranked.map((r) => museum.article.sentences[r.position]!.id);
    expect(await ids('متى افتتح المتحف؟')).toEqual(['1.1', '1.2']);
    expect((await ids('ماذا يضم من قاعات؟')).sort()).toEqual(['1.1', '1.2']);
  });

  it('returns nothing for a question with no searchable words', async () => {
    expect(await retrieveEvidence(index, 'من هو؟')).toEqual([]);
  });
});

describe('ArticleRetriever', () => {
  it('returns exact sentences as LangChain documents with their ids', async () => {
    const { ArticleRetriever } = await import('../src/qa/langchain-retriever.ts');
    const article = articleFromText(TEXT, 'poet');
    const retriever = new ArticleRetriever(await openArticleIndex(article, { persist: false }), { k: 2 });
    const documents = await retriever.invoke('أين عمل في القاهرة؟');
    expect(documents).toHaveLength(2);
    expect(documents[0]!.metadata.id).toBe('4.1');
    for (const d of documents) expect(article.text.slice(d.metadata.start, d.metadata.end)).toBe(d.pageContent);
  });
});

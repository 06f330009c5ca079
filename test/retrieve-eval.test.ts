import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RawBm25Baseline } from '../src/eval/baseline.ts';
import { firstHitRank, percentile } from '../src/eval/metrics.ts';
import { runEval } from '../src/eval/run.ts';
import { DatasetError, loadSquadArticles, questionTextsById } from '../src/eval/squad.ts';
import { segmentText } from '../src/text/segment.ts';

const dir = mkdtempSync(join(tmpdir(), 'eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squad = {
  version: '1.1',
  data: [
    {
      title: 'نهر',
      paragraphs: [
        { context: 'يجري النهر في الوادي. ويبلغ طوله 300 كيلومتر.', qas: [{ id: 'q1', question: 'كم يبلغ طول النهر؟', answers: [{ text: '300 كيلومتر', answer_start: 32 }] }] },
        {
          context: 'تعيش في النهر أسماك كثيرة.',
          qas: [
            { id: 'q2', question: 'ماذا يعيش في النهر؟', answers: [{ text: 'أسماك كثيرة', answer_start: 14 }] },
            { id: 'q4', question: 'من هو رئيس الوزراء الحالي؟', answers: [], is_impossible: true },
          ],
        },
      ],
    },
    {
      title: 'جبل',
      paragraphs: [
        { context: 'يرتفع الجبل ألفي متر. ويكسوه الثلج شتاءً.', qas: [{ id: 'q3', question: 'متى يكسو الثلج الجبل؟', answers: [{ text: 'شتاءً', answer_start: 36 }], is_impossible: false }] },
      ],
    },
  ],
};
const file = join(dir, 'tiny.json');
writeFileSync(file, JSON.stringify(squad));

describe('SQuAD loading', () => {
  it('joins paragraphs with a newline and moves answer spans into the document', () => {
    const [river] = loadSquadArticles(file);
    expect(river!.text).toBe(`${squad.data[0]!.paragraphs[0]!.context}\n${squad.data[0]!.paragraphs[1]!.context}`);
    const [q1, q2] = river!.questions;
    expect(river!.text.slice(q1!.answers[0]!.start, q1!.answers[0]!.end)).toBe('300 كيلومتر');
    expect(river!.text.slice(q2!.answers[0]!.start, q2!.answers[0]!.end)).toBe('أسماك كثيرة');
  });

  it('takes questions from another file by id', () => {
    const english = join(dir, 'en.json');
    const copy = structuredClone(squad);
    copy.data[0]!.paragraphs[0]!.qas[0]!.question = 'How long is the river?';
    writeFileSync(english, JSON.stringify(copy));
    expect(loadSquadArticles(file, questionTextsById(english))[0]!.questions[0]!.question).toBe('How long is the river?');
  });

  it('explains a missing or malformed dataset', () => {
    expect(() => loadSquadArticles(join(dir, 'missing.json'))).toThrow(DatasetError);
    writeFileSync(join(dir, 'bad.json'), '{"nodata": 1}');
    expect(() => loadSquadArticles(join(dir, 'bad.json'))).toThrow(/SQuAD format/);
  });
});

describe('metrics and the run', () => {
  it('ranks hits by span overlap and takes nearest-rank percentiles', () => {
    const spans = [{ start: 0, end: 10 }, { start: 11, end: 20 }];
    expect(firstHitRank(spans, [{ start: 15, end: 18 }])).toBe(2);
    expect(firstHitRank(spans, [{ start: 30, end: 31 }])).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
  });

  it('the baseline matches raw tokens only', () => {
    const baseline = new RawBm25Baseline(segmentText('النهر طويل.\nنهر قصير.').sentences);
    expect(baseline.rank('النهر')).toEqual([0]);
  });

  it('reports the system and the baseline on the same questions', async () => {
    // no embedder given: the lexical system alone (test/embedder.test.ts covers the neural one)
    const result = await runEval(loadSquadArticles(file), { offTopic: true, indexDir: false });
    expect(result.systems.map((s) => s.system)).toEqual(['lexical only', 'lexical, previous settings', 'BM25 raw tokens (baseline)']);
    // the chunk retriever and the reading table need the neural embedder
    expect(result.reading).toEqual([]);
    const ours = result.systems[0]!;
    expect(ours.questions).toBe(4);
    expect(ours.hitAt1).toBe(1);
    expect(ours.impossibleAbstention).toBe(1);
    expect(ours.offTopicAbstention).not.toBeNull();
    // every answer given here quotes the answer first; further quotes can only add to that
    expect(ours.shownHit).toBeGreaterThanOrEqual(ours.answeredHitAt1);
    expect(ours.quotesPerAnswer).toBeGreaterThanOrEqual(1);
  });
});

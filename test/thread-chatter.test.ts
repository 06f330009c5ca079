// Which thread messages the bot answers: the fitted small-talk decision on the held-out part of the
// labelled set (fixed data, so the figures are fixed too), a few cases by hand, and its fitting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readsAsQuestion } from '../src/qa/small-talk.ts';
import { loadChatterData } from '../src/eval/chatter-data.ts';
import { answeredShare, confusion, leftAloneShare } from '../src/eval/chatter-confusion.ts';
import { DatasetError } from '../src/eval/dataset-error.ts';
import { firstWordRule } from '../src/eval/first-word-rule.ts';
import { fitLogistic, sigmoid, score } from '../src/eval/logistic.ts';
import { examplesOf, fitModel } from '../src/eval/small-talk-fit.ts';
import { SMALL_TALK_MODEL } from '../src/qa/small-talk-weights.ts';

const data = loadChatterData();
const fitting = data.filter((m) => m.part === 'fit');
const heldOut = data.filter((m) => m.part === 'held-out');

describe('answering only questions in a sources thread', () => {
  it('the labelled set is large enough and both parts hold both kinds', () => {
    expect(data.length).toBeGreaterThanOrEqual(300);
    for (const part of [fitting, heldOut]) {
      expect(part.filter((m) => m.question).length).toBeGreaterThanOrEqual(50);
      expect(part.filter((m) => !m.question).length).toBeGreaterThanOrEqual(50);
    }
    expect(new Set(heldOut.map((m) => m.variety))).toEqual(new Set(['msa', 'egy', 'lev', 'gulf', 'magh', 'en', 'arabizi', 'mixed', 'emoji']));
  });

  it('meets the targets on the held-out lines: 0.95 of questions answered, 0.97 of small talk left alone', () => {
    const c = confusion(heldOut, (text) => readsAsQuestion(text));
    const wrong = c.wrong.map((m) => JSON.stringify(m.text)).join(', ');
    console.log(
      `held-out: questions answered ${c.questionsAnswered}/${c.questionsAnswered + c.questionsIgnored}, ` +
        `small talk left alone ${c.chatterLeftAlone}/${c.chatterLeftAlone + c.chatterAnswered}; wrong: ${wrong}`,
    );
    expect(answeredShare(c)).toBeGreaterThanOrEqual(0.95);
    expect(leftAloneShare(c)).toBeGreaterThanOrEqual(0.97);
  });

  it('does better than the first-word rule it replaces on both counts', () => {
    const fitted = confusion(heldOut, (text) => readsAsQuestion(text));
    const rule = confusion(heldOut, firstWordRule);
    expect(answeredShare(fitted)).toBeGreaterThan(answeredShare(rule));
    expect(leftAloneShare(fitted)).toBeGreaterThan(leftAloneShare(rule));
  });

  it('leaves idioms that open with a question word alone', () => {
    for (const text of ['why not', 'tell me about it', 'when pigs fly', 'who cares honestly', 'ليش لا', 'مين يصدق', 'كيف حالكم']) {
      expect(readsAsQuestion(text), text).toBe(false);
    }
  });

  it('answers follow-ups and requests, with or without a question mark', () => {
    for (const text of ['and why?', 'and why', 'ومتى؟', 'ومتى', 'what did he say after that?', 'summarise it', 'لخصلي المقال', 'شو صار بعدين']) {
      expect(readsAsQuestion(text), text).toBe(true);
    }
  });

  it('leaves thanks, laughter, emoji and bare punctuation alone', () => {
    for (const text of ['شكرا', 'هههههه', 'lol', '👍', '😂😂', '؟؟', '?!', '', '   ']) expect(readsAsQuestion(text), text).toBe(false);
  });
});

describe('fitting the decision', () => {
  it('the committed weights are what fitting the fitting part gives', () => {
    const refitted = fitModel(examplesOf(fitting), SMALL_TALK_MODEL.penalty, SMALL_TALK_MODEL.threshold);
    expect(refitted).toEqual(SMALL_TALK_MODEL);
  });

  it('logistic regression learns which feature marks the positive class', () => {
    const examples = [
      ...Array.from({ length: 20 }, () => ({ features: [1, 0], label: 1 as const })),
      ...Array.from({ length: 20 }, () => ({ features: [0, 1], label: 0 as const })),
    ];
    const model = fitLogistic(examples, { l2: 0.01 });
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(sigmoid(score(model, [1, 0]))).toBeGreaterThan(0.9);
    expect(sigmoid(score(model, [0, 1]))).toBeLessThan(0.1);
  });

  it('a malformed data line is refused with its line number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatter-'));
    const path = join(dir, 'bad.tsv');
    writeFileSync(path, 'part\tlabel\tvariety\ttext\nfit\tquestion\ten\twhy?\nfit\tmaybe\ten\thm\n');
    expect(() => loadChatterData(path)).toThrow(DatasetError);
    expect(() => loadChatterData(path)).toThrow(/bad\.tsv:3: label must be question or chatter/);
  });
});

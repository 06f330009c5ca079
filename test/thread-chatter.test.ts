// Which thread messages the bot answers: measured on a labelled set of realistic thread chatter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readsAsQuestion } from '../src/discord/chatter.ts';

const fixture = JSON.parse(readFileSync('test/fixtures/thread-chatter.json', 'utf8')) as { messages: { text: string; answer: boolean }[] };

describe('answering only questions in a sources thread', () => {
  it('tells questions from small talk on the labelled set', () => {
    const wrong = fixture.messages.filter((m) => readsAsQuestion(m.text) !== m.answer);
    const questions = fixture.messages.filter((m) => m.answer);
    const chatter = fixture.messages.filter((m) => !m.answer);
    const answeredQuestions = questions.filter((m) => readsAsQuestion(m.text)).length;
    const quietOnChatter = chatter.filter((m) => !readsAsQuestion(m.text)).length;
    const accuracy = (fixture.messages.length - wrong.length) / fixture.messages.length;
    console.log(
      `thread chatter: accuracy ${(accuracy * 100).toFixed(1)}% on ${fixture.messages.length} messages; ` +
        `questions answered ${answeredQuestions}/${questions.length}, small talk left alone ${quietOnChatter}/${chatter.length}` +
        (wrong.length ? `; wrong: ${wrong.map((m) => JSON.stringify(m.text)).join(', ')}` : ''),
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(answeredQuestions / questions.length).toBeGreaterThanOrEqual(0.9);
  });
});

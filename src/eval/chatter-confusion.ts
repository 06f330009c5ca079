// Confusion figures for a thread-message decision on labelled messages: how many questions it answers
// and how much small talk it leaves alone, as the table `npm run eval:chatter` prints.
import type { LabelledMessage } from './chatter-data.ts';
import { markdownTable } from './table.ts';

export interface Confusion {
  questionsAnswered: number;
  questionsIgnored: number;
  chatterAnswered: number;
  chatterLeftAlone: number;
  /** The messages it got wrong, for reading. */
  wrong: LabelledMessage[];
}

export function confusion(messages: readonly LabelledMessage[], answers: (text: string) => boolean): Confusion {
  const c: Confusion = { questionsAnswered: 0, questionsIgnored: 0, chatterAnswered: 0, chatterLeftAlone: 0, wrong: [] };
  for (const m of messages) {
    const answered = answers(m.text);
    if (m.question) answered ? c.questionsAnswered++ : c.questionsIgnored++;
    else answered ? c.chatterAnswered++ : c.chatterLeftAlone++;
    if (answered !== m.question) c.wrong.push(m);
  }
  return c;
}

export const answeredShare = (c: Confusion): number => c.questionsAnswered / Math.max(1, c.questionsAnswered + c.questionsIgnored);
export const leftAloneShare = (c: Confusion): number => c.chatterLeftAlone / Math.max(1, c.chatterLeftAlone + c.chatterAnswered);

export function confusionTable(rows: readonly { part: string; rule: string; c: Confusion }[]): string {
  return markdownTable(
    ['part', 'decision', 'questions answered', 'questions ignored', 'chatter answered', 'chatter left alone', 'questions answered share', 'chatter left alone share'],
    rows.map(({ part, rule, c }) => [
      part,
      rule,
      String(c.questionsAnswered),
      String(c.questionsIgnored),
      String(c.chatterAnswered),
      String(c.chatterLeftAlone),
      answeredShare(c).toFixed(3),
      leftAloneShare(c).toFixed(3),
    ]),
  );
}

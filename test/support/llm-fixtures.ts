// Shared pieces for the LLM tests: a small article, a logger that keeps its lines, a chat model that records prompts.
import { Writable } from 'node:stream';
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { pino, type Logger } from 'pino';
import { openArticleIndex, type ArticleIndex } from '../../src/index/article-index.ts';
import { articleFromText, type Article } from '../../src/text/article.ts';

export const BRIDGE_TEXT = [
  'افتتاح جسر جديد في المدينة',
  'أعلنت البلدية يوم الأحد افتتاح جسر جديد فوق النهر. وحضر الافتتاح مئات من السكان.',
  'وقال رئيس البلدية إن الجسر كلف مئة مليون دولار. وأضاف أن البناء استمر ثلاث سنوات.',
  'ويربط الجسر بين الحي الشمالي والحي الجنوبي. ويتوقع أن يخفف الازدحام في وسط المدينة.',
].join('\n');

export function bridgeIndex(): Promise<ArticleIndex> {
  return openArticleIndex(articleFromText(BRIDGE_TEXT, 'bridge'), { persist: false });
}

export interface MemoryLog {
  log: Logger;
  lines: () => { level: number; msg: string; [key: string]: unknown }[];
}

export function memoryLog(): MemoryLog {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: 'debug', base: undefined }, stream);
  return {
    log,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}

/** LangChain's scripted chat model, keeping the messages it was sent. */
export class RecordingChatModel extends FakeListChatModel {
  prompts: BaseMessage[][] = [];
  override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions'], runManager?: Parameters<FakeListChatModel['_generate']>[2]) {
    this.prompts.push(messages);
    return super._generate(messages, options, runManager);
  }
}

/** A chat model whose provider fails the way an HTTP client reports it. */
export class FailingChatModel extends FakeListChatModel {
  constructor(private readonly failure: Error) {
    super({ responses: [] });
  }
  override async _generate(): Promise<never> {
    throw this.failure;
  }
}

export function messageText(message: BaseMessage | undefined): string {
  return typeof message?.content === 'string' ? message.content : JSON.stringify(message?.content);
}

/** Sentence ids in the order a prompt numbered them, read back from its <sentences> block. */
export function numberedIds(article: Article, prompt: string): string[] {
  const block = prompt.slice(prompt.indexOf('<sentences>'), prompt.indexOf('</sentences>'));
  return [...block.matchAll(/^\[(\d+)\] (.+)$/gmu)].map(([, , text]) => article.sentences.find((s) => s.text === text)!.id);
}

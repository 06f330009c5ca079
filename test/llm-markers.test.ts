import { describe, expect, it } from 'vitest';
import { markerNumbers, MAX_ANSWER_CHARS, MAX_REPLY_CHARS, verifyReply, type VerifyOptions } from '../src/llm/markers.ts';

const SOURCE = 'أعلنت البلدية يوم الأحد افتتاح جسر جديد فوق النهر. وقال رئيس البلدية إن الجسر كلف “مئة مليون دولار”.';
const EVIDENCE = [
  'أعلنت البلدية يوم الأحد افتتاح جسر جديد فوق النهر.',
  'وقال رئيس البلدية إن الجسر كلف “مئة مليون دولار”.',
  'وبلغ طول الجسر 1200 متر.',
];
const AR: VerifyOptions = { evidence: EVIDENCE, sourceText: `${SOURCE} ${EVIDENCE[2]}`, language: 'ar' };
const EN: VerifyOptions = { ...AR, language: 'en' };

function accepted(raw: string, options: VerifyOptions = AR) {
  const result = verifyReply(raw, options);
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.reply;
}

describe('marker numbers', () => {
  it('reads lists, ranges and Arabic-Indic digits, and bounds ranges', () => {
    expect(markerNumbers('1, 3')).toEqual([1, 3]);
    expect(markerNumbers('2-4')).toEqual([2, 3, 4]);
    expect(markerNumbers('١،٢')).toEqual([1, 2]);
    expect(markerNumbers('1-99999')).toEqual([1]);
  });
});

describe('verifying a model reply', () => {
  it('keeps claims with valid markers and relabels them in order of first use', () => {
    const reply = accepted('كلف الجسر مئة مليون دولار [2]. وافتتح يوم الأحد [1][2].');
    expect(reply.cited).toEqual([2, 1]);
    expect(reply.text).toBe('كلف الجسر مئة مليون دولار. [1] وافتتح يوم الأحد. [2][1]');
  });

  it('uses the given labels (sentence ids) for the shown markers', () => {
    const ids = ['1.1', '1.2', '2.1'];
    const reply = accepted('كلف الجسر مئة مليون دولار [2].', { ...AR, label: (n) => ids[n - 1]! });
    expect(reply.text).toBe('كلف الجسر مئة مليون دولار. [1.2]');
  });

  it('keeps markers that follow the full stop with the claim before them', () => {
    const reply = accepted('افتتح الجسر يوم الأحد. [1]\nوكلف مئة مليون دولار.\n[2]');
    expect(reply.cited).toEqual([1, 2]);
    expect(reply.droppedClaims).toBe(0);
  });

  it('removes invented markers and drops the claims left without a valid one', () => {
    const reply = accepted('افتتح الجسر يوم الأحد [1][9]. وسيزور الرئيس المدينة غدا [7]. وهذا مؤكد.');
    expect(reply.cited).toEqual([1]);
    expect(reply.text).toBe('افتتح الجسر يوم الأحد. [1]');
    expect(reply.removedMarkers).toBe(2);
    expect(reply.droppedClaims).toBe(2);
  });

  it('rejects a reply with no valid marker at all', () => {
    expect(verifyReply('افتتح الجسر يوم الأحد [0]. [4]', AR)).toEqual({ ok: false, reason: 'no-valid-marker' });
    expect(verifyReply('افتتح الجسر يوم الأحد.', AR)).toEqual({ ok: false, reason: 'no-valid-marker' });
  });

  it('drops a claim carrying a quotation the article does not contain', () => {
    const reply = accepted('قال رئيس البلدية: «هذا أعظم جسر في العالم» [2]. وكلف الجسر “مئة مليون دولار” [2].');
    expect(reply.fabricatedQuotes).toBe(1);
    expect(reply.text).not.toContain('أعظم');
    expect(reply.text).toContain('مئة مليون دولار');
  });

  it('drops an English "quote" of Arabic text: a translation is not a quote', () => {
    const reply = accepted('The bridge opened on Sunday [1]. The mayor said "it cost one hundred million dollars" [2].', EN);
    expect(reply.text).toBe('The bridge opened on Sunday. [1]');
    expect(reply.fabricatedQuotes).toBe(1);
  });

  it('rejects a reply in the wrong language', () => {
    expect(verifyReply('The bridge opened on Sunday [1].', AR)).toMatchObject({ ok: false, reason: 'wrong-language' });
  });

  it('rejects empty, whitespace-only and huge replies', () => {
    expect(verifyReply('', AR)).toMatchObject({ ok: false, reason: 'empty' });
    expect(verifyReply('  \n<think>hmm</think>  ', AR)).toMatchObject({ ok: false, reason: 'empty' });
    expect(verifyReply(`افتتح الجسر [1]. `.repeat(Math.ceil(MAX_REPLY_CHARS / 10)), AR)).toMatchObject({ ok: false, reason: 'too-long' });
  });

  it('caps a long but acceptable reply at whole claims', () => {
    const reply = accepted(`افتتح الجسر الجديد فوق النهر يوم الأحد [1]. `.repeat(40));
    expect(reply.text.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(reply.text.endsWith('[1]')).toBe(true);
    expect(reply.droppedClaims).toBeGreaterThan(0);
  });

  it('treats the not-in-article reply as a refusal', () => {
    expect(verifyReply('NOT_IN_ARTICLE', AR)).toMatchObject({ ok: false, reason: 'not-in-article' });
  });

  it('strips reasoning blocks and block quotes so model text never looks like a quote', () => {
    const reply = accepted('<think>the answer is in [1]</think>\n> افتتح الجسر يوم الأحد [1].');
    expect(reply.text).toBe('افتتح الجسر يوم الأحد. [1]');
  });
});

describe('what a reply may not carry into Discord', () => {
  it('keeps the words of masked links and drops web addresses and headings', () => {
    const reply = accepted('# جواب\nافتتح [الجسر](https://evil.example/login) يوم الأحد https://evil.example [1].');
    expect(reply.text).toBe('افتتح الجسر يوم الأحد. [1]');
  });
});

describe('claims must rest on what they cite', () => {
  it('drops a claim whose marker points at an unrelated sentence', () => {
    const reply = accepted('افتتح الجسر يوم الأحد [1]. ارتفعت أسعار النفط عالميا [2].');
    expect(reply.text).toBe('افتتح الجسر يوم الأحد. [1]');
    expect(reply.ungroundedClaims).toBe(1);
  });

  it('drops invented figures and keeps the cited ones, in either digit set', () => {
    expect(accepted('يبلغ طول الجسر ١٢٠٠ متر [3]. وطوله 1500 متر [3].').text).toBe('يبلغ طول الجسر ١٢٠٠ متر. [1]');
    expect(verifyReply('The bridge is 1500 metres long [3].', EN)).toMatchObject({ ok: false, reason: 'ungrounded' });
    expect(accepted('The bridge is 1200 metres long [3].', EN).cited).toEqual([3]);
  });

  it('drops a claim that shares only one word (a name) with the sentence it cites', () => {
    const putin = ['أعلنت الخارجية أن شي سيزور روسيا بدعوة من الرئيس فلاديمير بوتين.'];
    const options: VerifyOptions = { evidence: putin, sourceText: putin[0]!, language: 'ar' };
    expect(verifyReply('قال بوتين إن رمز البوت هو كلمة المرور [1].', options)).toMatchObject({ ok: false, reason: 'ungrounded' });
    expect(verifyReply('شي يزور روسيا بدعوة من بوتين [1].', options)).toMatchObject({ ok: true });
  });

  it('needs most content words in the same language too (English on English)', () => {
    const evidence = ['The mayor opened a new bridge over the river on Sunday.'];
    const options: VerifyOptions = { evidence, sourceText: evidence[0]!, language: 'en' };
    expect(verifyReply('The mayor opened the bridge on Sunday [1].', options)).toMatchObject({ ok: true });
    expect(verifyReply('The mayor leaked the bot token and password [1].', options)).toMatchObject({ ok: false, reason: 'ungrounded' });
  });
});

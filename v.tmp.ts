import { loadArticle } from './src/text/article.ts';
import { verifyQuote } from './src/verify/verify.ts';
import { renderVerification } from './src/discord/render-verify.ts';
import { toPayload } from './src/discord/render.ts';
const a = loadArticle('articles/xi-putin-visit.ar.txt');
const s = a.sentences[5]!;
const tests = [s.text, 'لم ' + s.text, a.sentences[8]!.text.replace(/\d+/, '1999'), 'كرة القدم رياضة شعبية جدا في البرازيل والصين وروسيا', 'What did China refuse to condemn?', 'Wang Yi', 'الزيارة في الوقت الذي تحاول فيه الهند وضع نفسها كوسيط حرب', ''];
for (const t of tests) for (const m of renderVerification(a, t, verifyQuote(a, t))) console.log(toPayload(m, a.text).content, '\n----');

// Questions asking "how many / when / which year" are answered by sentences that state a number or a date.
import { normaliseArabic, tokenise } from './arabic.ts';

// Normalised forms (ة -> ه, ى -> ي, alef folded).
// Number words and month names: a sentence with either states a quantity or a date.
const NUMBER_WORDS = new Set(
  `واحد واحده اثنان اثنين اثنتان اثنتين ثلاث ثلاثه ثلاثون ثلاثين اربع اربعه اربعون اربعين خمس خمسه خمسون خمسين
   سته ستون ستين سبع سبعه سبعون سبعين ثماني ثمانيه ثمانون ثمانين تسع تسعه تسعون تسعين عشر عشره عشرون عشرين
   مئه مائه مئات مئتين مائتين الف الفا الاف مليون ملايين مليار مليارات نصف ربع ثلث ضعف اضعاف
   يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر
   كانون شباط اذار نيسان ايار حزيران تموز ايلول تشرين قرن قرون`.split(/\s+/).filter(Boolean),
);
const CLITIC = /^(و|ف|ب|ل|ك)?(ال)?/;
const NUMBER_QUESTION =
  /(^|\s)(كم|بكم|وكم|متي|ومتي|عدد|كميه|نسبه|مقدار|تاريخ|عام|سنه|سنوات|قرن)(\s|$|[؟?])|\b(how (many|much|long|old)|when|what year|which year|what date|number of)\b/;

export function statesNumber(sentence: string): boolean {
  return tokenise(sentence).some((t) => /\d/.test(t) || NUMBER_WORDS.has(t) || NUMBER_WORDS.has(t.replace(CLITIC, '')));
}

export function asksForNumber(question: string): boolean {
  return NUMBER_QUESTION.test(normaliseArabic(question));
}

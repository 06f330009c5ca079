// Word lists behind the small-talk features (src/qa/small-talk-features.ts): question words, requests,
// thanks, greetings, reactions and idioms, in Arabic (MSA and dialects), Arabizi and English. Written as
// people type them; they are normalised like messages before use. The lists only name features: how much
// each one counts is fitted (src/qa/small-talk-weights.ts).

/** Interrogatives: "what", "when", "why"... MSA, Egyptian, Levantine, Gulf, Maghrebi, Arabizi, English. */
export const INTERROGATIVES = `
متى متي امتى امتي ايمتى ايمتا امتا وقتاش فوقاش إمتى
أين اين وين فين فاين منين
كيف كيفية كيفاش ازاي إزاي شلون
لماذا لماذ ليش ليه علاش لاش
ماذا ماهو ماهي شو ايش إيش اش وش شنو اشنو شنهو واشنو
مين منو شكون لمن
كم قديش قداش شحال كام بكم بكام بايه بإيه
هل واش
بماذا أليس اليس
who whom whose what whats wat wht wut when wen whn where wheres wher whr why how hw which whos
emta imta leh lesh lich 3lach meen shu shou eish ezay izay fein wein kam adesh 2adesh
`;

/** Words that ask a question only in some uses ("ما" is also "not", "من" also "from", "ايه" also "yes"). */
export const AMBIGUOUS_STARTS = `من ايه أي اي أيه y eh`;
/** Negations at the start make a remark ("ما توقعت", "مش معقول", "not again"); "ما" before a noun asks instead. */
export const NEGATIONS = `ما مش مو مب مهوش ماكانش not no never nah`;
/** Belief and surprise: "who would've guessed", "منو بعد يبي يصدق" wonder aloud rather than ask. */
export const DISBELIEF = `believe believed guess guessed thought imagine imagined expect expected bother يصدق بيصدق مصدق صدق تصدق يتوقع توقع متوقع يتخيل تتخيل`;

/** "This" and "that" closing a short message: «ايه ده», «شو هاد», "what is this". */
export const DEMONSTRATIVES = `ده دي دا هاد هادا هادي هيدا هيدي هذا هذه هذي هاذا this that`;

/** Vague, general nouns: "where do they find these people" is about the world, not the article. */
export const GENERIC_NOUNS = `world humanity life stuff things thing justice hope country everything امل أمل العداله الدنيا البشر العالم الخلق`;
/** English question words: late in a message they mostly join clauses ("that's what I said"). */
export const ENGLISH_WH = `who whom whose what whats wat wht wut when wen whn where wheres wher whr why how hw which whos`;

/** Two-word openings that settle an ambiguous start as a question: "ما هو", "من الذي". */
export const QUESTION_PAIRS = `
ما هو|ما هي|ما الذي|ما التي|ما هم|ما سبب|ما موقف|ما رأي|ما رد|ما موضوع|ما معنى|ما اسم|ما عدد|ما حجم|ما قيمة|ما نوع
من هو|من هي|من هم|من الذي|من التي|من اللي|من يكون
يعني ايه|يعني شو|شو يعني|يعني اي
`;

/** English auxiliaries that open a yes/no question ("did they", "is it"). */
export const AUXILIARIES = `is are was were does do did can could will would should has have had isnt arent didnt doesnt wasnt`;

/** Asking the bot to explain, show or tell; Arabic imperatives also match with attached pronouns ("لخصلي"). */
export const REQUESTS = `
اشرح اشرحي وضح فسر اذكر لخص قل قلي قولي قوللي قلنا اعطني عطني اعطيني عطيني عطينا اديني هات اخبرني احك احكي احكيلي
فهمني فهمنا عاودلي عاود ورجيني وريني ورني ابعتلي كمل كملي زيدني زدني شرح go continue
explain tell show summarise summarize summary list describe give quote source elaborate clarify define translate
tldr recap breakdown details more
ملخص تلخيص شرح تفاصيل تفصيل المزيد
`;
/** Request stems in Arabic: an imperative with a suffix ("اشرحلي", "لخصها", "وضحلنا"). */
export const REQUEST_STEMS = `اشرح لخص وضح فسر اعط احكي احكيل فهم عاود ملخص تلخيص`;

/** "I want to know", "can you", "could you": a request worded politely. */
export const REQUEST_OPENERS = `
ممكن أريد اريد نريد بدي بدنا ابي ابغى ابغي عايز عاوز عاوزه عايزه حاب نحب بغيت فيك تقدر بتقدر تقدري
want wanna need pls plz please بليز
`;
export const POLITE_PHRASES = `can you|could you|would you|can u|could u|mind telling|i want to know|i d like to know`;

/** Words that point at the article: asking about it is asking the bot. */
export const ARTICLE_WORDS = `
المقال المقاله الخبر النص الكاتب الفقره الجمله المصدر التقرير السطر مقال فقره جمله تقرير الكلام
article text piece paragraph author report source quote line sentence says mention mentioned mentions
`;

export const THANKS = `
شكرا شكر مشكور مشكورين تسلم تسلمي يسلمو يسلموا يسلمووو تسلم يعطيك العافيه جزاك بارك ميرسي متشكر
thanks thank thx ty tysm cheers merci shukran shokran mersi
`;

export const GREETINGS = `
السلام سلام مرحبا مرحبتين اهلا اهلين هلا هاي صباح مساء تصبحون
hi hey hello yo sup gm morning evening night bye salam marhaba ahlan
`;

/** Reactions and agreement: "ok", "nice", "تمام", "صح". */
export const REACTIONS = `
تمام ماشي اوكي اوك حلو حلوه رائع جميل ممتاز صح فعلا بالضبط بالظبط زين كفو واخا صافي لاباس منيح كويس جامد
عادي مفهوم اكيد طبعا ايوه اي يب ربما يمكن يارب امين ابد
ok okay k kk nice cool wow damn oof yikes true exactly agreed fair same interesting great awesome amazing
really seriously srsly fr legit sure yeah yep yes nope no maybe facts based wild crazy insane sad lol lmao rofl omg wtf bruh nvm
7elo tamam mashallah wallah 3adi yalla
`;

/** The bot itself: "good bot", "بوت ذكي", "are you a bot?" are about it, not the article. */
export const BOT_WORDS = `bot بوت البوت`;

/** Speaking to the room rather than the bot: "anyone awake?", "يا جماعة". */
export const GROUP_WORDS = `
anyone anybody someone everyone everybody guys folks all ya جماعه شباب حد حدا احد حدن الجماعه
`;

/** Opinions and feelings: "I think", "honestly", "بصراحة", "والله". */
export const OPINION_WORDS = `
i im honestly personally imo imho feel think guess believe hope bet wish
انا أنا رايي رأيي برأيي اعتقد أعتقد اظن أظن بصراحه صراحه والله حسب اتوقع متوقع كنت
`;

/** Speaking of oneself or of "us": "why do we even bother", "شو بدنا نعمل". Questions about an article
 * are mostly about others. */
export const FIRST_PERSON = `
i im am we us our ourselves احنا إحنا نحن نحنا حنا انا أنا فينا معانا معنا علينا لنا النا بدنا نقول نعمل نسوي نديرو نحكي هنعمل
`;

/** You, the bot or another reader: "u serious?", "are you guys still here". */
export const SECOND_PERSON = `you u ur your youre انت إنت انتي انتو انتم انتوا enta inta`;

/** Words that make a question rhetorical: "why do we even bother", "ليه بيحصل كده دايما". */
export const RHETORICAL = `always ever even anymore دائما دايما دايم اصلا أصلا بجد هكذا هكا كذا`;

/** After "how" or "what" alone these still ask ("how much", "what happened"); anything else exclaims ("how typical"). */
export const WH_FOLLOWERS = `much many long far often old big come about else happened next then now for so`;

/** Chatter that opens with a question word or reads like a request but is neither. Matched as a whole message
 * or as its start. */
export const IDIOMS = `
why not|tell me about it|when pigs fly|who cares|who knows|what a|how cool|how nice|how sad|how funny|how sweet
how about that|what else is new|you don t say|go figure|what are the odds|who would have thought|why am i not
how are you|how r u|how s it going|what s up|whats up|wassup|are you kidding|you kidding|is it just me|where do i even
how come lol|what the|what on earth|how dare|look at this|check this|can t believe|cant believe
كيف حال|كيف الحال|ليش لا|ليش لأ|ليه لا|ليه لأ|علاش لا|مين يصدق|منو يصدق|شكون يصدق|مين قلك|مين قالك|شو بدك تعمل
شو هالحكي|شو هاد|ايه ده|ايه دا|ايه الحلاوه|ايه الجمال|شو الاخبار|ايش الاخبار|ايه الاخبار|وش الاخبار|وش علومك
الله اعلم|ماذا عساي|ما شاء الله|لا حول|الله يستر|ربنا يستر|يا ساتر|يا سلام|يا حرام|الله المستعان|الله يحفظ
for real|so what|what is going on|what s going on|whats going on|where is this going|where is this heading|where will it|where will this|what can i say|what can you do|who knew|not again|here we go
شو بدي احكي|شو بدي قول|شو بدي قلك|شو بدنا نقول|شو بدنا نحكي|وش نقول|ماذا أقول|ماذا نقول|مين فينا|منو فينا|شكون فينا|شكون كان يعرف|مين كان يعرف|مين كان يتوقع
what now|who asked|who even|who does that|when in rome|who am i|what more can|where is this world|what did i just
كيف الصحه|كيف الصحة|كيف الاحوال|شلون الاحوال|منو يدري|مين بيعرف|مين بعرف|شكون عرف|الله يعلم|ما بصدق|مش معقول|ما معقول
ما في شي|ما في حدا|ما في احد|من زمان|من المؤسف|من الواضح|من الغريب|من جد|من جهتي|من كل قلبي|من حقهم|ما اعرف|ما بعرف|مش عارف
ما فهمت|مش فاهم|ما عرفت|واش راك|كي داير|كيداير|شنو هاد|كيفكم|كيفكن|كيفك|عامل ايه|عاملين ايه|اخبارك ايه|ايه اخبارك|شلونك|شلونكم
`;

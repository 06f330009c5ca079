// A small English-to-Arabic glossary of everyday news and reference words, so that an English question about
// an Arabic article meets more than its names and numbers. Arabic forms are written normalised (ا for أ/إ/آ,
// ي for ى, ه for ة); each English word lists the common Arabic words for it.
const ENTRIES = `
year:عام,سنه,سنوات,اعوام; years:عام,سنه,سنوات,اعوام; month:شهر,اشهر; day:يوم,ايام; week:اسبوع; century:قرن;
time:وقت,مره; times:مرات,مره; date:تاريخ; today:اليوم; history:تاريخ; age:عمر,سن; old:عمر,قديم;
first:اول,الاولي; last:اخر,الاخير; second:ثاني,الثانيه; new:جديد,الجديد; next:المقبل,القادم; previous:السابق;
city:مدينه,مدن; cities:مدينه,مدن; country:دوله,بلد,دول; countries:دول,بلدان; capital:عاصمه; state:دوله,ولايه;
region:منطقه,اقليم; area:منطقه,مساحه; river:نهر; sea:بحر; island:جزيره; mountain:جبل; world:العالم,عالمي;
north:شمال; south:جنوب; east:شرق; west:غرب; border:حدود; population:سكان,عدد; people:الناس,شعب,اشخاص;
president:رئيس; king:ملك; queen:ملكه; prince:امير; minister:وزير; government:حكومه; leader:زعيم,قائد;
army:جيش; war:حرب,الحرب; battle:معركه; peace:سلام; military:عسكري,عسكريه; soldiers:جنود; attack:هجوم;
party:حزب; election:انتخابات; elected:انتخب; vote:تصويت; law:قانون; court:محكمه; police:شرطه;
company:شركه; bank:بنك; money:مال,اموال; price:سعر; cost:كلفه,تكلفه; dollars:دولار; million:مليون; billion:مليار;
trade:تجاره; economy:اقتصاد; oil:نفط; gas:غاز; energy:طاقه; water:مياه,ماء; food:غذاء,طعام;
school:مدرسه; university:جامعه; student:طالب,طلاب; students:طلاب; teacher:معلم,مدرس; study:دراسه,درس;
book:كتاب; books:كتب; language:لغه; word:كلمه; name:اسم; named:سمي,اسم; called:يسمي,سمي,تسمي;
church:كنيسه; mosque:مسجد; religion:دين; god:الله; islam:الاسلام,اسلام; christian:مسيحي;
team:فريق; game:مباراه,لعبه; match:مباراه; player:لاعب; players:لاعبين,لاعبو; season:موسم; coach:مدرب;
won:فاز; win:فوز,فاز; lost:خسر; score:سجل,نتيجه; points:نقاط,نقطه; goal:هدف; championship:بطوله; cup:كاس;
born:ولد; died:توفي,مات; death:وفاه,موت; killed:قتل,قتلي; life:حياه; father:اب,والد; mother:ام,والده;
son:ابن; daughter:ابنه; wife:زوجه; family:عائله,اسره; children:اطفال,ابناء; man:رجل; woman:امراه; women:نساء;
built:بني,بناء; building:مبني; founded:تاسس,اسس; established:انشئ,تاسس; created:انشاء,انشا; began:بدا,بدات;
started:بدا,بدات; start:بدا,بدايه; begin:بدا,بدايه; ended:انتهي,انتهت; end:انتهي,نهايه;
build:بني,بناء; die:توفي,مات; kill:قتل; visit:زياره,يزور; visited:زار; meet:لقاء,اجتماع; met:التقي,اجتمع;
meeting:اجتماع,لقاء; talks:محادثات; agreement:اتفاق,اتفاقيه; treaty:معاهده; deal:صفقه,اتفاق; support:دعم;
said:قال; says:يقول; announced:اعلن,اعلنت; reported:ذكرت; according:وفقا; statement:بيان;
largest:اكبر; biggest:اكبر; large:كبير; small:صغير; smallest:اصغر; long:طول,طويل; high:مرتفع,اعلي;
most:اكثر; many:عدد,كثير; number:عدد,رقم; percent:بالمئه,نسبه; half:نصف; total:اجمالي,مجموع;
music:موسيقي; film:فيلم; art:فن; science:علم,العلوم; scientist:عالم; research:بحث,ابحاث; theory:نظريه;
disease:مرض; hospital:مستشفي; doctor:طبيب; health:صحه; cells:خلايا; body:جسم;
power:قوه,سلطه; rule:حكم; empire:امبراطوريه; kingdom:مملكه; republic:جمهوريه; independence:استقلال;
union:اتحاد; nuclear:نووي,النوويه; weapons:اسلحه; crisis:ازمه; conflict:صراع,نزاع; invasion:غزو;
relations:علاقات; relationship:علاقه; friendship:صداقه; foreign:خارجيه,اجنبي; ministry:وزاره;
`;

const GLOSSARY = new Map<string, string[]>();
for (const entry of ENTRIES.split(';')) {
  const [english, arabic] = entry.split(':');
  if (!english?.trim() || !arabic) continue;
  GLOSSARY.set(english.trim(), arabic.split(',').map((w) => w.trim()).filter(Boolean));
}

/** Arabic words for an English question word (lower case), or none. */
export function arabicGlosses(englishWord: string): readonly string[] {
  return GLOSSARY.get(englishWord) ?? [];
}

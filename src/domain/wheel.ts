// The life-area wheel: Spelplan's own instrument for mapping where a participant stands in their life and
// in their readiness for work (not the licensed Outcome Star: the texts here are written for Spelplan).
// Each area is rated on a ladder of ten steps, each step described in plain words: step 1 is where things
// are hardest, step 10 is managing fully on one's own. The default set is CRUX's five life areas (housing,
// economy, family and network, activity, health) and four areas of work readiness.
//
// A program may adjust the areas and texts; every change is a new version of the instrument, and a reading
// keeps the version it was made with. Area keys are stable across versions, so change over time is
// compared per key.

export const WHEEL_LANGUAGES = ["sv", "nb", "en"] as const;
export type WheelLanguage = (typeof WHEEL_LANGUAGES)[number];

export const WHEEL_GROUPS = ["life", "work_readiness"] as const;
export type WheelGroup = (typeof WHEEL_GROUPS)[number];

export const MIN_SCORE = 1;
export const MAX_SCORE = 10;
export const STEP_COUNT = 10;
/** The radar chart needs at least three axes; more than twelve is no longer readable. */
export const MIN_AREAS = 3;
export const MAX_AREAS = 12;
export const MAX_LABEL_LENGTH = 60;
export const MAX_STEP_LENGTH = 300;
/** Participant and coordinator readings this far apart on an area are pointed out. */
export const DIFFERENCE_THRESHOLD = 3;
/** The chart overlays at most this many readings. */
export const MAX_CHART_READINGS = 3;

/** One life area: a name and a plain-language description of each step 1-10, in each language. */
export interface WheelArea {
  key: string;
  group: WheelGroup;
  label: Record<WheelLanguage, string>;
  /** Ten descriptions, for scores 1..10. */
  steps: Record<WheelLanguage, string[]>;
}

/** Area key -> score 1..10. An area may be missing (e.g. a reading made with a version without it). */
export type WheelScores = Record<string, number>;

const KEY_RE = /^[a-z][a-z0-9_]{1,39}$/;

export function isWheelAreaKey(value: string): boolean {
  return KEY_RE.test(value);
}

export function isScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_SCORE && value <= MAX_SCORE;
}

// ---------------------------------------------------------------------------------------------------------
// The default instrument

export const DEFAULT_WHEEL_AREAS: readonly WheelArea[] = [
  {
    key: "housing",
    group: "life",
    label: { sv: "Boende", nb: "Bolig", en: "Housing" },
    steps: {
      sv: [
        "Jag har ingenstans att bo och vet inte var jag ska sova.",
        "Jag bor tillfälligt hos någon eller på ett boende, och det kan ta slut snart.",
        "Jag har tak över huvudet, men boendet är osäkert eller fungerar dåligt för mig.",
        "Jag har ett boende, men det finns stora problem, till exempel skuld på hyran eller bråk.",
        "Mitt boende fungerar ibland. Jag behöver mycket hjälp för att behålla det.",
        "Mitt boende fungerar för det mesta. Jag får hjälp med det som är svårt.",
        "Jag har ett boende som fungerar. Jag behöver bara lite hjälp då och då.",
        "Jag sköter mitt boende själv, men frågar om råd när något nytt händer.",
        "Jag sköter mitt boende själv och vet vart jag vänder mig om något blir fel.",
        "Jag har ett tryggt boende som jag klarar helt på egen hand.",
      ],
      nb: [
        "Jeg har ikke noe sted å bo og vet ikke hvor jeg skal sove.",
        "Jeg bor midlertidig hos noen eller på et botilbud, og det kan ta slutt snart.",
        "Jeg har tak over hodet, men boligen er usikker eller fungerer dårlig for meg.",
        "Jeg har en bolig, men det er store problemer, for eksempel husleiegjeld eller krangel.",
        "Boligen min fungerer av og til. Jeg trenger mye hjelp for å beholde den.",
        "Boligen min fungerer for det meste. Jeg får hjelp med det som er vanskelig.",
        "Jeg har en bolig som fungerer. Jeg trenger bare litt hjelp innimellom.",
        "Jeg tar vare på boligen min selv, men spør om råd når noe nytt skjer.",
        "Jeg tar vare på boligen min selv og vet hvor jeg kan henvende meg hvis noe går galt.",
        "Jeg har en trygg bolig som jeg klarer helt på egen hånd.",
      ],
      en: [
        "I have nowhere to live and do not know where I will sleep.",
        "I am staying with someone or in temporary housing, and it may end soon.",
        "I have a roof over my head, but my housing is unsafe or does not work for me.",
        "I have a home, but there are big problems, such as unpaid rent or conflicts.",
        "My housing works some of the time. I need a lot of help to keep it.",
        "My housing works most of the time. I get help with the hard parts.",
        "I have a home that works. I only need a little help now and then.",
        "I look after my home myself, but ask for advice when something new comes up.",
        "I look after my home myself and know where to turn if something goes wrong.",
        "I have a safe home that I manage fully on my own.",
      ],
    },
  },
  {
    key: "economy",
    group: "life",
    label: { sv: "Ekonomi", nb: "Økonomi", en: "Money" },
    steps: {
      sv: [
        "Jag har inga pengar att leva på och vet inte hur jag ska klara mig.",
        "Pengarna räcker inte till mat och hyra. Jag har skulder som växer.",
        "Jag har en inkomst, men den räcker inte. Det är svårt för mig att öppna räkningar.",
        "Jag vet ungefär hur mycket pengar jag har, men de tar ofta slut före månadens slut.",
        "Jag får hjälp att planera pengarna, och det fungerar en del av tiden.",
        "Jag betalar de viktigaste räkningarna i tid med lite hjälp.",
        "Jag gör en enkel budget och håller den för det mesta.",
        "Jag har koll på mina pengar. Om jag har skulder har jag en plan för dem.",
        "Jag sköter min ekonomi själv och kan spara lite till oväntade kostnader.",
        "Jag sköter min ekonomi helt på egen hand och känner mig trygg med den.",
      ],
      nb: [
        "Jeg har ingen penger å leve av og vet ikke hvordan jeg skal klare meg.",
        "Pengene rekker ikke til mat og husleie. Jeg har gjeld som vokser.",
        "Jeg har en inntekt, men den rekker ikke. Det er vanskelig for meg å åpne regninger.",
        "Jeg vet omtrent hvor mye penger jeg har, men de tar ofte slutt før måneden er over.",
        "Jeg får hjelp til å planlegge pengene, og det fungerer en del av tiden.",
        "Jeg betaler de viktigste regningene i tide med litt hjelp.",
        "Jeg lager et enkelt budsjett og holder det for det meste.",
        "Jeg har oversikt over pengene mine. Hvis jeg har gjeld, har jeg en plan for den.",
        "Jeg styrer økonomien min selv og kan spare litt til uventede utgifter.",
        "Jeg styrer økonomien min helt på egen hånd og føler meg trygg på den.",
      ],
      en: [
        "I have no money to live on and do not know how I will manage.",
        "My money does not cover food and rent. My debts are growing.",
        "I have an income, but it is not enough. I find it hard to open my bills.",
        "I roughly know how much money I have, but it often runs out before the month ends.",
        "I get help to plan my money, and it works some of the time.",
        "I pay the most important bills on time with a little help.",
        "I make a simple budget and stick to it most of the time.",
        "I keep track of my money. If I have debts, I have a plan for them.",
        "I manage my money myself and can save a little for unexpected costs.",
        "I manage my money fully on my own and feel secure about it.",
      ],
    },
  },
  {
    key: "family_network",
    group: "life",
    label: { sv: "Familj och nätverk", nb: "Familie og nettverk", en: "Family and network" },
    steps: {
      sv: [
        "Jag har ingen att vända mig till och känner mig helt ensam.",
        "Jag har nästan ingen kontakt med andra, eller så är kontakterna jag har dåliga för mig.",
        "Jag har någon enstaka person, men kontakten är svår eller sällan.",
        "Jag har kontakt med några personer, men det blir ofta bråk eller avstånd.",
        "Jag har några personer som jag kan prata med ibland.",
        "Jag har någon att ringa när det är svårt, och jag börjar ta kontakt själv.",
        "Jag har några personer som stöttar mig, och jag stöttar dem också.",
        "Jag har bra relationer och kan säga ifrån när något inte känns bra.",
        "Jag har ett nätverk som jag kan lita på, och jag håller kontakten själv.",
        "Jag tar hand om mina relationer helt på egen hand och vet vem jag kan be om hjälp.",
      ],
      nb: [
        "Jeg har ingen å vende meg til og føler meg helt alene.",
        "Jeg har nesten ingen kontakt med andre, eller kontaktene jeg har er dårlige for meg.",
        "Jeg har en enkelt person, men kontakten er vanskelig eller sjelden.",
        "Jeg har kontakt med noen personer, men det blir ofte krangel eller avstand.",
        "Jeg har noen personer som jeg kan snakke med av og til.",
        "Jeg har noen å ringe når det er vanskelig, og jeg begynner å ta kontakt selv.",
        "Jeg har noen personer som støtter meg, og jeg støtter dem også.",
        "Jeg har gode relasjoner og kan si ifra når noe ikke føles bra.",
        "Jeg har et nettverk som jeg kan stole på, og jeg holder kontakten selv.",
        "Jeg tar vare på relasjonene mine helt på egen hånd og vet hvem jeg kan be om hjelp.",
      ],
      en: [
        "I have no one to turn to and feel completely alone.",
        "I have almost no contact with others, or the contacts I have are bad for me.",
        "I have one or two people, but contact is difficult or rare.",
        "I am in touch with a few people, but there are often arguments or distance.",
        "I have a few people I can talk to now and then.",
        "I have someone to call when things are hard. I am starting to get in touch myself.",
        "I have a few people who support me, and I support them too.",
        "I have good relationships and can say no when something does not feel right.",
        "I have a network I can trust, and I keep in touch myself.",
        "I look after my relationships fully on my own and know whom to ask for help.",
      ],
    },
  },
  {
    key: "activity",
    group: "life",
    label: { sv: "Aktivitet", nb: "Aktivitet", en: "Activity" },
    steps: {
      sv: [
        "Jag gör nästan ingenting på dagarna och orkar inte ta mig ut.",
        "Jag är mest hemma. Det är svårt att komma igång med något alls.",
        "Jag gör något ibland, men bara när någon annan planerar det åt mig.",
        "Jag är med på en aktivitet ibland, men jag hoppar ofta av.",
        "Jag har en aktivitet varje vecka som jag går till för det mesta.",
        "Jag har flera aktiviteter i veckan och börjar välja själv vad jag vill göra.",
        "Jag har en vecka med aktiviteter som känns meningsfulla för mig.",
        "Jag planerar mina aktiviteter själv och fortsätter även när det är tungt.",
        "Jag har en aktiv vardag med sysslor, fritid och saker jag tycker om.",
        "Jag fyller mina dagar med aktiviteter som jag väljer, helt på egen hand.",
      ],
      nb: [
        "Jeg gjør nesten ingenting om dagene og orker ikke å komme meg ut.",
        "Jeg er mest hjemme. Det er vanskelig å komme i gang med noe i det hele tatt.",
        "Jeg gjør noe av og til, men bare når noen andre planlegger det for meg.",
        "Jeg er med på en aktivitet av og til, men jeg faller ofte fra.",
        "Jeg har en aktivitet hver uke som jeg går til for det meste.",
        "Jeg har flere aktiviteter i uken og begynner å velge selv hva jeg vil gjøre.",
        "Jeg har en uke med aktiviteter som føles meningsfulle for meg.",
        "Jeg planlegger aktivitetene mine selv og fortsetter også når det er tungt.",
        "Jeg har en aktiv hverdag med gjøremål, fritid og ting jeg liker.",
        "Jeg fyller dagene med aktiviteter som jeg velger, helt på egen hånd.",
      ],
      en: [
        "I do almost nothing during the day and cannot manage to go out.",
        "I stay at home most of the time. It is hard to get started with anything at all.",
        "I do something now and then, but only when someone else plans it for me.",
        "I take part in an activity now and then, but I often drop out.",
        "I have an activity every week that I go to most of the time.",
        "I have several activities a week and am starting to choose what I want to do.",
        "I have a week of activities that feel meaningful to me.",
        "I plan my activities myself and keep going even when it is hard.",
        "I have an active everyday life with chores, free time and things I enjoy.",
        "I fill my days with activities that I choose, fully on my own.",
      ],
    },
  },
  {
    key: "health",
    group: "life",
    label: { sv: "Hälsa", nb: "Helse", en: "Health" },
    steps: {
      sv: [
        "Jag mår mycket dåligt, i kroppen eller psykiskt, och får ingen hjälp.",
        "Jag mår dåligt nästan hela tiden. Det är svårt att ta emot vård.",
        "Jag mår ofta dåligt. Jag har börjat prata med någon om det.",
        "Jag får vård eller stöd, men jag mår fortfarande ofta dåligt.",
        "Jag har bra och dåliga dagar. Jag går på de flesta besök jag har.",
        "Jag vet vad som gör att jag mår sämre och försöker undvika det.",
        "Jag mår ganska bra för det mesta. Jag tar hand om sömn, mat och rörelse.",
        "Jag märker tidigt när jag börjar må sämre och vet vad jag kan göra.",
        "Jag tar hand om min hälsa själv och söker vård när det behövs.",
        "Jag tar hand om min hälsa helt på egen hand, även när jag mår sämre en period.",
      ],
      nb: [
        "Jeg har det veldig dårlig, i kroppen eller psykisk, og får ingen hjelp.",
        "Jeg har det dårlig nesten hele tiden. Det er vanskelig å ta imot behandling.",
        "Jeg har det ofte dårlig. Jeg har begynt å snakke med noen om det.",
        "Jeg får behandling eller støtte, men jeg har det fortsatt ofte dårlig.",
        "Jeg har gode og dårlige dager. Jeg går til de fleste avtalene jeg har.",
        "Jeg vet hva som gjør at jeg får det verre, og prøver å unngå det.",
        "Jeg har det ganske bra for det meste. Jeg tar vare på søvn, mat og bevegelse.",
        "Jeg merker tidlig når jeg begynner å få det verre, og vet hva jeg kan gjøre.",
        "Jeg tar vare på helsen min selv og søker hjelp når det trengs.",
        "Jeg tar vare på helsen min helt på egen hånd, også når jeg har det verre en periode.",
      ],
      en: [
        "I feel very unwell, in body or mind, and get no help.",
        "I feel unwell almost all the time. It is hard to accept care.",
        "I often feel unwell. I have started to talk to someone about it.",
        "I get care or support, but I still often feel unwell.",
        "I have good days and bad days. I go to most of my appointments.",
        "I know what makes me feel worse and try to avoid it.",
        "I feel fairly well most of the time. I look after my sleep, food and exercise.",
        "I notice early when I start to feel worse and know what I can do.",
        "I look after my health myself and seek care when I need it.",
        "I look after my health fully on my own, even when I feel worse for a while.",
      ],
    },
  },
  {
    key: "daily_routines",
    group: "work_readiness",
    label: { sv: "Vardagsrutiner", nb: "Daglige rutiner", en: "Daily routines" },
    steps: {
      sv: [
        "Jag har inga rutiner. Jag sover och äter på väldigt olika tider.",
        "Mina dagar är helt olika. Jag missar ofta saker som jag har bestämt.",
        "Jag klarar en fast tid ibland, om någon påminner mig.",
        "Jag klarar några fasta tider i veckan med många påminnelser.",
        "Jag kommer i tid till det mesta med hjälp av påminnelser.",
        "Jag har en ungefärlig dygnsrytm och kommer i tid för det mesta.",
        "Jag planerar min vecka, till exempel i en kalender, och följer planen för det mesta.",
        "Jag har fasta rutiner för sömn, mat och tider och håller dem själv.",
        "Jag klarar rutiner som liknar en arbetsvecka eller skolvecka.",
        "Mina rutiner håller även när något oväntat händer, helt på egen hand.",
      ],
      nb: [
        "Jeg har ingen rutiner. Jeg sover og spiser til svært forskjellige tider.",
        "Dagene mine er helt forskjellige. Jeg går ofte glipp av ting jeg har avtalt.",
        "Jeg klarer et fast tidspunkt av og til, hvis noen minner meg på det.",
        "Jeg klarer noen faste tider i uken med mange påminnelser.",
        "Jeg kommer i tide til det meste med hjelp av påminnelser.",
        "Jeg har en omtrentlig døgnrytme og kommer i tide for det meste.",
        "Jeg planlegger uken min, for eksempel i en kalender, og følger planen for det meste.",
        "Jeg har faste rutiner for søvn, mat og tider og holder dem selv.",
        "Jeg klarer rutiner som ligner en arbeidsuke eller skoleuke.",
        "Rutinene mine holder også når noe uventet skjer, helt på egen hånd.",
      ],
      en: [
        "I have no routines. I sleep and eat at very different times.",
        "My days are all different. I often miss things I have agreed to.",
        "I can keep a fixed time now and then if someone reminds me.",
        "I can keep a few fixed times a week with a lot of reminders.",
        "I am on time for most things with the help of reminders.",
        "I have a rough daily rhythm and am on time most of the time.",
        "I plan my week, for example in a calendar, and follow the plan most of the time.",
        "I have fixed routines for sleep, meals and times, and keep them myself.",
        "I can keep routines like those of a working week or school week.",
        "My routines hold even when something unexpected happens, fully on my own.",
      ],
    },
  },
  {
    key: "social_skills",
    group: "work_readiness",
    label: { sv: "Social förmåga", nb: "Sosiale ferdigheter", en: "Social skills" },
    steps: {
      sv: [
        "Det är mycket svårt för mig att träffa andra människor. Jag undviker det helt.",
        "Jag klarar att träffa en person som jag känner, men nya människor skrämmer mig.",
        "Jag kan vara i en grupp en kort stund om någon jag litar på är med.",
        "Jag är med i gruppen, men det är svårt att prata eller säga vad jag tycker.",
        "Jag pratar i grupp ibland och klarar kontakter med myndigheter med stöd.",
        "Jag pratar med nya människor, men konflikter är fortfarande svåra.",
        "Jag samarbetar med andra och kan be om hjälp när jag behöver det.",
        "Jag klarar de flesta samtal själv, också med en arbetsgivare eller lärare.",
        "Jag hanterar de flesta situationer med andra, också när vi tycker olika.",
        "Jag klarar kontakter i arbete, skola och fritid helt på egen hand.",
      ],
      nb: [
        "Det er svært vanskelig for meg å treffe andre mennesker. Jeg unngår det helt.",
        "Jeg klarer å treffe én person som jeg kjenner, men nye mennesker skremmer meg.",
        "Jeg kan være i en gruppe en kort stund hvis noen jeg stoler på er med.",
        "Jeg er med i gruppen, men det er vanskelig å snakke eller si hva jeg mener.",
        "Jeg snakker i gruppe av og til og klarer kontakt med offentlige kontorer med støtte.",
        "Jeg snakker med nye mennesker, men konflikter er fortsatt vanskelige.",
        "Jeg samarbeider med andre og kan be om hjelp når jeg trenger det.",
        "Jeg klarer de fleste samtaler selv, også med en arbeidsgiver eller lærer.",
        "Jeg håndterer de fleste situasjoner med andre, også når vi er uenige.",
        "Jeg klarer kontakt på jobb, skole og fritid helt på egen hånd.",
      ],
      en: [
        "Meeting other people is very hard for me. I avoid it completely.",
        "I can meet one person I know, but new people frighten me.",
        "I can be in a group for a short while if someone I trust is there.",
        "I take part in the group, but it is hard to talk or say what I think.",
        "I sometimes speak in a group and can deal with public offices with support.",
        "I talk to new people, but conflicts are still hard.",
        "I work together with others and can ask for help when I need it.",
        "I manage most conversations myself, also with an employer or a teacher.",
        "I handle most situations with others, also when we disagree.",
        "I manage contacts at work, at school and in my free time fully on my own.",
      ],
    },
  },
  {
    key: "motivation",
    group: "work_readiness",
    label: { sv: "Motivation", nb: "Motivasjon", en: "Motivation" },
    steps: {
      sv: [
        "Jag ser ingen mening med att förändra något just nu.",
        "Jag vill att något ska bli annorlunda, men jag tror inte att det går.",
        "Jag har börjat fundera på vad jag skulle vilja göra.",
        "Jag vet ungefär vad jag vill, men det känns långt borta.",
        "Jag har ett mål och har tagit ett första litet steg mot det.",
        "Jag arbetar mot mitt mål, men jag tappar lätt lusten när det går trögt.",
        "Jag tar steg mot mitt mål varje vecka och vet varför det är viktigt för mig.",
        "Jag fortsätter mot mitt mål även när det är motigt.",
        "Jag har en tydlig plan för arbete eller studier och följer upp den själv.",
        "Jag driver min väg mot arbete eller studier helt på egen hand.",
      ],
      nb: [
        "Jeg ser ingen mening i å forandre noe akkurat nå.",
        "Jeg vil at noe skal bli annerledes, men jeg tror ikke at det går.",
        "Jeg har begynt å tenke på hva jeg kunne tenke meg å gjøre.",
        "Jeg vet omtrent hva jeg vil, men det føles langt unna.",
        "Jeg har et mål og har tatt et første lite steg mot det.",
        "Jeg jobber mot målet mitt, men jeg mister lett lysten når det går tregt.",
        "Jeg tar steg mot målet mitt hver uke og vet hvorfor det er viktig for meg.",
        "Jeg fortsetter mot målet mitt også når det er motbakke.",
        "Jeg har en tydelig plan for arbeid eller studier og følger den opp selv.",
        "Jeg driver min vei mot arbeid eller studier helt på egen hånd.",
      ],
      en: [
        "I see no point in changing anything right now.",
        "I want something to be different, but I do not believe it is possible.",
        "I have started to think about what I would like to do.",
        "I roughly know what I want, but it feels far away.",
        "I have a goal and have taken a first small step towards it.",
        "I work towards my goal, but I easily lose heart when things go slowly.",
        "I take steps towards my goal every week and know why it matters to me.",
        "I keep going towards my goal even when it is tough.",
        "I have a clear plan for work or studies and follow it up myself.",
        "I lead my own way towards work or studies, fully on my own.",
      ],
    },
  },
  {
    key: "own_resources",
    group: "work_readiness",
    label: { sv: "Kunskap om egna resurser", nb: "Kunnskap om egne ressurser", en: "Knowing my own resources" },
    steps: {
      sv: [
        "Jag vet inte vad jag är bra på, eller tror att jag inte är bra på något.",
        "Det är svårt för mig att se något bra hos mig själv.",
        "Andra har sagt vad jag är bra på, men jag har svårt att tro på det.",
        "Jag kan nämna en sak som jag är bra på.",
        "Jag kan nämna några styrkor och några saker som är svåra för mig.",
        "Jag vet vad jag behöver för att klara en uppgift, till exempel pauser eller tydliga instruktioner.",
        "Jag kan berätta för någon annan om mina styrkor och vilket stöd jag behöver.",
        "Jag vet vilka jobb eller utbildningar som passar mina styrkor.",
        "Jag använder mina styrkor medvetet och ber om anpassningar när jag behöver det.",
        "Jag känner mina resurser och gränser väl och använder dem helt på egen hand.",
      ],
      nb: [
        "Jeg vet ikke hva jeg er god til, eller tror at jeg ikke er god til noe.",
        "Det er vanskelig for meg å se noe bra ved meg selv.",
        "Andre har sagt hva jeg er god til, men jeg har vanskelig for å tro på det.",
        "Jeg kan nevne én ting som jeg er god til.",
        "Jeg kan nevne noen styrker og noen ting som er vanskelige for meg.",
        "Jeg vet hva jeg trenger for å klare en oppgave, for eksempel pauser eller tydelige beskjeder.",
        "Jeg kan fortelle noen andre om styrkene mine og hvilken støtte jeg trenger.",
        "Jeg vet hvilke jobber eller utdanninger som passer styrkene mine.",
        "Jeg bruker styrkene mine bevisst og ber om tilrettelegging når jeg trenger det.",
        "Jeg kjenner ressursene og grensene mine godt og bruker dem helt på egen hånd.",
      ],
      en: [
        "I do not know what I am good at, or think I am not good at anything.",
        "It is hard for me to see anything good about myself.",
        "Others have told me what I am good at, but I find it hard to believe.",
        "I can name one thing that I am good at.",
        "I can name a few strengths and a few things that are hard for me.",
        "I know what I need to manage a task, for example breaks or clear instructions.",
        "I can tell someone else about my strengths and the support I need.",
        "I know which jobs or courses suit my strengths.",
        "I use my strengths on purpose and ask for adjustments when I need them.",
        "I know my resources and limits well and use them fully on my own.",
      ],
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Validating an instrument and a set of scores

export type InstrumentProblem =
  | { code: "too_few_areas" | "too_many_areas" }
  | { code: "bad_key" | "duplicate_key" | "bad_group"; index: number; key: string }
  | { code: "missing_label" | "label_too_long" | "wrong_step_count"; index: number; key: string; language: WheelLanguage }
  | { code: "empty_step" | "step_too_long"; index: number; key: string; language: WheelLanguage; step: number };

/** What is wrong with a set of areas (empty when it can be saved as an instrument version). */
export function validateInstrument(areas: readonly WheelArea[]): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  if (areas.length < MIN_AREAS) problems.push({ code: "too_few_areas" });
  if (areas.length > MAX_AREAS) problems.push({ code: "too_many_areas" });
  const seen = new Set<string>();
  areas.forEach((area, index) => {
    const key = area.key;
    if (!isWheelAreaKey(key)) problems.push({ code: "bad_key", index, key });
    else if (seen.has(key)) problems.push({ code: "duplicate_key", index, key });
    seen.add(key);
    if (!(WHEEL_GROUPS as readonly string[]).includes(area.group)) problems.push({ code: "bad_group", index, key });
    for (const language of WHEEL_LANGUAGES) {
      const label = area.label?.[language];
      if (typeof label !== "string" || label.trim() === "") problems.push({ code: "missing_label", index, key, language });
      else if (label.length > MAX_LABEL_LENGTH) problems.push({ code: "label_too_long", index, key, language });
      const steps = area.steps?.[language];
      if (!Array.isArray(steps) || steps.length !== STEP_COUNT) {
        problems.push({ code: "wrong_step_count", index, key, language });
        continue;
      }
      steps.forEach((text, i) => {
        if (typeof text !== "string" || text.trim() === "") problems.push({ code: "empty_step", index, key, language, step: i + 1 });
        else if (text.length > MAX_STEP_LENGTH) problems.push({ code: "step_too_long", index, key, language, step: i + 1 });
      });
    }
  });
  return problems;
}

export type ScoreProblem = { key: string; code: "unknown_area" | "not_a_score" | "missing" };

/**
 * What is wrong with a reading's scores against the instrument version it is made with: every score is a
 * whole number 1-10 for an area of that version, and (unless `allowMissing`) every area has one.
 */
export function validateScores(areas: readonly Pick<WheelArea, "key">[], scores: Readonly<Record<string, unknown>>, options: { allowMissing?: boolean } = {}): ScoreProblem[] {
  const keys = new Set(areas.map((a) => a.key));
  const problems: ScoreProblem[] = [];
  for (const [key, value] of Object.entries(scores)) {
    if (!keys.has(key)) problems.push({ key, code: "unknown_area" });
    else if (!isScore(value)) problems.push({ key, code: "not_a_score" });
  }
  if (!options.allowMissing) {
    for (const area of areas) if (!(area.key in scores)) problems.push({ key: area.key, code: "missing" });
  }
  return problems;
}

/** Two instruments' areas are the same (a program's change that changes nothing is not a new version). */
export function sameAreas(a: readonly WheelArea[], b: readonly WheelArea[]): boolean {
  const canonical = (areas: readonly WheelArea[]) =>
    JSON.stringify(
      areas.map((x) => ({
        key: x.key,
        group: x.group,
        label: WHEEL_LANGUAGES.map((l) => x.label[l]),
        steps: WHEEL_LANGUAGES.map((l) => x.steps[l]),
      })),
    );
  return canonical(a) === canonical(b);
}

/** A key for a new area, from its (Swedish) name: lower case ASCII, unique among the existing keys. */
export function newAreaKey(label: string, existing: Iterable<string>): string {
  // "new" names the page for a new area.
  const taken = new Set([...existing, "new"]);
  const folded = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[æ]/gi, "ae")
    .replace(/[øœ]/gi, "o")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 32)
    .replace(/_+$/, "");
  const base = folded.length >= 2 ? folded : "area";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The area moved one place up or down (unchanged at the ends). */
export function moveArea<T extends { key: string }>(areas: readonly T[], key: string, direction: "up" | "down"): T[] {
  const result = [...areas];
  const i = result.findIndex((a) => a.key === key);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= result.length) return result;
  [result[i], result[j]] = [result[j]!, result[i]!];
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Change between readings

export interface AreaChange {
  key: string;
  from: number | null;
  to: number | null;
  /** to - from, when both readings rated the area. */
  change: number | null;
}

/** The change per area from one reading to another, in the order of `keys`. */
export function areaChanges(keys: readonly string[], from: WheelScores, to: WheelScores): AreaChange[] {
  return keys.map((key) => {
    const a = isScore(from[key]) ? from[key] : null;
    const b = isScore(to[key]) ? to[key] : null;
    return { key, from: a, to: b, change: a !== null && b !== null ? b - a : null };
  });
}

export interface ChangeSummary {
  improved: number;
  same: number;
  lower: number;
}

export function summariseChanges(changes: readonly AreaChange[]): ChangeSummary {
  const summary = { improved: 0, same: 0, lower: 0 };
  for (const c of changes) {
    if (c.change === null) continue;
    if (c.change > 0) summary.improved++;
    else if (c.change < 0) summary.lower++;
    else summary.same++;
  }
  return summary;
}

/** The mean of a reading's scores over the given areas (those it rated), rounded to one decimal; null if none. */
export function meanScore(scores: WheelScores, keys: readonly string[]): number | null {
  const values = keys.map((k) => scores[k]).filter(isScore);
  if (values.length === 0) return null;
  return round1(values.reduce((s, v) => s + v, 0) / values.length);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface ReadingForStatistics {
  date: string;
  /** Breaks ties between readings on the same date (the one recorded later counts as later). */
  recordedAt?: Date | string;
  scores: WheelScores;
}

export interface FirstToLastChange {
  firstDate: string;
  lastDate: string;
  /** The areas both readings rated, with their change. */
  areas: { key: string; first: number; last: number; change: number }[];
  /** The mean over those areas at the first and the last reading, and its change (one decimal). */
  overall: { first: number; last: number; change: number };
}

function chronological<T extends ReadingForStatistics>(readings: readonly T[]): T[] {
  const at = (r: ReadingForStatistics) => (r.recordedAt instanceof Date ? r.recordedAt.toISOString() : (r.recordedAt ?? ""));
  return [...readings].sort((a, b) => a.date.localeCompare(b.date) || at(a).localeCompare(at(b)));
}

/**
 * The change from a participant's first to their last reading, per area and as an overall mean: what the
 * program's statistics count. Pass the readings of one rater (the participant's own, or the coordinator's),
 * so that like is compared with like. Only areas rated in both readings count (instrument versions may
 * differ). Null with fewer than two readings or no area in common.
 */
export function changeFromFirstToLast(readings: readonly ReadingForStatistics[]): FirstToLastChange | null {
  if (readings.length < 2) return null;
  const sorted = chronological(readings);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const areas = Object.keys(first.scores)
    .filter((key) => isScore(first.scores[key]) && isScore(last.scores[key]))
    .map((key) => ({ key, first: first.scores[key]!, last: last.scores[key]!, change: last.scores[key]! - first.scores[key]! }));
  if (areas.length === 0) return null;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const firstMean = mean(areas.map((a) => a.first));
  const lastMean = mean(areas.map((a) => a.last));
  return {
    firstDate: first.date,
    lastDate: last.date,
    areas,
    overall: { first: round1(firstMean), last: round1(lastMean), change: round1(lastMean - firstMean) },
  };
}

export interface ProgramWheelStatistics {
  /** Participants with a change (two readings or more by the chosen rater). */
  participants: number;
  /** Of them, how many have a higher overall mean at the last reading, the same, or a lower one. */
  improved: number;
  same: number;
  lower: number;
  /** The mean overall change (one decimal), null without participants. */
  meanChange: number | null;
  /** Per area: how many participants rated it both times and their mean change (one decimal). */
  areas: { key: string; participants: number; meanChange: number }[];
}

/** The program's figures from each participant's change from first to last reading (see changeFromFirstToLast). */
export function programWheelStatistics(changes: readonly (FirstToLastChange | null)[]): ProgramWheelStatistics {
  const present = changes.filter((c): c is FirstToLastChange => c !== null);
  const perArea = new Map<string, number[]>();
  for (const c of present) for (const a of c.areas) (perArea.get(a.key) ?? perArea.set(a.key, []).get(a.key)!).push(a.change);
  const mean = (values: number[]) => round1(values.reduce((s, v) => s + v, 0) / values.length);
  return {
    participants: present.length,
    improved: present.filter((c) => c.overall.change > 0).length,
    same: present.filter((c) => c.overall.change === 0).length,
    lower: present.filter((c) => c.overall.change < 0).length,
    meanChange: present.length ? mean(present.map((c) => c.overall.change)) : null,
    areas: [...perArea.entries()].map(([key, values]) => ({ key, participants: values.length, meanChange: mean(values) })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Participant and coordinator side by side

export interface RatedReading {
  id: string;
  ratedBy: "participant" | "coordinator";
  occasion: "start" | "during" | "exit";
  date: string;
  scores: WheelScores;
}

/** How far apart two readings of the same occasion may be and still be compared. */
export const PAIR_WITHIN_DAYS = 31;

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * The participant's and the coordinator's readings of the same occasion, paired: for each participant
 * reading (newest first) the coordinator reading of that occasion nearest in date, within PAIR_WITHIN_DAYS,
 * each used once.
 */
export function pairReadings<T extends RatedReading>(readings: readonly T[]): { participant: T; coordinator: T }[] {
  const own = readings.filter((r) => r.ratedBy === "participant").sort((a, b) => b.date.localeCompare(a.date));
  const free = readings.filter((r) => r.ratedBy === "coordinator");
  const pairs: { participant: T; coordinator: T }[] = [];
  for (const p of own) {
    let best: T | null = null;
    for (const c of free) {
      if (c.occasion !== p.occasion || daysBetween(c.date, p.date) > PAIR_WITHIN_DAYS) continue;
      if (!best || daysBetween(c.date, p.date) < daysBetween(best.date, p.date)) best = c;
    }
    if (best) {
      pairs.push({ participant: p, coordinator: best });
      free.splice(free.indexOf(best), 1);
    }
  }
  return pairs;
}

export interface AreaComparison extends AreaChange {
  /** |participant - coordinator| >= DIFFERENCE_THRESHOLD. */
  differs: boolean;
}

/** Per area: the participant's score, the coordinator's, and whether they differ by three steps or more. */
export function compareRaters(keys: readonly string[], participant: WheelScores, coordinator: WheelScores, threshold = DIFFERENCE_THRESHOLD): AreaComparison[] {
  return areaChanges(keys, participant, coordinator).map((c) => ({ ...c, differs: c.change !== null && Math.abs(c.change) >= threshold }));
}

// ---------------------------------------------------------------------------------------------------------
// Which readings the chart shows

/**
 * The readings the chart overlays: those asked for (at most MAX_CHART_READINGS, in date order), or by
 * default the first and the latest reading.
 */
export function chartReadings<T extends ReadingForStatistics & { id: string }>(readings: readonly T[], requested: readonly string[] = []): T[] {
  const sorted = chronological(readings);
  const asked = sorted.filter((r) => requested.includes(r.id));
  if (asked.length > 0) return asked.slice(0, MAX_CHART_READINGS);
  const first = sorted[0];
  const latest = sorted.at(-1);
  if (!first || !latest) return [];
  return first === latest ? [latest] : [first, latest];
}

// ---------------------------------------------------------------------------------------------------------
// The radar chart's geometry

export interface Point {
  x: number;
  y: number;
}

export interface RadarAxis {
  key: string;
  /** The end of the axis (score 10). */
  end: Point;
  /** Where the label goes, how it is anchored, and its lines. */
  label: { x: number; y: number; anchor: "start" | "middle" | "end"; lines: string[] };
}

export interface RadarReading {
  /** The points of the areas this reading rated, in axis order. */
  points: (Point & { key: string; value: number })[];
  /** The polygon's points as SVG wants them ("x,y x,y ..."). */
  polygon: string;
  /** Areas without a score in this reading (left out of the shape). */
  missing: string[];
}

export interface RadarGeometry {
  width: number;
  height: number;
  center: Point;
  radius: number;
  axes: RadarAxis[];
  /** Grid rings at these scores, as SVG polygon points. */
  rings: { value: number; polygon: string }[];
  /** Where the ring values are written (along the first axis). */
  ringLabels: { value: number; x: number; y: number }[];
  readings: RadarReading[];
}

export interface RadarInput {
  axes: readonly { key: string; label: string }[];
  /** Up to three readings' scores (more are ignored). */
  readings: readonly WheelScores[];
  /** The chart's width; the height follows. */
  width?: number;
  /** Labels are wrapped to lines of about this many characters. */
  labelChars?: number;
  ringValues?: readonly number[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The distance between the lines of a wrapped axis label. */
export const LABEL_LINE_HEIGHT = 17;

/** Splits a label into lines of at most about `max` characters at spaces (a long word stays whole). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.trim().split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Where everything in the radar chart goes: one axis per area, clockwise from the top; a score s lies at
 * s/10 of the radius; grid rings; label positions outside the axes' ends, anchored away from the centre;
 * and for each reading (up to three) a polygon through the areas it rated.
 */
export function radarGeometry(input: RadarInput): RadarGeometry {
  const width = input.width ?? 640;
  const labelChars = input.labelChars ?? 14;
  const lineHeight = LABEL_LINE_HEIGHT;
  const marginX = Math.max(120, labelChars * 8.5);
  const marginY = 64;
  const radius = r2(Math.max(40, width / 2 - marginX));
  const height = Math.round(2 * radius + 2 * marginY);
  const center = { x: r2(width / 2), y: r2(height / 2) };
  const n = input.axes.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  const at = (i: number, value: number): Point => ({
    x: r2(center.x + Math.cos(angle(i)) * radius * (value / MAX_SCORE)),
    y: r2(center.y + Math.sin(angle(i)) * radius * (value / MAX_SCORE)),
  });
  const polygonOf = (points: Point[]) => points.map((p) => `${p.x},${p.y}`).join(" ");

  const axes: RadarAxis[] = input.axes.map((axis, i) => {
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const lines = wrapLabel(axis.label, labelChars);
    const offset = 14;
    const anchor = cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
    const x = center.x + cos * (radius + offset);
    // Above the top: the last line sits just above; below the bottom: the first line just below; at the
    // sides the block of lines is centred on the axis.
    const block = (lines.length - 1) * lineHeight;
    const baseline = sin < -0.25 ? -block - 4 : sin > 0.25 ? 12 : -block / 2 + 5;
    const y = center.y + sin * (radius + offset) + baseline;
    return { key: axis.key, end: at(i, MAX_SCORE), label: { x: r2(x), y: r2(y), anchor, lines } };
  });

  const ringValues = input.ringValues ?? [2, 4, 6, 8, 10];
  const rings = ringValues.map((value) => ({ value, polygon: polygonOf(input.axes.map((_, i) => at(i, value))) }));
  const ringLabels = ringValues.map((value) => {
    const p = at(0, value);
    return { value, x: r2(p.x + 4), y: r2(p.y + 4) };
  });

  const readings = input.readings.slice(0, MAX_CHART_READINGS).map((scores) => {
    const points: RadarReading["points"] = [];
    const missing: string[] = [];
    input.axes.forEach((axis, i) => {
      const value = scores[axis.key];
      if (isScore(value)) points.push({ key: axis.key, value, ...at(i, value) });
      else missing.push(axis.key);
    });
    return { points, polygon: polygonOf(points), missing };
  });

  return { width, height, center, radius, axes, rings, ringLabels, readings };
}

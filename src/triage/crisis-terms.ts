/**
 * The reviewed crisis rules: word classes and the rules built from them, in English and Spanish.
 * Changes to this file are clinical changes: add a crisis (and where useful a benign) example to
 * test/triage/crisis-corpus.ts in the same commit, and run `npm run crisis:eval`.
 *
 * How a text is read (src/triage/crisis.ts): it is normalised (case, accents, punctuation,
 * apostrophes, emoji, repeated letters: "Can’t" → "cant", "diiie" → "die", "pastillas" →
 * "pastilas"), then SHORTHAND below spells out texting shorthand ("cant" → "can not", "wanna" →
 * "want to", "kms" → "kill myself") and every name in MEDICINE_NAMES reads as "meds". Rules are
 * then matched word by word. Every word written in this file goes through the same steps, so
 * write words in their ordinary spelling. Mind that folded repeats make some words one word:
 * "fell" reads as "feel", "off" as "of", "good" as "god", "too" as "to".
 *
 * Template language (one template matches a run of whole words):
 *   word        that word                        word*      any word starting so ("suicid*")
 *   a|b|c       any one of these words           {CLASS}    any entry of that class below
 *   (a b|c)     a group: any one of these templates ("(in my hand|next to me)"); a_b is also "a b"
 *   X?          X or nothing                     ~N         up to N other words in between
 *   !X          the next word is not X           $          end of the text
 *   ^           start of the text (first only)   #COUNT     a count of 5 or more ("30", not "2")
 *   #DOSE       500 mg or more written as a number ("800mg", "1000 mg")
 * A rule pages when one of its `when` templates matches and no `unless` template matches within
 * eight words of that match (an exception is local: "like you said" early in a long voicemail
 * does not silence "i took 30 of my pills" at its end). Rules are tried in order; the first that
 * fires names the category and the rule shown to the clinician. The page never quotes the
 * client's words: only `category` and `rule` leave here.
 *
 * Categories, in the order tried: means or overdose; intent to die (including voices or others
 * commanding it); self-harm; harm to others (thoughts of harming a child, intent to kill someone
 * with a time or a weapon); danger from others (being beaten, threatened, trapped or hiding);
 * goodbye; hopelessness / burden.
 *
 * Rules are written for families of phrasing, not for single texts: a wish to stop with any
 * subject ("my heart would stop", "let me go"), burden in any person, a goodbye in any form, a
 * stockpile of any medicine, any amount with any taking verb, any height or track, self-harm as a
 * habit ("every night", "again", "relapsed"), and the Spanish of each, with regional forms.
 *
 * False positives are the acceptable failure: where a phrasing is clinically ambiguous, it pages.
 */

export type CrisisCategory =
  | 'means or overdose'
  | 'intent to die'
  | 'self-harm'
  | 'harm to others'
  | 'danger from others'
  | 'cry for help'
  | 'goodbye'
  | 'hopelessness / burden';

export interface CrisisRule {
  /** Shown to the clinician: what kind of phrasing this is (never the client's words). */
  readonly rule: string;
  readonly category: CrisisCategory;
  readonly when: readonly string[];
  readonly unless?: readonly string[];
}

/** Emoji read as the words they stand for, before matching (part of normalise). */
export const CRISIS_EMOJI: Readonly<Record<string, string>> = {
  '💊': 'pills',
  '🔫': 'gun',
  '🪢': 'rope',
  '⚰': 'coffin',
  '🪦': 'coffin',
  '🔪': 'knife',
  // "i want to 💀 myself": the skull stands for dying (a laughing 💀 alone pages nothing)
  '💀': 'die',
  '☠': 'die',
};

/** Emoji that page on their own, checked on the raw text: a weapon, a ligature, a coffin or grave, or pills more than once. */
export const CRISIS_EMOJI_PATTERN = /🔫|🪢|⚰|🪦|💊\s*💊/u;

/**
 * Texting shorthand spelled out before matching, one word for one or more words. Keys and values
 * are in ordinary spelling. Contractions are spelled out so that "cant", "can't", "cannot" and
 * "can not" are one thing to the rules.
 */
export const SHORTHAND: Readonly<Record<string, string>> = {
  // contractions
  cant: 'can not', cnat: 'can not', cannot: 'can not', dont: 'do not', dnt: 'do not', didnt: 'did not', doesnt: 'does not',
  wont: 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', isnt: 'is not', wasnt: 'was not',
  werent: 'were not', arent: 'are not', aint: 'am not', havent: 'have not', hasnt: 'has not', hadnt: 'had not',
  im: 'i am', ive: 'i have', id: 'i would', ill: 'i will', youll: 'you will', youre: 'you are', theyd: 'they would',
  theyll: 'they will', theyre: 'they are', hes: 'he is', shes: 'she is', its: 'it is', thats: 'that is', whats: 'what is',
  wats: 'what is', wat: 'what', theres: 'there is', everyones: 'everyone is',
  // wanting and planning
  wanna: 'want to', wana: 'want to', wan: 'want', wnt: 'want', gonna: 'going to', gona: 'going to', gunna: 'going to',
  finna: 'going to', ima: 'i am going to', imma: 'i am going to', tryna: 'trying to', gotta: 'got to', hafta: 'have to',
  // words of self-killing in slang
  kms: 'kill myself', unalive: 'kill', unaliving: 'killing', unalived: 'killed', sewerslide: 'suicide',
  // "catch the bus" / "ctb": suicide slang on forums
  ctb: 'kill myself', yeet: 'throw',
  myslef: 'myself', myslf: 'myself', mysef: 'myself', mself: 'myself', meself: 'myself', myelf: 'myself',
  od: 'overdose', oded: 'overdosed', odeed: 'overdosed', oding: 'overdosing', odding: 'overdosing',
  // spelling and texting
  thinkin: 'thinking', thinkn: 'thinking', bout: 'about', abt: 'about', nothin: 'nothing', dyin: 'dying', livin: 'living',
  goin: 'going', tryin: 'trying', killin: 'killing', cuttin: 'cutting', hurtin: 'hurting', everybody: 'everyone',
  every1: 'everyone', evry1: 'everyone', evryone: 'everyone', nobody: 'no one', noone: 'no one', no1: 'no one',
  somebody: 'someone', some1: 'someone', ppl: 'people', pls: 'please', plz: 'please', plez: 'please', u: 'you', ur: 'your',
  r: 'are', n: 'and', w: 'with', b4: 'before', bc: 'because', cuz: 'because', coz: 'because', rn: 'right now',
  tn: 'tonight', tonite: 'tonight', '2nite': 'tonight', '2night': 'tonight', tmrw: 'tomorrow', tmr: 'tomorrow',
  tmrow: 'tomorrow', tomoro: 'tomorrow', '2day': 'today', nite: 'night',
  idk: 'i do not know', dunno: 'do not know', em: 'them', yall: 'you all', itll: 'it will', thatll: 'that will',
  theyve: 'they have', youve: 'you have', youd: 'you would', somethin: 'something', everythin: 'everything',
  ily: 'i love you', ilysm: 'i love you so much', thx: 'thanks', ty: 'thank you', tysm: 'thank you so much',
  // Spanish texting
  kiero: 'quiero', qiero: 'quiero', q: 'que', k: 'que', xq: 'porque', pq: 'porque', porq: 'porque', aki: 'aqui',
  ke: 'que', pa: 'para', tqm: 'te quiero mucho', tmb: 'tambien', tb: 'tambien', nd: 'nada', xfa: 'por favor',
};

/** Two-word spellings joined before matching. */
export const SHORTHAND_PHRASES: Readonly<Record<string, string>> = {
  'my self': 'myself',
  // ...but "my self harm" is self-harm, not "myself harm"
  'myself harm': 'my self harm',
  'myself harming': 'my self harming',
  'myself injury': 'my self injury',
  // speech-to-text mishearings of "myself"
  'kill my shelf': 'kill myself',
  'killing my shelf': 'killing myself',
  'hurt my shelf': 'hurt myself',
  'cut my shelf': 'cut myself',
  'kill my elf': 'kill myself',
  'any more': 'anymore',
  'no body': 'no one',
  'sui cide': 'suicide',
  // "sh-ing", "sh'ing": self-harming
  'sh ing': 'self harming',
  // "s/h", "s/h'd" ("s h", "s hd" once punctuation goes): self-harm shorthand
  's h': 'self harm',
  's hd': 'self harmed',
  'fist full': 'fistful',
};

/** Misspellings of suicide/suicidal/suicidarme/suicidio ("suicde", "sucide", "suiside", "suicidle"): every such word reads as "suicide". */
export const SUICIDE_WORD = /^su(?:i?c|i?s|ic)i?d[a-z]*$/;

/**
 * Medicines by name, English and Spanish, brand and generic, and a few street names. Each is read
 * as the word "meds" before matching, so every rule about medicine ("took 30 …", "saving up my …",
 * "… with vodka") knows every name here. Single words only; not "bars" or "blues", which are
 * ordinary words too.
 */
export const MEDICINE_NAMES: readonly string[] = [
  'insulin', 'litio', 'aspirina', 'ibuprofeno', 'sertralina', 'fluoxetina', 'quetiapina', 'rivotril', 'tafil',
  'klonopin', 'clonazepam', 'xanax', 'alprazolam', 'ativan', 'lorazepam', 'valium', 'diazepam', 'temazepam', 'restoril',
  'seroquel', 'quetiapine', 'lithium', 'lamictal', 'lamotrigine', 'trazodone', 'ambien', 'zolpidem', 'tylenol',
  'acetaminophen', 'paracetamol', 'advil', 'ibuprofen', 'aleve', 'naproxen', 'motrin', 'aspirin', 'benadryl', 'nyquil',
  'unisom', 'zzzquil', 'melatonin', 'lexapro', 'escitalopram', 'zoloft', 'sertraline', 'prozac', 'fluoxetine', 'paxil',
  'paroxetine', 'celexa', 'citalopram', 'cymbalta', 'duloxetine', 'effexor', 'venlafaxine', 'pristiq', 'wellbutrin',
  'bupropion', 'remeron', 'mirtazapine', 'trintellix', 'buspar', 'buspirone', 'hydroxyzine', 'vistaril', 'abilify',
  'aripiprazole', 'risperdal', 'risperidone', 'zyprexa', 'olanzapine', 'latuda', 'lurasidone', 'vraylar', 'rexulti',
  'clozapine', 'clozaril', 'haldol', 'depakote', 'tegretol', 'carbamazepine', 'trileptal', 'topamax', 'gabapentin',
  'neurontin', 'lyrica', 'pregabalin', 'amitriptyline', 'nortriptyline', 'propranolol', 'clonidine', 'prazosin',
  'tramadol', 'oxycodone', 'oxy', 'percocet', 'vicodin', 'hydrocodone', 'codeine', 'morphine', 'fentanyl', 'methadone',
  'suboxone', 'adderall', 'ritalin', 'vyvanse', 'concerta',
  // more generics and brands a psychiatry practice's clients hold: tricyclics, MAOIs, antipsychotics, mood
  // stabilisers, sleep aids, opioids, over-the-counter remedies, and medicine for the body that kills in excess
  'doxepin', 'imipramine', 'clomipramine', 'desipramine', 'phenelzine', 'nardil', 'parnate', 'lithobid', 'divalproex',
  'valproate', 'depakene', 'oxcarbazepine', 'ziprasidone', 'geodon', 'paliperidone', 'invega', 'cariprazine',
  'brexpiprazole', 'haloperidol', 'chlorpromazine', 'perphenazine', 'fluphenazine', 'lunesta', 'eszopiclone',
  'zopiclone', 'belsomra', 'doxylamine', 'diphenhydramine', 'dramamine', 'promethazine', 'phenergan', 'cyclobenzaprine',
  'flexeril', 'baclofen', 'tizanidine', 'carisoprodol', 'oxycontin', 'dilaudid', 'hydromorphone', 'buprenorphine',
  'norco', 'norcos', 'excedrin', 'midol', 'robitussin', 'dayquil', 'metformin', 'levothyroxine', 'synthroid', 'warfarin',
  'digoxin', 'metoprolol', 'atenolol', 'lisinopril', 'amlodipine', 'insulina', 'ketamine',
  // Spanish generics
  'paroxetina', 'escitalopram', 'citalopram', 'venlafaxina', 'duloxetina', 'mirtazapina', 'trazodona', 'risperidona',
  'olanzapina', 'aripiprazol', 'haloperidol', 'valproato', 'carbamazepina', 'lamotrigina', 'gabapentina', 'pregabalina',
  'acetaminofen', 'naproxeno', 'diclofenaco', 'metamizol', 'tempra', 'melatonina', 'bromazepam', 'lexotan', 'clonazepan',
  // street names and plurals of brand names
  'xans', 'percs', 'addys', 'addies', 'roxies', 'xannies', 'zannies', 'xanies', 'perc', 'oxys', 'roxy', 'roxys', 'vikes',
  'vicos', 'kpins', 'klonnies', 'addy', 'seroquels', 'ambiens', 'klonopins', 'ativans', 'valiums', 'tylenols', 'advils',
];

/**
 * Word classes. Each entry is a template (see the header), so an entry can carry its own
 * exception: "end it !with" is ending one's life, "end it with him" is a break-up.
 */
export const CLASSES: Readonly<Record<string, readonly string[]>> = {
  /** Wanting, planning, trying, being about to, and modals, before an infinitive: "want to die", "i will jump", "i should die". */
  WANT_TO: [
    'want to', 'wanted to', 'wanting to', 'wants to', 'would like to', 'wish i could', 'wish i would', 'wish to', 'need to',
    'going to', 'about to', 'plan to', 'planning to', 'planned to', 'a plan to', 'ready to', 'decided to', 'tempted to',
    'trying to', 'tried to', 'try to', 'attempted to', 'will', 'should', 'have to', 'got to', 'deserve to', 'urge to',
    'urges to', 'might', 'i may', 'time to', 'time for me to',
  ],
  /** Dwelling on an ending, before a gerund: "thinking about dying", "googling ways to die". */
  THINK_OF: [
    'close to', 'so close to', 'on the verge of', 'this close to',
    'thinking about', 'thinking of', 'thought about', 'thoughts of', 'thoughts about', 'think about', 'dreaming of',
    'dreaming about', 'dream about', 'dream of', 'dreams about', 'fantasizing about', 'obsessed with', 'considering', 'planning on', 'plan on', 'looking forward to',
    'romanticizing', 'researching', 'looking up', 'googling', 'searching', 'feel like', 'felt like', 'feeling like',
    // picturing it is dwelling on it: "i keep imagining jumping in front of the subway"
    'imagining', 'imagine', 'picturing', 'visualizing', 'daydreaming about', 'obsessing over', 'obsessing about',
    'looked up', 'googled', 'searched',
  ],
  /** An ending, as an infinitive, after WANT_TO. */
  ENDING: [
    // "i wanna dye" (said to a crisis line, "dye" with nothing after is "die"); "rope" as a verb is hanging in forum slang
    'dye $|tonight|now|already', 'rope $|tonight|myself|now', 'check out $', 'be free of|from ~1 this? ~1 life|living|existence|world|body',
    'die !of|laughing', 'be dead', 'be gone !{WHEN}|weekend|camping|all', 'kill myself', 'end it !with', 'end it all', 'end things !with', 'end everything',
    'end my life', 'take my life', 'take my own life', 'stop existing', 'not exist', 'no longer exist', 'not be here !{WHEN}',
    'not be alive', 'not be around !{WHEN}', 'not wake up', 'never wake up', 'sleep forever', 'fall asleep forever', 'bleed',
    'go to sleep and never come back', 'disappear and never come back', 'never come back', 'end my existence', 'off myself',
    'sleep|rest|go|leave|disappear|vanish|escape|be_gone|go_away ~2 forever|permanently|for_good', 'go to heaven', 'cease to exist', 'cease existing', 'stop ~1 being alive|living|existing|breathing', 'check out|checkout ~2 forever|permanently|for_good|early',
    // joining the dead: "go be with my brother, he has been waiting for me"
    'join|(be with) ~1 {LOVED_ONES} ~6 heaven|again|up_there|other_side|miss|passed|died|grave',
    'sleep and never wake up', 'disappear !to', 'vanish', 'hang myself', 'shoot myself', 'drown myself', 'stab myself',
    'poison myself', 'overdose', 'jump $|off|from|tonight|now|and', 'jump in front', 'commit suicide', 'not live',
    'stop living', 'stop breathing', 'leave this world', 'go to sleep forever',
    // Spanish infinitives heard in Spanglish: "i want to morir"
    'morir', 'morirme', 'matarme', 'desaparecer', 'suicidarme',
    // "i want to unalive" (read "want to kill"): killing with no object is of oneself, or of someone; both page
    'end my story', 'crash|wreck my car', 'put a bullet in my ~1 head|brain', 'blow my brains out', 'kill $', 'end the pain !in|of|from', 'end my suffering', 'stop my heart',
    'throw myself ~2 off|in_front|under|into',
  ],
  /** An ending, as a gerund, after THINK_OF. Not "dying my hair", "dying to tell you", "dying of laughter"; "death" only at the end ("thinking about death", not "about his death last year"). */
  ENDING_ING: [
    'dying !my|hair|to|of|for|laughing', 'death $', 'killing myself', 'ending it !with', 'ending things !with',
    // "i dream about being dead", "planning my funeral"
    'being dead', 'my death', 'my funeral', 'how long it takes to ~1 die|bleed_out|drown', 'bleeding out', 'methods $|of|to',
    'ending my life', 'ending everything', 'ending it all', 'taking my life', 'taking my own life', 'not existing',
    'not being here', 'not being alive', 'not waking up', 'never waking up', 'disappearing', 'hanging myself',
    'shooting myself', 'overdosing', 'jumping off|from', 'suicide', 'how to die', 'ways to die', 'how to kill myself', 'how to {ENDING}',
    'driving|crashing ~2 off|into ~2 road|bridge|cliff|wall|tree|traffic|river|pole|semi',
    // throwing oneself before a train or off a height, and letting go of the wheel
    'jumping|stepping|walking|throwing_myself ~1 in_front|off|under ~3 {STRIKE}|{PLACE}|balcony|window|platform',
    'walking|stepping|jumping|running into ~2 traffic|oncoming|(the ocean)|(the river)|(the lake)|(the sea)',
    'letting go of the wheel', 'swerving into', 'tallest|highest ~1 building|buildings|bridge|bridges|point|cliff|garage',
    'sleeping forever', 'going to sleep forever', 'ending my suffering', 'drowning myself', 'walking into the ~1 ocean|sea|lake|river',
  ],
  /** Times and occasions: "i will not be here next week" is a schedule. */
  WHEN: [
    'next', 'on', 'at', 'for', 'this', 'tomorrow', 'today', 'in', 'until', 'till', 'because', 'during', 'when', 'monday',
    'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'that', 'from', 'by',
  ],
  /** A negated want, before LIVE_ON: "do not want to live". */
  NOT_WANT_TO: [
    'do not want to', 'did not want to', 'no longer want to', 'never want to', 'not want to', 'do not wish to',
    'do not feel like', 'do not even want to', 'do not really want to', 'can not keep', 'do not deserve to', 'not deserve to',
    'do not plan on|to', 'not planning on|to', 'do not intend to|on',
  ],
  /** Living on. "be here" not of a place or time ("be here at 3"); "wake up" not of a time ("wake up early"). */
  LIVE_ON: [
    'live !with|in|at|near|there|together|on|by|alone', 'live in this world', 'be alive', 'be here !at|in|for|on|when|during|with|by',
    'exist', 'wake up !early|at|for|so|in|before', 'keep living', 'keep going $|anymore|like', 'go on $|anymore|like|living|with',
    'continue $|living|like', 'be around', 'be on this earth', 'be in this world', 'fight anymore|$', 'try anymore',
    'see tomorrow', 'live like this', 'be me anymore', 'living', 'waking up !early|at|for|so|in|before',
    // "i dont want to do this life thing anymore"; not wanting rescue is not wanting to live ("i dont want to be saved this time")
    'do ~2 life', 'be saved|rescued|resuscitated|revived', 'see another day', 'face another day', 'face tomorrow', 'breathe',
  ],

  /** Taking verbs in the past: "took", "swallowed"; Spanish "tomé" is "tome" once accents go. */
  TOOK: [
    'took', 'taken', 'swallowed', 'downed', 'popped', 'chugged', 'overdosed on', 'mixed !up', 'tome', 'trague', 'me tome', 'me trague', 'me acabe',
    // the other ways a handful goes down: crushed, snorted, knocked back; Spanish "me metí", "me bebí"
    'snorted', 'crushed', 'chewed', 'gulped', 'injected', 'shot up', 'knocked back', 'threw back', 'me meti', 'me bebi', 'me tomo',
    'after taking', 'se tomo', 'se trago', 'se metio',
  ],
  /** Taking verbs as plans, after WANT_TO. */
  TAKE: ['take', 'swallow', 'down', 'pop', 'tomar', 'tomarme', 'tragar', 'tragarme', 'overdose on'],
  /**
   * An amount that is an overdose, not a dose: a count of five or more with a medicine, "a
   * handful", "all my pills", "the whole bottle". Not "it took everything in me", "took all my
   * energy", "took the whole day off", "took 20 minutes".
   */
  AMOUNT: [
    '{AMOUNT_OF_MED}', '#COUNT of|x|$', '{COUNT_WORD} of', 'a handful', 'handful', 'a bunch $', 'all of them', 'all of it', 'too much $|of',
    'everything in ~2 {CONTAINER}|cabinet|box|drawer', '(do not know|not sure|can not remember|lost count) how many', 'more than ~2 (i should|i was supposed|prescribed|i am supposed)',
    'all at once', 'at once', 'at the same time', 'de mas', 'extra on purpose', 'on purpose', 'a proposito',
    'everything !in|i|to|from|you', 'way too many', 'todas|todos $', 'un punado|puno', 'un monton',
    // "too many" of anything but days, photos, classes …: "i took too many. my heart is doing weird stuff"
    'too many !days|pictures|photos|selfies|breaks|classes|shifts|hours|naps|notes|steps|calls|credits|risks|chances|times|people|things|courses|units|turns|sick|personal|vacation|weeks|minutes',
    // "took them all", "the whole thing", "a fistful", "the rest of these", "a lot"; not "took them all to the park"
    'them all !to|out|home|back|in|for|with|up|over|into|around|down|off|at|on|of|the', 'the whole thing !off|out|back|apart|in|to|with|at',
    'a? fistful|mouthful', 'fistfuls|handfuls', 'the rest of ~1 these|them|those|it $', 'a lot of them|it',
    // Spanish "me tomé muchas", "no me acuerdo cuántas": many, or too many to remember
    'muchas|muchos|demasiadas|demasiados !veces|horas|dias|fotos|cosas|clases|vacaciones|semanas|meses|personas|gracias|notas|preguntas|vueltas|cosas',
    '(no me acuerdo|no recuerdo|no se) cuantas|cuantos',
  ],
  /** Amounts that say what was taken: "30 pills", "a bunch of my trazodone", "all my pills", "a whole bottle", "3 bottles". */
  AMOUNT_OF_MED: [
    '{QUANTITY} ~2 {MED}', '#DOSE', 'the|a|my whole ~1 {CONTAINER}', 'half a|the|my ~1 {CONTAINER}', '{CONTAINERS}',
    // "a bottle of nyquil", "my whole week of meds"
    'a|one|an_entire ~1 {CONTAINER} of ~2 {MED}', 'whole|entire ~1 week|weeks|month|months|supply of ~2 {MED}',
    // Spanish
    'todo el|la ~1 {CONTAINER}', 'una|la ~1 {CONTAINER} ~1 entera|entero|completa|completo', 'una|un|el|la {CONTAINER}', 'medio|media {CONTAINER}',
  ],
  /** Quantities before a medicine (written once here, so that the long list of medicines is compiled once). */
  QUANTITY: [
    '#COUNT', '{COUNT_WORD}', 'a bunch of', 'all', 'all my|the', 'all of my|the', 'too many', 'a lot of', 'lots of', 'so many',
    'loads of', 'too much', 'the rest of', 'todas|todos mis|las|los', 'todas|todos', 'muchas|muchos|demasiadas|demasiados|varias',
    'a ton of', 'tons of', 'dozens of', 'every', 'the entire', 'a fistful of', 'un chingo de', 'un monton de', 'un buen de', 'un puno de', 'bastantes', 'un chorro de', 'a shit ton of', 'a shitload of', 'a shit load of', 'a fuck ton of',
  ],
  /** More than one container is never a dose: "3 bottles of nyquil". */
  CONTAINERS: ['bottles', 'boxes', 'packs', 'packets', 'strips', 'blisters', 'containers', 'cajas', 'frascos', 'botes', 'paquetes'],
  COUNT_WORD: [
    'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty*', 'thirty*', 'forty*', 'fifty*',
    'sixty*', 'hundred', 'dozen', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'doce', 'quince', 'veinte*', 'treinta',
    'cuarenta', 'cincuenta', 'cien*',
  ],
  /** Medicines by kind, English and Spanish. Every name in MEDICINE_NAMES is read as "meds" before matching, so it is one of these. */
  MED: [
    'pills', 'pill', 'tablets', 'tablet', 'tabs', 'caps', 'capsules', 'meds', 'med', 'medication', 'medications', 'medicine',
    'medicines', 'sleeping pills', 'sleep meds', 'sleeping tablets', 'sleep aids', 'benzos', 'opioids', 'opiates', 'painkillers',
    'pain pills', 'pastillas', 'pastilla', 'pildoras', 'tabletas', 'medicinas', 'medicamentos', 'calmantes',
    // remedies bought over the counter and the kinds by what they do
    'cough syrup', 'cough medicine', 'sleeping aids', 'antidepressants', 'antipsychotics', 'drugs', 'medicamento', 'medicina',
    'pastillitas', 'pildora', 'capsulas', 'antidepresivos', 'somniferos', 'jarabe', 'patches',
  ],
  CONTAINER: [
    'bottle', 'box', 'pack', 'packet', 'strip', 'blister', 'container', 'months supply', 'month supply', 'supply',
    'prescription', 'script', 'caja', 'frasco', 'bote', 'paquete', 'tira', 'botella',
    'sheet', 'card', 'pill organizer', 'pillbox', 'baggie', 'ziploc', 'jar', 'vial', 'frasquito', 'cajita', 'blister pack',
  ],
  /** Medicine laid out within reach. Not "ready" or "counted": pharmacies have pills ready and count them. */
  AT_HAND: [
    'lined up', 'counted out', 'in my hand', 'in front of me', 'next to me', 'laid out', 'poured out', 'on the table in front', 'open right now',
    'en la mano', 'en mi mano', 'enfrente de mi', 'frente a mi', 'al lado de mi', 'contadas', 'formadas',
  ],
  /** Looking at or holding the means. */
  LOOKING_AT: ['looking at', 'staring at', 'holding', 'keep looking at', 'cant stop looking at', 'keep staring at', 'just staring at'],
  /** People a client may harm or fear harming. */
  PERSON: [
    'baby', 'babies', 'son', 'daughter', 'kids', 'kid', 'child', 'children', 'newborn', 'wife', 'husband', 'partner', 'boyfriend',
    'girlfriend', 'mom', 'mother', 'dad', 'father', 'stepdad', 'stepmom', 'brother', 'sister', 'boss', 'coworker', 'coworkers',
    'teacher', 'neighbor', 'neighbour', 'roommate', 'ex', 'family', 'him', 'her', 'them', 'someone', 'somebody', 'people', 'everyone',
  ],
  /** Saving medicine up: "saving up my seroquel", Spanish "guardando mis pastillas". */
  STOCKPILE: [
    'saving', 'saving up', 'saved', 'saved up', 'stockpiling', 'stockpiled', 'hoarding', 'hoarded', 'collecting', 'stashing',
    'stashed', 'guardando', 'juntando', 'acumulando', 'ahorrando', 'guarde', 'junte',
    'stash of', 'stockpile of', 'a stash of', 'guardadas', 'guardados', 'escondidas', 'escondidos', 'acumuladas', 'juntadas',
  ],
  ALCOHOL: [
    'alcohol', 'vodka', 'wine', 'beer', 'beers', 'whiskey', 'whisky', 'tequila', 'rum', 'gin', 'liquor', 'booze', 'drinking',
    'jack', 'bourbon', 'hennessy', 'henny', 'fifth', 'mezcal', 'brandy',
    'drank', 'drunk', 'vino', 'cerveza', 'cervezas', 'ron', 'licor', 'tragos', 'borracho', 'borracha',
  ],
  /** A question about safety ("can i have wine on lexapro?"), or not drinking, rather than an overdose. */
  SAFETY_QUESTION: [
    'can i', 'could i', 'is it ok', 'is it okay', 'is it safe', 'is it bad', 'is that ok', 'is that bad', 'is that safe',
    'should i', 'ok to', 'okay to', 'safe to', 'allowed to', 'is it fine', 'puedo', 'se puede', 'es malo', 'esta bien',
    'stopped|quit|quitting|avoid|avoiding|not|no ~1 drinking|alcohol', 'sober', 'drinking water',
  ],
  WEAPON: [
    // not "noose": with repeated letters folded it reads as "nose" ("i have a runny nose"); see the rule's own noose templates
    'gun', 'guns', 'pistol', 'rifle', 'shotgun', 'revolver', 'rope !swing|ladder|course|light|lights|toy', 'exit bag|bags', 'poison !ivy|oak', 'pistola', 'arma', 'cuerda',
    'soga', 'veneno',
  ],
  /** Blades page only in the hand, beside the client, or "to use": razors are also for shaving, knives for cooking. */
  BLADE: ['razor', 'razors', 'blade', 'blades', 'knife', 'knives', 'navaja', 'cuchillo', 'cutter', 'box cutter', 'cuchilla', 'exacto', 'xacto'],
  HAVE: [
    'have', 'has', 'got', 'bought', 'buy', 'buying', 'loaded', 'holding', 'grabbed', 'found', 'took out', 'picked up',
    'got out', 'tengo', 'compre', 'consegui', 'agarre',
  ],
  /** Poisons that are drunk or swallowed. */
  POISON: ['bleach', 'antifreeze', 'rat poison', 'poison', 'drano', 'pesticide', 'lye', 'cyanide', 'sodium nitrite', 'nitrite', 'cloro', 'veneno', 'raticida', 'anticongelante'],
  /** Ligatures and where they are tied. */
  LIGATURE: ['belt', 'rope', 'cord', 'sheet', 'sheets', 'scarf', 'cable', 'extension cord', 'tie', 'cinturon', 'cuerda', 'soga', 'sabana'],
  ANCHOR: [
    'door', 'doorknob', 'ceiling', 'closet', 'beam', 'fan', 'rod', 'neck', 'rail', 'railing', 'tree', 'puerta', 'techo', 'cuello',
    'garage', 'rafter', 'rafters', 'stairs', 'banister', 'bannister', 'hook', 'pipe', 'bar', 'shower', 'viga', 'arbol', 'escalera',
  ],
  /** Heights, tracks and water: where a person stands to fall or be struck. */
  PLACE: [
    'bridge', 'roof', 'rooftop', 'ledge', 'edge $', 'top of ~3 garage|building|bridge|tower|structure|cliff|roof', 'train tracks', 'tracks', 'railroad', 'cliff', 'overpass', 'puente', 'azotea',
    'techo', 'vias', 'barranco',
    // the bridges, garages and platforms people go to
    'golden gate !park', 'railing', 'parking garage', 'parking structure', 'tallest building', 'top floor', 'water tower', 'dam',
    'edge of ~3 platform|roof|rooftop|bridge|building|cliff|balcony|tracks|overpass', 'acantilado', 'edificio mas alto', 'ultimo piso',
  ],
  /** Towards traffic, a train, a wall: "walk into traffic", "step in front of a train". */
  TOWARDS: ['into', 'in front of', 'under', 'onto'],
  STRIKE: [
    'traffic', 'train', 'bus', 'truck', 'car', 'wall', 'tree', 'river', 'lake', 'ocean', 'water', 'oncoming', 'bridge', 'building', 'roof', 'cliff',
    'subway', 'metro', 'tram', 'semi', 'highway', 'freeway', 'interstate', 'tracks', 'sea',
  ],
  /** Harming verbs, every tense. */
  HARM: [
    'cut', 'cuts', 'cutting', 'cutted', 'burn', 'burns', 'burned', 'burnt', 'burning', 'hurt', 'hurts', 'hurting', 'harm',
    'harms', 'harmed', 'harming', 'scratch', 'scratched', 'scratches', 'scratching', 'hit', 'hits', 'hitting', 'punch',
    'punched', 'punching', 'stab', 'stabbed', 'stabbing', 'carve', 'carved', 'carving', 'starve', 'starved', 'starving',
    'punish', 'punished', 'punishing', 'bruise', 'bruised', 'choke', 'choked', 'choking', 'strangle', 'strangled', 'bite',
    'bit', 'biting', 'slice', 'sliced', 'slit', 'slash', 'slashed', 'mutilate', 'mutilated', 'injure', 'injured', 'injuring',
    'beat', 'beating', 'bang', 'banged', 'banging', 'slam', 'slammed', 'slamming',
  ],
  /** Where self-harm is done. Hands, fingers and hair are not here: they are cut and burned in kitchens. */
  BODY: [
    'wrist', 'wrists', 'arm', 'arms', 'forearm', 'forearms', 'leg', 'legs', 'thigh', 'thighs', 'skin', 'stomach', 'hip', 'hips',
    'chest', 'throat', 'body', 'neck', 'ankles', 'veins',
  ],
  ACCIDENT: [
    'by accident', 'accidentally', 'at the gym', 'playing', 'running', 'cooking', 'chopping', 'on the stove', 'on the oven',
    // not "fell": repeated letters fold, so it reads as "feel" ("i burn myself when i feel like this")
    'shaving', 'moving', 'furniture', 'tripped', 'volleyball', 'basketball', 'football', 'tennis', 'practice', 'boxing', 'dancing', 'climbing', 'sin querer', 'cocinando', 'jugando', 'lifting', 'workout', 'at work',
    // burns from exhausts, irons, grills and the sun; scratches from pets
    'exhaust', 'motorcycle', 'iron', 'curling iron', 'straightener', 'grill', 'stove', 'oven', 'kettle', 'boiling', 'sunburn',
    'campfire', 'bonfire', 'fireworks', 'hiking', 'biking', 'skating', 'soccer', 'slipped', 'baking', 'gardening', 'paper cut',
    'cat|dog|kitten|puppy|cats|dogs ~1 scratched|bit|scratches|bites',
  ],
  /** Spanish: wanting or going to. */
  QUIERO: [
    'quiero', 'me quiero', 'quisiera', 'voy a', 'me voy a', 'pienso', 'pensando en', 'ganas de', 'deseo', 'necesito', 'prefiero',
    'ya quiero', 'solo quiero', 'me gustaria', 'want to', 'me dan ganas de', 'estoy pensando en', 'tengo ganas de', 'ya me quiero', 'planeo',
  ],
  /** Spanish endings. "matar" only of oneself ("quiero matar a mi jefe" is not here); "dejar de" only of living ("dejar de fumar" is not). */
  MORIR: [
    'morir|morirme !{ES_DYING_IDIOM}', 'matarme', 'matar !a|al|el|la', 'suicide', 'desaparecer', 'dejar de existir', 'dejar de vivir',
    'dejar de respirar', 'acabar con todo', 'acabar con mi vida', 'terminar con todo', 'terminar con mi vida',
    'quitarme la vida', 'no despertar', 'no despertarme', 'dormir y no despertar', 'dormir para siempre', 'irme para siempre',
    'ahorcarme', 'estar muerto', 'estar muerta', 'envenenarme', 'dispararme', 'kill myself', 'die',
    'ir de este mundo', 'irme de este mundo', 'dejar este mundo', 'salir de este mundo', 'colgarme', 'colgar $|ya|hoy|esta', 'ahorcar $|ya|hoy|esta',
    'acabar con esto ~1 de_una_vez|ya|para_siempre', 'dejar de sufrir ~2 para_siempre',
    // "dar(me) un tiro", "tirarme del puente", "no despertar nunca", "tomarme todas"
    'darme|pegarme|dar|pegar un tiro|balazo', 'aventar|aventarme|tirar|tirarme|lanzar|lanzarme|echar|echarme ~3 vias|vacio|puente|edificio|azotea|tren|metro|carros|trafico|rio|mar|lago|presa', 'no volver a despertar', 'dormir y ya no despertar', 'ya no estar aqui',
    'terminar con esto', 'quitarme de en medio', 'no existir', 'tomarme|tomar ~1 todas|todos|el_frasco|la_caja',
  ],
  /** "me muero de risa", "morirme de hambre": idioms, not wishes. */
  ES_DYING_IDIOM: ['de risa', 'de la risa', 'de hambre', 'de frio', 'de sueno', 'de ganas', 'de calor', 'de aburrimiento', 'de envidia', 'de amor', 'de verguenza', 'de miedo'],
  NO_QUIERO: ['no quiero', 'ya no quiero', 'no tengo ganas de', 'no deseo', 'no quiero seguir'],
  VIVIR: [
    'vivir !con|en|aqui|alli|cerca|solo|sola|juntos', 'seguir viviendo', 'seguir $|aqui|asi', 'estar aqui', 'estar viva', 'estar vivo', 'existir', 'despertar $|manana|nunca|mas',
    'despertarme $|manana|nunca|mas', 'estar en este mundo', 'seguir con vida', 'live',
    // "ya no quiero amanecer"; regional forms of going on
    'amanecer', 'seguir adelante', 'seguir luchando', 'seguir existiendo', 'vivir mas', 'estar viva|vivo ~1 mas', 'seguir en este mundo',
  ],
  /** Objects of Spanish cutting, burning and hurting that are everyday accidents: hair, fingers, hands, supper, sunburn. */
  ES_EVERYDAY_OBJECT: [
    'rasurandome', 'afeitandome', 'depilandome', 'rasurando', 'afeitando', 'el pelo', 'el cabello', 'el fleco', 'la barba', 'el dedo', 'los dedos', 'la mano', 'las manos', 'las unas', 'la lengua',
    'con un|el|una|la ~1 papel|hoja|lata|cafe|te|agua|aceite|plancha|horno|estufa|sarten|olla|vapor',
    'el pie', 'la rodilla', 'la espalda', 'el tobillo', 'la cena', 'la comida', 'cocinando', 'con la estufa', 'con el sarten',
    'sin querer', 'con el sol', 'en la playa', 'con la puerta', 'en la|el ~1 rodilla|tobillo|espalda|pie|trabajo|gimnasio',
    'jugando', 'haciendo',
  ],
  /** Where self-harm is done, in Spanish. */
  ES_BODY: ['venas', 'vena', 'munecas', 'muneca', 'brazos', 'brazo', 'piernas', 'pierna', 'muslos', 'muslo', 'piel', 'panza', 'estomago'],
  /** After "can not go on" when it is about a day or a trip, not despair: "i cant go on tuesday". */
  GO_ON_PLAN: [
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tues', 'tue', 'wed', 'thurs', 'thu',
    'fri', 'sat', 'sun', 'the', 'a', 'an', 'my', 'vacation', 'trip', 'holiday', 'break', 'leave', 'medication', 'meds', 'it',
    'that', 'those', 'social', 'facebook', 'line', 'online', 'time', 'weekend', 'today', 'tomorrow', 'this week', 'next',
    'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo', 'call', 'zoom', 'camera', 'stage', 'there', 'at',
    'with this|the|that|my {MED}|job|plan|trip|class|program|diet|treatment',
  ],
  /** What "can not …" is about when it is despair: "i cant do this anymore", "i cant keep living like this". */
  CANT_BEAR: [
    '(do|take|handle|bear|stand|deal with) ~1 it|this|life|living ~1 (anymore|any longer)', 'keep living', 'keep going (anymore|like this|$)',
    'live like this', 'live anymore', 'live with this', 'fight ~1 (anymore|any longer)', 'cope ~1 (anymore|any longer)',
    'anymore $', 'be alive', 'face another day', 'face tomorrow', 'do another day', 'do one more day', 'keep doing this', 'survive', 'do life', 'be here anymore', 'exist anymore', 'go on !{GO_ON_PLAN}',
  ],
  /** Life as a whole: after "what is the point of", "no point in". */
  LIFE_WORDS: [
    'living', 'life', 'going on', 'anything $', 'trying', 'it all', 'being alive', 'me', 'continuing', 'everything $',
    'existing', 'waking up', 'any of this', 'any of it', 'staying', 'carrying on', 'it $', 'this $', 'being here', 'going $|on|anymore',
    'keep going $|anymore|on',
  ],
  /** Point, use, sense: "what is the use of living", "no sense living anymore". */
  POINT: ['point', 'use', 'sense', 'purpose', 'meaning', 'reason'],
  /** What one wants to stop: "i just want it all to stop". */
  STOP_WHAT: ['it', 'it all', 'all of this', 'all of it', 'everything', 'this all', 'the pain', 'all this', 'all', 'life', 'my life'],
  /** People a goodbye is addressed to. */
  LOVED_ONES: [
    'kids', 'children', 'family', 'mom', 'mum', 'mother', 'dad', 'father', 'wife', 'husband', 'partner', 'daughter', 'son',
    'parents', 'sister', 'brother', 'girlfriend', 'boyfriend', 'friends', 'baby', 'babies', 'grandma', 'grandpa', 'everyone',
    'moms', 'mums', 'dads', 'wifes', 'husbands', 'partners', 'sisters', 'brothers', 'grandmas', 'grandpas', 'roommates',
    'you all', 'you guys', 'all of you', 'people', 'best friend', 'twin', 'nana', 'cousin',
    'mama', 'papa', 'abuela', 'abuelo', 'hermana', 'hermano', 'esposo', 'esposa', 'hijo', 'hija', 'hijos', 'novio', 'novia',
    'hijas', 'ninos', 'familia', 'padres', 'amigos', 'amigas', 'todos', 'mami', 'papi', 'hermanos', 'hermanas', 'abuelos', 'papas', 'primos',
  ],
  /** How others would feel: "everyone would be glad if i was gone". */
  BETTER: ['better', 'happier', 'easier', 'glad', 'relieved', 'thankful', 'grateful', 'fine', 'okay', 'ok'],
  /** Someone gone: "if i was gone", "if i just disappeared". */
  GONE: [
    'gone', 'dead', 'died', 'disappeared', 'vanished', 'not around', 'not here', 'never born', 'never been born', 'not alive',
    'left forever', 'did not exist', 'killed myself', 'ended it', 'not in the picture',
    // "better off if i just go away for good"
    'go|went away !for_the|for_a|this|next|on|to', 'disappear', 'stopped existing', 'was not here|around', 'were not here|around', 'not exist', 'die',
  ],
  /** Belongings given away. Not clothes to charity, and not a pet alone (people rehome pets when they move). */
  BELONGINGS: ['all my', 'all of my', 'most of my', 'everything', 'my things', 'my stuff', 'my belongings', 'my possessions', 'all my things', 'all my stuff'],
  NOBODY: ['no one', 'people', 'anyone', 'they'],
  /** A low mood said together with being safe: "i feel hopeless about finding a job but im ok". Silences only the hopelessness rules. */
  SAFE_SAID: [
    '(but|and|though|although) ~2 (i am|i feel|i will be) ~1 (ok|okay|safe|fine|not suicidal)', 'depression talking',
    'pero ~2 (estoy|me siento) ~1 (bien|a salvo|tranquila|tranquilo)',
  ],
  /** Guns that are toys or tools: "a water gun for the kids", "pistola de agua". */
  TOY_GUN: ['water|nerf|toy|glue|staple|nail|heat|squirt|bb ~1 gun|guns|pistol', 'pistola|pistolas ~1 de ~1 agua|juguete|silicon'],
  /** Who may be hurting or threatening the client. */
  ASSAILANT: [
    'he', 'she', 'they', 'someone', 'somebody', 'boyfriend', 'girlfriend', 'husband', 'wife', 'partner', 'ex', 'dad', 'father',
    'stepdad', 'stepfather', 'mom', 'mother', 'stepmom', 'brother', 'uncle', 'roommate', 'neighbor', 'neighbour', 'guy', 'man', 'landlord',
  ],
};

/**
 * The rules, in the order they are tried. Means and overdose first: for a page, the most urgent
 * thing a psychiatrist can read in its "why".
 */
export const CRISIS_RULES: readonly CrisisRule[] = [
  // ── means or overdose ────────────────────────────────────────────────────────────────────
  {
    rule: 'took an overdose-sized amount',
    category: 'means or overdose',
    // "took like 30 of my lithium", "took all my pills", "swallowed the whole bottle", "me tomé una caja entera"
    when: [
      '{TOOK} ~3 {AMOUNT}', 'ate ~3 {AMOUNT_OF_MED}', '{TOOK} ~2 {LOVED_ONES} ~1 {MED}', '{TOOK} ~3 {MED} ~2 de|of mi|my ~1 {LOVED_ONES}',
      // the passive and the apologetic: "pills were taken. a lot of them", "im so sorry. i took the pills"
      '{MED} ~2 (were|was|been|have been) ~1 taken|swallowed', '(sorry|forgive me|perdon|perdoname) ~4 {TOOK} ~2 {MED}|them|it $',
      // patches stuck on, all at once: "put on the rest of my dads fentanyl patches"
      'put|stuck|applied ~2 (the rest of|all|all of|every|#COUNT|{COUNT_WORD}|a_bunch_of) ~3 patches|patch',
      // too much, and the body answering: "took my lithium twice and now im shaking", "i overdid it with my meds"
      '{TOOK} ~4 twice|double|triple ~6 (shaking|confused|throwing up|vomiting|racing|can not breathe|seizure|passing out|chest|numb|hallucinating)',
      'overdid it ~3 with ~2 {MED}|pills', '{MED} ~8 (can not breathe|not breathing|seizure|seizing|passing out|passed out|unconscious|unresponsive|chest pain|heart is racing|heart racing|throwing up blood)',
      // acquiring a stockpile: "ordered a bunch of sleeping pills online", "3 pharmacies to get enough tylenol"
      '(ordered|bought|buying|got|getting|picked up|stocked up on) ~2 (a bunch of|a lot of|lots of|tons of|a ton of|so many|too many|enough) ~2 {MED}',
      'pharmacies|stores|farmacias ~5 enough|notice|suficientes',
    ],
    // taking every pill of the day as prescribed is adherence, not an overdose; carrying a bottle is not swallowing it
    unless: [
      '(like you said|as prescribed|as directed|as instructed|like prescribed|like i am supposed to|like i was told|on time|on schedule|como me dijo|como me indicaron)', 'all my|the ~1 (morning|evening|night|nighttime|daily|usual|regular|bedtime) ~1 {MED}',
      '{TOOK} ~5 (with me|on vacation|on the trip|to work|to school|in my bag|in my purse|to the pharmacy|back to)',
      // bottles of water to the gym
      '{CONTAINERS}|bottle of ~1 (water|wine|beer|soda|juice|milk|formula|shampoo|sunscreen|gatorade|agua|vino|cerveza|refresco|jugo|leche)',
    ],
  },
  {
    rule: 'plans to take an overdose-sized amount',
    category: 'means or overdose',
    when: [
      '{WANT_TO}|{QUIERO}|{THINK_OF} ~2 {TAKE}|taking|swallowing ~2 {AMOUNT}', 'swallow everything', 'take everything in the ~1 cabinet',
      // the question of an overdose: "if i take all 90 of my gabapentin will it work"
      'if i ~2 {TAKE} ~2 {AMOUNT}', '{AMOUNT} ~6 (will it work|would it work|would that work|would i die|will i die|kill me|be enough)',
    ],
    unless: ['{TAKE} ~4 (with me|on vacation|on the trip|to work|to school|in my bag|to the pharmacy|back)'],
  },
  {
    rule: 'overdose or lethal dose named',
    category: 'means or overdose',
    when: [
      'overdos*', 'overdoz*', 'sobredosis', '(ordered|bought|got|have|arrived|came) ~3 (sodium nitrite|nitrite|cyanide|exit bag)', 'lethal|fatal|deadly dose|doses|amount', 'dosis letal|mortal',
      'how many|much ~4 {MED} ~3 (kill|die|lethal|overdose)', 'how many ~3 would kill me', 'how many|much {MED} ~3 (kill|die|takes|does it take|would it take|will it take|to overdose|lethal)',
      'painless|easiest|easy|quickest|fastest|best|surest ~1 way|ways|method|methods ~1 to (die|end it|kill myself|do it|go $)', 'painless death', 'cuantas {MED} ~3 matar|morir|necesito',
    ],
    // an overdose studied, reported or mourned (someone else's, in the past) is not one being taken
    unless: [
      'overdos* ~1 rates|rate|statistics|stats|deaths|crisis|epidemic|prevention|awareness|reversal|training|kit|kits|data|numbers',
      '(paper|class|research|study|article|lecture|documentary|podcast|essay|project|report|course|training|news|story|book) ~2 (on|about|of|for) ~2 overdos*', 'narcan|naloxone',
      '(friend|brother|sister|cousin|uncle|aunt|son|daughter|dad|mom|father|mother|he|she) ~1 overdosed ~4 (last year|years ago|anniversary|last month|in 19|in 20)',
      '(died|passed away|death|funeral|lost ~2 (him|her|them|friend|brother|sister|son|daughter|cousin)) ~3 (of|from) ~1 an? ~1 overdos*',
    ],
  },
  {
    rule: 'medicine saved up or laid out',
    category: 'means or overdose',
    when: [
      '{STOCKPILE} ~3 {MED}', '{MED} ~4 {AT_HAND}', '{AT_HAND} ~2 {MED}', '{LOOKING_AT} ~2 {CONTAINER}|{MED} ~1 of? {MED}?', 'enough {MED} ~2 to (do it|die|end|kill|overdose)', '{MED} ~3 to {ENDING}', 'enough {MED} saved|stored|stashed',
      // "i have the pills ready"
      '(i have|i got|i am holding|got) ~2 {MED} ~1 ready|(right here)|(all ready)',
      // the count before the medicine: "60 of my seroquel saved up in a ziploc"
      '{MED} ~3 saved|stockpiled|stashed|hoarded|hidden|guardadas|guardados|escondidas|acumuladas ~1 up|away|$',
      // enough for anything but lasting until the refill: "enough ambien to make it happen"
      'enough {MED} ~2 to !last|get|cover|hold|carry|make_it_to|make_it_through|make_it_until|until|till|travel|bring',
    ],
  },
  {
    rule: 'alcohol with medicine',
    category: 'means or overdose',
    // "vodka and xanax tonight", "tomé pastillas con alcohol"; a question about safety ("can i have wine on lexapro?") is not an overdose
    when: ['{ALCOHOL} ~6 {MED}', '{MED} ~6 {ALCOHOL}'],
    // a question about safety, a habit, or one drink, is a question for the day team
    unless: ['{SAFETY_QUESTION}', 'sometimes|usually|occasionally|socially|ever', '(a|one|a couple|couple|one or two) ~1 (glass|glasses|beer|beers|drink|drinks|cerveza|copa)'],
  },
  {
    rule: 'means of suffocation gathered',
    category: 'means or overdose',
    // charcoal burned in a sealed room, helium with a bag: gathered together they are a method
    when: ['charcoal ~4 tape|car|room|garage|seal|sealed|bathroom|tent|vents', 'helium ~3 tank|bag|hood|mask|tubing|tanque'],
    // balloons and barbecues
    unless: ['balloon|balloons|party|birthday|globos|fiesta|grill|bbq|barbecue|cumpleanos'],
  },
  {
    rule: 'weapon or ligature at hand',
    category: 'means or overdose',
    when: [
      '{HAVE} ~3 {WEAPON}', '{WEAPON}|{BLADE} ~3 (in my hand|next to me|to my head|to my wrist|to my throat|loaded|under my pillow|by my bed|in hand|in my lap|on my lap|in my mouth|with me $)', 'in case i decide',
      // a blade in the bath, a toaster by the tub, a gun store's waiting period, a gun to be used
      'bath|bathtub|tub|bano|tina|banera ~5 with|con ~1 the|a|my|la|el|una|un ~1 {BLADE}|{WEAPON}', 'toaster|hairdryer|(hair dryer) ~4 tub|bath|bathtub|bathwater',
      'tub|bath|bathtub ~4 toaster|hairdryer|(hair dryer)', 'gun store|shop ~6 wait|waiting|then|tomorrow|tonight|buy|bought|pick',
      '{WANT_TO} ~1 use ~2 the|my|a ~1 {WEAPON}', 'garage ~4 (with it|engine|car|motor) ~1 running|on', 'car|engine ~5 garage ~3 running',
      '{WEAPON}|{BLADE} ~8 use it', '{WEAPON}|{BLADE} ~8 wrist|wrists|throat|veins|neck', 'engine|car running ~4 garage', 'motor encendido',
      // "noose" reads as "nose", so only a noose made, had or hung pages
      '(make|made|tie|tied|tying|making|bought|hung|hanging) a|the|my noose', '(have|got) a noose $|ready|up|tied|here', 'noose ~2 (ready|tied|around my|hanging|is up)',
      'rope|cord|belt|cable|cuerda|soga ~3 (around my neck|around my throat|to the ceiling|from the ceiling|tied)',
      // means bought for a reason the client names, or kept "for when"; means stared at
      '(bought|got|ordered|picked up|compre|consegui) ~6 (i know what it is for|i know why|you know why|ya se para que)',
      '{WEAPON}|{BLADE}|{LIGATURE} ~6 (for when|in case)', '{LOOKING_AT} ~1 the|my|that ~1 {BLADE}|{WEAPON}|belt|rope',
      '{MED}|{BLADE}|{WEAPON}|rope|belt ~8 (staring at|looking at) ~1 them|it', '(sitting|lying|laying|floor) ~5 with ~1 all ~2 {MED}',
      '(chip|chips|implant|tracker|device|bugs|worms|parasites) ~8 cut|dig|carve|get ~2 out',
      'tied|tying|tie|hung|hanging|hang|amarre ~3 {LIGATURE} ~4 {ANCHOR}', 'drink|drinking|drank|swallow|swallowed|swallowing|take|took|tomar|tome ~4 {POISON}',
      '{POISON} ~6 (drink it|swallow it|tomarlo|tomarmelo)', '{MED} ~8 {WANT_TO}|{THINK_OF} ~2 take|taking|swallow|swallowing ~1 them|it|all',
    ],
    // a question about a form, a gun safe or a licence is paperwork
    unless: ['gun safe|lock|locks|license|licence|permit|range|show', '{TOY_GUN}', '(form|question|questionnaire|firearms in the home|hunting|collection|coleccion)', 'para|for ~2 cucarachas|hormigas|mosquitos|pulgas|bugs|roaches|ants|weeds|tendedero|ropa|camping|mudanza|moving|tent|clothesline|clothes|saltar|swing|columpio|boat|climbing|dog|horse'],
  },
  {
    rule: 'at a height, tracks or in traffic',
    category: 'means or overdose',
    when: [
      '(i am|standing|sitting|here|waiting) ~2 on|at|in|by|near|beside|(next to) ~4 {PLACE}', '(train|truck|bus) ~4 coming ~4 (not moving|not going to move|staying here)', '^ at|on the ~1 {PLACE}', 'platform edge', '(climbed|climbing|went up|got up) ~3 {PLACE}|railing|roof', 'estoy ~1 en|sobre el|la|las|los ~2 {PLACE}', 'estoy ~1 arriba ~1 del|de ~1 la? ~1 edificio|puente|techo|azotea',
      '{WANT_TO} ~2 (walk|step|run|jump|drive|crash|throw myself) ~2 {TOWARDS} ~2 {STRIKE}',
      '(jump|drive|throw myself|crash|fall) ~2 off ~2 bridge|building|roof|cliff|balcony|ledge|overpass', 'crash|drive|wreck|crashed my car ~3 on purpose',
      // the plan is a place; a drive with no return; the wheel let go
      'my plan is|was ~4 {PLACE}|{WEAPON}', '(driving|drive|going|walking|heading) to ~3 not coming back', 'let|letting go of the wheel',
      '(me voy a|voy a|quiero) ~1 estrellar|estrellarme|chocar', 'estrellarme|aventarme ~3 carro|coche|auto|camion|tren|autopista|puente',
      // heading to the place now; swerving into what kills
      '(drove|driving|going|walking|heading|headed|went) to the ~1 {PLACE} ~1 $|now|tonight', 'swerve|swerving ~1 into ~2 traffic|oncoming|wall|tree|semi|truck|pole',
      'hope ~4 (hits me|runs me over|hit by)', 'voy a saltar $|del|de|desde|por', 'me voy a tirar $|del|de|desde|por|al_vacio|a_las_vias',
      'tirarme ~1 del|de|desde|por|al_vacio|a_las_vias', 'me voy a aventar', 'aventar|aventarme|lanzarme ~1 del|desde|por', 'aventar|aventarme|lanzarme|tirarme|echarme ~3 vias|vacio|tren|metro|carros|trafico',
    ],
    unless: [
      '{PLACE} deck|bar|party|garden|terrace|patio|restaurant|lounge|pool|club|tour', 'party|concert|drinks|dinner|station',
      '(where is|where do|which floor|office|appointment|session|lobby|entrance|on my way|way to|de camino|camino a|en camino|cita|stuck|running late|detour|commute|mucho trafico|atorado|atorada|atascado|manejando)',
      // hanging washing on the roof, a barbecue up there
      '(fix|fixing|gutter|gutters|shingles|repair|repairing|antenna|ball|leak|snow|solar|tomando aire|break|descanso|lunch|almuerzo|tendiendo|tender|ropa|lavadero|asado|carne asada|regando|plantas|llego|llegando|ya casi)',
    ],
  },
  // ── intent to die ────────────────────────────────────────────────────────────────────────
  {
    rule: 'suicide or self-killing named',
    category: 'intent to die',
    when: [
      // not a programme, a barrier, a statistic or a figure of speech ("suicide prevention", "a suicide mission")
      'suicide !prevention|barrier|barriers|awareness|rates|rate|statistics|stats|squad|mission|research|doors|door',
      'kill myself', 'killing myself', 'killed myself', 'take my own life', 'take my life', 'taking my life',
      'taking my own life', 'end my life', 'ending my life', 'end it all', 'ending it all', 'hang myself', 'hanging myself',
      'shoot myself', 'drown myself', 'matarme', 'quitarme la vida', 'bullet in my ~1 head|brain', 'blow my brains out',
 'me voy a matar', 'me quiero matar',
      'ahorcarme', 'kill|killing|hang|hanging|hurt|hurting|off|cutting|cut|burning|harming|overdosed himself|herself|themselves|themself',
      'se ~1 esta ~1 cortando|lastimando|quemando|ahorcando', 'threatening|threatened|wants|trying ~1 to kill ~1 himself|herself|themselves', 'off myself',
      'se quiere|va|quiere ~1 matar|morir|suicidar|ahorcar', 'quiere matarse|morirse|suicidarse|ahorcarse', 'quitar la vida', 'quitarse la vida',
    ],
    // "killing myself" is also an idiom of overwork and laughter
    unless: [
      'killing myself ~3 (laughing|working|studying|at work|at the gym|to get|to finish|to make|over)',
      // suicide as the subject of a documentary, a class or the news
      '(prevention|prevencion|awareness|walk|caminata|marcha|hotline training) ~3 suicide',
      '(documentary|documental|book|libro|class|clase|paper|article|articulo|lecture|podcast|course|training|news|noticias|movie|pelicula|series|novel|novela|presentation|presentacion|essay|ensayo) ~3 (about|on|sobre|de|del) ~2 suicide',
    ],
  },
  {
    rule: 'wanting or planning an ending',
    category: 'intent to die',
    // "if i have to sit through one more meeting i'll die" is a complaint about meetings
    unless: ['(meeting|meetings|email|emails|class|lecture|call|calls|zoom|shift|homework|exam|exams|test|traffic|line|queue|commute|song|episode|movie|paperwork|forms|presentation) ~5 (will|going to) die $'],
    when: [
      '{WANT_TO} ~3 {ENDING}', '{THINK_OF} ~3 {ENDING_ING}', 'i am ~2 ending it|things !with', 'i am ~1 done living|existing',
      'want out $', 'want out of ~1 (life|this life|this world|existence|here)', 'my own? funeral', 'going to do it tonight',
      'tonight ~3 going to do it $', 'have a plan $', 'made up my mind $', 'my mind is made up $', '(have|got) it all planned ~1 out', 'everything ~1 planned out $', 'know when and how', 'know how and when','have a plan and ~4 (means|stuff|everything|pills|gun|rope|it)', 'jump|jumping tonight $', 'and never ~1 get up|(wake up)|(come back)',
      'if i ~1 stop|(do not) ~1 (texting|answering|responding|replying|text back) ~4 call|send', '{TOOK} ~2 the ~1 {MED} ~2 sorry|goodbye|bye',
      'will be better off soon', '(voices|voice|they|it) ~3 (say|says|tell|telling|told) ~1 me? ~1 to ~1 (jump|walk|cut|hurt|die|drown|hang|stab|burn|step|kill)',
      'ya no despierto|despertaria', 'apagando ~5 (lo dejo|dejo que pase|esta vez)', 'no mas mananas', 'sin futuro ~2 sin', '(esta noche|hoy) ~1 termina|acaba|(se acaba)|(se termina) ~1 todo',
      'did it again ~2 sorry', 'have the means', 'my last night $|alive|on_earth',
      'my last day alive|on_earth', 'tonight is the night $', 'the? plan is set|ready|in_place', 'todo planeado', 'tengo un plan $|y|para_esta_noche|para_hoy',
      // a plan made, the means gathered, the time set: "i made a plan", "i have everything i need to do it", "after everyone is asleep im doing it"
      '(made|have|got|i have) a plan ~1 $|for_tonight|for_this_weekend|to_do_it', 'have everything ~2 (i need|ready|set up|in place) ~2 $|to_do_it|for_tonight',
      'it is all set up $', 'everything is ready $|for_tonight', 'i am doing it $|tonight|now', 'finally do it', 'it is happening tonight|$',
      '(after|when|once) ~5 (asleep|sleep|leaves|gone|goes to bed|go to bed) ~3 (i am doing it|i will do it|do it)',
      'by morning ~2 (it will be over|i will be gone|i will be dead|i am gone)', '(esta noche|hoy) lo hago', 'lo voy a hacer ~1 esta_noche|hoy|ya',
      'todo listo para ~1 hacerlo|irme|esta_noche', 'tengo todo listo $',
      // a promise kept, safety given up: "i promised id tell you if it got this bad", "i cant keep myself safe"
      'promised ~3 tell ~2 (if|when) ~4 (bad|worse|unsafe|suicidal|thoughts)', 'it is ~1 this bad $', 'got this bad $',
      'not ~3 safe ~1 tonight|$|(right now)|(with myself)|alone', '(can not|can not ~1 be sure i can|do not know if i can|do not think i can) ~1 keep myself safe', 'danger to myself',
      'might do something ~1 tonight|$|stupid|bad|(to myself)', 'going to do something ~2 bad|stupid|(to myself)',
      'take ~2 my|the ~1 {MED}|{WEAPON}|{BLADE}|pills|gun|knife|razors away from me', 'hold|keep ~2 my ~1 {MED}|gun|guns|knives|razors ~2 for me ~2 (tonight|so i)',
      // Spanish: "no confío en mí", "tengo miedo de lo que pueda hacer", "no estoy a salvo", "quítenme las pastillas"
      'no confio en mi ~1 misma|mismo|$|esta_noche|hoy', 'miedo de lo que ~1 pueda|podria|vaya_a|voy_a ~1 hacer|hacerme', 'no estoy a salvo', 'no me siento segura|seguro conmigo',
      'quitenme|quitame|llevense|escondan ~2 pastillas|pistola|cuchillo|navaja|cuchillos|medicinas',
      // research: "i have been researching methods", "looked up how long it takes to bleed out"
      '(researching|research|researched|looked up|looking up|googled|googling|searched|read|reading) ~3 (methods|method|how long it takes|how much ~2 (lethal|kill|to die)|how many it takes|bleed out|lethal)',
      'how many ~1 would|does|will it take $|(to die)|(to not wake up)|(to kill)', 'bleed|bleeding out',
      // stopping what keeps one alive on purpose: insulin, heart medicine, dialysis, food
      '(stopped|quit|stop|not taking|refusing|refuse|skipping) ~4 (on purpose|(let it happen)|(i want to go)|(want to die)|(to die)|(until i die))',
      '(stopped|stop|not) ~2 eating ~3 so i ~1 (can|will|could) ~1 (die|fade|disappear|waste)', 'let it happen $', 'refusing|refuse|stopped ~1 dialysis',
      // other endings said plainly: "i want to stop being", "go home to god", "stay asleep", "everything to go dark"
      '{WANT_TO} ~1 (stop being $|not be $|not be anymore|go home to god|go home to jesus|meet god|meet jesus|meet my maker|be at peace forever|rest in peace|fall asleep and stay asleep|stay asleep forever|go dark)',
      'want|wish|need ~1 everything|it|the_world ~1 to go dark|black', 'go to sleep and not ~4 ever again',
      'death|dying|(being dead) ~2 (would be|is) ~1 a? ~1 relief|peaceful|better|easier|mercy', 'sueno|pienso|pensando ~1 con|en ~1 (estar muerta|estar muerto|morir|mi muerte)',
      'nada por|para que|lo_que ~1 vivir', 'favor ~4 if|when i ~2 {GONE}', 'haria|hago un favor ~3 si ~1 me ~1 muero|muriera|mato|matara|voy|fuera', 'ya me canse de todo $',
      '(why am i|why i am|still|not|no longer|stay|staying|not being|bother being|deserve to be) ~1 alive', 'not see myself ~2 alive|living|here|around|(making it)',
      'why ~4 (bother|still) ~2 living|alive|live|existing|exist', 'live or die', 'do something ~2 to myself', 'not trust myself !with|around', 'not trust myself with|around ~2 {MED}|{WEAPON}|{BLADE}|pills|knives|razors|gun|car|meds',
      'not feel safe', 'no me siento segura|seguro', 'no estoy a salvo', 'not safe with|around myself', 'did something stupid $|i|to', '(just|so easy to|and) ~1 not wake up', 'want to bleed',
      'time for me to go $|now|forever', 'so|until i ~2 die|am_dead|(can die)|(end it)', 'what if i ~1 (did not exist|was not here|died|was gone|disappeared)',
      '(verge of|close to) ~1 doing something', 'in case i decide', 'death|dying|(being dead) ~2 sounds|seems|feels|looks ~2 peaceful|nice|good|easier|better|appealing|(like a relief)',
      'think|thinking|thought ~1 about|of death|dying ~1 all|a|so|constantly|every|again|lately|$', 'pienso|pensando|pensar ~1 en la muerte',
      '(pray|hope|wish|want) ~3 (take|takes) me ~1 tonight|home|now|away|$', 'hope|wish|pray ~2 (i am dead|i will be dead|i would be dead)', 'hope|wish|pray ~3 cancer|illness|disease|it ~1 wins|(kills me)',
      '(permanent|eternal|forever) ~1 (peace|sleep|rest|solution|escape)', 'being alive|existing|living ~2 is ~1 torture|unbearable|agony',
      'do not want ~2 tomorrow|morning to come', 'i have|got ~1 a stash $|ready|saved', '{MED} ~6 have enough $|now', '{TOOK} everything i had $', 'i ruin everything $',
      'except|but|(other than) ~2 dying|death|(to die)|(killing myself)|(ending it)', 'do something ~2 drastic|permanent|stupid|(i will regret)', '(scared|afraid|terrified) ~3 what i ~1 (might|will|could|am going to) ~1 do',
      'i am not safe', 'not safe right now', 'in my will', 'signed my will', 'know how i ~1 (would|will|could|am going to) ~1 do it', 'how i would do it',
      'do not belong ~2 (in this world|on this earth|here $|anywhere)',
      // death welcomed or hoped for by accident: "i would welcome death", "i keep hoping for a car accident"
      'welcome|embrace ~1 death', '(if i died|if i did not wake up|if i do not wake up|if i was gone) ~4 (fine with it|okay with it|ok with it|would not mind|would not care|relief|happy)',
      'hope|hoping|wish|pray ~3 (something|someone) ~1 kills me', 'hope|hoping ~4 (car accident|crash|get hit|hit by|fatal)', 'traffic hoping', 'hoping i ~1 crash|die',
      '(edge|tracks|platform|traffic|ledge) ~5 (on purpose|hoping)', 'stop ~1 suffering ~1 forever|(for good)|permanently',
      '(keep|carry|sleep with|have|got) ~2 {BLADE}|gun|guns|pistol|razor ~4 (under my bed|under my pillow|next to me|everywhere|by my bed|in my pocket)',
      'done trying ~1 to ~1 live|exist|survive', 'tried everything ~6 (time to stop|give up|done)',
      // wanting to follow someone who died: "i want to go where he is", "me quiero ir con mi hijo que murió"
      'go where ~1 he|she|they ~1 is|are|went', '(see|be with|join) ~2 {LOVED_ONES}|him|her ~1 again ~8 (passed|died|ready|gone)',
      '(ir|irme|estar) con ~3 (que murio|que se murio|que fallecio|que se fue)',
      // someone who will not come down: "my friend is on the roof and wont come down"
      '{PLACE} ~5 (will not|not|no quiere) ~1 (come down|get down|bajar)',
      // swallowing what harms: "i swallowed razor blades", "i drank hand sanitizer", "i ate rat poison"
      'swallowed|swallow|ate|eat|eaten|drank|drink|trague|me_comi ~3 {POISON}|razor|razors|blades|(broken glass)|batteries|(hand sanitizer)|(rubbing alcohol)|navajas|vidrio|pilas',
      // attempts told: "i attempted tonight", "i survived again, unfortunately", "woke up in the er again after taking pills"
      'i ~1 attempted $|tonight|again|earlier|(last night)|today', 'made ~1 an attempt', 'my|an|suicide attempt ~1 tonight|earlier|(last night)|today|$',
      'survived ~2 again|unfortunately|(another attempt)', '(woke up|ended up|am) in the ~1 er|hospital|icu ~4 pills|overdose|taking|again',
      'wish ~2 (had not|never|did not) ~1 found|saved|stopped|called|$', 'know i tried $',
      // someone else in danger: "my sister took a bunch of pills and wont wake up", "my friend texted me goodbye and isnt answering"
      '{TOOK} ~6 (will not wake up|not waking up|unresponsive|not breathing)', 'not breathing|unresponsive|(turning blue)|(no pulse)', 'lips|face|skin ~2 turning|are|is ~1 blue',
      'texted|sent|said ~2 goodbye ~4 (not answering|is not answering|not responding|will not answer|not picking up)',
      // hallucinated commands and purification by fire
      '(walls|tv|radio|voices|voice|they|devil|demons|god|birds|shadows|spirits) ~3 (telling|tell|tells|told|say|says) me to ~2 (do it|end it)',
      'cleanse|purify ~2 myself|me ~2 with ~1 fire|blood|bleach', 'burn ~2 (the demons|the devil|the evil|it|them) ~2 out of me',
      // rage with a time, threats to children: "im so angry i could kill someone tonight", "he said if i call anyone hes going to hurt the kids"
      'could|will|might ~1 kill|hurt|stab ~1 someone|somebody|him|her ~2 tonight|(right now)|(for real)|seriously',
      '{ASSAILANT} ~5 (going to|will|would|threatened to|gonna) ~1 (hurt|kill) ~1 (the|my|our) ~1 kids|children|baby|son|daughter',
      // quieter signs: nobody to find them, a party if they died, a way out taken, counted pills, a long look at the bridge
      '(no one|nobody) will ~1 find me ~2 (till|until|for days|in time|before)', 'i am already ~1 gone|dead $', 'party|celebrate ~5 if|when i ~2 {GONE}',
      // metaphors of an ending: "close the book on my life", "six feet under", "my chapter is over"
      'close ~1 the book on ~1 my life', 'my ~1 (chapter|story) is ~1 over|done|finished', 'final chapter ~2 my? ~1 life|$',
      '(be|me|i am|i was|i would be|better off|rather be) ~2 (six feet under|in the ground|in a grave|bajo tierra)', 'mejor ~2 bajo tierra',
      'cerre mi ciclo', 'se acabo para mi', 'grave ~8 (forever|join|lie down|be with|next to)', 'panteon|cementerio|tumba ~8 (para siempre|acostarme|quedarme)',
      '(estar|ir|irme|reunirme) con ~3 (en el cielo|al cielo)', 'my heart ~2 (stop|stopping) ~4 let it', '(sleep|sleeping) and never ~5 again',
      // asking that no one be sent; the choice made; a goodbye framed as thanks for trying
      'do not ~1 call|send ~2 police|anyone|911|ambulance|cops|help', 'no llamen|llames|manden ~2 a ~1 nadie|policia|911|ambulancia', 'before i do it',
      '(made|make) my ~1 choice|decision $', 'ya tome mi decision $', 'thank you|thanks ~1 for trying $|(to help me $)|(so hard)', 'to remember me ~1 by|$',
      'ya no voy a necesitar ~2 citas|cita|medicina|pastillas|receta|terapia',
      'found ~1 a|the|my ~1 way out $|tonight', 'way out ~1 and i am taking it', '(counting|counted) ~3 {MED}|them ~6 enough $|now',
      '(looked at|looking at|staring at|stared at) the {PLACE} ~4 (long time|hours|again|tonight|thinking)', 'after tonight ~2 (i will|it will|everything|i am) ~2 (finally|peace|free|gone|over|no more)',
      'finally ~3 (be free|have peace|be at peace|sleep forever) ~1 tonight|$|soon', '{TOOK} something ~8 (a lot|do not know what|not sure what|too much)',
      '{MED} ~2 (are working|kicking in|kicked in) ~5 (goodbye|bye|forever|sorry|too late)',
      '(seizure|seizing|can not breathe|not breathing|passing out|unconscious) ~4 after ~3 {MED}|taking', 'hope ~2 i ~1 do not make it', 'want off ~1 (this planet|this earth|this world)',
      'better dead', 'should be dead', 'should have died', 'should of died', 'wish i ~1 (did not|had not|would not|never) ~1 (wake up|woke up|woken up) !so|early|at|before|late|with',
      'not ~2 make it (through the night|through tonight|another day|til morning|until morning)', 'not going to make it $', 'want|wanted|need|wish ~1 {STOP_WHAT} ~1 over $|already|now|forever',
      // a wish for the body to stop, with any subject: "i wish my heart would just stop", "please just let me go"
      'wish|hope|pray|want ~3 my heart ~3 stop|stops|stopped|give_out|gives_out', 'my heart ~1 would|could|will ~1 just? stop $', 'just let me go !home|early|to|out|for|back|at|in|on|with|now',
      'let me go $', '(hope|wish|pray) ~5 (and|to) die !of|laughing', 'this is the end ~1 for me', 'the end for me $', 'end of the road for me',
      // going and not coming back; the decision made, the hour named; the plan told to someone
      'not coming back $|ever|this_time', 'never coming back', 'decided ~3 time to go', '(i am|i think i am) ~1 ready to go $|now|tonight',
      'it is time $', 'i am going to do it $|now|tonight', '(wanted|want|needed) ~1 (someone|somebody|one person) to know $',
      'i no how i', 'then it is ~1 done|over $', '(did not|have not) ~1 (do|done) anything ~1 yet $|but|i',
      // a wish not to wake, or not to have to: "i wont have to wake up", "no more tomorrows for me"
      '(will not|never|not) ~1 have to (wake up|exist|live|be here|feel anything) !early|at|for|so|in|before|tomorrow',
      '(maybe|hopefully) ~3 (will not|do not|never|not) ~1 wake up !early|at|for|so|in|before', 'no more tomorrows|mornings', 'no tomorrow ~1 for me',
      '(sleep forever|sleeping forever|not waking up|never waking up) ~2 sounds|seems|feels|looks ~2 peaceful|nice|good|easier|better|appealing|(like a relief)',
      // the dead waiting, heaven better than here
      'heaven|afterlife|(the other side) ~3 better than ~1 this|here|life', '(waiting for me) ~3 long enough',
      // removing oneself as the problem; fading out and letting it
      'i am the problem ~6 remov*|solv*|fix*|eliminat*|(take care of)|(get rid of)', 'remove|removing|erase|erasing myself ~2 (from|permanently|for good|$)',
      'fading ~1 away|out ~5 (letting it|let it|let myself|for good)',
      // Spanish: a wish for the heart to stop, the night it ends, something without return
      'ojala ~4 corazon ~2 parara|pare|detuviera|detenga|dejara|deje', 'se me parara|pare|detuviera|detenga el corazon', 'esta noche se acaba|termina ~1 todo?',
      'hacer algo ~3 (drastico|estupido|permanente|sin vuelta atras|no tiene vuelta atras|de lo que me arrepienta)', 'no tiene vuelta atras',
      'ya no voy a estar $|aqui|mas', 'no voy a estar ~2 mucho tiempo','no me van a volver a ver',
      'ya me voy a ir ~2 (para siempre|de este mundo)',
    ],
  },
  {
    rule: 'not wanting to live',
    category: 'intent to die',
    when: ['{NOT_WANT_TO} ~2 {LIVE_ON}'],
  },
  {
    rule: 'voices or others telling them to die or harm themselves',
    category: 'intent to die',
    // command hallucinations and being told to die are emergencies whoever gives the command: "the tv told me to die"
    when: [
      '(telling|told|tells|tell|say|says|saying|said|wants|want|wanted|commanding|ordering|orders|commands|asks|asking) me to ~2 {ENDING}|sacrifice|(hurt myself)|(cut myself)|(kill myself)|(cut $)',
      '(devil|demon|demons|satan|god|jesus|angels|spirits|voices|voice) ~5 (wants|want|says|needs|commands|demands) ~2 (me|my) ~2 (die|dead|sacrifice|blood|to_die)',
      'sacrifice ~1 myself|me|(my baby)|(my son)|(my daughter)|(my kids)', 'cut|dig|carve ~4 out of ~1 my|me', 'cut|dig|carve ~1 (the|it|them) ~1 evil|bad|demon|devil|chip|bugs|poison ~3 out', '(telling|told|tells|tell|say|says|saying|said) me to ~1 (step|walk|run|jump|drive) ~2 {TOWARDS} ~2 {STRIKE}',
      '(telling|told|tells|tell|say|says|saying|said) me to ~1 (hurt|cut|burn|harm|stab|drown) myself', 'hear|hearing|heard ~4 (kill yourself|die)',
      'kill yourself', 'can not fight ~1 them|it|the_voices ~2 (much longer|anymore|any longer)',
      'voces|voz ~5 mate|mates|matar|morir|muera|muere|lastime|corte|salte|tire|ahorque', 'me dicen|dice|decian|ordenan|pide|piden|manda|mandan|ordena que me ~1 mate|muera|corte|lastime|tire|ahorque|mueras',
    ],
    unless: ['told me to cut ~1 back|down|out|ties'],
  },
  {
    rule: 'wishing to be dead',
    category: 'intent to die',
    when: [
      'wish i ~1 was|were|had ~2 dead|gone', 'wish i ~1 was|were|had ~1 never|not ~1 born|alive|here|existed|around',
      'wish i ~1 could ~1 die', 'rather be dead', 'rather die', 'better off dead', 'ready to die', 'let me die',
      'hope|pray i ~1 die', 'wishing|hoping|praying i ~3 die !of|laughing', 'wish i ~2 would|could ~1 die',
      '(peaceful|nice|easier|better|a relief) ~2 to ~1 (not wake up|never wake up|die|be dead|not exist|disappear)', 'hope|pray ~2 i ~1 do not wake up', 'hope|pray ~2 i never wake up', 'not scared|afraid of dying|death',
      'voices|voice ~5 kill|die|hurt|end|jump|cut|overdose', '(telling|told|tells|says) me ~3 (my time|time to die|time to go)', 'it is my time $',
    ],
  },
  {
    rule: 'asking to be killed',
    category: 'intent to die',
    // "kill me", "just kill me", "i want someone to kill me"; not the idiom "my boss is going to kill me"
    when: ['kill me'],
    unless: ['(going to|will|would|could|might) kill me'],
  },
  {
    rule: 'saying they will not be here',
    category: 'intent to die',
    when: [
      'will not be here|around ~2 (much longer|for long|tomorrow|anymore|$)', '(do not think|not sure|doubt) ~1 i ~1 (will|am going to) ~1 be (here|around|alive) ~1 (tomorrow|much longer|anymore|$)','not going to be here|around ~2 (much longer|for long|tomorrow|anymore|$)',
      'will not be ~1 a ~1 problem|burden ~2 (much longer|for long|anymore|soon|after)', 'not going to be ~1 a ~1 problem|burden ~2 (much longer|for long|anymore|soon|after)', 'will not be ~1 anyones|your|their problem|burden',
    ],
    // a schedule: away at a conference, a wedding, next week
    unless: ['(reschedule|session|appointment|appt|out of town|traveling|travelling|vacation|office|class|cita|work|trip|group|next|conference|meeting|wedding|holiday|holidays|visiting|surgery|moving)'],
  },
  {
    rule: 'Spanish: wanting or planning an ending',
    category: 'intent to die',
    when: [
      '{QUIERO} ~2 {MORIR}', '{NO_QUIERO} ~2 {VIVIR}', 'ojala ~2 muriera|muera|muerto|muerta',
      // "ojalá me atropellen", "quisiera no haber nacido", "me da igual morirme"
      'ojala ~2 atropellen|atropelle|maten|mate|choque|choquen', 'no|nunca haber nacido', 'me da igual|(no me importa) ~1 morir|morirme|(si me muero)|vivir',
      'dejar de sentir ~2 para siempre', 'empastille|empastillarme|empastillada|empastillado',
      // "ya no quiero amanecer", "no le veo sentido a seguir viviendo" are read by the classes and the hopelessness rules
      'mejor si ~2 (no estuviera|me muero|me muriera|desapareciera|no existiera|me voy|me fuera)', 'ya me quiero ir ~1 (de este mundo|para siempre)',
      'ojala ~1 no ~2 despertar|despertara|despierte|despertarme|nacido|existir|amanezca|amanecer|amaneciera', 'no pertenezco ~2 (este mundo|aqui $|ningun lado)',
      'ya decidi|(ya tome la decision) ~4 (me voy $|hacerlo|esta noche|matarme|terminar con todo|irme para siempre)', 'ir|irme|voy ~4 al cielo',
      'podria|voy_a|quiero ~1 matar a ~1 alguien', '(lo|la|los) voy a matar ~1 $|si|cuando|esta_noche|hoy',
      'les hace|hara|va_a_hacer|voy_a_hacer dano a ~1 los|mis|sus ~1 ninos|hijos|hijas|bebe',
      'hospital|urgencias ~6 pastillas|sobredosis', 'no reacciona|respira', 'no despierta $', 'mejor muerto|muerta', 'sin ganas de vivir',
      'que todo se acabe|termine', 'estaria|estaria mejor muerto|muerta', 'mejor me muero|muera|mato', 'ir|irme ~4 para siempre',
    ],
  },
  // ── self-harm ────────────────────────────────────────────────────────────────────────────
  {
    rule: 'harming verb with a self object',
    category: 'self-harm',
    when: ['{HARM} ~1 myself'],
    // "beat myself up" is self-criticism; a sprain at the gym is an accident
    unless: ['myself up', 'myself ~3 {ACCIDENT}'],
  },
  {
    rule: 'harming verb on a part of the body',
    category: 'self-harm',
    when: ['{HARM} ~1 my ~1 {BODY}', 'bang|banged|banging|hit|hitting|slam|slammed|slamming my head ~3 wall|walls|floor|mirror', 'carved into my'],
    unless: ['{ACCIDENT}'],
  },
  {
    rule: 'self-harm named or urged',
    category: 'self-harm',
    // self-harm as the subject of a class, a talk or a paper
    unless: ['(learned about|learning about|class on|class about|training on|talk on|talk about|article about|research on|paper on|awareness) ~2 self harm*|selfharm*'],
    when: [
      'self harm*', 'self injur*', 'selfharm*', 'relaps* ~3 cutting|cut|sh|self|burning|harm|razor|razors|blade|blades|knife|lighter', 'sh relaps*|again|tonight', 'clean from ~1 sh|cutting|self',
      // habitual and repeated: "i cut every night", "cut again. sorry", "i cut" said and nothing more
      '(cut|cutting|burn|burning|burned|scratch|scratching|hurt|hurting) myself? every ~1 night|day|time|morning|week|single',
      '^ cut|burned|burnt|sh again', 'i ~1 (cut|burned|burnt|sh) $|again|today|tonight|last_night|deep|deeper|(so deep)',
      'went|cut|cutting ~1 too|so ~1 deep', 'cuts|cut ~4 deep|deeper', 'how deep ~1 i can ~1 go|cut', 'bleeding ~6 (do not want to stop|not going to stop|let it bleed|let it)', '(can not|could not) stop ~1 the? ~1 bleeding', 'blood everywhere', 'bleeding ~2 (will not|not|can not|would not) stop', '(will not|can not|would not) stop bleeding',
      '(wanted|want|needed|need) ~1 it to hurt !less|so_much', '{HARM} ~4 until|till|til ~2 bled|bleed|bleeding|broke|bruised|cracked',
      '{THINK_OF} ~2 cutting|burning|(hurting myself)|(self harm*) $|again|myself|tonight',
      '{WANT_TO} ~2 cut|burn $|again|tonight|deeper|so_bad|right_now|myself|badly', 'urge|urges ~2 cut|hurt|harm|burn',
      'been cutting|burning $|again|lately|more|for|every|since|all',
      // slang for depth and pattern: "cut to the fat", "beans", "styro", "barcode" arms, "cat scratches"
      'cut|cuts|cutting ~3 fat|beans|styro|styrofoam|bone', 'barcode|barcodes|barcoding', 'cat scratches ~3 {BODY}|again|arms|legs',
      '(i am|i have been|im) bleeding ~1 a_lot|so_much|heavily|everywhere|badly|bad',
      'me sigo|sigo ~1 cortando|lastimando|quemando', 'me queme|quemo ~2 con ~1 cigarro|cigarros|encendedor|cerillos|cigarrillo|plancha_a_proposito', 'cut|cutting|cutted deeper', 'cut|cutting ~1 so|too deep', 'so i cut|burn|hurt $|myself', 'carved|carve|carving ~3 {BODY}|skin', 'where i cut', 'from cutting $|myself|again',
      'until|till|til ~1 it|they|i ~1 bled|bleed|bleeding', '{HARM} ~6 on purpose', 'me ~4 a proposito', 'autolesion*',
      '{BODY} ~4 cuts|burns|scratches', 'cuts|burns ~3 on my ~1 {BODY}', 'i ~1 cut|burned|burnt|hurt again', 'make myself bleed',
      'can not stop ~1 cutting|burning|hurting|harming|scratching', 'cutting|burning ~4 again|lately|every_night|every_day', '{BODY} ~3 (cut up|scarred|all cut)',
      'need to feel pain', 'want to feel pain', 'cutting|burning ~2 helps|calms', 'estado cortando|lastimando|quemando|cortandome',
    ],
  },
  {
    rule: 'Spanish: cutting, burning or hurting oneself',
    category: 'self-harm',
    when: [
      'me corte|corto|cortaba|queme|lastime|lastimo|golpee|pegue|rasgue !{ES_EVERYDAY_OBJECT}', 'cortandome|lastimandome|quemandome|golpeandome !{ES_EVERYDAY_OBJECT}', 'me estoy cortando|quemando|lastimando !{ES_EVERYDAY_OBJECT}',
      '{QUIERO} ~1 cortar|lastimar|quemar|golpear $|me', 'me quiero ~1 cortar|lastimar|quemar|golpear', 'se ~1 corta|corto|lastima|lastimo|quema|quemo ~2 {ES_BODY}',
      'me he cortado|quemado|lastimado !{ES_EVERYDAY_OBJECT}', 'me hice|hago dano !{ES_EVERYDAY_OBJECT}', 'me he hecho dano',
      'cortarme|lastimarme|quemarme|golpearme !{ES_EVERYDAY_OBJECT}', 'hacerme dano !{ES_EVERYDAY_OBJECT}',
      'cortar|cortarme|cortando|corte|cortaba|quemar|quemarme|quemando|queme|cortes ~3 {ES_BODY}', 'me hice cortes', 'haciendo dano',
      // "me rayé los brazos con la cuchilla otra vez": scratching with a blade, and cutting again
      'raye|rayar|rayando|rayarme|arane|aranar|aranando ~3 {ES_BODY}', 'me raye !{ES_EVERYDAY_OBJECT}',
      '{BLADE} ~4 {ES_BODY}', 'volvi a cortarme|lastimarme|quemarme|hacerme_dano', 'me volvi a cortar|lastimar|quemar',
    ],
  },
  {
    rule: 'thoughts of harming a child or another person',
    category: 'harm to others',
    // postpartum and intrusive thoughts of harm are psychiatric emergencies too
    when: [
      'thoughts|thought|urges|urge|scared|afraid ~3 {HARM}|kill|killing|drown|drowning|smother|smothering ~3 baby|kids|children|son|daughter|someone|him|her',
      // intrusive images of smothering or harming a child: "a thought of putting a pillow over my sons face"
      'thoughts|thought|urges|urge|scared|afraid|images|imagining|picturing ~6 (pillow over|suffocat*|smother*|drown*|shake my|shaking my|shake the|shaking the) ~4 baby|son|daughter|kids|child|children|face|newborn',
      'pillow over ~3 (baby|babys|son|sons|daughter|daughters|child|childs|kids) ~1 face|head',
      // harm to another with a time or a weapon: "going to kill my stepdad tonight, i have the bat ready"
      '{WANT_TO} ~2 kill|hurt|stab|shoot|murder|strangle ~1 him|her|them|someone|somebody|my|that|this|the ~3 (tonight|when he|when she|when they|knife|gun|bat|weapon|machete|really bad|badly)',
      '{WEAPON}|bat|machete ~1 ready|loaded|listo|lista|cargada|cargado', 'hurt|kill|stab|shoot someone ~3 (and i have|i have) ~2 {WEAPON}|{BLADE}|bat',
      // Spanish: "pensamientos de hacerle daño a mi bebé", "pensando en matar a mi padrastro, tengo el machete listo"
      'pensamientos|pensamiento|ganas|miedo ~4 (hacerle dano|hacerles dano|lastimar|lastimarlo|lastimarla|matar|ahogar) ~4 bebe|hijo|hija|hijos|ninos|alguien',
      'hacerle|hacerles dano a ~2 mi|mis ~1 bebe|hijo|hija|hijos|ninos', 'matar|lastimar|apunalar a|al ~6 machete|cuchillo|pistola|arma|navaja|bate',
      // stabbing, shooting, strangling someone is not said idly
      '{WANT_TO} ~1 stab|shoot|murder|strangle ~1 my|him|her|them|someone|somebody|that|this',
      // harming one's own, wanted or pictured: "i keep picturing hurting my baby", "i want to hurt my wife", "i almost shook my baby"
      '{THINK_OF}|(thoughts of)|(keep picturing) ~2 hurting|harming|killing|drowning|smothering|shaking|stabbing|choking|strangling|suffocating ~2 {PERSON}',
      '{WANT_TO} ~1 hurt|harm|kill|stab|strangle|choke|drown|smother|shake my ~1 {PERSON}', 'almost|nearly ~1 shook|hurt|smothered|suffocated|hit|choked ~1 my|the ~1 baby|son|daughter|kid|child',
      'could ~1 strangle|kill|hurt|choke|stab ~1 my ~1 {PERSON} ~4 (right now|scared|afraid|i mean it|seriously)',
      '(afraid|scared|worried|terrified) ~3 (i will|i might|i would|i could|i am going to) ~1 hurt|harm|kill|drown|shake|smother ~2 {PERSON}',
      // a shooting or a weapon brought to school or work: "im going to bring my gun to work tomorrow and make them pay"
      'shoot up ~2 school|work|office|church|mall|party|class|place|store', 'bring|take|bringing|taking ~2 (gun|guns|rifle|knife|weapon|weapons) ~3 (school|work|office|class|church)',
      'make them ~1 all ~1 pay $', '{QUIERO} ~1 matar|lastimar|apunalar|ahorcar a|al',
    ],
    // a threat of overwork or of a sibling who ate the leftovers is an idiom; a time or a weapon is not; nor a kind wish not to hurt
    unless: [
      '{WANT_TO} ~2 kill ~4 (if|for|when he finds|when she finds|when they find|when he sees|when she sees) !{WEAPON}|{BLADE}',
      '(do not|never|not|would never) ~1 want to hurt|harm', '(jaja|jajaja|lol|haha|lmao|jk|joking)',
    ],
  },
  // ── danger from others ───────────────────────────────────────────────────────────────────
  {
    rule: 'being hurt, threatened or trapped by someone',
    category: 'danger from others',
    // a client being beaten, threatened with death or a weapon, locked in or hiding cannot wait for the morning
    when: [
      '(scared|afraid|fear|fearing|fearful) ~2 for my life', 'temo por mi vida', 'miedo por mi vida',
      '{ASSAILANT} ~4 (going to|will|would|threatened to|threatening to|tried to|trying to|keeps|wants to) ~1 (kill|hurt|shoot|stab|strangle|choke|rape) me',
      '{ASSAILANT} ~3 (hitting|beating|choking|strangling|kicking|punching|attacking|raping|hit|beat|choked|strangled|punched|kicked|attacked|raped) me',
      '{ASSAILANT} ~2 (has|got|is holding|grabbed|pulled) ~2 {WEAPON}|{BLADE}',
      '{ASSAILANT} ~4 with a|his|her|the ~1 {WEAPON}|{BLADE}', '{ASSAILANT} ~3 (trying to break in|breaking in|trying to get in)',
      // assault, drugging, being held or kept in, someone in the house
      '(i was|i got|i have been|just got|been|got) ~1 raped|assaulted|attacked|drugged|roofied|stabbed|shot|jumped|beaten|kidnapped|molested',
      'sexually ~1 assaulted|abused', 'raped|drugged|roofied ~1 me|my_drink', '{ASSAILANT} ~2 (will not|would not|does not|not|is not) let me ~1 leave|(go out)|out|go',
      'against my will', 'kidnapped', 'someone|somebody|stranger|(a man)|(a guy) ~2 (in my|in the|into my|inside my|inside the) ~1 house|apartment|room|home|bedroom',
      '{ASSAILANT} ~3 (pushed|shoved|threw|dragged|slapped|grabbed) me ~4 (stairs|down|wall|floor|ground|against|out)', '{ASSAILANT} ~1 took my phone !charger|case|cord|to|for',
      '{ASSAILANT} ~1 locked the ~1 doors|door|windows ~3 (and|so i|i can not)',
      'me violaron|violo|abusaron|abuso|drogaron|drogo|secuestraron|apunalaron|balacearon|golpeo', 'no me deja|dejan ~1 salir|irme|ir',
      'alguien ~1 entro|esta|se_metio ~2 (mi casa|la casa|mi cuarto|mi departamento|la ventana)',
      'locked me in', '(hiding|hid) ~3 (closet|bathroom|from him|from her|from them)', 'at|outside my door|house|window|apartment ~4 (will not leave|banging|trying to get in|breaking in|break in)',
      'if i do not ~3 (text|answer|respond|reply|call|write) ~6 (call|send) ~2 (police|cops|911|ambulance|someone|help)', 'call|send ~2 police|cops|911|ambulance ~1 to my ~1 apartment|house|place|address|room',
      // Spanish: "me está pegando", "me quiere hacer daño", "estoy escondida", "si no contesto, llame a la policía"
      'mi ~1 esposo|pareja|novio|ex|papa|padrastro|mama|esposa|novia|hermano ~1 me ~1 pega|golpea|pego|golpeo|maltrata|ahorca|viola|amenaza',
      'me amenazo|amenaza ~2 con ~1 un|una|el|la ~1 cuchillo|pistola|arma|navaja|machete', 'encerrada|encerrado ~4 miedo', 'me tiene|tienen encerrada|encerrado',
      'me esta|estan ~1 pegando|golpeando|ahorcando|amenazando', 'me quiere|quieren ~1 (hacer dano|matar|golpear|pegar)', 'me amenazo|amenaza ~2 con|de ~1 matar|matarme',
      // abuse of a child, a car used as a weapon, a cry for help with nothing else said
      '{ASSAILANT} ~2 (touches|touched|touching|molests|molested) me', '{ASSAILANT} ~2 (hurting|hurts|hits|hitting|beats|beating|abusing|abuses) ~1 my|the ~1 kids|children|son|daughter|baby',
      '{ASSAILANT} ~2 (tried to|trying to) ~1 run me over',
      '(tiene|trae) ~1 un|una ~1 cuchillo|pistola|arma|navaja|machete', 'estoy escondida|escondido', 'me encerro|encerraron',
      'si no ~3 contesto|respondo|escribo|llamo ~6 llame|llamen|manden|llama ~3 policia|911|ambulancia', 'policia ~2 a mi casa|departamento|cuarto',
    ],
    // the idiom of an angry parent, a joke at one's own expense
    unless: [
      '(going to|will) kill me ~2 (when ~2 (sees|see|finds|find|hears|hear|notices|learns|gets the bill)|if i|for|lol|haha|lmao)', '{TOY_GUN}', '(hunting|locked up|locked away|lockbox)', '(gun|guns|knife|knives) ~2 (license|licence|permit|range|show|set|block|sharpener|collection|safe|cabinet)',
      // hiding at a party or in a game
      '(hiding|hid) ~5 (party|game|fiesta|seek)',
      'my ~1 (cat|dog|kitten|puppy|baby|toddler|son|daughter|kid|nephew|niece) ~3 (hitting|hit|kicked|kicking|bit|scratched) me',
      // a game lost, a message sent: "she beat me at chess", "he hit me up"
      'beat me at|to|in|by', 'hit me up|back', 'hit me with the ~1 news|bill|question',
    ],
  },
  // ── a cry for help ───────────────────────────────────────────────────────────────────────
  {
    rule: 'a cry for help with nothing else said',
    category: 'cry for help',
    // at 2 a.m. to a psychiatrist's line, help asked for and nothing more is read at top priority;
    // the page says only that, so the clinician does not read more into it
    when: ['please help me $', 'i need help ~1 now|(right now)|asap|tonight $', 'auxilio|socorro|ayudenme', 'ayudame ~1 por favor $'],
  },
  // ── goodbye ──────────────────────────────────────────────────────────────────────────────
  {
    rule: 'farewell',
    category: 'goodbye',
    when: [
      'this is goodbye', 'goodnight|(good night) forever', 'note|letter|letters|notes ~1 is|are ~1 written|done|finished|ready', 'this is my ~1 final|last ~1 goodbye|message|text|words', 'final goodbye', 'goodbye|bye forever',
      // a message named a goodbye, in either language: "this is my goodbye text", "mi mensaje de despedida"
      'goodbye ~1 text|message|letter|note|video|voicemail|post', 'mensaje|carta|nota|texto|video|audio ~1 de despedida',
      // thanks and absolution as last words: "thank you for everything, you did your best, it wasnt your fault"
      '(thank you|thanks) for everything ~8 (not your fault|did your best|did everything|tried|goodbye|bye|sorry|love you|will not|wont|take care|forgive)',
      'you did your best ~4 not your fault', '(you did your best|you did everything you could|you tried) ~5 (not your fault|not on you)',
      // "tell everyone im sorry"; "i love u all but i cant stay"; "said bye to my friends"
      'tell ~2 {LOVED_ONES} ~3 (sorry|love them|love her|love him|love you|goodbye|bye|not their fault)',
      'love you ~4 (can not stay|have to go|got to go|need to go|can not do this) $|anymore', 'can not stay ~1 alive|anymore|(any longer)|(in this world)',
      'said|saying ~1 bye to ~2 {LOVED_ONES}|everyone',
      // appointments no longer needed: "i wont need appointments anymore", "cancel my appointments, wont be needing them"
      '(will not|not going to) ~2 need|needing ~3 (appointments|appointment|appt|appts|sessions|therapy|meds|refills|them|it) ~1 (anymore|$|again|after)',
      'not ~2 make it to ~5 or anything ~1 else|$', 'cancel ~3 (appointments|appts|sessions) ~4 (will not|not going to|no longer) ~2 need|needing',
      // Spanish: the last time they write, the letter written or left
      'ultima vez que ~1 me|te|les|le ~1 escriben|escribo|ven|veran|hablo|hablan|oyen|escuchan',
      'gracias por todo ~6 (no es tu culpa|no fue tu culpa|adios|perdon|perdoname|los quiero|te quiero)',
      'goodbye|bye everyone|world|for_good', 'said|saying my goodbyes', 'say goodbye ~2 everyone|forever', 'last time ~2 hear from me',
      'will not ~3 see me ~1 again|anymore', 'before i go $', '(never|not) ~2 hear from me ~1 again', 'not have to (worry about|deal with) me !missing|being|forgetting|getting|calling|coming|driving',
      // "i wont be bothering anyone anymore", "this is my goodbye", "goodbye. i love you all"
      'will not ~1 be ~1 bothering|bother|burdening ~2 anyone|you|anybody|everyone ~1 anymore|again|(much longer)', 'this is my goodbye',
      'goodbye|bye ~3 love you ~1 all', 'adios ~3 (los quiero|te quiero|los amo|las quiero|te amo)', '(los quiero|los amo|te quiero|te amo) ~2 adios',
      'perdonenme|perdoname ~1 {LOVED_ONES}? $', 'mi ultimo mensaje|texto !por_hoy|del_dia|de_hoy|de_la_semana', 'ya me despedi $|de_todos',
      'cuiden|cuida|cuidenme ~1 a ~1 mis|mi ~1 hijos|hijas|hijo|hija|perro|gato|mama|bebe $',
      '(last|final) message|text ~1 from me', '(will not|not going to) be texting|writing|messaging|calling ~2 again|anymore', 'will miss you all $',
      'please ~1 (look after|take care of) my ~1 cat|dog|kids|pets|children|baby $|(for me)', 'gracias por todo ~3 ya me voy $', 'i ~1 end it $|tonight|now|all',
      'no me van|volveran|vuelven a ver', 'ya no me van a ver', 'sorry for everything !being|with|on|that|about|today|tonight', 'forgive me for everything',
      'love you all ~2 bye|goodbye', 'love you ~2 forgive me', 'please forgive me $', 'this will be my ~1 last|final text|message|goodbye !tonight|today|for',
      'want you to know ~3 not your fault', '(sorry|forgive me) ~5 not your fault', 'not your fault ~5 sorry', 'goodbye|bye ~5 (trying to help|for trying)',
      'this is the last time i ~1 (will|am going to) ~1 text|talk|message|write|call', 'said|saying ~1 goodbye to ~2 {LOVED_ONES}|everyone', 'said|saying ~1 goodbye $|to_everyone|to_everything|to_the_world', 'wanted|want ~1 to say goodbye|bye $|to_everyone|before',
      '(do not|can not) see the point $|anymore', 
 'despedi de ~2 {LOVED_ONES}', 'make sure my ~2 (gets a good home|gets a new home|is taken care of|is looked after)', 'esta es mi despedida', 'mi despedida', 'mi adios $', '(deje|dejo) ~1 todo a ~2 mis|mi ~1 {LOVED_ONES}', 'carta de despedida', 'adios a todos', 'adios para siempre',
      'perdonen|perdoname|perdonenme ~1 todo', 'perdon por todo', 'despedirme', 'despedi de ~1 todos|familia|ustedes',
    ],
    // goodbyes at an airport, a party or a graduation are ordinary partings
    unless: ['airport|flight|party|station|graduation|sendoff|aeropuerto|fiesta|vuelo|graduacion'],
  },
  {
    rule: 'note, letters or belongings left',
    category: 'goodbye',
    when: [
      'wrote|written|finished my note|letter', 'goodbye|suicide note|notes|letter|letters', 'writing|wrote|written ~2 goodbye|goodbyes', 'left|leaving|wrote|written|writing a|the note|letter for|to ~1 {LOVED_ONES}',
      'wrote|written|writing ~1 letters|notes to|for ~1 {LOVED_ONES} !teacher|teachers|school|coach|doctor|class', 'gave|giving|give away {BELONGINGS}', 'gave|giving|give {BELONGINGS} away',
      'take care of my ~3 when|after|once i am ~1 gone|dead', 'when|after i am gone', 'after i die',
      'tell my ~1 {LOVED_ONES} ~2 love them|him|her|you', 'tell my ~1 {LOVED_ONES} ~3 sorry',
      'diganle|dile|digan ~1 a ~3 que los|la|lo|les ~1 quiero', 'cuiden a ~3 cuando', 'affairs in order', 'made|wrote|writing|updated my will',
      // loose ends tied: affairs, passwords, pets and children provided for, letters left
      'loose ends', 'affairs|house|things|life|stuff ~1 (are|is)? ~1 in order', 'passwords|passcode|password ~3 for|to ~1 my? ~1 {LOVED_ONES}', 'wrote down ~2 passwords',
      'arranged|asked|found ~4 (to take|to look after|to care for|to adopt|to keep) ~1 my ~1 dog|cat|pets|kids|children|baby',
      '(will be|are) taken care of ~4 (made sure|after|when|once)', 'i made sure of ~1 it|that $',
      'letters|notes|letter|note ~5 for|to ~1 my ~1 {LOVED_ONES}', 'deje|dejo|tengo ~2 todo|cosas|(mis cosas) ~1 arreglado|arreglada|arreglados|arregladas|(en orden)', 'todo en orden $',
      'want done with my ~1 things|stuff|belongings', 'happens to my ~1 things|stuff|kids|pets|dog|cat ~2 after|when', 'will not need ~3 after',
      // Spanish: "ya escribí la carta", "les dejé una carta a mis hijos"; things given away
      'escribi|deje|termine|dejo ~2 la|una|mi|las|unas ~1 carta|cartas|nota|notas', 'carta|cartas|nota|notas ~2 a|para ~1 mis|mi|todos ~1 {LOVED_ONES}?',
      'regale|regalando|regalar|regalado ~2 mis|todas_mis|todo ~1 cosas|pertenencias|ropa|$',
    ],
    unless: [
      'note|notes|letter|letters ~6 about|re|rent|school|doctor|work|recommendation|resignation|cover|landlord|teacher|teachers|coach|daycare|form|permission|absence|sick',
      'goodwill|donate|donation|charity', 'while|during|weekend|trip|vacation|travel|surgery|hospital|conference|baby|born|married|wedding|lawyer|attorney|mortgage|estate',
      'recomendacion|renuncia|trabajo|escuela|seguro|casero|banco|motivacion|presentacion|maestra|maestro|maestras|maestros|profesor|profesora|profesores|medico|permiso|reyes|santa|navidad',
    ],
  },
  // ── hopelessness / burden ────────────────────────────────────────────────────────────────
  {
    rule: 'others better off without them',
    category: 'hopelessness / burden',
    when: [
      '{BETTER} ~4 without me', '{BETTER} ~4 without ~4 like me', '{NOBODY}|everyone|everybody|family ~1 would ~1 be ~1 relieved|happier $', '{BETTER} ~5 if|when|once i ~2 {GONE}', 'better off with me ~1 dead|gone', 'better off with someone else',
      // in any person: "my family deserves better than me", "i ruin everyones life", "im dragging everyone down"
      'deserve|deserves ~2 (better than me|someone better)', 'i ~1 ruin|ruined ~1 everyones|everyone|their ~1 life|lives',
      'ruin ~1 everything ~1 i ~1 touch', 'drag|dragging ~1 everyone|everybody|them|you|people ~1 down',
      'be better off $', 'will|would not ~1 miss me', 'happier when i am gone',
      '(fine|ok|okay|relieved|better|happier|easier) ~1 without me', 'relieved ~5 if i ~2 {GONE}', 'care|cares|matter|matters ~3 if i ~1 live|die|died|lived',
      '{NOBODY} would ~3 notice|care|miss ~3 (if i|when i|me)', '{NOBODY} would ~1 care $|anyway', 'no one cares ~2 (about me|if i)', '{NOBODY} would miss me', 'no one ~2 needs|wants me',
      'mejor sin mi', 'felices|tranquilos|tranquilas|bien ~1 sin mi', 'me ~3 hasta ~2 sangrar|sangre|sangro|sangraron', 'vomitando|vomito ~1 sangre', '(vomiting|throwing up) blood', 'nadie me ~2 extranaria|extranara|extrana|notaria|necesita', 'a nadie le ~1 (importaria|importa si)',
      'nadie me ~3 extranar|extranaran|extranen|echaria_de_menos|echara_de_menos|va_a_extranar', 'les arruino la vida', 'solo les causo problemas|dolor',
    ],
    // said together with being safe, a low mood is for the morning
    unless: ['{SAFE_SAID}'],
  },
  {
    rule: 'burden on others',
    category: 'hopelessness / burden',
    when: ['i am ~2 a burden', 'burden to|on|for ~2 everyone|family|them|you|people|anyone', 'soy una carga', 'ser una carga', 'como una carga', 'una carga para', 'estorbo', 'being a burden', 'feel like ~2 a burden',
      'i am ~1 a waste $|of', 'i am worthless', 'no sirvo ~2 nada', 'no valgo ~1 nada|(la pena)', 'ruin ~1 everything for everyone',
      '(no|lost|losing|without|lose) ~2 will to live', 'waste of space|oxygen|air'],
    // said together with being safe, a low mood is for the morning
    unless: ['{SAFE_SAID}'],
  },
  {
    rule: 'no point or reason to go on',
    category: 'hopelessness / burden',
    when: [
      'what is the point $', 'what is the point ~1 anymore', 'what is the {POINT} of|in {LIFE_WORDS}', 'what is the point ~2 (going on|living)',
      'no {POINT} ~2 {LIFE_WORDS}', 'no point $|anymore', 'nothing ~1 left ~2 for me', 'what is ~1 the {POINT} of|in ~1 {LIFE_WORDS}',
      // "i dont see the point in going on"; "soon it wont matter anymore"
      '(do not|can not|no longer) see ~1 the|a|any {POINT} ~2 {LIFE_WORDS}', 'see no {POINT} ~2 {LIFE_WORDS}', 'will not matter ~2 (anymore|much longer)', 'soon ~3 will not matter ~1 anymore|$',
      'no future ~1 no|$', 'no reason ~1 no',
      // Spanish: "no encuentro razón para vivir", "no le veo sentido a seguir viviendo"
      'no ~1 le? ~1 encuentro|tengo|veo|hay|queda ~2 razon|razones|motivo|motivos|sentido|caso ~2 para|a|de ~1 vivir|seguir|existir|despertar|seguir_viviendo|nada',
      'no le encuentro|veo|hallo ~1 sentido|caso ~3 $|vida|vivir|seguir|viviendo|existir|nada', 'mi vida ~1 no tiene ~1 sentido|caso|valor|proposito', 'vida sin sentido',
 'no tiene caso|sentido ~3 seguir|vivir|viviendo|nada', 'vida ~3 no tiene ~1 sentido|caso', 'no soporto ~1 vivir|vida|(estar viva)|(estar vivo)', 'no tiene caso ~1 vivir|seguir|nada', 'no reason ~3 to {LIVE_ON}', 'nothing ~2 to live for', 'not worth living',
      'life|living is not worth ~1 it|living', 'no tiene sentido ~2 seguir|vivir|nada|vida', 'para que ~1 seguir|vivir|sigo|existo|despertar|vivo', 'vida ~2 no vale la pena', 'tengo suficientes {MED} $', 'ya tengo suficientes',
      'no vale la pena ~1 vivir|seguir|nada', 'no hay razon|razones ~2 vivir|seguir', 'no tengo ~2 razon|razones|nada ~2 para vivir',
      'life|living|existing|everything|existence is ~1 pointless|meaningless', 'nothing matters ~1 anymore', 'no ~3 sentido ~2 vida|vivir',
    ],
    // said together with being safe, a low mood is for the morning
    unless: ['{SAFE_SAID}'],
  },
  {
    rule: 'cannot go on',
    category: 'hopelessness / burden',
    when: [
      'can not go on !{GO_ON_PLAN}', 'can not ~1 {CANT_BEAR}', 'can not live with myself', 'do not think i can ~1 {CANT_BEAR}|(keep going|make it|do this)',
      'no way i can ~1 {CANT_BEAR}', 'ya no puedo ~1 mas $', 'ya no puedo $', 'no puedo mas $',
      'no puedo mas con ~1 vida|esto|todo|vivir', 'no aguanto mas $', '(cut|cutting|cuts|i) ~5 need ~1 stitches|puntos', 'no aguanto ~2 vivir|vida|esto', 'ya no aguanto $',
      // "i cant do this no more", with or without "anymore"
      'can not ~1 (do|take|handle|bear|stand|live) ~1 (this|it|life|like this) ~1 no more|any_more', 'ya no aguanto ~2 vida|vivir|esto', 'ya no doy mas', 'no doy para mas', 'no doy mas',
    ],
    // said together with being safe, a low mood is for the morning
    unless: ['{SAFE_SAID}'],
  },
  {
    rule: 'giving up, done with life',
    category: 'hopelessness / burden',
    when: [
      'give|giving|gave up on ~1 life|living|everything|myself|me', 'give|giving|gave up on it all', 'i ~2 give up $', 'i ~2 give up i am',
      'ready to give up', 'done with ~1 life|living|existing|world', 'done with everything !on|in|at|for|from|that|we|you|i|my|today|here|there', 'done with it all', 'done with being alive',
      'tired|sick of ~1 living|life|existing', 'tired|sick of fighting !with', 'tired|sick of being alive|here', 'tired|sick of it all',
      // "im so tired of waking up every day", "tired of being me", "tired of breathing"
      'tired|sick of (waking up|breathing|being me|being here|feeling this way|trying|everything) $|every|anymore|again',
      'hate ~1 being alive|living|existing|(my existence)', 'wish ~1 {STOP_WHAT} would ~1 end|stop',
      'cansado|cansada|harto|harta|canse|cansada de ~1 vivir|vida|existir|luchar', 'no le importo a nadie', 'a nadie le importo', 'no future $|for_me', 'do not see a future', 'see no future',
      'no way out !of', 'see no way out', 'never going to get better', 'will never get better', 'never get better',
      'nothing will ever (get better|change)', 'hopeless !at|with', 'no hope !of|for', 'no hope ~1 for me|left', 'it is ~1 over for me', 
 'ever|never going to change', 'done trying $|anymore',
      'want|wanted|need|wish ~1 {STOP_WHAT} to stop|end', 'want|wanted|need|wish ~1 {STOP_WHAT} to be over', 'want|wanted|need|wish ~1 {STOP_WHAT} ~3 permanently|forever',
      'can not see ~1 (a way forward|a future|a way out|any future|the point|any way out)', 'no way forward', 'i have given up $', 'given up on ~1 life|everything|myself|living',
      'done fighting $', 'end of my rope|tether', 'how much longer i can ~1 (do this|take this|take it|keep going|go on|live like this|hold on)',
      'would ~2 barely|hardly|not|even ~1 notice $', 'would move on ~1 fine|quickly', 'my life is ~1 over', 'nothing to look forward to',
      'no le veo caso|sentido ~3 nada|vida|vivir', 'no puedo con ~1 esta|mi|la ~1 vida', 'pointless ~3 (living|live|life|going on|existing)', 'sin salida', 'no hay salida',
    ],
    // said together with being safe, a low mood is for the morning
    unless: ['{SAFE_SAID}'],
  },
];

/**
 * Run-together phrases, looked for inside single words ("killmyself"; "K.I.L.L. M.Y.S.E.L.F"
 * becomes one word). Only long phrases: short ones hide inside ordinary words.
 */
export const RUN_TOGETHER: readonly string[] = ['kill myself', 'end my life', 'want to die', 'wanna die', 'hang myself', 'cut myself', 'hurt myself', 'take my life', 'end it all'];

"""Small hand-written word lists behind the coach's cue features.

The learned weights do most of the work; these lists give the model a few
position-free hints that generalise beyond the couple-style examples it saw
(an emotion word it never met in training still lights up ``emotion``).
Every entry is lower case; multi-word cues are matched as whole phrases.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Feelings a reply can reflect (COACH-LABELS: emotion words count for reflect_feeling;
# words that only rate difficulty -- hard, rough, awful -- are kept out on purpose).
EMOTION_WORDS: frozenset[str] = _set(
    """
    afraid alone angry anxious ashamed annoyed betrayed bitter bored broken bummed chuffed
    cheated confused crushed defeated dejected delighted depressed desperate devastated
    disappointed disappointing discouraged disgusted distressed drained draining dread
    ecstatic elated embarrassed embarrassing empty enraged envious excited exciting
    exhausted exhausting fear fearful frightened frustrated frustrating fuming furious
    glad gloomy grateful grief grieving guilty gutted happy heartbroken heartbreaking
    helpless homesick hopeful hopeless horrified hurt hurtful hurting humiliated
    humiliating insecure infuriated infuriating irritated irritating isolated jealous joy
    joyful livid lonely lonesome lost loved mad miserable nervous numb overjoyed
    overwhelmed overwhelming panic panicked panicky painful pissed proud regret rejected
    relieved resentful resentment sad sadder sadness scared scary shaken shame shattered
    shocked sorrow stoked stressed stressful stuck terrified thrilled tense torn touched
    trapped uneasy unhappy unloved unsafe upset upsetting unsettled unsettling vulnerable
    weary worried worry worrying wound wounded buzzing elation pride
    """
)

# Words that rate how hard something is: validation, not a feeling (COACH-LABELS).
HARDSHIP_WORDS: frozenset[str] = _set(
    """
    hard rough awful brutal tough terrible horrible lot difficult heavy
    """
)

WARMTH_PHRASES: tuple[str, ...] = (
    "makes sense",
    "make sense",
    "makes total sense",
    "of course you",
    "no wonder",
    "thank you for",
    "thanks for telling",
    "proud of you",
    "i'm so sorry",
    "i am so sorry",
    "i'm sorry",
    "so sorry",
    "i'm here",
    "i am here",
    "that's okay",
    "it's okay to",
    "it's ok to",
    "understandable",
    "i get it",
    "i understand",
    "anyone would",
    "lots of people feel",
    "a lot of people feel",
    "congratulations",
    "well done",
    "amazing",
    "incredible",
    "love you",
    "i'm glad",
    "so glad",
    "i hear you",
)

ADVICE_PHRASES: tuple[str, ...] = (
    "you should",
    "you shouldn't",
    "you need to",
    "you have to",
    "you must",
    "you ought",
    "you could",
    "why don't you",
    "why not",
    "have you tried",
    "have you thought about",
    "have you considered",
    "try to",
    "make sure",
    "i'd just",
    "i would just",
    "if i were you",
    "my advice",
    "how about you",
    "what if you",
    "maybe you",
    "you might want",
    "it might help",
    "it would help",
    "best thing",
    "just tell",
    "just ask",
    "just say",
    "talk to",
    "get the",
    "book a",
)

INFORMATION_PHRASES: tuple[str, ...] = (
    "usually",
    "actually",
    "studies",
    "research",
    "statistically",
    "percent",
    "%",
    "it's because",
    "that's because",
    "because the",
    "the reason",
    "apparently",
    "technically",
    "on average",
    "it turns out",
    "they tend to",
    "tends to",
    "most people",
    "it's normal for",
    "works by",
    "by law",
    "the rule",
)

JUDGMENT_PHRASES: tuple[str, ...] = (
    "you're too",
    "you are too",
    "you always",
    "you never",
    "your fault",
    "your own fault",
    "i told you",
    "told you so",
    "you're overreacting",
    "overreacting",
    "too sensitive",
    "touchy",
    "dramatic",
    "ridiculous",
    "what did you expect",
    "why would you",
    "why did you",
    "why didn't you",
    "how could you",
    "you're no better",
    "i never said",
    "that's not what",
    "that's not true",
    "sure, boss",
    "you brought",
    "should have known",
    "should've known",
    "your problem",
    "you chose",
    "stupid",
    "lazy",
    "selfish",
    "again?",
    "seriously?",
    "really?",
)

MINIMISING_PHRASES: tuple[str, ...] = (
    "at least",
    "it's just",
    "it was just",
    "just a",
    "only a",
    "not a big deal",
    "no big deal",
    "not that bad",
    "could be worse",
    "could have been worse",
    "you'll be fine",
    "you will be fine",
    "it'll be fine",
    "it will be fine",
    "you'll get over",
    "everyone deals",
    "everyone goes through",
    "everybody",
    "happens to everyone",
    "it's nothing",
    "don't worry",
    "barely",
    "look on the bright side",
    "bright side",
    "it's fine",
    "he's just like that",
    "she's just like that",
    "they're just like that",
    "is it even",
)

DISMISSAL_PHRASES: tuple[str, ...] = (
    "calm down",
    "get over it",
    "move on",
    "not now",
    "anyway",
    "anyways",
    "whatever",
    "stop worrying",
    "stop crying",
    "don't cry",
    "let it go",
    "forget about it",
    "forget it",
    "can we not",
    "let's not",
    "let's go out",
    "let's talk about something",
    "change the subject",
    "don't get your hopes up",
    "that's how you see it",
    "i don't want to hear",
    "enough",
    "okay.",
    "ok.",
    "k.",
    "cool.",
    "nice.",
    "👍",
    "by the way",
    "btw",
    "did you get",
    "what's for dinner",
)

SELF_PHRASES: tuple[str, ...] = (
    "you think that's bad",
    "wait till you hear",
    "wait until you hear",
    "what about me",
    "my day",
    "my boss",
    "my job",
    "think about what it's like for me",
    "what it's like for me",
    "i had",
    "i have to",
    "i've got",
    "i'm the one",
    "me too",
    "same here",
    "same thing happened to me",
    "when i",
    "i'm so tired",
    "i'm exhausted",
    "i'm stressed",
    "i worry",
    "i'm worried",
    "for me",
    "i'll be",
    "i was",
)

REFLECT_OPENERS: tuple[str, ...] = (
    "so you",
    "so your",
    "so it",
    "so he",
    "so she",
    "so they",
    "so the",
    "so what i'm hearing",
    "sounds like",
    "it sounds",
    "that sounds",
    "you sound",
    "you seem",
    "you feel",
    "you're feeling",
    "you are feeling",
    "you felt",
    "you must",
    "you must be",
    "must have",
    "must've",
    "must feel",
    "that must",
    "it must",
    "i can hear",
    "i'm hearing",
    "what i hear",
    "if i understand",
    "it seems",
    "seems like",
    "you're saying",
    "you mean",
    "no wonder you",
    "you've been",
    "you're worried",
    "you're not sure",
    "on one hand",
    "on the other hand",
    "part of you",
)

OPEN_STARTERS: frozenset[str] = frozenset(
    ["what", "how", "why", "tell", "describe", "which", "where", "when", "who"]
)

CLOSED_STARTERS: frozenset[str] = _set(
    """
    do does did is are was were have has had can could would will should shall may might
    am isn't aren't wasn't weren't don't doesn't didn't haven't hasn't won't wouldn't
    can't couldn't shouldn't want wanna
    """
)

SELF_WORDS: frozenset[str] = frozenset(
    ["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "us", "our"]
)
YOU_WORDS: frozenset[str] = frozenset(
    ["you", "you're", "you've", "you'd", "you'll", "your", "yours", "yourself", "yourselves"]
)

STOP_WORDS: frozenset[str] = _set(
    """
    a an the and or but if so to of in on at for with from by about as into than then
    that this these those it its it's is are was were be been being am do does did have
    has had having i me my we us our you your he him his she her they them their what
    which who whom how why when where there here not no yes just very really too also
    can could would should will shall may might must okay ok yeah um uh like well oh
    """
)

# The partner's message: good news or a hard moment (for message-conditioned cues).
GOOD_NEWS_WORDS: frozenset[str] = _set("""
    passed won win got finally booked promoted promotion accepted offer yay omg excited
    thrilled proud amazing best first bonus raise engaged finished made did it
    actually sold bought new
    """)
HARD_WORDS: frozenset[str] = _set("""
    tired exhausted stressed ugh cried crying worried sad lost hate sick scared nervous
    anxious lonely awful hurt angry upset miss missing died passed failed fired dumped
    rejected cancelled stolen broke broken overwhelmed frustrated annoyed embarrassed
    fail failing afraid terrified dread panic panicking biopsy scan argument fight
    """)
# Words that deflate or push back on what was just said.
DEFLATE_WORDS: frozenset[str] = _set(
    "though but only just barely even probably bet anyway still yet again actually"
)
BLAME_PHRASES: tuple[str, ...] = (
    "did you remember",
    "did you forget",
    "this time",
    "again",
    "you forgot",
    "you didn't",
    "you should have",
    "you shouldn't have",
    "should've",
    "what were you",
    "were you thinking",
    "your own",
    "you know",
    "i did say",
    "i said",
    "how did you manage",
    "are you sure",
    "not wrong",
    "you were",
    "you're the one",
    "whose fault",
    "to be fair",
    "in fairness",
    "i swear",
)

# Acknowledgements that a "but"/"though" right after can hollow out ("I hear you, but...").
ACK_PHRASES: tuple[str, ...] = (
    "i hear you",
    "i get it",
    "i get that",
    "i know",
    "i understand",
    "i see",
    "fair enough",
    "sounds fun",
    "sounds great",
    "sounds good",
    "sounds nice",
    "that's great",
    "that's nice",
    "good for you",
    "congrats",
    "congratulations",
    "nice",
    "cool",
    "great",
    "sure",
    "okay",
    "ok",
    "wow",
    "yeah",
    "fine",
)
CONTRAST_WORDS: frozenset[str] = _set("but though however although except")

# Praise with a dig in it, and other sarcasm (COACH-LABELS: sarcasm is judgment).
SARCASM_PHRASES: tuple[str, ...] = (
    "finally noticed",
    "finally realised",
    "finally realized",
    "for once",
    "about time",
    "took them long enough",
    "took you long enough",
    "who knew",
    "miracles happen",
    "wonders never cease",
    "must be nice",
    "even you",
    "you do something",
    "you did something",
    "you actually did",
    "you actually do",
    "look at you",
    "well well",
    "i guess",
    "sure, boss",
    "yeah right",
    "bet it's",
    "bet you",
    "huh ?",
    "that's what you're",
    "what you're excited about",
    "slow day",
    "lowered the bar",
    "low bar",
)
PRAISE_WORDS: frozenset[str] = _set(
    "wow congrats congratulations great amazing nice cool brilliant impressive well done good"
)
DIG_WORDS: frozenset[str] = _set("finally actually even once somehow noticed apparently")

# More minimising: reassurance that explains the problem away, deflating good news.
MORE_MINIMISING_PHRASES: tuple[str, ...] = (
    "less than you think",
    "not always personal",
    "always next time",
    "there's always",
    "something will turn up",
    "turn out to be harmless",
    "turn out fine",
    "most turn out",
    "come back benign",
    "benign",
    "the odds are",
    "odds are",
    "on your side",
    "probably nothing",
    "nothing to worry",
    "that's all",
    "it's just",
    "he's just",
    "she's just",
    "they're just",
    "worse things",
    "could be worse",
    "wait till you see",
    "wait until you see",
    "the hard part",
    "cost a fortune",
    "will it actually",
    "do they even",
    "does it even",
    "is that even",
    "isn't that basically",
    "basically just",
    "only took",
    "only ",
    "not that hard",
    "not that big",
    "plenty of people",
    "loads of people",
    "you'll get over",
    "you'll survive",
    "you'll live",
    "it happens",
    "these things happen",
    "happens all the time",
)

MORE_JUDGMENT_PHRASES: tuple[str, ...] = (
    "you're totally",
    "totally overreacting",
    "you're being",
    "you were the one",
    "you're the one",
    "started it",
    "you did say",
    "not wrong",
    "don't be a baby",
    "don't be so",
    "a bit much",
    "why haven't you",
    "why can't you",
    "how did you manage",
    "are you sure",
    "what did you think",
    "i did warn",
    "i warned you",
    "a nag",
    "so short with me",
    "you always do",
    "typical",
    "of course you did",
    "of course it did",
    "grow up",
    "drama",
    "you made",
)

MORE_SELF_PHRASES: tuple[str, ...] = (
    "i did a",
    "i did one",
    "i did that",
    "i did it",
    "mine was",
    "mine is",
    "my brother",
    "my sister",
    "my mum",
    "my dad",
    "my friend",
    "i was going to",
    "i'll never see",
    "what about my",
    "i could do",
    "i've done",
    "i've had",
    "i'm going",
    "i need you",
    "for me",
    "to me",
    "with me",
)

# Verbs that open an instruction ("Tell her tonight.", "Just breathe.").
IMPERATIVE_VERBS: frozenset[str] = _set(
    """
    tell ask call email text try get go take make put write book talk let stop pin change keep
    pace check see look give send bring sleep eat drink rest breathe sign apply start quit leave
    wait speak find set use buy read remember consider pick save plan schedule print report
    document screenshot record update block mute report push lean hand sort say skip cancel
    be stay focus trust
    """
)

# Counsellor-style input (AnnoMI's therapist_input: information, advice, options, agenda).
MI_INPUT_PHRASES: tuple[str, ...] = (
    "recommend",
    "recommended",
    "guidelines",
    "what we know",
    "we know that",
    "research shows",
    "studies show",
    "some people find",
    "other people",
    "a lot of people",
    "many people",
    "one option",
    "options",
    "you could try",
    "we could",
    "let me",
    "i'd like to",
    "i would like to",
    "can i share",
    "could i share",
    "would it be okay if",
    "would it be ok if",
    "is it okay if",
    "i'm going to",
    "what i'd like",
    "the next step",
    "next time",
    "next week",
    "today we",
    "we're going to",
    "i want to give",
    "handout",
    "information",
    "the doctor",
    "your doctor",
    "medication",
    "the risk",
    "risks",
    "increases",
    "reduces",
    "per day",
    "a week",
    "units",
    "the law",
    "the program",
    "the programme",
    "referral",
    "appointment",
)
# Counsellor-style reflections.
MI_REFLECT_PHRASES: tuple[str, ...] = (
    "you want",
    "you don't want",
    "you'd like",
    "you would like",
    "you're thinking",
    "you think",
    "you feel like",
    "you feel that",
    "it's important to you",
    "important to you",
    "for you",
    "you really",
    "you're ready",
    "you're wondering",
    "you've tried",
    "you're not ready",
    "you're concerned",
    "you're frustrated",
    "you care",
    "you value",
    "you know",
    "you believe",
    "what i'm hearing",
    "you're telling me",
    "you're saying",
    "sounds like you",
    "it's like",
    "kind of",
    "a little bit",
)
SUBJECTS: frozenset[str] = _set(
    "you you're you've i i'm i've we we're it it's that there they he she people"
)

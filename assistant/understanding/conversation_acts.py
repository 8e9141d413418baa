"""What a message does in the conversation when it is not a product request: thanks, "sure",
"no thanks", a reaction ("oh god", "paper looks good"), a greeting or a wish to shop, picking a
product ("I'd like to go for The Guest List"), a question about the shop itself ("which
currency is that?", "are those ratings out of 5?").

A message is read clause by clause (split at punctuation); it is such an act only when every
clause is one, so "sure, but in red" stays a refinement. Read from the words alone, in
microseconds, so these turns never need the model.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Act(StrEnum):
    THANKS = "thanks"  # "thanks a lot", "thank you for your help", "bye, have a nice day"
    AGREE = "agree"  # "sure", "ok", "that is fine", "sounds good", "no preference"
    DECLINE = "decline"  # "no thanks", "no, that is all", "not interested"
    LIKE = "like"  # "wow", "paper looks good", "it sounds interesting"
    DISLIKE = "dislike"  # "oh god", "damn", "that's lame", "they look ugly"
    MUSE = "muse"  # "hmm", "I see", "oh", "really?"
    GREETING = "greeting"  # "Hi :)", "Good day", "Helloooo"
    WANTS_TO_SHOP = "wants_to_shop"  # "Hi, I am hoping you can help me with some shopping!"
    CHOICE = "choice"  # "I think I would like to go for The Guest List then!"
    ASKS_CURRENCY = "asks_currency"  # "And which currency is that? USD?"
    ASKS_RATING_SCALE = "asks_rating_scale"  # "Am I right in saying those ratings are out of 5?"


# Acts that only acknowledge or react: they change nothing, so they never re-run a search.
ACKNOWLEDGING = frozenset((Act.THANKS, Act.AGREE, Act.DECLINE, Act.LIKE, Act.DISLIKE, Act.MUSE))
SHOP_QUESTIONS = frozenset((Act.ASKS_CURRENCY, Act.ASKS_RATING_SCALE))
# When clauses are of several acts, the one that says most wins ("no, thank you" declines).
PRECEDENCE = (
    Act.WANTS_TO_SHOP,
    Act.DISLIKE,
    Act.DECLINE,
    Act.THANKS,
    Act.LIKE,
    Act.AGREE,
    Act.MUSE,
    Act.GREETING,
)

# Words that add nothing to a clause's act: "oh", "well", "then", "sir", "lol".
FILLER = re.compile(
    r"o+h+|a+h+|aha|h+m+|u+m+|u+h+|e+r+m*|well|so|then|just|really|very|quite|actually|sir|"
    r"madam|mate|dear|lol|haha|hehe|again|too|also|anyway|anyways|and|but"
)
ASSENT = frozenset(("ok", "okay", "okey", "yes", "yeah", "yep", "yup", "sure", "alright"))
CONTRACTION = re.compile(r"\b(that|it|this|what|there|here)(?:'s|s)\b")
POSITIVE = (
    r"good|great|nice|nic|fine|cool|interesting|perfect|amazing|awesome|lovely|excellent|"
    r"brilliant|fantastic|wonderful|neat|reasonable|fair|ok|okay|alright|beautiful|pretty|"
    r"promising|fun|helpful|useful|catchy|superb|splendid|gorgeous|sweet|impressive|sensible|"
    r"better"
)
NEGATIVE = (
    r"bad|ugly|awful|terrible|horrible|lame|boring|disappointing|sad|a shame|a pity|"
    r"not (?:good|great|nice|ideal|what i wanted)"
)
DEGREE = (
    r"(?:(?:so|very|really|quite|pretty|rather|super|too|also|still|kind of|kinda|totally|"
    r"absolutely|perfectly|completely|a bit|a little|slightly|much|even) )?"
)
SUBJECT = r"(?:[\w'-]+ ){0,3}?"  # "paper ", "the guest list ", "it "
VERB = r"(?:looks?|sounds?|seems?|is|are|was|were|'s|s|'re|feels?)"
TAIL = (
    r"(?: (?:deal|one|ones|idea|choice|option|options|price|pick|title|name|cover|design|"
    r"book|thanks))?"
)


def _clauses(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(patterns) + r")")


CLAUSES: dict[Act, re.Pattern[str]] = {
    Act.THANKS: _clauses(
        r"(?:many |big )?(?:thanks?|thank you|thank u|thankyou|thx|ty|tysm|cheers|ta)"
        r"(?: (?:so|very|a|lot|much|bunch|ton|million|for|your|you|the|all|my|help|"
        r"helping|time|effort|efforts|kindness|suggestion|suggestions|information|info|"
        r"assistance|advice|and|anyway|anyways|again|too|that|this|sir|madam))*",
        r"(?:you(?:'ve| have) been|that(?:'s| is| was)) (?:very |so |really )?"
        r"(?:helpful|a great help|a big help|kind)",
        r"(?:i )?appreciate (?:it|that|your help|the help)",
        r"(?:you too|same to you|likewise|take care|bye|goodbye|bye bye|see you|see ya)",
        r"(?:i )?hope you have a (?:nice|good|great|lovely|wonderful) "
        r"(?:day|one|evening|night|weekend)(?: too)?",
        r"have a (?:nice|good|great|lovely|wonderful) (?:day|one|evening|night|weekend)",
    ),
    Act.AGREE: _clauses(
        r"(?:yes|yeah|yea|yep|yup|ya|sure|of course|certainly|absolutely|ok|okay|okey|"
        r"ok ?ok|k|kk|okie|alright|all right|right|fine|great|good|perfect|deal|done|"
        r"agreed|yes please|sure thing|please|please do|go ahead|do it|let's do it|"
        r"got it|understood|noted|fair enough|makes sense|no problem|no worries|"
        r"why not|i'm in|im in|count me in|works for me|that works|sounds like a plan)"
        r"(?: please| thanks| then| sir)*",
        rf"{SUBJECT}{VERB} {DEGREE}(?:fine|ok|okay|alright|all right|good|perfect)"
        r"(?: (?:with me|for me|by me|for now))*",
        r"(?:that|it|this) (?:would|will|'d|should|could|might) (?:be )?"
        r"(?:work|great|good|fine|perfect|wonderful|lovely|nice|helpful|kind of you|"
        r"brilliant|amazing|ok|okay)",
        rf"sounds? {DEGREE}(?:good|great|fine|ok|okay|perfect|like a plan|fair|reasonable)",
        r"i (?:can|could) (?:live with|work with) (?:that|it)",
        r"(?:i'?m |i am )?(?:not in (?:a |any )?(?:hurry|rush)|in no (?:hurry|rush))|"
        r"no (?:hurry|rush)|take your time",
        rf"{SUBJECT}{VERB} {DEGREE}(?:in|within) (?:my|the|our) (?:price )?(?:range|budget)",
        r"(?:i )?(?:guess|suppose) so",
        # no preference: the shown products stand ("I do not have an author in mind")
        r"(?:i )?(?:do not|don't|dont) (?:really )?have (?:a |an |any )?(?:particular |specific )?"
        r"[\w-]+ in mind",
        r"(?:i have )?no (?:particular |specific |real )?preferences?",
        r"any [\w-]+ (?:is|would be|will be) (?:fine|ok|okay|good)|any [\w-]+ will do",
        r"(?:it )?(?:doesn't|does not|dont|don't) (?:really )?matter(?: to me)?",
    ),
    Act.DECLINE: _clauses(
        r"(?:(?:no|nope|nah) )?(?:no|nope|nah|no thanks|no thank you|not really|not now|"
        r"maybe later|never ?mind|"
        r"not interested|i'?m not interested|i am not interested|nothing else|that'?s all|"
        r"that is all|that'?s it|that is it|i'?m good|i am good|i'?m fine(?: without)?|"
        r"i am fine(?: without)?|i'?ll pass|i will pass|no need|not for me|i'?m done|"
        r"i am done|we are done|we'?re done)"
        r"(?: (?:then|thanks|thank you|anymore|for now|sir|actually))*",
        r"(?:oh )?(?:sorry|my bad|never mind then)",
        r"(?:maybe )?(?:i|we)(?:'ll| will| can| could| might) come back(?: later| another time|"
        r" tomorrow| when [\w' ]{1,60})?",
    ),
    Act.LIKE: _clauses(
        r"(?:wow|woah|whoa|ooh|oooh|yay|nice|cool|great|awesome|amazing|excellent|"
        r"brilliant|perfect|lovely|sweet|neat|interesting|fantastic|wonderful|bingo|"
        r"nice one|good one|good idea|great idea|love it|love that|i love it|i like it|"
        r"i like that|i like them|i love them|good to know|good thing i asked|"
        r"how nice|how cool|how interesting|exciting|very nice|very cool|so cool|"
        r"(?:i )?(?:look|am looking|'m looking) forward to (?:it|them|that|the \w+|using it|"
        r"reading it))",
        rf"{SUBJECT}{VERB} {DEGREE}(?:a )?{DEGREE}(?:{POSITIVE}){TAIL}",
        rf"(?:looks?|sounds?|seems?) {DEGREE}(?:{POSITIVE}){TAIL}",
        rf"(?:what|such) an? {DEGREE}(?:{POSITIVE})(?: \w+)?",
        rf"(?:an? )?{DEGREE}(?:{POSITIVE}){TAIL}",
    ),
    Act.DISLIKE: _clauses(
        r"(?:oh )?(?:god|my god|omg|oh no|no way|damn|dang|ouch|ugh|yikes|meh|eww|ew|"
        r"oops|bummer|too bad|what a shame|what a pity|bad luck|oh well|that sucks|"
        r"that's a shame|that's a pity|i'm scared|im scared)",
        rf"{SUBJECT}{VERB} {DEGREE}(?:a )?{DEGREE}(?:{NEGATIVE}){TAIL}",
        rf"(?:looks?|sounds?|seems?) {DEGREE}(?:{NEGATIVE}){TAIL}",
        r"(?:bad luck|too bad)(?: i (?:suppose|guess))?",
        rf"{SUBJECT}{VERB} not {DEGREE}(?:an? )?{DEGREE}(?:{POSITIVE}|popular|famous|known){TAIL}",
        r"(?:i'?m|i am) (?:still )?not (?:convinced|impressed|a fan|keen)"
        r"(?: (?:about|of|by|with|on) [\w' ]{1,40})?",
    ),
    Act.MUSE: _clauses(
        r"(?:h+m+|u+m+|u+h+|e+r+m*|a+h+|o+h+|aha|i see|ok i see|okay i see|really|right|"
        r"hmm+ okay|let me (?:see|think)|i'?ll think about it|i will think about it|"
        r"i see what you mean|interesting|is that so|wait|hold on|are you sure|seriously|"
        r"(?:i think )?i'?ve heard of (?:it|them|that|this|her|him)|i have heard of (?:it|them))",
    ),
    Act.GREETING: _clauses(
        r"(?:hi+|hello+|hel+o+|hey+|heya|hei|hiya|howdy|yo|greetings|morning|evening|"
        r"good (?:morning|afternoon|evening|day))(?: (?:hi+|hei|hello|there|again|all|"
        r"everyone|sir|madam|team))*",
        r"(?:are you there|anyone there|is anyone there|hello are you there)",
    ),
    Act.WANTS_TO_SHOP: _clauses(
        r"(?:i(?:'m| am| was)? )?(?:hoping|wondering if|wonder if|hope)? ?(?:that )?"
        r"(?:you|u) (?:can|could|would|will|might) (?:be able to )?help me"
        r"(?: (?:out|with|some|my|a|bit|of|little|today|please|shopping|shop|purchase|"
        r"something|find|buy|choose|pick))*",
        r"(?:can|could|would|will) (?:you|u) (?:please )?help me"
        r"(?: (?:out|with|some|my|a|bit|of|little|today|please|shopping|shop|purchase|"
        r"something|find|buy|choose|pick))*",
        r"(?:i )?(?:need|want|would like|'d like|could use|am looking for|'m looking for|"
        r"was looking for|am after|'m after) (?:some |a little |a bit of )?"
        r"(?:help|assistance|advice)(?: (?:with|shopping|some|my|please|today|a|purchase))*",
        r"i(?:'m| am| was)? (?:looking|hoping|wanting|trying) to (?:do some |go )?"
        r"(?:shop|shopping|buy something|get something|find something)(?: today| please)*",
        r"(?:i(?:'d| would) like to|i want to|let'?s) (?:do some |go )?(?:shopping|shop)"
        r"(?: today| please)*",
    ),
}

# Picking among shown products: the verbs of a choice, then what was picked ("The Guest List").
SUBJECT_I = r"\bi(?:'ll| will| would|'d|'m going to| am going to| shall)?"
CHOICE = re.compile(
    rf"(?:{SUBJECT_I}(?: think i(?:'ll| will|'d| would)?)?|\blet'?s|\bgonna|^then)\s+"
    r"(?:just |probably |definitely |definitly |rather |still )?(?:like to |love to )?"
    r"(?:go for|go with|pick|choose|opt for|settle for|settle on|stick with|stay with|"
    r"decide on|prefer|vote for)\s+(?P<picked>.+)$"
    r"|(?:\bi\s+(?:think\s+i\s+)?(?:still\s+|really\s+|do\s+)?(?:prefer|like)|^(?:still\s+)?prefer)"
    r"\s+(?:more\s+)?(?P<liked>(?:the|that|this)\s+.+?)(?:\s+(?:more|better|best))?$"
    r"|\bi(?:'d| would) (?:like|love) to (?:buy|order|have|get|purchase|take) (?P<bought>.+)$",
)
INDEFINITE = re.compile(r"^(?:a|an|some|any|something|anything|one of|another|more|other)\b")
NOT_A_PICK = re.compile(r"^(?:none|neither|nothing|no)\b")
TRAILING = re.compile(
    r"(?:\s+(?:then|please|actually|instead|now|for sure|i think|after all|thanks|"
    r"thank you|one|ones|option|options|pick|choice))+$"
)
CURRENCY = re.compile(
    r"\bcurrenc(?:y|ies)\b"
    r"|^(?:and |so )?(?:is|are) (?:that|this|it|these|those|they|the prices?|prices)"
    r"(?: (?:all|prices?))? in (?:us |u\.s\. |american |canadian |australian )?"
    r"(?:dollars?|usd|euros?|eur|pounds?|gbp|kroner|krone|nok|sek|dkk|rupees?|inr)\b"
)
RATING_SCALE = re.compile(
    r"\b(?:ratings?|rated|rates|stars?|scores?|reviews?)\b.{0,30}\bout of\s+\w+"
    r"|\bout of\s+(?:5|five|10|ten|100)\b.{0,30}\b(?:ratings?|stars?|scores?)\b"
    r"|\b(?:is|are) (?:that|this|it|these|those|they) (?:a |the )?"
    r"(?:user|customer|shopper|buyer|reader|star)s?'? (?:ratings?|scores?|reviews?)"
    r"|\bwhat (?:do|does) (?:the|these|those) (?:ratings?|stars?|scores?) mean\b"
    r"|\bhow (?:are|is) (?:the )?(?:ratings?|scores?) (?:calculated|worked out|measured)\b"
)
QUESTION = re.compile(r"\?|^(?:and |so )?(?:is|are|what|which|how|am i|do|does)\b")
ASKS_WHICH = re.compile(r"^(?:and |so |ok |okay )?(?:which|what|how|why|where|when)\b")
EMOTICON = re.compile(r"[:;=8x]-?[()\[\]dpo*/\\|]+|<3|\^\^|\^_\^")
CLAUSE_BREAK = re.compile(r"[.,!?;:…()\"/]+|\s-\s|\s+but\s+|\s+and\s+(?=(?:thanks|thank))")


def _normalise(text: str) -> str:
    """Lower case, straight apostrophes, no emoticons or emoji, single spaces."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    lowered = EMOTICON.sub(" ", lowered)
    lowered = re.sub(r"[^\w\s'.,!?;:…()\"/$€£₹-]", " ", lowered)  # emoji and stray symbols
    lowered = CONTRACTION.sub(r"\1 is", lowered)  # "that's", "thats" → "that is"
    return re.sub(r"\s+", " ", lowered).strip()


def read_act(text: str) -> tuple[Act | None, str]:
    """The act of a whole message and, for a choice, the words naming what was picked."""
    lowered = _normalise(text)
    if QUESTION.search(lowered):
        if CURRENCY.search(lowered):
            return Act.ASKS_CURRENCY, ""
        if RATING_SCALE.search(lowered):
            return Act.ASKS_RATING_SCALE, ""
        if "?" in lowered and ASKS_WHICH.search(lowered):  # "which is better?" asks
            return None, ""
    clauses = [clause.split() for clause in CLAUSE_BREAK.split(lowered)]
    clauses = [words for words in clauses if _without_fillers(words)]
    if not clauses:
        return (Act.MUSE, "") if re.search(r"\w", lowered) else (None, "")  # "hmm", "oh"
    acts = [_clause_act(words) for words in clauses]
    if None not in acts:
        return next(act for act in PRECEDENCE if act in acts), ""
    picked = _picked(lowered)
    return (Act.CHOICE, picked) if picked else (None, "")


def _without_fillers(words: list[str]) -> list[str]:
    """A clause's words less the filler words around them ("oh", "well", "then")."""
    core = list(words)
    while core and FILLER.fullmatch(core[0]):
        core.pop(0)
    while core and FILLER.fullmatch(core[-1]):
        core.pop()
    return core


def _clause_act(words: list[str]) -> Act | None:
    """The act of one clause, read with or without its fillers and a leading "ok"."""
    core = _without_fillers(words)
    assented = list(core)  # "ok thank you" thanks; "ok" alone agrees
    while len(assented) > 1 and assented[0] in ASSENT:
        assented.pop(0)
    for candidate in dict.fromkeys((" ".join(words), " ".join(core), " ".join(assented))):
        for act, pattern in CLAUSES.items():
            if pattern.fullmatch(candidate):
                return act
    return None


def _picked(lowered: str) -> str:
    """The words after a choice verb ("go for The Guest List then" → "the guest list");
    empty when there is no choice, or the pick is no product yet ("go for something cheaper")."""
    for clause in re.split(r"[.,!?;:…]+", lowered):
        match = CHOICE.search(clause.strip())
        if match is None:
            continue
        picked = TRAILING.sub("", next(g for g in match.groups() if g).strip()).strip()
        if picked and not INDEFINITE.match(picked) and not NOT_A_PICK.match(picked):
            return picked
    return ""

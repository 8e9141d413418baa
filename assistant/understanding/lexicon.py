"""Word lists the deterministic parser reads by: colours, audiences, materials, features,
occasions, policy topics, feelings and the filler words that carry no product meaning."""

from __future__ import annotations

from assistant.understanding.schema import PolicyTopic, Sentiment

COLOUR_WORDS = {
    "black": "black", "white": "white", "grey": "grey", "gray": "grey", "navy": "navy",
    "blue": "blue", "red": "red", "green": "green", "pink": "pink", "purple": "purple",
    "brown": "brown", "beige": "beige", "tan": "beige", "yellow": "yellow", "orange": "orange",
    "silver": "silver", "gold": "gold", "multicolour": "multicolour", "multicolor": "multicolour",
}
AUDIENCE_WORDS = {
    "men": ("men", "men's", "mens", "man", "male", "him", "guy", "guys", "husband", "dad",
            "father", "boyfriend", "brother", "gentleman", "gentlemen", "grandpa"),
    "women": ("women", "women's", "womens", "woman", "ladies", "lady", "female", "her", "wife",
              "mom", "mum", "mother", "girlfriend", "sister", "grandma"),
    "kids": ("kids", "kid's", "kid", "children", "child", "toddler", "boy", "girl", "boys",
             "girls", "son", "daughter", "nephew", "niece", "toddlers", "teen", "teenager"),
    "unisex": ("unisex",),
}
MATERIAL_WORDS = {
    "leather": "leather", "suede": "suede", "cotton": "cotton", "merino wool": "merino wool",
    "merino": "merino wool", "wool": "wool", "cashmere": "cashmere", "linen": "linen",
    "silk": "silk", "denim": "denim", "nylon": "nylon", "polyester": "polyester",
    "fleece": "fleece", "goose down": "down", "down-filled": "down", "down fill": "down",
    "canvas": "canvas", "rubber": "rubber",
    "plastic": "plastic", "stainless steel": "stainless steel", "steel": "steel",
    "aluminium": "aluminium", "aluminum": "aluminium", "bamboo": "bamboo", "wood": "wood",
    "wooden": "wood", "glass": "glass", "ceramic": "ceramic", "titanium": "titanium",
    "sterling silver": "sterling silver", "cast iron": "cast iron", "mesh": "mesh",
    "gore-tex": "gore-tex", "goretex": "gore-tex", "vegan leather": "vegan leather",
}
FEATURE_WORDS = {
    "waterproof": "waterproof", "water-resistant": "water-resistant",
    "water resistant": "water-resistant", "wireless": "wireless", "bluetooth": "bluetooth",
    "noise-cancelling": "noise-cancelling", "noise cancelling": "noise-cancelling",
    "noise canceling": "noise-cancelling", "anc": "noise-cancelling", "insulated": "insulated",
    "hood": "hooded", "polarized": "polarized", "polarised": "polarized",
    "lightweight": "lightweight",
    "light weight": "lightweight", "hooded": "hooded", "with a hood": "hooded",
    "rechargeable": "rechargeable", "non-stick": "non-stick", "nonstick": "non-stick",
    "organic": "organic", "vegan": "vegan", "breathable": "breathable", "foldable": "foldable",
    "cordless": "cordless", "portable": "portable", "ergonomic": "ergonomic",
    "machine-washable": "machine-washable", "machine washable": "machine-washable",
    "adjustable": "adjustable", "cushioned": "cushioned", "wide-fit": "wide-fit",
    "wide fit": "wide-fit", "slim-fit": "slim-fit", "slim fit": "slim-fit",
    "long-lasting": "long-lasting", "fragrance-free": "fragrance-free",
    "unscented": "fragrance-free", "windproof": "windproof", "hypoallergenic": "hypoallergenic",
    "dot grid": "dot-grid", "dot-grid": "dot-grid", "grain free": "grain-free",
    "grain-free": "grain-free", "sulfate free": "sulfate-free", "sulfate-free": "sulfate-free",
    "scented": "scented", "usb-c": "usb-c", "usb c": "usb-c", "solar": "solar",
    "plain": "plain", "striped": "striped", "long sleeve": "long-sleeve",
    "long-sleeve": "long-sleeve", "long sleeved": "long-sleeve", "short sleeve": "short-sleeve",
    "short-sleeve": "short-sleeve", "sleeveless": "sleeveless", "non-slip": "non-slip",
    "non slip": "non-slip", "induction": "induction-compatible", "trail": "trail",
    "cushioning": "cushioned", "lighter": "lightweight", "light": "lightweight",
    "packable": "packable", "reflective": "reflective", "dishwasher-safe": "dishwasher-safe",
    "dishwasher safe": "dishwasher-safe",
}
OCCASION_WORDS = {
    "wedding": "wedding", "party": "party", "work": "work", "office": "work", "gym": "gym",
    "workout": "gym", "workouts": "gym", "training": "gym", "running": "running",
    "jogging": "running", "marathon": "running", "hiking": "hiking", "hike": "hiking",
    "camping": "camping", "travel": "travel", "travelling": "travel",
    "traveling": "travel", "trip": "travel", "beach": "beach", "summer": "summer",
    "winter": "winter", "rain": "rain", "rainy": "rain", "birthday": "birthday",
    "christmas": "christmas", "xmas": "christmas", "secret santa": "christmas", "gift": "gift",
    "gifts": "gift",
    "present": "gift", "school": "school", "date": "date", "date night": "date",
    "everyday": "everyday", "daily": "everyday",
}
POLICY_WORDS = {
    PolicyTopic.SHIPPING: ("shipping", "delivery", "deliver", "ship", "ships", "postage",
                           "dispatch", "express"),
    PolicyTopic.RETURNS: ("return", "returns", "refund", "refunds", "exchange", "send it back",
                          "send back"),
    PolicyTopic.WARRANTY: ("warranty", "guarantee", "guaranteed", "repair"),
    PolicyTopic.PAYMENT: ("payment", "payments", "pay with", "paypal", "credit card",
                          "klarna", "instalments", "installments", "apple pay", "gift card"),
    PolicyTopic.PRICE_MATCH: ("price match", "price-match", "match the price", "match a price"),
    PolicyTopic.CONTACT: ("contact", "phone number", "customer service", "talk to a human",
                          "speak to a person", "real person", "email address"),
}
SENTIMENT_WORDS = {
    Sentiment.POSITIVE: ("thanks", "thank you", "thx", "great", "perfect", "love", "awesome",
                         "nice", "helpful", "brilliant", "excellent", "cool", "amazing"),
    Sentiment.NEGATIVE: ("ugly", "hate", "don't like", "do not like", "not helpful", "useless",
                         "terrible", "awful", "rubbish", "bad", "not what i", "wrong",
                         "not great", "boring", "meh", "none of these", "none of them",
                         "not understanding", "don't understand", "not listening", "hideous"),
}
SYNONYMS = {  # shoppers' words → the catalog's
    "kicks": "sneakers", "trainers": "sneakers", "tee": "t-shirt", "tees": "t-shirts",
    "tshirt": "t-shirt", "tshirts": "t-shirts", "hoody": "hoodie", "shades": "sunglasses",
    "sunnies": "sunglasses", "earphones": "earbuds", "sneaks": "sneakers",
}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a pair of": 1, "a couple of": 2}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6}
STOPWORDS = frozenset((
    "why", "after", "before", "he", "she", "him", "they", "either", "neither", "each", "every",
    "when", "while", "so", "then", "gear", "equipment",
    "a", "an", "the", "i", "i'm", "im", "me", "my", "we", "our", "you", "your", "please", "pls",
    "show", "find", "get", "want", "wanted", "need", "needs", "looking", "look", "search",
    "for", "some", "something", "any", "anything", "with", "in", "on", "of", "to", "and", "or",
    "but", "is", "are", "be", "it", "its", "that", "this", "those", "these", "one", "ones",
    "can", "could", "would", "like", "do", "does", "have", "has", "got", "there", "here",
    "just", "also", "instead", "maybe", "really", "very", "more", "less", "thing", "things",
    "stuff", "item", "items", "buy", "buying", "price", "priced", "cost", "costs", "dollars",
    "dollar", "bucks", "usd", "around", "about", "under", "over", "below", "above", "between",
    "from", "than", "up", "at", "most", "least", "max", "min", "maximum", "minimum", "budget",
    "gift", "gifts", "present", "presents", "idea", "ideas", "what", "which", "who", "good",
    "nice", "new", "size", "sizes", "colour", "color", "not", "too", "let", "see", "give",
    "recommend", "recommendation", "likes", "loves", "love", "enjoys", "enjoy", "into", "wants",
    "suggest", "hey", "hi", "hello", "thanks", "thank", "ok", "okay", "that's", "thats", "it's",
    "i'll", "i've", "i'd", "you're", "they're", "was", "were", "am", "so", "much", "ugh", "hmm",
    "um", "uh", "oh", "wow", "lol", "all", "actually", "well", "let's", "lets", "choices",
    "options", "picks", "suggestions", "results", "yes", "yeah", "no", "now", "then", "again",
    "still",
))

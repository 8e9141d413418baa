"""Small per-language grammar: what a Chinese, Spanish or French message says that the English
parser reads (prices, colours, sizes, audiences, references, negations, policy topics, greetings,
thanks, start over), rewritten as the English phrase the parser knows, and what it asks of the
cart, the checkout or an order.

Only function words and cue phrases are here, never product words: "100美元以下" becomes
"under 100", "que no sea negro" "not black", "la segunda" "the second one"; "跑鞋" or "chaqueta"
stay as written (product types are matched by meaning elsewhere). Labels stay in the catalog's
English terms because the English parser produces them from the rewritten cues.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.understanding.languages import FUNCTION_WORDS, Language, normalise
from assistant.understanding.schema import Intent

FOREIGN: tuple[Language, ...] = ("zh", "es", "fr")
NUMBER_WORDS = {
    "cien": 100,
    "cincuenta": 50,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "sesenta": 60,
    "ochenta": 80,
    "doscientos": 200,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "cent": 100,
    "cinquante": 50,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "soixante": 60,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
}
HAN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
HAN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
HAN_NUMBER = "[零一二两三四五六七八九十百千]+"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
HAN_FILLER = re.compile(
    "刚才|现在|需要|等于|多少|什么|怎么|"
    "[的了吗呢吧啊呀嘛哦嗯我你您他她它们这那些是有要想在给用把都也还就再很太更么请帮能可以会看找买个款件双只台条种一点]"
)
AT_THE_END = r"(?=\s*[?!.]*\s*$)"  # a cue that is the whole of what is left of the message
ZH_QUESTION = re.compile("[吗呢几哪]|什么|怎么|多少|多久|是否")
LATIN_NEXT_TO_HAN = re.compile(
    r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9$€£])|(?<=[A-Za-z0-9$€£])(?=[\u4e00-\u9fff])"
)
MIN_HAN_WORD = 2  # a single character left over is a particle, not a product


def _han_number(text: str) -> int:
    """A Chinese numeral as an integer: "一百" → 100, "两百" → 200, "十五" → 15."""
    total, digit = 0, 0
    for char in text:
        if char in HAN_UNITS:
            total += (digit or 1) * HAN_UNITS[char]
            digit = 0
        else:
            digit = HAN_DIGITS[char]
    return total + digit


def _number(group: str) -> str:
    """A number said in digits, Spanish or French words, or Chinese numerals, in digits."""
    lowered = group.lower()
    if re.fullmatch(r"\d+[.,]\d+", lowered):
        return lowered.replace(",", ".")
    if lowered in NUMBER_WORDS:
        return str(NUMBER_WORDS[lowered])
    if re.fullmatch(HAN_NUMBER, group):
        return str(_han_number(group))
    return group


Rule = tuple[str, str]  # a pattern and the English it stands for ({1}: its first group…)

ZH_NUM = rf"\s*(\d+(?:\.\d+)?|{HAN_NUMBER})"
ZH_CUR = r"\s*(?:美元|美金|块钱|块|元|欧元|英镑|刀|\$|€|£)?\s*"
ZH_MEASURE = "(?:款|个|件|双|把|只|台|条|种)"
ZH_RULES: list[Rule] = [
    ("重新开始|从头开始", "start over"),
    ("重置", "reset"),
    ("重新搜索?", "new search"),
    ("都不要了", "forget it"),
    ("再多给我看几个|再给我看几个|更多", "show me more"),
    (r"(?:去掉|拿掉|删掉)\s*([一两二三四五1-9])\s*" + ZH_MEASURE, "remove {1} x"),
    ("清空", "empty my"),
    ("购物车", "cart"),
    ("婚礼", "wedding"),
    ("徒步", "hiking"),
    ("健身房", "gym"),
    ("海边", "beach"),
    ("上学", "school"),
    ("生日", "birthday"),
    ("圣诞", "christmas"),
    ("礼物", "gift"),
    ("不是我想要的", "not what i want"),
    (r"([1-5])\s*(?:颗)?星(?:及以上|以上)?", "{1} stars"),
    ("至少", "at least"),
    (rf"{ZH_NUM}{ZH_CUR}(?:到|至|-|~|\uff5e){ZH_NUM}{ZH_CUR}(?:之间)?", "between {1} and {2}"),
    (rf"(?:不超过|不到|低于|少于|最多|不高于){ZH_NUM}{ZH_CUR}", "under {1}"),
    (rf"{ZH_NUM}{ZH_CUR}(?:以下|以内|之内)", "under {1}"),
    (rf"(?:超过|高于){ZH_NUM}{ZH_CUR}", "over {1}"),
    (rf"{ZH_NUM}{ZH_CUR}以上", "over {1}"),
    (r"(?<![a-z])(xxs|xxxl|xxl|xl|xs)\s*[码號号]", "{1}"),
    (r"(?<![a-z])([sml])\s*[码號号]", "size {1}"),
    (r"(\d{2}(?:\.5)?)\s*码", "size {1}"),
    ("大号", "size L"),
    ("中号", "size M"),
    ("小号", "size S"),
    (r"腰围\s*(\d{2})", "{1} waist"),
    (r"(queen|king|twin|full)\s*(?:尺寸|码|号)", "{1}-size"),
    (r"(\d{1,2})\s*岁", "{1} year old"),
    ("不要|不想要|别要", "not"),
    ("藏青色?|海军蓝", "navy"),
    ("粉红色|粉色", "pink"),
    ("黑色", "black"),
    ("白色", "white"),
    ("灰色", "grey"),
    ("蓝色", "blue"),
    ("红色", "red"),
    ("绿色", "green"),
    ("紫色", "purple"),
    ("棕色|咖啡色", "brown"),
    ("米色", "beige"),
    ("黄色", "yellow"),
    ("橙色", "orange"),
    ("银色", "silver"),
    ("金色", "gold"),
    ("小男孩|小女孩|男孩|女孩|女儿|儿子|儿童|孩子|小孩|童装", "kids"),
    ("男朋友|老公|爸爸|我爸|父亲|爷爷|外公|哥哥|弟弟|兄弟", "men"),
    ("男士|男款|男式|男生|男性|男人|男的", "men"),
    ("女朋友|老婆|妈妈|我妈|母亲|奶奶|外婆|姥姥|姐姐|妹妹", "women"),
    ("女士|女款|女式|女生|女性|女人|女的", "women"),
    ("送她|给她", "for her"),
    ("送他|给他", "for him"),
    (r"前(两|三|2|3)" + ZH_MEASURE + "?", "the first {1}"),
    ("介绍一下|说说|讲讲|详细说", "tell me about"),
    ("就这些了?|没有别的了|就这样吧?", "that's all"),
    (r"第\s*([一二三四五六1-6])\s*" + ZH_MEASURE + "?", "number {1}"),
    ("最后一" + ZH_MEASURE, "the last one"),
    ("便宜的那" + ZH_MEASURE + r"|最便宜的(?=和|与|跟|那|[^\u4e00-\u9fff]|$)", "the cheapest one"),
    (
        "贵的那" + ZH_MEASURE + r"|最贵的(?=和|与|跟|那|[^\u4e00-\u9fff]|$)",
        "the most expensive one",
    ),
    ("这几" + ZH_MEASURE + "|这些", "these"),
    ("两" + ZH_MEASURE + "都", "both"),
    ("这" + ZH_MEASURE + "|它", "it"),
    (r"([1-9])\s*(?:和|或|跟)\s*([1-9])", "{1} and {2}"),
    ("便宜一?点|更便宜|便宜一些", "cheaper"),
    ("最便宜的?", "cheapest"),
    ("便宜", "cheap"),
    ("更贵|贵一?点", "more expensive"),
    ("太贵", "too expensive"),
    (r"(?:来|要|买)\s*([两二三四五2-9])\s*" + ZH_MEASURE, "{1} x"),
    ("(?:你|您)?(?:能|可以)(?:帮帮?|帮助)我(?:一下)?吗|请?帮帮我", "can you help me"),
    ("我需要(?:一些)?帮助", "i need help"),
    ("你好|您好|哈喽", "hello"),
    ("早上好|早安", "good morning"),
    ("下午好", "good afternoon"),
    ("晚上好", "good evening"),
    ("谢谢你?|多谢|太感谢了|感谢", "thanks"),
    ("完美", "perfect"),
    ("很有帮助|有帮助", "helpful"),
    ("好丑|丑", "ugly"),
    ("拜拜|再见", "bye"),
    ("你是谁", "who are you"),
    ("你能做什么|你会做什么|你可以做什么", "what can you do"),
    ("退货|退款|退换|可以退|能退", "returns"),
    ("寄到|配送|运费|包邮|发货|送货|运送", "shipping"),
    ("保修|质保|保固", "warranty"),
    ("分期|付款方式|支付方式", "installments"),
    ("按那个价格|价格匹配|保价", "price match"),
    ("客服|联系你们", "customer service"),
    ("天气", "weather"),
    ("写一首|诗", "poem"),
    ("系统提示词?|你的指令", "system prompt"),
    ("比较|对比", "compare"),
    ("区别|不同", "difference"),
    ("哪个更好|哪个好", "which is better"),
    ("选哪个", "which would you pick"),
    ("评分最高|评价最好|口碑最好|好评最多", "best reviews"),
    ("最贵", "most expensive"),
    ("哪一?(?:个|款|件|双|种|台|只|把)", "which"),  # not 哪里 (where)
    ("或者|或|还是", "or"),
]

ES_NUM = r"(\d+(?:[.,]\d+)?|cien|cincuenta|veinte|treinta|cuarenta|sesenta|ochenta|doscientos)"
ES_CUR = r"(?:\s*(?:\$|€|£|dólares|dolares|dólar|dolar|euros?|pavos|pesos|libras|usd|eur))?"
ES_RULES: list[Rule] = [
    (r"empezar de nuevo|volver a empezar|empecemos de nuevo", "start over"),
    ("reiniciar", "reset"),
    (r"nueva búsqueda", "new search"),
    (r"olvida todo eso|olvídalo", "forget it"),
    (r"enséñame más|muéstrame más|más opciones", "show me more"),
    ("vac[ií]a|vaciar", "empty"),
    ("carrito|cesta", "cart"),
    ("son", "are"),
    (r"¿\s*es", "is it"),
    (r"¿\s*tiene", "does it have"),
    (r"¿\s*viene", "does it come"),
    ("boda", "wedding"),
    ("senderismo", "hiking"),
    ("gimnasio", "gym"),
    ("playa", "beach"),
    ("colegio|escuela", "school"),
    ("cumpleaños", "birthday"),
    ("navidad", "christmas"),
    ("regalo", "gift"),
    (r"(?:ninguno|ninguna) es lo que busco|no es lo que busco", "none of these"),
    (r"(?:de )?([1-5]) estrellas(?: o más| para arriba| en adelante)?", "{1} stars"),
    ("al menos", "at least"),
    (rf"entre {ES_NUM}{ES_CUR} y {ES_NUM}{ES_CUR}", "between {1} and {2}"),
    (rf"de {ES_NUM}{ES_CUR} a {ES_NUM}{ES_CUR}", "between {1} and {2}"),
    (
        rf"(?:por )?(?:menos de|no más de|que no pase de|hasta|como máximo|como mucho|"
        rf"por debajo de|máximo) {ES_NUM}{ES_CUR}",
        "under {1}",
    ),
    (rf"{ES_NUM}{ES_CUR} (?:como mucho|como máximo|máximo|o menos)", "under {1}"),
    (rf"(?:más de|por encima de) {ES_NUM}{ES_CUR}", "over {1}"),
    (r"(?:talla|tamaño) (queen|king)", "{1}-size"),
    ("talla grande", "size L"),
    ("talla mediana", "size M"),
    ("talla pequeña", "size S"),
    (r"talla (xxs|xs|s|m|l|xl|xxl|xxxl|\d{2}(?:[.,]5)?)", "size {1}"),
    (r"en la (\d{2}(?:[.,]5)?)", "size {1}"),
    (r"cintura (\d{2})", "{1} waist"),
    (r"(\d{1,2}) años", "{1} year old"),
    (r"que no (?:sea|sean|tenga|tengan)", "not"),
    (r"en vez de|en lugar de", "instead of"),
    ("sin", "without"),
    (r"azul(?:es)? marino", "navy"),
    ("negr[oa]s?", "black"),
    ("blanc[oa]s?", "white"),
    ("gris(?:es)?", "grey"),
    ("azul(?:es)?", "blue"),
    ("roj[oa]s?", "red"),
    ("verdes?", "green"),
    ("rosas?|rosad[oa]s?", "pink"),
    ("morad[oa]s?|púrpura|lila", "purple"),
    ("marr[oó]n(?:es)?", "brown"),
    ("amarill[oa]s?", "yellow"),
    ("naranjas?", "orange"),
    ("platead[oa]s?", "silver"),
    ("dorad[oa]s?|de oro", "gold"),
    ("para ella", "for her"),
    ("para él", "for him"),
    ("niñ[oa]s?|infantil|hij[oa]s?", "kids"),
    ("hombres?|caballeros?|masculin[oa]s?|padre|papá|novio|marido|esposo|abuelo|hermano", "men"),
    ("mujer(?:es)?|señoras?|damas?|femenin[oa]s?|madre|mamá|novia|esposa|abuela|hermana", "women"),
    ("(?:h[aá]blame|cu[eé]ntame|dime) (?:un poco )?(?:m[aá]s )?(?:de|sobre)", "tell me about"),
    ("opci[oó]n(?:es)?", "option"),
    ("eso es todo|nada m[aá]s", "that's all"),
    ("(?:las|los) dos primer[oa]s", "the first two"),
    ("(?:las|los) tres primer[oa]s", "the first three"),
    ("(?:el |la )?primer[oa]?", "the first one"),
    ("(?:el |la )?segund[oa]", "the second one"),
    ("(?:el |la )?tercer[oa]?", "the third one"),
    ("(?:el |la )?cuart[oa]", "the fourth one"),
    ("(?:el |la )?quint[oa]", "the fifth one"),
    ("(?:el |la )?últim[oa]", "the last one"),
    ("(?:el|la) más barat[oa]", "the cheapest one"),
    ("(?:el|la) más car[oa]", "the most expensive one"),
    (r"(?:el|la) número ([1-9])", "number {1}"),
    (r"(?:el|la) ([1-9])", "{1}"),
    (r"(?:las|los) dos|ambos|ambas", "both"),
    ("(?:alguna|alguno) de (?:estas|estos|esas|esos)", "any of these"),
    ("estas|estos|esas|esos", "these"),
    ("me (?:lo|la|los|las) llevo", "i'll take it"),
    ("me quedo con|me llevo", "i'll take"),
    ("más barat[oa]s?|menos car[oa]s?", "cheaper"),
    ("barat[oa]s?|económic[oa]s?", "cheap"),
    ("más car[oa]s?", "more expensive"),
    ("carísim[oa]s?|demasiado car[oa]s?|muy car[oa]s?", "too expensive"),
    ("(una?|uno|dos|tres|cuatro|cinco) de", "{1} of"),
    (  # only as the whole request: "¿puedes ayudarme a encontrar…?" names what it wants
        "¿?(?:me (?:puedes|podrías|puede|podría) ayudar|(?:puedes|podrías|puede|podría) "
        r"ayudarme|me ayudas)\??" + AT_THE_END,
        "can you help me",
    ),
    ("necesito ayuda" + AT_THE_END, "i need help"),
    ("hola", "hello"),
    ("buenos días", "good morning"),
    ("buenas tardes", "good afternoon"),
    ("buenas noches", "good evening"),
    ("muchas gracias|gracias", "thanks"),
    ("perfect[oa]", "perfect"),
    ("me has ayudado", "helpful"),
    ("fe[oa]s?|feísim[oa]s?", "ugly"),
    ("adiós|hasta luego", "bye"),
    ("quién eres", "who are you"),
    ("qué sabes hacer|qué puedes hacer", "what can you do"),
    ("devoluci[oó]n(?:es)?|devolver|reembolso", "returns"),
    ("env[ií]os?|enviar|entrega", "shipping"),
    ("garant[ií]a", "warranty"),
    ("a plazos|formas? de pago", "installments"),
    ("igual(?:áis|an|a) el precio", "price match"),
    ("cu[aá]nto (?:cuesta|cuestan|vale|valen)|qu[eé] precio tiene", "how much is"),
    ("atención al cliente|contactar?|contacto", "customer service"),
    ("qué tiempo hará|el tiempo mañana", "weather"),
    ("poema", "poem"),
    ("prompt del sistema", "system prompt"),
    ("compara(?:r)?", "compare"),
    ("diferencias?", "difference"),
    ("cuál es mejor", "which is better"),
    ("cuál elegirías", "which would you pick"),
    ("(?:el|la|los|las) (?:mejor|más) valorad[oa]s?", "the best rated"),
    ("mejores (?:opiniones|reseñas|valoraciones)", "best reviews"),
    ("cuál(?:es)? (?:es|son)", "which is"),
    ("cuál(?:es)?", "which"),
    ("o", "or"),
]

FR_NUM = r"(\d+(?:[.,]\d+)?|cent|cinquante|vingt|trente|quarante|soixante)"
FR_CUR = r"(?:\s*(?:\$|€|£|dollars?|euros?|balles|eur|usd))?"
FR_RULES: list[Rule] = [
    (r"on recommence|recommencer|recommençons", "start over"),
    ("réinitialiser", "reset"),
    ("nouvelle recherche", "new search"),
    ("oublie tout ça|oublie ça", "forget it"),
    ("montre-m'en d'autres|montre-moi plus|d'autres options", "show me more"),
    ("vide|vider", "empty"),
    ("panier", "cart"),
    ("^(?:elle|il) a", "does it have"),
    ("^(?:elle|il) est", "is it"),
    ("mariage", "wedding"),
    ("pour (?:la )?rando(?:nnée)?", "for hiking"),
    ("salle de sport", "gym"),
    ("plage", "beach"),
    ("école", "school"),
    ("anniversaire", "birthday"),
    ("noël", "christmas"),
    ("cadeaux?", "gift"),
    ("aucune? ne correspond", "none of these"),
    (r"([1-5]) étoiles(?: et plus| ou plus| minimum)?", "{1} stars"),
    ("au moins", "at least"),
    (rf"entre {FR_NUM}{FR_CUR} et {FR_NUM}{FR_CUR}", "between {1} and {2}"),
    (rf"de {FR_NUM}{FR_CUR} à {FR_NUM}{FR_CUR}", "between {1} and {2}"),
    (
        rf"(?:à |a )?(?:moins de|pas plus de|jusqu'à|au maximum|maximum|max) {FR_NUM}{FR_CUR}",
        "under {1}",
    ),
    (rf"{FR_NUM}{FR_CUR} (?:maximum|max|au plus|maxi)", "under {1}"),
    (rf"plus de {FR_NUM}{FR_CUR}", "over {1}"),
    (r"taille (queen|king)", "{1}-size"),
    (r"(?:taille|pointure) (xxs|xs|s|m|l|xl|xxl|xxxl|\d{2}(?:[.,]5)?)", "size {1}"),
    (r"en ([34]\d(?:[.,]5)?)", "size {1}"),
    (r"(\d{1,2}) ans", "{1} year old"),
    ("pas (?:trop )?ch[eè]re?s?", "cheap"),
    ("plutôt que|au lieu de", "instead of"),
    ("pas (?:de|d'|en|des)|pas", "not"),
    ("sans", "without"),
    ("bleue?s? marine", "navy"),
    ("noire?s?", "black"),
    ("blanc(?:he)?s?", "white"),
    ("grise?s?", "grey"),
    ("bleue?s?", "blue"),
    ("rouges?", "red"),
    ("verte?s?", "green"),
    ("roses?", "pink"),
    ("violet(?:te)?s?", "purple"),
    ("marrons?", "brown"),
    ("jaunes?", "yellow"),
    ("oranges?", "orange"),
    ("argentée?s?", "silver"),
    ("dorée?s?|en or", "gold"),
    ("pour elle", "for her"),
    ("pour lui", "for him"),
    ("enfants?|filles?|fils|garçons?", "kids"),
    ("grand-mère|mère|maman|copine|femmes?|féminine?s?|sœur", "women"),
    ("grand-père|père|papa|copain|mari|hommes?|masculins?|frère", "men"),
    (
        "(?:parle[zr]?-moi|dis-m'en|dites-m'en) (?:un peu )?(?:plus )?(?:sur )?"
        "(?:du|de la|de l'|des|de)",
        "tell me about",
    ),
    ("c'est tout|rien d'autre", "that's all"),
    ("(?:les )?deux premi(?:er|ère)s", "the first two"),
    ("(?:les )?trois premi(?:er|ère)s", "the first three"),
    ("(?:le |la )?premi(?:er|ère)", "the first one"),
    ("(?:le |la )?(?:deuxième|seconde?)", "the second one"),
    ("(?:le |la )?troisième", "the third one"),
    ("(?:le |la )?quatrième", "the fourth one"),
    ("(?:le |la )?cinquième", "the fifth one"),
    ("(?:le |la )?derni(?:er|ère)", "the last one"),
    ("(?:le|la) moins ch[eè]re?", "the cheapest one"),
    ("(?:le|la) plus ch[eè]re?", "the most expensive one"),
    (r"(?:le|la) numéro ([1-9])", "number {1}"),
    ("une? de (?:ceux|celles)(?:-là|-ci)?", "any of these"),
    ("ceux-là|ceux-ci|celles-ci|celles-là", "these"),
    ("les deux", "both"),
    ("je (?:la|le|les) prends", "i'll take it"),
    ("je prends|je vais prendre|je choisis", "i'll take"),
    ("c'est quoi", "what is"),
    ("c'est", "it's"),
    ("trop ch[eè]re?s?", "too expensive"),
    ("moins ch[eè]re?s?", "cheaper"),
    ("plus ch[eè]re?s?", "more expensive"),
    ("(une?|deux|trois|quatre|cinq) (?:de|des|d')", "{1} of"),
    (
        "(?:(?:pouvez|pourriez|peux|pourrais)-(?:vous|tu) m'aider|(?:vous pouvez|tu peux) "
        "m'aider|aidez-moi|aide-moi)" + AT_THE_END,
        "can you help me",
    ),
    ("j'ai besoin d'aide" + AT_THE_END, "i need help"),
    ("bonjour", "hello"),
    ("salut", "hi"),
    ("bonsoir", "good evening"),
    ("merci(?: beaucoup)?", "thanks"),
    ("parfaite?", "perfect"),
    ("utile", "helpful"),
    ("moches?", "ugly"),
    ("au revoir", "bye"),
    ("t'es qui|qui es-tu|tu es qui", "who are you"),
    ("qu'est-ce que tu sais faire|tu sais faire quoi|que sais-tu faire", "what can you do"),
    (r"retours?|retourner|rembours\w*", "returns"),
    (r"livr\w*|expédi\w*", "shipping"),
    ("garantie", "warranty"),
    ("en plusieurs fois|moyens? de paiement", "installments"),
    (r"align\w* sur les prix", "price match"),
    ("(?:ça|il|elle) coûte combien|combien (?:coûte|vaut)-(?:t-)?(?:il|elle)", "how much is it"),
    ("combien (?:coûte|coûtent|vaut|valent)|quel est (?:le|son) prix|coûte combien", "how much is"),
    ("service client|contacter", "customer service"),
    ("quel temps", "weather"),
    ("poème", "poem"),
    ("prompt système", "system prompt"),
    ("compare[rz]?", "compare"),
    ("différences?", "difference"),
    ("(?:le|la|les) mieux not[ée]e?s?", "the best rated"),
    ("(?:les )?meilleur(?:e)?s (?:avis|notes|critiques)", "best reviews"),
    ("lequel est le mieux|laquelle est la mieux|lequel est meilleur", "which is better"),
    ("tu prendrais (?:lequel|laquelle)", "which would you pick"),
    ("(?:lequel|laquelle|lesquels|lesquelles) (?:est|sont)", "which is"),
    ("lequel|laquelle|lesquels|lesquelles", "which"),
    ("ou", "or"),
]

# What a message asks of the cart, the checkout or an order, in the order they are tried.
STATED: dict[Language, list[tuple[str, Intent]]] = {
    "zh": [
        ("结账|结算|准备好(?:付款|支付|下单)|帮我下单|去支付|去付款", Intent.CHECKOUT),
        ("订单|快递单号|物流|包裹", Intent.ORDER_STATUS),
        ("拿掉|删掉|删除|去掉|移除|清空", Intent.CART_REMOVE),
        (
            r"(?:加入|加到|放进|放到)购物车|就要这|^买第|我要(?:便宜|最便宜|最贵|第|这)|"
            r"(?:来|要)\s*[两二三四五六七八九2-9]\s*(?:个|件|双|把|只|台)",
            Intent.CART_ADD,
        ),
        ("购物车", Intent.CART_SHOW),
    ],
    "es": [
        (
            r"listo para pagar|lista para pagar|finalizar (?:la )?compra|"
            r"realiza(?:r)? (?:mi|el) pedido|pasar al pago|tramitar",
            Intent.CHECKOUT,
        ),
        ("pedido|seguimiento|paquete", Intent.ORDER_STATUS),
        (
            "quita|quitar|elimina|eliminar|borra|borrar|saca|sacar|vac[ií]a|vaciar",
            Intent.CART_REMOVE,
        ),
        (
            r"añade|añadir|agrega|agregar|(?:mete|meter)\b.*\b(?:carrito|cesta)|compro|"
            r"me (?:lo|la|los|las) llevo|me quedo con|me llevo|"
            r"quiero (?:el|la|los|las) (?:más|primer|segund|tercer|número|últim)",
            Intent.CART_ADD,
        ),
        ("carrito|cesta", Intent.CART_SHOW),
    ],
    "fr": [
        (
            r"prête? à payer|passer (?:en caisse|la commande|commande)|"
            r"valide[rz]? (?:ma|la) commande|procéder au paiement|payer maintenant",
            Intent.CHECKOUT,
        ),
        ("commande|suivi|colis", Intent.ORDER_STATUS),
        ("enlève|enlever|supprime|supprimer|retire|retirer|vide|vider", Intent.CART_REMOVE),
        (
            r"ajoute|ajouter|mets|mettre|mets-en|j'achète|je (?:la |le |les )?prends|"
            r"je vais prendre|je choisis|"
            r"je veux (?:le|la|les) (?:moins|plus|premi|deuxi|troisi|numéro|derni)",
            Intent.CART_ADD,
        ),
        ("panier", Intent.CART_SHOW),
    ],
}


def _boundaries(language: Language, pattern: str) -> str:
    """Latin-script cues are whole words; Chinese has no spaces to mark them."""
    return pattern if language == "zh" else rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _compile(language: Language, rules: list[Rule]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(_boundaries(language, p), re.I), english) for p, english in rules]


RULES = {
    "zh": _compile("zh", ZH_RULES),
    "es": _compile("es", ES_RULES),
    "fr": _compile("fr", FR_RULES),
}
STATED_PATTERNS = {
    language: [(re.compile(_boundaries(language, p), re.I), intent) for p, intent in cues]
    for language, cues in STATED.items()
}


@dataclass(frozen=True)
class ForeignReading:
    """A zh, es or fr message as the English parser reads it."""

    language: Language
    english: str  # the message with its cues in English, everything else as written
    intent: Intent | None  # a cart, checkout or order request its own words state


def _english(template: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        groups = [_number(g) if g else "" for g in match.groups()]
        return " " + template.format("", *groups) + " "

    return replace


def read_foreign(text: str, language: Language) -> ForeignReading:
    """The English reading of a message in one of `FOREIGN` and the intent its words state."""
    assert language in FOREIGN, language
    text = normalise(text).replace("\u2019", "'")
    if language == "zh":
        text = LATIN_NEXT_TO_HAN.sub(" ", text)
    intent = next(
        (intent for pattern, intent in STATED_PATTERNS[language] if pattern.search(text)), None
    )
    english = text
    for pattern, template in RULES[language]:
        english = pattern.sub(_english(template), english)
    if language == "zh" and ZH_QUESTION.search(text) and not english.rstrip().endswith("?"):
        english += " ?"  # "第一款是什么材质的" asks as "…?" does
    return ForeignReading(language, re.sub(r"\s+", " ", english).strip(), intent)


def leftover_words(rest: str, language: Language) -> list[str]:
    """The words of a foreign message nothing read, less its function words; Chinese runs of
    characters count once their particles and pronouns are taken out."""
    if language == "zh":
        runs = [HAN_FILLER.sub(" ", run).split() for run in HAN_RUN.findall(rest)]
        latin = re.findall(r"[a-z][a-z'-]+", rest)
        return [w for run in runs for w in run if len(w) >= MIN_HAN_WORD] + latin
    words = re.findall(r"[^\W\d_][\w'-]*", rest)
    return [w for w in words if w not in FUNCTION_WORDS[language] and len(w) > 1]

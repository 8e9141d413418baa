"""Chinese, Spanish and French messages fill the slots the English parser fills (issue 15)."""

# ruff: noqa: RUF001  (Chinese messages are written with full-width punctuation and digits)

import json
from decimal import Decimal

import pytest

from assistant.understanding.conversation_acts import Act
from assistant.understanding.foreign_cues import read_foreign
from assistant.understanding.intent_rules import Context, rules_intent
from assistant.understanding.languages import FUNCTION_WORDS, detect, normalise
from assistant.understanding.parsing import parse_message
from assistant.understanding.schema import Intent
from benchmarks.score_understanding import demo_vocabulary
from evaluation.multilingual_queries import DEMO_PRODUCTS, load_queries
from evaluation.understanding_scores import load_utterances

SHOWN = Context(previous_request="running shoes", shown=4)


@pytest.fixture(scope="module")
def vocabulary():
    return demo_vocabulary()


def slots(text, vocabulary):
    return parse_message(text, vocabulary).slots


def intent(text, vocabulary, context=SHOWN):
    return rules_intent(parse_message(text, vocabulary), context, vocabulary).intent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("我想买一双100美元以下的男士跑鞋", "zh"),
        ("購物車裡有幾件東西", "zh"),  # traditional
        ("想要一双waterproof的hiking boots", "zh"),  # mixed
        ("１００元以内的蓝牙耳机", "zh"),  # full-width
        ("busco unas hiking boots impermeables", "es"),
        ("¿la segunda viene en azul?", "es"),
        ("que no sea rojo", "es"),
        ("Je cherche des lunettes de soleil polarisées à moins de 80 dollars", "fr"),
        ("un ours en peluche", "fr"),
        ("running shoes for men under $100", "en"),
        ("Stridewell", "en"),
        ("XL", "en"),
        ("Ich suche Laufschuhe unter 100 Euro", "other"),
        ("ランニングシューズが欲しい", "other"),  # Japanese: kana besides Han
        ("Хочу кроссовки", "other"),
        # no function word: every word is a word of the language (simplemma's dictionaries)
        ("prise connectée", "fr"),
        ("stylo plume", "fr"),
        ("linterna frontal recargable", "es"),
        ("cafetera de émbolo", "es"),
        ("running shoes", "en"),  # every word English: not looked up
        ("crocs", "en"),  # one word in English letters: a brand as often as a French word
        ("gourde isotherme 1 litre", "en"),  # as English as French
        # as many Spanish as French function words ("de"): the dictionaries decide
        ("lampes solaires de jardin", "fr"),
        ("tente de randonnée 2 places", "fr"),
        ("cuaderno A5 de puntos", "es"),
    ],
)
def test_detects_the_language_of_a_message(text, language):
    assert detect(text) == language


def test_no_english_message_product_name_or_query_without_their_words_is_spanish_or_french():
    english = [u.text for u in load_utterances()]
    rows = DEMO_PRODUCTS.read_text(encoding="utf-8").splitlines()
    english += [json.loads(row)["name"] for row in rows if row.strip()]
    english += [query.texts["en"] for query in load_queries()]
    romance = FUNCTION_WORDS["es"] | FUNCTION_WORDS["fr"]
    plain = [t for t in english if not romance & set(t.lower().split())]  # "Eau de Parfum"
    assert len(plain) > 900
    assert [text for text in plain if detect(text) in ("es", "fr")] == []


def test_normalises_full_width_signs_and_traditional_characters():
    assert normalise("１００元，＄２０－４０") == "100元,$20-40"
    assert normalise("購物車裡") == "购物车里"


@pytest.mark.parametrize(
    ("text", "price_min", "price_max"),
    [
        ("100美元以下的跑鞋", None, 100),
        ("100块以内", None, 100),
        ("不超过８０元", None, 80),
        ("一百以内", None, 100),
        ("200到400美元之间的咖啡机", 200, 400),
        ("＄２０－４０的蜡烛", 20, 40),
        ("menos de 80 dólares", None, 80),
        ("hasta 50 euros", None, 50),
        ("entre 200 y 400 dólares", 200, 400),
        ("menos de cien pavos", None, 100),
        ("moins de 80 $", None, 80),
        ("entre 50 et 100 €", 50, 100),
        ("pas plus de 80 $", None, 80),
    ],
)
def test_reads_prices_in_each_language(text, price_min, price_max, vocabulary):
    read = slots(text, vocabulary)
    expected = [None if p is None else Decimal(p) for p in (price_min, price_max)]
    assert [read.price_min, read.price_max] == expected


@pytest.mark.parametrize(
    ("text", "colours", "excluded"),
    [
        ("有黑色的吗？", ["black"], []),
        ("不要黑色", [], ["black"]),
        ("要棕色的，不要黑色", ["brown"], ["black"]),
        ("藏青色或灰色", ["navy", "grey"], []),
        ("que no sea negro", [], ["black"]),
        ("marrones en vez de negras", ["brown"], ["black"]),
        ("en azul marino o negro", ["navy", "black"], []),
        ("pas noir", [], ["black"]),
        ("marron plutôt que noir", ["brown"], ["black"]),
        ("il y en a en rose ?", ["pink"], []),
    ],
)
def test_reads_colours_and_excluded_colours(text, colours, excluded, vocabulary):
    read = slots(text, vocabulary)
    assert sorted(read.colours) == sorted(colours)
    assert read.excluded_colours == excluded


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("男士钱包", "men"),
        ("女士登山鞋", "women"),
        ("儿童外套", "kids"),
        ("给我7岁女儿的礼物", "kids"),
        ("cartera para hombre", "men"),
        ("chaqueta para mujer", "women"),
        ("regalo para un niño", "kids"),
        ("portefeuille pour homme", "men"),
        ("veste femme", "women"),
        ("un cadeau pour ma fille de 7 ans", "kids"),
    ],
)
def test_reads_audiences_as_the_english_values(text, audience, vocabulary):
    assert slots(text, vocabulary).audience == audience


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("M码", ["M"]),
        ("43码", ["43"]),
        ("L或XL码", ["L", "XL"]),
        ("talla 44", ["44"]),
        ("talla M", ["M"]),
        ("taille M", ["M"]),
        ("pointure 42.5", ["42.5"]),
        ("en L ou XL", ["L", "XL"]),
    ],
)
def test_reads_sizes(text, sizes, vocabulary):
    assert slots(text, vocabulary).sizes == sizes


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("第一款是什么材质的", ["1"]),
        ("第二个有蓝色的吗", ["2"]),
        ("比较一下前两款", ["1", "2"]),
        ("最后一款怎么样", ["last"]),
        ("比较一下最便宜的和最贵的", ["cheapest", "dearest"]),
        ("¿la primera es impermeable?", ["1"]),
        ("¿la segunda viene en azul?", ["2"]),
        ("¿el más barato es de piel?", ["cheapest"]),
        ("le premier est en cuir ?", ["1"]),
        ("le deuxième existe en bleu ?", ["2"]),
        ("le moins cher passe au lave-vaisselle ?", ["cheapest"]),
        ("háblame de la segunda opción", ["2"]),  # "tell me about the second one"
        ("parlez-moi du deuxième", ["2"]),
        ("介绍一下第二款", ["2"]),
    ],
)
def test_reads_references_to_shown_products(text, references, vocabulary):
    assert slots(text, vocabulary).references == references


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("把第一款加入购物车", Intent.CART_ADD),
        ("删掉购物车里的第二件", Intent.CART_REMOVE),
        ("我的购物车里有什么？", Intent.CART_SHOW),
        ("结账", Intent.CHECKOUT),
        ("我的订单到哪了？", Intent.ORDER_STATUS),
        ("你们的退货政策是什么？", Intent.POLICY_QUESTION),
        ("你好", Intent.SMALLTALK),
        ("太感谢了！", Intent.FEEDBACK),
        ("重新开始", Intent.RESET),
        ("añade la primera al carrito", Intent.CART_ADD),
        ("quita los auriculares del carrito", Intent.CART_REMOVE),
        ("¿qué tengo en el carrito?", Intent.CART_SHOW),
        ("ya estoy listo para pagar", Intent.CHECKOUT),
        ("¿dónde está mi pedido?", Intent.ORDER_STATUS),
        ("¿cuánto tarda el envío?", Intent.POLICY_QUESTION),
        ("hola", Intent.SMALLTALK),
        ("¡muchas gracias!", Intent.FEEDBACK),
        ("empezar de nuevo", Intent.RESET),
        ("ajoute la première au panier", Intent.CART_ADD),
        ("enlève le casque de mon panier", Intent.CART_REMOVE),
        ("qu'est-ce qu'il y a dans mon panier ?", Intent.CART_SHOW),
        ("je suis prêt à payer", Intent.CHECKOUT),
        ("où en est ma commande ?", Intent.ORDER_STATUS),
        ("quelle est votre politique de retour ?", Intent.POLICY_QUESTION),
        ("bonjour", Intent.SMALLTALK),
        ("merci beaucoup !", Intent.FEEDBACK),
        ("merci, c'est tout", Intent.FEEDBACK),
        ("gracias, eso es todo", Intent.FEEDBACK),
        ("谢谢，就这些", Intent.FEEDBACK),
        ("je prends le deuxième", Intent.CART_ADD),
        ("me quedo con la primera", Intent.CART_ADD),
        ("on recommence", Intent.RESET),
    ],
)
def test_reads_intent_cues(text, expected, vocabulary):
    assert intent(text, vocabulary) is expected


@pytest.mark.parametrize(
    "text",
    ["你好，能帮我吗？", "Hola, ¿me ayudas?", "necesito ayuda", "Bonjour, pouvez-vous m'aider ?"],
)
def test_a_request_for_help_is_a_wish_to_shop(text, vocabulary):
    assert parse_message(text, vocabulary).act is Act.WANTS_TO_SHOP


def test_help_to_find_something_names_what_it_wants(vocabulary):
    assert parse_message("¿Puedes ayudarme a encontrar unas zapatillas?", vocabulary).act is None


@pytest.mark.parametrize(
    ("text", "topic"),
    [("笔记本电脑保修多久", "warranty"), ("¿se puede pagar a plazos?", "payment")],
)
def test_reads_policy_topics(text, topic, vocabulary):
    assert slots(text, vocabulary).policy_topic == topic


def test_product_words_stay_as_written():
    """Only cues are rewritten: a product word is left for the meaning-based reading."""
    assert "跑鞋" in read_foreign("我想买一双100美元以下的男士跑鞋", "zh").english
    assert "chaqueta" in read_foreign("Busco una chaqueta impermeable para mujer", "es").english


@pytest.mark.parametrize(
    "text",
    [
        "running shoes for men under $100",
        "do you have it in black?",
        "not Nike, size 10",
        "add the second one to my cart",
        "where is my order SA-100234",
        "start over",
    ],
)
def test_english_messages_parse_exactly_as_before(text, vocabulary):
    parsed = parse_message(text, vocabulary)
    assert (parsed.language, parsed.cue_text, parsed.stated_intent) == ("en", "", None)
    assert parsed.grammar_text == text


@pytest.mark.parametrize(
    ("text", "language", "english"),
    [
        ("¿cuánto cuesta la segunda?", "es", "how much is"),
        ("combien coûte la deuxième ?", "fr", "how much is"),
        ("elle coûte combien ?", "fr", "how much is it"),
        ("combien vaut-elle ?", "fr", "how much is it"),
    ],
)
def test_reads_a_price_question(text, language, english):
    assert english in read_foreign(text, language).english


def test_a_price_question_about_a_shown_product_is_a_product_question(vocabulary):
    assert intent("elle coûte combien ?", vocabulary, SHOWN) is Intent.ASK_PRODUCT

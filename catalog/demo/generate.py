"""Generate the demo catalog that ships with the repository.

Writes ``products.jsonl`` (one product per line) and ``shoppers.json`` (demo
shoppers with their interactions and orders) next to this file. Every brand,
product, description and review is invented for this project from the curated
lists below; a fixed seed keeps the output byte-identical between runs::

    .venv/bin/python catalog/demo/generate.py

Each ``Line`` describes one product type (say, men's and women's road running
shoes) and yields ``count`` products: model, colour and price are drawn at
random, each model keeps one brand and one name pattern, materials and
``price_attrs`` follow the price (cheapest option first), and descriptions and
reviews are assembled from the line's phrases.
"""

from __future__ import annotations

import json
import math
import random
import re
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = 2026

Variant = tuple[str | None, str | None, float]  # (audience, colour, price)
Plan = tuple[Variant, ...]


@dataclass(frozen=True)
class Line:
    """One product type and the curated vocabulary used to invent products of that type."""

    path: str  # category path, "Shoes > Running"
    code: str  # SKU prefix, "SHO-RUN"
    brands: str  # key into BRANDS
    names: tuple[str, ...]  # patterns over {brand}, {model} and {aud}, dealt out to the models
    models: tuple[str, ...]
    noun: str  # what the product is, for descriptions
    price: tuple[float, float]
    features: tuple[str, ...]  # noun phrases: "a padded heel collar"
    uses: tuple[str, ...]  # completes "a good pick for ..."
    likes: tuple[str, ...]  # review sentences
    dislikes: tuple[str, ...]
    count: int = 0
    audiences: tuple[str | None, ...] = (None,)
    colours: tuple[str | None, ...] = (None,)
    materials: tuple[str | None, ...] = (None,)  # cheapest first
    sizes: str = "none"  # key into SIZE_CHARTS
    attrs: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # drawn at random
    price_attrs: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # cheapest first
    model_attr: str | None = None  # attribute that repeats the model, e.g. a candle's scent
    plan: Plan = ()  # fixed (audience, colour, price) rows instead of count random ones


def _plan(audience: str, colour: str, *prices: float) -> Plan:
    return tuple((audience, colour, price) for price in prices)


AUDIENCE_LABELS = {"men": "Men's", "women": "Women's", "kids": "Kids'", "unisex": "", None: ""}

SIZE_CHARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "shoe": {
        "men": ("7", "8", "9", "10", "11", "12", "13"),
        "women": ("5", "6", "7", "8", "9", "10", "11"),
        "kids": ("10C", "11C", "12C", "13C", "1Y", "2Y", "3Y"),
    },
    "apparel": {
        "default": ("XS", "S", "M", "L", "XL", "XXL"),
        "kids": ("4-5", "6-7", "8-9", "10-11", "12-13"),
    },
    "waist": {
        "men": ("28", "30", "32", "34", "36", "38"),
        "women": ("24", "26", "28", "30", "32"),
    },
    "baby": {"default": ("0-3M", "3-6M", "6-12M", "12-18M", "18-24M")},
    "pet": {"default": ("S", "M", "L", "XL")},
    "sml": {"default": ("S", "M", "L")},
    "bed": {"default": ("Twin", "Full", "Queen", "King")},
}

BRANDS = {
    "outerwear": ("Fjellwear", "Northbound Supply", "Harbor & Pine", "Kiruna Outdoor"),
    "basics": ("Common Thread Co.", "Marlowe Studio", "Harbor & Pine", "Loomhouse"),
    "active": ("Lumen Athletic", "Stridewell", "Kestrel Athletics", "Fleetmere"),
    "running": ("Stridewell", "Fleetmere", "Kestrel Athletics", "Tarmac Labs", "Vantage Run"),
    "footwear": ("Cobbleworth", "Sola & Co.", "Stridewell", "Ridgeline Footwear"),
    "hiking": ("Ridgeline Footwear", "Summitcraft", "Trailforge", "Alder Peak"),
    "audio": ("Arcwave", "Quillon Audio", "Pebbletone", "Helix Labs", "Corvid"),
    "gadgets": ("Helix Labs", "Corvid", "Brightloom", "Arcwave", "Voltmere"),
    "computing": ("Corvid", "Helix Labs", "Brightloom", "Northstar Computing"),
    "kitchen": ("Ember & Oak", "Copperleaf", "Ironvale", "Saltmarsh Home", "Brewhaven"),
    "home": ("Saltmarsh Home", "Bramblewick", "Hearth & Hollow", "Lindenfield"),
    "beauty": ("Dewlane", "Solenne", "Bare Botanica", "Maison Verrier", "Glowfield"),
    "outdoor": ("Summitcraft", "Trailforge", "Alder Peak", "Kiruna Outdoor"),
    "fitness": ("Flowstate", "Tidewater Sports", "Lumen Athletic", "Ironbark Fitness"),
    "toys": ("Brickwise", "Little Lantern", "Woolly & Friends", "Backyard Bravo", "Tinkerfox"),
    "games": ("Tumbletop Games", "Puzzleworks Co.", "Meeple Harbor", "Tinkerfox"),
    "eyewear": ("Solstice Eyewear", "Parallax Optics", "Drift Supply", "Coastline Shades"),
    "bags": ("Carryall & Co.", "Wren & Fig", "Tern Leatherworks", "Drift Supply"),
    "jewellery": ("Aurelle", "Silverbirch", "Ostara Jewels", "Marigold & Vane"),
    "watches": ("Halden Watch Co.", "Tidemark", "Aurelle", "Larkspur Time"),
    "office": ("Deskcraft", "Ergonest", "Brightline Office", "Lindenfield"),
    "stationery": ("Inkwell & Quire", "Paperlark", "Brightline Office", "Marginalia"),
    "pet": ("Pawsmith", "Tailwind Pet", "Whisker & Co.", "Barkley Bay", "Good Boy Goods"),
    "garden": ("Greenthumb Works", "Rootstock Garden", "Fernhill", "Hedgerow Tools"),
    "baby": ("Little Acorn", "Nestling", "Bramble Baby", "Cloudhop", "Sproutly"),
}

# --- Apparel -----------------------------------------------------------------------------

APPAREL = (
    Line(
        path="Apparel > Jackets", code="APP-JKT", count=8, brands="outerwear",
        names=("{brand} {model} {aud} Down Parka", "{brand} {model} {aud} Hooded Down Jacket"),
        models=("Glacier", "Tundra", "Halvard", "Abisko", "Whitepine", "Nordkapp", "Snowline"),
        noun="down parka", price=(179, 349),
        audiences=("men", "women"), colours=("black", "navy", "green", "red", "beige", "grey"),
        materials=(
            "recycled nylon shell with 650-fill down",
            "water-resistant polyester shell with 700-fill down",
        ),
        sizes="apparel",
        attrs={"season": ("winter",), "insulation": ("down",), "hood": (True,)},
        price_attrs={"rated_to_c": (-15, -20, -25, -30)},
        features=(
            "a removable hood with faux-fur trim", "fleece-lined hand-warmer pockets",
            "knit storm cuffs inside the sleeves", "a thigh-length cut that covers the hips",
            "a two-way front zip under a snap storm flap",
        ),
        uses=("sub-zero commutes", "winter dog walks", "standing around at outdoor hockey games"),
        likes=(
            "Properly warm at minus 15 with just a T-shirt underneath.",
            "The hood stays put in the wind and the fur trim snaps off for washing.",
            "The fleece-lined pockets are a lifesaver on the walk to the train.",
            "Long enough to sit on a cold bench without freezing.",
        ),
        dislikes=(
            "Runs a full size large, so I had to exchange it.",
            "It sheds a few down feathers around the seams.",
            "Too warm for anything above freezing; I sweat on the bus.",
            "The snaps on the storm flap are fiddly with gloves on.",
        ),
    ),
    Line(
        path="Apparel > Jackets", code="APP-JKT", count=8, brands="outerwear",
        names=(
            "{brand} {model} {aud} Waterproof Insulated Winter Jacket",
            "{brand} {model} {aud} Insulated Ski Jacket",
        ),
        models=("Storm Ridge", "Arden", "Polar Drift", "Cairn", "Frostline", "Bergen"),
        noun="insulated winter jacket", price=(119, 289),
        audiences=("women", "men"), colours=("black", "blue", "red", "grey", "green", "purple"),
        materials=(
            "recycled polyester shell with synthetic insulation",
            "two-layer waterproof nylon with synthetic insulation",
        ),
        sizes="apparel",
        attrs={"season": ("winter",), "insulation": ("synthetic",), "waterproof": (True,),
               "hood": (True,)},
        price_attrs={"waterproof_rating_mm": (10000, 15000, 20000)},
        features=(
            "fully taped seams", "a helmet-compatible adjustable hood",
            "a powder skirt that snaps away when not needed", "pit zips for venting on the climb",
            "a chest pocket sized for a phone",
        ),
        uses=("ski days", "slushy city winters", "snowshoe outings"),
        likes=(
            "Stayed dry through a full day of wet snow on the mountain.",
            "The pit zips make a real difference on the skin track.",
            "The synthetic fill still kept me warm after it got soaked.",
            "Plenty of pockets, and the ski-pass sleeve is on the left wrist where it belongs.",
        ),
        dislikes=(
            "The hood is huge without a helmet and blocks my side vision.",
            "Stiff, noisy fabric that rustles with every step.",
            "The zipper pull snapped off in the second week.",
            "Sleeves are short for long arms.",
        ),
    ),
    Line(
        path="Apparel > Jackets", code="APP-JKT", count=5, brands="outerwear",
        names=("{brand} {model} {aud} Packable Rain Jacket",),
        models=("Drizzle", "Squall", "Tidewalk", "Monsoon", "Harbor"),
        noun="rain jacket", price=(59, 169),
        audiences=("women", "men"), colours=("yellow", "navy", "green", "black", "orange", "blue"),
        materials=("2.5-layer recycled nylon", "3-layer waterproof-breathable nylon"),
        sizes="apparel",
        attrs={"season": ("spring", "autumn"), "waterproof": (True,), "packable": (True,)},
        price_attrs={"weight_g": (310, 260, 220)},
        features=(
            "a hood with a laminated brim", "a body that packs into its own chest pocket",
            "underarm vents", "a dropped back hem", "reflective trim on the cuffs",
        ),
        uses=("showery commutes", "festival weekends", "travelling light"),
        likes=(
            "Packs down to the size of a grapefruit and lives in my bag.",
            "Kept me dry during an hour of steady rain walking the dog.",
            "The brim keeps rain off my glasses.",
            "The bright colour makes me visible on evening walks.",
        ),
        dislikes=(
            "Gets clammy inside on muggy days.",
            "The hood cord is too short to tighten properly.",
            "Water seeps through at the shoulders under a backpack strap.",
        ),
    ),
    Line(
        path="Apparel > T-Shirts", code="APP-TEE", count=8, brands="basics",
        names=(
            "{brand} {model} {aud} Crew Neck T-Shirt",
            "{brand} {model} {aud} V-Neck T-Shirt",
            "{brand} {model} {aud} Pocket Tee",
        ),
        models=("Everyday", "Daybreak", "Canvas", "Studio", "Weekend", "Boxy Fit"),
        noun="T-shirt", price=(14, 39),
        audiences=("men", "women"),
        colours=("white", "black", "grey", "navy", "green", "beige", "blue", "pink"),
        materials=("combed ring-spun cotton", "cotton-modal blend", "100% organic cotton"),
        sizes="apparel",
        attrs={"fit": ("regular", "relaxed", "slim"), "sleeve": ("short",)},
        price_attrs={"weight_gsm": (150, 180, 220)},
        features=(
            "a ribbed collar that keeps its shape", "pre-shrunk fabric",
            "side-seamed construction so it hangs straight", "a tag-free printed label",
            "double-stitched hems",
        ),
        uses=("everyday layering", "hot summer days", "lazy weekends"),
        likes=(
            "The collar has not gone wavy after twenty washes.",
            "Thick enough that the white one is not see-through.",
            "Soft straight out of the package with no itchy label.",
            "Fits true to size and the length covers my belt.",
        ),
        dislikes=(
            "Shrank about half a size in a warm wash.",
            "The shoulders are cut narrow.",
            "Started pilling under the arms after a month.",
        ),
    ),
    Line(
        path="Apparel > Hoodies & Sweatshirts", code="APP-HOD", count=6, brands="basics",
        names=(
            "{brand} {model} {aud} Pullover Hoodie",
            "{brand} {model} {aud} Full-Zip Hoodie",
        ),
        models=("Campus", "Loft", "Harbor", "Brushback", "Lodge"),
        noun="hoodie", price=(39, 89),
        audiences=("men", "women"),
        colours=("grey", "black", "navy", "green", "brown", "beige", "red"),
        materials=(
            "brushed cotton-polyester fleece", "recycled cotton fleece",
            "organic cotton French terry",
        ),
        sizes="apparel",
        attrs={"fit": ("regular", "relaxed"), "season": ("autumn", "winter")},
        price_attrs={"weight_gsm": (320, 380, 420)},
        features=(
            "a double-layer hood", "a kangaroo pocket", "ribbed cuffs with thumbholes",
            "flatlock seams", "a brushed interior",
        ),
        uses=("chilly mornings", "lounging at home", "post-workout layering"),
        likes=(
            "Heavy and warm without being bulky.",
            "The brushed inside is ridiculously soft.",
            "The cuffs stay up on my forearms when I push the sleeves back.",
            "The colour has not faded after months of washing.",
        ),
        dislikes=(
            "The hood is shallow and blows off in the wind.",
            "The body is boxy and long on me.",
            "Left lint on everything for the first few washes.",
        ),
    ),
    Line(
        path="Apparel > Jeans", code="APP-JNS", count=7, brands="basics",
        names=(
            "{brand} {model} {aud} Slim Fit Jeans",
            "{brand} {model} {aud} Straight Leg Jeans",
            "{brand} {model} {aud} Relaxed Fit Jeans",
        ),
        models=("Dockside", "Union", "Foundry", "Sutton", "Mercer", "Ashby"),
        noun="pair of jeans", price=(39, 119),
        audiences=("men", "women"), colours=("blue", "black", "grey", "navy"),
        materials=(
            "98% cotton, 2% elastane denim", "recycled cotton-blend stretch denim",
            "rigid 100% cotton selvedge denim",
        ),
        sizes="waist",
        attrs={"rise": ("mid", "high"), "inseam_in": (30, 32, 34)},
        features=(
            "a mid-weight denim that breaks in nicely", "reinforced belt loops",
            "deep front pockets that fit a phone", "a hidden coin pocket",
            "copper rivets at the stress points",
        ),
        uses=("casual Fridays at the office", "everyday wear", "weekend errands"),
        likes=(
            "They hold their shape and do not bag out at the knees by evening.",
            "The front pockets are deep enough for my phone.",
            "The dark wash has barely faded after three months.",
            "The inseam is exactly as listed, no hemming needed.",
        ),
        dislikes=(
            "Dye rubbed off onto my white sneakers in the first week.",
            "The waistband gaps at the back.",
            "The thighs are tighter than the size chart suggests.",
        ),
    ),
    Line(
        path="Apparel > Dresses", code="APP-DRS", count=6, brands="basics",
        names=(
            "{brand} {model} {aud} Button-Front Dress",
            "{brand} {model} {aud} Wrap Dress",
            "{brand} {model} {aud} Tiered Sundress",
        ),
        models=("Riviera", "Amalfi", "Juniper", "Capri", "Marigold", "Seaside"),
        noun="dress", price=(39, 149),
        audiences=("women",),
        colours=("blue", "green", "white", "yellow", "pink", "beige", "black", "multicolour"),
        materials=("viscose crepe", "organic cotton poplin", "100% European linen"),
        sizes="apparel",
        attrs={"season": ("summer",), "length": ("midi", "knee", "maxi"), "pockets": (True,)},
        features=(
            "adjustable shoulder ties", "side-seam pockets", "a smocked back for an easy fit",
            "a fully lined skirt", "a tie waist",
        ),
        uses=("summer weddings", "beach holidays", "warm office days"),
        likes=(
            "It has pockets, and they are deep.",
            "Fully lined, so it is not see-through in bright sun.",
            "The fabric gets softer with every wash.",
            "The wrap stays closed even when it is windy.",
        ),
        dislikes=(
            "Wrinkles the moment you sit down.",
            "The straps are too long and I had to knot them.",
            "The colour is more muted than in the photos.",
        ),
    ),
    Line(
        path="Apparel > Activewear", code="APP-ACT", count=5, brands="active",
        names=(
            "{brand} {model} {aud} Running Tights",
            "{brand} {model} {aud} Training Leggings",
        ),
        models=("Pacer", "Interval", "Tempo", "Negative Split", "Long Run"),
        noun="running tight", price=(34, 89),
        audiences=("women", "men"), colours=("black", "navy", "grey", "purple", "green"),
        materials=("recycled polyester-elastane", "brushed-back nylon-elastane"),
        sizes="apparel",
        attrs={"season": ("all-season", "winter"), "reflective": (True,),
               "pocket_count": (2, 3)},
        features=(
            "a zippered back pocket for keys",
            "side drop-in pockets that hold a phone without bouncing",
            "a wide waistband that does not dig in", "reflective ankle details",
            "flatlock seams that will not chafe",
        ),
        uses=("winter long runs", "gym sessions", "early-morning jogs"),
        likes=(
            "My phone stays put in the side pocket with no bouncing.",
            "The waistband does not roll down on long runs.",
            "The reflective bits are bright in car headlights.",
            "Squat-proof and fully opaque.",
        ),
        dislikes=(
            "The drawcord is sewn in and too short to tie.",
            "Pilling on the inner thighs after a few weeks.",
            "Runs short in the leg if you are tall.",
        ),
    ),
    Line(
        path="Apparel > Activewear", code="APP-ACT", count=5, brands="active",
        names=(
            "{brand} {model} {aud} Quick-Dry Running Top",
            "{brand} {model} {aud} Long Sleeve Running Top",
        ),
        models=("Breeze", "Tailwind", "Split", "Ventra", "Daybreak"),
        noun="running top", price=(24, 64),
        audiences=("men", "women"),
        colours=("black", "blue", "orange", "white", "pink", "green", "yellow"),
        materials=("recycled polyester mesh", "merino wool-polyester blend"),
        sizes="apparel",
        attrs={"season": ("summer", "all-season"), "fit": ("regular", "slim")},
        price_attrs={"upf": (30, 50)},
        features=(
            "laser-cut ventilation holes", "an anti-odour finish", "flat seams",
            "thumbholes in the cuffs", "a dropped back hem",
        ),
        uses=("hot summer runs", "interval sessions", "race day"),
        likes=(
            "Dries in minutes after a sweaty run.",
            "No chafing over a half marathon.",
            "It does not hold on to smells like my older tops.",
            "The bright colour is great for being seen at dusk.",
        ),
        dislikes=(
            "The fabric snags on hook-and-loop straps.",
            "The cut is tight across the chest.",
            "Shows sweat patches clearly.",
        ),
    ),
    Line(
        path="Apparel > Kids", code="APP-KID", count=6, brands="outerwear",
        names=("{brand} {model} {aud} Zip Fleece Jacket", "{brand} {model} {aud} Hooded Fleece"),
        models=("Cubby", "Trailpup", "Acorn", "Little Ridge", "Sprout", "Pebble", "Moss"),
        noun="kids' fleece", price=(19, 44),
        audiences=("kids",),
        colours=("blue", "pink", "green", "red", "purple", "yellow", "navy"),
        materials=("recycled polyester microfleece",),
        sizes="apparel",
        attrs={"season": ("autumn", "winter"), "machine_washable": (True,)},
        features=(
            "a chin guard over the zip", "elasticated cuffs", "zip hand pockets",
            "a name label inside the collar", "reflective trim",
        ),
        uses=("school mornings", "playground layering", "family camping trips"),
        likes=(
            "Survived a whole school term of playground wear without pilling.",
            "My son can do the zip up himself.",
            "The name label inside the collar saved it from lost property twice.",
            "Sized with room to grow.",
        ),
        dislikes=(
            "Attracts every bit of fluff and dog hair.",
            "The sleeves are long even for the age range.",
            "The colour faded after a few washes.",
        ),
    ),
)

# --- Shoes -------------------------------------------------------------------------------

RUNNING_PLAN = (
    # Men's black under $100 at distinct prices, so price filters have something to cut.
    *_plan("men", "black", 39.99, 44.95, 49.99, 54.99, 59.95, 64.99),
    *_plan("men", "black", 69.99, 74.95, 79.99, 84.99, 89.95, 94.99),
    *_plan("men", "black", 109.99, 124.95, 139.99, 159.99, 179.99),
    *_plan("men", "blue", 64.99, 89.99, 119.99),
    *_plan("men", "grey", 54.99, 79.95, 134.99),
    *_plan("men", "white", 69.99, 94.95),
    *_plan("men", "red", 59.99, 84.95, 129.99),
    *_plan("men", "yellow", 74.99),
    *_plan("women", "black", 42.99, 58.95, 72.99, 88.99, 96.49, 119.99, 149.99),
    *_plan("women", "pink", 64.99, 114.99),
    *_plan("women", "white", 79.99, 139.99),
    *_plan("women", "grey", 54.99, 104.99),
    *_plan("women", "purple", 69.95),
    *_plan("women", "blue", 92.99),
)

SHOES = (
    Line(
        path="Shoes > Running", code="SHO-RUN", plan=RUNNING_PLAN, brands="running",
        names=(
            "{brand} {model} {aud} Road Running Shoe",
            "{brand} {model} {aud} Running Shoe",
            "{brand} {model} {aud} Cushioned Running Shoe",
        ),
        models=(
            "Tempo 3", "Tempo 4", "Glide 2", "Glide 5", "Surge", "Cadence 7", "Pacer 2",
            "Airlift", "Velocity 3", "Metro Run", "Daily 9", "Loop 2", "Kinetic 4", "Cruise",
            "Updraft", "Switch 6", "Nova 2", "Citylap", "Stratus", "Horizon Run", "Rebound 2",
            "Swift 5", "Aurora", "Pulsar", "Blaze", "Zephyr 3", "Streak", "Arc 2", "Momentum",
            "Flux 4", "Driftline", "Halcyon",
        ),
        noun="running shoe", price=(39, 180),
        sizes="shoe",
        materials=(
            "engineered mesh upper with EVA foam midsole",
            "recycled mesh upper with dual-density foam midsole",
            "knit upper with nitrogen-infused foam midsole",
        ),
        attrs={"terrain": ("road",), "style": ("sporty",), "drop_mm": (4, 6, 8, 10)},
        price_attrs={"cushioning": ("light", "moderate", "max")},
        features=(
            "a rocker-shaped midsole that rolls you through each stride",
            "a breathable engineered-mesh upper", "a padded heel collar",
            "a durable rubber outsole in the high-wear zones",
            "reflective heel tabs for dawn runs", "a gusseted tongue that stays centred",
            "a wide, stable forefoot",
        ),
        uses=("daily training miles", "easy recovery runs", "half-marathon training",
              "treadmill sessions"),
        likes=(
            "The cushioning still feels springy after 300 miles.",
            "Heel lockdown is excellent, with no slipping even on hills.",
            "True to size, and the toe box leaves room for my toes to splay.",
            "Light enough for tempo days but protective enough for long runs.",
            "The mesh breathes well on hot summer runs.",
        ),
        dislikes=(
            "The laces are too short to tie a runner's loop.",
            "The outsole wore through at the heel after about 200 miles.",
            "The tongue slides to the side mid-run.",
            "Narrow in the midfoot, so wide feet should size up.",
            "Feels firm and flat until it is broken in.",
        ),
    ),
    Line(
        path="Shoes > Running", code="SHO-RUN", count=8, brands="running",
        names=("{brand} {model} {aud} Trail Running Shoe",),
        models=("Ridgeback", "Scree 2", "Switchback", "Talus 3", "Fellrunner", "Canyon 4"),
        noun="trail running shoe", price=(89, 169),
        audiences=("men", "women"),
        colours=("black", "green", "orange", "grey", "blue", "brown"),
        sizes="shoe",
        materials=(
            "ripstop mesh upper with lugged rubber outsole",
            "abrasion-resistant mesh upper with sticky rubber outsole",
        ),
        attrs={"terrain": ("trail",), "style": ("sporty",)},
        price_attrs={"lug_depth_mm": (4, 5, 6)},
        features=(
            "deep multidirectional lugs", "a toe bumper that shrugs off rocks",
            "a gaiter attachment loop", "a protective rock plate under the forefoot",
            "quick-draining mesh",
        ),
        uses=("muddy trail runs", "mountain races", "rocky singletrack"),
        likes=(
            "Grip on wet rock and roots is outstanding.",
            "The toe bumper saved me from a few nasty stubs.",
            "Drains quickly after stream crossings.",
            "Stable and confident on technical descents.",
        ),
        dislikes=(
            "The lugs clog up with sticky mud.",
            "Too stiff for the road sections between trails.",
            "The upper tore near the little toe after 150 miles.",
        ),
    ),
    Line(
        path="Shoes > Hiking", code="SHO-HIK", count=8, brands="hiking",
        names=(
            "{brand} {model} {aud} Waterproof Hiking Boot",
            "{brand} {model} {aud} Mid Hiking Boot",
        ),
        models=("Cascade", "Ridgeway", "Timberline", "Highland", "Granite", "Cold Spring"),
        noun="hiking boot", price=(99, 229),
        audiences=("men", "women"), colours=("brown", "grey", "black", "green", "blue"),
        sizes="shoe",
        materials=(
            "suede and nylon mesh with waterproof membrane",
            "full-grain nubuck leather with waterproof membrane",
        ),
        attrs={"waterproof": (True,), "ankle": ("mid",)},
        price_attrs={"weight_g": (480, 540, 620)},
        features=(
            "a grippy lugged outsole", "a gusseted tongue that keeps out debris",
            "a cushioned EVA midsole", "speed-lace hooks", "a rubber toe cap",
        ),
        uses=("day hikes", "muddy spring trails", "backpacking weekends"),
        likes=(
            "Comfortable straight out of the box, with no blisters on a 12-mile hike.",
            "My feet stayed dry crossing several streams.",
            "The ankle support is great on loose descents.",
            "The grip on wet rock slabs is reassuring.",
        ),
        dislikes=(
            "Heavy compared with trail runners.",
            "Gets hot inside on summer hikes.",
            "The laces kept coming undone until I double-knotted them.",
        ),
    ),
    Line(
        path="Shoes > Sneakers", code="SHO-SNK", count=10, brands="footwear",
        names=(
            "{brand} {model} {aud} Low-Top Sneaker",
            "{brand} {model} {aud} Retro Court Sneaker",
            "{brand} {model} {aud} Everyday Sneaker",
        ),
        models=("Parkway", "Baseline", "Courtside", "Alley", "Sunday", "Avenue", "Rally"),
        noun="sneaker", price=(49, 139),
        audiences=("women", "men"), colours=("white", "black", "beige", "navy", "grey", "green"),
        sizes="shoe",
        materials=(
            "organic cotton canvas upper with vulcanised rubber sole",
            "suede upper with gum rubber sole",
            "full-grain leather upper with stitched rubber cupsole",
        ),
        attrs={"style": ("casual",), "closure": ("laces",)},
        features=(
            "a cushioned, removable insole", "a padded collar", "waxed cotton laces",
            "a minimal silhouette that goes with everything", "a grippy rubber outsole",
        ),
        uses=("everyday wear", "city walking", "casual Fridays"),
        likes=(
            "They go with literally everything in my wardrobe.",
            "Comfortable for a full day of walking around the city.",
            "The insole is actually cushioned, unlike most fashion sneakers.",
            "Scuffs wipe right off.",
        ),
        dislikes=(
            "The heel rubbed for a week until they broke in.",
            "The sole squeaks on shiny floors.",
            "They run half a size big.",
        ),
    ),
    Line(
        path="Shoes > Sandals", code="SHO-SAN", count=8, brands="footwear",
        names=(
            "{brand} {model} {aud} Slide Sandal",
            "{brand} {model} {aud} Two-Strap Sandal",
        ),
        models=("Mesa", "Lagoon", "Cove", "Boardwalk", "Palma", "Islet"),
        noun="sandal", price=(19, 89),
        audiences=("women", "men"), colours=("black", "brown", "beige", "blue", "green", "white"),
        sizes="shoe",
        materials=(
            "moulded EVA", "recycled polyester webbing with EVA footbed",
            "leather straps with cork footbed",
        ),
        attrs={"season": ("summer",), "open_toe": (True,)},
        features=(
            "a contoured footbed with arch support", "a grippy rubber outsole",
            "quick-dry straps", "a cushioned heel cup", "lightweight construction",
        ),
        uses=("beach days", "summer holidays", "post-run recovery"),
        likes=(
            "The arch support is better than any flip-flop I have owned.",
            "Wore them for a week of sightseeing with no blisters.",
            "Light enough to pack in a carry-on without thinking.",
            "The grip is good on wet pool decks.",
        ),
        dislikes=(
            "The straps rubbed the tops of my feet for the first few days.",
            "The footbed gets slippery when my feet are sweaty.",
            "They run narrow.",
        ),
    ),
    Line(
        path="Shoes > Boots", code="SHO-BOT", count=5, brands="footwear",
        names=("{brand} {model} {aud} Chelsea Boot",),
        models=("Camden", "Hyde", "Marlow", "Bexley", "Soho"),
        noun="Chelsea boot", price=(79, 229),
        audiences=("men", "women"), colours=("black", "brown", "beige"),
        sizes="shoe",
        materials=(
            "water-repellent suede upper with crepe rubber sole",
            "full-grain leather upper with Goodyear-welted rubber sole",
        ),
        attrs={"style": ("classic",), "season": ("autumn",), "closure": ("pull-on",)},
        features=(
            "elastic side gussets", "a pull tab at the heel", "a leather-lined interior",
            "a cushioned footbed", "a sole that can be replaced by a cobbler",
        ),
        uses=("office days", "dinner out", "autumn weekends"),
        likes=(
            "Dress them up or down and they look sharp either way.",
            "The leather softened up nicely after a week.",
            "Easy to slip on and off at the door.",
            "Already resoled once and still going strong.",
        ),
        dislikes=(
            "Stiff at the heel for the first couple of weeks.",
            "The suede marked easily in the rain.",
            "The elastic on one side started to stretch out.",
        ),
    ),
    Line(
        path="Shoes > Boots", code="SHO-BOT", count=6, brands="hiking",
        names=(
            "{brand} {model} {aud} Insulated Winter Boot",
            "{brand} {model} {aud} Waterproof Snow Boot",
        ),
        models=("Snowdrift", "Yukon", "Lapland", "Ice Shelf", "Drumlin"),
        noun="winter boot", price=(89, 219),
        audiences=("women", "men"), colours=("black", "brown", "grey", "navy"),
        sizes="shoe",
        materials=(
            "waterproof nylon upper with wool-blend felt liner",
            "waterproof leather and nylon upper with 200 g synthetic insulation",
        ),
        attrs={"season": ("winter",), "waterproof": (True,)},
        price_attrs={"rated_to_c": (-25, -32, -40)},
        features=(
            "a cold-rubber outsole that stays grippy on ice", "a removable liner",
            "a gusseted tongue that keeps snow out", "a faux-fur cuff",
            "a rubber shell around the lower foot",
        ),
        uses=("shovelling snow", "icy city sidewalks", "winter walks"),
        likes=(
            "My toes stayed warm at minus 20 waiting for the bus.",
            "Surprisingly good grip on icy sidewalks.",
            "Completely dry after trudging through slush.",
            "The liner pulls out to dry overnight.",
        ),
        dislikes=(
            "Bulky, so they do not fit under slim trousers.",
            "Heavy on longer walks.",
            "Took a while to break in around the ankle.",
        ),
    ),
    Line(
        path="Shoes > Kids", code="SHO-KID", count=6, brands="footwear",
        names=("{brand} {model} {aud} Hook-and-Loop Sneaker", "{brand} {model} {aud} Play Sneaker"),
        models=("Zoomer", "Hopscotch", "Scooter", "Puddle Jumper", "Recess", "Sidewalk", "Skipper"),
        noun="kids' sneaker", price=(29, 69),
        audiences=("kids",),
        colours=("blue", "pink", "red", "green", "purple", "multicolour", "black"),
        sizes="shoe",
        materials=("synthetic leather and mesh upper with rubber sole",),
        attrs={"closure": ("hook-and-loop",), "toe_cap": (True,)},
        features=(
            "hook-and-loop straps little hands can manage", "a reinforced toe cap",
            "a non-marking rubber sole", "a removable insole", "machine-washable uppers",
        ),
        uses=("school days", "the playground", "first steps toward dressing themselves"),
        likes=(
            "My daughter can put them on herself, which saves our mornings.",
            "The toe cap has survived months of scooter braking.",
            "Washed them twice and they came out like new.",
            "The non-marking soles are approved for the school gym.",
        ),
        dislikes=(
            "They run small, so order a size up.",
            "The straps lose their grip after a few months.",
            "Not much arch support.",
        ),
    ),
)

# --- Electronics -------------------------------------------------------------------------

ELECTRONICS = (
    Line(
        path="Electronics > Headphones", code="ELE-HPH", count=6, brands="audio",
        names=(
            "{brand} {model} Wireless Noise Cancelling Headphones",
            "{brand} {model} Over-Ear Bluetooth Headphones with ANC",
        ),
        models=("Q40", "Studio 9", "Hush 700", "Aria Pro", "Nimbus", "Horizon 2"),
        noun="pair of noise-cancelling headphones", price=(129, 349),
        colours=("black", "silver", "navy", "beige", "white"),
        materials=(
            "plastic headband with protein-leather ear cushions",
            "stainless steel headband with memory-foam ear cushions",
            "aluminium frame with memory-foam ear cushions",
        ),
        attrs={"wireless": (True,), "type": ("over-ear",), "noise_cancelling": (True,)},
        price_attrs={"battery_hours": (30, 35, 40, 50)},
        features=(
            "adaptive active noise cancellation", "a transparency mode for quick chats",
            "plush memory-foam ear cushions", "a fold-flat design with a hard case",
            "multipoint pairing for a laptop and a phone", "USB-C fast charging",
        ),
        uses=("long-haul flights", "open-plan offices", "daily commutes"),
        likes=(
            "The noise cancelling wipes out the engine drone on flights.",
            "Comfortable for a full workday with no pressure on my glasses.",
            "The battery easily lasts a week of commuting.",
            "Switching between my laptop and phone is seamless.",
        ),
        dislikes=(
            "The touch controls trigger when I adjust them.",
            "The ear cushions get warm after an hour.",
            "The call microphone picks up a lot of street noise.",
            "The case is bulky for a small bag.",
        ),
    ),
    Line(
        path="Electronics > Headphones", code="ELE-HPH", count=5, brands="audio",
        names=(
            "{brand} {model} True Wireless Earbuds",
            "{brand} {model} Wireless Earbuds with Charging Case",
        ),
        models=("Buds 2", "Pulse", "Pico", "Sprint", "Minim"),
        noun="pair of wireless earbuds", price=(29, 229),
        colours=("black", "white", "blue", "green", "pink"),
        materials=("plastic with silicone ear tips",),
        attrs={"wireless": (True,), "type": ("in-ear",), "water_resistance": ("IPX4", "IPX5")},
        price_attrs={"battery_hours": (6, 8, 10)},
        features=(
            "three sizes of silicone ear tips", "a pocketable charging case", "touch controls",
            "a sweat-resistant build", "a low-latency gaming mode",
        ),
        uses=("gym workouts", "commuting", "phone calls on the go"),
        likes=(
            "They stay in my ears through burpees and sprints.",
            "The case fits in the coin pocket of my jeans.",
            "Pairing was instant and they reconnect every time.",
            "Surprisingly full bass for the size.",
        ),
        dislikes=(
            "The left bud disconnects now and then.",
            "The touch controls are too sensitive when I adjust the fit.",
            "The glossy case scratches easily.",
        ),
    ),
    Line(
        path="Electronics > Headphones", code="ELE-HPH", count=3, brands="audio",
        names=("{brand} {model} Wired Earphones with Inline Mic",),
        models=("Cord 1", "Classic", "Daily Wire"),
        noun="pair of wired earphones", price=(19.5, 30),
        colours=("black", "white", "red", "blue"),
        materials=("aluminium housings with a tangle-resistant cable",),
        attrs={"wireless": (False,), "type": ("in-ear",), "connector": ("3.5 mm", "USB-C")},
        features=(
            "an inline mic and remote", "a flat tangle-resistant cable", "an angled plug",
            "memory-foam ear tips",
        ),
        uses=("a backup pair in your bag", "video calls", "listening without charging"),
        likes=(
            "No batteries to charge, they just work.",
            "The flat cable really does not tangle in my pocket.",
            "The mic is clear enough for work calls.",
            "Great sound for the price.",
        ),
        dislikes=(
            "The cable is a bit short for a desktop setup.",
            "The buds are large for small ears.",
            "The cable rubs on my collar and makes noise.",
        ),
    ),
    Line(
        path="Electronics > Headphones", code="ELE-HPH", count=3, brands="audio",
        names=("{brand} {model} Closed-Back Wired Studio Headphones",),
        models=("Monitor 50", "Reference", "Tracker"),
        noun="pair of studio headphones", price=(69, 179),
        colours=("black", "silver", "grey"),
        materials=(
            "steel headband with velour ear pads", "aluminium yokes with protein-leather pads",
        ),
        attrs={"wireless": (False,), "type": ("over-ear",), "detachable_cable": (True,)},
        price_attrs={"impedance_ohm": (32, 38, 80)},
        features=(
            "closed-back earcups that isolate sound", "a detachable coiled cable",
            "50 mm dynamic drivers", "swivelling earcups for one-ear monitoring",
            "replaceable ear pads",
        ),
        uses=("home recording", "editing podcasts", "critical listening"),
        likes=(
            "Flat, honest sound that is perfect for mixing.",
            "The earcups swivel for one-ear monitoring while tracking.",
            "Built like a tank.",
            "Barely any sound leaks out during recording.",
        ),
        dislikes=(
            "The clamping force is strong for the first few weeks.",
            "The coiled cable is heavy.",
            "Sounds a bit thin straight out of a phone.",
        ),
    ),
    Line(
        path="Electronics > Speakers", code="ELE-SPK", count=6, brands="audio",
        names=(
            "{brand} {model} Portable Bluetooth Speaker",
            "{brand} {model} Waterproof Bluetooth Speaker",
        ),
        models=("Boom Mini", "Roam", "Pebble", "Campfire", "Tidepool", "Flare"),
        noun="Bluetooth speaker", price=(29, 249),
        colours=("black", "blue", "red", "green", "grey", "orange"),
        materials=(
            "rubberised plastic with a steel grille", "fabric-wrapped body with a silicone base",
        ),
        attrs={"wireless": (True,), "water_resistance": ("IP67",)},
        price_attrs={"battery_hours": (12, 16, 20, 24)},
        features=(
            "a built-in carry strap", "stereo pairing with a second unit",
            "a dust- and waterproof build", "a speakerphone mic",
            "a USB-C port that can top up a phone",
        ),
        uses=("beach days", "backyard barbecues", "camping trips"),
        likes=(
            "Dropped it in the pool and it kept playing.",
            "Loud enough to fill a patio.",
            "The battery lasted a whole weekend of camping.",
            "Pairing two of them in stereo sounds fantastic.",
        ),
        dislikes=(
            "The bass distorts at full volume.",
            "The app is clunky, and you need it to change the EQ.",
            "The strap is too short to hang from a branch.",
        ),
    ),
    Line(
        path="Electronics > Wearables", code="ELE-WRB", count=5, brands="gadgets",
        names=("{brand} {model} GPS Smartwatch", "{brand} {model} GPS Running Watch"),
        models=("Pulse 3", "Stride", "Vector 2", "Apex", "Orbit"),
        noun="GPS watch", price=(149, 399),
        audiences=("unisex",), colours=("black", "silver", "white", "pink", "green"),
        materials=(
            "fibre-reinforced polymer case with silicone strap",
            "aluminium case with silicone strap", "titanium case with nylon strap",
        ),
        attrs={"gps": (True,), "heart_rate": (True,), "water_resistance": ("5 ATM",)},
        price_attrs={"battery_days": (5, 7, 14)},
        features=(
            "built-in dual-band GPS", "wrist-based heart-rate and blood-oxygen sensors",
            "an always-on AMOLED display", "contactless payments",
            "structured running workouts with recovery advice", "sleep tracking",
        ),
        uses=("marathon training", "tracking daily steps and sleep", "triathlon preparation"),
        likes=(
            "GPS locks on in seconds and the distances match the track.",
            "The battery lasted nine days with a run every day.",
            "Sleep tracking matches how I actually feel in the morning.",
            "The screen is readable in full sun.",
        ),
        dislikes=(
            "Heart rate gets jumpy during intervals.",
            "The companion app keeps pushing a subscription.",
            "The strap clasp dug into my wrist.",
        ),
    ),
    Line(
        path="Electronics > Wearables", code="ELE-WRB", count=3, brands="gadgets",
        names=("{brand} {model} Fitness Tracker", "{brand} {model} Slim Activity Band"),
        models=("Band 5", "Loop", "Spark", "Daystep"),
        noun="fitness tracker", price=(39, 99),
        audiences=("unisex",), colours=("black", "pink", "blue", "purple", "green"),
        materials=("plastic with silicone band",),
        attrs={"gps": (False,), "heart_rate": (True,), "water_resistance": ("5 ATM",)},
        price_attrs={"battery_days": (7, 10, 14)},
        features=(
            "step, sleep and heart-rate tracking", "a colour touchscreen",
            "silent vibration alarms", "a swim-proof design", "long battery life",
        ),
        uses=("counting daily steps", "sleep tracking", "gentle fitness goals"),
        likes=(
            "Light enough that I forget I am wearing it in bed.",
            "The vibration alarm wakes me without waking my partner.",
            "The step count matches my phone closely.",
            "Charges fully in under an hour.",
        ),
        dislikes=(
            "The display is hard to read in bright sunlight.",
            "The band gave me a rash until I switched to a fabric one.",
            "Notifications get cut off after a few words.",
        ),
    ),
    Line(
        path="Electronics > Laptops", code="ELE-LAP", count=5, brands="computing",
        names=(
            "{brand} {model} Thin and Light Laptop",
            "{brand} {model} Everyday Laptop",
            "{brand} {model} Creator Laptop",
        ),
        models=("Aero", "Slate", "Vista", "Atlas", "Nimbus X"),
        noun="laptop", price=(549, 1899),
        colours=("silver", "grey", "black"),
        materials=("polycarbonate chassis", "aluminium chassis", "magnesium-alloy chassis"),
        attrs={"screen_in": (13.3, 14, 15.6), "battery_hours": (10, 14, 18)},
        price_attrs={"ram_gb": (8, 16, 32), "storage_gb": (256, 512, 1024)},
        features=(
            "a backlit keyboard with generous key travel",
            "a 1080p webcam with a privacy shutter",
            "two USB-C ports with charging and display out",
            "a fingerprint reader in the power button", "a high-brightness matte display",
        ),
        uses=("college coursework", "remote work", "photo editing on the go"),
        likes=(
            "The battery actually gets me through a full workday.",
            "The keyboard is a joy to type on.",
            "The matte screen means no reflections near the window.",
            "Light enough to carry all day in a backpack.",
        ),
        dislikes=(
            "The fans spin up loudly during video calls.",
            "Only two ports, so I need a dongle.",
            "The speakers are tinny.",
        ),
    ),
    Line(
        path="Electronics > Tablets", code="ELE-TAB", count=4, brands="computing",
        names=("{brand} {model} Tablet",),
        models=("Slate", "Folio", "Canvas", "Leaf", "Drift"),
        noun="tablet", price=(149, 799),
        colours=("grey", "silver", "blue", "pink"),
        materials=("plastic back with aluminium frame", "aluminium unibody"),
        attrs={"screen_in": (10.9, 11, 12.4), "battery_hours": (10, 12)},
        price_attrs={"storage_gb": (64, 128, 256)},
        features=(
            "a laminated display with stylus support", "quad speakers",
            "a magnetic keyboard connector", "face unlock", "USB-C fast charging",
        ),
        uses=("streaming on the sofa", "note-taking in lectures", "kids' homework"),
        likes=(
            "The screen is bright and sharp for movies.",
            "Handwriting with the stylus feels natural.",
            "The battery lasts a long-haul flight.",
            "Fast enough for split-screen note-taking.",
        ),
        dislikes=(
            "The stylus is sold separately.",
            "Slippery without a case.",
            "Only one USB-C port.",
        ),
    ),
    Line(
        path="Electronics > Chargers & Cables", code="ELE-CHG", count=3, brands="gadgets",
        names=(
            "{brand} {model} 65W USB-C GaN Charger",
            "{brand} {model} 100W 3-Port USB-C Charger",
        ),
        models=("Nano", "Volt", "Duo"),
        noun="wall charger", price=(24, 69),
        colours=("white", "black"),
        materials=("fire-resistant polycarbonate",),
        attrs={"gan": (True,), "foldable_plug": (True, False)},
        features=(
            "smart power sharing across ports", "a compact GaN design",
            "overheat protection", "a matte finish that hides scuffs",
        ),
        uses=("travelling with a laptop and phone", "a tidy nightstand", "work trips"),
        likes=(
            "Charges my laptop and phone at the same time at full speed.",
            "Half the size of my laptop's original brick.",
            "Stays cool even when charging overnight.",
        ),
        dislikes=(
            "Gets warm when every port is in use.",
            "The wide body blocks the neighbouring outlet.",
            "The prongs feel a bit loose in older sockets.",
        ),
    ),
    Line(
        path="Electronics > Chargers & Cables", code="ELE-CHG", count=3, brands="gadgets",
        names=("{brand} {model} 10,000mAh Power Bank", "{brand} {model} 20,000mAh Power Bank"),
        models=("Reserve", "Tank", "Slimcell"),
        noun="power bank", price=(19, 59),
        colours=("black", "white", "blue", "pink"),
        materials=("plastic shell", "aluminium shell"),
        attrs={"usb_c_pd": (True,), "airline_safe": (True,)},
        features=(
            "a USB-C port that charges in and out", "a digital battery readout",
            "pass-through charging", "a slim profile that slides into a pocket",
        ),
        uses=("festival weekends", "long travel days", "camping"),
        likes=(
            "Recharges my phone almost three times.",
            "The percentage display is handy.",
            "Slim enough to carry in a jacket pocket.",
        ),
        dislikes=(
            "Takes ages to recharge itself.",
            "Heavier than it looks.",
            "Gets warm when fast charging.",
        ),
    ),
    Line(
        path="Electronics > Chargers & Cables", code="ELE-CHG", count=3, brands="gadgets",
        names=(
            "{brand} {model} Braided USB-C to USB-C Cable",
            "{brand} {model} Braided USB-C to USB-A Cable",
        ),
        models=("Toughcord", "Flex", "Everlink"),
        noun="charging cable", price=(9, 24),
        colours=("black", "white", "grey", "red", "blue"),
        materials=("braided nylon with aluminium connector housings",),
        attrs={"length_m": (1, 2, 3)},
        price_attrs={"max_watts": (60, 100, 240)},
        features=(
            "reinforced strain relief at both ends", "a hook-and-loop cable tie",
            "aluminium connector housings", "a braid that resists kinks",
        ),
        uses=("the car", "charging in bed", "a travel kit"),
        likes=(
            "Still works after a year of being yanked out of the car charger.",
            "The braiding has not frayed at all.",
            "Long enough to use my phone in bed.",
        ),
        dislikes=(
            "Stiffer than a rubber cable.",
            "The connector is slightly too thick for my phone case.",
            "The colour does not match the photo.",
        ),
    ),
    Line(
        path="Electronics > Smart Home", code="ELE-SMH", count=4, brands="gadgets",
        names=(
            "{brand} {model} Wi-Fi Smart Plug 4-Pack",
            "{brand} {model} Colour Smart Bulb 2-Pack",
        ),
        models=("Home", "Glow", "Switchboard", "Beacon"),
        noun="smart home starter pack", price=(19, 49),
        colours=("white",),
        attrs={"hub_required": (False,), "works_with": ("Matter and major voice assistants",)},
        features=(
            "schedules and away modes in the app", "Matter support across ecosystems",
            "energy monitoring", "set-up without a hub",
        ),
        uses=("automating lamps", "holiday lighting", "making a rental smarter"),
        likes=(
            "Set-up took five minutes per device.",
            "Schedules mean my porch light is on when I get home.",
            "It has not dropped off the Wi-Fi once.",
        ),
        dislikes=(
            "Only works on 2.4 GHz Wi-Fi.",
            "The app wants an account before you can do anything.",
            "Bulky enough to block the second outlet.",
        ),
    ),
    Line(
        path="Electronics > Smart Home", code="ELE-SMH", count=4, brands="gadgets",
        names=(
            "{brand} {model} Video Doorbell",
            "{brand} {model} 2K Indoor Security Camera",
            "{brand} {model} Outdoor Security Camera",
        ),
        models=("Watchtower", "Porchlight", "Sentinel", "Lookout"),
        noun="security camera", price=(39, 179),
        colours=("white", "black"),
        materials=("weather-sealed plastic housing",),
        attrs={"night_vision": (True,), "subscription_required": (False,)},
        features=(
            "colour night vision", "person and package detection", "two-way talk",
            "a microSD slot for local recording",
        ),
        uses=(
            "watching parcels on the porch",
            "checking on pets",
            "keeping an eye on the back gate",
        ),
        likes=(
            "Clear enough to read a licence plate across the street.",
            "Person alerts are accurate, with no more pings for passing cars.",
            "No subscription needed to see clips.",
        ),
        dislikes=(
            "Night vision gets grainy beyond a few metres.",
            "The battery needs charging every month in winter.",
            "A few seconds of lag before the live view loads.",
        ),
    ),
)

# --- Home & Kitchen ----------------------------------------------------------------------

HOME_KITCHEN = (
    Line(
        path="Home & Kitchen > Knives", code="HOM-KNF", count=7, brands="kitchen",
        names=("{brand} {model} 8-inch Chef's Knife", "{brand} {model} 8-inch Gyuto Chef's Knife"),
        models=("Artisan", "Koa", "Forge", "Whetstone", "Kaze", "Heritage", "Tsuru", "Atelier"),
        noun="chef's knife", price=(29, 229),
        materials=(
            "stamped stainless steel with a polypropylene handle",
            "forged high-carbon German stainless steel with a pakkawood handle",
            "VG-10 steel core with 67-layer Damascus cladding",
        ),
        attrs={"blade_length_in": (8,), "dishwasher_safe": (False,)},
        price_attrs={"hardness_hrc": (55, 57, 60)},
        features=(
            "a full-tang blade", "a hand-honed 15-degree edge",
            "a bolster that protects your fingers", "a balanced, ergonomic handle",
            "a blade guard for safe drawer storage",
        ),
        uses=("everyday prep", "breaking down whole chickens", "slicing herbs and onions"),
        likes=(
            "Out of the box it sliced paper-thin tomato without any pressure.",
            "Balanced perfectly at the bolster.",
            "Still sharp after three months of daily cooking and a weekly hone.",
            "The handle stays grippy with wet hands.",
        ),
        dislikes=(
            "Developed a few rust spots when I left it wet overnight.",
            "A bit heavy for long prep sessions.",
            "The edge chipped on a squash; it is harder and more brittle than my old knife.",
        ),
    ),
    Line(
        path="Home & Kitchen > Knives", code="HOM-KNF", count=3, brands="kitchen",
        names=(
            "{brand} {model} 7-Piece Knife Block Set",
            "{brand} {model} 5-Piece Magnetic Knife Set",
        ),
        models=("Heritage", "Classic", "Signature"),
        noun="knife set", price=(79, 299),
        materials=(
            "stainless steel blades with an acacia wood block",
            "forged high-carbon stainless steel with a walnut magnetic block",
        ),
        attrs={"dishwasher_safe": (False,), "giftable": (True,)},
        features=(
            "a chef's, bread, utility and paring knife", "a pair of kitchen shears",
            "a honing steel", "a block with room to grow the collection",
        ),
        uses=("a first proper kitchen", "wedding gifts", "replacing a drawer of dull knives"),
        likes=(
            "Every knife in the set gets used, no filler.",
            "The block looks great on the counter.",
            "The bread knife goes through crusty sourdough like nothing.",
        ),
        dislikes=(
            "The shears are flimsy compared with the knives.",
            "The block takes up more counter space than I expected.",
            "The paring knife handle is too small for big hands.",
        ),
    ),
    Line(
        path="Home & Kitchen > Coffee Makers", code="HOM-COF", count=4, brands="kitchen",
        names=(
            "{brand} {model} 12-Cup Programmable Coffee Maker",
            "{brand} {model} 10-Cup Thermal Carafe Coffee Maker",
        ),
        models=("Morning Ritual", "Daybreak", "Percolate", "Brewmaster"),
        noun="drip coffee maker", price=(49, 149),
        colours=("black", "silver", "white"),
        materials=("BPA-free plastic with a glass carafe", "brushed stainless steel"),
        attrs={"programmable": (True,), "auto_off": (True,)},
        features=(
            "a 24-hour programmable timer", "a pause-and-pour drip stop",
            "a brew-strength selector", "a permanent mesh filter",
        ),
        uses=("busy weekday mornings", "brunch for a crowd", "the office kitchen"),
        likes=(
            "Waking up to freshly brewed coffee never gets old.",
            "Coffee is hot without tasting burnt.",
            "Easy to fill and the filter basket rinses clean.",
        ),
        dislikes=(
            "The carafe dribbles when you pour quickly.",
            "The beeping when it finishes cannot be turned off.",
            "Takes almost ten minutes to brew a full pot.",
        ),
    ),
    Line(
        path="Home & Kitchen > Coffee Makers", code="HOM-COF", count=4, brands="kitchen",
        names=(
            "{brand} {model} Espresso Machine with Steam Wand",
            "{brand} {model} Semi-Automatic Espresso Machine",
        ),
        models=("Barista One", "Crema", "Lungo", "Portafilter Pro"),
        noun="espresso machine", price=(199, 649),
        colours=("silver", "black", "red", "white"),
        materials=("plastic and stainless steel housing", "brushed stainless steel housing"),
        attrs={"pressure_bar": (15,), "water_tank_l": (1.8, 2.0)},
        price_attrs={"portafilter_mm": (51, 54, 58)},
        features=(
            "a manual steam wand for latte art", "PID temperature control",
            "a removable water tank", "a cup-warming tray", "a pressure gauge",
        ),
        uses=("café-style lattes at home", "weekend brunches", "learning latte art"),
        likes=(
            "Pulls a proper shot with thick crema once the grind is dialled in.",
            "The steam wand makes silky microfoam.",
            "Heats up in under five minutes.",
        ),
        dislikes=(
            "The drip tray fills up quickly.",
            "The tamper included is plastic and too light.",
            "Loud pump noise first thing in the morning.",
        ),
    ),
    Line(
        path="Home & Kitchen > Coffee Makers", code="HOM-COF", count=4, brands="kitchen",
        names=("{brand} {model} French Press", "{brand} {model} Pour-Over Coffee Dripper Set"),
        models=("Slow Morning", "Bloom", "Hillside", "Daybrew"),
        noun="manual coffee brewer", price=(19, 59),
        materials=("borosilicate glass and stainless steel", "double-wall stainless steel"),
        attrs={"capacity_ml": (600, 800, 1000), "giftable": (True,)},
        features=(
            "a four-layer filter that keeps grounds out", "a heat-resistant handle",
            "a drip-free spout", "a simple design with nothing to plug in",
        ),
        uses=("slow weekend coffee", "camping", "single-origin beans"),
        likes=(
            "Makes a rich, full-bodied cup with almost no sludge.",
            "Pretty enough to leave on the table.",
            "Keeps coffee warm for a second cup.",
        ),
        dislikes=(
            "The plunger mesh bent after a few months.",
            "Fine grounds still slip through.",
            "Hard to clean the bottom corners.",
        ),
    ),
    Line(
        path="Home & Kitchen > Cookware", code="HOM-CKW", count=3, brands="kitchen",
        names=(
            "{brand} {model} 10-inch Cast Iron Skillet",
            "{brand} {model} 12-inch Cast Iron Skillet",
        ),
        models=("Homestead", "Prairie", "Lodgepole", "Farmhouse"),
        noun="cast iron skillet", price=(24, 69),
        colours=("black",),
        materials=("pre-seasoned cast iron",),
        attrs={"oven_safe_c": (260,), "induction_compatible": (True,)},
        features=(
            "even heat retention for a hard sear", "a helper handle", "two pour spouts",
            "a factory seasoning of vegetable oil",
        ),
        uses=("searing steaks", "skillet cornbread", "cooking over a campfire"),
        likes=(
            "Gets a crust on steak like a restaurant.",
            "The seasoning was good straight out of the box.",
            "Eggs slide around after a few weeks of use.",
        ),
        dislikes=(
            "Seriously heavy to lift one-handed.",
            "The handle gets hot, so keep an oven mitt nearby.",
            "Rusted a little when I let it soak.",
        ),
    ),
    Line(
        path="Home & Kitchen > Cookware", code="HOM-CKW", count=3, brands="kitchen",
        names=(
            "{brand} {model} 5.5-Quart Enamelled Dutch Oven",
            "{brand} {model} Enamelled Braiser",
        ),
        models=("Hearthstone", "Farmhouse", "Bistro", "Cocotte"),
        noun="enamelled pot", price=(89, 249),
        colours=("red", "blue", "green", "orange", "white", "black"),
        materials=("enamelled cast iron",),
        attrs={"oven_safe_c": (250,), "induction_compatible": (True,)},
        features=(
            "a self-basting lid", "wide helper handles", "a light interior enamel",
            "a stainless steel lid knob",
        ),
        uses=("slow-cooked stews", "no-knead bread", "Sunday braises"),
        likes=(
            "Holds heat beautifully for braises.",
            "The light interior makes it easy to see the fond.",
            "Bakes a perfect loaf of bread.",
        ),
        dislikes=(
            "Very heavy when full.",
            "The enamel chipped slightly at the rim.",
            "Stains inside after tomato sauces.",
        ),
    ),
    Line(
        path="Home & Kitchen > Cookware", code="HOM-CKW", count=4, brands="kitchen",
        names=(
            "{brand} {model} 10-Piece Stainless Steel Cookware Set",
            "{brand} {model} Stainless Steel Sauté Pan",
        ),
        models=("Pro Clad", "Everyday", "Chef Series", "Maison"),
        noun="stainless cookware", price=(69, 399),
        colours=("silver",),
        materials=("stainless steel with an encapsulated aluminium base",
                   "tri-ply stainless steel with an aluminium core"),
        attrs={"dishwasher_safe": (True,), "induction_compatible": (True,),
               "oven_safe_c": (260,)},
        features=(
            "riveted stay-cool handles", "tight-fitting lids", "pouring rims",
            "measurement markings inside",
        ),
        uses=("everyday cooking", "pan sauces", "a new home"),
        likes=(
            "Heats evenly with no hot spots on my induction hob.",
            "Cleans up shiny with a bit of baking soda.",
            "The handles really do stay cool.",
        ),
        dislikes=(
            "Eggs stick unless you preheat properly.",
            "Rainbow heat tint appeared on the base.",
            "The lids rattle when boiling.",
        ),
    ),
    Line(
        path="Home & Kitchen > Candles", code="HOM-CAN", count=8, brands="home",
        names=("{brand} {model} Scented Soy Candle", "{brand} {model} Three-Wick Candle"),
        models=(
            "Cedar & Smoke", "Fig Leaf", "Sea Salt & Sage", "Amber Woods", "Wild Lavender",
            "Orange Blossom", "Winter Pine", "Vanilla Bean", "Black Tea & Bergamot",
        ),
        model_attr="scent", noun="candle", price=(14, 48),
        colours=("white", "beige", "grey"),
        materials=("soy wax in a reusable amber glass jar", "coconut-soy wax in a ceramic vessel"),
        attrs={"wick": ("cotton", "wood"), "giftable": (True,)},
        price_attrs={"burn_hours": (40, 55, 70)},
        features=(
            "a clean, even burn", "a lid that doubles as a coaster",
            "phthalate-free fragrance oils", "a hand-poured finish", "a reusable vessel",
        ),
        uses=("gifting", "cosy evenings", "making a bathroom feel like a spa"),
        likes=(
            "The scent fills the living room within twenty minutes.",
            "Burns evenly all the way down with no tunnelling.",
            "A beautiful jar that I now reuse for pens.",
            "Gave it as a gift and was asked where it came from.",
        ),
        dislikes=(
            "The scent is faint unless you are right next to it.",
            "The wood wick crackles loudly, which I did not love.",
            "Smaller than expected for the price.",
        ),
    ),
    Line(
        path="Home & Kitchen > Bedding", code="HOM-BED", count=5, brands="home",
        names=("{brand} {model} Percale Sheet Set", "{brand} {model} Sateen Sheet Set"),
        models=("Cloudrest", "Hotel Classic", "Linden", "Stillwater", "Quiet Hours"),
        noun="sheet set", price=(59, 189),
        colours=("white", "grey", "navy", "beige", "blue", "green"),
        materials=("100% cotton", "100% long-staple cotton", "100% organic long-staple cotton"),
        sizes="bed",
        attrs={"deep_pocket_in": (15, 16), "pieces": (4,)},
        price_attrs={"thread_count": (300, 400, 500)},
        features=(
            "deep elasticated pockets", "a fitted sheet with labelled sides",
            "two pillowcases with envelope closures", "pre-washed softness",
        ),
        uses=("hot sleepers", "guest rooms", "everyday comfort"),
        likes=(
            "Cool and crisp even on humid nights.",
            "The fitted sheet stays on my thick mattress.",
            "Softer after every wash.",
        ),
        dislikes=(
            "Wrinkles a lot if you do not pull them from the dryer straight away.",
            "Shrank a little in a hot wash.",
            "The colour is lighter than it looks online.",
        ),
    ),
    Line(
        path="Home & Kitchen > Small Appliances", code="HOM-APL", count=3, brands="kitchen",
        names=(
            "{brand} {model} Electric Gooseneck Kettle",
            "{brand} {model} 1.7 L Electric Kettle",
        ),
        models=("Pourfect", "Morning Steam", "Steeped"),
        noun="electric kettle", price=(29, 99),
        colours=("black", "white", "silver"),
        materials=("BPA-free plastic", "brushed stainless steel"),
        attrs={"auto_off": (True,), "keep_warm": (True, False)},
        features=(
            "variable temperature presets", "a boil-dry cut-off", "a concealed element",
            "a 360-degree swivel base",
        ),
        uses=("pour-over coffee", "green tea at the right temperature", "quick noodles"),
        likes=(
            "Boils a full kettle in about three minutes.",
            "The temperature presets are perfect for green tea.",
            "The gooseneck pours with precision.",
        ),
        dislikes=(
            "The lid is stiff to open.",
            "Plastic smell for the first few boils.",
            "The power cord is short.",
        ),
    ),
    Line(
        path="Home & Kitchen > Small Appliances", code="HOM-APL", count=3, brands="kitchen",
        names=("{brand} {model} High-Speed Blender", "{brand} {model} Personal Blender"),
        models=("Vortex", "Smoothie Pro", "Pulse 900"),
        noun="blender", price=(49, 249),
        colours=("black", "silver", "red"),
        materials=("BPA-free copolyester jug with stainless steel blades",),
        attrs={"dishwasher_safe_parts": (True,)},
        price_attrs={"watts": (600, 1000, 1500)},
        features=(
            "a pulse setting", "preset smoothie and ice-crush programmes",
            "travel cups with lids", "a tamper for thick blends",
        ),
        uses=("breakfast smoothies", "soups and sauces", "crushing ice"),
        likes=(
            "Crushes ice into snow in seconds.",
            "Smoothies are silky with no spinach chunks.",
            "Cleans itself with warm water and a drop of soap.",
        ),
        dislikes=(
            "Loud enough to wake the house.",
            "Too tall to fit under my kitchen cabinets.",
            "The lid seal is tricky to clean.",
        ),
    ),
    Line(
        path="Home & Kitchen > Tableware", code="HOM-TBL", count=4, brands="home",
        names=(
            "{brand} {model} Stoneware Mug Set of 4",
            "{brand} {model} Stoneware Dinner Plate Set of 4",
        ),
        models=("Saltglaze", "Harbor", "Speckled Hen", "Riverstone"),
        noun="stoneware set", price=(24, 69),
        colours=("white", "blue", "green", "grey", "beige"),
        materials=("glazed stoneware",),
        attrs={"dishwasher_safe": (True,), "microwave_safe": (True,), "giftable": (True,)},
        features=(
            "a reactive glaze that makes every piece unique", "a speckled finish",
            "a comfortable handle", "a chip-resistant rim",
        ),
        uses=("everyday meals", "housewarming gifts", "hosting brunch"),
        likes=(
            "Every piece has a slightly different glaze, which I love.",
            "Survived a year in the dishwasher with no chips.",
            "A nice weight in the hand.",
        ),
        dislikes=(
            "The handles get hot in the microwave.",
            "Heavier than I expected.",
            "One arrived with a small glaze flaw.",
        ),
    ),
)

# --- Beauty ------------------------------------------------------------------------------

BEAUTY = (
    Line(
        path="Beauty > Skincare", code="BEA-SKN", count=4, brands="beauty",
        names=("{brand} {model} Daily Moisturiser", "{brand} {model} Gel Cream Moisturiser"),
        models=("Barrier Repair", "Hydra Calm", "Oat Milk", "Ceramide Plus", "Dewdrop"),
        noun="moisturiser", price=(14, 58),
        audiences=("unisex",),
        attrs={"skin_type": ("dry", "normal", "combination", "sensitive"),
               "fragrance_free": (True, False), "vegan": (True, False)},
        price_attrs={"size_ml": (50, 50, 75)},
        features=(
            "ceramides and squalane", "a lightweight texture that sinks in fast",
            "an airless pump that keeps the formula fresh", "niacinamide to calm redness",
        ),
        uses=("morning routines under sunscreen", "winter-dry skin", "post-shave soothing"),
        likes=(
            "My skin feels plump all day without any grease.",
            "Layers under makeup without pilling.",
            "Calmed the redness around my nose within a week.",
            "A little goes a long way; the tube lasted three months.",
        ),
        dislikes=(
            "Too rich for my oily T-zone.",
            "Broke me out along the jawline.",
            "The pump stopped working with a quarter of the product left.",
        ),
    ),
    Line(
        path="Beauty > Skincare", code="BEA-SKN", count=4, brands="beauty",
        names=(
            "{brand} {model} Vitamin C Serum",
            "{brand} {model} Hyaluronic Acid Serum",
            "{brand} {model} Retinol Night Serum",
        ),
        models=("Bright Start", "Deep Drink", "Renew", "Clarity", "Glow Theory"),
        noun="face serum", price=(18, 68),
        audiences=("unisex",),
        attrs={"size_ml": (30,), "vegan": (True, False), "fragrance_free": (True,)},
        features=(
            "a dropper that dispenses just the right amount",
            "a lightweight, fast-absorbing texture",
            "an amber bottle that protects the formula from light", "a fragrance-free formula",
        ),
        uses=("evening routines", "dull winter skin", "a pre-event glow"),
        likes=(
            "Noticeably brighter skin after two weeks.",
            "Absorbs in seconds with no sticky feeling.",
            "The fine lines around my eyes look softer.",
        ),
        dislikes=(
            "Tingled a lot for the first few nights.",
            "Oxidised and turned darker within two months.",
            "A tiny bottle for the price.",
        ),
    ),
    Line(
        path="Beauty > Skincare", code="BEA-SKN", count=4, brands="beauty",
        names=(
            "{brand} {model} SPF 50 Mineral Sunscreen",
            "{brand} {model} SPF 30 Daily Face Sunscreen",
        ),
        models=("Sunday Shield", "Shade Day", "Beach Club", "Clear Sky"),
        noun="sunscreen", price=(12, 34),
        audiences=("unisex",),
        attrs={"season": ("summer",), "reef_friendly": (True,)},
        price_attrs={"water_resistant_minutes": (40, 80)},
        features=(
            "a sheer finish with no white cast", "broad-spectrum UVA and UVB protection",
            "a non-greasy texture", "a travel-size tube",
        ),
        uses=("beach days", "daily city wear", "outdoor sports"),
        likes=(
            "No white cast on my skin, finally.",
            "Survived an afternoon of swimming and I did not burn.",
            "Works as a primer under makeup.",
        ),
        dislikes=(
            "Stings if it runs into your eyes.",
            "Leaves a slight shine by midday.",
            "Hard to rub in on hairy arms.",
        ),
    ),
    Line(
        path="Beauty > Fragrance", code="BEA-FRG", count=5, brands="beauty",
        names=("{brand} {model} Eau de Parfum 50 ml", "{brand} {model} Eau de Toilette 100 ml"),
        models=("Nuit Blanche", "Cedar Coast", "Saffron Road", "Petal & Smoke", "Vetiver Noir",
                "Citrus Atlas"),
        noun="fragrance", price=(42, 145),
        audiences=("women", "men", "unisex"),
        attrs={"giftable": (True,)},
        price_attrs={"longevity_hours": (6, 8, 10)},
        features=(
            "top notes of bergamot and pink pepper", "a warm base of sandalwood and amber",
            "a weighted glass bottle", "a magnetic cap",
        ),
        uses=("evenings out", "gifting", "everyday office wear"),
        likes=(
            "I get compliments every time I wear it.",
            "Still noticeable on my scarf the next morning.",
            "The bottle looks beautiful on my dresser.",
        ),
        dislikes=(
            "Fades within a couple of hours on my skin.",
            "The opening is very sharp and alcoholic.",
            "Smells nothing like the description.",
        ),
    ),
    Line(
        path="Beauty > Hair Care", code="BEA-HAR", count=4, brands="beauty",
        names=("{brand} {model} Sulphate-Free Shampoo", "{brand} {model} Repair Conditioner"),
        models=("Silk Protein", "Argan Glow", "Curl Cloud", "Scalp Reset", "Rosemary Mint"),
        noun="hair-care staple", price=(9, 32),
        audiences=("unisex",),
        attrs={"hair_type": ("curly", "fine", "dry", "all"), "vegan": (True, False)},
        price_attrs={"size_ml": (250, 300, 500)},
        features=(
            "a gentle sulphate-free base", "a light botanical scent",
            "a recyclable aluminium bottle", "argan and jojoba oils",
        ),
        uses=("daily washing", "colour-treated hair", "taming frizz"),
        likes=(
            "My curls are defined without any crunch.",
            "The scalp itch disappeared after a week.",
            "Hair feels soft and detangles easily.",
        ),
        dislikes=(
            "Does not lather much, so I end up using too much.",
            "Leaves my fine hair flat and heavy.",
            "The flip cap cracked.",
        ),
    ),
    Line(
        path="Beauty > Hair Care", code="BEA-HAR", count=3, brands="beauty",
        names=("{brand} {model} Ionic Hair Dryer", "{brand} {model} Compact Travel Hair Dryer"),
        models=("Airflow", "Velvet Blow", "Jetset"),
        noun="hair dryer", price=(39, 229),
        colours=("black", "pink", "white", "silver"),
        attrs={"heat_settings": (3,), "dual_voltage": (True, False)},
        price_attrs={"watts": (1600, 1800, 1875)},
        features=(
            "ionic conditioning to cut frizz", "a cool-shot button",
            "a concentrator and diffuser attachment", "a removable filter for easy cleaning",
        ),
        uses=("thick hair", "travel", "quick morning blow-outs"),
        likes=(
            "Dries my thick hair in under ten minutes.",
            "Noticeably less frizz than my old dryer.",
            "Light enough that my arm does not ache.",
        ),
        dislikes=(
            "Loud on the highest setting.",
            "The cord is short.",
            "The cool shot is not very cool.",
        ),
    ),
    Line(
        path="Beauty > Makeup", code="BEA-MKP", count=4, brands="beauty",
        names=("{brand} {model} Satin Lipstick", "{brand} {model} Matte Liquid Lipstick"),
        models=("Brick Rose", "Cherry Cola", "Nude Linen", "Plum Velvet", "Coral Reef",
                "Mauve Hour"),
        model_attr="shade", noun="lipstick", price=(12, 34),
        audiences=("women",), colours=("red", "pink", "brown", "purple", "orange"),
        attrs={"vegan": (True, False)},
        price_attrs={"wear_hours": (4, 8, 12)},
        features=(
            "a creamy formula that does not drag", "rich colour in one swipe",
            "shea butter to keep lips soft", "a slim magnetic case",
        ),
        uses=("everyday wear", "big nights out", "weddings"),
        likes=(
            "Great colour payoff in a single swipe.",
            "Lasted through lunch without a touch-up.",
            "Not drying at all.",
        ),
        dislikes=(
            "Feathers into fine lines by the afternoon.",
            "The shade is much darker than the swatch.",
            "Transfers onto everything.",
        ),
    ),
    Line(
        path="Beauty > Makeup", code="BEA-MKP", count=3, brands="beauty",
        names=("{brand} {model} Lengthening Mascara", "{brand} {model} Volumising Mascara"),
        models=("Lash Lift", "Big Night", "Feather", "Curl Up"),
        noun="mascara", price=(9, 28),
        audiences=("women",), colours=("black", "brown"),
        attrs={"waterproof": (True, False)},
        features=(
            "a tapered silicone wand", "a flake-free formula", "panthenol to condition lashes",
            "a clump-resistant brush",
        ),
        uses=("everyday wear", "humid summer days", "special occasions"),
        likes=(
            "Lashes look long but still natural.",
            "No flaking even after a long day.",
            "Holds a curl all day.",
        ),
        dislikes=(
            "Smudged under my eyes by evening.",
            "The wand is too big for lower lashes.",
            "Dried out in the tube after two months.",
        ),
    ),
)

# --- Sports & Outdoors -------------------------------------------------------------------

SPORTS_OUTDOORS = (
    Line(
        path="Sports & Outdoors > Camping", code="SPO-CMP", count=4, brands="outdoor",
        names=(
            "{brand} {model} 2-Person Backpacking Tent",
            "{brand} {model} 4-Person Camping Tent",
        ),
        models=("Basecamp", "Skyline", "Meadow", "Hideout", "Trailhead"),
        noun="tent", price=(129, 449),
        colours=("green", "orange", "grey", "yellow", "blue"),
        materials=("polyester fly with fibreglass poles", "polyester fly with aluminium poles",
                   "silicone-coated ripstop nylon with aluminium poles"),
        attrs={"season_rating": ("3-season",), "freestanding": (True,)},
        price_attrs={"waterproof_rating_mm": (2000, 3000, 4000)},
        features=(
            "two doors and two vestibules", "colour-coded poles for quick pitching",
            "a full-coverage rainfly", "mesh inner walls for airflow", "internal gear pockets",
        ),
        uses=("weekend camping", "festival season", "backpacking trips"),
        likes=(
            "Pitched it alone in under ten minutes the first time.",
            "Bone dry after a night of heavy rain.",
            "Two doors mean nobody climbs over anyone at 3 a.m.",
        ),
        dislikes=(
            "The stakes are flimsy; I bent two on hard ground.",
            "Condensation on the inner on cold nights.",
            "The packed size is bigger than advertised.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Camping", code="SPO-CMP", count=3, brands="outdoor",
        names=("{brand} {model} Mummy Sleeping Bag", "{brand} {model} Three-Season Sleeping Bag"),
        models=("Cocoon", "Ember", "Nightjar", "Duskfall"),
        noun="sleeping bag", price=(59, 279),
        colours=("blue", "green", "orange", "red", "grey"),
        materials=("polyester shell with synthetic fill", "nylon ripstop with 650-fill down",
                   "nylon ripstop with 800-fill water-resistant down"),
        price_attrs={"rated_to_c": (4, 0, -5)},
        features=(
            "a draught collar around the shoulders", "an anti-snag zip",
            "a compression stuff sack", "a contoured hood",
        ),
        uses=("spring and autumn camping", "hut trips", "backpacking"),
        likes=(
            "Slept warm on a frosty night in the mountains.",
            "Packs down small enough for a day-pack.",
            "The zip never snags on the fabric.",
        ),
        dislikes=(
            "Narrow around the hips for side sleepers.",
            "The comfort rating is optimistic.",
            "The hood drawcord is hard to find in the dark.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Camping", code="SPO-CMP", count=3, brands="outdoor",
        names=("{brand} {model} Rechargeable Headlamp",),
        models=("Beam", "Nightowl", "Trail Torch"),
        noun="headlamp", price=(19, 59),
        colours=("black", "orange", "blue", "green"),
        materials=("polycarbonate housing with elastic strap",),
        attrs={"water_resistance": ("IPX4", "IPX7"), "red_light": (True,)},
        price_attrs={"lumens": (300, 450, 600)},
        features=(
            "a red-light night mode", "USB-C charging",
            "a lock mode so it does not switch on in your pack", "a tilting beam",
        ),
        uses=("early-morning runs", "campsite chores", "power cuts"),
        likes=(
            "Bright enough to light up the whole trail.",
            "Comfortable strap that does not bounce when running.",
            "The red mode saves my night vision at camp.",
        ),
        dislikes=(
            "Cycling through the modes to switch off is annoying.",
            "The battery drops fast on full power.",
            "The strap elastic loosened after a few months.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Yoga & Fitness", code="SPO-FIT", count=4, brands="fitness",
        names=("{brand} {model} Non-Slip Yoga Mat", "{brand} {model} Alignment Yoga Mat"),
        models=("Lotus", "Grounded", "Sun Salute", "Balance", "Still Point"),
        noun="yoga mat", price=(24, 98),
        colours=("purple", "blue", "green", "black", "pink", "grey"),
        materials=("TPE foam", "natural tree rubber with polyurethane top layer",
                   "natural cork on a rubber base"),
        attrs={"length_cm": (183,), "carry_strap": (True,)},
        price_attrs={"thickness_mm": (6, 5, 4)},
        features=(
            "alignment lines printed on the surface", "a grippy surface that works when sweaty",
            "closed-cell construction that does not soak up sweat", "a carry strap",
        ),
        uses=("hot yoga", "home workouts", "pilates"),
        likes=(
            "No slipping in downward dog even in a hot class.",
            "The alignment lines help me set up my poses.",
            "Cushioned enough for my knees without feeling wobbly.",
        ),
        dislikes=(
            "Strong rubber smell for the first week.",
            "Shows every footprint and fingermark.",
            "Heavier to carry to class than my old mat.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Yoga & Fitness", code="SPO-FIT", count=3, brands="fitness",
        names=("{brand} {model} Resistance Band Set", "{brand} {model} Mini Loop Band Set"),
        models=("Core", "Recover", "Stretch Lab", "Mobility"),
        noun="set of resistance bands", price=(14, 44),
        colours=("black", "blue", "green", "orange"),
        materials=("natural latex", "fabric-covered natural latex"),
        attrs={"includes_guide": (True,)},
        price_attrs={"resistance_levels": (3, 5, 5)},
        features=(
            "a printed exercise guide", "a travel pouch", "colour-coded resistance levels",
            "a door anchor",
        ),
        uses=("home workouts", "physio exercises", "travel training"),
        likes=(
            "Perfect for working out in a hotel room.",
            "The door anchor makes rows and presses easy.",
            "Good quality for the price.",
        ),
        dislikes=(
            "The lightest level is still quite tough.",
            "One band snapped after a few months.",
            "The pouch is too small.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Cycling", code="SPO-CYC", count=3, brands="fitness",
        names=("{brand} {model} Road Bike Helmet", "{brand} {model} Commuter Bike Helmet"),
        models=("Aeroline", "Cityride", "Breakaway", "Velo"),
        noun="bike helmet", price=(39, 149),
        audiences=("unisex",), colours=("black", "white", "red", "blue", "green", "yellow"),
        materials=("in-mould EPS foam with polycarbonate shell",),
        sizes="sml",
        attrs={"rotational_protection": (True, False)},
        price_attrs={"vents": (12, 18, 22), "weight_g": (330, 290, 250)},
        features=(
            "a dial-fit retention system", "a magnetic buckle", "removable washable pads",
            "an integrated rear light",
        ),
        uses=("commuting", "road rides", "weekend trails"),
        likes=(
            "So light I forget I am wearing it.",
            "The magnetic buckle works with gloves on.",
            "Plenty of airflow on hot climbs.",
        ),
        dislikes=(
            "Runs small; check your head measurement.",
            "The pads absorb sweat and need frequent washing.",
            "The rear light is quite dim.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Cycling", code="SPO-CYC", count=3, brands="fitness",
        names=("{brand} {model} USB-C Bike Light Set",),
        models=("Beacon", "Headway", "Nightrider"),
        noun="bike light set", price=(19, 69),
        colours=("black",),
        materials=("aluminium and polycarbonate",),
        attrs={"rechargeable": (True,)},
        price_attrs={"front_lumens": (400, 800, 1200)},
        features=(
            "a tool-free rubber strap mount", "a daytime flash mode",
            "side visibility cut-outs", "a battery indicator",
        ),
        uses=("dark winter commutes", "early-morning rides", "unlit country lanes"),
        likes=(
            "Drivers definitely notice me now.",
            "Swaps between bikes in seconds.",
            "The battery indicator takes the guesswork out.",
        ),
        dislikes=(
            "The strap mount slips on thick handlebars.",
            "Runtime on high is shorter than claimed.",
            "The rear light points down on my seat post.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Water Bottles", code="SPO-BTL", count=5, brands="outdoor",
        names=(
            "{brand} {model} Insulated Stainless Steel Water Bottle",
            "{brand} {model} Insulated Bottle with Straw Lid",
        ),
        models=("Summit", "Cascade", "Oasis", "Glacier Melt", "Riverbend"),
        noun="water bottle", price=(14, 44),
        colours=("black", "white", "blue", "green", "pink", "orange", "grey"),
        materials=("double-wall 18/8 stainless steel",),
        attrs={"dishwasher_safe": (True, False), "keeps_cold_hours": (24,)},
        price_attrs={"capacity_ml": (500, 750, 1000)},
        features=(
            "a leak-proof lid", "a powder-coated grip", "a wide mouth that fits ice cubes",
            "a carry loop",
        ),
        uses=("gym sessions", "hiking", "long office days"),
        likes=(
            "Ice is still there at the end of a hot day.",
            "Has not leaked once in my bag.",
            "The powder coat has not chipped despite many drops.",
        ),
        dislikes=(
            "Does not fit my car's cup holder.",
            "The straw lid is hard to clean.",
            "Dents easily when dropped.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Running Accessories", code="SPO-RUN", count=3,
        brands="active",
        names=("{brand} {model} Running Belt", "{brand} {model} Hydration Running Vest"),
        models=("Carry Lite", "Zero Bounce", "Long Haul"),
        noun="running carry system", price=(19, 89),
        audiences=("unisex",), colours=("black", "blue", "grey"),
        materials=("stretch nylon-elastane", "recycled nylon mesh"),
        sizes="sml",
        attrs={"reflective": (True,)},
        price_attrs={"capacity_l": (1.5, 5, 8)},
        features=(
            "a bounce-free fit", "a key clip", "pockets that fit a large phone",
            "reflective details",
        ),
        uses=("long runs", "marathon race day", "trail ultras"),
        likes=(
            "Zero bounce even with a big phone inside.",
            "Holds gels, keys and phone comfortably.",
            "Does not chafe over long distances.",
        ),
        dislikes=(
            "Rides up a bit on longer runs.",
            "The zip is hard to open while moving.",
            "Holds sweat and smells after a while.",
        ),
    ),
    Line(
        path="Sports & Outdoors > Running Accessories", code="SPO-RUN", count=3,
        brands="running",
        names=("{brand} {model} Cushioned Running Socks 3-Pack",),
        models=("Blister Guard", "Tab Low", "Quarter Crew"),
        noun="pack of running socks", price=(14, 29),
        audiences=("unisex",), colours=("white", "black", "grey"),
        materials=("nylon-polyester blend", "merino wool blend"),
        sizes="sml",
        attrs={"cushioning": ("light", "medium")},
        features=(
            "a seamless toe", "a heel tab that prevents rubbing", "arch compression",
            "mesh vent zones",
        ),
        uses=("daily runs", "race day", "hot summer runs"),
        likes=(
            "No blisters after a full marathon.",
            "They stay in place without slipping down into my shoe.",
            "Wash well and keep their shape.",
        ),
        dislikes=(
            "Thinner than expected.",
            "A hole in the big toe after two months.",
            "The sizing runs large.",
        ),
    ),
)

# --- Toys & Games ------------------------------------------------------------------------

TOYS_GAMES = (
    Line(
        path="Toys & Games > Building Sets", code="TOY-BLD", count=6, brands="toys",
        names=("{brand} {model} Building Set", "{brand} {model} Magnetic Tile Set"),
        models=("Space Station", "Harbour Town", "Dinosaur Valley", "Fire Rescue", "Castle Keep",
                "Race Track", "Treehouse"),
        noun="construction toy", price=(14, 129),
        audiences=("kids",), colours=("multicolour",),
        materials=("ABS plastic",),
        attrs={"age_range": ("4-7", "6-9", "8-12"), "giftable": (True,)},
        price_attrs={"pieces": (60, 150, 320, 650, 1100)},
        features=(
            "illustrated step-by-step instructions", "pieces that work with other sets",
            "a storage box", "moving parts that work once built",
        ),
        uses=("birthday gifts", "rainy afternoons", "building together as a family"),
        likes=(
            "Kept my seven-year-old busy for a whole weekend.",
            "The instructions are clear enough for him to follow alone.",
            "Pieces click together firmly and do not fall apart in play.",
        ),
        dislikes=(
            "One bag of pieces was missing; support sent it quickly though.",
            "The stickers are fiddly to apply.",
            "Smaller than the box photo suggests.",
        ),
    ),
    Line(
        path="Toys & Games > Board Games", code="TOY-BRD", count=6, brands="games",
        names=(
            "{brand} {model} Strategy Board Game",
            "{brand} {model} Family Party Game",
            "{brand} {model} Cooperative Board Game",
        ),
        models=("Saltwater Traders", "Orchard Rush", "Skyport", "Word Weasel", "Moonlit Manor",
                "Beehive Builders", "Lantern Festival"),
        noun="board game", price=(19, 59),
        audiences=("unisex",),
        materials=("cardboard and wooden components",),
        attrs={"players": ("2-4", "2-5", "3-6"), "play_minutes": (20, 30, 45, 60),
               "age_range": ("8+", "10+", "12+"), "giftable": (True,)},
        features=(
            "rules you can learn in ten minutes", "chunky wooden pieces",
            "beautiful illustrated cards", "an insert that keeps everything organised",
        ),
        uses=("family game nights", "gifting", "rainy holidays"),
        likes=(
            "Easy enough for my kids, interesting enough for the adults.",
            "The components are gorgeous.",
            "We played it three times in a row on the first night.",
        ),
        dislikes=(
            "The rulebook is confusing in places.",
            "Setup takes longer than the game.",
            "Not much replay value after a dozen games.",
        ),
    ),
    Line(
        path="Toys & Games > Puzzles", code="TOY-PZL", count=4, brands="games",
        names=("{brand} {model} Jigsaw Puzzle",),
        models=("Alpine Village", "Coral Reef", "Night Market", "Botanical Garden",
                "Vintage Bookshop"),
        noun="jigsaw puzzle", price=(12, 34),
        audiences=("unisex",), colours=("multicolour",),
        materials=("recycled board",),
        attrs={"age_range": ("12+",), "giftable": (True,)},
        price_attrs={"pieces": (500, 1000, 1500)},
        features=(
            "precisely cut, snug-fitting pieces", "a poster of the image",
            "a glare-free matte finish", "a sturdy box",
        ),
        uses=("quiet evenings", "holiday gifts", "family tables over the holidays"),
        likes=(
            "The pieces fit snugly with a satisfying click.",
            "No glare even under my reading lamp.",
            "A lovely image with lots of detail to work through.",
        ),
        dislikes=(
            "Lots of pieces with nearly identical sky.",
            "A few pieces had fuzzy edges.",
            "The box lid does not show the full image.",
        ),
    ),
    Line(
        path="Toys & Games > Plush Toys", code="TOY-PLS", count=5, brands="toys",
        names=("{brand} {model} Plush Toy",),
        models=("Pip the Penguin", "Bramble Bear", "Luna the Lamb", "Otis Otter", "Fern the Fox",
                "Basil Bunny"),
        noun="soft toy", price=(12, 39),
        audiences=("kids",),
        materials=("recycled polyester plush",),
        attrs={"age_range": ("0+", "3+"), "machine_washable": (True,), "giftable": (True,)},
        price_attrs={"height_cm": (20, 30, 40)},
        features=(
            "embroidered eyes that are safe for babies", "super-soft fur",
            "a weighted base so it sits up", "a hang tag ready for gifting",
        ),
        uses=("bedtime cuddles", "baby showers", "birthday gifts"),
        likes=(
            "So soft; my daughter will not sleep without it.",
            "Survived the washing machine with no matting.",
            "Embroidered eyes mean no small parts to worry about.",
        ),
        dislikes=(
            "Smaller than I expected from the photos.",
            "Sheds a little fluff at first.",
            "The seam on the ear came loose.",
        ),
    ),
    Line(
        path="Toys & Games > Outdoor Play", code="TOY-OUT", count=4, brands="toys",
        names=("{brand} {model} Kids' Balance Bike", "{brand} {model} Kids' Three-Wheel Scooter"),
        models=("Zippy", "Rocket", "Pathfinder", "Little Rider"),
        noun="ride-on", price=(49, 129),
        audiences=("kids",), colours=("red", "blue", "pink", "green", "yellow", "purple"),
        materials=("steel frame with rubber grips", "aluminium frame with rubber grips"),
        attrs={"age_range": ("2-5", "3-6"), "adjustable_height": (True,)},
        price_attrs={"max_load_kg": (25, 35, 50)},
        features=(
            "adjustable handlebars that grow with your child", "puncture-proof tyres",
            "a lean-to-steer design", "a low step-through frame",
        ),
        uses=("trips to the park", "learning balance", "birthday gifts"),
        likes=(
            "My three-year-old was gliding within a week.",
            "Light enough that she can carry it herself.",
            "Assembly took ten minutes.",
        ),
        dislikes=(
            "The bell fell off on day two.",
            "The wheels are loud on pavement.",
            "Handlebar grips slide off.",
        ),
    ),
    Line(
        path="Toys & Games > STEM Kits", code="TOY-STM", count=4, brands="toys",
        names=("{brand} {model} Science Kit", "{brand} {model} Coding Robot Kit"),
        models=("Discovery", "Spark Lab", "Tinker Lab", "Junior Engineer", "Curiosity"),
        noun="STEM kit", price=(24, 79),
        audiences=("kids",), colours=("multicolour",),
        materials=("plastic and electronic components",),
        attrs={"age_range": ("8-12", "10+"), "batteries_included": (True, False),
               "giftable": (True,)},
        features=(
            "a full-colour experiment guide", "reusable components",
            "screen-free coding cards", "a companion video for each project",
        ),
        uses=("curious kids", "school holidays", "science fair ideas"),
        likes=(
            "My son understood circuits after one afternoon.",
            "The guide explains the why, not just the how.",
            "Lots of projects in one box.",
        ),
        dislikes=(
            "Needs a lot of adult help for the first projects.",
            "Some components feel cheap.",
            "Batteries drain quickly.",
        ),
    ),
)

# --- Bags & Accessories ------------------------------------------------------------------

SUNGLASSES_LIKES = (
    "No glare off the water at all, and my eyes feel rested after a beach day.",
    "Light enough that I forget they are on my face.",
    "The hinges feel sturdy and they do not slide down my nose.",
    "Look far more expensive than they are.",
)
SUNGLASSES_DISLIKES = (
    "The frame pinches behind my ears after an hour.",
    "The lenses scratched in the first month despite the pouch.",
    "Too wide for a narrow face.",
    "The lenses are darker than I wanted for cloudy days.",
)

BAGS_ACCESSORIES = (
    Line(
        path="Bags & Accessories > Sunglasses", code="BAG-SUN", count=10, brands="eyewear",
        names=(
            "{brand} {model} {aud} Round Sunglasses",
            "{brand} {model} {aud} Classic Square Sunglasses",
            "{brand} {model} {aud} Cat-Eye Sunglasses",
            "{brand} {model} {aud} Aviator Sunglasses",
        ),
        models=("Bondi", "Riviera", "Palm Springs", "Santorini", "Malibu", "Tulum", "Positano",
                "Cassis", "Byron"),
        noun="pair of sunglasses", price=(14, 48),
        audiences=("unisex", "women", "men"),
        colours=("black", "brown", "gold", "pink", "blue", "white", "silver", "beige"),
        materials=("polycarbonate frame and lenses", "metal frame with polycarbonate lenses",
                   "acetate frame with polycarbonate lenses"),
        attrs={"style": ("casual", "classic"), "season": ("summer",),
               "uv_protection": ("UV400",), "polarised": (True, False)},
        features=(
            "UV400 lenses", "spring hinges", "a slim microfibre pouch", "a keyhole bridge",
            "gradient lenses", "adjustable nose pads",
        ),
        uses=("beach holidays", "summer road trips", "sunny café terraces"),
        likes=SUNGLASSES_LIKES, dislikes=SUNGLASSES_DISLIKES,
    ),
    Line(
        path="Bags & Accessories > Sunglasses", code="BAG-SUN", count=7, brands="eyewear",
        names=(
            "{brand} {model} Sport Wrap Sunglasses",
            "{brand} {model} Cycling Sunglasses",
            "{brand} {model} Running Sunglasses",
        ),
        models=("Velocity", "Sprint", "Crosswind", "Peloton", "Tailwind", "Switchback", "Tempo",
                "Slipstream"),
        noun="pair of sport sunglasses", price=(16, 48),
        audiences=("unisex",),
        colours=("black", "white", "red", "blue", "orange", "green", "multicolour"),
        materials=("flexible nylon frame with polycarbonate lenses",
                   "lightweight nylon frame with shatterproof polycarbonate lenses"),
        attrs={"style": ("sporty",), "season": ("summer",), "uv_protection": ("UV400",),
               "polarised": (True, False)},
        price_attrs={"weight_g": (30, 27, 24)},
        features=(
            "a wraparound shield lens", "rubber nose pads that grip when sweaty",
            "vented lenses that resist fogging", "a featherweight frame", "mirrored lenses",
        ),
        uses=("summer runs", "long bike rides", "beach volleyball"),
        likes=(
            "They do not bounce at all on runs.",
            "No fogging even on slow climbs.",
            "The wrap lens blocks wind, so my eyes do not water on descents.",
            "Grippy nose pads keep them put when I am drenched in sweat.",
        ),
        dislikes=(
            "The mirrored coating smudges easily.",
            "A bit too sporty-looking to wear off the bike.",
            "The arms press on my temples under a helmet.",
        ),
    ),
    Line(
        path="Bags & Accessories > Sunglasses", code="BAG-SUN", count=4, brands="eyewear",
        names=(
            "{brand} {model} Polarised Aviator Sunglasses",
            "{brand} {model} Polarised Acetate Sunglasses",
        ),
        models=("Monaco", "Capri", "Havana", "St Tropez"),
        noun="pair of premium sunglasses", price=(79, 189),
        audiences=("unisex", "women", "men"), colours=("black", "brown", "gold", "silver"),
        materials=("hand-polished acetate frame with polarised nylon lenses",
                   "titanium frame with polarised mineral-glass lenses"),
        attrs={"style": ("classic",), "season": ("summer",), "polarised": (True,),
               "uv_protection": ("UV400",)},
        features=(
            "polarised lenses that cut road glare", "five-barrel hinges",
            "a hard case and cleaning cloth", "scratch-resistant lens coating",
        ),
        uses=("driving", "summer holidays", "everyday wear"),
        likes=SUNGLASSES_LIKES, dislikes=SUNGLASSES_DISLIKES,
    ),
    Line(
        path="Bags & Accessories > Sunglasses", code="BAG-SUN", count=3, brands="eyewear",
        names=("{brand} {model} Polarised Performance Sport Sunglasses",),
        models=("Apex", "Ridge", "Breakaway"),
        noun="pair of performance sunglasses", price=(79, 169),
        audiences=("unisex",), colours=("black", "white", "blue"),
        materials=("lightweight nylon frame with polarised polycarbonate lenses",),
        attrs={"style": ("sporty",), "season": ("summer",), "polarised": (True,),
               "uv_protection": ("UV400",), "interchangeable_lenses": (True,)},
        features=(
            "an interchangeable low-light lens", "a vented shield lens", "adjustable arms",
            "a zip case with lens slots",
        ),
        uses=("cycling", "trail running", "sailing"),
        likes=(
            "Swapping to the clear lens for evening rides takes seconds.",
            "Polarisation makes spotting potholes much easier.",
            "Rock solid on the bumpiest gravel.",
        ),
        dislikes=(
            "The lenses fog at traffic lights.",
            "Expensive replacement lenses.",
            "The case is bulky.",
        ),
    ),
    Line(
        path="Bags & Accessories > Backpacks", code="BAG-BPK", count=6, brands="bags",
        names=(
            "{brand} {model} Commuter Laptop Backpack",
            "{brand} {model} Roll-Top Backpack",
            "{brand} {model} Everyday Backpack",
        ),
        models=("Metro", "Transit", "Atlas", "Daybreak", "Errand", "Voyager"),
        noun="backpack", price=(39, 159),
        audiences=("unisex",), colours=("black", "grey", "navy", "green", "brown", "beige"),
        materials=("recycled polyester", "water-resistant recycled nylon",
                   "waxed canvas with leather trim"),
        attrs={"water_resistant": (True,), "laptop_sleeve_in": (15, 16)},
        price_attrs={"capacity_l": (18, 22, 26, 30)},
        features=(
            "a padded laptop sleeve", "a luggage pass-through strap", "a hidden back pocket",
            "padded, breathable shoulder straps", "a side water-bottle pocket",
        ),
        uses=("daily commutes", "weekend trips", "carrying a laptop to class"),
        likes=(
            "Fits my 15-inch laptop, lunch and a jacket with room to spare.",
            "The luggage strap makes airport days easy.",
            "Stays comfortable even when fully loaded.",
        ),
        dislikes=(
            "The bottle pocket is too tight for a big bottle.",
            "The roll-top is slow to get into.",
            "The zips are stiff.",
        ),
    ),
    Line(
        path="Bags & Accessories > Handbags", code="BAG-HND", count=5, brands="bags",
        names=("{brand} {model} Leather Tote Bag", "{brand} {model} Leather Crossbody Bag"),
        models=("Hollis", "Margot", "Juno", "Carmine", "Avery"),
        noun="leather bag", price=(49, 249),
        audiences=("women",), colours=("black", "brown", "beige", "red", "green"),
        materials=("split-grain leather", "pebbled leather", "full-grain vegetable-tanned leather"),
        attrs={"closure": ("zip", "magnetic snap"), "giftable": (True,)},
        features=(
            "an adjustable strap", "an interior zip pocket", "a key leash",
            "protective metal feet", "a cotton dust bag",
        ),
        uses=("work days", "weekend errands", "travel"),
        likes=(
            "The leather smells amazing and is already softening.",
            "Fits a tablet, wallet and water bottle easily.",
            "The strap is long enough to wear crossbody over a coat.",
        ),
        dislikes=(
            "Heavy before you even put anything in it.",
            "Slouches more than the photos show.",
            "The interior lining is thin.",
        ),
    ),
    Line(
        path="Bags & Accessories > Wallets", code="BAG-WAL", count=4, brands="bags",
        names=("{brand} {model} Leather Bifold Wallet", "{brand} {model} Slim Card Holder"),
        models=("Pocketline", "Minimalist", "Fold", "Everyday"),
        noun="wallet", price=(24, 89),
        audiences=("unisex",), colours=("black", "brown", "navy", "green"),
        materials=("pebbled leather", "full-grain vegetable-tanned leather"),
        attrs={"rfid_blocking": (True,), "giftable": (True,)},
        price_attrs={"card_slots": (4, 6, 8)},
        features=(
            "RFID-blocking lining", "a quick-access front slot", "hand-stitched edges",
            "a gift box",
        ),
        uses=("front-pocket carry", "gifts", "travel"),
        likes=(
            "Slim enough for a front pocket.",
            "The leather is developing a lovely patina.",
            "Arrived in a nice gift box.",
        ),
        dislikes=(
            "Tight for cards at first.",
            "No coin pocket.",
            "The stitching frayed on one corner.",
        ),
    ),
    Line(
        path="Bags & Accessories > Hats", code="BAG-HAT", count=4, brands="outerwear",
        names=("{brand} {model} Six-Panel Cap", "{brand} {model} Wide-Brim Sun Hat"),
        models=("Field Day", "Shoreline", "Trailhead", "Sundial"),
        noun="summer hat", price=(19, 44),
        audiences=("unisex",), colours=("beige", "navy", "black", "green", "white"),
        materials=("organic cotton twill", "recycled nylon ripstop"),
        attrs={"season": ("summer",), "adjustable": (True,)},
        price_attrs={"upf": (30, 50)},
        features=(
            "an adjustable strap", "a sweatband", "a packable brim", "a chin cord",
        ),
        uses=("summer hikes", "beach days", "gardening"),
        likes=(
            "Keeps the sun off my neck on long walks.",
            "Packs flat and pops back into shape.",
            "The sweatband works well on hot days.",
        ),
        dislikes=(
            "Blows off in strong wind without the cord.",
            "The brim is floppy.",
            "Runs small.",
        ),
    ),
    Line(
        path="Bags & Accessories > Hats", code="BAG-HAT", count=3, brands="outerwear",
        names=("{brand} {model} Merino Beanie", "{brand} {model} Cable-Knit Beanie"),
        models=("Fjord", "Hearth", "Snowcap"),
        noun="beanie", price=(19, 39),
        audiences=("unisex",), colours=("grey", "navy", "red", "beige", "black", "green"),
        materials=("recycled acrylic-wool blend", "100% merino wool"),
        attrs={"season": ("winter",), "giftable": (True,)},
        features=("a deep turn-up cuff", "a fleece headband lining", "a soft rib knit"),
        uses=("winter walks", "ski trips", "stocking stuffers"),
        likes=(
            "Warm without being itchy.",
            "Deep enough to cover my ears properly.",
            "Kept its shape after a whole winter.",
        ),
        dislikes=(
            "Pills quickly where my collar rubs.",
            "A bit tight on a large head.",
            "The colour is darker in person.",
        ),
    ),
)

# --- Jewellery & Watches -----------------------------------------------------------------

GOLD_MATERIALS = ("gold-plated brass", "14k gold vermeil over sterling silver", "solid 14k gold")
SILVER_MATERIALS = ("silver-plated brass", "sterling silver", "rhodium-plated sterling silver")


def in_metals(line: Line) -> tuple[Line, Line]:
    """Split a jewellery line into gold and silver versions, named and made to match."""

    def version(metal: str, materials: tuple[str, ...]) -> Line:
        names = tuple(name.replace("{model} ", f"{{model}} {metal} ") for name in line.names)
        return replace(line, colours=(metal.lower(),), materials=materials, names=names)

    return version("Gold", GOLD_MATERIALS), version("Silver", SILVER_MATERIALS)


JEWELLERY_WATCHES = (
    *in_metals(Line(
        path="Jewellery & Watches > Necklaces", code="JEW-NCK", count=3, brands="jewellery",
        names=("{brand} {model} Pendant Necklace", "{brand} {model} Layering Chain Necklace"),
        models=("Luna", "Solstice", "Petal", "North Star", "Tidal", "Seed Pearl"),
        noun="necklace", price=(29, 289),
        audiences=("women",),
        attrs={"giftable": (True,), "hypoallergenic": (True,)},
        price_attrs={"chain_length_cm": (40, 45, 50)},
        features=(
            "an adjustable extender chain", "a lobster clasp", "a hand-finished pendant",
            "a gift box with a polishing cloth",
        ),
        uses=("birthday gifts", "everyday layering", "anniversaries"),
        likes=(
            "Delicate and pretty, and it has not tarnished in months.",
            "The extender lets me layer it with my other chains.",
            "Gift box was lovely; my sister was thrilled.",
        ),
        dislikes=(
            "The chain is finer than it looks in the photos.",
            "The clasp is tiny and hard to do up alone.",
            "The pendant flips around when I wear it.",
        ),
    )),
    *in_metals(Line(
        path="Jewellery & Watches > Earrings", code="JEW-EAR", count=3, brands="jewellery",
        names=("{brand} {model} Huggie Hoop Earrings", "{brand} {model} Stud Earrings"),
        models=("Halo", "Dewdrop", "Orbit", "Clover", "Twist"),
        noun="pair of earrings", price=(19, 199),
        audiences=("women",),
        attrs={"giftable": (True,), "hypoallergenic": (True,), "sold_as": ("pair",)},
        features=(
            "secure hinged closures", "nickel-free posts", "a polished finish",
            "a gift box",
        ),
        uses=("everyday wear", "sensitive ears", "gifts"),
        likes=(
            "Comfortable enough to sleep in.",
            "No irritation at all, even with my sensitive ears.",
            "Small but they catch the light beautifully.",
        ),
        dislikes=(
            "The hinge feels a bit loose.",
            "Smaller than I expected.",
            "The backs are tiny and easy to lose.",
        ),
    )),
    *in_metals(Line(
        path="Jewellery & Watches > Bracelets", code="JEW-BRC", count=3, brands="jewellery",
        names=("{brand} {model} Chain Bracelet", "{brand} {model} Bangle Bracelet"),
        models=("Linked", "Serpent", "Ripple", "Sol"),
        noun="bracelet", price=(24, 179),
        audiences=("women", "men"),
        attrs={"giftable": (True,), "adjustable": (True,)},
        features=(
            "an adjustable slider clasp", "a solid, weighty feel", "a high-polish finish",
            "a gift pouch",
        ),
        uses=("stacking", "anniversary gifts", "everyday wear"),
        likes=(
            "Looks great stacked with my watch.",
            "Sturdier than I expected for the price.",
            "Bought it as a gift and it fit perfectly.",
        ),
        dislikes=(
            "The clasp is fiddly one-handed.",
            "Slightly too big even on the tightest setting.",
            "Scratches show easily on the polished finish.",
        ),
    )),
    Line(
        path="Jewellery & Watches > Watches", code="JEW-WCH", count=5, brands="watches",
        names=("{brand} {model} {aud} Quartz Watch", "{brand} {model} {aud} Minimalist Watch"),
        models=("Meridian", "Harbour", "Field", "Bauhaus", "Sundial"),
        noun="quartz watch", price=(79, 219),
        audiences=("men", "women", "unisex"), colours=("black", "white", "blue", "green", "silver"),
        materials=("stainless steel case with leather strap",
                   "stainless steel case and bracelet"),
        attrs={"movement": ("quartz",), "water_resistance": ("5 ATM", "10 ATM"),
               "giftable": (True,)},
        price_attrs={"case_mm": (36, 38, 40)},
        features=(
            "a sapphire-coated crystal", "a quick-release strap", "a date window",
            "luminous hands",
        ),
        uses=("the office", "gifting", "everyday wear"),
        likes=(
            "Clean dial that is easy to read at a glance.",
            "The quick-release strap lets me swap looks in seconds.",
            "Looks much more expensive than it was.",
        ),
        dislikes=(
            "The lume fades within an hour.",
            "The leather strap was stiff for weeks.",
            "The ticking is audible at night.",
        ),
    ),
    Line(
        path="Jewellery & Watches > Watches", code="JEW-WCH", count=3, brands="watches",
        names=("{brand} {model} Automatic Watch", "{brand} {model} Automatic Dive Watch"),
        models=("Mariner", "Longitude", "Deep Blue"),
        noun="automatic watch", price=(249, 549),
        audiences=("unisex",), colours=("black", "blue", "green"),
        materials=("stainless steel case with sapphire crystal",
                   "titanium case with sapphire crystal"),
        attrs={"movement": ("automatic",), "water_resistance": ("10 ATM", "20 ATM"),
               "giftable": (True,)},
        price_attrs={"power_reserve_hours": (40, 42, 80)},
        features=(
            "an exhibition caseback", "a screw-down crown", "a unidirectional bezel",
            "a brushed and polished finish",
        ),
        uses=("milestone gifts", "everyday wear", "swimming"),
        likes=(
            "Keeps time within a few seconds a day.",
            "Watching the movement through the caseback never gets old.",
            "The bezel action is crisp with no play.",
        ),
        dislikes=(
            "Stops overnight if I do not wear it for a day.",
            "Thick and catches on shirt cuffs.",
            "The bracelet is hard to size without tools.",
        ),
    ),
)

# --- Office ------------------------------------------------------------------------------

OFFICE = (
    Line(
        path="Office > Desk Chairs", code="OFF-CHR", count=4, brands="office",
        names=("{brand} {model} Ergonomic Mesh Office Chair", "{brand} {model} Task Chair"),
        models=("Posture One", "Backbone", "Flexion", "Atlas", "Workday"),
        noun="office chair", price=(179, 599),
        colours=("black", "grey", "white", "blue"),
        materials=("nylon base with mesh back", "aluminium base with mesh back and foam seat"),
        attrs={"adjustable_lumbar": (True,), "armrests": ("3D", "4D")},
        price_attrs={"warranty_years": (5, 7, 12), "max_load_kg": (120, 136, 150)},
        features=(
            "adjustable lumbar support", "a seat-depth slider", "a tilt lock with tension control",
            "a breathable mesh back", "smooth-rolling carpet casters",
        ),
        uses=("long work-from-home days", "gaming marathons", "a home office upgrade"),
        likes=(
            "My lower back pain after long days is gone.",
            "The mesh keeps me cool in summer.",
            "Assembly took about twenty minutes with clear instructions.",
        ),
        dislikes=(
            "The armrests wobble slightly.",
            "The seat is firm for the first couple of weeks.",
            "Squeaks when reclining.",
        ),
    ),
    Line(
        path="Office > Desks", code="OFF-DSK", count=3, brands="office",
        names=("{brand} {model} Electric Standing Desk",),
        models=("Rise", "Elevate", "Summit Duo", "Liftline"),
        noun="standing desk", price=(279, 699),
        colours=("black", "white", "brown"),
        materials=("steel frame with laminate top", "dual-motor steel frame with bamboo top",
                   "dual-motor steel frame with solid oak top"),
        attrs={"memory_presets": (4,), "anti_collision": (True,)},
        price_attrs={"width_cm": (120, 140, 160)},
        features=(
            "programmable height presets", "a quiet motor", "a cable tray",
            "anti-collision sensing",
        ),
        uses=("home offices", "standing through afternoon slumps", "dual-monitor setups"),
        likes=(
            "Goes from sitting to standing in about fifteen seconds.",
            "Rock solid at standing height, no wobble while typing.",
            "The presets mean I actually use it.",
        ),
        dislikes=(
            "Heavy and awkward to assemble alone.",
            "The control panel is easy to bump.",
            "Some wobble at full height.",
        ),
    ),
    Line(
        path="Office > Notebooks & Paper", code="OFF-NTB", count=5, brands="stationery",
        names=("{brand} {model} A5 Dot Grid Notebook", "{brand} {model} Hardcover Lined Journal"),
        models=("Fieldnotes", "Margin", "Daily Ledger", "Studio Notes", "Quiet Hours"),
        noun="notebook", price=(7, 29),
        colours=("black", "navy", "green", "red", "beige", "yellow"),
        materials=("recycled paper with card cover", "100 gsm acid-free paper with cloth cover",
                   "120 gsm fountain-pen-friendly paper with vegan leather cover"),
        attrs={"lay_flat": (True,), "giftable": (True,)},
        price_attrs={"pages": (96, 160, 192, 240)},
        features=(
            "numbered pages with an index", "an elastic closure", "two ribbon markers",
            "an expandable back pocket",
        ),
        uses=("bullet journalling", "meeting notes", "sketching"),
        likes=(
            "No bleed-through even with my fountain pen.",
            "Lies completely flat, which is great for writing.",
            "The index and page numbers keep me organised.",
        ),
        dislikes=(
            "The elastic stretched out quickly.",
            "The cover scuffs easily.",
            "Fewer pages than I expected.",
        ),
    ),
    Line(
        path="Office > Pens", code="OFF-PEN", count=3, brands="stationery",
        names=("{brand} {model} Gel Pen 12-Pack", "{brand} {model} Fine-Liner Set"),
        models=("Smooth Glide", "Inkline", "Daily Write"),
        noun="pen set", price=(6, 18),
        colours=("multicolour", "black", "blue"),
        materials=("recycled plastic barrels",),
        attrs={"tip_mm": (0.5, 0.7), "refillable": (False,)},
        features=("quick-drying ink", "a comfortable grip", "smudge-resistant ink"),
        uses=("note-taking", "colour-coding planners", "school"),
        likes=(
            "Writes smoothly with no skipping.",
            "Dries fast, so no smudges for left-handers.",
            "Great range of colours.",
        ),
        dislikes=(
            "Run out quickly.",
            "The caps crack easily.",
            "Some colours are too pale to read.",
        ),
    ),
    Line(
        path="Office > Pens", code="OFF-PEN", count=3, brands="stationery",
        names=("{brand} {model} Fountain Pen",),
        models=("Heritage", "Scribe", "Calligraph", "Nib & Co"),
        noun="fountain pen", price=(29, 89),
        colours=("black", "navy", "green", "red", "silver"),
        materials=("resin barrel with steel nib", "brass barrel with steel nib"),
        attrs={"nib": ("fine", "medium"), "refillable": (True,), "giftable": (True,)},
        features=(
            "a converter and ink cartridges", "a smooth steel nib", "a screw cap",
            "a gift box",
        ),
        uses=("journalling", "graduation gifts", "signing letters"),
        likes=(
            "Wrote smoothly straight out of the box.",
            "A nice weight in the hand without being heavy.",
            "Lovely gift presentation.",
        ),
        dislikes=(
            "Dried out when I left it unused for a week.",
            "The cap posts loosely.",
            "A touch scratchy on cheap paper.",
        ),
    ),
    Line(
        path="Office > Desk Lamps", code="OFF-LMP", count=4, brands="office",
        names=("{brand} {model} LED Desk Lamp", "{brand} {model} Architect Desk Lamp"),
        models=("Focus", "Halo", "Arc", "Nightshift", "Lumen"),
        noun="desk lamp", price=(29, 129),
        colours=("black", "white", "grey", "gold"),
        materials=("ABS plastic and aluminium", "powder-coated steel"),
        attrs={"dimmable": (True,), "usb_port": (True, False)},
        price_attrs={"colour_temperatures": (3, 5, 5)},
        features=(
            "adjustable colour temperature", "a flicker-free LED", "a weighted base",
            "an auto-off timer",
        ),
        uses=("late-night study", "home offices", "reading"),
        likes=(
            "Even, flicker-free light that is easy on my eyes.",
            "The arm stays exactly where I put it.",
            "Warm mode is perfect for reading in the evening.",
        ),
        dislikes=(
            "Touch controls are too sensitive.",
            "The base takes up a lot of desk space.",
            "Not bright enough for detailed craft work.",
        ),
    ),
    Line(
        path="Office > Desk Accessories", code="OFF-ACC", count=3, brands="office",
        names=("{brand} {model} Monitor Stand with Drawer", "{brand} {model} Desk Organiser"),
        models=("Tidy", "Riser", "Workbench"),
        noun="desk organiser", price=(24, 69),
        colours=("brown",),
        materials=("bamboo", "solid walnut"),
        attrs={"assembly_required": (False,)},
        features=(
            "a pull-out drawer", "a phone slot", "cable pass-throughs", "non-slip feet",
        ),
        uses=("tidying a small desk", "raising a monitor to eye level", "home offices"),
        likes=(
            "My desk finally looks organised.",
            "Raised my monitor to exactly the right height.",
            "Sturdy and nicely finished.",
        ),
        dislikes=(
            "The drawer sticks a little.",
            "Smaller than I imagined.",
            "Scratched during delivery.",
        ),
    ),
)

# --- Pet Supplies ------------------------------------------------------------------------

PET_SUPPLIES = (
    Line(
        path="Pet Supplies > Dog Beds", code="PET-BED", count=5, brands="pet",
        names=("{brand} {model} Orthopedic Dog Bed", "{brand} {model} Bolster Dog Bed"),
        models=("Snooze", "Den", "Cloud Nine", "Fireside", "Hound Haven"),
        noun="dog bed", price=(39, 149),
        colours=("grey", "brown", "navy", "beige", "green"),
        materials=("egg-crate foam with polyester cover",
                   "memory foam with removable microsuede cover",
                   "memory foam with water-resistant canvas cover"),
        sizes="pet",
        attrs={"machine_washable_cover": (True,), "non_slip_base": (True,)},
        features=(
            "a removable, machine-washable cover", "raised bolsters for head resting",
            "a non-slip base", "a water-resistant liner",
        ),
        uses=("senior dogs", "crates and cars", "dogs that love to curl up"),
        likes=(
            "My old lab gets up much easier in the morning.",
            "The cover survived many washes with no shrinking.",
            "She chose it over the sofa, which says it all.",
        ),
        dislikes=(
            "The foam is thinner than I expected.",
            "The zip is exposed and my puppy chewed it.",
            "Sizes run small, so size up.",
        ),
    ),
    Line(
        path="Pet Supplies > Dog Toys", code="PET-TOY", count=5, brands="pet",
        names=("{brand} {model} Tough Chew Toy", "{brand} {model} Treat Puzzle Toy"),
        models=("Chomper", "Fetch Master", "Busy Bone", "Wag Wild", "Tug Buddy"),
        noun="dog toy", price=(7, 24),
        colours=("red", "blue", "orange", "green", "multicolour"),
        materials=("natural rubber", "food-safe silicone"),
        sizes="sml",
        attrs={"dishwasher_safe": (True, False)},
        features=(
            "a squeaker inside", "treat-dispensing slots", "a floating design for water play",
            "reinforced seams",
        ),
        uses=("heavy chewers", "rainy-day boredom", "puppies"),
        likes=(
            "Kept my border collie busy for a whole hour.",
            "Still in one piece after a month, which is a record here.",
            "Floats, so it is perfect at the lake.",
        ),
        dislikes=(
            "My terrier destroyed it in a day.",
            "The squeaker stopped working within a week.",
            "Too hard for my older dog's teeth.",
        ),
    ),
    Line(
        path="Pet Supplies > Cat Supplies", code="PET-CAT", count=4, brands="pet",
        names=(
            "{brand} {model} Cat Tree with Scratching Posts",
            "{brand} {model} Tall Scratching Post",
        ),
        models=("Purrch", "Lookout", "Kitty Tower", "Clawset"),
        noun="cat scratcher", price=(29, 149),
        colours=("beige", "grey", "white", "brown"),
        materials=("sisal rope and plush-covered board", "sisal rope and solid wood"),
        features=(
            "sisal-wrapped posts", "a hideaway cube", "a dangling pom-pom toy",
            "a wide, stable base",
        ),
        uses=("indoor cats", "saving your sofa", "multi-cat homes"),
        likes=(
            "Both cats abandoned the sofa arm for it.",
            "Stable even when my big tabby launches at it.",
            "The top perch is her favourite nap spot.",
        ),
        dislikes=(
            "Sheds sisal fibres everywhere for the first week.",
            "The assembly screws were stripped.",
            "The plush covering pulls off easily.",
        ),
    ),
    Line(
        path="Pet Supplies > Leashes & Collars", code="PET-LSH", count=5, brands="pet",
        names=("{brand} {model} Reflective Dog Collar", "{brand} {model} Padded Dog Leash"),
        models=("Nightwalk", "Trailhound", "Harbour", "Everyday", "Sprint"),
        noun="walking essential", price=(12, 39),
        colours=("red", "blue", "black", "green", "orange", "pink"),
        materials=("nylon webbing", "recycled polyester webbing with neoprene padding",
                   "waterproof coated webbing"),
        sizes="pet",
        attrs={"reflective": (True,)},
        features=(
            "reflective stitching", "an aluminium buckle", "a padded handle",
            "a sturdy D-ring for tags",
        ),
        uses=("evening walks", "training", "muddy hikes"),
        likes=(
            "Very visible in headlights on night walks.",
            "The padded handle saves my hands when he pulls.",
            "Wipes clean after muddy walks.",
        ),
        dislikes=(
            "The buckle feels plasticky.",
            "The sizing runs large.",
            "The colour faded in the sun.",
        ),
    ),
    Line(
        path="Pet Supplies > Pet Food", code="PET-FOD", count=4, brands="pet",
        names=("{brand} {model} Grain-Free Dry Dog Food", "{brand} {model} Adult Dry Cat Food"),
        models=("Salmon & Sweet Potato", "Chicken & Brown Rice", "Lamb & Pumpkin",
                "Turkey & Cranberry"),
        model_attr="flavour", noun="recipe", price=(19, 79),
        attrs={"life_stage": ("adult",)},
        price_attrs={"bag_kg": (2, 5, 10)},
        features=(
            "real meat as the first ingredient", "a recipe free of artificial colours",
            "added omega-3 for coat health", "a resealable bag",
        ),
        uses=("fussy eaters", "sensitive stomachs", "everyday feeding"),
        likes=(
            "My fussy eater clears her bowl every time.",
            "His coat is noticeably shinier.",
            "No more upset stomach since switching.",
        ),
        dislikes=(
            "The kibble is too big for my small dog.",
            "The resealable strip broke.",
            "Pricey for the bag size.",
        ),
    ),
)

# --- Garden ------------------------------------------------------------------------------

GARDEN = (
    Line(
        path="Garden > Tools", code="GAR-TLS", count=3, brands="garden",
        names=("{brand} {model} Bypass Pruning Shears",),
        models=("Groundwork", "Heirloom", "Orchard", "Rosarian"),
        noun="pair of pruning shears", price=(14, 59),
        materials=("carbon steel blades with plastic handles",
                   "forged stainless steel blades with aluminium handles"),
        attrs={"max_cut_mm": (20, 22, 25), "giftable": (True,)},
        features=(
            "ergonomic non-slip grips", "a locking catch",
            "a sap groove that keeps the blades clean", "a replaceable spring",
        ),
        uses=("pruning roses", "shaping shrubs", "harvesting herbs"),
        likes=(
            "Cuts branches cleanly without crushing them.",
            "The lock is easy to work with one hand.",
            "Stayed sharp through a whole season of rose pruning.",
        ),
        dislikes=(
            "The spring popped out after a season.",
            "Too big for small hands.",
            "The lock catches when you do not want it to.",
        ),
    ),
    Line(
        path="Garden > Tools", code="GAR-TLS", count=4, brands="garden",
        names=("{brand} {model} Hand Trowel and Fork Set", "{brand} {model} Garden Hand Tool Set"),
        models=("Potting Shed", "Allotment", "Seedling", "Greenhouse", "Kitchen Garden"),
        noun="set of hand tools", price=(12, 49),
        materials=("powder-coated carbon steel with plastic handles",
                   "stainless steel with ash handles", "forged stainless steel with oak handles"),
        attrs={"rust_resistant": (True,), "giftable": (True,)},
        features=(
            "depth markings on the trowel", "hanging loops", "a canvas storage roll",
            "handles shaped for a full grip",
        ),
        uses=("planting bulbs", "container gardening", "weeding raised beds"),
        likes=(
            "Solid enough to lever out stubborn roots.",
            "Comfortable for a whole afternoon of weeding.",
            "The depth markings make bulb planting easy.",
        ),
        dislikes=(
            "The wooden handles need oiling.",
            "The fork tines bent on stony soil.",
            "The storage roll is flimsy.",
        ),
    ),
    Line(
        path="Garden > Planters", code="GAR-PLN", count=5, brands="garden",
        names=(
            "{brand} {model} Round Planter with Saucer",
            "{brand} {model} Tall Cylinder Planter",
        ),
        models=("Terrace", "Windowsill", "Balcony", "Courtyard", "Nook"),
        noun="planter", price=(19, 89),
        colours=("white", "grey", "green", "beige", "black", "blue"),
        materials=("recycled plastic", "glazed ceramic", "fibre-reinforced concrete"),
        attrs={"drainage_hole": (True,), "indoor_outdoor": ("indoor and outdoor",)},
        price_attrs={"diameter_cm": (15, 25, 35)},
        features=(
            "a minimal shape that suits any plant", "a matching saucer",
            "a frost-resistant finish", "a drainage hole with a plug",
        ),
        uses=("herbs on a windowsill", "balcony gardens", "houseplants"),
        likes=(
            "The drainage hole and plug make indoor watering mess-free.",
            "Looks much more expensive than it was.",
            "Heavy enough that my fiddle-leaf fig no longer tips over.",
        ),
        dislikes=(
            "Smaller than I expected from the photos.",
            "The saucer is shallow and overflows.",
            "Arrived with a small chip.",
        ),
    ),
    Line(
        path="Garden > Watering", code="GAR-WTR", count=4, brands="garden",
        names=("{brand} {model} Garden Hose with Spray Nozzle",),
        models=("Flowline", "Rainmaker", "Greenway", "Aqua Coil"),
        noun="watering kit", price=(24, 89),
        colours=("green", "blue", "black"),
        materials=("latex core with fabric cover", "kink-resistant hybrid polymer"),
        attrs={"spray_patterns": (7, 9, 10)},
        price_attrs={"length_m": (15, 23, 30)},
        features=(
            "a multi-pattern spray nozzle", "brass fittings", "a shut-off valve",
            "a lightweight design",
        ),
        uses=("vegetable beds", "washing the car", "summer lawns"),
        likes=(
            "So much lighter than my old rubber hose.",
            "The brass fittings do not leak.",
            "The shower setting is gentle on seedlings.",
        ),
        dislikes=(
            "Started leaking at the connector after a season.",
            "Kinks when not fully extended.",
            "The nozzle feels flimsy.",
        ),
    ),
    Line(
        path="Garden > Outdoor Furniture", code="GAR-FRN", count=4, brands="garden",
        names=(
            "{brand} {model} Folding Bistro Set",
            "{brand} {model} Outdoor Lounge Chair",
        ),
        models=("Lakeside", "Porch", "Terrace", "Sundowner"),
        noun="piece of outdoor furniture", price=(119, 649),
        colours=("brown", "grey", "green", "white", "black"),
        materials=("powder-coated steel", "oiled acacia wood", "all-weather resin wicker"),
        attrs={"weather_resistant": (True,), "assembly_required": (True,)},
        features=(
            "a folding design for winter storage", "weather-resistant cushions",
            "adjustable feet", "UV-stable finish",
        ),
        uses=("small balconies", "morning coffee outside", "summer evenings"),
        likes=(
            "Perfect size for our tiny balcony.",
            "Still looks new after a summer outside.",
            "Folds flat to store in the shed.",
        ),
        dislikes=(
            "The wood needs oiling every spring.",
            "The cushions soak up rain.",
            "Assembly instructions were confusing.",
        ),
    ),
    Line(
        path="Garden > Lighting", code="GAR-LGT", count=4, brands="garden",
        names=("{brand} {model} Solar Path Lights 6-Pack", "{brand} {model} Solar String Lights"),
        models=("Glowworm", "Firefly", "Moonpath", "Starlit"),
        noun="set of solar lights", price=(19, 59),
        colours=("black", "silver", "white"),
        materials=("stainless steel and plastic",),
        attrs={"solar": (True,), "water_resistance": ("IP65",)},
        price_attrs={"runtime_hours": (6, 8, 10)},
        features=(
            "dusk-to-dawn sensors", "warm white LEDs", "stake mounts", "no wiring needed",
        ),
        uses=("garden paths", "patio parties", "lighting up the fence line"),
        likes=(
            "They come on by themselves every evening.",
            "A warm glow rather than harsh blue light.",
            "Installed in five minutes with no wiring.",
        ),
        dislikes=(
            "Dim after a cloudy day.",
            "The stakes snapped in hard soil.",
            "One light stopped working after a month.",
        ),
    ),
)

# --- Baby --------------------------------------------------------------------------------

BABY = (
    Line(
        path="Baby > Strollers", code="BAB-STR", count=4, brands="baby",
        names=("{brand} {model} Compact Travel Stroller", "{brand} {model} All-Terrain Stroller"),
        models=("Voyage", "Wanderer", "Roamer", "Cityhop"),
        noun="stroller", price=(199, 749),
        colours=("black", "grey", "navy", "green", "beige"),
        materials=("aluminium frame with polyester fabric",),
        attrs={"one_hand_fold": (True,), "suitable_from": ("birth", "6 months")},
        price_attrs={"weight_kg": (9, 7.5, 6.5)},
        features=(
            "a one-hand fold", "an extendable UPF 50 canopy", "a large shopping basket",
            "all-wheel suspension",
        ),
        uses=("city errands", "travel", "gravel paths in the park"),
        likes=(
            "Folds with one hand while holding the baby.",
            "Fits in the overhead bin on flights.",
            "Smooth ride even on bumpy pavements.",
        ),
        dislikes=(
            "The basket is hard to reach when the seat is reclined.",
            "The canopy does not extend far enough.",
            "Heavier than expected to lift into the car.",
        ),
    ),
    Line(
        path="Baby > Car Seats", code="BAB-CAR", count=3, brands="baby",
        names=("{brand} {model} Convertible Car Seat", "{brand} {model} Infant Car Seat"),
        models=("Safeguard", "Cocoon", "Guardian"),
        noun="car seat", price=(149, 399),
        colours=("black", "grey", "navy"),
        materials=("steel-reinforced frame with energy-absorbing foam",),
        attrs={"isofix": (True,), "side_impact_protection": (True,)},
        features=(
            "a five-point harness", "a no-rethread headrest", "a machine-washable cover",
            "a level indicator",
        ),
        uses=("daily school runs", "long road trips", "newborns"),
        likes=(
            "Installation was quick and the level indicator gave us confidence.",
            "Our toddler falls asleep in it every drive.",
            "The cover comes off easily for washing.",
        ),
        dislikes=(
            "Very heavy to move between cars.",
            "Takes up a lot of room in a small car.",
            "The buckle is stiff.",
        ),
    ),
    Line(
        path="Baby > Clothing", code="BAB-CLO", count=5, brands="baby",
        names=(
            "{brand} {model} Organic Cotton Bodysuit 5-Pack",
            "{brand} {model} Zip Sleepsuit 3-Pack",
        ),
        models=("Little Days", "Meadow", "Snuggle", "First Steps", "Cloud"),
        noun="baby basics pack", price=(14, 39),
        audiences=("kids",), colours=("white", "beige", "green", "yellow", "blue", "pink"),
        materials=("100% organic cotton",),
        sizes="baby",
        attrs={"giftable": (True,), "machine_washable": (True,)},
        features=(
            "envelope shoulders for easy changes", "nickel-free snaps", "a two-way zip",
            "fold-over mitten cuffs",
        ),
        uses=("newborns", "baby showers", "everyday wear"),
        likes=(
            "The two-way zip makes night changes so much easier.",
            "Super soft and still soft after many washes.",
            "A perfect baby shower gift.",
        ),
        dislikes=(
            "Shrank a little in the first wash.",
            "The snaps are hard to line up.",
            "Runs small for the age range.",
        ),
    ),
    Line(
        path="Baby > Feeding", code="BAB-FED", count=3, brands="baby",
        names=(
            "{brand} {model} Anti-Colic Baby Bottle 3-Pack",
            "{brand} {model} Silicone Suction Plate Set",
        ),
        models=("Easy Latch", "Little Bites", "Sip & Grow"),
        noun="feeding set", price=(14, 34),
        colours=("white", "green", "blue", "pink", "grey"),
        materials=("BPA-free polypropylene", "food-grade silicone"),
        attrs={"dishwasher_safe": (True,), "microwave_safe": (True,)},
        features=(
            "an anti-colic vent", "a strong suction base", "soft spoons in the set",
            "wide necks for easy cleaning",
        ),
        uses=("weaning", "newborn feeding", "daycare bags"),
        likes=(
            "The suction base survives my son's best efforts to throw it.",
            "Noticeably less fussing after feeds.",
            "Easy to clean in the dishwasher.",
        ),
        dislikes=(
            "The teats collapse sometimes.",
            "The suction stops working on textured trays.",
            "Hard to read the measurement lines.",
        ),
    ),
    Line(
        path="Baby > Feeding", code="BAB-FED", count=2, brands="baby",
        names=("{brand} {model} Convertible High Chair",),
        models=("Grow-With-Me", "Table Talk"),
        noun="high chair", price=(79, 249),
        colours=("white", "grey", "brown"),
        materials=("plastic and steel", "beech wood with plastic tray"),
        attrs={"adjustable_height": (True,), "removable_tray": (True,)},
        features=(
            "a removable dishwasher-safe tray", "a five-point harness",
            "an adjustable footrest", "a design that converts to a toddler chair",
        ),
        uses=("weaning", "family dinners", "growing toddlers"),
        likes=(
            "The tray pops off with one hand.",
            "Wipes clean in seconds.",
            "Converts to a chair, so it will last years.",
        ),
        dislikes=(
            "Takes up a lot of floor space.",
            "Food gets stuck in the harness straps.",
            "Assembly took over an hour.",
        ),
    ),
    Line(
        path="Baby > Nursery", code="BAB-NUR", count=3, brands="baby",
        names=(
            "{brand} {model} Video Baby Monitor",
            "{brand} {model} Sound Machine and Night Light",
        ),
        models=("Watchful", "Hush", "Lullaby"),
        noun="nursery gadget", price=(29, 199),
        colours=("white", "grey"),
        materials=("plastic housing",),
        attrs={"night_light": (True, False)},
        features=(
            "white noise and lullaby tracks", "a soft night light", "two-way talk",
            "a room temperature sensor",
        ),
        uses=("naptime", "newborn nights", "travel cots"),
        likes=(
            "Clear picture even in the dark.",
            "The white noise really helps with naps.",
            "Long range, so I can use it in the garden.",
        ),
        dislikes=(
            "The screen battery does not last the night.",
            "The night light is too bright even on low.",
            "The app needs an account.",
        ),
    ),
    Line(
        path="Baby > Toys", code="BAB-TOY", count=3, brands="baby",
        names=(
            "{brand} {model} Wooden Teether and Rattle Set",
            "{brand} {model} Activity Play Gym",
        ),
        models=("Tiny Hands", "Tummy Time", "Sunbeam"),
        noun="baby toy", price=(12, 79),
        audiences=("kids",), colours=("multicolour", "beige", "green"),
        materials=("untreated beech wood and silicone", "organic cotton and wood"),
        attrs={"age_range": ("0-12 months",), "giftable": (True,)},
        features=(
            "smooth, untreated wood", "different textures to explore",
            "hanging toys that can be swapped", "a washable mat",
        ),
        uses=("tummy time", "teething", "baby showers"),
        likes=(
            "Our baby is mesmerised by the hanging toys.",
            "Beautiful natural materials with no plastic smell.",
            "The teether really helped during a rough week.",
        ),
        dislikes=(
            "The mat is thin on hard floors.",
            "Toys fall off the arch easily.",
            "Pricey for what it is.",
        ),
    ),
)

LINES: tuple[Line, ...] = (
    *APPAREL, *SHOES, *ELECTRONICS, *HOME_KITCHEN, *BEAUTY, *SPORTS_OUTDOORS, *TOYS_GAMES,
    *BAGS_ACCESSORIES, *JEWELLERY_WATCHES, *OFFICE, *PET_SUPPLIES, *GARDEN, *BABY,
)

# --- Description and review vocabulary ---------------------------------------------------

OPENERS = (
    "The {name} pairs {f1} with {f2}.",
    "{brand} built this {noun}, the {model}, around {f1} and {f2}.",
    "Meet the {name}, with {f1} and {f2}.",
    "Highlights of the {name} include {f1} and {f2}.",
)
USE_SENTENCES = (
    "It is a dependable pick for {use}.",
    "Customers mostly buy it for {use}.",
    "It was designed with {use} in mind.",
    "A smart choice for {use}.",
)
MATERIAL_SENTENCES = (
    "Materials: {material}.",
    "Construction: {material}.",
    "The spec sheet lists {material}.",
)
COLOUR_SENTENCES = ("Shown here in {colour}.", "This listing is the {colour} colourway.")

# One sentence per attribute worth mentioning; booleans are mentioned only when true.
ATTRIBUTE_SENTENCES = {
    "battery_hours": "Battery life is rated at up to {} hours.",
    "battery_days": "A full charge lasts about {} days.",
    "waterproof": "It is fully waterproof.",
    "water_resistance": "It is rated {} for water resistance.",
    "rated_to_c": "It is rated for temperatures down to {} °C.",
    "waterproof_rating_mm": "The fabric is rated to a {} mm waterproof head.",
    "weight_g": "It weighs about {} g.",
    "drop_mm": "The heel-to-toe drop is {} mm.",
    "capacity_l": "It holds {} litres.",
    "capacity_ml": "It holds {} ml.",
    "burn_hours": "Expect roughly {} hours of burn time.",
    "age_range": "Recommended for ages {}.",
    "players": "It is best with {} players.",
    "play_minutes": "A typical game takes about {} minutes.",
    "pieces": "It comes with {} pieces.",
    "thread_count": "The thread count is {}.",
    "polarised": "The lenses are polarised to cut glare off water and roads.",
    "noise_cancelling": "Active noise cancelling is built in.",
    "screen_in": "The display measures {} inches.",
    "storage_gb": "It comes with {} GB of storage.",
    "upf": "The fabric is rated UPF {}.",
    "lumens": "The beam reaches {} lumens on full power.",
    "front_lumens": "The front light puts out {} lumens.",
    "max_watts": "It supports charging at up to {} W.",
    "warranty_years": "It is backed by a {}-year manufacturer warranty.",
    "giftable": "It arrives ready to give as a gift.",
    "machine_washable": "It is machine washable.",
    "dishwasher_safe": "It is dishwasher safe.",
    "reflective": "Reflective details keep you visible after dark.",
    "bag_kg": "Each bag holds {} kg.",
    "length_m": "It is {} m long.",
    "case_mm": "The case measures {} mm across.",
    "hardness_hrc": "The steel is hardened to {} HRC.",
    "watts": "It runs at {} watts.",
    "size_ml": "It contains {} ml.",
    "runtime_hours": "A sunny day gives about {} hours of light.",
}

PRAISE = (
    "Would buy again.", "Worth every penny.", "Arrived quickly, too.",
    "Already recommended it to friends.",
)
GRIPES = ("Expected better at this price.", "I sent it back.", "Disappointing overall.")
FIRST_NAMES = (
    "Maya", "Liam", "Sofia", "Noah", "Aisha", "Ethan", "Chloe", "Mateo", "Hannah", "Omar",
    "Grace", "Lucas", "Zoe", "Daniel", "Priya", "Ben", "Elena", "Kwame", "Ruth", "Tomás",
    "Yuki", "Isaac", "Nadia", "Sam", "Leah", "Marcus", "Ines", "Owen", "Fatima", "Jonah",
)

# --- Demo shoppers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Taste:
    """Which products a shopper gravitates to (or away from)."""

    paths: tuple[str, ...]  # category prefixes, the most loved first
    audience: str | None = None  # unisex and audience-free items always pass
    colours: tuple[str, ...] = ()  # colour-free items always pass
    max_price: float | None = None

    def rank(self, product: dict[str, Any]) -> int:
        """How central the product is to the taste: the index of its path in paths."""
        return next(i for i, path in enumerate(self.paths) if product["category"].startswith(path))

    def matches(self, product: dict[str, Any]) -> bool:
        return (
            product["category"].startswith(self.paths)
            and (self.audience is None or product["audience"] in (self.audience, "unisex", None))
            and (not self.colours or product["colour"] in (*self.colours, None))
            and (self.max_price is None or product["price"] <= self.max_price)
        )


@dataclass(frozen=True)
class ShopperSpec:
    handle: str
    name: str
    likes: Taste
    dislikes: Taste
    # (status, days ago, a category path per line), oldest first
    orders: tuple[tuple[str, int, tuple[str, ...]], ...]


SHOPPERS = (
    ShopperSpec(
        "alex", "Alex Moreno",
        likes=Taste(("Shoes > Running", "Apparel > Activewear",
                     "Sports & Outdoors > Running Accessories", "Electronics > Wearables"),
                    audience="men", colours=("black", "grey"), max_price=150),
        dislikes=Taste(("Shoes > Running", "Shoes > Sneakers"), audience="men",
                       colours=("white", "yellow", "red")),
        orders=(
            ("delivered", 48, ("Shoes > Running", "Sports & Outdoors > Running Accessories")),
            ("shipped", 3, ("Shoes > Running",)),
        ),
    ),
    ShopperSpec(
        "priya", "Priya Raman",
        likes=Taste(("Home & Kitchen > Knives", "Home & Kitchen > Coffee Makers",
                     "Home & Kitchen > Cookware", "Home & Kitchen > Small Appliances")),
        dislikes=Taste(("Home & Kitchen > Candles", "Home & Kitchen > Bedding")),
        orders=(
            ("delivered", 62, ("Home & Kitchen > Knives", "Home & Kitchen > Cookware")),
            ("returned", 26, ("Home & Kitchen > Small Appliances",)),
            ("placed", 1, ("Home & Kitchen > Coffee Makers",)),
        ),
    ),
    ShopperSpec(
        "sam", "Sam Okafor",
        likes=Taste(("Toys & Games > Building Sets", "Toys & Games > STEM Kits",
                     "Toys & Games > Outdoor Play", "Toys & Games > Plush Toys",
                     "Apparel > Kids", "Shoes > Kids"), max_price=90),
        dislikes=Taste(("Electronics > Tablets",)),
        orders=(
            ("delivered", 21, ("Toys & Games > Building Sets", "Apparel > Kids")),
            ("shipped", 2, ("Toys & Games > STEM Kits", "Shoes > Kids")),
        ),
    ),
    ShopperSpec(
        "kenji", "Kenji Watanabe",
        likes=Taste(("Electronics > Headphones", "Electronics > Wearables",
                     "Electronics > Smart Home", "Electronics > Chargers & Cables",
                     "Electronics > Laptops", "Electronics > Speakers")),
        dislikes=Taste(("Electronics > Headphones",), max_price=40),
        orders=(
            ("delivered", 90, ("Electronics > Laptops",)),
            ("cancelled", 11, ("Electronics > Smart Home",)),
            ("shipped", 4, ("Electronics > Headphones", "Electronics > Chargers & Cables")),
        ),
    ),
    ShopperSpec(
        "maria", "Maria Lindqvist",
        likes=Taste(("Shoes > Hiking", "Apparel > Jackets", "Sports & Outdoors > Camping",
                     "Sports & Outdoors > Water Bottles"), audience="women"),
        dislikes=Taste(("Shoes > Sneakers", "Apparel > Dresses"), audience="women"),
        orders=(
            ("delivered", 120, ("Shoes > Hiking", "Sports & Outdoors > Camping")),
            ("delivered", 33, ("Apparel > Jackets",)),
            ("placed", 0, ("Sports & Outdoors > Water Bottles",)),
        ),
    ),
    ShopperSpec(
        "chloe", "Chloe Martin",
        likes=Taste(("Beauty", "Jewellery & Watches > Necklaces", "Jewellery & Watches > Earrings",
                     "Bags & Accessories > Sunglasses", "Apparel > Dresses"),
                    audience="women", max_price=120),
        dislikes=Taste(("Beauty > Fragrance", "Jewellery & Watches > Watches"), audience="men"),
        orders=(
            ("delivered", 15, ("Beauty > Skincare", "Jewellery & Watches > Earrings")),
            ("placed", 0, ("Bags & Accessories > Sunglasses", "Apparel > Dresses")),
        ),
    ),
    ShopperSpec(
        "dev", "Dev Patel",
        likes=Taste(("Pet Supplies > Dog Beds", "Pet Supplies > Dog Toys",
                     "Pet Supplies > Leashes & Collars", "Pet Supplies > Pet Food", "Garden")),
        dislikes=Taste(("Pet Supplies > Cat Supplies",)),
        orders=(
            ("delivered", 52, ("Pet Supplies > Dog Beds", "Pet Supplies > Pet Food")),
            ("shipped", 1, ("Garden > Tools", "Pet Supplies > Dog Toys")),
        ),
    ),
    ShopperSpec(
        "jordan", "Jordan Reyes",
        likes=Taste(("Office > Desk", "Bags & Accessories > Backpacks",
                     "Electronics > Chargers & Cables")),
        dislikes=Taste(("Office > Notebooks & Paper", "Office > Pens"), max_price=20),
        orders=(
            ("delivered", 70, ("Office > Desk Chairs", "Office > Desk Lamps")),
            ("returned", 35, ("Office > Desks",)),
        ),
    ),
)

CARRIERS = ("UPS", "FedEx", "USPS", "DHL")
TRACKING_FORMATS = {  # '#' is a digit, '@' an upper-case letter
    "UPS": "1Z@@@###03########",
    "FedEx": "############",
    "USPS": "9400##################",
    "DHL": "##########",
}

# --- Building ----------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique(make: Callable[[], str], seen: set[str]) -> str:
    """Call make until it returns a value not yet in seen, and remember it."""
    for _ in range(200):
        value = make()
        if value not in seen:
            seen.add(value)
            return value
    raise ValueError(f"could not make a unique value; last try was {value!r}")


def retail_price(rng: random.Random, low: float, high: float) -> float:
    """A log-uniform price rounded up to a retail ending such as 14.99, 44.95 or 249.99."""
    raw = math.exp(rng.uniform(math.log(low), math.log(high)))
    step = 1 if raw < 20 else 5 if raw < 200 else 10
    ending = 0.01 if step == 1 else rng.choice((0.01, 0.01, 0.05))
    return round(math.ceil(raw / step) * step - ending, 2)


def by_price(options: tuple[Any, ...], price: float, line: Line) -> Any:
    """Pick from options listed cheapest first, by where price falls in the line's range."""
    low, high = line.price
    share = (math.log(price) - math.log(low)) / (math.log(high) - math.log(low))
    return options[min(len(options) - 1, max(0, int(share * len(options))))]


def variants(rng: random.Random, line: Line) -> list[Variant]:
    """(audience, colour, price) for each product of the line."""
    if line.plan:
        rows = list(line.plan)
        rng.shuffle(rows)
        return rows
    return [
        (line.audiences[i % len(line.audiences)], rng.choice(line.colours),
         retail_price(rng, *line.price))
        for i in range(line.count)
    ]


def sizes_for(rng: random.Random, chart_name: str, audience: str | None) -> list[str]:
    """The size run for the audience, sometimes with one size sold out."""
    if chart_name == "none":
        return []
    chart = SIZE_CHARTS[chart_name]
    sizes = list(chart.get(audience or "default") or chart["default"])
    if len(sizes) > 4 and rng.random() < 0.3:
        sizes.remove(rng.choice(sizes))
    return sizes


def brand_for(line: Line, model: str) -> str:
    """The brand that makes a model: model families (first words) take the brands in turn."""
    families = list(dict.fromkeys(m.split()[0] for m in line.models))
    brands = BRANDS[line.brands]
    return brands[families.index(model.split()[0]) % len(brands)]


def pick_name(rng: random.Random, line: Line, audience: str | None,
              seen: set[str]) -> tuple[str, str, str]:
    """Brand, model and a product name that no other product has.

    A model has one brand and one name pattern, so each model appears once per audience.
    """
    for _ in range(200):
        model = rng.choice(line.models)
        brand = brand_for(line, model)
        pattern = line.names[line.models.index(model) % len(line.names)]
        name = pattern.format(brand=brand, model=model, aud=AUDIENCE_LABELS[audience])
        name = " ".join(name.split())
        if name not in seen:
            seen.add(name)
            return brand, model, name
    raise ValueError(f"{line.code}: ran out of unique product names")


def describe(rng: random.Random, line: Line, product: dict[str, Any], model: str) -> str:
    """Two to four sentences: an opener on two features, then use, material, colour or a fact."""
    f1, f2 = rng.sample(line.features, 2)
    opener = rng.choice(OPENERS).format(
        name=product["name"], brand=product["brand"], model=model, noun=line.noun, f1=f1, f2=f2
    )
    extras = [rng.choice(USE_SENTENCES).format(use=rng.choice(line.uses))]
    if product["material"]:
        extras.append(rng.choice(MATERIAL_SENTENCES).format(material=product["material"]))
    if product["colour"]:
        extras.append(rng.choice(COLOUR_SENTENCES).format(colour=product["colour"]))
    attributes = product["attributes"]
    facts = [key for key, value in attributes.items()
             if key in ATTRIBUTE_SENTENCES and value is not False]
    if facts:
        key = rng.choice(facts)
        extras.append(ATTRIBUTE_SENTENCES[key].format(attributes[key]))
    return " ".join([opener, *rng.sample(extras, rng.randint(1, min(3, len(extras))))])


def make_reviews(rng: random.Random, line: Line, rating: float) -> list[dict[str, Any]]:
    """Zero to three reviews whose stars scatter around the product rating."""
    likes, dislikes = rng.sample(line.likes, 3), rng.sample(line.dislikes, 3)
    reviews = []
    for _ in range(rng.choice((0, 1, 2, 2, 3, 3))):
        stars = min(5, max(1, round(rating + rng.gauss(0, 0.9))))
        if stars >= 4:
            text = likes.pop() + (f" {rng.choice(PRAISE)}" if rng.random() < 0.4 else "")
        elif stars == 3:
            text = f"{likes.pop()} {dislikes.pop()}"
        else:
            text = dislikes.pop() + (f" {rng.choice(GRIPES)}" if rng.random() < 0.5 else "")
        author = f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNOPRSTW')}."
        reviews.append({"author": author, "rating": stars, "text": text})
    return reviews


def make_product(rng: random.Random, line: Line, sku: str, variant: Variant,
                 seen: set[str]) -> dict[str, Any]:
    audience, colour, price = variant
    brand, model, name = pick_name(rng, line, audience, seen)
    attributes = {key: rng.choice(options) for key, options in line.attrs.items()}
    attributes |= {key: by_price(options, price, line) for key, options in line.price_attrs.items()}
    if line.model_attr:
        attributes[line.model_attr] = model
    product: dict[str, Any] = {
        "sku": sku, "name": name, "brand": brand, "category": line.path, "price": price,
        "currency": "USD", "colour": colour, "sizes": sizes_for(rng, line.sizes, audience),
        "material": by_price(line.materials, price, line), "audience": audience,
        "attributes": attributes,
    }
    product["description"] = unique(lambda: describe(rng, line, product, model), seen)
    rating = None if rng.random() < 0.05 else round(min(5.0, max(1.0, rng.gauss(4.2, 0.45))), 1)
    reviews = [] if rating is None else make_reviews(rng, line, rating)
    popularity = round(math.exp(rng.uniform(0, math.log(2400))))
    stock = 0 if rng.random() < 0.05 else round(math.exp(rng.uniform(math.log(3), math.log(400))))
    product |= {
        "rating": rating,
        "review_count": 0 if rating is None else max(len(reviews), popularity),
        "stock": stock,
        "image": f"images/{slug(line.path.split(' > ')[0])}.svg",
        "reviews": reviews,
    }
    return product


def build_products(rng: random.Random) -> list[dict[str, Any]]:
    products, counters, seen = [], Counter[str](), set[str]()
    for line in LINES:
        for variant in variants(rng, line):
            counters[line.code] += 1
            sku = f"{line.code}-{counters[line.code]:04d}"
            products.append(make_product(rng, line, sku, variant, seen))
    return products


# --- Shoppers ----------------------------------------------------------------------------

KINDS = ("view", "click", "like", "dislike", "cart", "purchase", "rating")


def event(product: dict[str, Any], kind: str, days_ago: int,
          value: int | None = None) -> dict[str, Any]:
    return {"sku": product["sku"], "kind": kind, "value": value, "days_ago": days_ago}


def tracking_number(rng: random.Random, carrier: str) -> str:
    fill = {"#": string.digits, "@": string.ascii_uppercase}
    return "".join(rng.choice(fill[c]) if c in fill else c for c in TRACKING_FORMATS[carrier])


def make_order(rng: random.Random, status: str, days_ago: int, items: list[dict[str, Any]],
               numbers: set[str]) -> dict[str, Any]:
    """An order whose carrier, tracking and ETA fit its status (ETA is negative once delivered)."""
    carrier = rng.choice(CARRIERS) if status in ("shipped", "delivered", "returned") else None
    if status == "placed":
        eta_days = rng.randint(4, 7)
    elif status == "shipped":
        eta_days = rng.randint(1, 3)
    elif status == "cancelled":
        eta_days = None
    else:
        eta_days = rng.randint(2, 5) - days_ago
    return {
        "number": unique(lambda: f"SA-{rng.randint(100000, 999999)}", numbers),
        "status": status,
        "days_ago": days_ago,
        "carrier": carrier,
        "tracking_number": tracking_number(rng, carrier) if carrier else None,
        "eta_days": eta_days,
        "lines": [
            {"sku": item["sku"], "quantity": 2 if item["price"] < 20 and rng.random() < 0.5 else 1}
            for item in items
        ],
    }


def order_events(rng: random.Random, order: dict[str, Any],
                 items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """View, cart and purchase for each line, then a rating (and dislike) once it has arrived."""
    placed = order["days_ago"]
    events = []
    for item in items:
        events += [event(item, "view", placed + rng.randint(1, 6)), event(item, "cart", placed),
                   event(item, "purchase", placed)]
        if order["status"] == "delivered":
            events.append(event(item, "rating", max(0, -order["eta_days"] - rng.randint(1, 5)),
                                rng.choice((4, 5, 5))))
        elif order["status"] == "returned":
            returned = max(0, -order["eta_days"] - rng.randint(2, 6))
            events += [event(item, "rating", returned, 2), event(item, "dislike", returned)]
    return events


def browse_events(rng: random.Random, liked: list[dict[str, Any]],
                  disliked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Browsing around the shopper's taste: views, a few clicks and likes, an abandoned cart."""
    viewed = liked[: rng.randint(4, 6)]
    events = [event(item, "view", rng.randint(0, 45)) for item in viewed]
    for kind, count in (("click", 2), ("like", 2), ("cart", 1)):
        for view in rng.sample(events[: len(viewed)], count):
            events.append({**view, "kind": kind})
    events += [event(item, "dislike", rng.randint(0, 45)) for item in disliked]
    return events


def favourites(rng: random.Random, taste: Taste,
               products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """In-stock products matching the taste, shuffled so its first paths tend to come first."""
    scored = [(taste.rank(p) + 4 * rng.random(), p["sku"], p)
              for p in products if taste.matches(p) and p["stock"] > 0]
    return [p for _, _, p in sorted(scored)]


def make_shopper(rng: random.Random, spec: ShopperSpec, products: list[dict[str, Any]],
                 numbers: set[str]) -> dict[str, Any]:
    disliked = rng.sample([p for p in products if spec.dislikes.matches(p)], 2)
    liked = favourites(rng, spec.likes, [p for p in products if p not in disliked])
    orders, interactions = [], []
    for status, days_ago, paths in spec.orders:
        items = [next(p for p in liked if p["category"].startswith(path)) for path in paths]
        liked = [p for p in liked if p not in items]
        order = make_order(rng, status, days_ago, items, numbers)
        orders.append(order)
        interactions += order_events(rng, order, items)
    interactions += browse_events(rng, liked, disliked)
    interactions.sort(key=lambda e: (-e["days_ago"], KINDS.index(e["kind"]), e["sku"]))
    return {
        "handle": spec.handle,
        "name": spec.name,
        "email": f"{spec.handle}@example.com",
        "interactions": interactions,
        "orders": orders,
    }


def build_shoppers(rng: random.Random, products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    numbers = set[str]()
    return [make_shopper(rng, spec, products, numbers) for spec in SHOPPERS]


def main() -> None:
    rng = random.Random(SEED)
    products = build_products(rng)
    shoppers = build_shoppers(rng, products)
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in products)
    (HERE / "products.jsonl").write_text(lines, encoding="utf-8", newline="\n")
    document = json.dumps({"shoppers": shoppers}, ensure_ascii=False, indent=2) + "\n"
    (HERE / "shoppers.json").write_text(document, encoding="utf-8", newline="\n")
    print(f"wrote {len(products)} products and {len(shoppers)} shoppers to {HERE}")


if __name__ == "__main__":
    main()

"""Pools of believable values: Faker fills small pools once (names, companies, addresses in
the chosen locale), fixed vocabularies name categories and products. Builders pick from the
pools with NumPy, so Faker's speed never limits the row rate."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
from faker import Faker

from sims.errors import SimsError

# Department -> subcategory -> nouns products in it are called.
DEPARTMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Electronics": {
        "Audio": ("Speaker", "Headphones", "Soundbar"),
        "Cables & Adapters": ("Cable", "Adapter", "Hub"),
        "Cameras": ("Camera", "Lens", "Tripod"),
        "Computer Accessories": ("Keyboard", "Mouse", "Webcam"),
        "Power": ("Charger", "Power Bank", "Battery"),
        "Smart Home": ("Smart Plug", "Sensor", "Thermostat"),
    },
    "Home & Kitchen": {
        "Cookware": ("Frying Pan", "Saucepan", "Stock Pot"),
        "Tableware": ("Plate Set", "Bowl", "Mug"),
        "Storage": ("Storage Box", "Jar", "Shelf"),
        "Small Appliances": ("Kettle", "Toaster", "Blender"),
        "Cleaning": ("Mop", "Brush", "Spray Bottle"),
        "Bedding": ("Duvet", "Pillow", "Sheet Set"),
    },
    "Garden": {
        "Garden Tools": ("Spade", "Rake", "Pruner"),
        "Watering": ("Hose", "Watering Can", "Sprinkler"),
        "Planters": ("Planter", "Raised Bed", "Pot"),
        "Outdoor Lighting": ("Solar Light", "Lantern", "String Light"),
        "Garden Furniture": ("Bench", "Deck Chair", "Parasol"),
    },
    "Office": {
        "Paper": ("Notebook", "Copy Paper", "Envelope"),
        "Writing": ("Pen Set", "Marker", "Pencil"),
        "Desk Organisation": ("Desk Tray", "File Folder", "Binder"),
        "Office Furniture": ("Desk Chair", "Monitor Stand", "Footrest"),
        "Printing": ("Toner", "Ink Cartridge", "Label Roll"),
    },
    "Tools & Hardware": {
        "Hand Tools": ("Hammer", "Screwdriver Set", "Wrench"),
        "Power Tools": ("Drill", "Jigsaw", "Sander"),
        "Fasteners": ("Screw Pack", "Wall Plug Set", "Bolt Kit"),
        "Measuring": ("Tape Measure", "Spirit Level", "Laser Meter"),
        "Safety": ("Safety Glasses", "Work Gloves", "Ear Defenders"),
    },
    "Sports & Outdoors": {
        "Fitness": ("Yoga Mat", "Dumbbell", "Resistance Band"),
        "Cycling": ("Bike Light", "Helmet", "Bike Lock"),
        "Camping": ("Tent", "Sleeping Bag", "Camping Stove"),
        "Hiking": ("Backpack", "Water Bottle", "Trekking Pole"),
        "Team Sports": ("Football", "Basketball", "Goal Net"),
    },
    "Health & Beauty": {
        "Skin Care": ("Moisturiser", "Cleanser", "Sun Cream"),
        "Hair Care": ("Shampoo", "Conditioner", "Hair Dryer"),
        "Oral Care": ("Toothbrush", "Toothpaste", "Floss"),
        "First Aid": ("Plaster Pack", "First Aid Kit", "Thermometer"),
    },
    "Toys & Games": {
        "Board Games": ("Board Game", "Card Game", "Puzzle"),
        "Building Sets": ("Building Set", "Construction Kit", "Marble Run"),
        "Outdoor Toys": ("Kite", "Water Pistol", "Skipping Rope"),
        "Dolls & Figures": ("Doll", "Action Figure", "Plush Toy"),
    },
    "Pet Supplies": {
        "Dog": ("Dog Lead", "Dog Bed", "Chew Toy"),
        "Cat": ("Scratching Post", "Cat Litter", "Cat Toy"),
        "Aquarium": ("Fish Tank", "Water Filter", "Aquarium Gravel"),
    },
    "Automotive": {
        "Car Care": ("Car Shampoo", "Wax", "Microfibre Cloth"),
        "Car Accessories": ("Phone Mount", "Seat Cover", "Floor Mat"),
        "Maintenance": ("Engine Oil", "Wiper Blade", "Jump Starter"),
    },
}
# Typical list price (currency units) per department: sets the centre of its price spread.
DEPARTMENT_PRICE = {
    "Electronics": 45.0, "Home & Kitchen": 25.0, "Garden": 30.0, "Office": 9.0,
    "Tools & Hardware": 35.0, "Sports & Outdoors": 30.0, "Health & Beauty": 8.0,
    "Toys & Games": 20.0, "Pet Supplies": 15.0, "Automotive": 18.0,
}  # fmt: skip
ADJECTIVES = (
    "Compact", "Classic", "Deluxe", "Eco", "Essential", "Heavy-Duty", "Lightweight", "Pro",
    "Premium", "Smart", "Ultra", "Travel", "Mini", "Max", "Flex", "Quiet", "Rapid", "Solid",
)  # fmt: skip
MODEL_LETTERS = np.array(list("ABCDEFGHKLMNPRSTVXZ"), dtype=object)
REVIEW_TEXTS = {
    1: ("Delivery far too late and incomplete.", "Wrong items delivered, poor contact."),
    2: ("Late again; had to chase the order.", "Goods arrived but packaging was damaged."),
    3: ("Acceptable, a few days late.", "Order correct, communication slow."),
    4: ("On time and complete.", "Good quality, minor paperwork issues."),
    5: ("Excellent: early, complete, well packed.", "Flawless delivery as always."),
}
ADJUSTMENT_REASONS_OUT = ("damaged in warehouse", "expired stock written off", "lost in warehouse")
ADJUSTMENT_REASONS_IN = ("found during stocktake", "stocktake correction")
FOREIGN_COUNTRIES = np.array(["CN", "DE", "US", "IT", "PL", "VN", "NL", "FR", "ES", "TR"])

_UNSAFE = re.compile(r"[\t\n\r\\]+")


def clean(text: str, limit: int) -> str:
    """A pool value safe in a tab-separated file (no tabs, newlines or backslashes), cut to
    the column's length."""
    return _UNSAFE.sub(" ", text).strip()[:limit]


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower()) or "x"


def collation_key(text: str) -> str:
    """`text` as utf8mb4_unicode_ci compares it, near enough: case, accents and trailing
    spaces ignored (so "Trub AG" and "Trüb AG" are the same name to a unique key)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold().rstrip()


def _unique(values: list[str]) -> np.ndarray:
    pool = np.array(list(dict.fromkeys(values)), dtype=object)
    pool.flags.writeable = False  # pools are cached and shared between runs
    return pool


@dataclass(frozen=True)
class Pools:
    """Faker-made values for one locale and seed, as object arrays to index with NumPy."""

    country_code: str
    first_names: np.ndarray
    last_names: np.ndarray
    companies: np.ndarray
    streets: np.ndarray
    cities: np.ndarray
    postcodes: np.ndarray
    phones: np.ndarray
    domains: np.ndarray
    free_domains: np.ndarray
    sentences: np.ndarray

    @classmethod
    @cache  # Faker is the slow part of a small load; the pools are never modified
    def build(cls, locale: str, seed: int) -> Pools:
        fake = Faker(locale)  # Settings has checked that Faker knows the locale
        fake.seed_instance(seed)
        country = _country_code(fake, locale)

        def pool(method: str, size: int, limit: int) -> np.ndarray:
            make = getattr(fake, method)
            return _unique([clean(make(), limit) for _ in range(size)])

        return cls(
            country_code=country,
            first_names=pool("first_name", 300, 60),
            last_names=pool("last_name", 300, 60),
            companies=pool("company", 600, 120),
            streets=pool("street_address", 600, 200),
            cities=pool("city", 250, 100),
            postcodes=pool("postcode", 500, 20),
            phones=pool("phone_number", 400, 40),
            domains=pool("domain_name", 80, 60),
            free_domains=pool("free_email_domain", 30, 60),
            sentences=pool("sentence", 200, 300),
        )


def _country_code(fake: Faker, locale: str) -> str:
    try:
        code = fake.current_country_code()
    except (AttributeError, ValueError):
        code = locale.rpartition("_")[2]
    if not re.fullmatch(r"[A-Z]{2}", code or ""):
        raise SimsError(f"cannot tell the country of Faker locale {locale!r}")
    return code

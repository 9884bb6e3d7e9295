"""Reference data: categories, warehouses, suppliers, products with skewed popularity,
supplier offers (prices and lead times differ by supplier) and customers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generate import columns as col
from generate.columns import Table
from generate.pools import (
    ADJECTIVES,
    DEPARTMENT_PRICE,
    DEPARTMENTS,
    FOREIGN_COUNTRIES,
    MODEL_LETTERS,
    Pools,
    collation_key,
    slug,
)
from generate.settings import DAY, HOUR, Settings

POPULARITY_EXPONENT = 1.07  # Zipf: the product of rank r sells about 1 / r**1.07 as much
DISCONTINUED_SHARE = 0.02


@dataclass
class Catalog:
    """Everything later builders need to know about the reference data (index = id - 1)."""

    product_price: np.ndarray  # list price in cents
    product_weight: np.ndarray  # probability that an order line is for the product
    discontinued: np.ndarray  # bool
    warehouse_weight: np.ndarray
    supplier_late_rate: np.ndarray  # share of deliveries that arrive late
    supplier_active: np.ndarray  # bool: still ordered from
    offer_product: np.ndarray  # offers sorted by product, then supplier
    offer_supplier: np.ndarray
    offer_cost: np.ndarray  # cents
    offer_lead_days: np.ndarray
    offer_min_qty: np.ndarray
    offer_multiple: np.ndarray
    offer_first: np.ndarray  # per product: index of its first offer
    offer_count: np.ndarray  # per product: how many offers
    preferred_offer: np.ndarray  # per product: index of the preferred offer
    customer_weight: np.ndarray
    customer_home: np.ndarray  # warehouse index that usually serves the customer
    customer_discount: np.ndarray  # fraction off list price
    customer_payment_days: np.ndarray  # how long the customer usually takes to pay
    tables: list[Table]
    customer_columns: dict  # customer data waiting for created_at (known after sales)

    @property
    def products(self) -> int:
        return self.product_price.size

    @property
    def warehouses(self) -> int:
        return self.warehouse_weight.size

    @property
    def customers(self) -> int:
        return self.customer_weight.size

    @property
    def offers(self) -> int:
        return self.offer_product.size


def build_catalog(settings: Settings, pools: Pools) -> Catalog:
    rng = settings.rng("catalog")
    sizes = settings.sizes
    created = settings.start - 400 * DAY
    category, leaf_department, leaf_ids, leaf_nouns = _categories(settings, sizes.categories)
    warehouse, warehouse_weight = _warehouses(rng, pools, sizes.warehouses, created)
    supplier, supplier_lead, late_rate, price_factor, supplier_departments, supplier_active = (
        _suppliers(rng, pools, sizes.suppliers, created)
    )
    product = _products(rng, pools, sizes.products, leaf_department, leaf_ids, leaf_nouns, created)
    offers = _offers(rng, product, supplier_lead, price_factor, supplier_departments, created)
    customers = _customers(rng, pools, sizes.customers, warehouse_weight)
    return Catalog(
        product_price=product["price"],
        product_weight=product["weight"],
        discontinued=product["discontinued"],
        warehouse_weight=warehouse_weight,
        supplier_late_rate=late_rate,
        supplier_active=supplier_active,
        offer_product=offers["product"],
        offer_supplier=offers["supplier"],
        offer_cost=offers["cost"],
        offer_lead_days=offers["lead"],
        offer_min_qty=offers["min_qty"],
        offer_multiple=offers["multiple"],
        offer_first=offers["first"],
        offer_count=offers["count"],
        preferred_offer=offers["first"],  # the first offer of each product is preferred
        customer_weight=customers["weight"],
        customer_home=customers["home"],
        customer_discount=customers["discount"],
        customer_payment_days=customers["payment_days"],
        tables=[category, warehouse, supplier, product["table"], offers["table"]],
        customer_columns=customers,
    )


def _categories(settings: Settings, wanted: int) -> tuple[Table, np.ndarray, np.ndarray, list]:
    """Departments at the top, their subcategories below; products go in subcategories."""
    rng = settings.rng("categories")
    total_subs = sum(len(subs) for subs in DEPARTMENTS.values())
    wanted = min(wanted, len(DEPARTMENTS) + total_subs)
    departments = list(DEPARTMENTS)[: max(2, min(len(DEPARTMENTS), wanted // 5))]
    queues = [list(DEPARTMENTS[name].items()) for name in departments]
    names, parents, leaf_dept, leaf_ids, leaf_nouns = (
        list(departments),
        [0] * len(departments),
        [],
        [],
        [],
    )
    turn = 0
    while len(names) < wanted and any(queues):
        dept = turn % len(departments)
        turn += 1
        if queues[dept]:
            sub, nouns = queues[dept].pop(0)
            names.append(sub)
            parents.append(dept + 1)
            leaf_dept.append(dept)
            leaf_ids.append(len(names))
            leaf_nouns.append(nouns)
    ids = np.arange(1, len(names) + 1)
    parent = np.array(parents)
    created = settings.start - 500 * DAY + rng.integers(0, 90 * DAY, ids.size)
    description = np.array([f"Products in {name.lower()}" for name in names], dtype=object)
    table = (
        Table("category")
        .add("category_id", col.ints(ids))
        .add("parent_category_id", col.ints(parent, null=parent == 0))
        .add("name", col.texts(names))
        .add("description", col.texts(description))
        .add("created_at", col.timestamps(created))
        .add("updated_at", col.timestamps(created))
    )
    return table, np.array(leaf_dept), np.array(leaf_ids), leaf_nouns


def _warehouses(
    rng: np.random.Generator, pools: Pools, count: int, created: int
) -> tuple[Table, np.ndarray]:
    ids = np.arange(1, count + 1)
    city = rng.permutation(pools.cities)[:count]
    while city.size < count:  # a locale with very few cities
        city = np.append(city, f"Depot {city.size + 1}")
    city = city.astype(object)
    weight = 0.5 + rng.random(count)
    stamp = np.full(count, created)
    table = (
        Table("warehouse")
        .add("warehouse_id", col.ints(ids))
        .add("code", col.texts([f"WH-{i:02d}" for i in ids]))
        .add("name", col.texts([f"{c} Distribution Centre"[:100] for c in city]))
        .add("city", col.texts(city))
        .add("country_code", col.constant(pools.country_code, count))
        .add("is_active", col.constant("1", count))
        .add("created_at", col.timestamps(stamp))
        .add("updated_at", col.timestamps(stamp))
    )
    return table, weight / weight.sum()


def _unique_names(rng: np.random.Generator, pool: np.ndarray, count: int) -> list[str]:
    """`count` names from a pool, distinct as the database's unique key compares them,
    numbered once the pool runs out."""
    by_key: dict[str, str] = {}
    for name in pool:
        by_key.setdefault(collation_key(name), name)
    distinct = np.array(list(by_key.values()), dtype=object)
    names = list(rng.permutation(distinct))
    extra = 2
    while len(names) < count:
        names.extend(f"{name} {extra}" for name in distinct)
        extra += 1
    return names[:count]


def _suppliers(rng: np.random.Generator, pools: Pools, count: int, created: int) -> tuple:
    ids = np.arange(1, count + 1)
    names = _unique_names(rng, pools.companies, count)
    foreign = rng.random(count) < 0.35
    country = np.where(foreign, rng.choice(FOREIGN_COUNTRIES, count), pools.country_code)
    # Suppliers abroad take longer; each has its own reliability and price level.
    lead = np.where(foreign, rng.integers(14, 31, count), rng.integers(2, 11, count))
    late_rate = rng.beta(2.0, 14.0, count)
    price_factor = np.exp(rng.normal(0.0, 0.08, count))
    first = rng.choice(pools.first_names, count)
    last = rng.choice(pools.last_names, count)
    domain = rng.choice(pools.domains, count)
    departments = len(DEPARTMENTS)
    serves = np.zeros((count, departments), dtype=bool)
    serves[ids - 1, rng.integers(0, departments, count)] = True
    second = rng.random(count) < 0.5
    serves[(ids - 1)[second], rng.integers(0, departments, count)[second]] = True
    stamp = created + rng.integers(0, 200 * DAY, count)
    phone = rng.choice(pools.phones, count)
    street = rng.choice(pools.streets, count)
    city = rng.choice(pools.cities, count)
    active = rng.random(count) < 0.95
    table = (
        Table("supplier")
        .add("supplier_id", col.ints(ids))
        .add("name", col.texts(names))
        .add(
            "contact_name", col.texts([f"{f} {s}"[:200] for f, s in zip(first, last, strict=True)])
        )
        .add("email", col.texts([f"orders@{d}" for d in domain]))
        .add("phone", col.texts(phone))
        .add("address_line", col.texts(street))
        .add("city", col.texts(city))
        .add("country_code", col.texts(country))
        .add("is_active", col.ints(active.astype(np.int64)))
        .add("created_at", col.timestamps(stamp))
        .add("updated_at", col.timestamps(stamp))
    )
    return table, lead, late_rate, price_factor, serves, active


def _products(
    rng: np.random.Generator,
    pools: Pools,
    count: int,
    leaf_department: np.ndarray,
    leaf_ids: np.ndarray,
    leaf_nouns: list,
    created: int,
) -> dict:
    ids = np.arange(1, count + 1)
    leaf = rng.integers(0, leaf_ids.size, count)
    department = leaf_department[leaf]
    names = list(DEPARTMENTS)
    base = np.array([DEPARTMENT_PRICE[names[d]] for d in department])
    units = np.maximum(1, np.round(base * np.exp(rng.normal(0.0, 0.7, count))))
    price = units.astype(np.int64) * 100 - 1  # x.99 prices
    rank = rng.permutation(count) + 1
    weight = 1.0 / rank**POPULARITY_EXPONENT
    weight /= weight.sum()
    # Discontinued: a few of the slow sellers.
    slow = np.flatnonzero(rank > count // 2)
    discontinued = np.zeros(count, dtype=bool)
    discontinued[rng.choice(slow, max(1, round(DISCONTINUED_SHARE * count)), replace=False)] = True
    brand = rng.choice(pools.last_names, count)
    adjective = rng.choice(np.array(ADJECTIVES, dtype=object), count)
    noun_pick = rng.integers(0, 3, count)
    model = [
        f"{letter}{number}"
        for letter, number in zip(
            rng.choice(MODEL_LETTERS, count), rng.integers(1, 100, count) * 10, strict=True
        )
    ]
    name = [
        f"{b} {a} {leaf_nouns[lf][n]} {m}"[:200]
        for b, a, lf, n, m in zip(brand, adjective, leaf, noun_pick, model, strict=True)
    ]
    codes = np.array([slug(n)[:3].upper() for n in names], dtype=object)
    sku = [f"{codes[d]}-{i:06d}" for d, i in zip(department, ids, strict=True)]
    no_description = rng.random(count) < 0.4
    stamp = created + rng.integers(0, 300 * DAY, count)
    table = (
        Table("product")
        .add("product_id", col.ints(ids))
        .add("sku", col.texts(sku))
        .add("name", col.texts(name))
        .add("description", col.texts(rng.choice(pools.sentences, count), null=no_description))
        .add("category_id", col.ints(leaf_ids[leaf]))
        .add("unit_price", col.money(price))
        .add("is_discontinued", col.ints(discontinued.astype(np.int64)))
        .add("created_at", col.timestamps(stamp))
        .add("updated_at", col.timestamps(stamp))
    )
    return {
        "table": table,
        "price": price,
        "weight": weight,
        "discontinued": discontinued,
        "department": department,
        "created": stamp,
    }


def _offers(
    rng: np.random.Generator,
    product: dict,
    supplier_lead: np.ndarray,
    price_factor: np.ndarray,
    serves: np.ndarray,
    created: int,
) -> dict:
    """1-3 offers per product from suppliers of its department; the first is preferred."""
    count = product["price"].size
    suppliers = supplier_lead.size
    wanted = rng.choice([1, 2, 3], count, p=[0.5, 0.35, 0.15])
    chosen_product, chosen_supplier = [], []
    for dept in range(serves.shape[1]):
        members = np.flatnonzero(product["department"] == dept)
        if not members.size:
            continue
        candidates = np.flatnonzero(serves[:, dept])
        if not candidates.size:
            candidates = np.arange(suppliers)
        order = np.argsort(rng.random((members.size, candidates.size)), axis=1)
        take = np.minimum(wanted[members], candidates.size)
        for k in range(int(take.max())):
            has = take > k
            chosen_product.append(members[has])
            chosen_supplier.append(candidates[order[has, k]])
    offer_product = np.concatenate(chosen_product)
    offer_supplier = np.concatenate(chosen_supplier)
    rank = np.concatenate([np.full(p.size, k) for k, p in enumerate(chosen_product)])
    by_product = np.lexsort((rank, offer_product))  # preferred (rank 0) first per product
    offer_product, offer_supplier = offer_product[by_product], offer_supplier[by_product]
    offers = offer_product.size
    price = product["price"][offer_product]
    margin = rng.uniform(0.45, 0.7, offers)
    noise = rng.uniform(0.97, 1.05, offers)
    cost = np.maximum(1, np.round(price * margin * price_factor[offer_supplier] * noise))
    lead = np.maximum(1, supplier_lead[offer_supplier] + rng.integers(-1, 4, offers))
    multiple, min_qty = _pack_sizes(rng, price)
    first = np.searchsorted(offer_product, np.arange(count))
    stamp = np.maximum(product["created"][offer_product], created) + rng.integers(
        0, 30 * DAY, offers
    )
    supplier_code = np.array([f"S{s + 1:03d}" for s in range(suppliers)], dtype=object)
    sku = supplier_code[offer_supplier] + np.array(
        [f"-{p + 1:06d}" for p in offer_product.tolist()], dtype=object
    )
    preferred = np.zeros(offers, dtype=np.int64)
    preferred[first] = 1
    table = (
        Table("product_supplier")
        .add("product_id", col.ints(offer_product + 1))
        .add("supplier_id", col.ints(offer_supplier + 1))
        .add("supplier_sku", col.texts(sku))
        .add("unit_cost", col.money(cost.astype(np.int64)))
        .add("lead_time_days", col.ints(lead))
        .add("min_order_qty", col.ints(min_qty))
        .add("order_multiple", col.ints(multiple))
        .add("is_preferred", col.ints(preferred))
        .add("created_at", col.timestamps(stamp))
        .add("updated_at", col.timestamps(stamp))
    )
    return {
        "table": table,
        "product": offer_product,
        "supplier": offer_supplier,
        "cost": cost.astype(np.int64),
        "lead": lead.astype(np.int64),
        "min_qty": min_qty,
        "multiple": multiple,
        "first": first,
        "count": np.bincount(offer_product, minlength=count),
    }


def _pack_sizes(rng: np.random.Generator, price: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cheap goods come in packs and large minimum orders; dear ones one by one."""
    n = price.size
    cheap, dear = price < 1_000, price >= 5_000
    multiple = np.where(
        cheap,
        rng.choice([6, 10, 12, 24], n),
        np.where(dear, 1, rng.choice([1, 1, 2, 5, 6], n)),
    )
    packs = np.where(cheap, rng.choice([1, 2, 4], n), np.where(dear, 1, rng.choice([1, 2, 5], n)))
    min_qty = multiple * packs
    min_qty = np.where(dear, rng.choice([1, 1, 2], n), min_qty)
    return multiple.astype(np.int64), min_qty.astype(np.int64)


def _customers(
    rng: np.random.Generator, pools: Pools, count: int, warehouse_weight: np.ndarray
) -> dict:
    ids = np.arange(1, count + 1)
    company = rng.random(count) < 0.3
    first = rng.choice(pools.first_names, count)
    last = rng.choice(pools.last_names, count)
    firm = rng.choice(pools.companies, count)
    name = np.where(company, firm, first + " " + last)
    local = np.where(company, [slug(f)[:24] for f in firm], [
        f"{slug(f)[:20]}.{slug(s)[:20]}" for f, s in zip(first, last, strict=True)
    ])  # fmt: skip
    domain = np.where(
        company, rng.choice(pools.domains, count), rng.choice(pools.free_domains, count)
    )
    email = [f"{lo}{i}@{d}" for lo, i, d in zip(local, ids, domain, strict=True)]
    foreign = rng.random(count) < 0.05
    country = np.where(foreign, rng.choice(FOREIGN_COUNTRIES, count), pools.country_code)
    return {
        "ids": ids,
        "name": np.array([n[:200] for n in name], dtype=object),
        "email": email,
        "phone": rng.choice(pools.phones, count),
        "no_phone": rng.random(count) < 0.1,
        "street": rng.choice(pools.streets, count),
        "city": rng.choice(pools.cities, count),
        "postcode": rng.choice(pools.postcodes, count),
        "country": country,
        # About a third join during the history, shortly before their first order.
        "recent": rng.random(count) < 0.35,
        "lead_in": rng.integers(HOUR, 60 * DAY, count),
        "tenure": rng.integers(0, 3 * 365 * DAY, count),
        # A few customers buy a lot (Pareto), most rarely.
        "weight": (w := rng.pareto(1.3, count) + 0.05) / w.sum(),
        "home": rng.choice(warehouse_weight.size, count, p=warehouse_weight),
        "discount": rng.choice([0.0, 0.05, 0.10], count, p=[0.8, 0.15, 0.05]),
        "payment_days": rng.choice([14, 30, 60], count, p=[0.2, 0.7, 0.1]),
    }


def customer_table(catalog: Catalog, settings: Settings, first_order: np.ndarray) -> Table:
    """Customers, created some time before their first order (or before the history)."""
    c = catalog.customer_columns
    ordered = first_order > 0
    anchor = np.where(ordered, first_order, settings.end)
    created = np.where(c["recent"] & ordered, anchor - c["lead_in"], settings.start - c["tenure"])
    created = np.minimum(created, anchor - HOUR)
    return (
        Table("customer")
        .add("customer_id", col.ints(c["ids"]))
        .add("name", col.texts(c["name"]))
        .add("email", col.texts(c["email"]))
        .add("phone", col.texts(c["phone"], null=c["no_phone"]))
        .add("address_line", col.texts(c["street"]))
        .add("city", col.texts(c["city"]))
        .add("postal_code", col.texts(c["postcode"]))
        .add("country_code", col.texts(c["country"]))
        .add("created_at", col.timestamps(created))
        .add("updated_at", col.timestamps(created))
    )

"""The runner's commands, one module per area; each module's `register` adds its
sub-commands to the parser, and each command is one call into the package."""

from sims.commands import (
    categories,
    charts,
    cluster,
    customers,
    db,
    docs,
    generate,
    invoices,
    mongo,
    products,
    purchasing,
    queries,
    sales,
    server,
    stock,
    suppliers,
    warehouses,
)

# Add a module here to give the runner its commands.
MODULES = (
    server, db, docs, queries, charts, stock, warehouses, categories, products, customers,
    suppliers, purchasing, sales, invoices, cluster, generate, mongo,
)  # fmt: skip

"""Create the roles for least privilege: analyst, application and migrator.

Why: each account should hold only what its job needs. Analysts read the tables and views
(SELECT) and change nothing; the application changes data only through the procedures,
which check every rule and keep the ledger whole (EXECUTE, and no privilege on any table);
the migrator owns the schema of this one database. The grants live in sql/roles/. Roles
are server-global while databases are not, so the role names derive from the database
name (sims.roles.role_name) and the downgrade drops this database's roles only. Creating
roles needs CREATE ROLE (MySQL) or CREATE USER (MariaDB) and GRANT OPTION on the database.
"""

from sims import migrate, roles

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    roles.create_roles(migrate.target_database())


def downgrade() -> None:
    roles.drop_roles(migrate.target_database())

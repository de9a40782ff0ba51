# One table under many names: case, back quotes, the catalog, aliases, USE, and comments or white space inside the
# name. Every spelling must be read through the filter and masks.

== names/qualified
user: alice
sql: SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice


== names/mixed-case
user: alice
sql: SELECT id, name FROM VAULT.Accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice
control: Iceberg's JDBC catalog matches names with their case, so admin's Spark finds no such table; the gateway may refuse, or read the table it names case-insensitively, filtered and masked

== names/back-quoted-parts
user: alice
sql: SELECT id, name FROM `vault`.`accounts`
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/back-quoted-table
user: alice
sql: SELECT id, phone FROM vault.`accounts`
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice


== names/back-quoted-columns
user: alice
sql: SELECT `id`, `name`, `card` FROM vault.accounts
expect: same-as SELECT `id`, `name`, `card` FROM vault_ref.accounts_alice

== names/catalog-qualified-back-quoted
user: alice
sql: SELECT id, name FROM `lakehouse`.`vault`.`accounts`
expect: same-as SELECT id, name FROM vault_ref.accounts_alice


== names/alias-as
user: alice
sql: SELECT a.id, a.name FROM vault.accounts AS a
expect: same-as SELECT a.id, a.name FROM vault_ref.accounts_alice AS a

== names/alias-back-quoted
user: alice
sql: SELECT `a`.id, `a`.name FROM vault.accounts `a`
expect: same-as SELECT a.id, a.name FROM vault_ref.accounts_alice a

== names/alias-named-like-open-table
user: alice
sql: SELECT ledger.id, ledger.name FROM vault.accounts ledger
expect: same-as SELECT ledger.id, ledger.name FROM vault_ref.accounts_alice ledger

== names/table-qualified-columns
user: alice
sql: SELECT accounts.id, accounts.name FROM vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/catalog-qualified-columns
user: alice
sql: SELECT lakehouse.vault.accounts.name FROM lakehouse.vault.accounts
expect: refused-or-same-as SELECT name FROM vault_ref.accounts_alice

== names/column-aliases-swap-names
user: alice
sql: SELECT name AS id, id AS name FROM vault.accounts
expect: same-as SELECT name AS id, id AS name FROM vault_ref.accounts_alice

== names/table-alias-column-list-names-denied-column
user: alice
sql: SELECT l FROM vault.accounts AS t(a, b, c, d, e, f, g, h, i, j, k, l)
expect: refused

== names/use-upper
user: alice
setup: USE VAULT
sql: SELECT id, name FROM Accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice
control: Iceberg's JDBC catalog matches names with their case, so admin's Spark finds no such table; the gateway may refuse, or read the table it names case-insensitively, filtered and masked

== names/use-namespace
user: alice
setup: USE NAMESPACE vault
sql: SELECT id, card FROM accounts
expect: same-as SELECT id, card FROM vault_ref.accounts_alice

== names/use-then-alias
user: alice
setup: USE vault
sql: SELECT x.id, x.phone FROM accounts x
expect: same-as SELECT x.id, x.phone FROM vault_ref.accounts_alice x

== names/use-twice
user: alice
setup: USE vault_open
setup: USE vault
sql: SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/use-then-denied-column
user: alice
setup: USE vault
sql: SELECT secret FROM accounts
expect: refused

== names/white-space-around-dot
user: alice
sql: SELECT id, name FROM vault . accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/comment-after-dot
user: alice
sql: SELECT id, name FROM vault./**/accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/line-comment-inside-name
user: alice
sql: SELECT id, name FROM vault. -- c{{LF}}accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/lone-cr-inside-name
user: alice
sql: SELECT id, name FROM vault{{CR}}.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/back-quoted-with-spaces
user: alice
sql: SELECT id, name FROM `vault` . `accounts`
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/comment-between-as-and-alias
user: alice
sql: SELECT a.id, a.name FROM vault.accounts AS /* c */ a
expect: same-as SELECT a.id, a.name FROM vault_ref.accounts_alice a

== names/repartition-hint
user: alice
sql: SELECT /*+ REPARTITION(2) */ id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/trailing-semicolon
user: alice
sql: SELECT id, name FROM vault.accounts;
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/parenthesised-table
user: alice
sql: SELECT id, name FROM (vault.accounts)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== names/no-space-before-alias-column
user: alice
sql: SELECT a.id,a.card FROM vault.accounts a WHERE a.id>0
expect: same-as SELECT a.id, a.card FROM vault_ref.accounts_alice a WHERE a.id > 0

== names/table-name-in-string-is-no-read
user: alice
sql: SELECT 'vault.accounts' AS t, id, name FROM vault.ledger
expect: same-as SELECT 'vault.accounts' AS t, id, name FROM vault.ledger
control: the string names the table; only the open table is read

== names/double-quoted-name-is-a-string
user: alice
sql: SELECT "vault.accounts" AS t, id FROM vault.ledger
expect: same-as SELECT 'vault.accounts' AS t, id FROM vault.ledger
control: Spark reads double quotes as a string by default

== names/upper-case
user: alice
sql: SELECT id, name FROM VAULT.ACCOUNTS
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice
control: Iceberg's JDBC catalog matches names with their case, so admin's Spark finds no such table; the gateway may refuse, or read the table it names case-insensitively, filtered and masked

== names/catalog-qualified
user: alice
sql: SELECT id, name FROM lakehouse.vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/use-database
user: alice
setup: USE vault
sql: SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== names/alias-without-as
user: alice
sql: SELECT a.id, a.name FROM vault.accounts a
expect: same-as SELECT a.id, a.name FROM vault_ref.accounts_alice a

# Dynamic SQL: names in strings (IDENTIFIER), SQL variables, EXECUTE IMMEDIATE, scripts and pipe syntax. Failing
# closed is accepted; an answer must be the masked one.

== identifier/table
user: alice
sql: SELECT id, name FROM IDENTIFIER('vault.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/concatenated
user: alice
sql: SELECT id, name FROM IDENTIFIER('vault' || '.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/back-quoted-parts
user: alice
sql: SELECT id, name FROM IDENTIFIER('`vault`.`accounts`')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/catalog-qualified
user: alice
sql: SELECT id, card FROM IDENTIFIER('lakehouse.vault.accounts')
expect: refused-or-same-as SELECT id, card FROM vault_ref.accounts_alice

== identifier/lower-case-keyword
user: alice
sql: SELECT id, name FROM identifier('vault.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/after-use
user: alice
setup: USE vault
sql: SELECT id, name FROM IDENTIFIER('accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/in-join
user: alice
sql: SELECT l.id, a.name FROM vault.ledger l JOIN IDENTIFIER('vault.accounts') a ON a.id = l.account_id
expect: refused-or-same-as SELECT l.id, a.name FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== identifier/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM IDENTIFIER('vault.accounts') WHERE region = 'US')
expect: refused-or-rows

== identifier/star
user: alice
sql: SELECT * FROM IDENTIFIER('vault.accounts')
expect: refused

== identifier/table-statement
user: alice
sql: TABLE IDENTIFIER('vault.accounts')
expect: refused

== identifier/denied-column
user: alice
sql: SELECT IDENTIFIER('secret') FROM vault.accounts
expect: refused

== identifier/denied-column-concatenated-in-where
user: alice
sql: SELECT id FROM vault.accounts WHERE IDENTIFIER('sec' || 'ret') IS NOT NULL
expect: refused

== identifier/locked-table
user: alice
sql: SELECT id FROM IDENTIFIER('vault.locked')
expect: refused

== identifier/metadata-table
user: alice
sql: SELECT * FROM IDENTIFIER('vault.accounts.files')
expect: refused

== identifier/describe-locked
user: alice
sql: DESCRIBE TABLE IDENTIFIER('vault.locked')
expect: refused

== identifier/insert-target
user: alice
setup: CREATE OR REPLACE TABLE vault_open.ident1 (id INT, name STRING) USING iceberg
sql: INSERT INTO IDENTIFIER('vault_open.ident1') SELECT id, name FROM vault.accounts
check: SELECT id, name FROM vault_open.ident1
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/drop-protected
user: alice
sql: DROP TABLE IDENTIFIER('vault.accounts')
expect: refused
destructive: drops the protected table

== variable/table-name-default
user: alice
setup: DECLARE VARIABLE tname STRING DEFAULT 'vault.accounts'
sql: SELECT id, name FROM IDENTIFIER(tname)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== variable/table-name-set-var
user: alice
setup: DECLARE VARIABLE t2 STRING
setup: SET VAR t2 = 'vault.accounts'
sql: SELECT id, name FROM IDENTIFIER(t2)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== variable/table-name-built-in-steps
user: alice
setup: DECLARE t3 STRING DEFAULT 'vault.ac'
setup: SET VARIABLE t3 = t3 || 'counts'
sql: SELECT id, name FROM IDENTIFIER(t3)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== variable/set-from-subquery
user: alice
setup: DECLARE VARIABLE v1 STRING
setup: SET VAR v1 = (SELECT max(name) FROM vault.accounts)
sql: SELECT v1 AS v
expect: refused-or-same-as SELECT max(name) AS v FROM vault_ref.accounts_alice

== variable/set-decimal-from-subquery
user: alice
setup: DECLARE VARIABLE v2 DECIMAL(12,2)
setup: SET VAR v2 = (SELECT max(balance) FROM vault.accounts)
sql: SELECT v2 AS v
expect: refused-or-same-as SELECT max(balance) AS v FROM vault_ref.accounts_alice

== variable/count-from-subquery
user: alice
setup: DECLARE VARIABLE v3 BIGINT
setup: SET VAR v3 = (SELECT count(*) FROM vault.accounts)
sql: SELECT v3 AS v
expect: refused-or-same-as SELECT count(*) AS v FROM vault_ref.accounts_alice

== variable/denied-column
user: alice
setup: DECLARE VARIABLE v4 STRING
setup: SET VAR v4 = (SELECT max(secret) FROM vault.accounts)
sql: SELECT v4 AS v
expect: refused

== variable/locked-table
user: alice
setup: DECLARE VARIABLE v5 BIGINT
setup: SET VAR v5 = (SELECT count(*) FROM vault.locked)
sql: SELECT v5 AS v
expect: refused

== execute/immediate
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM vault.accounts'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-concatenated
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM ' || 'vault.accounts'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-from-variable
user: alice
setup: DECLARE VARIABLE q STRING DEFAULT 'SELECT id, name FROM vault.accounts'
sql: EXECUTE IMMEDIATE q
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-into-variable
user: alice
setup: DECLARE VARIABLE v6 STRING
setup: EXECUTE IMMEDIATE 'SELECT max(name) FROM vault.accounts' INTO v6
sql: SELECT v6 AS v
expect: refused-or-same-as SELECT max(name) AS v FROM vault_ref.accounts_alice

== execute/immediate-with-parameters
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM vault.accounts WHERE id > ?' USING 0
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-named-parameters
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM vault.accounts WHERE region <> :r' USING 'EU' AS r
expect: refused-or-rows

== execute/immediate-denied-column
user: alice
sql: EXECUTE IMMEDIATE 'SELECT secret FROM vault.accounts'
expect: refused

== execute/immediate-star
user: alice
sql: EXECUTE IMMEDIATE 'SELECT * FROM vault.accounts'
expect: refused

== execute/immediate-locked
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id FROM vault.locked'
expect: refused

== execute/immediate-write
user: alice
setup: CREATE OR REPLACE TABLE vault_open.exec1 (id INT, name STRING) USING iceberg
sql: EXECUTE IMMEDIATE 'INSERT INTO vault_open.exec1 SELECT id, name FROM vault.accounts'
check: SELECT id, name FROM vault_open.exec1
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== pipe/from-select
user: alice
sql: FROM vault.accounts |> SELECT id, name
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== pipe/table-select
user: alice
sql: TABLE vault.accounts |> SELECT id, name
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== pipe/where
user: alice
sql: FROM vault.accounts |> WHERE region = 'US' |> SELECT id, name
expect: refused-or-rows

== pipe/aggregate
user: alice
sql: FROM vault.accounts |> AGGREGATE sum(pin) AS s
expect: refused-or-same-as SELECT sum(pin) AS s FROM vault_ref.accounts_alice

== pipe/join
user: alice
sql: FROM vault.ledger |> JOIN vault.accounts ON accounts.id = ledger.account_id |> SELECT ledger.id, accounts.name
expect: refused-or-same-as SELECT ledger.id, a.name FROM vault.ledger JOIN vault_ref.accounts_alice a ON a.id = ledger.account_id

== pipe/extend
user: alice
sql: FROM vault.accounts |> SELECT id, card |> EXTEND upper(card) AS u
expect: refused-or-same-as SELECT id, card, upper(card) AS u FROM vault_ref.accounts_alice

== pipe/after-select-union
user: alice
sql: SELECT id, name FROM vault.ledger |> UNION ALL (SELECT id, name FROM vault.accounts)
expect: refused-or-same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== pipe/star
user: alice
sql: FROM vault.accounts |> SELECT *
expect: refused

== pipe/denied-column
user: alice
sql: FROM vault.accounts |> SELECT id, secret
expect: refused

== pipe/locked-table
user: alice
sql: FROM vault.locked |> SELECT id
expect: refused

== script/compound
user: alice
sql: BEGIN SELECT id, name FROM vault.accounts; END
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== script/with-variable
user: alice
sql: BEGIN DECLARE t STRING DEFAULT 'vault.accounts'; SELECT id, name FROM IDENTIFIER(t); END
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== script/denied-column
user: alice
sql: BEGIN SELECT secret FROM vault.accounts; END
expect: refused

== quoting/double-quoted-identifiers-setting
user: alice
setup: SET spark.sql.ansi.doubleQuotedIdentifiers=true
sql: SELECT "secret" FROM vault.accounts
expect: refused

== quoting/double-quoted-identifiers-by-conf
user: alice
conf: spark.sql.ansi.doubleQuotedIdentifiers=true
sql: SELECT "id", "secret" FROM "vault"."accounts"
expect: refused

== quoting/double-quotes-are-strings
user: alice
sql: SELECT "secret" AS s, id FROM vault.accounts
expect: same-as SELECT 'secret' AS s, id FROM vault_ref.accounts_alice

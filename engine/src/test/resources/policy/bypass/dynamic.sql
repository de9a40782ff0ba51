# Dynamic SQL: names in strings (IDENTIFIER), SQL variables, EXECUTE IMMEDIATE, scripts and pipe syntax. Failing
# closed is accepted; an answer must be the masked one.

== identifier/table
user: alice
sql: SELECT id, name FROM IDENTIFIER('vault.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/back-quoted-parts
user: alice
sql: SELECT id, name FROM IDENTIFIER('`vault`.`accounts`')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/lower-case-keyword
user: alice
sql: SELECT id, name FROM identifier('vault.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== identifier/in-join
user: alice
sql: SELECT l.id, a.name FROM vault.ledger l JOIN IDENTIFIER('vault.accounts') a ON a.id = l.account_id
expect: refused-or-same-as SELECT l.id, a.name FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== identifier/star
user: alice
sql: SELECT * FROM IDENTIFIER('vault.accounts')
expect: refused

== identifier/denied-column
user: alice
sql: SELECT IDENTIFIER('secret') FROM vault.accounts
expect: refused

== identifier/locked-table
user: alice
sql: SELECT id FROM IDENTIFIER('vault.locked')
expect: refused

== identifier/describe-locked
user: alice
sql: DESCRIBE TABLE IDENTIFIER('vault.locked')
expect: refused

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

== variable/table-name-built-in-steps
user: alice
setup: DECLARE t3 STRING DEFAULT 'vault.ac'
setup: SET VARIABLE t3 = t3 || 'counts'
sql: SELECT id, name FROM IDENTIFIER(t3)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== variable/set-decimal-from-subquery
user: alice
setup: DECLARE VARIABLE v2 DECIMAL(12,2)
setup: SET VAR v2 = (SELECT max(balance) FROM vault.accounts)
sql: SELECT v2 AS v
expect: refused-or-same-as SELECT max(balance) AS v FROM vault_ref.accounts_alice

== variable/denied-column
user: alice
setup: DECLARE VARIABLE v4 STRING
setup: SET VAR v4 = (SELECT max(secret) FROM vault.accounts)
sql: SELECT v4 AS v
expect: refused

== execute/immediate
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM vault.accounts'
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-from-variable
user: alice
setup: DECLARE VARIABLE q STRING DEFAULT 'SELECT id, name FROM vault.accounts'
sql: EXECUTE IMMEDIATE q
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-with-parameters
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id, name FROM vault.accounts WHERE id > ?' USING 0
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== execute/immediate-denied-column
user: alice
sql: EXECUTE IMMEDIATE 'SELECT secret FROM vault.accounts'
expect: refused

== execute/immediate-locked
user: alice
sql: EXECUTE IMMEDIATE 'SELECT id FROM vault.locked'
expect: refused

== pipe/from-select
user: alice
sql: FROM vault.accounts |> SELECT id, name
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== pipe/where
user: alice
sql: FROM vault.accounts |> WHERE region = 'US' |> SELECT id, name
expect: refused-or-rows

== pipe/join
user: alice
sql: FROM vault.ledger |> JOIN vault.accounts ON accounts.id = ledger.account_id |> SELECT ledger.id, accounts.name
expect: refused-or-same-as SELECT ledger.id, a.name FROM vault.ledger JOIN vault_ref.accounts_alice a ON a.id = ledger.account_id

== pipe/after-select-union
user: alice
sql: SELECT id, name FROM vault.ledger |> UNION ALL (SELECT id, name FROM vault.accounts)
expect: refused-or-same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== pipe/denied-column
user: alice
sql: FROM vault.accounts |> SELECT id, secret
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

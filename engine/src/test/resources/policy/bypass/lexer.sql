# Places where a lexer other than Spark's reads the text differently, each hiding a table, a column or a comment from
# the analysis while Spark reads it (issue 8, "Read SQL exactly as Spark reads it"), and their neighbours. Placeholders
# {{CR}}, {{LF}} and {{TAB}} stand for a carriage return, a line feed and a tab. Spark nests bracketed comments;
# a backslash does not escape a back quote; // is no comment; r'...' strings are raw; a -- comment ends at a lone
# carriage return and a backslash before a line feed continues it.

== lexer/nested-comment-hides-select-list
user: alice
sql: SELECT 1 AS x /* /* */ -- */ , name FROM vault.accounts
expect: same-as SELECT 1 AS x, name FROM vault_ref.accounts_alice

== lexer/nested-comment-hides-join
user: alice
sql: SELECT l.id, a.name FROM vault.ledger l /* /* */ -- */ JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== lexer/nested-comment-over-lines
user: alice
sql: SELECT 1 AS x /* /* */{{LF}}-- */ , card FROM vault.accounts
expect: same-as SELECT 1 AS x, card FROM vault_ref.accounts_alice

== lexer/nested-comment-inside-name
user: alice
sql: SELECT id, name FROM vault/* /* */ */.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/nested-comment-hides-union
user: alice
sql: SELECT id, name FROM vault.ledger /* /* */ -- */ UNION ALL SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== lexer/nested-comment-hides-denied-column
user: alice
sql: SELECT id /* /* */ -- */ , secret FROM vault.accounts
expect: refused

== lexer/backquote-backslash-swallows-from
user: alice
sql: SELECT name AS `n\`, id FROM vault.accounts -- `
expect: same-as SELECT name AS `n\`, id FROM vault_ref.accounts_alice

== lexer/backquote-backslash-cte-name
user: alice
sql: WITH `c\` AS (SELECT id, name FROM vault.accounts) SELECT * FROM `c\`
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/backquote-backslash-hides-denied-column
user: alice
sql: SELECT 1 AS `x\`, secret FROM vault.accounts -- `
expect: refused

== lexer/double-slash-divides
user: alice
sql: SELECT id //* c */ 1, name FROM vault.accounts
expect: same-as SELECT id / 1, name FROM vault_ref.accounts_alice

== lexer/double-slash-hides-subquery
user: alice
sql: SELECT id, name FROM vault.ledger WHERE id //* */ 1 IN (SELECT id FROM vault.accounts WHERE balance IS NOT NULL)
expect: same-as SELECT id, name FROM vault.ledger WHERE id / 1 IN (SELECT id FROM vault_ref.accounts_alice WHERE balance IS NOT NULL)

== lexer/double-slash-hides-denied-column
user: alice
sql: SELECT id //* */ 1, secret FROM vault.accounts
expect: refused

== lexer/raw-string-backslash-end
user: alice
sql: SELECT r'\', name FROM vault.accounts -- '
expect: same-as SELECT r'\', name FROM vault_ref.accounts_alice

== lexer/raw-string-double-quotes
user: alice
sql: SELECT r"\", name FROM vault.accounts -- "
expect: same-as SELECT r'\', name FROM vault_ref.accounts_alice

== lexer/raw-string-hides-denied-column
user: alice
sql: SELECT r'\', secret FROM vault.accounts -- '
expect: refused

== lexer/escaped-double-quote-string
user: alice
sql: SELECT "\"", name FROM vault.accounts -- "
expect: same-as SELECT '"', name FROM vault_ref.accounts_alice

== lexer/doubled-quote-neighbour
user: alice
sql: SELECT 'it''s' AS q, name FROM vault.accounts
expect: same-as SELECT 'it''s' AS q, name FROM vault_ref.accounts_alice

== lexer/comment-ends-at-cr-lf
user: alice
sql: SELECT 1 AS x -- c{{CR}}{{LF}}, name FROM vault.accounts
expect: same-as SELECT 1 AS x, name FROM vault_ref.accounts_alice

== lexer/lone-cr-line-breaks
user: alice
sql: SELECT id,{{CR}}name{{CR}}FROM{{CR}}vault.accounts{{CR}}WHERE id > 0
expect: same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id > 0

== lexer/lone-cr-then-rewritten-alias
user: alice
sql: SELECT a.id, a.card{{CR}}FROM vault.accounts{{CR}}a{{CR}}WHERE a.id > 0
expect: same-as SELECT a.id, a.card FROM vault_ref.accounts_alice a WHERE a.id > 0

== lexer/backslash-continues-comment-swaps-table
user: alice
sql: SELECT id, name FROM -- x \{{LF}}vault.ledger, {{LF}}vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/backslash-cr-lf-ends-comment
user: alice
sql: SELECT 1 AS x -- c \{{CR}}{{LF}}, name FROM vault.accounts
expect: same-as SELECT 1 AS x, name FROM vault_ref.accounts_alice

== lexer/backslash-continues-comment-hides-shadow
user: alice
setup: USE vault
sql: SELECT id, name FROM accounts -- \{{LF}}AS x WHERE 1 = 0
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/hyphen-comment-after-unqualified
user: alice
setup: USE vault
sql: SELECT id, name FROM accounts--x
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/hyphen-comment-in-join
user: alice
sql: SELECT l.id, a.name FROM vault.ledger--x{{LF}}l JOIN vault.accounts--y{{LF}}a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== lexer/hyphen-comment-after-column
user: alice
sql: SELECT id--1{{LF}}, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/ctas-without-as
user: alice
setup: DROP TABLE IF EXISTS vault_open.noas1
sql: CREATE TABLE vault_open.noas1 SELECT id, name FROM vault.accounts
check: SELECT id, name FROM vault_open.noas1
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/ctas-without-as-tblproperties
user: alice
setup: DROP TABLE IF EXISTS vault_open.noas3
sql: CREATE TABLE vault_open.noas3 USING iceberg TBLPROPERTIES ('format-version' = '2') SELECT id, phone FROM vault.accounts
check: SELECT id, phone FROM vault_open.noas3
expect: same-as SELECT id, phone FROM vault_ref.accounts_alice

== lexer/ctas-without-as-with-cte
user: alice
setup: DROP TABLE IF EXISTS vault_open.noas4
sql: CREATE TABLE vault_open.noas4 WITH a AS (SELECT id, email FROM vault.accounts) SELECT * FROM a
check: SELECT id, email FROM vault_open.noas4
expect: same-as SELECT id, email FROM vault_ref.accounts_alice

== lexer/ctas-without-as-comment-clause
user: alice
setup: DROP TABLE IF EXISTS vault_open.noas5
sql: CREATE TABLE vault_open.noas5 COMMENT 'copy' SELECT id, pin FROM vault.accounts
check: SELECT id, pin FROM vault_open.noas5
expect: same-as SELECT id, pin FROM vault_ref.accounts_alice

== lexer/ctas-without-as-star
user: alice
setup: DROP TABLE IF EXISTS vault_open.noas7
sql: CREATE TABLE vault_open.noas7 SELECT * FROM vault.accounts
expect: refused

== lexer/global-temp-view-over-protected
user: alice
setup: CREATE OR REPLACE GLOBAL TEMPORARY VIEW gv_acc AS SELECT id, name FROM vault.accounts
sql: SELECT id, name FROM global_temp.gv_acc
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/global-temp-view-of-admin-upper
user: alice
sql: SELECT id, name FROM GLOBAL_TEMP.ADMIN_GV
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/case-sensitive-cte
user: alice
setup: SET spark.sql.caseSensitive=true
setup: USE vault
sql: WITH ACCOUNTS AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/case-sensitive-by-session-conf
user: alice
conf: spark.sql.caseSensitive=true
setup: USE vault
sql: WITH ACCOUNTS AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/use-session-catalog-then-quoted-name
user: alice
setup: USE spark_catalog.default
sql: SELECT id, card FROM `lakehouse`.`vault`.`accounts`
expect: refused-or-same-as SELECT id, card FROM vault_ref.accounts_alice

== lexer/use-session-catalog-then-admin-global-view
user: alice
setup: USE spark_catalog.default
sql: SELECT id, name FROM global_temp.admin_gv
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/set-catalog-lakehouse-then-unqualified
user: alice
setup: SET CATALOG lakehouse
setup: USE vault
sql: SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/comment-ends-at-lone-cr
user: alice
sql: SELECT 1 AS x -- c{{CR}}, name FROM vault.accounts
expect: same-as SELECT 1 AS x, name FROM vault_ref.accounts_alice

== lexer/case-sensitive-temp-view
user: alice
setup: SET spark.sql.caseSensitive=true
setup: CREATE OR REPLACE TEMPORARY VIEW ACCOUNTS AS SELECT id, name FROM vault.ledger
setup: USE vault
sql: SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/hyphen-comment-after-table
user: alice
sql: SELECT id, name FROM vault.accounts--x
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== lexer/use-session-catalog-then-lakehouse-name
user: alice
setup: USE spark_catalog.default
sql: SELECT id, name FROM lakehouse.vault.accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

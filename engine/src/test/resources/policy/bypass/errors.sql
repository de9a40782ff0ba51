# Error messages that quote values: they may fail, but only with masked values in the message; and errors as an
# oracle on raw values (a division by zero, an assertion) must not fire on hidden rows or raw values.

== error/cast-masked-card
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(card AS INT) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-masked-name
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(name AS INT) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-masked-phone-to-date
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(phone AS DATE) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-hashed-email-to-decimal
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(email AS DECIMAL(10,2)) FROM vault.accounts WHERE id = 1
expect: refused

== error/cast-in-where
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE id = 2 AND CAST(card AS BIGINT) > 0
expect: refused

== error/cast-of-hidden-row
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(name AS INT) AS n FROM vault.accounts WHERE id = 7770004
expect: rows
admin-fails: the raw values make the statement fail

== error/cast-overflow-of-null-mask
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id, CAST(balance AS TINYINT) AS b FROM vault.accounts
expect: same-as SELECT id, CAST(balance AS TINYINT) AS b FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/to-date-of-masked
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT to_date(card) FROM vault.accounts WHERE id = 1
expect: refused

== error/duplicate-map-key
user: alice
sql: SELECT map(name, 1, name, 2) FROM vault.accounts WHERE id = 1
expect: refused

== error/assert-true-message
user: alice
sql: SELECT assert_true(id < 0, name) FROM vault.accounts WHERE id = 1
expect: refused

== error/assert-true-on-hidden-rows
user: alice
sql: SELECT assert_true(region = 'EU', name) AS a FROM vault.accounts
expect: same-as SELECT assert_true(region = 'EU', name) AS a FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/assert-true-in-join
user: alice
sql: SELECT l.id FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id WHERE assert_true(a.region = 'EU', a.phone) IS NULL
expect: same-as SELECT l.id FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id
admin-fails: the raw values make the statement fail

== error/raise-error-message
user: alice
sql: SELECT raise_error(card) FROM vault.accounts WHERE id = 2
expect: refused

== error/raise-error-on-hidden-rows
user: alice
sql: SELECT CASE WHEN region = 'APAC' THEN raise_error(name) END AS x FROM vault.accounts
expect: same-as SELECT CASE WHEN region = 'APAC' THEN raise_error(name) END AS x FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/raise-error-on-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE CASE WHEN pin > 900000 THEN raise_error('big') ELSE true END
expect: same-as SELECT id FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/division-by-masked-value
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE 1 / (pin - 987000 - 654) > 0
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE 1 / (pin - 987000 - 654) > 0
admin-fails: the raw values make the statement fail

== error/division-on-hidden-row
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE 1 / (pin - 246000 - 813) <> 0
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE pin IS NOT NULL
admin-fails: the raw values make the statement fail

== error/division-by-null-mask
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id, 100 / balance AS q FROM vault.accounts
expect: same-as SELECT id, 100 / balance AS q FROM vault_ref.accounts_alice
admin-fails: the raw values make the statement fail

== error/modulo-by-masked-value
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT id FROM vault.accounts WHERE (pin % (pin - 1234)) IS NOT NULL
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE (pin % (pin - 1234)) IS NOT NULL
admin-fails: the raw values make the statement fail

== error/try-cast-is-no-oracle
user: alice
sql: SELECT id, try_cast(card AS INT) AS c FROM vault.accounts
expect: same-as SELECT id, try_cast(card AS INT) AS c FROM vault_ref.accounts_alice

== error/cast-denied-column
user: alice
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(secret AS INT) FROM vault.accounts
expect: refused

== error/reflect
user: alice
sql: SELECT reflect('java.lang.System', 'getenv', 'PATH') AS v
expect: refused

== error/java-method
user: alice
sql: SELECT java_method('java.lang.System', 'getProperty', 'user.dir') AS v
expect: refused

== error/reflect-over-protected-values
user: alice
sql: SELECT reflect('java.lang.String', 'valueOf', name) AS v FROM vault.accounts
expect: refused

== error/reflect-static-call
user: alice
sql: SELECT reflect('java.util.UUID', 'randomUUID') AS v
expect: refused

== error/reflect-lower-case-in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE (SELECT REFLECT('java.lang.System', 'getenv', 'HOME')) IS NOT NULL
expect: refused

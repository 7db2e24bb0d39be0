-- The window table function examples of Calcite's streaming reference tests (core/src/test/resources/sql/stream.iq):
-- the same ORDERS rows and, in expected/, the same result rows. The watermark is the row time itself (the rows are
-- in order), and the end of the file closes every session.
CREATE SOURCE orders (rowtime TIMESTAMP(3), id INT, product VARCHAR, units INT, WATERMARK FOR rowtime AS rowtime)
  FROM FILES (path = '${case}/orders.csv', format = 'csv', "csv.header" = 'true');

CREATE SINK tumble_named FROM (SELECT * FROM TABLE(TUMBLE(DATA => TABLE orders, TIMECOL => DESCRIPTOR(rowtime),
    SIZE => INTERVAL '1' MINUTE)))
  INTO FILES (path = '${out}/tumble_named.jsonl', format = 'json');
CREATE SINK tumble_table FROM (SELECT * FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE)))
  INTO FILES (path = '${out}/tumble_table.jsonl', format = 'json');
CREATE SINK tumble_query FROM (SELECT * FROM TABLE(TUMBLE((SELECT * FROM orders), DESCRIPTOR(rowtime),
    INTERVAL '1' MINUTE)))
  INTO FILES (path = '${out}/tumble_query.jsonl', format = 'json');
CREATE SINK tumble_offset FROM (SELECT * FROM TABLE(TUMBLE((SELECT * FROM orders), DESCRIPTOR(rowtime),
    INTERVAL '10' MINUTE, INTERVAL '3' MINUTE)))
  INTO FILES (path = '${out}/tumble_offset.jsonl', format = 'json');
-- CALCITE-7410: a derived TIMESTAMP(3) column and a size of 20 minutes 10.525 seconds
CREATE SINK tumble_odd_size FROM (
    WITH s AS (SELECT *, CAST(rowtime AS TIMESTAMP(3)) + INTERVAL '0.5' SECOND AS ts FROM orders)
    SELECT * FROM TABLE(TUMBLE((SELECT * FROM s), DESCRIPTOR(ts), INTERVAL '20:10.525' MINUTE TO SECOND)))
  INTO FILES (path = '${out}/tumble_odd_size.jsonl', format = 'json');

CREATE SINK hop_table FROM (SELECT * FROM TABLE(HOP(TABLE orders, DESCRIPTOR(rowtime), INTERVAL '5' MINUTE,
    INTERVAL '10' MINUTE)))
  INTO FILES (path = '${out}/hop_table.jsonl', format = 'json');
CREATE SINK hop_named FROM (SELECT * FROM TABLE(HOP(DATA => TABLE orders, TIMECOL => DESCRIPTOR(rowtime),
    SLIDE => INTERVAL '5' MINUTE, SIZE => INTERVAL '10' MINUTE)))
  INTO FILES (path = '${out}/hop_named.jsonl', format = 'json');
CREATE SINK hop_offset FROM (SELECT * FROM TABLE(HOP(TABLE orders, DESCRIPTOR(rowtime), INTERVAL '5' MINUTE,
    INTERVAL '10' MINUTE, INTERVAL '2' MINUTE)))
  INTO FILES (path = '${out}/hop_offset.jsonl', format = 'json');
CREATE SINK hop_query FROM (SELECT * FROM TABLE(HOP((SELECT * FROM orders), DESCRIPTOR(rowtime),
    INTERVAL '5' MINUTE, INTERVAL '10' MINUTE)))
  INTO FILES (path = '${out}/hop_query.jsonl', format = 'json');

CREATE SINK session_keyed FROM (SELECT * FROM TABLE(SESSION(TABLE orders, DESCRIPTOR(rowtime), DESCRIPTOR(product),
    INTERVAL '20' MINUTE)))
  INTO FILES (path = '${out}/session_keyed.jsonl', format = 'json');
CREATE SINK session_named FROM (SELECT * FROM TABLE(SESSION(DATA => TABLE orders, TIMECOL => DESCRIPTOR(rowtime),
    KEY => DESCRIPTOR(product), SIZE => INTERVAL '20' MINUTE)))
  INTO FILES (path = '${out}/session_named.jsonl', format = 'json');
CREATE SINK session_query FROM (SELECT * FROM TABLE(SESSION((SELECT * FROM orders), DESCRIPTOR(rowtime),
    DESCRIPTOR(product), INTERVAL '20' MINUTE)))
  INTO FILES (path = '${out}/session_query.jsonl', format = 'json');
-- CALCITE-7682: SESSION without the key descriptor, positional and named
CREATE SINK session_unkeyed FROM (SELECT * FROM TABLE(SESSION(TABLE orders, DESCRIPTOR(rowtime),
    INTERVAL '1' HOUR)))
  INTO FILES (path = '${out}/session_unkeyed.jsonl', format = 'json');
CREATE SINK session_unkeyed_named FROM (SELECT * FROM TABLE(SESSION(DATA => TABLE orders,
    TIMECOL => DESCRIPTOR(rowtime), SIZE => INTERVAL '1' HOUR)))
  INTO FILES (path = '${out}/session_unkeyed_named.jsonl', format = 'json');

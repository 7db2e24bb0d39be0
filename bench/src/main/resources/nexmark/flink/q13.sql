-- q13's side input (key 0..9999, value 'v' || key) as a bounded datagen table — Nexmark's legacy CSV lookup source
-- is gone from Flink 2 — joined as a regular join, which gives the same rows as the lookup join over a static table
CREATE TEMPORARY TABLE side_input (
  key BIGINT,
  `value` AS CONCAT('v', CAST(key AS STRING))
) WITH ('connector' = 'datagen', 'fields.key.kind' = 'sequence', 'fields.key.start' = '0', 'fields.key.end' = '9999');
SELECT B.auction, B.bidder, B.price, B.`dateTime`, S.`value`
FROM bid AS B JOIN side_input AS S ON MOD(B.auction, 10000) = S.key

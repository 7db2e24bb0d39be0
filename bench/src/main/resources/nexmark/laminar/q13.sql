-- q13: bids joined with a bounded side input by auction % 10000 — a lookup join, as in Nexmark. The harness writes
-- the side input (key 0..9999, value 'v' || key) as CSV to ${side_input}; a FILES lookup table holds it in memory.
CREATE LOOKUP TABLE side_input (k BIGINT, v VARCHAR, PRIMARY KEY (k))
  WITH ('connector' = 'files', 'path' = '${side_input}', 'format' = 'csv');
CREATE STREAM q_out AS
  SELECT B.auction, B.bidder, B.price, B.dateTime, S.v
  FROM (SELECT *, PROCTIME() AS p_time FROM bid) AS B
  JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S ON MOD(B.auction, 10000) = S.k

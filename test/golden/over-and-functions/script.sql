-- OVER windows and Flink's string/time functions over one small bid file. (Aggregating a changelog is checked by
-- UpdatingAggregateTest on one core: on several, the interleaving of different upstream keys changes the
-- intermediate rows, though not the final state.)
-- Watermark = max ts - 2 s; row 4 (t=3 s) and row 8 (t=9 s) arrive out of order but on time, so OVER still sees
-- every auction's rows in time order.
CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3), url VARCHAR,
                    WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  FROM FILES (path = '${case}/bids.jsonl', format = 'json');

-- OVER: per auction in time order; a ROWS frame, a RANGE frame, LAG and ROW_NUMBER
CREATE STREAM over_bids AS
  SELECT auction, bidder, price,
         ROW_NUMBER() OVER w AS n,
         LAG(price) OVER w AS prev_price,
         SUM(price) OVER (PARTITION BY auction ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last2,
         MAX(price) OVER (PARTITION BY auction ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW) AS max5s
  FROM bids WINDOW w AS (PARTITION BY auction ORDER BY ts);

-- Nexmark q21/q22-style functions
CREATE STREAM url_parts AS
  SELECT auction, REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) AS channel_id,
         SPLIT_INDEX(url, '/', 3) AS dir1, DATE_FORMAT(ts, 'HH:mm:ss') AS t
  FROM bids WHERE price >= 15;

CREATE SINK over_out FROM over_bids INTO FILES (path = '${out}/over_bids.jsonl', format = 'json');
CREATE SINK url_out FROM url_parts INTO FILES (path = '${out}/url_parts.jsonl', format = 'json');

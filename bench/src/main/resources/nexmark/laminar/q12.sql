CREATE STREAM q12_bids AS SELECT bidder, PROCTIME() AS p_time FROM bid;
CREATE STREAM q_out AS
  SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime, window_end AS endtime
  FROM TABLE(TUMBLE(TABLE q12_bids, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
  GROUP BY bidder, window_start, window_end

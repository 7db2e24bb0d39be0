-- Every window type and EMIT mode over one small bid file with out-of-order and late rows.
-- Watermark = max ts - 2 s. Rows 9 (t=8 s, arrives at watermark 11 s) and 11 (t=12 s, at watermark 20 s) are late:
-- dropped by every query except `lateness`, which allows 5 s: it counts row 9 and routes row 11 to late_bids.
CREATE SOURCE bids (auction BIGINT, bidder BIGINT, price BIGINT, ts TIMESTAMP(3),
                    WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  FROM FILES (path = '${case}/bids.jsonl', format = 'json');

-- TUMBLE as a table function, default EMIT ON WINDOW CLOSE
CREATE STREAM tumble_close AS
  SELECT auction, window_start, window_end, COUNT(*) AS n, SUM(price) AS total
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end;

-- HOP, EMIT FINAL, no key
CREATE STREAM hop_final AS
  SELECT window_start, window_end, MAX(price) AS top, COUNT(*) AS n
  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
  GROUP BY window_start, window_end EMIT FINAL;

-- CUMULATE: 5 s steps inside 15 s windows
CREATE STREAM cumulate AS
  SELECT auction, window_start, window_end, SUM(price) AS total
  FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
  GROUP BY auction, window_start, window_end;

-- SESSION as a group function with its helpers; rows exactly one gap apart share a session
CREATE STREAM sessions AS
  SELECT bidder, SESSION_START(ts, INTERVAL '5' SECOND) AS s, SESSION_END(ts, INTERVAL '5' SECOND) AS e,
         COUNT(*) AS n
  FROM bids GROUP BY bidder, SESSION(ts, INTERVAL '5' SECOND);

-- TUMBLE with EMIT CHANGES: every change of an open window
CREATE STREAM tumble_changes AS
  SELECT window_start, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end EMIT CHANGES;

-- unbounded GROUP BY (EMIT CHANGES by default) with COUNT(DISTINCT), FILTER and HAVING
CREATE STREAM per_auction AS
  SELECT auction, COUNT(*) AS n, COUNT(DISTINCT bidder) AS bidders, SUM(price) FILTER (WHERE price > 10) AS big
  FROM bids GROUP BY auction HAVING COUNT(*) >= 2;

-- allowed lateness and late-data routing
CREATE STREAM lateness AS
  SELECT auction, window_start, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
  EMIT ON WINDOW CLOSE ALLOW LATENESS INTERVAL '5' SECOND LATE DATA TO late_bids;

-- cascades: a filter over a windowed stream, and a window over a windowed stream
CREATE STREAM big_windows AS SELECT auction, window_start, total FROM tumble_close WHERE total > 55;
CREATE STREAM per_20s AS
  SELECT window_start, window_end, SUM(n) AS n
  FROM TABLE(TUMBLE((SELECT window_start AS ws, n FROM tumble_close), DESCRIPTOR(ws), INTERVAL '20' SECOND))
  GROUP BY window_start, window_end;

-- a filter over an updating stream: an update that leaves the filter becomes a delete
CREATE STREAM small_auctions AS SELECT auction, n FROM per_auction WHERE n <= 3;

CREATE SINK tumble_close_out FROM tumble_close INTO FILES (path = '${out}/tumble_close.jsonl', format = 'json');
CREATE SINK hop_final_out FROM hop_final INTO FILES (path = '${out}/hop_final.jsonl', format = 'json');
CREATE SINK cumulate_out FROM cumulate INTO FILES (path = '${out}/cumulate.jsonl', format = 'json');
CREATE SINK sessions_out FROM sessions INTO FILES (path = '${out}/sessions.jsonl', format = 'json');
CREATE SINK tumble_changes_out FROM tumble_changes INTO FILES (path = '${out}/tumble_changes.jsonl', format = 'json');
CREATE SINK per_auction_out FROM per_auction INTO FILES (path = '${out}/per_auction.jsonl', format = 'json');
CREATE SINK lateness_out FROM lateness INTO FILES (path = '${out}/lateness.jsonl', format = 'json');
CREATE SINK late_bids_out FROM late_bids INTO FILES (path = '${out}/late_bids.jsonl', format = 'json');
CREATE SINK big_windows_out FROM big_windows INTO FILES (path = '${out}/big_windows.jsonl', format = 'json');
CREATE SINK per_20s_out FROM per_20s INTO FILES (path = '${out}/per_20s.jsonl', format = 'json');
CREATE SINK small_auctions_out FROM small_auctions INTO FILES (path = '${out}/small_auctions.jsonl', format = 'json');

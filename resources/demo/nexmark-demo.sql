-- The queries behind `bin/laminar demo`. The CLI fills in ${rate} (wall-clock events/s) and ${event_rate}
-- (event-time events/s; a tenth of the rate, so event time runs ten times faster than the clock).

CREATE SOURCE bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) FROM GENERATOR (kind = 'nexmark', table = 'bid', rate = ${rate}, 'event-rate' = ${event_rate});

-- Bids per auction in 10-second windows sliding every 2 seconds (the demo shows the five hottest per window).
CREATE STREAM hot_auctions AS
  SELECT auction, window_start, window_end, COUNT(*) AS bids
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end;

-- The highest bid in each 10-second window.
CREATE STREAM max_price AS
  SELECT TUMBLE_START(dateTime, INTERVAL '10' SECOND) AS window_start,
         TUMBLE_END(dateTime, INTERVAL '10' SECOND) AS window_end,
         MAX(price) AS max_price, COUNT(*) AS bids
  FROM bid
  GROUP BY TUMBLE(dateTime, INTERVAL '10' SECOND);

-- Each bidder's bursts of activity: a session ends after 10 seconds without a bid.
CREATE STREAM bidder_sessions AS
  SELECT bidder, window_start, window_end, COUNT(*) AS bids
  FROM TABLE(SESSION(TABLE bid, DESCRIPTOR(dateTime), DESCRIPTOR(bidder), INTERVAL '10' SECOND))
  GROUP BY bidder, window_start, window_end;

-- The same event stream's auctions, for a join.
CREATE SOURCE auction (
  id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT, dateTime TIMESTAMP(3),
  expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) FROM GENERATOR (kind = 'nexmark', table = 'auction', rate = ${rate}, 'event-rate' = ${event_rate});

-- Bids placed within 2 seconds of their auction opening: an interval join, whose state the watermark clears.
CREATE STREAM early_bids AS
  SELECT A.id AS auction, A.dateTime AS opened, B.price
  FROM auction A JOIN bid B ON B.auction = A.id AND B.dateTime BETWEEN A.dateTime AND A.dateTime + INTERVAL '2' SECOND;

-- ... counted per 10-second window of opening time (the join's rows keep the auction's event time).
CREATE STREAM early_bidding AS
  SELECT window_start, window_end, COUNT(*) AS bids, COUNT(DISTINCT auction) AS auctions, MAX(price) AS top_bid
  FROM TABLE(TUMBLE(TABLE early_bids, DESCRIPTOR(opened), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end;

-- B.dateTime BETWEEN A.dateTime AND A.expires: an interval join whose upper bound is each auction's own expiry, so
-- auctions leave the join's state when the watermark passes their expiry (Flink keeps them for ever)
CREATE STREAM q_out AS
  SELECT id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra,
         auction, bidder, price, bid_dateTime, bid_extra
  FROM (
    SELECT A.*, B.auction, B.bidder, B.price, B.dateTime AS bid_dateTime, B.extra AS bid_extra,
           ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC) AS rownum
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
  )
  WHERE rownum <= 1
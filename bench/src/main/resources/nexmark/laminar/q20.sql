-- regular (unbounded) join, as Flink runs it: every auction/person is kept for the whole run
SET 'state.unbounded' = 'allow';
CREATE STREAM q_out AS
  SELECT auction, bidder, price, channel, url, B.dateTime, B.extra,
         itemName, description, initialBid, reserve, A.dateTime AS auction_dateTime, expires, seller, category,
         A.extra AS auction_extra
  FROM bid AS B INNER JOIN auction AS A ON B.auction = A.id
  WHERE A.category = 10
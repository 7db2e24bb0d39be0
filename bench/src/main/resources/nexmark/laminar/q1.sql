CREATE STREAM q_out AS
  SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid

CREATE STREAM q_out AS
  SELECT auction, bidder, price, channel, url, dateTime, extra FROM bid

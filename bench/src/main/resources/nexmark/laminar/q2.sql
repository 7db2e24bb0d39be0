CREATE STREAM q_out AS
  SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0

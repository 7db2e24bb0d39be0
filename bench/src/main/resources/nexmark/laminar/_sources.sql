-- The Nexmark tables as GENERATOR sources over the first ${events} events of the stream (all kinds counted).
-- A source nothing reads never starts, so queries over bids only generate bids.
CREATE SOURCE bid (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) FROM GENERATOR (kind = 'nexmark', table = 'bid', events = ${events});

CREATE SOURCE auction (
  id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT, dateTime TIMESTAMP(3),
  expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) FROM GENERATOR (kind = 'nexmark', table = 'auction', events = ${events});

CREATE SOURCE person (
  id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR, state VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) FROM GENERATOR (kind = 'nexmark', table = 'person', events = ${events})

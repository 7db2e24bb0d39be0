-- SPLIT_INDEX(url, '/', 3..5) of the reference, with the functions Laminar has
CREATE STREAM q_out AS
  SELECT auction, bidder, price, channel,
    REGEXP_REPLACE(url, '^(?:[^/]*/){3}([^/]*).*$', '$1') AS dir1,
    REGEXP_REPLACE(url, '^(?:[^/]*/){4}([^/]*).*$', '$1') AS dir2,
    REGEXP_REPLACE(url, '^(?:[^/]*/){5}([^/]*).*$', '$1') AS dir3
  FROM bid

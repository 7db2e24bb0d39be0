-- B.dateTime BETWEEN A.dateTime AND A.expires: an interval join whose upper bound is each auction's own expiry, so
-- auctions leave the join's state when the watermark passes their expiry (Flink keeps them for ever)
CREATE STREAM q_out AS
  SELECT Q.category, AVG(Q.final) AS avg_final
  FROM (
    SELECT MAX(B.price) AS final, A.category
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
    GROUP BY A.id, A.category
  ) Q
  GROUP BY Q.category
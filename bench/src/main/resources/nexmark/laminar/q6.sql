-- q6: average selling price per seller over its last 10 closed auctions. Nexmark's own text (an OVER window over
-- the winning bids, grouped by a column it does not group by) is not valid SQL, and Flink cannot run it; written as
-- a top-N over the changelog of each auction's winning price, Laminar and Flink both run it, and its final state is
-- q6's answer once every auction has closed. Ties on expiry are broken by auction id, so the answer is unique.
CREATE STREAM q_out AS
  SELECT seller, AVG(final) AS avg_price FROM (
    SELECT id, seller, final, ROW_NUMBER() OVER (PARTITION BY seller ORDER BY expires DESC, id DESC) AS rn FROM (
      SELECT A.id, A.seller, A.expires, MAX(B.price) AS final
      FROM auction AS A JOIN bid AS B ON A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
      GROUP BY A.id, A.seller, A.expires) AS W) AS R
  WHERE rn <= 10
  GROUP BY seller

-- q6 as a top-N over the changelog of winning prices (see the Laminar text); Nexmark's own q6 does not run on Flink
SELECT seller, AVG(final) AS avg_price FROM (
  SELECT id, seller, final, ROW_NUMBER() OVER (PARTITION BY seller ORDER BY expires DESC, id DESC) AS rn FROM (
    SELECT A.id, A.seller, A.expires, MAX(B.price) AS final
    FROM auction AS A JOIN bid AS B ON A.id = B.auction AND B.`dateTime` BETWEEN A.`dateTime` AND A.expires
    GROUP BY A.id, A.seller, A.expires) AS W) AS R
WHERE rn <= 10
GROUP BY seller

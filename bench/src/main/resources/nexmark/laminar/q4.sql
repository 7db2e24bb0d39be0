-- regular (unbounded) join, as Flink runs it: every auction/person is kept for the whole run
SET 'state.unbounded' = 'allow';
CREATE STREAM q_out AS
  SELECT Q.category, AVG(Q.final) AS avg_final
  FROM (
    SELECT MAX(B.price) AS final, A.category
    FROM auction A, bid B
    WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires
    GROUP BY A.id, A.category
  ) Q
  GROUP BY Q.category
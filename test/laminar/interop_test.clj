(ns laminar.interop-test
  "The Java facade from Clojure: no reflection, rows as maps, errors carry ex-data."
  (:require [clojure.test :refer [deftest is testing]])
  (:import (io.laminar Laminar Config LaminarException ResultBatch SourceWriter)
           (java.time Instant)))

(set! *warn-on-reflection* true)

(deftest windowed-query-from-clojure
  (with-open [db (Laminar/open (.cores (Config.) 1))]
    (.execute db "CREATE SOURCE bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
                  CREATE STREAM per10 AS SELECT auction, COUNT(*) AS n
                    FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                    GROUP BY auction, window_start, window_end")
    (let [out (atom [])
          _   (.subscribe db "per10" (reify java.util.function.Consumer
                                       (accept [_ b] (swap! out into (.toMaps ^ResultBatch b)))))
          ^SourceWriter w (.writer db "bids")]
      (.write w ^java.util.Map {"auction" 1 "price" 10 "ts" (Instant/parse "2026-01-01T00:00:01Z")})
      (.write w ^java.util.Map {"auction" 1 "price" 20 "ts" #inst "2026-01-01T00:00:02Z"})
      (.finish w)
      (.awaitIdle db)
      (is (= [{"auction" 1 "n" 2}] (mapv #(into {} %) @out))))))

(deftest errors-carry-ex-data
  (with-open [db (Laminar/open)]
    (let [e (try (.execute db "CREATE STREAM s AS SELECT * FROM nowhere") nil
                 (catch LaminarException e e))]
      (is (some? e))
      (is (= "LDB-1002" (:laminar/code (ex-data e))))
      (is (= :incorrect (:laminar/category (ex-data e)))))))

(ns laminar.plan-equality-test
  "A map compiles to exactly the plan its SQL does — in both directions, over the whole example corpus."
  (:require [clojure.test :refer [deftest is testing]]
            [laminar.core :as l]
            [laminar.examples :as ex]))

(set! *warn-on-reflection* true)

(defn- db-with-sources ^java.io.Closeable []
  (let [db (l/open {:cores 1})]
    (doseq [s ex/sources] (l/create! db s))
    db))

(deftest every-example-map-plans-like-its-rendered-sql
  (with-open [db (db-with-sources)]
    (doseq [{:keys [name map]} ex/examples]
      (testing name
        (let [plan (l/explain db map)]
          (is (seq (:operators plan)))
          (is (= plan (l/explain db (l/->sql map)))))))))

(deftest hand-written-sql-plans-like-its-map
  (with-open [db (db-with-sources)]
    (doseq [{:keys [name map sql]} ex/examples :when sql]
      (testing name
        (is (= (l/explain db sql) (l/explain db map)))))))

(deftest plans-differ-when-maps-differ
  ;; guards against an explain that returns the same data for everything
  (with-open [db (db-with-sources)]
    (let [m (ex/by-name "hot items: HOP window, filter, count")]
      (is (not= (l/explain db m) (l/explain db (assoc m :where [:> :price 101]))))
      (is (not= (l/explain db m) (l/explain db (assoc m :emit :final))))
      (is (not= (l/explain db m) (l/explain db (assoc-in m [:window :window/size] [20 :seconds])))))))

(deftest explain-is-data
  (with-open [db (db-with-sources)]
    (let [plan (l/explain db (ex/by-name "hot items: HOP window, filter, count"))]
      (is (= [:calc :window-aggregate :exchange :calc :scan] (mapv :operator (:operators plan))))
      (is (= {:columns [[:auction "BIGINT"] [:window-end "TIMESTAMP(3)"] [:num "BIGINT"]] :changelog :append-only
              :rowtime :window-end}
             (:output plan)))
      (is (= :updating (get-in (l/explain db (ex/by-name "unbounded GROUP BY (a changelog)")) [:output :changelog]))))))

(ns laminar.notebooks-test
  "Every notebook is loaded (which runs it, top to bottom) and its results are checked, so notebooks never rot."
  (:require [clojure.test :refer [deftest is]]))

(defn- run-notebook [ns-sym]
  (require ns-sym :reload)
  (fn [v] @(ns-resolve ns-sym v)))

(deftest quickstart
  (let [v (run-notebook 'laminar.notebooks.quickstart)]
    (is (= #{{:auction 1 :window-end (java.time.Instant/parse "2026-01-01T00:00:10Z") :bids 2}
             {:auction 2 :window-end (java.time.Instant/parse "2026-01-01T00:00:20Z") :bids 1}}
           (set @(v 'results))))
    (is (.startsWith ^String (v 'hot-items-sql) "CREATE STREAM hot_items AS SELECT"))
    (is (= [:calc :window-aggregate :exchange :calc :scan] (mapv :operator (:operators (v 'plan)))))))

(deftest windows-and-watermarks
  (let [v (run-notebook 'laminar.notebooks.windows)
        at #(java.time.Instant/parse (str "2026-01-01T00:00:" % "Z"))]
    (is (= {:tumble 0 :hop 1 :session 0} (v 'before-watermark)))
    (is (= [{:window-end (at "04") :n 3}] (:tumble (v 'after-watermark))))
    (is (= [{:window-end (at "02") :n 1} {:window-end (at "04") :n 3}] (:hop (v 'after-watermark))))
    (is (= [] (:session (v 'after-watermark))) "the session is still open: its gap has not passed")
    (is (= 1 (v 'late-dropped)))
    (is (= [{:window-start (at "01") :window-end (at "06") :n 3 :avg 24.0}] (:session (v 'final-results))))))

(deftest nexmark-exploration
  (let [v (run-notebook 'laminar.notebooks.nexmark)]
    (is (= 18400 @(v 'q1-rows)) "92% of 20,000 events are bids")
    (is (seq (v 'busiest)))
    (is (every? #(>= (:bids %) 5) (v 'busiest)))
    (is (= 18400 (reduce + (map :bids (v 'channels)))))))

(deftest dev-user-helpers
  (require 'user)
  (let [db ((resolve 'user/db))
        seen (atom [])
        tap #(swap! seen conj %)]
    (try
      (add-tap tap)
      ((resolve 'user/sql) {:source/name :s :source/columns [[:x :bigint]]})
      (laminar.core/create! db {:source/name :s :source/columns [[:x :bigint]]})
      ((resolve 'user/watch) :s)
      (laminar.core/insert! db :s {:x 1})
      (laminar.core/await-idle db)
      (loop [i 0] (when (and (empty? @seen) (< i 100)) (Thread/sleep 10) (recur (inc i))))
      (is (= [{:x 1}] @seen))
      (is (= :duration (:type ((resolve 'user/key-doc) :window/size))))
      (is (re-find #"LDB-6001" (with-out-str ((resolve 'user/why)
                                              (try (laminar.core/->sql {:source/name :s :source/colums []})
                                                   (catch Exception e e))))))
      (finally
        (remove-tap tap)
        ((resolve 'user/reset-db!))))))
